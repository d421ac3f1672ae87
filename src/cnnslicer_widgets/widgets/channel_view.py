"""The channel view (paper 5.4): information inside the channels of one layer.

Small multiples of each channel's intra-sample entropy over the epochs, one line per class
(:func:`~cnnslicer_widgets.estimators.class_entropy` of the per-map entropies); a circle
packing at the selected epoch, a circle per class (and one for all classes) holding a circle
per channel sized by its entropy; and the deconvnet projections of a clicked channel.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np
import traitlets

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.estimators import (
    channel_entropy,
    class_entropy,
    intra_sample_entropy_cube,
)
from cnnslicer_widgets.widgets._base import CubeView
from cnnslicer_widgets.widgets._cache import LRU
from cnnslicer_widgets.widgets._display import (
    check_layer,
    images_to_uint8,
    pick_probes,
    signed_to_uint8,
)
from cnnslicer_widgets.widgets._projections import Projector, check_n_images
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array

__all__ = ["ChannelView"]

_NO_MODEL = (
    "Deconvnet projections need the model's architecture: pass it as "
    "ChannelView(cube, model=...), e.g. model=mnist_lenet() (weights come from the store)."
)


class ChannelView(CubeView):
    """Small multiples and circle packing of the channels of one layer, with deconvnet.

    Reads ``selection.layers[0]``, ``selection.epoch`` (circle packing, deconvnet
    weights), ``selection.channels`` (the first one in the layer gets its deconvnet
    projections) and ``selection.class_index`` (highlighted class; its probe images).
    Writes ``selection.channels`` (click a chart or a channel circle),
    ``selection.class_index`` (zoom into a class circle; ``None`` when zooming out),
    ``selection.epoch`` (slider) and ``selection.hovered``. The entropies use every probe
    sample, grouped by class (``sample_group`` does not apply here).

    Parameters
    ----------
    cube : Hypercube or path
        The run: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a store path.
    selection : Selection, optional
        The shared selection (a new one if omitted).
    model : torch.nn.Module, optional
        The recorded model's architecture, for deconvnet projections (the weights of the
        selected epoch are read from the store); without it the view says how to add it.
    n_images : int, default 4
        Probe images projected for a clicked channel (one per class in turn, or of the
        selected class).
    bins : int, default 32
        Histogram bins of the intra-sample entropy.

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then look at conv1:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets.record import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(20, 1, 28, 28), torch.arange(20) % 10
    >>> with Recorder(model, (x, y), path, epochs=1, layers=case_study_layers(model),
    ...               progress=False, verbose=False) as rec:
    ...     _ = rec.epoch_end(1, loss=1.0)
    >>> view = ChannelView(path, Selection(layers=["conv1"]))
    >>> view.entropy.shape  # (channel, class, epoch)
    (6, 10, 2)
    >>> view.selection.channels = [1]
    >>> view.deconv_info["note"].startswith("Deconvnet projections need the model")
    True
    """

    _esm = static_file("channel.js")

    layer = traitlets.Unicode("").tag(sync=True)
    """The layer shown ("" when none)."""

    entropy = Array(dtype="float32", ndim=3).tag(sync=True)
    """Intra-sample entropy in bits, (channel, class, epoch): per channel and epoch, the
    mean over each class's probe samples of the per-map entropy."""

    entropy_all = Array(dtype="float32", ndim=2).tag(sync=True)
    """The same over all probe samples, (channel, epoch)."""

    classes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Class names (the middle axis of :attr:`entropy`)."""

    info = traitlets.Dict().tag(sync=True)
    """``layer``, ``n_channels``, ``n_samples``, ``bins``, ``compute_ms``, ``notes``."""

    status = traitlets.Unicode("").tag(sync=True)
    """Set while the kernel computes (entropies or deconvnet); "" when idle."""

    deconv_info = traitlets.Dict().tag(sync=True)
    """About the projections: ``layer``, ``channel``, ``epoch``, ``class_index``, ``note``
    (why there are none, or an error); ``{}`` when no channel is chosen."""

    probe_images = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Probe images projected, (n, H, W, C) uint8."""

    probe_labels = Array(dtype="int32", ndim=1).tag(sync=True)
    """Class of each probe image."""

    deconv_images = Array(dtype="uint8", ndim=4).tag(sync=True)
    """Deconvnet projections of the chosen channel, (n, H, W, C) uint8, 0 = mid grey."""

    def __init__(
        self,
        cube: Hypercube | str | os.PathLike,
        selection: Selection | None = None,
        *,
        model: Any = None,
        n_images: int = 4,
        bins: int = 32,
    ) -> None:
        super().__init__(cube, selection)
        self.classes = [str(c) for c in self.cube.classes]
        self.model = model
        """The model for deconvnet projections, or None."""
        self.n_images = check_n_images(n_images)
        self._projector = Projector(self.cube, model)
        self._bins = bins
        self._entropies: LRU[tuple[list[int], np.ndarray, np.ndarray]] = LRU(64)
        self._projections: LRU[tuple[np.ndarray, ...]] = LRU(64)
        self.follow(("layers",), lambda _change: self._update())
        self.follow(("channels", "epoch", "class_index"), lambda _change: self._update_deconv())
        self._update()

    @property
    def cache_hits(self) -> int:
        """How many results came from the caches (entropies, projections)."""
        return self._entropies.hits + self._projections.hits

    # -- entropies --------------------------------------------------------------------
    def _problem(self, layers: list[str]) -> str:
        """Why nothing can be shown ("" if the first layer can)."""
        if not layers:
            return (
                "No layer selected: choose one, e.g. in the query view or with "
                "selection.layers = ['conv1']."
            )
        if not self.cube.epochs:
            return "No complete epoch in this store yet: record one, then call view.refresh()."
        return check_layer(self.cube, layers[0], raw=False)

    def _update(self) -> None:
        layers = list(self.selection.layers)
        problem = self._problem(layers)
        if problem:
            with self.hold_sync():
                self.message, self.layer, self.entropy, self.entropy_all = problem, "", None, None
            self._update_deconv()
            return
        name = layers[0]
        try:
            epochs, per_class, overall, ms = self._layer_entropy(name)
        except (ValueError, KeyError) as err:
            self.message = f"Intra-sample entropy of {name} failed: {err}"
            return
        notes = []
        if len(layers) > 1:
            notes.append(f"{len(layers)} layers are selected: showing the first, {name}.")
        if _map_size(self.cube, name) == 1:
            notes.append(
                f"{name} has 1 x 1 maps (a dense layer): a map of one value has zero "
                "intra-sample entropy, so every chart and circle is flat."
            )
        with self.hold_sync():
            self.message = ""
            self.layer = name
            self.epochs = epochs
            self.entropy, self.entropy_all = per_class, overall
            self.info = {
                "layer": name, "n_channels": int(per_class.shape[0]),
                "n_samples": int(len(self.cube.labels)), "bins": self._bins,
                "compute_ms": ms, "notes": notes,
            }  # fmt: skip
        self._update_deconv()

    def _layer_entropy(self, name: str) -> tuple[list[int], np.ndarray, np.ndarray, float]:
        """(epochs, (channel, class, epoch), (channel, epoch), ms), new epochs only computed."""
        epochs = [int(e) for e in self.cube.epochs]
        cached = self._entropies.peek(name)
        have = cached[0] if cached is not None else []
        missing = [e for e in epochs if e not in have]
        if cached is not None and not missing:
            self._entropies.get(name)  # a hit
            per_class, overall = cached[1], cached[2]
            keep = [have.index(e) for e in epochs]
            return epochs, per_class[..., keep], overall[..., keep], 0.0
        self.status = f"Computing the intra-sample entropy of {name} for {len(missing)} epoch(s)..."
        start = time.perf_counter()
        try:
            h = intra_sample_entropy_cube(
                self.cube, layers=[name], epochs=missing, bins=self._bins, progress=False
            ).isel(layer=0, drop=True)
            n_classes = len(self.cube.classes)
            new_class = class_entropy(h, classes=list(range(n_classes))).transpose(
                "channel", "class", "epoch"
            ).values
            new_all = channel_entropy(h).transpose("channel", "epoch").values
        finally:
            self.status = ""
        if cached is not None:
            new_class = np.concatenate([cached[1], new_class], axis=-1)
            new_all = np.concatenate([cached[2], new_all], axis=-1)
        order = np.argsort(have + missing, kind="stable")
        all_epochs = sorted(have + missing)
        per_class = np.asarray(new_class, dtype=np.float32)[..., order]
        overall = np.asarray(new_all, dtype=np.float32)[..., order]
        self._entropies.put(name, (all_epochs, per_class, overall))
        keep = [all_epochs.index(e) for e in epochs]
        ms = round(1000 * (time.perf_counter() - start), 1)
        return epochs, per_class[..., keep], overall[..., keep], ms

    # -- deconvnet --------------------------------------------------------------------
    def _chosen_channel(self) -> int | None:
        if not self.layer or self.entropy is None:
            return None
        n = self.entropy.shape[0]
        return next((int(c) for c in self.selection.channels if c < n), None)

    def _update_deconv(self) -> None:
        channel = self._chosen_channel()
        if channel is None:
            self._set_deconv({}, None, None, None)
            return
        epoch, _ = self._snap_epoch()
        class_index = self.selection.class_index
        info = {"layer": self.layer, "channel": channel, "epoch": epoch,
                "class_index": class_index, "note": ""}  # fmt: skip
        if self.model is None:
            self._set_deconv({**info, "note": _NO_MODEL}, None, None, None)
            return
        labels = np.asarray(self.cube.labels.values)
        shown = pick_probes(labels, np.arange(len(labels)), self.n_images, class_index=class_index)
        key = (self.layer, channel, epoch, tuple(shown.tolist()))
        cached = self._projections.get(key)
        if cached is not None:
            self._set_deconv(info, *cached)
            return
        self.status = f"Deconvnet of {self.layer} channel {channel} at epoch {epoch}..."
        try:
            images = self._projector.images(shown, epoch)
            proj = signed_to_uint8(self._projector.project(images, self.layer, channel, epoch))
        except Exception as err:  # noqa: BLE001 - shown to the user, the view stays usable
            note = f"Deconvnet failed: {type(err).__name__}: {err}"
            self._set_deconv({**info, "note": note}, None, None, None)
            return
        finally:
            self.status = ""
        result = (images_to_uint8(images), labels[shown].astype(np.int32), proj)
        self._projections.put(key, result)
        self._set_deconv(info, *result)

    def _set_deconv(self, info: dict[str, Any], images: Any, labels: Any, proj: Any) -> None:
        with self.hold_sync():
            self.probe_images, self.probe_labels, self.deconv_images = images, labels, proj
            self.deconv_info = info


def _map_size(cube: Hypercube, name: str) -> int | None:
    """h * w of a layer's maps (None if the cube does not say)."""
    shape = next((getattr(lay, "shape", None) for lay in cube.all_layers if lay.name == name), None)
    return None if shape is None else int(np.prod(shape[1:]))
