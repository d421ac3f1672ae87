"""The information view (Fang et al. 2018): the information plane and per-channel MI.

Three panels over one run:

(a) the information plane, I(X;T) across and I(T;Y) up, one trajectory per layer over the
    recorded epochs (:func:`~cnnslicer_widgets.estimators.information_plane_cube`), points
    coloured by epoch; the KDE is drawn as a band from its lower to its upper bound, or
    one bound, or the binning estimate; the shuffled-label (permutation null) level of
    I(T;Y) of the selected layer is shaded. Clicking a trajectory selects its layer.
(b) for the selected layer, box plots over its channels of I(T_c;Y) at every epoch
    (:func:`~cnnslicer_widgets.estimators.channel_label_mi_cube`), from 0 to H(Y).
(c) for the selected layer at the selected epoch, class x channel heatmaps of the
    one-vs-rest I(T_c; 1[Y = k]) and of the rank of each channel within its class
    (1 = most informative), with values on hover.

Only what is on screen crosses to the browser, as binary float32 / int32 arrays: the
plane of the chosen estimator, the selected layer's per-channel MI over epochs, and the
heatmaps of the selected epoch.
"""

from __future__ import annotations

import os
import time
import warnings
from typing import Any

import numpy as np
import traitlets
import xarray as xr

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.estimators import (
    InformationEstimateWarning,
    channel_label_mi_cube,
    information_plane_cube,
)
from cnnslicer_widgets.widgets._base import CubeView
from cnnslicer_widgets.widgets._cache import LRU
from cnnslicer_widgets.widgets._display import check_layer
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets._text import describe_ints
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array

__all__ = ["ESTIMATORS", "InformationView"]

ESTIMATORS: dict[str, str] = {
    "kde": "KDE, band from lower to upper bound",
    "kde_upper": "KDE upper bound",
    "kde_lower": "KDE lower bound",
    "binning": "binning (30 bins)",
}
"""The view's estimator choices and their labels."""

_BOUNDS = {"kde": ["kde_lower", "kde_upper"], "kde_upper": ["kde_upper"]}
_BOUNDS.update(kde_lower=["kde_lower"], binning=["binning"])
_WATCHED = ("layers", "epoch", "sample_group")


def _channel_method(estimator: str) -> tuple[str, str]:
    """(estimator, bound) of channel_label_mi for the view's estimator choice."""
    if estimator == "binning":
        return "binning", "upper"
    return "kde", "lower" if estimator == "kde_lower" else "upper"


def _kind_notes(warned: list[tuple[str, str]], estimator: str) -> list[str]:
    """The estimator notes (why estimates saturate) of the ``(kind, note)`` pairs that
    the warnings raised, once each, for the shown estimator only."""
    prefix = "binning" if estimator == "binning" else "kde"
    return list(dict.fromkeys(note for kind, note in warned if kind.startswith(prefix)))


def _collect(run: Any) -> tuple[Any, list[tuple[str, str]]]:
    """run() with its estimator warnings caught: (result, their (kind, note) pairs)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = run()
    return out, [(w.message.kind, w.message.note) for w in caught
                 if isinstance(w.message, InformationEstimateWarning)]


class InformationView(CubeView):
    """Information plane of every layer over training, and per-channel MI of one layer.

    Reads ``selection.layers[0]`` (the layer of the box plots and heatmaps; every
    selected layer is highlighted in the plane), ``selection.epoch`` (marked in the plane
    and the box plots; the heatmaps' epoch), ``selection.channels`` and
    ``selection.class_index`` (marked in the heatmaps). Writes ``selection.layers`` (a
    clicked trajectory: the front end sends ``{"event": "pick_layer", "layer": name}``),
    ``selection.channels`` (a clicked heatmap column), ``selection.epoch`` (slider, box
    click) and ``selection.hovered`` (a ``"channel"`` item over a heatmap cell).
    All probe samples are used (I(T;Y) needs every class), whatever
    ``selection.sample_group`` says; a note says so when a group is chosen.

    Parameters
    ----------
    cube : Hypercube or path
        The run: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a store path.
    selection : Selection, optional
        The shared selection (a new one if omitted).
    estimator : {"kde", "kde_upper", "kde_lower", "binning"}, default "kde"
        What the plane shows (the view's selector changes it): the KDE as a band from its
        lower to its upper bound (the channel panels use the upper bound), one KDE bound,
        or the binning estimate.
    noise_variance, relative_noise, bins, n_permutations, seed
        Passed to the estimators (:func:`~cnnslicer_widgets.estimators.information_plane`
        and :func:`~cnnslicer_widgets.estimators.channel_label_mi`).

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then open the view:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets.record import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(40, 1, 28, 28), torch.arange(40) % 10
    >>> with Recorder(model, (x, y), path, epochs=1, layers=case_study_layers(model),
    ...               progress=False, verbose=False) as rec:
    ...     _ = rec.epoch_end(1, loss=1.0)
    >>> view = InformationView(path, Selection(layers=["conv2"], epoch=1), n_permutations=0)
    >>> view.plane_xt.shape, view.channel_mi.shape, view.class_mi.shape
    ((7, 2, 2), (2, 16), (10, 16))
    >>> view.selection.layers = []
    >>> view.panel_message.splitlines()[0]
    'No layer selected: click a trajectory in the information plane to choose one.'
    """

    _esm = static_file("information.js")

    estimator = traitlets.Enum(tuple(ESTIMATORS), "kde").tag(sync=True)
    """What the plane shows (see the class docstring); the view's selector writes it."""

    plane_xt = Array(dtype="float32", ndim=3).tag(sync=True)
    """I(X;T) in bits, (layer, epoch, bound): bound = (lower, upper) for ``"kde"``, else
    the one estimate; layers and epochs as in :attr:`plane_info`."""

    plane_ty = Array(dtype="float32", ndim=3).tag(sync=True)
    """I(T;Y) in bits, same shape as :attr:`plane_xt`."""

    plane_null = Array(dtype="float32", ndim=3).tag(sync=True)
    """95% quantile of I(T;Y) with shuffled labels (permutation null), same shape; NaN
    without permutations."""

    plane_saturated = Array(dtype="uint8", ndim=3).tag(sync=True)
    """1 where the estimate is saturated (drawn hollow; the notes say why)."""

    plane_info = traitlets.Dict().tag(sync=True)
    """About the plane: ``layers``, ``epochs``, ``bounds`` (names along the last axis),
    ``estimator``, ``label``, ``h_y`` and ``log2_n`` (the axes' limits), ``n_samples``,
    ``n_permutations``, ``compute_ms``, ``notes``."""

    channel_mi = Array(dtype="float32", ndim=2).tag(sync=True)
    """I(T_c;Y) in bits of the selected layer, (epoch, channel), for the box plots."""

    channel_null = Array(dtype="float32", ndim=1).tag(sync=True)
    """Per epoch, the mean over channels of the 95% shuffled-label quantile of I(T_c;Y)."""

    class_mi = Array(dtype="float32", ndim=2).tag(sync=True)
    """One-vs-rest I(T_c; 1[Y = k]) in bits at the shown epoch, (class, channel)."""

    class_rank = Array(dtype="int32", ndim=2).tag(sync=True)
    """Rank of each channel within its class at the shown epoch (1 = largest MI; ties
    share the best rank), (class, channel)."""

    class_p = Array(dtype="float32", ndim=2).tag(sync=True)
    """Permutation p-value of each :attr:`class_mi` cell (NaN without permutations)."""

    layer_info = traitlets.Dict().tag(sync=True)
    """About the layer panels: ``layer``, ``epoch`` (shown), ``requested_epoch``,
    ``epochs``, ``classes``, ``n_channels``, ``method``, ``h_y``, ``vmax`` (the largest
    H(1[Y = k]), top of the heatmap scale), ``compute_ms``, ``notes``."""

    panel_message = traitlets.Unicode("").tag(sync=True)
    """Shown instead of the layer panels (b, c) when they cannot be drawn, e.g. no layer
    selected; the plane stays."""

    status = traitlets.Unicode("").tag(sync=True)
    """Set while the kernel computes (the view shows it over the panels); "" when idle."""

    def __init__(
        self,
        cube: Hypercube | str | os.PathLike,
        selection: Selection | None = None,
        *,
        estimator: str = "kde",
        noise_variance: float = 0.3,
        relative_noise: bool = True,
        bins: int = 30,
        n_permutations: int = 20,
        seed: int = 0,
    ) -> None:
        if estimator not in ESTIMATORS:
            raise ValueError(
                f"estimator={estimator!r}: choose one of {', '.join(map(repr, ESTIMATORS))}"
            )
        super().__init__(cube, selection, estimator=estimator)
        self._kwargs: dict[str, Any] = {
            "noise_variance": noise_variance,
            "relative_noise": relative_noise,
            "bins": bins,
            "n_permutations": n_permutations,
            "seed": seed,
        }
        # the plane of every shown layer, and channel MI by (layer, method, bound)
        self._plane: LRU[tuple[xr.Dataset, list[tuple[str, str]]]] = LRU(1024)
        self._mi: LRU[tuple[xr.Dataset, list[tuple[str, str]]]] = LRU(64)
        self.computed: list[tuple[str, str, tuple[int, ...]]] = []
        """Every estimator call made: (``"plane"`` or ``"channels"``, layer, epochs)."""
        self.observe(self._on_estimator, names="estimator")
        self.on_msg(self._on_msg)
        self.follow(_WATCHED, self._on_selection)
        self._update()

    # -- public -----------------------------------------------------------------------
    def plane(self) -> xr.Dataset:
        """The information plane of every layer and recorded epoch (all estimators), as
        :func:`~cnnslicer_widgets.estimators.information_plane_cube` returns it."""
        layers = self._plane_layers()
        self._ensure_plane(layers)
        return _concat([self._plane_cell(n)[0] for n in layers], "layer")

    def channel_mi_of(self, layer: str | None = None) -> xr.Dataset:
        """Per-channel MI over the recorded epochs of ``layer`` (default the shown one),
        with the view's estimator, as
        :func:`~cnnslicer_widgets.estimators.channel_label_mi_cube` returns it."""
        return self._channel_ds(layer or self.layer_info["layer"])

    def pick_layer(self, layer: str) -> None:
        """What a click on a trajectory does: ``selection.layers = [layer]``."""
        if layer not in self._plane_layers():
            raise ValueError(f"{layer!r} is not a layer of the plane: {self._plane_layers()}")
        self.selection.layers = [layer]

    # -- reacting ---------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if content.get("event") == "pick_layer" and content.get("layer") in self._plane_layers():
            self.pick_layer(str(content["layer"]))
        elif content.get("event") == "pick_channel" and isinstance(content.get("channel"), int):
            self.selection.channels = [int(content["channel"])]

    def _on_selection(self, _change: dict[str, Any]) -> None:
        self._update()

    def _on_estimator(self, _change: dict[str, Any]) -> None:
        self._update()

    def _update(self) -> None:
        problem = self._run_problem()
        if problem:
            with self.hold_sync():
                self.message, self.status = problem, ""
                self.plane_xt = self.plane_ty = self.plane_null = self.plane_saturated = None
                self._clear_panels("")
            return
        self.message = ""
        try:
            self._show_plane()
        except (ValueError, MemoryError, KeyError) as err:
            self.status = ""
            self.message = f"The information plane could not be computed: {err}"
            return
        self._show_panels()

    def _run_problem(self) -> str:
        if not self.cube.epochs:
            return "No complete epoch in this store yet: record one, then call view.refresh()."
        if not self._plane_layers():
            return (
                "No layer of this store keeps its feature maps (all were recorded as "
                "histograms), so no mutual information can be estimated. Record again "
                "with raw layers."
            )
        return ""

    def _plane_layers(self) -> list[str]:
        names = set(self.cube.layers)
        raw = [lay.name for lay in self.cube.all_layers if getattr(lay, "stored", "raw") == "raw"]
        return [name for name in raw if name in names]

    # -- computing --------------------------------------------------------------------
    def _ensure_plane(self, layers: list[str]) -> None:
        epochs = [int(e) for e in self.cube.epochs]
        todo = [n for n in layers if self._missing(self._plane.peek(n), epochs)]
        for k, name in enumerate(todo):
            old = self._plane.peek(name)
            missing = self._missing(old, epochs)
            self.status = (
                f"Computing the information plane: {name} ({k + 1} of {len(todo)} layers), "
                f"epochs {describe_ints(missing)}, {len(self.cube.labels)} samples..."
            )
            try:
                ds, notes = _collect(
                    lambda name=name, missing=missing: information_plane_cube(
                        self.cube, layers=[name], epochs=missing, progress=False,
                        **self._kwargs,
                    )
                )  # fmt: skip
            finally:
                self.status = ""
            self.computed.append(("plane", name, tuple(missing)))
            ds = ds.isel(layer=0)
            if old is not None:
                ds, notes = _concat([old[0], ds], "epoch").sortby("epoch"), old[1] + notes
            self._plane.put(name, (ds, notes))

    def _plane_cell(self, name: str) -> tuple[xr.Dataset, list[tuple[str, str]]]:
        cell = self._plane.get(name)
        if cell is None:  # pragma: no cover - _ensure_plane filled it
            raise KeyError(name)
        return cell

    @staticmethod
    def _missing(cached: tuple[xr.Dataset, list[tuple[str, str]]] | None, epochs: list[int]) -> list[int]:
        have = set() if cached is None else set(cached[0].epoch.values.tolist())
        return [e for e in epochs if e not in have]

    def _channel_ds(self, layer: str) -> xr.Dataset:
        return self._channel_cached(layer)[0]

    def _channel_cached(self, layer: str) -> tuple[xr.Dataset, list[tuple[str, str]]]:
        method, bound = _channel_method(self.estimator)
        key = (layer, method, bound)
        epochs = [int(e) for e in self.cube.epochs]
        old = self._mi.peek(key)
        missing = self._missing(old, epochs)
        if old is not None and not missing:
            return self._mi.get(key) or old
        n_ch = self.cube.activations(layer).sizes["channel"]
        self.status = (
            f"Computing I(T;Y) of the {n_ch} channel(s) of {layer} at epochs "
            f"{describe_ints(missing)} ({method}{' ' + bound if method == 'kde' else ''})..."
        )
        start = time.perf_counter()
        kwargs = dict(self._kwargs)
        try:
            ds, notes = _collect(
                lambda: channel_label_mi_cube(
                    self.cube, layers=layer, epochs=missing, method=method, bound=bound,
                    progress=False, **kwargs,
                ).isel(layer=0, drop=True)
            )  # fmt: skip
        finally:
            self.status = ""
        ds.attrs["compute_ms"] = round(1000 * (time.perf_counter() - start), 1)
        self.computed.append(("channels", layer, tuple(missing)))
        if old is not None:
            attrs = ds.attrs
            ds = _concat([old[0], ds], "epoch").sortby("epoch")
            ds.attrs, notes = attrs, old[1] + notes
        self._mi.put(key, (ds, notes))
        return ds, notes

    # -- the plane --------------------------------------------------------------------
    def _show_plane(self) -> None:
        layers = self._plane_layers()
        start = time.perf_counter()
        self._ensure_plane(layers)
        ms = round(1000 * (time.perf_counter() - start), 1)
        bounds = _BOUNDS[self.estimator]
        ds = _concat([self._plane_cell(n)[0] for n in layers], "layer").sel(estimator=bounds)
        epochs = [int(e) for e in ds.epoch.values]
        null = ds["i_ty_null_q95"] if "i_ty_null_q95" in ds else xr.full_like(ds.i_ty, np.nan)
        warned = [t for n in layers for t in self._plane_cell(n)[1]]
        sat = ds.saturated.any("estimator")
        cells = [
            f"{name} (epoch {describe_ints(ds.epoch.values[sat.sel(layer=name).values].tolist())})"
            for name in layers
            if sat.sel(layer=name).any()
        ]
        notes = _kind_notes(warned, self.estimator)
        if cells:
            notes.insert(0, f"Saturated, drawn hollow: {', '.join(cells)}.")
        if len(epochs) == 1:
            notes.insert(
                0,
                f"Only epoch {epochs[0]} is recorded, so each layer is a single point; record "
                "more epochs (then view.refresh()) to see trajectories.",
            )
        if self.selection.sample_group != "all":
            notes.append(
                f"The sample group {self.selection.sample_group!r} is not applied here: "
                f"I(T;Y) needs every class, so all {ds.sizes.get('x', len(self.cube.labels))} "
                "probe samples are used."
            )
        with self.hold_sync():
            self.plane_xt = ds.i_xt.values.astype(np.float32)
            self.plane_ty = ds.i_ty.values.astype(np.float32)
            self.plane_null = null.values.astype(np.float32)
            self.plane_saturated = ds.saturated.values.astype(np.uint8)
            self.plane_info = {
                "layers": layers,
                "epochs": epochs,
                "bounds": bounds,
                "estimator": self.estimator,
                "label": ESTIMATORS[self.estimator],
                "h_y": float(ds.h_y),
                "log2_n": float(ds.log2_n),
                "n_samples": int(len(self.cube.labels)),
                "n_permutations": int(self._kwargs["n_permutations"]),
                "compute_ms": ms,
                "notes": notes,
            }

    # -- the layer panels -------------------------------------------------------------
    def _panel_problem(self) -> str:
        layers = list(self.selection.layers)
        if not layers:
            return (
                "No layer selected: click a trajectory in the information plane to choose one.\n"
                "Or from Python: selection.layers = ['conv2']."
            )
        problem = check_layer(self.cube, layers[0])
        if problem:
            return problem
        if layers[0] not in self._plane_layers():
            return (
                f"Layer {layers[0]!r} is not among the layers of this cube: {self._plane_layers()}."
            )
        return ""

    def _clear_panels(self, message: str) -> None:
        with self.hold_sync():
            self.panel_message = message
            self.channel_mi = self.channel_null = None
            self.class_mi = self.class_rank = self.class_p = None
            self.layer_info = {}

    def _show_panels(self) -> None:
        problem = self._panel_problem()
        if problem:
            self._clear_panels(problem)
            return
        layer = self.selection.layers[0]
        epoch, notes = self._snap_epoch()
        try:
            ds, warned = self._channel_cached(layer)
        except (ValueError, MemoryError, KeyError) as err:
            self._clear_panels(f"Per-channel MI of {layer} could not be computed: {err}")
            return
        at = ds.sel(epoch=epoch)
        n_ch = ds.sizes["channel"]
        notes += self._panel_notes(ds, at, layer, warned)
        null = ds["mi_null_q95"].mean("channel") if "mi_null_q95" in ds else None
        p = (
            at["mi_binary_p_value"]
            if "mi_binary_p_value" in at
            else xr.full_like(at.mi_binary, np.nan)
        )
        with self.hold_sync():
            self.panel_message = ""
            self.channel_mi = ds.mi.transpose("epoch", "channel").values.astype(np.float32)
            self.channel_null = (
                np.full(ds.sizes["epoch"], np.nan, np.float32)
                if null is None
                else null.values.astype(np.float32)
            )
            self.class_mi = at.mi_binary.transpose("class", "channel").values.astype(np.float32)
            self.class_rank = at.mi_binary_rank.transpose("class", "channel").values.astype(
                np.int32
            )
            self.class_p = p.transpose("class", "channel").values.astype(np.float32)
            self.layer_info = {
                "layer": layer,
                "epoch": int(epoch),
                "requested_epoch": int(self.selection.epoch),
                "epochs": [int(e) for e in ds.epoch.values],
                "classes": [str(c) for c in self.cube.classes],
                "n_channels": int(n_ch),
                "method": _method_label(ds),
                "h_y": float(ds.h_y),
                "vmax": float(ds.h_binary.max()),
                "n_permutations": int(ds.attrs.get("n_permutations", 0)),
                "compute_ms": ds.attrs.get("compute_ms"),
                "notes": notes,
            }

    def _panel_notes(
        self, ds: xr.Dataset, at: xr.Dataset, layer: str, warned: list[tuple[str, str]]
    ) -> list[str]:
        notes = []
        n_ch = ds.sizes["channel"]
        if len(self.selection.layers) > 1:
            notes.append(
                f"{len(self.selection.layers)} layers are selected: these panels show the first "
                f"({layer}); all are highlighted in the plane."
            )
        if n_ch == 1:
            notes.append(
                f"{layer} has a single channel: each box is that one value and every rank is 1."
            )
        flat = (at.i_xt.values == 0) & (at.mi.values == 0)
        if flat.any():
            dead = at.channel.values[flat].tolist()
            notes.append(
                f"{len(dead)} channel(s) of {layer} are constant over the probe at this epoch "
                f"({describe_ints(dead)}): their MI is 0 bits (they share the last rank)."
            )
        sat = at.channel.values[at.saturated.values].tolist()
        if sat:
            notes.append(
                f"Saturated at epoch {int(at.epoch)}: {len(sat)} of {n_ch} channels "
                f"({describe_ints(sat)})."
            )
        return notes + _kind_notes(warned, self.estimator)


def _concat(parts: list[xr.Dataset], dim: str) -> xr.Dataset:
    """Datasets joined along ``dim`` (coords that differ, e.g. n_units, go along it)."""
    return xr.concat(parts, dim=dim, coords="different", compat="equals", join="outer")


def _method_label(ds: xr.Dataset) -> str:
    if ds.attrs.get("method") == "binning":
        return f"binning ({ds.attrs.get('bins')} bins)"
    return f"KDE {ds.attrs.get('bound')} bound"
