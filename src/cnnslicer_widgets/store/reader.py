"""Reading a store: open (SWMR, bounded retries), check, and serve arrays lazily.

:func:`open_store` opens a file as an HDF5 single-writer/multiple-reader (SWMR) reader,
checks it is not truncated and validates its whole structure (:mod:`.validate`).
:class:`Store` is one open store as the cube sees it: a read handle per process (keyed by
path *and* file identity, so a cube never reads a different file that was later written to
its path), the validated metadata, the complete epochs, and guarded reads that turn
low-level h5py errors into :class:`~cnnslicer_widgets.store.StoreReadError` naming the
file, the dataset and the epochs. Dask workers open their own handles through the
picklable :class:`H5Array`.

Files are opened by :func:`~.swmr.open_swmr` (bounded metadata retries).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import h5py
import numpy as np

from cnnslicer_widgets.store.checks import DAMAGED, Check, parse_layers
from cnnslicer_widgets.store.live import writer_alive
from cnnslicer_widgets.store.paths import check_path
from cnnslicer_widgets.store.spec import (
    LayerSpec,
    StoreFormatError,
    StoreReadError,
    StoreReplacedError,
)
from cnnslicer_widgets.store.superblock import read_superblock
from cnnslicer_widgets.store.swmr import open_swmr
from cnnslicer_widgets.store.validate import StoreMeta, epoch_state, validate

__all__ = ["H5Array", "Store", "close_file", "open_store", "open_store_file", "read_layers",
           "release", "superblock_clean"]


_T = TypeVar("_T")
_LIVE_RETRIES = 6  # ~0.6 s of re-reads before a live file's epochs count as damaged


def open_store_file(path: str | os.PathLike) -> h5py.File:
    """Open a store read-only (SWMR, so a run still being written can be followed).

    The whole structure is checked first (:func:`cnnslicer_widgets.store.validate.validate`).

    Raises
    ------
    FileNotFoundError
        No such file.
    StoreFormatError
        Not HDF5, truncated, damaged, not a cnnslicer store, missing or malformed parts,
        or a future format; the message names the part and what to do.
    """
    return open_store(path)[0]


def open_store(path: str | os.PathLike):
    """Like :func:`open_store_file`; returns ``(file, StoreMeta, EpochState)``."""
    path = Path(path)
    check_path(path, must_exist=True)
    clean, short = _check_not_truncated(path)
    f = _open_retrying(path)
    try:
        meta, state = validate(f, path, closed_cleanly=clean)
        if short is not None:
            _check_chunks_on_disk(f, path, meta, state, short)
    except BaseException:
        f.close()
        raise
    return f, meta, state


def _open_retrying(path: Path) -> h5py.File:
    """Open as a SWMR reader; retry for up to ~2 s while a writer holds HDF5's lock
    (the moment it creates, or reopens to resume, the file)."""
    for attempt in range(40):
        try:
            return open_swmr(path)
        except (OSError, RuntimeError, ValueError) as err:
            if "lock" in str(err).lower() and attempt < 39:
                time.sleep(0.05)
                continue
            try:  # not written by us with SWMR: try a plain open for a clearer message
                return h5py.File(path, "r")
            except (OSError, RuntimeError, ValueError):
                raise StoreFormatError(
                    f"{path} is not a readable HDF5 file (truncated, corrupted, or not HDF5): "
                    f"{err}. A cnnslicer store is written by cnnslicer_widgets.Recorder."
                ) from None
    raise AssertionError("unreachable")


def _check_not_truncated(path: Path) -> tuple[bool | None, int | None]:
    """HDF5 reads past the end of a file as zeros, and SWMR readers skip HDF5's own size
    check, so compare the file size with the end-of-file address in the superblock.

    Returns whether the superblock says the file was closed cleanly (None when it does
    not say), and the file size when it is shorter than the superblock says. That is
    refused in a file closed cleanly (an interrupted copy), but is what a writer stopped
    by a full disk leaves: its last flush recorded room for the epoch it could not
    write. Such a file is read, after :func:`_check_chunks_on_disk`."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            size = os.fstat(fh.fileno()).st_size
    except OSError as err:
        raise StoreFormatError(f"{path} cannot be read ({err}); check its permissions") from None
    sb = read_superblock(path, head)
    if sb is None:
        return None, None  # not HDF5 at offset 0, or an old superblock: HDF5 checks itself
    if size < sb.eoa and sb.clean:
        raise StoreFormatError(
            f"{path} is truncated: {size} bytes on disk, but its HDF5 superblock says "
            f"{sb.eoa}. The file was cut short (an interrupted copy); copy it again or "
            "re-record the run."
        )
    return sb.clean, (size if size < sb.eoa else None)


def _check_chunks_on_disk(f: h5py.File, path: Path, meta: StoreMeta, state, size: int) -> None:
    """In a file whose tail is missing, every chunk of every complete epoch (and of the
    arrays written once) must lie within the bytes on disk: HDF5 would read a missing
    chunk as zeros, and a big chunk of zeros passes its Fletcher-32 checksum."""
    rows = set(state.positions.values())
    per_epoch = set(meta.per_epoch())
    c = Check(path)

    def visit(name: str, obj) -> None:
        if not isinstance(obj, h5py.Dataset) or obj.chunks is None:
            return
        with c.reading(f"the chunks of {name!r}"):
            ends: list[tuple[int, tuple]] = []
            obj.id.chunk_iter(lambda info: ends.append((info.byte_offset + info.size,
                                                        info.chunk_offset)))
        for end, offset in ends:
            if end > size and (name not in per_epoch or offset[0] in rows):
                raise StoreFormatError(
                    f"{path} is truncated: {size} bytes on disk, but dataset {name!r} has a "
                    f"chunk up to byte {end}. The file was cut short (an interrupted copy of "
                    "a run that was still being written?); copy it again or re-record the run."
                )

    f.visititems(visit)


def superblock_clean(path: str | os.PathLike) -> bool | None:
    """Whether the file's superblock says its writer closed it (None: it does not say)."""
    try:
        sb = read_superblock(path)
    except OSError:
        return None
    return None if sb is None else sb.clean


def read_layers(f: h5py.File) -> list[LayerSpec]:
    """The layer list stored in the metadata, in forward order (checked)."""
    c = Check(f.filename)
    with c.reading("attribute 'architecture'"):
        arch = json.loads(f.attrs["architecture"])
    if not isinstance(arch, list):
        c.fail("attribute 'architecture'", f"holds a JSON {type(arch).__name__}", "a list")
    return parse_layers(arch, c)


# -- the store as the cube sees it ------------------------------------------------------
Ident = tuple[int, int]
_FILES: dict[tuple[str, Ident], h5py.File] = {}
_FILES_LOCK = threading.Lock()
# per cached handle: the view (shape, epochs) each dataset was last refreshed for
_REFRESHED: dict[tuple[str, Ident], dict[str, tuple[Any, ...]]] = {}
_READ_ERRORS = (OSError, KeyError, RuntimeError, ValueError)


def _ident(f: h5py.File) -> Ident:
    st = os.fstat(f.id.get_vfd_handle())
    return (st.st_dev, st.st_ino)


def _open(path: str):
    """Open and validate ``path``; returns (file, identity, meta, epoch state)."""
    f, meta, state = open_store(path)
    return f, _ident(f), meta, state


def _until_readable(read: Callable[[], _T]) -> _T:
    """``read()``, tried again for up to ~0.6 s while it raises StoreFormatError: a SWMR
    reader can catch a live writer between two of its flushes (epoch numbers of one, flags
    of the other: a resume's aborted row read as unfinished); only a view that stays
    wrong is damage."""
    for attempt in range(_LIVE_RETRIES - 1):
        try:
            return read()
        except StoreFormatError:
            time.sleep(0.02 * 2**attempt)
    return read()


def _file(path: str, ident: Ident) -> h5py.File:
    """The cached handle of the file ``ident`` at ``path``; opened (and checked) if needed."""
    with _FILES_LOCK:
        cached = _FILES.get((path, ident))
        if cached is not None and cached.id.valid:
            return cached
        f, got, _, _ = _until_readable(lambda: _open(path))  # a fresh handle each try
        if got != ident:
            f.close()
            raise StoreReplacedError(
                f"{path} was replaced after this cube was opened (re-recorded or copied over); "
                "open it again: open_cube(path)"
            )
        _FILES[(path, ident)] = f
        return f


def release(path: str | os.PathLike) -> None:
    """Close this process's cached read handles of ``path`` (cubes reopen them on their
    next read). HDF5 will not open a file for writing that the same process has open
    read-only, so a resumed writer calls this first."""
    key = str(Path(path).resolve())
    with _FILES_LOCK:
        mine = [k for k in _FILES if k[0] == key]
        files = [_FILES.pop(k) for k in mine]
        for k in mine:
            _REFRESHED.pop(k, None)
    for f in files:
        if f.id.valid:
            f.close()


def close_file(path: str, ident: Ident) -> None:
    with _FILES_LOCK:
        f = _FILES.pop((path, ident), None)
        _REFRESHED.pop((path, ident), None)
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
            # A SWMR reader's cached chunk index can lag the writer (rows it has not seen
            # read as fill values, and an index block the writer moved can point at other
            # data): read each new view of the epochs through a refreshed dataset, once
            # per process. The view only grows after the writer flushed its data.
            seen = _REFRESHED.setdefault((self.path, self.ident), {})
            view = (self.shape, self.epochs)
            if seen.get(self.name) != view or ds.shape != self.shape:
                ds.refresh()
                seen[self.name] = view
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


def _schedule(value: Any) -> list[int]:
    """The ``schedule`` attribute (JSON, checked on open) as a list ([] when absent)."""
    if value is None:
        return []
    return [int(e) for e in (json.loads(value) if isinstance(value, (str, bytes)) else value)]


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
        self.schedule = _schedule(meta.attrs.get("schedule"))
        self.epochs: list[int] = []
        self.positions: dict[int, int] = {}
        self.incomplete: list[int] = []
        self._apply(state)
        self._clean = self._superblock_clean()
        """Whether the file's writer had closed it, at the last look."""

    def closed_by_writer(self) -> bool:
        """Whether the superblock of the file at the path says its writer closed it."""
        return superblock_clean(self.path) is True

    def writer_alive(self) -> bool | None:
        """Whether a process writes the file now (None: cannot tell on this platform)."""
        return writer_alive(self.path)

    @property
    def file(self) -> h5py.File:
        return _file(self.path, self.ident)

    def _apply(self, state, *, settled: bool = False) -> list[int]:
        """Take in a newly read epoch state; returns the epochs complete for the first time.

        An epoch once complete stays complete at its row in this file (a writer only adds
        rows, a resume only aborts an unfinished last row). A SWMR reader can still read a
        live writer's state a moment behind what it read before (a flag chunk not yet in
        its view of the index reads as its fill value), so an epoch missing from a later
        read is kept, never dropped and reported again; and while the writer is live, the
        row first read for an epoch is kept. ``settled``: the state was read through a
        fresh handle of a file its writer has closed, so its rows replace earlier ones (a
        stale index block, across a resume, can show an epoch complete at the row the
        resume aborted)."""
        old = dict(self.positions)
        positions = {**old, **state.positions} if settled else {**state.positions, **old}
        self.epochs = sorted(positions)
        self.positions = {e: positions[e] for e in self.epochs}
        self.incomplete = [e for e in state.incomplete if e not in positions]
        return [e for e in self.epochs if e not in old]

    def _superblock_clean(self) -> bool | None:
        """What the superblock of the file this handle reads (even if the path was
        replaced) says: whether its writer closed it (None: it does not say)."""
        try:
            head = os.pread(self.file.id.get_vfd_handle(), 64, 0)
        except (AttributeError, OSError):
            return superblock_clean(self.path)
        sb = read_superblock(self.path, head)
        return None if sb is None else sb.clean

    def refresh(self) -> list[int]:
        """Re-read the epoch flags (and re-check lengths); returns newly complete epochs."""
        clean = self._superblock_clean()
        settled = clean is True and self._clean is False
        if settled:
            # its writer has just closed the file: read it from now on through a handle
            # opened afresh (this process's handles share HDF5's metadata cache, which a
            # refreshed dataset can still read a moment behind the writer; see
            # docs/dev/durability.md)
            close_file(self.path, self.ident)
        state = _until_readable(
            lambda: epoch_state(self.file, self.path, self.meta, closed_cleanly=clean))
        self._clean = clean  # after a good read: a failed one is settled again next time
        return self._apply(state, settled=settled)

    def dask(self, name: str, *, per_epoch: bool = True, group: int = 1) -> Any:
        """The dataset ``name`` as a dask array with the store's chunks, or with ``group``
        store chunks per dask chunk along axis 2 (the channels of an activation)."""
        import dask.array as da  # deferred: writing a store needs neither dask nor xarray
        from dask.base import tokenize

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
