"""What the performance view computes per run, apart from the widget: label entropies over
epochs, training loss, inter-sample entropy (cached), and the sentences about them."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from cnnslicer_widgets.cube import as_cube, nearest_epoch
from cnnslicer_widgets.widgets._cache import LRU
from cnnslicer_widgets.widgets._text import describe_ints

if TYPE_CHECKING:
    from cnnslicer_widgets.cube import Hypercube

__all__ = ["RunData", "collect_runs", "inter_entropy", "load_run", "run_notes"]

_INTER_CACHE: LRU[float] = LRU(256)
"""Inter-sample entropies by store file and probe, shared by every view of this process."""


@dataclass
class RunData:
    """One run as the performance view shows it."""

    name: str
    cube: Hypercube
    epochs: np.ndarray  # (E,) recorded complete epochs
    confusion: np.ndarray  # (E, K, K) counts on the evaluation set
    label_given_pred: np.ndarray  # (E, K) bits, +inf for a class never predicted
    pred_given_label: np.ndarray  # (E, K) bits, +inf for a class without samples
    loss_epochs: np.ndarray  # (T,) training epochs with a loss
    loss: np.ndarray  # (T,)
    inter: float = math.nan
    inter_error: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.cube.classes

    def position(self, epoch: int) -> int:
        """Index into :attr:`epochs` of the recorded epoch shown for ``epoch``."""
        recorded = self.epochs.tolist()
        return recorded.index(nearest_epoch(recorded, epoch)) if recorded else 0


def collect_runs(runs: Any, names: Sequence[str] | None) -> list[tuple[str, Hypercube]]:
    """Normalise the ``runs`` argument: one run, a sequence, or a mapping name -> run."""
    if isinstance(runs, Mapping):
        if names is not None:
            raise TypeError("pass names= or a mapping of name -> run, not both")
        names, items = [str(k) for k in runs], list(runs.values())
    elif isinstance(runs, (str, os.PathLike)) or not isinstance(runs, Sequence):
        items = [runs]
    else:
        items = list(runs)
    cubes = [as_cube(r) for r in items]
    if names is None:
        names = _default_names(cubes)
    names = [str(n) for n in names]
    if len(names) != len(cubes):
        raise ValueError(f"got {len(names)} names for {len(cubes)} runs")
    if len(set(names)) != len(names):
        raise ValueError(f"run names must be distinct, got {names}")
    return list(zip(names, cubes, strict=True))


def _default_names(cubes: list[Hypercube]) -> list[str]:
    names = [c.dataset_name or Path(c.path).stem for c in cubes]
    if len(set(names)) == len(names):
        return names
    return [f"{n} ({Path(c.path).stem})" for n, c in zip(names, cubes, strict=True)]


def _training_loss(cube: Hypercube) -> tuple[np.ndarray, np.ndarray]:
    loss = cube.train_loss
    epochs, values = np.asarray(loss["train_epoch"].values), np.asarray(loss.values, float)
    if not len(values):  # older stores: the loss of recorded epochs only
        per_epoch = cube.loss
        epochs, values = np.asarray(per_epoch["epoch"].values), np.asarray(per_epoch.values)
    keep = np.isfinite(values)
    return epochs[keep].astype(np.float64), values[keep].astype(np.float64)


def load_run(
    name: str,
    cube: Hypercube,
    *,
    inter_layer: str | None = "input",
    inter_k: int | None = None,
    inter_value: float | None = None,
    progress: bool = False,
) -> RunData:
    """Everything the view shows of one run (confusion matrices are small: all epochs)."""
    from cnnslicer_widgets.estimators import entropy_label_given_pred, entropy_pred_given_label

    confusion = cube.confusion
    loss_epochs, loss = _training_loss(cube)
    data = RunData(
        name=name,
        cube=cube,
        epochs=np.asarray(cube.epochs, dtype=np.int64),
        confusion=np.asarray(confusion.values, dtype=np.int64),
        label_given_pred=np.asarray(entropy_label_given_pred(confusion).values, dtype=np.float64),
        pred_given_label=np.asarray(entropy_pred_given_label(confusion).values, dtype=np.float64),
        loss_epochs=loss_epochs,
        loss=loss,
    )
    if inter_value is not None:
        data.inter = float(inter_value)
    elif inter_layer is not None and len(data.epochs):
        try:
            data.inter = inter_entropy(cube, inter_layer, k=inter_k, progress=progress)
        except (ValueError, KeyError, TypeError) as err:  # e.g. histogram-only layer, N < 3
            data.inter_error = str(err)
    return data


def inter_entropy(cube: Hypercube, layer: str, *, k: int | None, progress: bool) -> float:
    """Inter-sample entropy of ``layer`` at the run's first epoch, cached per store file.

    The cache key holds the file's path, size and modification time, the layer, the probe
    samples and ``k``, so a re-recorded store is computed again.
    """
    from cnnslicer_widgets.estimators import inter_sample_entropy

    stat = os.stat(cube.path)
    x = np.asarray(cube.x)
    key = (os.path.realpath(cube.path), stat.st_size, stat.st_mtime_ns, layer, k,
           len(x), hash(x.tobytes()))  # fmt: skip
    value = _INTER_CACHE.get(key)
    if value is None:
        first = cube.activations(layer).isel(epoch=0)
        value = float(inter_sample_entropy(first, k=k, progress=progress))
        _INTER_CACHE.put(key, value)
    return value


def _inf_classes(values: np.ndarray, epochs: np.ndarray, classes: list[str]) -> str:
    parts = []
    for k in np.flatnonzero(np.isinf(values).any(axis=0)):
        eps = epochs[np.isinf(values[:, k])].tolist()
        parts.append(
            f"class {classes[k]} (epoch{'s' if len(eps) > 1 else ''} {describe_ints(eps)})"
        )
    if len(parts) > 6:
        parts = [*parts[:6], f"and {len(parts) - 6} more"]
    return "; ".join(parts)


def run_notes(run: RunData, requested_epoch: int) -> list[str]:
    """Sentences about the run the view shows (never a blank chart without a reason)."""
    notes = []
    if len(run.epochs) == 1:
        notes.append(
            f"Run {run.name!r} has a single recorded epoch ({run.epochs[0]}): each entropy "
            "line is a single point, and the epoch cannot move."
        )
    if len(run.epochs) and requested_epoch not in run.epochs:
        shown = run.epochs[run.position(requested_epoch)]
        notes.append(
            f"Epoch {requested_epoch} is not recorded in run {run.name!r} "
            f"(epochs {describe_ints(run.epochs.tolist())}): showing epoch {shown}."
        )
    never = _inf_classes(run.label_given_pred, run.epochs, run.classes)
    if never:
        notes.append(
            "Never predicted, so H(label | pred = i) is infinite there (gaps in the lines, "
            f"marks in the ∞ band above them): {never}."
        )
    empty = _inf_classes(run.pred_given_label, run.epochs, run.classes)
    if empty:
        notes.append(
            "No evaluation samples, so H(pred | label = i) is infinite there (marks in the ∞ "
            "band): "
            f"{empty}."
        )
    if len(run.classes) == 1:
        notes.append(f"Run {run.name!r} has a single class: both label entropies are 0 bits.")
    if not len(run.loss):
        notes.append(f"Run {run.name!r} has no training loss recorded (pass loss= to epoch_end).")
    if run.inter_error:
        notes.append(
            f"Inter-sample entropy of run {run.name!r} is not available: {run.inter_error}"
        )
    return notes
