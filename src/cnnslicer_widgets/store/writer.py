"""Writing a store: create every dataset up front, then append one epoch at a time.

The writer creates every dataset up front (:mod:`.layout`), then switches the file to HDF5
single-writer/multiple-reader (SWMR) mode, so that readers can follow a run while it
trains and a killed writer leaves all completed epochs readable. An epoch is marked
complete only after all its arrays are written and flushed.
"""

from __future__ import annotations

import os
from pathlib import Path

import h5py
import numpy as np

from cnnslicer_widgets.store.layout import write_layout
from cnnslicer_widgets.store.spec import LayerSpec, NotStoredError, RunSpec, StoreError

__all__ = ["StoreWriter"]


class StoreWriter:
    """Writes one run to one HDF5 file, one epoch at a time.

    Use :meth:`create`; then for each recorded epoch :meth:`begin_epoch`, the ``write_*``
    methods, and :meth:`end_epoch`, which flushes and marks the epoch complete.
    """

    def __init__(self, file: h5py.File, spec: RunSpec):
        self._f = file
        self.spec = spec
        self._epoch_pos: int | None = None
        self._epochs: list[int] = []
        self._train_n = 0
        self._open: dict[str, h5py.Dataset] = {}

    # -- creation -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike, spec: RunSpec, *, overwrite: bool = False):
        """Create the file with every dataset, write the metadata, enter SWMR mode."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(
                f"{path} already exists; choose a new path or pass overwrite=True to replace it"
            )
        if not path.parent.exists():
            raise FileNotFoundError(f"directory {path.parent} does not exist; create it first")
        tmp = path.with_name(path.name + ".creating")
        f = h5py.File(tmp, "w", libver="latest")
        try:
            write_layout(f, spec)
            f.flush()
            f.close()
            os.replace(tmp, path)
            f = h5py.File(path, "r+", libver="latest", rdcc_nbytes=64 << 20, rdcc_nslots=100_003)
            f.swmr_mode = True
        except BaseException:
            f.close()
            tmp.unlink(missing_ok=True)
            raise
        return cls(f, spec)

    @property
    def path(self) -> str:
        return self._f.filename

    @property
    def epochs(self) -> list[int]:
        """Epochs recorded so far (complete or in progress)."""
        return list(self._epochs)

    # -- writing ------------------------------------------------------------------------
    def write_input(self, start: int, x: np.ndarray) -> None:
        """Write probe inputs ``x`` (n, C, H, W) at positions start..start+n."""
        ds = self._d("layers/input/activation")
        ds[start : start + len(x)] = x.astype(ds.dtype, copy=False)

    def begin_epoch(self, epoch: int) -> None:
        """Grow every per-epoch array by one row for ``epoch`` (marked incomplete)."""
        if self._epoch_pos is not None:
            raise StoreError(f"epoch {self._epochs[-1]} is still open; call end_epoch first")
        if self._epochs and epoch <= self._epochs[-1]:
            raise ValueError(
                f"epoch {epoch} comes after epoch {self._epochs[-1]} in this store; "
                "recorded epochs must strictly increase"
            )
        pos = len(self._epochs)
        self._epoch_pos = pos  # open from here on: close() marks it aborted if we fail
        self._epochs.append(epoch)
        for ds in self._per_epoch_datasets():
            ds.resize(pos + 1, axis=0)
        # epoch_complete and loss start as their fill values (0, NaN): each one-value
        # chunk is written once, so a SWMR reader never reads a chunk being rewritten.
        self._d("epoch")[pos] = epoch
        self._f.flush()

    def write_activation(self, layer: str, start: int, values: np.ndarray) -> None:
        """Write one layer's outputs (n, C, H, W) for probe positions start..start+n."""
        self._layer(layer, "raw")
        ds = self._d(f"layers/{layer}/activation")
        ds[self._pos(), start : start + len(values)] = values

    def write_histogram(self, layer: str, start: int, counts: np.ndarray, lo: np.ndarray,
                        hi: np.ndarray) -> None:
        """Write per-map histograms (n, C, bins) and min, max (n, C) of a summarized layer."""
        lay = self._layer(layer, "histogram")
        n, c = len(counts), lay.shape[0]
        for name, arr, want in (("counts", counts, (n, c, lay.bins)), ("min", lo, (n, c)),
                                ("max", hi, (n, c))):
            if np.shape(arr) != want:
                raise StoreError(f"layer {layer!r}: {name} has shape {np.shape(arr)}, "
                                 f"expected {want}")
        pos, rows = self._pos(), slice(start, start + n)
        base = f"layers/{layer}/"
        self._d(base + "histogram")[pos, rows] = counts
        self._d(base + "min")[pos, rows] = lo
        self._d(base + "max")[pos, rows] = hi

    def write_logits(self, start: int, logits: np.ndarray) -> None:
        self._d("logits")[self._pos(), start : start + len(logits)] = logits

    def write_confusion(self, matrix: np.ndarray) -> None:
        self._d("confusion")[self._pos()] = matrix

    def write_loss(self, loss: float | None) -> None:
        self._d("loss")[self._pos()] = np.nan if loss is None else float(loss)

    def write_weights(self, state: dict[str, np.ndarray]) -> None:
        pos = self._pos()
        for name, (shape, _dtype) in self.spec.weights.items():
            value = np.asarray(state[name])
            if value.shape != tuple(shape):
                raise StoreError(f"weight {name!r} has shape {value.shape}, expected {shape}")
            self._d(f"weights/{name}")[pos] = value

    def end_epoch(self) -> None:
        """Flush every array of the open epoch, then mark it complete and flush again."""
        pos = self._pos()
        self._f.flush()
        self._d("epoch_complete")[pos] = 1
        self._f.flush()
        self._epoch_pos = None

    def append_train_loss(self, epoch: int, loss: float | None) -> None:
        """Record the training loss of any training epoch (recorded or not)."""
        n = self._train_n
        for name in ("train_epoch", "train_loss"):
            self._d(name).resize(n + 1, axis=0)
        self._d("train_epoch")[n] = epoch
        self._d("train_loss")[n] = np.nan if loss is None else float(loss)
        self._f.flush()
        self._train_n = n + 1

    def close(self) -> None:
        """Close the file. An epoch still open (its recording failed) is flagged 2,
        "aborted": in a cleanly closed store every epoch is then either complete (1) or
        aborted (2), so readers can tell a damaged completion flag (0) from a stopped run."""
        if not self._f.id.valid:
            return
        try:
            if self._epoch_pos is not None:
                self._d("epoch_complete")[self._epoch_pos] = 2
                self._epoch_pos = None
        finally:
            self._f.flush()
            self._open.clear()
            self._f.close()

    # -- internals ----------------------------------------------------------------------
    def _d(self, name: str) -> h5py.Dataset:
        """Dataset ``name``, kept open: closing a dataset flushes its chunk cache, so a
        handle per write would write every chunk once per batch (and, for compressed
        chunks, leave the old copies behind as dead space)."""
        ds = self._open.get(name)
        if ds is None:
            ds = self._open[name] = self._f[name]
        return ds

    def _pos(self) -> int:
        if self._epoch_pos is None:
            raise StoreError("no epoch is open; call begin_epoch(epoch) first")
        return self._epoch_pos

    def _layer(self, name: str, stored: str) -> LayerSpec:
        for lay in self.spec.layers:
            if lay.name == name:
                if lay.stored != stored:
                    raise NotStoredError(f"layer {name!r} is stored as {lay.stored!r}, not "
                                         f"{stored!r}; use the matching write_* method")
                return lay
        raise KeyError(f"layer {name!r} is not in this store "
                       f"(layers: {', '.join(lay.name for lay in self.spec.layers)})")

    def _per_epoch_datasets(self):
        names = ["epoch", "epoch_complete", "loss", "logits", "confusion"]
        for lay in self.spec.layers[1:]:
            kinds = ("activation",) if lay.stored == "raw" else ("histogram", "min", "max")
            names += [f"layers/{lay.name}/{k}" for k in kinds]
        names += [f"weights/{w}" for w in self.spec.weights]
        return [self._d(n) for n in names]
