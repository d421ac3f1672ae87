"""The layer view (paper 5.3): channel capacity between the channels of two layers.

A heatmap of :func:`~cnnslicer_widgets.estimators.channel_capacity` between the first two
layers of the shared selection at its epoch: source channels (``layers[0]``) across,
target channels (``layers[1]``) down. Rows and columns sort by their max or mean (5.3.2);
clicking a cell shows the two channels' feature maps for a few probe images.

The matrix of the selected epoch comes first. In a kernel, a new matrix is counted a block
of source channels at a time (:mod:`~cnnslicer_widgets.estimators._capacity_blocks`): what
:data:`STEP_SECONDS` counts is sent at once, exact, with the columns still to come in grey
and the view saying "refining" (``info["refining"]``); the rest follows in steps while the
kernel is idle (widgets/_idle.py), so a Query or a click waits for one step at most. Then
the view computes the pair's other epochs the same way and sends them ahead
(:attr:`LayerView.stack`), so the epoch slider redraws in the browser without asking the
kernel. Side by side
(:attr:`LayerView.compare`), the same pair at other epochs or other pairs (paper Fig.
10-12), on one colour scale.
"""

from __future__ import annotations

import math
import os
from functools import partial
from typing import Any

import numpy as np
import traitlets
import xarray as xr

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.estimators import sort_capacity
from cnnslicer_widgets.widgets._base import CubeView, snap_epoch
from cnnslicer_widgets.widgets._capacity_cache import CapacityCache, CapacityWork
from cnnslicer_widgets.widgets._display import (
    check_layer,
    group_positions,
)
from cnnslicer_widgets.widgets._idle import Steps
from cnnslicer_widgets.widgets._layer_panel import update_panel
from cnnslicer_widgets.widgets._projections import Projector, check_n_images
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array

__all__ = ["LayerView"]

_WATCHED = ("layers", "epoch", "sample_group")
STACK_BYTES = 48 * 2**20
"""The most the matrices sent ahead for the slider may take (float32)."""
STEP_SECONDS = 0.12
"""Counting time of one step of a matrix in a kernel (the rest follows a step at a time
while the kernel is idle, before the other views' work)."""
FIRST_SECONDS = 0.05
"""Binning and counting time before a new matrix is first sent (at least 4 channels)."""


class LayerView(CubeView):
    """Channel-capacity heatmap between two layers, with an epoch slider and sorting.

    Reads ``selection.layers[0]`` (source, horizontal axis) and ``selection.layers[1]``
    (target, vertical axis), ``selection.epoch`` and ``selection.sample_group`` (the
    samples X of the capacity). Writes ``selection.epoch`` (slider) and
    ``selection.hovered`` (a ``"cell"`` item while the pointer is over the heatmap).
    ``selection.channels`` are marked on both axes, not filtered. Colour: reversed
    viridis from 0 to the matrix's own maximum (or ``vmax``): brighter = lower capacity,
    as in the paper; the legend gives the numbers.

    Parameters
    ----------
    cube : Hypercube or path
        The run: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a store path.
    selection : Selection, optional
        The shared selection (a new one if omitted).
    model : torch.nn.Module, optional
        The recorded model's architecture; when given, a clicked cell also shows the
        deconvnet projections of both channels (with the weights of the shown epoch).
    n_images : int, default 4
        Probe images shown for a clicked cell (one per class in turn).
    sort_by : {"max", "mean", "none"}, default "max"
        Initial order of rows and columns (the view's buttons change it).
    bins, max_pairs, seed
        Passed to :func:`~cnnslicer_widgets.estimators.channel_capacity`.
    vmax : float, optional
        Top of the colour scale in bits; default each matrix's own maximum.
    cache_size : int, default 64
        Capacity matrices kept (least recently used dropped first).

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then compare two layers:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(20, 1, 28, 28), torch.arange(20) % 10
    >>> with Recorder(model, (x, y), path, epochs=1, layers=case_study_layers(model),
    ...               progress=False, verbose=False) as rec:
    ...     _ = rec.epoch_end(1, loss=1.0)
    >>> view = LayerView(path, Selection(layers=["conv1", "conv2"], epoch=1))
    >>> view.capacity.shape, view.info["source"], view.info["target"]
    ((16, 6), 'conv1', 'conv2')
    >>> view.selection.layers = ["conv1"]
    >>> view.message.splitlines()[0]
    'One layer selected (conv1): the layer view needs two.'
    """

    _esm = static_file("layer.js")

    capacity = Array(dtype="float32", ndim=2).tag(sync=True)
    """Channel capacity in bits, shape (target channels, source channels), in channel order
    (the display order is :attr:`row_order` / :attr:`column_order`); ``None`` when nothing
    is shown."""

    column_order = Array(dtype="int32", ndim=1).tag(sync=True)
    """Source channel shown in each column, left to right (the sort of :attr:`sort_by`)."""

    row_order = Array(dtype="int32", ndim=1).tag(sync=True)
    """Target channel shown in each row, top to bottom."""

    sort_by = traitlets.Enum(("max", "mean", "none"), "max").tag(sync=True)
    """Order of rows and columns: by their max or mean capacity (largest first), or
    channel order; the view's buttons write it."""

    info = traitlets.Dict().tag(sync=True)
    """What :attr:`capacity` holds: ``source``, ``target`` (layer names), ``epoch`` (shown),
    ``requested_epoch``, ``sample_group``, ``n_samples``, ``bins``, ``vmin``, ``vmax``
    (colour scale), ``cached`` (epochs computed for this pair and group), ``compute_ms``,
    ``notes`` (sentences shown under the heatmap), ``refining`` (``{"done", "total"}``
    source channels counted while the matrix is still being counted: the other columns
    are NaN; ``{}`` when complete)."""

    status = traitlets.Unicode("").tag(sync=True)
    """Set while the kernel computes, e.g. ``"Computing channel capacity ..."``; "" when
    idle. The view greys the heatmap and shows it."""

    picked = traitlets.List(traitlets.Int()).tag(sync=True)
    """``[source_channel, target_channel]`` of the clicked cell, or ``[]``."""

    picked_info = traitlets.Dict().tag(sync=True)
    """About the images of :attr:`picked`: ``source``, ``target``, ``source_channel``,
    ``target_channel``, ``epoch``, ``value`` (bits), ``source_range`` / ``target_range``
    (the display scale of each map row), ``deconv`` (whether projections are sent) and
    ``note`` (why not, or an error)."""

    probe_images = Array(dtype="uint8", ndim=4).tag(sync=True)
    """The probe images of the panel, (n, H, W, C) uint8, C = 1 or 3."""

    probe_labels = Array(dtype="int32", ndim=1).tag(sync=True)
    """Class of each probe image."""

    source_maps = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Feature maps of the picked source channel, (n, h, w, 1) uint8 on one scale."""

    target_maps = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Feature maps of the picked target channel, (n, h, w, 1) uint8 on one scale."""

    source_deconv = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Deconvnet projections of the source channel (needs ``model=``), 0 = mid grey."""

    target_deconv = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Deconvnet projections of the target channel (needs ``model=``)."""

    layer_choices = traitlets.List(traitlets.Dict()).tag(sync=True)
    """The layers the pair can be chosen from (recorded raw): ``{"name", "channels"}``, in
    forward order; the view's source and target menus list them."""

    stack = Array(dtype="float32", ndim=3).tag(sync=True)
    """The shown pair's matrices at the epochs computed so far, (epoch, target, source),
    epochs as in :attr:`stack_info`; the slider draws from it without the kernel."""

    stack_info = traitlets.Dict().tag(sync=True)
    """About :attr:`stack`: ``source``, ``target``, ``sample_group``, ``epochs``."""

    compare = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Matrices shown beside the main one: ``[{"source", "target", "epoch"}, ...]`` (the
    same pair at other epochs, paper Fig. 10-11, or other pairs, Fig. 12); the view's
    "compare" buttons and menus write it."""

    compare_data = Array(dtype="float32", ndim=1).tag(sync=True)
    """The :attr:`compare` matrices, each (target, source) in channel order, one after
    the other (see :attr:`compare_info`)."""

    compare_info = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Per :attr:`compare` entry: ``source``, ``target``, ``epoch`` (shown), ``rows``,
    ``cols``, ``offset`` (into :attr:`compare_data`), ``max``, and ``state``
    (``"ready"``, ``"computing"``, or a sentence saying why not)."""

    def __init__(
        self,
        cube: Hypercube | str | os.PathLike,
        selection: Selection | None = None,
        *,
        model: Any = None,
        n_images: int = 4,
        sort_by: str = "max",
        bins: int = 32,
        max_pairs: int | None = None,
        seed: int = 0,
        vmax: float | None = None,
        cache_size: int = 64,
    ) -> None:
        super().__init__(cube, selection, sort_by=sort_by)
        self.model = model
        """The model for deconvnet projections, or None."""
        self.n_images = check_n_images(n_images)
        self._projector = Projector(self.cube, model)
        self._capacity_kwargs: dict[str, Any] = {"bins": bins, "max_pairs": max_pairs,
                                                 "seed": seed}
        self._vmax = None if vmax is None else float(vmax)
        self._cache = CapacityCache(cache_size)
        self._work = CapacityWork(self._capacity_kwargs)
        self._steps = Steps(on_error=self._step_failed)
        self.layer_choices = [{"name": lay.name, "channels": int(lay.shape[0])}
                              for lay in self.cube.all_layers
                              if getattr(lay, "stored", "raw") == "raw" and lay.name in set(self.cube.layers)]  # fmt: skip
        self.observe(self._on_sort, names="sort_by")
        self.observe(lambda _c: self._update_compare(), names="compare")
        self.observe(self._on_picked, names="picked")
        self.follow(_WATCHED, self._on_selection)
        self._update()

    # -- public -----------------------------------------------------------------------
    def capacity_matrix(self, epoch: int | None = None) -> xr.DataArray:
        """The capacity DataArray of the selected layer pair (at ``epoch``, default the
        shown one), computed or from the cache; dims (target_channel, source_channel)."""
        source, target = self.selection.layers[:2]
        shown = self.info.get("epoch") if epoch is None else epoch
        if shown is None:
            raise ValueError("no capacity matrix is shown: select two layers first")
        return self._matrix(source, target, int(shown), self.selection.sample_group)

    def precompute(self, epochs: list[int] | None = None) -> None:
        """Fill the cache for the selected pair at ``epochs`` (default all), so the slider
        never waits."""
        source, target = self.selection.layers[:2]
        for epoch in self.cube.epochs if epochs is None else epochs:
            self._matrix(source, target, int(epoch), self.selection.sample_group)
        self._update()

    def prepare(self, layers: list[str], epoch: int) -> None:
        """Count, while the kernel is idle, the matrix of a pair about to be shown (the app
        passes the query view's pending pair), so that the Query finds it counted or
        partly counted; in 0.12 s steps that go before the other views' background work
        (a Query then waits for one such step, not for a long step of another view).
        No-op outside a kernel, for fewer than two layers, or when cached."""
        if len(layers) < 2 or not self._steps.deferred or not self.cube.epochs:
            return
        source, target = layers[:2]
        if check_layer(self.cube, source) or check_layer(self.cube, target):
            return
        key = (source, target, snap_epoch(int(epoch), self.cube.epochs)[0],
               self.selection.sample_group)  # fmt: skip
        self._steps.discard(lambda k: k[0] != "prepare")
        shown = (self.info.get("source"), self.info.get("target"), self.info.get("epoch"),
                 self.info.get("sample_group"))  # fmt: skip
        if key != shown and self._cache.look(key) is None:
            self._steps.add(("prepare", *key), partial(self._prepare_step, key), first=True,
                            urgent=True)  # before the other views' work: a Query may follow

    def _prepare_step(self, key: tuple[str, str, int, str]) -> None:
        positions = group_positions(self.cube, key[3], key[2])
        if len(positions) >= 2 and _refining(
            self._matrix(*key, positions=positions, quiet=True, seconds=STEP_SECONDS)
        ):
            self._steps.add(("prepare", *key), partial(self._prepare_step, key), urgent=True)

    @property
    def cache_hits(self) -> int:
        """How many matrices came from the cache (for tests and the curious)."""
        return self._cache.hits

    def clear_cache(self) -> None:
        """Forget every computed matrix."""
        self._cache.clear()
        self._work.clear()

    def compute_now(self) -> None:
        """Compute now what the view would compute while the kernel is idle (the shown
        pair's other epochs, the compared matrices)."""
        self._steps.run_all()

    def _step_failed(self, err: BaseException) -> None:
        self.info = {**self.info, "notes": [*self.info.get("notes", []),
                                            f"A computation failed: {type(err).__name__}: {err}"]}

    # -- reacting ---------------------------------------------------------------------
    def _on_selection(self, change: dict[str, Any]) -> None:
        if change["name"] == "layers" and self.picked:
            old, new = list(change["old"] or [])[:2], list(change["new"] or [])[:2]
            if old != new:
                self.picked = []
        self._update()

    def _on_sort(self, _change: dict[str, Any]) -> None:
        if self.info.get("refining"):  # sorted as counted so far; the next step resorts
            self._update()
        elif self.capacity is not None:
            self._show(self.capacity_matrix(), self.info)

    def _on_picked(self, _change: dict[str, Any]) -> None:
        self._update_panel()

    def _update(self) -> None:
        problem, pair = self._pair()
        if problem or pair is None:
            self._steps.clear()
            with self.hold_sync():
                self.message, self.capacity, self.status = problem, None, ""
                self.stack, self.stack_info = None, {}
            return
        source, target = pair
        epoch, notes = self._snap_epoch()
        group = self.selection.sample_group
        positions = group_positions(self.cube, group, epoch)
        if len(positions) < 2:
            self.message = (
                f"The sample group {group!r} holds {len(positions)} probe sample(s) at epoch "
                f"{epoch}; channel capacity needs at least 2. Choose another sample group."
            )
            self.capacity = None
            return
        started = (source, target, epoch, group) in self._work.seconds
        seconds = (STEP_SECONDS if started else FIRST_SECONDS) if self._steps.deferred else math.inf
        try:
            cap = self._matrix(source, target, epoch, group, positions=positions, seconds=seconds)
        except (ValueError, MemoryError, KeyError) as err:
            self.status, self.capacity = "", None
            self.message = f"Channel capacity of {source} and {target} failed: {err}"
            return
        notes += _shape_notes(cap, source, target)
        if len(self.selection.layers) > 2:
            notes.append(
                f"{len(self.selection.layers)} layers are selected: showing the first two."
            )
        refining = _refining(cap)
        if refining:
            notes.append(
                f"Refining: {refining['done']} of {refining['total']} source channels counted "
                "so far (exact); the grey columns fill in as the kernel counts the rest."
            )
            self._steps.add(("refine", source, target, group, epoch),
                            partial(self._refine_step, (source, target, epoch, group)),
                            first=True, urgent=True)  # fmt: skip
        info = {**self._info(cap, epoch, group, len(positions), notes), "refining": refining}
        self._show(cap, info)
        if self.picked:
            self._update_panel()
        self._prefetch(source, target, group, positions)
        self._update_compare()

    def _refine_step(self, key: tuple[str, str, int, str]) -> None:
        """Count the shown matrix a step further and send it (if it is still shown)."""
        m = self.info
        if key == (m.get("source"), m.get("target"), m.get("epoch"), m.get("sample_group")):
            self._update()

    def _pair(self) -> tuple[str, tuple[str, str] | None]:
        layers = list(self.selection.layers)
        if not self.cube.epochs:
            return (
                "No complete epoch in this store yet: the view shows the run once an "
                "epoch is recorded (press Look again).",
                None,
            )
        if not layers:
            return (
                "No layers selected: the layer view compares two. Choose a source layer "
                "(across) and a target layer (down) below, or in the query view."
            ), None
        if len(layers) == 1:
            return (
                f"One layer selected ({layers[0]}): the layer view needs two.\n"
                "Choose a target layer below to compare it with."
            ), None
        for name in layers[:2]:
            problem = check_layer(self.cube, name)
            if problem:
                return problem, None
        return "", (layers[0], layers[1])

    # -- computing --------------------------------------------------------------------
    def _matrix(
        self, source: str, target: str, epoch: int, group: str, *, positions: Any = None,
        quiet: bool = False, seconds: float = math.inf,
    ) -> xr.DataArray:
        """The matrix of the key: from the cache, else counted for about ``seconds`` more
        (all of it by default); until finished, source channels not counted yet are NaN
        and ``attrs["channels_done"]`` says how many are."""
        key = (source, target, epoch, group)
        cap = self._cache.get(key)
        if cap is not None:
            return cap
        if positions is None:
            positions = group_positions(self.cube, group, epoch)
        c_s, c_t = (self.cube.activations(n).sizes["channel"] for n in (source, target))
        if not quiet:
            self.status = (
                f"Computing channel capacity {source} ({c_s} channels) x {target} "
                f"({c_t} channels) at epoch {epoch} over {len(positions)} samples..."
            )
        try:
            job = self._work.advance(key, partial(self._maps, epoch, positions), seconds)
        finally:
            if not quiet:
                self.status = ""
        cap = job.matrix()
        if job.complete:
            cap.attrs["compute_ms"] = round(1000 * self._work.seconds[key], 1)
            self._cache.put(key, cap)
            self._work.forget(key)
        return cap

    def _maps(self, epoch: int, positions: Any, name: str) -> xr.DataArray:
        """A layer's maps at ``epoch`` over ``positions``, read in 16 MiB dask chunks (the
        store's 1 MiB chunks cost ~0.25 s of dask overhead for a 256-channel layer)."""
        return self.cube.activations(name, chunk_mib=16).sel(epoch=epoch).isel(x=positions)

    def _info(
        self, cap: xr.DataArray, epoch: int, group: str, n: int, notes: list[str]
    ) -> dict[str, Any]:
        source, target = self.selection.layers[:2]
        values = np.asarray(cap.values)
        top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
        cached = self._cache.epochs(source, target, group)
        return {
            "source": source,
            "target": target,
            "epoch": epoch,
            "requested_epoch": int(self.selection.epoch),
            "sample_group": group,
            "n_samples": n,
            "bins": int(cap.attrs.get("bins", self._capacity_kwargs["bins"])),
            "vmin": 0.0,
            "vmax": self._vmax if self._vmax is not None else top,
            "max": top,
            "cached": cached,
            "compute_ms": cap.attrs.get("compute_ms"),
            "notes": notes,
        }

    def _show(self, cap: xr.DataArray, info: dict[str, Any]) -> None:
        if self.sort_by == "none":
            cols = list(range(cap.sizes["source_channel"]))
            rows = list(range(cap.sizes["target_channel"]))
        else:
            ordered = sort_capacity(cap, by=self.sort_by)
            pos = {d: {c: i for i, c in enumerate(cap[d].values.tolist())} for d in cap.dims}
            cols = [pos["source_channel"][c] for c in ordered.source_channel.values.tolist()]
            rows = [pos["target_channel"][c] for c in ordered.target_channel.values.tolist()]
        with self.hold_sync():
            self.message = ""
            self.capacity = np.asarray(cap.values, dtype=np.float32)
            self.column_order = np.asarray(cols, dtype=np.int32)
            self.row_order = np.asarray(rows, dtype=np.int32)
            self.info = {**info, "sort_by": self.sort_by}

    # -- ahead of time: the slider's epochs, the compared matrices ---------------------
    def _prefetch(self, source: str, target: str, group: str, positions: Any) -> None:
        """Queue the pair's other epochs (nearest first) and send those computed."""
        shown = int(self.info["epoch"])
        self._steps.discard(lambda key: key[0] not in ("epoch", "refine")
                            or key[1:4] == (source, target, group)
                            and (key[0] == "epoch" or key[4] == shown))  # fmt: skip
        size = 4 * int(self.capacity.size) if self.capacity is not None else 0
        epochs = [int(e) for e in self.cube.epochs]
        if size * len(epochs) > STACK_BYTES:  # too large to send all ahead: the neighbours
            near = sorted(epochs, key=lambda e: abs(e - shown))[: max(1, STACK_BYTES // size)]
            epochs = sorted(near)
        for e in sorted(epochs, key=lambda e: (abs(e - shown), e)):
            if not self._steps.deferred:  # no browser to send ahead to: only what is cached
                break
            if self._cache.look((source, target, e, group)) is None:
                self._steps.add(("epoch", source, target, group, e),
                                partial(self._stack_step, source, target, group, e, positions))
        self._send_stack(source, target, group, epochs)

    def _stack_step(self, source: str, target: str, group: str, epoch: int, positions: Any) -> None:
        if list(self.selection.layers[:2]) != [source, target] or self.selection.sample_group != group:
            return
        if self.selection.sample_group != "all":  # a group's samples depend on the epoch
            positions = group_positions(self.cube, group, epoch)
        if len(positions) >= 2:
            cap = self._matrix(source, target, epoch, group, positions=positions, quiet=True,
                               seconds=STEP_SECONDS)  # fmt: skip
            if _refining(cap):  # on in the next step, first: the nearest epoch finishes first
                self._steps.add(("epoch", source, target, group, epoch),
                                partial(self._stack_step, source, target, group, epoch, positions),
                                first=True)  # fmt: skip
                return
        self._send_stack(source, target, group, [int(e) for e in self.stack_info.get("want", [])])

    def _send_stack(self, source: str, target: str, group: str, want: list[int]) -> None:
        found = [(e, self._cache.look((source, target, e, group))) for e in want]
        have = [e for e, m in found if m is not None]
        mats = [m for _, m in found if m is not None]
        with self.hold_sync():
            self.stack = (np.stack([np.asarray(m.values, np.float32) for m in mats])
                          if mats else None)  # fmt: skip
            self.stack_info = {"source": source, "target": target, "sample_group": group,
                               "epochs": have, "want": want}  # fmt: skip

    def _update_compare(self) -> None:
        """Compute (now if cached, else while idle) and send the compared matrices."""
        group = self.selection.sample_group
        out, parts, offset = [], [], 0
        names = {c["name"] for c in self.layer_choices}
        for k, item in enumerate(self.compare):
            source, target = str(item.get("source", "")), str(item.get("target", ""))
            try:
                epoch = int(item.get("epoch", self.selection.epoch))
            except (TypeError, ValueError):
                epoch = int(self.selection.epoch)
            shown, _ = snap_epoch(epoch, self.cube.epochs) if self.cube.epochs else (epoch, [])
            entry: dict[str, Any] = {"source": source, "target": target, "epoch": shown}
            if source not in names or target not in names:
                entry["state"] = f"Choose two recorded layers (got {source!r}, {target!r})."
            else:
                cap = self._cache.look((source, target, shown, group))
                if cap is None and not self._steps.deferred:  # no kernel loop: now
                    positions = group_positions(self.cube, group, shown)
                    if len(positions) >= 2:
                        cap = self._matrix(source, target, shown, group, positions=positions,
                                           quiet=True)  # fmt: skip
                if cap is None:
                    entry["state"] = "computing"
                    self._steps.add(("compare", source, target, shown, group),
                                    partial(self._compare_step, source, target, shown, group),
                                    first=True)  # fmt: skip
                else:
                    values = np.asarray(cap.values, np.float32)
                    finite = values[np.isfinite(values)]
                    entry.update(state="ready", rows=values.shape[0], cols=values.shape[1],
                                 offset=offset, max=float(finite.max()) if finite.size else 0.0)  # fmt: skip
                    parts.append(values.ravel())
                    offset += values.size
            entry["index"] = k
            out.append(entry)
        with self.hold_sync():
            self.compare_data = np.concatenate(parts) if parts else None
            self.compare_info = out

    def _compare_step(self, source: str, target: str, epoch: int, group: str) -> None:
        positions = group_positions(self.cube, group, epoch)
        if len(positions) >= 2:
            cap = self._matrix(source, target, epoch, group, positions=positions, quiet=True,
                               seconds=STEP_SECONDS)  # fmt: skip
            if _refining(cap):
                self._steps.add(("compare", source, target, epoch, group),
                                partial(self._compare_step, source, target, epoch, group),
                                first=True)  # fmt: skip
                return
        self._update_compare()

    # -- the clicked cell -------------------------------------------------------------
    def _update_panel(self) -> None:
        update_panel(self)


def _shape_notes(cap: xr.DataArray, source: str, target: str) -> list[str]:
    notes = []
    for name, dim in ((source, "source_channel"), (target, "target_channel")):
        if cap.sizes[dim] == 1:
            notes.append(
                f"{name} has a single channel, so the matrix has a single "
                f"{'column' if dim == 'source_channel' else 'row'}."
            )
    return notes


def _refining(cap: xr.DataArray) -> dict[str, int]:
    """``{"done", "total"}`` source channels of a matrix still being counted, else {}."""
    if "channels_done" not in cap.attrs:
        return {}
    return {"done": int(cap.attrs["channels_done"]), "total": int(cap.sizes["source_channel"])}
