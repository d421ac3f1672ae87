"""The layer view (paper 5.3): channel capacity between the channels of two layers.

A heatmap of :func:`~cnnslicer_widgets.estimators.channel_capacity` between the first two
layers of the shared selection at its epoch: source channels (``layers[0]``) across,
target channels (``layers[1]``) down. Rows and columns sort by their max or mean (5.3.2);
clicking a cell shows the two channels' feature maps for a few probe images.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np
import traitlets
import xarray as xr

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.estimators import channel_capacity, sort_capacity
from cnnslicer_widgets.widgets._base import CubeView
from cnnslicer_widgets.widgets._capacity_cache import CapacityCache
from cnnslicer_widgets.widgets._display import (
    check_layer,
    group_positions,
    images_to_uint8,
    maps_to_uint8,
    pick_probes,
    signed_to_uint8,
)
from cnnslicer_widgets.widgets._projections import Projector, check_n_images
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array

__all__ = ["LayerView"]

_WATCHED = ("layers", "epoch", "sample_group")


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
    >>> from cnnslicer_widgets.record import Recorder
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
    ``notes`` (sentences shown under the heatmap)."""

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
        self.observe(self._on_sort, names="sort_by")
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

    @property
    def cache_hits(self) -> int:
        """How many matrices came from the cache (for tests and the curious)."""
        return self._cache.hits

    def clear_cache(self) -> None:
        """Forget every computed matrix."""
        self._cache.clear()

    # -- reacting ---------------------------------------------------------------------
    def _on_selection(self, change: dict[str, Any]) -> None:
        if change["name"] == "layers" and self.picked:
            old, new = list(change["old"] or [])[:2], list(change["new"] or [])[:2]
            if old != new:
                self.picked = []
        self._update()

    def _on_sort(self, _change: dict[str, Any]) -> None:
        if self.capacity is not None:
            self._show(self.capacity_matrix(), self.info)

    def _on_picked(self, _change: dict[str, Any]) -> None:
        self._update_panel()

    def _update(self) -> None:
        problem, pair = self._pair()
        if problem or pair is None:
            with self.hold_sync():
                self.message, self.capacity, self.status = problem, None, ""
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
        try:
            cap = self._matrix(source, target, epoch, group, positions=positions)
        except (ValueError, MemoryError, KeyError) as err:
            self.status, self.capacity = "", None
            self.message = f"Channel capacity of {source} and {target} failed: {err}"
            return
        notes += _shape_notes(cap, source, target)
        if len(self.selection.layers) > 2:
            notes.append(
                f"{len(self.selection.layers)} layers are selected: showing the first two."
            )
        info = self._info(cap, epoch, group, len(positions), notes)
        self._show(cap, info)
        if self.picked:
            self._update_panel()

    def _pair(self) -> tuple[str, tuple[str, str] | None]:
        layers = list(self.selection.layers)
        if not self.cube.epochs:
            return (
                "No complete epoch in this store yet: record one, then call view.refresh().",
                None,
            )
        if not layers:
            return (
                "No layers selected: choose two layers (source, then target), e.g. in the "
                "query view or with selection.layers = ['conv1', 'conv2']."
            ), None
        if len(layers) == 1:
            return (
                f"One layer selected ({layers[0]}): the layer view needs two.\n"
                f"Add a target layer, e.g. selection.layers = [{layers[0]!r}, '<another layer>']."
            ), None
        for name in layers[:2]:
            problem = check_layer(self.cube, name)
            if problem:
                return problem, None
        return "", (layers[0], layers[1])

    # -- computing --------------------------------------------------------------------
    def _matrix(
        self, source: str, target: str, epoch: int, group: str, *, positions: Any = None
    ) -> xr.DataArray:
        key = (source, target, epoch, group)
        cap = self._cache.get(key)
        if cap is not None:
            return cap
        if positions is None:
            positions = group_positions(self.cube, group, epoch)
        c_s, c_t = (self.cube.activations(n).sizes["channel"] for n in (source, target))
        self.status = (
            f"Computing channel capacity {source} ({c_s} channels) x {target} ({c_t} channels) "
            f"at epoch {epoch} over {len(positions)} samples..."
        )
        start = time.perf_counter()
        try:
            acts = [self.cube.activations(n).sel(epoch=epoch).isel(x=positions) for n in key[:2]]
            cap = channel_capacity(*acts, progress=False, **self._capacity_kwargs)
        finally:
            self.status = ""
        cap.attrs["compute_ms"] = round(1000 * (time.perf_counter() - start), 1)
        self._cache.put(key, cap)
        return cap

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

    # -- the clicked cell -------------------------------------------------------------
    def _update_panel(self) -> None:
        if len(self.picked) != 2 or self.capacity is None:
            self._clear_panel()
            return
        source, target = self.info["source"], self.info["target"]
        s, t = (int(c) for c in self.picked)
        epoch = int(self.info["epoch"])
        if not (0 <= t < self.capacity.shape[0] and 0 <= s < self.capacity.shape[1]):
            self._clear_panel()
            return
        positions = group_positions(self.cube, self.info["sample_group"], epoch)
        shown = pick_probes(self.cube.labels.values, positions, self.n_images)
        maps = {}
        for role, name, channel in (("source", source, s), ("target", target, t)):
            act = self.cube.activations(name).sel(epoch=epoch).isel(x=shown, channel=channel)
            maps[role] = maps_to_uint8(np.asarray(act.values, dtype=np.float32))
        images = self._projector.images(shown, epoch)
        deconv, note = self._panel_deconv(images, [(source, s), (target, t)], epoch)
        with self.hold_sync():
            self.probe_images = images_to_uint8(images)
            self.probe_labels = np.asarray(self.cube.labels.values)[shown].astype(np.int32)
            self.source_maps, self.target_maps = maps["source"][0], maps["target"][0]
            self.source_deconv, self.target_deconv = deconv
            self.picked_info = {
                "source": source, "target": target, "source_channel": s, "target_channel": t,
                "epoch": epoch, "value": float(self.capacity[t, s]),
                "source_range": list(maps["source"][1:]), "target_range": list(maps["target"][1:]),
                "deconv": deconv[0] is not None, "note": note,
            }  # fmt: skip

    def _panel_deconv(
        self, images: np.ndarray, channels: list[tuple[str, int]], epoch: int
    ) -> tuple[tuple[Any, Any], str]:
        if self.model is None:
            return (None, None), "Pass model= to LayerView to also see deconvnet projections."
        try:
            out = [signed_to_uint8(self._projector.project(images, n, c, epoch))
                   for n, c in channels]
        except Exception as err:  # noqa: BLE001 - shown to the user, the view stays usable
            return (None, None), f"Deconvnet failed: {type(err).__name__}: {err}"
        return (out[0], out[1]), ""

    def _clear_panel(self) -> None:
        with self.hold_sync():
            self.probe_images = self.probe_labels = None
            self.source_maps = self.target_maps = None
            self.source_deconv = self.target_deconv = None
            self.picked_info = {}


def _shape_notes(cap: xr.DataArray, source: str, target: str) -> list[str]:
    notes = []
    for name, dim in ((source, "source_channel"), (target, "target_channel")):
        if cap.sizes[dim] == 1:
            notes.append(
                f"{name} has a single channel, so the matrix has a single "
                f"{'column' if dim == 'source_channel' else 'row'}."
            )
    return notes
