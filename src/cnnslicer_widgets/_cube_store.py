"""What every view of one store shares: read handles, metadata, epochs, guarded reads.

Each process keeps one read-only SWMR handle per file (dask workers open their own, via
the picklable :class:`H5Array`). Handles are keyed by path *and* file identity (device,
inode), so a cube never reads a different file that was later written to its path.
Every read turns low-level h5py errors into :class:`StoreReadError` naming the file,
the dataset and the epochs.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import dask.array as da
import h5py
import numpy as np
from dask.base import tokenize

from cnnslicer_widgets._spec import StoreReadError, StoreReplacedError
from cnnslicer_widgets._validate import DAMAGED, StoreMeta, epoch_state
from cnnslicer_widgets.store import open_store, superblock_clean

__all__ = ["H5Array", "Store", "close_file"]

Ident = tuple[int, int]
_FILES: dict[tuple[str, Ident], h5py.File] = {}
_FILES_LOCK = threading.Lock()
_READ_ERRORS = (OSError, KeyError, RuntimeError, ValueError)


def _ident(f: h5py.File) -> Ident:
    st = os.fstat(f.id.get_vfd_handle())
    return (st.st_dev, st.st_ino)


def _open(path: str):
    """Open and validate ``path``; returns (file, identity, meta, epoch state)."""
    f, meta, state = open_store(path)
    return f, _ident(f), meta, state


def _file(path: str, ident: Ident) -> h5py.File:
    """The cached handle of the file ``ident`` at ``path``; opened (and checked) if needed."""
    with _FILES_LOCK:
        f = _FILES.get((path, ident))
        if f is not None and f.id.valid:
            return f
        f, got, _, _ = _open(path)
        if got != ident:
            f.close()
            raise StoreReplacedError(
                f"{path} was replaced after this cube was opened (re-recorded or copied over); "
                "open it again: open_cube(path)"
            )
        _FILES[(path, ident)] = f
        return f


def close_file(path: str, ident: Ident) -> None:
    with _FILES_LOCK:
        f = _FILES.pop((path, ident), None)
    if f is not None and f.id.valid:
        f.close()


def _span(key: Any, axis: int) -> str:
    k = key[axis] if isinstance(key, tuple) and len(key) > axis else slice(None)
    if isinstance(k, slice):
        return f"{k.start or 0}..{'end' if k.stop is None else k.stop - 1}"
    return str(np.asarray(k).tolist())[:40]


class H5Array:
    """A picklable array-like over one dataset of a store, for ``dask.array.from_array``.

    ``epochs`` maps positions along a leading epoch dim to epoch numbers (for messages).
    """

    def __init__(self, path: str, ident: Ident, name: str, shape: tuple[int, ...], dtype,
                 epochs: tuple[int, ...] = ()):
        self.path, self.ident, self.name = path, ident, name
        self.shape, self.dtype, self.ndim = tuple(shape), np.dtype(dtype), len(shape)
        self.epochs = tuple(epochs)

    def __getitem__(self, key):
        try:
            ds = _file(self.path, self.ident)[self.name]
            if ds.shape != self.shape:
                ds.refresh()
            return ds[key]
        except _READ_ERRORS as err:
            raise StoreReadError(f"{self.path}: reading {self.name!r} at {self._where(key)} "
                                 f"failed ({type(err).__name__}: {err}). {DAMAGED}") from None

    def _where(self, key) -> str:
        if not self.epochs:
            return f"index [{', '.join(_span(key, a) for a in range(self.ndim))}]"
        k = key[0] if isinstance(key, tuple) else key
        pos = np.arange(len(self.epochs))[k] if isinstance(k, slice) else np.atleast_1d(k)
        eps = [self.epochs[int(p)] for p in pos if 0 <= int(p) < len(self.epochs)]
        rest = ", ".join(_span(key, a) for a in range(1, self.ndim))
        return f"epoch {eps[0] if len(eps) == 1 else eps} [{rest}]"


class Store:
    """One open store: handle, identity, validated metadata and completion state."""

    def __init__(self, path: str | os.PathLike):
        self.path = str(Path(path).resolve())
        f, self.ident, meta, state = _open(self.path)
        with _FILES_LOCK:
            old = _FILES.get((self.path, self.ident))
            if old is not None and old.id.valid:
                f.close()
                f = old
            _FILES[(self.path, self.ident)] = f
        self.meta: StoreMeta = meta
        self.layers = meta.layers
        self.classes = meta.classes
        self.attrs = meta.attrs
        self.labels = meta.labels
        self.sample_index = meta.sample_index
        self.epochs: list[int] = []
        self._apply(state)

    @property
    def file(self) -> h5py.File:
        return _file(self.path, self.ident)

    def _apply(self, state) -> list[int]:
        old = set(self.epochs)
        self.epochs, self.positions, self.incomplete = (state.epochs, state.positions,
                                                        state.incomplete)
        return [e for e in self.epochs if e not in old]

    def refresh(self) -> list[int]:
        """Re-read the epoch flags (and re-check lengths); returns newly complete epochs."""
        try:  # the superblock of the file this handle reads, even if the path was replaced
            head = os.pread(self.file.id.get_vfd_handle(), 12, 0)
            clean = head[11] == 0 if head[8:9] >= b"\x02" else None
        except (AttributeError, OSError, IndexError):
            clean = superblock_clean(self.path)
        return self._apply(epoch_state(self.file, self.path, self.meta, closed_cleanly=clean))

    def dask(self, name: str, *, per_epoch: bool = True, group: int = 1) -> da.Array:
        """The dataset ``name`` as a dask array with the store's chunks, or with ``group``
        store chunks per dask chunk along axis 2 (the channels of an activation)."""
        ds = self.read_meta(name)
        arr = H5Array(self.path, self.ident, name, ds.shape, ds.dtype, self._epoch_names(
            ds.shape[0]) if per_epoch else ())
        chunks = ds.chunks or ds.shape
        if group > 1 and len(chunks) > 2:
            chunks = (*chunks[:2], min(ds.shape[2], chunks[2] * group), *chunks[3:])
        token = tokenize(self.path, self.ident, name, ds.shape, str(ds.dtype), chunks)
        return da.from_array(arr, chunks=chunks, lock=False, asarray=True,
                             name=f"cnnslicer-{name}-{token}")

    def read_meta(self, name: str) -> h5py.Dataset:
        try:
            ds = self.file[name]
            ds.refresh()
            return ds
        except _READ_ERRORS as err:
            raise StoreReadError(f"{self.path}: cannot open dataset {name!r} ({type(err).__name__}"
                                 f": {err}). {DAMAGED}") from None

    def read(self, name: str, key: Any = ()) -> np.ndarray:
        """``dataset[key]`` with errors naming the file and the dataset."""
        ds = self.read_meta(name)
        try:
            return ds[key]
        except _READ_ERRORS as err:
            raise StoreReadError(f"{self.path}: reading {name!r} failed ({type(err).__name__}: "
                                 f"{err}). {DAMAGED}") from None

    def _epoch_names(self, rows: int) -> tuple[int, ...]:
        by_pos = {p: e for e, p in self.positions.items()}
        return tuple(by_pos.get(i, -1) for i in range(rows))

    def close(self) -> None:
        close_file(self.path, self.ident)
