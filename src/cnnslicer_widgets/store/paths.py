"""What may be a store's path: a regular file in an existing directory.

Opening a FIFO would block forever, a device could be overwritten, a directory gives a
cryptic HDF5 error: :func:`check_path` names the problem first, for readers and writers.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cnnslicer_widgets.store.spec import StoreFormatError

__all__ = ["check_path", "file_kind"]


def file_kind(mode: int) -> str:
    """``"a FIFO (named pipe)"``, ``"a directory"``, ... for an ``st_mode``."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_path(path: str | os.PathLike, *, must_exist: bool) -> None:
    """Refuse what cannot be a store: a FIFO, socket, device or directory at ``path``
    (without opening it: no hang), a missing file when ``must_exist``, or a parent that
    is missing or not a directory.

    Raises
    ------
    FileNotFoundError
        No file (``must_exist``), or no directory to create it in.
    StoreFormatError
        Something other than a regular file is at ``path``.
    NotADirectoryError
        The parent is not a directory.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise NotADirectoryError(f"{path.parent} is not a directory, so {path.name} cannot "
                                 "be in it") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode) and must_exist:
            raise StoreFormatError(f"{path} is a directory, not a store file; pass the .h5 file")
        raise StoreFormatError(f"{path} is {file_kind(st.st_mode)}, not a store: a store is a "
                         "regular .h5 file; choose another path")
    if st is None and must_exist:
        raise FileNotFoundError(f"no store at {path}")
    parent = path.parent
    if st is None and not parent.exists():
        raise FileNotFoundError(f"directory {parent} does not exist; create it first "
                                f"(os.makedirs({str(parent)!r}))")
    if st is None and not parent.is_dir():
        raise NotADirectoryError(f"{parent} is not a directory, so {path.name} cannot be "
                                 "created in it")
