"""The information view (Fang et al. 2018): the information plane and per-channel MI.

Three panels over one run:

(a) the information plane, I(X;T) across and I(T;Y) up, one trajectory per layer over the
    recorded epochs (:func:`~cnnslicer_widgets.estimators.information_plane_cube`), points
    coloured by epoch; the KDE drawn as a range from its lower to its upper bound at each
    epoch, or one bound, or the binning estimate; the shuffled-label (permutation null)
    level of I(T;Y) of the focused layer shaded. The plane shows a filter's layers (on a
    deep network, one per block by default), and every selected layer. Clicking a
    trajectory adds its layer to the selection and shows it in (b) and (c).
(b) for the focused layer, box plots over its channels of I(T_c;Y) at every epoch
    (:func:`~cnnslicer_widgets.estimators.channel_label_mi_cube`), from 0 to H(Y).
(c) for the focused layer at the selected epoch, class x channel heatmaps of the
    one-vs-rest I(T_c; 1[Y = k]) and of the rank of each channel within its class
    (1 = most informative), with values on hover.

Nothing waits for the whole plane: the view computes one (layer, epoch) cell at a time
while the kernel is idle (widgets/_idle.py), the shown layers only, the focused layer's
panels first (their per-channel MI a block of channels of about :data:`STEP_SECONDS` per
step, so a click waits for one block, not a layer), and sends the plane as it fills.
Every estimate of the plane (both KDE bounds and binning) crosses at once, so switching
the estimator redraws the plane in the browser; the panels of the other estimators are
computed ahead for the focused layer. Only what is on screen crosses to the browser, as
binary float32 / int32 arrays.
"""

from __future__ import annotations

import math
import os
import time
from functools import partial
from typing import Any

import numpy as np
import traitlets
import xarray as xr

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.estimators import information_plane_cube
from cnnslicer_widgets.estimators._mi_blocks import ChannelMIBlocks
from cnnslicer_widgets.widgets import _info_data as data
from cnnslicer_widgets.widgets._base import CubeView
from cnnslicer_widgets.widgets._blocks import block_outputs, blocks, layers_in
from cnnslicer_widgets.widgets._display import check_layer
from cnnslicer_widgets.widgets._idle import Steps
from cnnslicer_widgets.widgets._info_data import ESTIMATORS, VARIANTS
from cnnslicer_widgets.widgets._info_panels import send_panels
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array

__all__ = ["ESTIMATORS", "InformationView"]

_WATCHED = ("layers", "epoch", "sample_group")
FEW = 16
"""Up to this many layers the plane shows them all by default, else one per block."""
STEP_SECONDS = 0.1
"""Per-channel MI is computed in blocks of channels of about this long, so a message from
the browser (a Query in the app) waits for one block, not a whole layer (0.25-1 s for a
resnet18 layer of 128-512 channels on 200 samples)."""


class InformationView(CubeView):
    """Information plane of every layer over training, and per-channel MI of one layer.

    Reads ``selection.layers`` (highlighted and always shown in the plane; the panels
    show :attr:`focus`, by default the first), ``selection.epoch`` (marked in the plane
    and the box plots; the heatmaps' epoch), ``selection.channels`` and
    ``selection.class_index`` (marked in the heatmaps). Writes ``selection.layers`` (a
    clicked trajectory is added; the front end sends ``{"event": "pick_layer", "layer":
    name}``, and ``"unpick_layer"`` for a chip's ×), ``selection.channels`` (a clicked
    heatmap column), ``selection.epoch`` (slider, box click) and ``selection.hovered``.
    All probe samples are used (I(T;Y) needs every class), whatever
    ``selection.sample_group`` says; a note says so when a group is chosen.

    Parameters
    ----------
    cube : Hypercube or path
        The run: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a store path.
    selection : Selection, optional
        The shared selection (a new one if omitted).
    estimator : {"kde", "kde_upper", "kde_lower", "binning"}, default "kde"
        What the plane shows (the view's buttons change it): the KDE as a range from its
        lower to its upper bound (the channel panels use the upper bound), one KDE bound,
        or the binning estimate.
    plane_filter : str, default "auto"
        Which layers the plane shows (see :attr:`plane_filter`).
    noise_variance, relative_noise, bins, n_permutations, seed
        Passed to the estimators (:func:`~cnnslicer_widgets.estimators.information_plane`
        and :func:`~cnnslicer_widgets.estimators.channel_label_mi`).

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then open the view:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(40, 1, 28, 28), torch.arange(40) % 10
    >>> with Recorder(model, (x, y), path, epochs=1, layers=case_study_layers(model),
    ...               progress=False, verbose=False) as rec:
    ...     _ = rec.epoch_end(1, loss=1.0)
    >>> view = InformationView(path, Selection(layers=["conv2"], epoch=1), n_permutations=0)
    >>> view.plane_xt.shape, view.channel_mi.shape, view.class_mi.shape
    ((7, 2, 3), (2, 16), (10, 16))
    >>> view.pick_layer("fc1")  # what a click on a trajectory does
    >>> view.selection.layers, view.layer_info["layer"]
    (['conv2', 'fc1'], 'fc1')
    >>> view.selection.layers = []
    >>> view.panel_message.splitlines()[0]
    'No layer selected: click a trajectory in the information plane to choose one.'
    """

    _esm = static_file("information.js")

    estimator = traitlets.Enum(tuple(ESTIMATORS), "kde").tag(sync=True)
    """What the plane shows (see the class docstring); the view's buttons write it."""

    plane_xt = Array(dtype="float32", ndim=3).tag(sync=True)
    """I(X;T) in bits, (layer, epoch, estimate): the estimates are ``plane_info["bounds"]``
    (KDE lower, KDE upper, binning), all sent so that the browser switches between them;
    NaN for a cell not computed yet. Layers and epochs as in :attr:`plane_info`."""

    plane_ty = Array(dtype="float32", ndim=3).tag(sync=True)
    """I(T;Y) in bits, same shape as :attr:`plane_xt`."""

    plane_null = Array(dtype="float32", ndim=3).tag(sync=True)
    """95% quantile of I(T;Y) with shuffled labels (permutation null), same shape; NaN
    without permutations."""

    plane_saturated = Array(dtype="uint8", ndim=3).tag(sync=True)
    """1 where the estimate is saturated (drawn hollow; the notes say why)."""

    plane_info = traitlets.Dict().tag(sync=True)
    """About the plane: ``layers``, ``epochs``, ``bounds``, ``labels`` (of each estimator),
    ``h_y`` and ``log2_n`` (the axes' limits), ``n_samples``, ``n_permutations``,
    ``blocks`` (``{name, depth, layers}``: the module-tree blocks, for the filter),
    ``done`` and ``todo`` (cells computed, cells of the shown layers), ``notes`` (per
    estimator)."""

    plane_filter = traitlets.Unicode("auto").tag(sync=True)
    """Which layers the plane shows, besides the selected ones: ``"auto"`` (all up to
    16 layers, else ``"outputs"``), ``"all"``, ``"outputs"`` (the last layer of each
    block, ``layer1.0`` ..., and every top-level layer), ``"selected"``, or a block name
    (``"layer2"``, ``"layer2.1"``). The view's filter menu writes it."""

    plane_depth = traitlets.List(traitlets.Int(), default_value=[]).tag(sync=True)
    """``[first, last]``: positions (in ``plane_info["layers"]``) of the depth range shown,
    or ``[]`` for all depths. The view's depth sliders write it."""

    shown_layers = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """The layers the plane draws (the filter, the depth range, and the selected
    layers); only these are computed."""

    focus = traitlets.Unicode("").tag(sync=True)
    """The layer of the panels (b, c): the last trajectory clicked while selected, else
    the first selected layer; "" when none is selected."""

    channel_mi = Array(dtype="float32", ndim=2).tag(sync=True)
    """I(T_c;Y) in bits of the focused layer, (epoch, channel), for the box plots; NaN at
    epochs not computed yet."""

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
    """What the kernel is computing for the view, shown as a line over the plane; "" when
    everything shown is computed."""

    layer_choices = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """The layers the panels can show (a menu when none is selected)."""

    def __init__(
        self,
        cube: Hypercube | str | os.PathLike,
        selection: Selection | None = None,
        *,
        estimator: str = "kde",
        plane_filter: str = "auto",
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
        super().__init__(cube, selection, estimator=estimator, plane_filter=plane_filter)
        self._kwargs: dict[str, Any] = {
            "noise_variance": noise_variance,
            "relative_noise": relative_noise,
            "bins": bins,
            "n_permutations": n_permutations,
            "seed": seed,
        }
        self._plane = data.Cells(1024)  # by layer
        self._mi = data.Cells(64)  # by (layer, method, bound)
        self._mi_jobs: dict[tuple, ChannelMIBlocks] = {}  # by (layer, variant, epoch): begun
        self._steps = Steps(on_error=self._step_failed)
        self.computed: list[tuple[str, str, tuple[int, ...]]] = []
        """Every estimator call made: (``"plane"`` or ``"channels"``, layer, epochs)."""
        self.layer_choices = self._plane_layers()
        self.observe(self._on_estimator, names="estimator")
        self.observe(self._on_filter, names=["plane_filter", "plane_depth"])
        self.observe(lambda _c: self._show_panels(), names="focus")
        self.on_msg(self._on_msg)
        self.follow(_WATCHED, self._on_selection)
        self._update()

    # -- public -----------------------------------------------------------------------
    def plane(self) -> xr.Dataset:
        """The information plane of every layer and recorded epoch (all estimators), as
        :func:`~cnnslicer_widgets.estimators.information_plane_cube` returns it
        (computing what the view has not computed yet)."""
        layers = self._plane_layers()
        for name in layers:
            for epoch in self._missing_plane(name):
                self._plane_step(name, epoch, send=False)
        return data.concat([self._plane.peek(n)[0] for n in layers], "layer")  # type: ignore[index]

    def channel_mi_of(self, layer: str | None = None) -> xr.Dataset:
        """Per-channel MI over the recorded epochs of ``layer`` (default the focused one),
        with the view's estimator, as
        :func:`~cnnslicer_widgets.estimators.channel_label_mi_cube` returns it."""
        layer = layer or self.focus
        variant = VARIANTS[self.estimator]
        for epoch in self._missing_mi(layer, variant):
            self._mi_step(layer, variant, epoch, show=False, seconds=math.inf)
        return self._mi.peek((layer, *variant))[0]  # type: ignore[index]

    def pick_layer(self, layer: str) -> None:
        """What a click on a trajectory does: add ``layer`` to ``selection.layers`` (if not
        there) and show it in the panels; selected channels that no selected layer has
        are dropped."""
        if layer not in self._plane_layers():
            raise ValueError(f"{layer!r} is not a layer of the plane: {self._plane_layers()}")
        layers = list(self.selection.layers)
        if layer not in layers:
            layers.append(layer)
        self.focus = layer
        self.selection.update(layers=layers, channels=self._channels_in(layers))

    def unpick_layer(self, layer: str) -> None:
        """Remove ``layer`` from ``selection.layers`` (a chip's × in the view), and the
        selected channels that no remaining layer has."""
        layers = [n for n in self.selection.layers if n != layer]
        self.selection.update(layers=layers, channels=self._channels_in(layers))

    def _channels_in(self, layers: list[str]) -> list[int]:
        """The selected channels that one of ``layers`` has."""
        counts = [self._n_channels(n) for n in layers]
        return [c for c in self.selection.channels if any(c < n for n in counts)]

    def compute_now(self) -> None:
        """Compute now what the view would compute while the kernel is idle (the shown
        layers' plane, the panels of the other estimators)."""
        self._steps.run_all()

    # -- reacting ---------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        event, layer = content.get("event"), content.get("layer")
        if event == "pick_layer" and layer in self._plane_layers():
            self.pick_layer(str(layer))
        elif event == "unpick_layer" and layer in self.selection.layers:
            self.unpick_layer(str(layer))
        elif event == "pick_channel" and isinstance(content.get("channel"), int):
            self.selection.channels = [int(content["channel"])]

    def _on_selection(self, change: dict[str, Any]) -> None:
        if change["name"] == "layers":
            self._refocus()
        self._update()

    def _on_estimator(self, _change: dict[str, Any]) -> None:
        self._show_panels()

    def _on_filter(self, _change: dict[str, Any]) -> None:
        self._update()

    def _refocus(self) -> None:
        layers = list(self.selection.layers)
        if self.focus not in layers:
            self.focus = layers[0] if layers else ""

    def _step_failed(self, err: BaseException) -> None:
        self.status = f"A computation failed: {type(err).__name__}: {err}"

    def _update(self) -> None:
        problem = self._run_problem()
        if problem:
            self._steps.clear()
            with self.hold_sync():
                self.message, self.status = problem, ""
                self.plane_xt = self.plane_ty = self.plane_null = self.plane_saturated = None
                self._clear_panels("")
            return
        self.message = ""
        if not self.focus and self.selection.layers:
            self._refocus()
        self.shown_layers = self._shown()
        self._queue_plane()
        self._show_panels()  # its steps go before the plane's: the panels come first
        self._send_plane()

    def _run_problem(self) -> str:
        if not self.cube.epochs:
            return ("No complete epoch in this store yet: the view shows the run once an "
                    "epoch is recorded (press Look again).")  # fmt: skip
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

    def _n_channels(self, layer: str) -> int:
        spec = next((s for s in self.cube.all_layers if s.name == layer), None)
        shape = getattr(spec, "shape", None)
        return int(shape[0]) if shape else 1

    def _shown(self) -> list[str]:
        layers = self._plane_layers()
        flt = self.plane_filter
        if flt == "auto":
            flt = "all" if len(layers) <= FEW else "outputs"
        if flt == "all":
            keep = set(layers)
        elif flt == "outputs":
            keep = set(block_outputs(layers))
        elif flt == "selected":
            keep = set()
        else:
            keep = set(layers_in(layers, flt))
        if len(self.plane_depth) == 2:
            lo, hi = sorted(self.plane_depth)
            keep &= set(layers[lo : hi + 1])
        keep |= set(self.selection.layers)
        return [n for n in layers if n in keep]

    # -- the plane --------------------------------------------------------------------
    def _missing_plane(self, layer: str) -> list[int]:
        have = self._plane.epochs(layer)
        return [int(e) for e in self.cube.epochs if e not in have]

    def _queue_plane(self) -> None:
        shown = set(self.shown_layers)
        self._steps.discard(lambda key: key[0] != "plane" or key[1] in shown)
        for name in self.shown_layers:
            for epoch in self._missing_plane(name):
                self._steps.add(("plane", name, epoch), partial(self._plane_step, name, epoch))

    def _plane_step(self, layer: str, epoch: int, *, send: bool = True) -> None:
        if epoch in self._plane.epochs(layer):
            return
        ds, warned = data.collect(
            lambda: information_plane_cube(self.cube, layers=[layer], epochs=[epoch],
                                           progress=False, **self._kwargs)
        )  # fmt: skip
        self.computed.append(("plane", layer, (epoch,)))
        self._plane.merge(layer, ds.isel(layer=0), warned)
        if send:
            self._send_plane()

    def _send_plane(self) -> None:
        layers = self._plane_layers()
        epochs = [int(e) for e in self.cube.epochs]
        arrays = data.plane_arrays(self._plane, layers, epochs)
        shown = self.shown_layers
        todo = len(shown) * len(epochs)
        done = sum(len(self._plane.epochs(n) & set(epochs)) for n in shown)
        general = []
        if len(epochs) == 1:
            general.append(
                f"Only epoch {epochs[0]} is recorded, so each layer is a single point; "
                "trajectories appear as more epochs are recorded."
            )
        if self.selection.sample_group != "all":
            general.append(
                f"The sample group {self.selection.sample_group!r} is not applied here: "
                f"I(T;Y) needs every class, so all {len(self.cube.labels)} probe samples "
                "are used."
            )
        notes = {k: general + v for k, v in arrays["notes"].items()}
        with self.hold_sync():
            self.plane_xt, self.plane_ty = arrays["xt"], arrays["ty"]
            self.plane_null, self.plane_saturated = arrays["null"], arrays["sat"]
            self.plane_info = {
                "layers": layers,
                "epochs": epochs,
                "bounds": list(data.BOUNDS),
                "labels": ESTIMATORS,
                "h_y": data.label_entropy(self.cube.labels.values),
                "log2_n": float(np.log2(len(self.cube.labels))),
                "n_samples": int(len(self.cube.labels)),
                "n_permutations": int(self._kwargs["n_permutations"]),
                "blocks": blocks(layers),
                "done": int(done),
                "todo": int(todo),
                "notes": notes,
            }
            self._set_status()

    def _set_status(self) -> None:
        info = self.plane_info
        parts = []
        if info.get("done", 0) < info.get("todo", 0):
            left = [n for n in self.shown_layers if self._missing_plane(n)]
            parts.append(
                f"Computing the information plane: {len(self.shown_layers) - len(left)} of "
                f"{len(self.shown_layers)} layers ({left[0]} next)"
            )
        focus = self.focus
        if focus and self.selection.epoch is not None and self._mi_pending():
            job = next((j for k, j in self._mi_jobs.items() if k[0] == focus), None)
            done = f" ({job.done} of {job.total} channels)" if job and job.done else ""
            parts.append(f"per-channel MI of {focus}{done}")
        self.status = "; ".join(parts) + ("..." if parts else "")

    # -- the layer panels -------------------------------------------------------------
    def _missing_mi(self, layer: str, variant: tuple[str, str]) -> list[int]:
        have = self._mi.epochs((layer, *variant))
        return [int(e) for e in self.cube.epochs if e not in have]

    def _mi_pending(self) -> bool:
        return bool(self.focus) and bool(self._missing_mi(self.focus, VARIANTS[self.estimator]))

    def _mi_step(self, layer: str, variant: tuple[str, str], epoch: int, *,
                 show: bool = True, seconds: float | None = None) -> None:  # fmt: skip
        """A block of channels of (layer, variant, epoch) for about ``seconds`` (default:
        :data:`STEP_SECONDS` in a kernel, all of them outside); the step queues itself
        again, at the front, until the layer is done."""
        key = (layer, variant, epoch)
        if epoch in self._mi.epochs((layer, *variant)):
            self._mi_jobs.pop(key, None)
            return
        if seconds is None:
            seconds = STEP_SECONDS if self._steps.deferred else math.inf
        job = self._mi_jobs.get(key)
        read_now = job is None
        if job is None:
            for old in list(self._mi_jobs)[: max(0, len(self._mi_jobs) - 1)]:
                del self._mi_jobs[old]  # at most two begun layers' values held
            method, bound = variant
            start = time.perf_counter()
            job = self._mi_jobs[key] = ChannelMIBlocks(
                self.cube, layer, epoch, method=method, bound=bound, **self._kwargs
            )
            seconds -= time.perf_counter() - start  # reading the layer counts in the step
        try:
            if not read_now or seconds > 0:  # at least one block, unless the read took it
                job.run_for(seconds)
        except Exception:
            del self._mi_jobs[key]  # begun anew if asked again
            raise
        if not job.complete:
            self._steps.add(("mi", *key), partial(self._mi_step, *key), first=True)
            self._set_status()
            return
        del self._mi_jobs[key]
        ds, warned = data.collect(lambda: job.result().isel(layer=0, drop=True))
        ds.attrs["compute_ms"] = round(1000 * job.seconds, 1)
        self.computed.append(("channels", layer, (epoch,)))
        self._mi.merge((layer, *variant), ds, warned)
        if show and layer == self.focus:
            self._show_panels()
        else:
            self._set_status()

    def _queue_mi(self, layer: str, epoch: int) -> None:
        """The focused layer's panels before anything else queued: the shown estimator at
        the shown epoch, then its other epochs; the other estimators last, after the plane
        (so that a switch is instant once the kernel has been idle)."""
        self._steps.discard(lambda key: key[0] != "mi" or key[1] == layer)
        self._mi_jobs = {k: job for k, job in self._mi_jobs.items() if k[0] == layer}
        current = VARIANTS[self.estimator]
        missing = sorted(self._missing_mi(layer, current), key=lambda e: (e != epoch, e))
        for e in reversed(missing):  # each to the front: the shown epoch ends up first
            self._steps.add(("mi", layer, current, e), partial(self._mi_step, layer, current, e),
                            first=True)  # fmt: skip
        if not self._steps.deferred:  # ahead of time only while the kernel is idle
            return
        for variant in dict.fromkeys(VARIANTS.values()):
            for e in sorted(self._missing_mi(layer, variant), key=lambda e: (e != epoch, e)):
                if variant != current:
                    self._steps.add(("mi", layer, variant, e),
                                    partial(self._mi_step, layer, variant, e))  # fmt: skip

    def _panel_problem(self) -> str:
        if not self.selection.layers:
            return "No layer selected: click a trajectory in the information plane to choose one."
        layer = self.focus or self.selection.layers[0]
        problem = check_layer(self.cube, layer)
        if problem:
            return problem
        if layer not in self._plane_layers():
            return f"Layer {layer!r} keeps no feature maps (recorded as histograms)."
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
            self._steps.discard(lambda key: key[0] != "mi")
            self._clear_panels(problem)
            self._set_status()
            return
        layer = self.focus or self.selection.layers[0]
        epoch, notes = self._snap_epoch()
        self._queue_mi(layer, epoch)
        cell = self._mi.peek((layer, *VARIANTS[self.estimator]))
        if cell is None or epoch not in {int(e) for e in cell[0].epoch.values}:
            with self.hold_sync():
                self.panel_message = ""
                self.layer_info = {"layer": layer, "epoch": int(epoch), "pending": True,
                                   "n_channels": self._n_channels(layer)}  # fmt: skip
                self._set_status()
            return
        self._send_panels(layer, epoch, notes, *cell)

    def _send_panels(self, layer: str, epoch: int, notes: list[str], ds: xr.Dataset,
                     warned: data.Warned) -> None:  # fmt: skip
        send_panels(self, layer, epoch, notes, ds, warned)
