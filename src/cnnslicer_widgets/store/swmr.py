"""Open a store for reading as an HDF5 single-writer/multiple-reader (SWMR) reader.

A SWMR reader retries a metadata block whose checksum fails (the writer may be halfway
through writing it) with an exponential back-off starting at 1 ns. HDF5's default of 100
attempts therefore waits about 2**100 ns on a damaged block: a hang. h5py does not expose
``H5Pset_metadata_read_attempts``, so it is called through ctypes on the libhdf5 that
h5py loaded; 24 attempts wait at most ~17 ms in all, ample for a live writer.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
from pathlib import Path

import h5py

__all__ = ["READ_ATTEMPTS", "open_swmr"]

READ_ATTEMPTS = 24


def _candidates() -> list[str]:
    """Paths of the loaded libhdf5, h5py's own copy first."""
    h5py_dir = str(Path(h5py.__file__).resolve().parent.parent)
    found: list[str] = []
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/maps") as maps:
                for line in maps:
                    path = line.split()[-1] if "/" in line else ""
                    base = os.path.basename(path)
                    if base.startswith("libhdf5") and not base.startswith("libhdf5_hl"):
                        found.append(path)
        except OSError:
            pass
    else:
        for folder in ("h5py", "h5py.libs", "h5py/.dylibs"):
            for p in sorted(Path(h5py_dir, folder).glob("*hdf5*")):
                if "hl" not in p.name and p.suffix in (".so", ".dylib", ".dll"):
                    found.append(str(p))
    return sorted(set(found), key=lambda p: not p.startswith(h5py_dir))


@functools.cache
def _setter():
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
            fn = lib.H5Pset_metadata_read_attempts
        except (OSError, AttributeError):
            continue
        fn.argtypes = [ctypes.c_int64, ctypes.c_uint]
        fn.restype = ctypes.c_int
        return fn
    return None


def open_swmr(path: str | os.PathLike) -> h5py.File:
    """``h5py.File(path, "r", libver="latest", swmr=True)`` with bounded metadata retries.

    HDF5 refuses to open a file twice in one process with different file-locking settings;
    a resumed writer opens without locks (its readers may hold shared ones), so when this
    process writes the file, its readers open it without locks too."""
    try:
        return _open(path, locking=True)
    except (OSError, RuntimeError) as err:
        if "locking flag" not in str(err):
            raise
        return _open(path, locking=False)


def _open(path: str | os.PathLike, *, locking: bool) -> h5py.File:
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_libver_bounds(h5py.h5f.LIBVER_LATEST, h5py.h5f.LIBVER_LATEST)
    if not locking:
        with contextlib.suppress(AttributeError):
            fapl.set_file_locking(False, True)
    setter = _setter()
    if setter is None or setter(fapl.id, READ_ATTEMPTS) < 0:
        return h5py.File(path, "r", libver="latest", swmr=True, locking=locking)
    flags = h5py.h5f.ACC_RDONLY | h5py.h5f.ACC_SWMR_READ
    fid = h5py.h5f.open(os.fsencode(os.fspath(path)), flags, fapl=fapl)
    return h5py.File(fid)
