"""May a run continue an existing store? What the store holds, and whether it fits.

:func:`stored_run` reads what a store holds (complete epochs, training losses, size,
whether a writer is on it); :func:`check_fit` compares it with the :class:`RunSpec` of a
new run and raises :class:`~cnnslicer_widgets.store.spec.StoreMismatchError` naming the
first difference (layers, classes, activation dtype, probe, weights, schedule). Used by
``Recorder(..., resume=True)``; the writer side is
:meth:`cnnslicer_widgets.store.StoreWriter.resume`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cnnslicer_widgets.store.live import writer_alive
from cnnslicer_widgets.store.reader import open_store
from cnnslicer_widgets.store.spec import LayerSpec, RunSpec, StoreMismatchError

__all__ = ["StoredRun", "check_fit", "stored_run", "trained_epochs"]


def trained_epochs(train: list[int], complete: list[int], schedule: list[int]) -> list[int]:
    """The training losses a store holds for good: the rows a writer finished (strictly
    increasing epochs >= 1), up to the first epoch scheduled for recording whose
    recording did not complete (that epoch is trained, or recorded, again).

    Examples
    --------
    >>> trained_epochs([1, 2, 3, 0], complete=[0, 2], schedule=[0, 2, 4])
    [1, 2, 3]
    >>> trained_epochs([1, 2, 3], complete=[0, 1, 2], schedule=[0, 1, 2, 3, 4])
    [1, 2]
    """
    done, out = set(complete), list[int]()
    for e in train:
        if e < 1 or (out and e <= out[-1]) or (e in schedule and e not in done):
            break
        out.append(int(e))
    return out


@dataclass
class StoredRun:
    """What an existing store holds."""

    path: Path
    complete: list[int]
    incomplete: list[int]
    train: list[int]
    schedule: list[int]
    size: int
    alive: bool | None

    @property
    def next_epoch(self) -> int:
        """The first training epoch the store knows nothing of: after its last complete
        recorded epoch and its last training loss kept (:func:`trained_epochs`); 0 when
        even epoch 0 is missing."""
        last = self.complete[-1] if self.complete else -1
        kept = trained_epochs(self.train, self.complete, self.schedule)
        return max([last, *kept]) + 1


def stored_run(path: str | os.PathLike) -> StoredRun:
    """Read what the store at ``path`` holds (the store is validated on the way)."""
    path = Path(path)
    f, meta, state = open_store(path)
    try:
        train_epoch, train_loss = f["train_epoch"], f["train_loss"]
        n = min(train_epoch.shape[0], train_loss.shape[0])
        train = [int(v) for v in train_epoch[:n]]
        schedule = json.loads(meta.attrs.get("schedule") or "[]")
    finally:
        f.close()
    return StoredRun(path=path, complete=state.epochs, incomplete=state.incomplete,
                     train=train, schedule=[int(e) for e in schedule],
                     size=path.stat().st_size, alive=writer_alive(path))


def _layer(lay: LayerSpec) -> str:
    c, h, w = lay.shape
    kept = "" if lay.stored == "raw" else f", {lay.bins}-bin histograms"
    return f"{lay.name!r} ({lay.type}, {c}x{h}x{w}{kept})"


def _first_difference(stored: list, new: list) -> int:
    for i, (a, b) in enumerate(zip(stored, new, strict=False)):
        if a != b:
            return i
    return min(len(stored), len(new))


def check_fit(path: str | os.PathLike, spec: RunSpec, inputs: np.ndarray | None = None) -> None:
    """Raise :class:`StoreMismatchError` unless a run of ``spec`` (probe ``inputs`` as
    stored: (n, C, H, W) float32) may continue the store at ``path``."""
    path = Path(path)
    f, meta, _ = open_store(path)
    try:
        fail = _Mismatch(path)
        stored = meta.layers
        if [(x.name, x.type, x.shape, x.stored, x.bins) for x in stored] != [
                (x.name, x.type, x.shape, x.stored, x.bins) for x in spec.layers]:
            i = _first_difference([_layer(x) for x in stored], [_layer(x) for x in spec.layers])
            a = _layer(stored[i]) if i < len(stored) else "nothing"
            b = _layer(spec.layers[i]) if i < len(spec.layers) else "nothing"
            fail(f"layer {i} is {a} in the store but {b} in this run",
                 "the same model and layers=")
        if list(meta.classes) != list(spec.classes):
            fail(f"the classes are {meta.classes[:5]} in the store but {spec.classes[:5]} "
                 "in this run", "the same classes=")
        if meta.attrs.get("activation_dtype") != spec.dtype:
            fail(f"activations are {meta.attrs.get('activation_dtype')} in the store but "
                 f"{spec.dtype} in this run", f"dtype={meta.attrs.get('activation_dtype')!r}")
        _check_probe(f, meta, spec, inputs, fail)
        listed = json.loads(meta.attrs.get("weights") or "{}")
        stored_w = {k: (tuple(v[0]), np.dtype(v[1]).name) for k, v in listed.items()}
        new_w = {k: (tuple(int(s) for s in v[0]), np.dtype(v[1]).name)
                 for k, v in spec.weights.items()}
        if stored_w != new_w:
            names = sorted(set(stored_w) ^ set(new_w)) or sorted(
                k for k in stored_w if stored_w[k] != new_w.get(k))
            fail(f"the stored parameters differ at {names[0]!r} (store: "
                 f"{stored_w.get(names[0], 'absent')}, this run: {new_w.get(names[0], 'absent')})",
                 "the same model and weights=")
        old = [int(e) for e in json.loads(meta.attrs.get("schedule") or "[]")]
        new = list(spec.schedule)
        if old and old != new:
            i = _first_difference(old, new)
            if i < len(old) and i < len(new):
                what = f"entry {i} is epoch {old[i]} in the store but {new[i]} in this run"
            elif i >= len(old):
                what = (f"the store's ends with epoch {old[-1]}, this run's goes on to epoch "
                        f"{new[-1]}")
            else:
                what = (f"this run's ends with epoch {new[-1]}, the store's goes on to epoch "
                        f"{old[-1]}")
            fail(f"the recording schedules differ: {what}", "the same epochs= and every=")
    finally:
        f.close()


class _Mismatch:
    def __init__(self, path: Path):
        self.path = path

    def __call__(self, what: str, fix: str) -> None:
        raise StoreMismatchError(
            f"{self.path} cannot be continued by this run: {what}. Resume with {fix} as the "
            "run that wrote it, or record to a new path."
        )


def _check_probe(f, meta, spec: RunSpec, inputs, fail: _Mismatch) -> None:
    n = meta.n_samples
    if n != spec.n_samples:
        fail(f"the probe has {n} samples in the store but {spec.n_samples} in this run",
             "the same probe")
    for what, a, b in (("sample indices", meta.sample_index, spec.sample_index),
                       ("labels", meta.labels, spec.labels)):
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        if not np.array_equal(a, b):
            i = int(np.flatnonzero(a != b)[0])
            fail(f"the probe's {what} differ at position {i} ({a[i]} in the store, {b[i]} in "
                 "this run)", "the same probe (same samples, same order)")
    if inputs is None:
        return
    ds = f["layers/input/activation"]
    for s in range(0, n, 1024):
        got = ds[s : s + 1024]
        want = np.asarray(inputs[s : s + 1024], dtype=got.dtype).reshape(got.shape)
        if not np.array_equal(got, want, equal_nan=True):
            i = s + int(np.flatnonzero(~np.all((got == want) | (np.isnan(got) & np.isnan(want)),
                                              axis=tuple(range(1, got.ndim))))[0])
            fail(f"the probe's input {i} differs from the stored one", "the same probe "
                 "(same samples, same order, same transforms)")
