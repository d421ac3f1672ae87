"""The training performance view (paper 5.2, Fig. 4-7) for one run or several.

For the *active* run: the confusion matrix at the selected epoch, H(label | pred = i) and
H(pred | label = i) over epochs, one line per class (infinite values, classes never
predicted, drawn as gaps with markers). For every run: its inter-sample entropy (a bar) and
its training loss (a line), one colour per run in every chart. Clicking a run's bar or chip
makes it the active run; the epoch is the shared :attr:`Selection.epoch`, moved by the
view's slider or by any other view.

Only what is on screen reaches the browser, as binary arrays: the active run's entropy
lines and the one confusion matrix shown; the kernel sends the next matrix when the epoch
or the active run changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from cnnslicer_widgets.widgets._base import CNNSlicerView
from cnnslicer_widgets.widgets._performance_data import (
    RunData,
    collect_runs,
    load_run,
    run_notes,
)
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets._text import describe_ints
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Array, Epochs

if TYPE_CHECKING:
    import os

    from cnnslicer_widgets.cube import Hypercube

    RunLike = Hypercube | str | os.PathLike

__all__ = ["PerformanceView"]


class PerformanceView(CNNSlicerView):
    """Confusion matrix, label entropies, inter-sample entropy and loss of one or more runs.

    Parameters
    ----------
    runs : Hypercube, path, sequence of them, or mapping name -> run
        The runs to compare (e.g. MNIST trained on 100 / 500 / 1000 images per class).
    selection : Selection, optional
        The shared selection; its ``epoch`` picks the confusion matrix, its
        ``class_index`` the emphasised class line (both also set from this view).
    names : sequence of str, optional
        Run names (default: each store's dataset name, else its file name).
    inter_layer : str or None, default "input"
        Layer whose inter-sample entropy at the first epoch makes each run's bar
        (the input: the diversity of the probe set). ``None`` skips it.
    inter_k : int, optional
        Neighbours for the inter-sample entropy (default all pairs; cost grows as N^2).
    inter_entropy : sequence or mapping of float, optional
        Precomputed bar values (by position or by run name), instead of computing them.
    progress : bool, default True
        Show a progress bar while computing inter-sample entropies (not when cached).

    Examples
    --------
    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import mnist_lenet
    >>> from cnnslicer_widgets.record import Recorder
    >>> x, y = torch.rand(30, 1, 28, 28), torch.arange(30) % 10
    >>> paths = []
    >>> for n in (10, 30):  # two "training set sizes"
    ...     paths.append(f"{tempfile.mkdtemp()}/run{n}.h5")
    ...     with Recorder(mnist_lenet(), (x[:n], y[:n]), paths[-1], epochs=2, layers=["fc2"],
    ...                   progress=False, verbose=False) as rec:
    ...         _ = [rec.epoch_end(epoch, loss=2.0 / epoch) for epoch in (1, 2)]
    >>> view = PerformanceView(paths, names=["10 images", "30 images"])
    >>> [run["name"] for run in view.runs], view.confusion.shape
    (['10 images', '30 images'], (10, 10))
    >>> view.selection.epoch = 1
    >>> view.confusion_epoch, int(view.confusion.sum())  # the probe is the evaluation set
    (1, 10)
    >>> view.active_run = 1
    >>> int(view.confusion.sum()), view.label_given_pred.shape  # (epochs, classes)
    (30, (3, 10))
    """

    _esm = static_file("performance.js")

    runs = traitlets.List(traitlets.Dict()).tag(sync=True)
    """One dict per run: ``name``, ``path``, ``samples`` (probe size), ``epochs`` (text),
    ``classes`` (count). Run i is drawn in run colour i in every chart."""

    active_run = traitlets.Int(0).tag(sync=True)
    """Index of the run whose confusion matrix and entropy lines are shown."""

    classes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Class names of the active run."""

    epochs = Epochs().tag(sync=True)
    """Recorded epochs of the active run (x of the entropy lines, stops of the slider)."""

    label_given_pred = Array(dtype="float32", ndim=2).tag(sync=True)
    """H(label | pred = i) of the active run, (epoch, class), bits; +inf: never predicted."""

    pred_given_label = Array(dtype="float32", ndim=2).tag(sync=True)
    """H(pred | label = i) of the active run, (epoch, class), bits; +inf: no samples."""

    confusion = Array(dtype="int32", ndim=2).tag(sync=True)
    """Confusion matrix C[true, pred] of the active run at :attr:`confusion_epoch`."""

    confusion_epoch = traitlets.Int(-1).tag(sync=True)
    """The recorded epoch shown (the selected one, else the last recorded before it)."""

    loss_epochs = Array(dtype="float32", ndim=2).tag(sync=True)
    """Training epochs of each run's loss, (run, step), NaN-padded to the longest run."""

    loss_values = Array(dtype="float32", ndim=2).tag(sync=True)
    """Training loss of each run, (run, step), NaN-padded."""

    inter_entropy = Array(dtype="float64", ndim=1).tag(sync=True)
    """Inter-sample entropy of each run (bits; NaN when not available)."""

    inter_layer = traitlets.Unicode("").tag(sync=True)
    """The layer the inter-sample entropies are computed on ("" if none)."""

    notes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Sentences about what is shown (single epoch, infinite entropies, missing data)."""

    def __init__(
        self,
        runs: RunLike | Sequence[RunLike] | Mapping[str, RunLike],
        selection: Selection | None = None,
        *,
        names: Sequence[str] | None = None,
        inter_layer: str | None = "input",
        inter_k: int | None = None,
        inter_entropy: Sequence[float] | Mapping[str, float] | None = None,
        progress: bool = True,
    ) -> None:
        pairs = collect_runs(runs, names)
        given = _given_values(inter_entropy, [name for name, _ in pairs])
        self._runs: list[RunData] = [
            load_run(name, cube, inter_layer=inter_layer, inter_k=inter_k,
                     inter_value=value, progress=progress)
            for (name, cube), value in zip(pairs, given, strict=True)
        ]  # fmt: skip
        self._inter: dict[str, Any] = {"inter_layer": inter_layer, "inter_k": inter_k, "progress": progress}
        self._trained = [r.cube.train_loss.sizes["train_epoch"] for r in self._runs]
        own = selection is None
        super().__init__(selection, inter_layer=inter_layer or "")
        with_epochs = [i for i, r in enumerate(self._runs) if len(r.epochs)]
        if with_epochs:
            self.active_run = with_epochs[0]
            if own:  # a view on its own starts at the last epoch of its first run
                self.selection.epoch = int(self._runs[with_epochs[0]].epochs[-1])
        self._send_runs()
        self.observe(self._on_active, names="active_run")
        self.follow(["epoch"], self._on_epoch)
        self._show_active()

    # -- public API ---------------------------------------------------------------------

    @property
    def run_data(self) -> list[RunData]:
        """The loaded runs (name, cube, epochs, confusion, entropies, loss, inter)."""
        return list(self._runs)

    def refresh(self) -> list[list[int]]:
        """Pick up epochs completed since the view was made (runs still training).

        Returns the epochs new to this view for each run (also those another view sharing
        the cube refreshed first). A run whose training loss grew (epochs trained but not
        recorded) is reloaded too.
        """
        new, changed = [], False
        for i, run in enumerate(self._runs):
            run.cube.refresh()
            shown = set(run.epochs.tolist())
            new.append([int(e) for e in run.cube.epochs if e not in shown])
            trained = run.cube.train_loss.sizes["train_epoch"]
            if new[i] or trained != self._trained[i]:
                known = None if math.isnan(run.inter) else run.inter
                self._runs[i] = load_run(run.name, run.cube, inter_value=known, **self._inter)
                self._trained[i], changed = trained, True
        if changed:
            self._send_runs()
            self._show_active()
        return new

    # -- state sent to the browser ------------------------------------------------------

    def _send_runs(self) -> None:
        width = max([len(r.loss) for r in self._runs] + [1])
        steps = np.full((len(self._runs), width), np.nan, dtype=np.float32)
        values = np.full_like(steps, np.nan)
        for i, run in enumerate(self._runs):
            steps[i, : len(run.loss)] = run.loss_epochs
            values[i, : len(run.loss)] = run.loss
        with self.hold_sync():
            self.runs = [_run_summary(r) for r in self._runs]
            self.loss_epochs, self.loss_values = steps, values
            self.inter_entropy = np.array([r.inter for r in self._runs], dtype=np.float64)

    def _show_active(self) -> None:
        """Send the active run's lines and its confusion matrix at the selected epoch."""
        self.message = _blocking_message(self._runs)
        if self.message:
            return
        run = self._runs[self.active_run]
        with self.hold_sync():
            self.classes = list(run.classes)
            self.epochs = [int(e) for e in run.epochs]
            self.label_given_pred = run.label_given_pred.astype(np.float32)
            self.pred_given_label = run.pred_given_label.astype(np.float32)
            self._show_confusion()

    def _show_confusion(self) -> None:
        if not self._runs:
            return
        run = self._runs[self.active_run]
        empty = [r.name for r in self._runs if not len(r.epochs)]
        extra = [f"Run {n!r} holds no complete epoch yet: call view.refresh() once it has one."
                 for n in empty]  # fmt: skip
        with self.hold_sync():
            if not len(run.epochs):
                self.confusion, self.confusion_epoch = None, -1
                self.notes = extra
                return
            pos = run.position(self.selection.epoch)
            self.confusion = run.confusion[pos].astype(np.int32)
            self.confusion_epoch = int(run.epochs[pos])
            self.notes = run_notes(run, self.selection.epoch) + extra

    # -- observers ----------------------------------------------------------------------

    @traitlets.validate("active_run")
    def _valid_active(self, proposal: dict[str, Any]) -> int:
        value = proposal["value"]
        if not 0 <= value < max(1, len(self._runs)):
            names = ", ".join(f"{i}: {r.name}" for i, r in enumerate(self._runs))
            raise traitlets.TraitError(f"active_run must be a run index ({names}), got {value}")
        return value

    def _on_active(self, _change: dict[str, Any]) -> None:
        self._show_active()

    def _on_epoch(self, _change: dict[str, Any]) -> None:
        self._show_confusion()

    def _selection_replaced(self) -> None:
        self._show_confusion()


def _given_values(
    values: Sequence[float] | Mapping[str, float] | None, names: list[str]
) -> list[float | None]:
    if values is None:
        return [None] * len(names)
    if isinstance(values, Mapping):
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ValueError(f"inter_entropy names {unknown} are not runs ({', '.join(names)})")
        return [values.get(n) for n in names]
    values = list(values)
    if len(values) != len(names):
        raise ValueError(f"got {len(values)} inter_entropy values for {len(names)} runs")
    return [float(v) for v in values]


def _run_summary(run: RunData) -> dict[str, Any]:
    return {
        "name": run.name,
        "path": str(run.cube.path),
        "samples": len(run.cube.x),
        "epochs": describe_ints(run.epochs.tolist()),
        "classes": len(run.classes),
    }


def _blocking_message(runs: list[RunData]) -> str:
    """Why nothing can be drawn ("" when something can)."""
    if not runs:
        return "No runs to show: pass a Hypercube, a store path, or a list or dict of them."
    if not any(len(r.epochs) for r in runs):
        paths = ", ".join(str(r.cube.path) for r in runs)
        return (
            f"No complete epoch recorded yet in {paths}.\n"
            "Let the recorder finish an epoch, then call view.refresh()."
        )
    return ""
