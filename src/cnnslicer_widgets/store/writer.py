"""Writing a store: create every dataset up front, then append one epoch at a time.

The writer creates every dataset up front (:mod:`.layout`), then switches the file to HDF5
single-writer/multiple-reader (SWMR) mode, so that readers can follow a run while it
trains and a killed writer leaves all completed epochs readable. An epoch is marked
complete only after all its arrays are written and flushed.

**When a write fails** (full disk, file-size limit, I/O error), the writer stops touching
the file at once, as a killed process would: the descriptor HDF5 writes through is pointed
at ``/dev/null`` and the file is closed there (:meth:`StoreWriter._abandon`), so HDF5's
attempt to flush its cached metadata neither fails again nor crashes the process at exit,
and the file keeps the state of its last successful flush: every completed epoch intact.
The caller gets one :class:`~cnnslicer_widgets.store.spec.StoreWriteError` that keeps the
original errno and says what was kept and how to go on (docs/dev/durability.md).
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import re
import resource
import shutil
from collections.abc import Iterator
from pathlib import Path

import h5py
import numpy as np

from cnnslicer_widgets.store.layout import write_layout
from cnnslicer_widgets.store.live import WriterLock
from cnnslicer_widgets.store.paths import check_path
from cnnslicer_widgets.store.spec import (
    LayerSpec,
    NotStoredError,
    RunSpec,
    StoreError,
    StoreWriteError,
    describe_epochs,
    format_bytes,
    group_name,
)

__all__ = ["StoreWriter"]

_HDF5_ERRNO = re.compile(r"errno = (\d+), error message = '([^']*)'")
_FILE_KW = {"libver": "latest", "rdcc_nbytes": 64 << 20, "rdcc_nslots": 100_003}


def _errno(err: BaseException) -> tuple[int, str]:
    """The errno and its text of an OSError or of an HDF5 error message (EIO if none)."""
    code = getattr(err, "errno", None)
    m = _HDF5_ERRNO.search(str(err))
    if m:
        return int(m.group(1)), m.group(2)
    if code:
        return int(code), os.strerror(int(code))
    return errnos.EIO, f"{type(err).__name__}: {err}"


class StoreWriter:
    """Writes one run to one HDF5 file, one epoch at a time.

    Use :meth:`create` (or :meth:`resume`); then for each recorded epoch
    :meth:`begin_epoch`, the ``write_*`` methods, and :meth:`end_epoch`, which flushes and
    marks the epoch complete. Any failed write raises
    :class:`~cnnslicer_widgets.store.spec.StoreWriteError`; the file then keeps every
    epoch completed before.
    """

    def __init__(self, file: h5py.File, spec: RunSpec, *, rows: int = 0,
                 complete: list[int] | None = None, train: list[int] | None = None):
        self._f = file
        self.spec = spec
        self._path = Path(file.filename)
        self._ident = self._identity()
        self._rows = rows  # rows of the per-epoch arrays (complete, aborted or open)
        self._complete: list[int] = list(complete or [])
        self._open_epoch: int | None = None
        self._epoch_pos: int | None = None
        self._train: list[int] = list(train or [])
        self._open: dict[str, h5py.Dataset] = {}
        self._failed: StoreWriteError | None = None
        self._lock = WriterLock(self._path)

    # -- creation -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike, spec: RunSpec, *, overwrite: bool = False):
        """Create the file with every dataset, write the metadata, enter SWMR mode."""
        path = Path(path)
        check_path(path, must_exist=False)
        if path.exists() and not overwrite:
            raise FileExistsError(
                f"{path} already exists; choose a new path, pass resume=True to continue it "
                "or overwrite=True to replace it"
            )
        tmp = path.with_name(path.name + ".creating")
        try:
            f = h5py.File(tmp, "w", libver="latest")
        except OSError as err:
            code, text = _errno(err)
            raise StoreWriteError(
                f"cannot create {path}: [Errno {code}] {text} in directory {path.parent}. "
                "Choose a directory you can write to (a read-only file system or missing "
                "permissions refuse it).", errno=code, strerror=text, filename=str(path),
            ) from err
        try:
            write_layout(f, spec)
            f.flush()
            f.close()
            os.replace(tmp, path)
            f = h5py.File(path, "r+", **_FILE_KW)
            f.swmr_mode = True
        except BaseException as err:
            with contextlib.suppress(Exception):
                f.close()
            tmp.unlink(missing_ok=True)
            if isinstance(err, (OSError, RuntimeError)) and not isinstance(err, StoreError):
                code, text = _errno(err)
                raise StoreWriteError(f"cannot create {path}: [Errno {code}] {text}. Nothing "
                                      "was recorded; free space or choose another directory.",
                                      errno=code, strerror=text, filename=str(path)) from err
            raise
        return cls(f, spec)

    @classmethod
    def resume(cls, path: str | os.PathLike, spec: RunSpec) -> StoreWriter:
        """Open an existing store to append epochs after its complete ones.

        A file its writer did not close (killed, or stopped by a write error) gets its
        "open for writing" flags cleared and its recorded size restored first (as
        ``h5clear -s`` would); an unfinished last epoch is marked aborted (flag 2) and
        left out, so the next epoch may take its number. ``spec`` must match the store:
        check with :func:`cnnslicer_widgets.store.resume.check_fit` first.
        """
        from cnnslicer_widgets.store.live import writer_alive
        from cnnslicer_widgets.store.reader import release
        from cnnslicer_widgets.store.superblock import reopen_for_writing

        path = Path(path)
        check_path(path, must_exist=True)
        if writer_alive(path):
            raise StoreError(f"{path} is being written by another process now; wait for it "
                             "to end (or stop it) before resuming")
        release(path)  # cubes of this process reopen it through the writer's handle
        # live from here on: between clearing the flags and HDF5 setting them again the
        # superblock reads "closed", and a reader must not take the run for finished
        early = WriterLock(path)
        try:
            try:
                reopen_for_writing(path)
                # without HDF5's lock: SWMR readers may hold the file open (they follow the
                # resumed run); writer_alive() above and the WriterLock keep writers single
                f = h5py.File(path, "r+", locking=False, **_FILE_KW)
            except OSError as err:
                code, text = _errno(err)
                raise StoreWriteError(f"cannot open {path} to resume it: [Errno {code}] {text}",
                                      errno=code, strerror=text, filename=str(path)) from err
            try:  # in SWMR mode before any write: readers may have the file open
                f.swmr_mode = True
                rows, complete, train = _prepare_resume(f, spec.schedule)
                f.flush()
            except BaseException:
                f.close()
                raise
            return cls(f, spec, rows=rows, complete=complete, train=train)
        finally:
            early.release()  # the writer holds its own lock by now

    @property
    def path(self) -> str:
        return str(self._path)

    @property
    def epochs(self) -> list[int]:
        """Complete epochs, then the one being written (if any)."""
        return self._complete + ([self._open_epoch] if self._open_epoch is not None else [])

    @property
    def complete_epochs(self) -> list[int]:
        return list(self._complete)

    @property
    def train_epochs(self) -> list[int]:
        """Training epochs whose loss is stored."""
        return list(self._train)

    @property
    def size(self) -> int:
        """Bytes the file takes now."""
        return os.fstat(self._fd()).st_size if self._failed is None else 0

    # -- writing ------------------------------------------------------------------------
    def write_input(self, start: int, x: np.ndarray) -> None:
        """Write probe inputs ``x`` (n, C, *map) at positions start..start+n."""
        with self._writing("writing the probe inputs to"):
            ds = self._d("layers/input/activation")
            ds[start : start + len(x)] = x.astype(ds.dtype, copy=False)

    def begin_epoch(self, epoch: int) -> None:
        """Grow every per-epoch array by one row for ``epoch`` (marked incomplete)."""
        if self._epoch_pos is not None:
            raise StoreError(f"epoch {self._open_epoch} is still open; call end_epoch first")
        if self._complete and epoch <= self._complete[-1]:
            raise ValueError(
                f"epoch {epoch} comes after epoch {self._complete[-1]} in this store; "
                "recorded epochs must strictly increase"
            )
        self._check_alive()
        pos = self._rows
        self._epoch_pos, self._open_epoch = pos, int(epoch)  # close() marks it aborted
        with self._writing(f"writing epoch {epoch} to"):
            for ds in self._per_epoch_datasets():
                ds.resize(pos + 1, axis=0)
            self._rows = pos + 1
            # epoch_complete and loss start as their fill values (0, NaN): each one-value
            # chunk is written once, so a SWMR reader never reads a chunk being rewritten.
            self._d("epoch")[pos] = epoch
            self._f.flush()

    def write_activation(self, layer: str, start: int, values: np.ndarray) -> None:
        """Write one layer's outputs (n, C, *map) for probe positions start..start+n."""
        lay = self._layer(layer, "raw")
        with self._writing(f"writing epoch {self._open_epoch} to"):
            ds = self._d(f"{lay.group}/activation")
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
        base = f"{lay.group}/"
        with self._writing(f"writing epoch {self._open_epoch} to"):
            self._d(base + "histogram")[pos, rows] = counts
            self._d(base + "min")[pos, rows] = lo
            self._d(base + "max")[pos, rows] = hi

    def write_logits(self, start: int, logits: np.ndarray) -> None:
        with self._writing(f"writing epoch {self._open_epoch} to"):
            self._d("logits")[self._pos(), start : start + len(logits)] = logits

    def write_confusion(self, matrix: np.ndarray) -> None:
        with self._writing(f"writing epoch {self._open_epoch} to"):
            self._d("confusion")[self._pos()] = matrix

    def write_loss(self, loss: float | None) -> None:
        with self._writing(f"writing epoch {self._open_epoch} to"):
            self._d("loss")[self._pos()] = np.nan if loss is None else float(loss)

    def write_weights(self, state: dict[str, np.ndarray]) -> None:
        pos = self._pos()
        for name, (shape, _dtype) in self.spec.weights.items():
            value = np.asarray(state[name])
            if value.shape != tuple(shape):
                raise StoreError(f"weight {name!r} has shape {value.shape}, expected {shape}")
            with self._writing(f"writing epoch {self._open_epoch} to"):
                self._d(f"weights/{group_name(name)}")[pos] = value

    def end_epoch(self) -> None:
        """Flush every array of the open epoch, then mark it complete and flush again."""
        pos = self._pos()
        epoch = int(self._open_epoch) if self._open_epoch is not None else -1
        with self._writing(f"writing epoch {epoch} to"):
            self._f.flush()
            self._d("epoch_complete")[pos] = 1
            self._f.flush()
        self._complete.append(epoch)
        self._epoch_pos = self._open_epoch = None
        self._check_alive()

    def append_train_loss(self, epoch: int, loss: float | None) -> None:
        """Record the training loss of any training epoch (recorded or not)."""
        n = len(self._train)
        with self._writing(f"writing the training loss of epoch {epoch} to"):
            for name in ("train_epoch", "train_loss"):
                self._d(name).resize(n + 1, axis=0)
            self._d("train_epoch")[n] = epoch
            self._d("train_loss")[n] = np.nan if loss is None else float(loss)
            self._f.flush()
        self._train.append(int(epoch))

    def check_room(self, nbytes: int, what: str) -> None:
        """Raise :class:`StoreWriteError` (ENOSPC or EFBIG) before writing ``nbytes`` more
        if the disk has no room for them or the process may not grow the file that far
        (RLIMIT_FSIZE). Nothing is written; the file stays as it is."""
        if self._failed is not None:
            raise self._failed
        need = int(nbytes) + (1 << 20)
        size = self.size
        free = shutil.disk_usage(self._path.parent).free
        fsize = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if free < need:
            code, hint = errnos.ENOSPC, (f"{what} needs about {format_bytes(need)} more, but "
                                         f"{self._path.parent} has {format_bytes(free)} free")
        elif fsize != resource.RLIM_INFINITY and size + need > fsize:
            code, hint = errnos.EFBIG, (f"{what} would grow {self._path.name} to "
                                        f"{format_bytes(size + need)}, past this process's "
                                        f"file-size limit of {format_bytes(fsize)} (ulimit -f)")
        else:
            return
        raise StoreWriteError(
            f"[Errno {code}] {os.strerror(code)}: {hint}. Nothing of it was written. "
            f"{self._kept_text()} {_how_to_go_on(code, self._path)}",
            errno=code, strerror=os.strerror(code), filename=self.path, kept=self._complete,
        )

    def close(self, *, quiet: bool = False) -> None:
        """Close the file. An epoch still open (its recording failed) is flagged 2,
        "aborted". A failure while closing raises :class:`StoreWriteError` (the file then
        keeps its completed epochs), unless ``quiet`` (when another error is on its way)."""
        try:
            if self._failed is not None or not self._f.id.valid:
                return
            with self._writing("closing"):
                if self._epoch_pos is not None:
                    self._d("epoch_complete")[self._epoch_pos] = 2
                    self._epoch_pos = self._open_epoch = None
                self._f.flush()
                self._open.clear()
                self._f.close()
        except StoreWriteError:
            if not quiet:
                raise
        finally:
            self._lock.release()

    # -- failures -----------------------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self, doing: str) -> Iterator[None]:
        """Run HDF5 writes; on an OSError or an HDF5 failure, abandon the file and raise
        one StoreWriteError that keeps the original errno."""
        if self._failed is not None:
            raise self._failed
        try:
            yield
        except StoreError:
            raise
        except (OSError, RuntimeError) as err:
            raise self._fail(err, doing) from err

    def _fail(self, err: BaseException, doing: str) -> StoreWriteError:
        code, text = _errno(err)
        unfinished = self._open_epoch
        self._abandon()
        left = (f"; epoch {unfinished} was not finished and is left out" if unfinished is not
                None else "")
        self._failed = StoreWriteError(
            f"{doing} {self._path} failed: [Errno {code}] {text}. {self._kept_text()[:-1]}"
            f"{left}. {_how_to_go_on(code, self._path)}",
            errno=code, strerror=text, filename=self.path, kept=self._complete,
        )
        return self._failed

    def _kept_text(self) -> str:
        kept = self._complete
        verb = "is" if len(kept) == 1 else "are"
        return (f"{describe_epochs(kept).capitalize()} {verb} complete in {self._path} and "
                "readable (open_cube)." if kept else f"No epoch is complete in {self._path}.")

    def _abandon(self) -> None:
        """Stop writing the file as a killed process would: point HDF5's descriptor at
        /dev/null, then close (HDF5's final flush goes nowhere, and cannot fail or crash
        the process at exit). The file keeps the state of its last successful flush."""
        with contextlib.suppress(Exception):
            fd = self._f.id.get_vfd_handle()
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, fd)
            os.close(null)
        self._open.clear()
        with contextlib.suppress(Exception):
            self._f.close()
        self._lock.release()

    def _check_alive(self) -> None:
        """Raise if the file was removed (or replaced) while being written: writes would
        go on into a file without a name, lost when the process ends."""
        try:
            gone = self._identity(self.path) != self._ident
        except FileNotFoundError:
            gone = True
        if not gone:
            return
        self._open.clear()
        with contextlib.suppress(Exception):
            self._f.close()
        self._lock.release()
        self._failed = StoreWriteError(
            f"[Errno {errnos.ENOENT}] {self._path} was removed (or its directory was, or "
            "another file took its path) while it was being written; the epochs recorded "
            "were in that file and are gone with it. Nothing more is written: record again "
            "to a path that exists.",
            errno=errnos.ENOENT, strerror=os.strerror(errnos.ENOENT), filename=self.path,
        )
        raise self._failed

    def _identity(self, path: str | None = None) -> tuple[int, int]:
        st = os.stat(path) if path is not None else os.fstat(self._fd())
        return st.st_dev, st.st_ino

    def _fd(self) -> int:
        return int(self._f.id.get_vfd_handle())

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
        if self._failed is not None:
            raise self._failed
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
            names += [f"{lay.group}/{k}" for k in kinds]
        names += [f"weights/{group_name(w)}" for w in self.spec.weights]
        return [self._d(n) for n in names]


def _how_to_go_on(code: int, path: Path) -> str:
    if code in (errnos.ENOSPC, getattr(errnos, "EDQUOT", -1)):
        first = f"Free space on the disk holding {path.parent} (or your quota)"
    elif code == errnos.EFBIG:
        first = "Raise the file-size limit of the process (ulimit -f) or free space"
    else:
        first = f"Check the disk holding {path.parent}"
    return (f"{first}, then go on with Recorder(..., resume=True): it continues {path.name} "
            "after its last complete epoch (rec.next_epoch says which epoch to train next).")


def _prepare_resume(f: h5py.File, schedule: list[int]) -> tuple[int, list[int], list[int]]:
    """Mark an unfinished last epoch aborted and drop training losses a writer did not
    finish (or of an epoch to be recorded again); returns (rows, complete epochs,
    training epochs)."""
    from cnnslicer_widgets.store.resume import trained_epochs

    epochs = f["epoch"][()].astype(np.int64)
    flags = f["epoch_complete"][()].astype(np.int64)
    rows = min(len(epochs), len(flags))
    for name in ("epoch_complete", "epoch"):
        if f[name].shape[0] > rows:  # a resize the writer never finished
            f[name].resize(rows, axis=0)
    if rows and flags[rows - 1] == 0:
        f["epoch_complete"][rows - 1] = 2
    complete = [int(e) for e, flag in zip(epochs[:rows], flags[:rows], strict=True) if flag == 1]
    te, tl = f["train_epoch"], f["train_loss"]
    n = min(te.shape[0], tl.shape[0])
    train = trained_epochs([int(v) for v in te[:n]], complete, list(schedule))
    for ds in (te, tl):
        if ds.shape[0] != len(train):
            ds.resize(len(train), axis=0)
    return rows, complete, train
