"""Is a store being written right now? A lock its writer holds while the file is open.

HDF5's superblock says only that a writer opened the file and did not close it: a live
writer and a killed one look the same. So the writer also holds an open-file-description
lock (Linux ``F_OFD_SETLK``, a shared lock on one byte far past any data) for as long as
it writes; the kernel drops it when the writer closes the file, fails, or dies, even by
``SIGKILL``. :func:`writer_alive` asks whether such a lock is held. The lock is taken
through a separate descriptor and is independent of HDF5's own ``flock`` locks, and a
shared lock never blocks a reader. Where OFD locks are missing (macOS, Windows), the
answer is None (unknown) and callers fall back on the superblock.
"""

from __future__ import annotations

import os
import struct

__all__ = ["WriterLock", "writer_alive"]

_OFFSET = 1 << 62  # one byte far past the end of any store
try:  # Linux only
    import fcntl

    _GETLK, _SETLK = fcntl.F_OFD_GETLK, fcntl.F_OFD_SETLK
except (ImportError, AttributeError):  # pragma: no cover - not Linux: no liveness lock
    fcntl = None  # type: ignore[assignment]
    _GETLK = _SETLK = -1

_FLOCK = "hhqqi4x"  # struct flock: l_type, l_whence, l_start, l_len, l_pid (Linux)


def _flock(kind: int) -> bytes:
    return struct.pack(_FLOCK, kind, os.SEEK_SET, _OFFSET, 1, 0)


class WriterLock:
    """Held by a writer while it writes ``path``; :meth:`release` (or process death)
    drops it."""

    def __init__(self, path: str | os.PathLike):
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        try:
            fcntl.fcntl(fd, _SETLK, _flock(fcntl.F_RDLCK))
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def writer_alive(path: str | os.PathLike) -> bool | None:
    """Whether a process writes ``path`` now (True), none does (False), or unknown (None).

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "x.h5")
    >>> open(path, "wb").close()
    >>> writer_alive(path)
    False
    >>> lock = WriterLock(path); writer_alive(path)
    True
    >>> lock.release(); writer_alive(path)
    False
    """
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        got = fcntl.fcntl(fd, _GETLK, _flock(fcntl.F_WRLCK))
    except OSError:
        return None
    finally:
        os.close(fd)
    return struct.unpack(_FLOCK, got)[0] != fcntl.F_UNLCK
