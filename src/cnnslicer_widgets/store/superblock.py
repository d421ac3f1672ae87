"""The HDF5 superblock of a store: its end-of-file address and its consistency flags.

A writer that did not close its file (killed, or stopped by a write error) leaves the
superblock's "open for writing" flags set, and after a full disk the end-of-file address
it recorded can lie past the bytes that reached the disk. Readers look at both
(:func:`read_superblock`); a resumed writer clears the flags and restores the size, as
HDF5's ``h5clear -s`` would (:func:`reopen_for_writing`). Only superblock versions 2 and 3
(``libver="latest"``, which every store uses) carry these fields; older ones return None.
No h5py needed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Superblock", "lookup3", "read_superblock", "reopen_for_writing"]

SIGNATURE = b"\x89HDF\r\n\x1a\n"
_M = 0xFFFFFFFF


@dataclass(frozen=True)
class Superblock:
    """What a version 2/3 superblock says: ``eoa`` (end-of-file address), ``flags``
    (0 when the writer closed the file), ``length`` (bytes before the checksum)."""

    eoa: int
    flags: int
    length: int

    @property
    def clean(self) -> bool:
        return self.flags == 0


def read_superblock(path: str | os.PathLike, head: bytes | None = None) -> Superblock | None:
    """The superblock fields of ``path`` (or of its first bytes ``head``); None when the
    file does not start with a version 2/3 superblock."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(64)
    if head[:8] != SIGNATURE or len(head) < 12:
        return None
    version, size = head[8], head[9]
    if version < 2 or size not in (4, 8) or len(head) < 12 + 4 * size:
        return None
    at = 12 + 2 * size  # signature, version, sizes, flags, base address, extension address
    eoa = int.from_bytes(head[at : at + size], "little")
    return Superblock(eoa=eoa, flags=head[11], length=12 + 4 * size)


def _rot(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & _M


def lookup3(data: bytes, initval: int = 0) -> int:
    """Bob Jenkins' lookup3 ``hashlittle``: HDF5's checksum of its metadata blocks.

    Examples
    --------
    >>> hex(lookup3(b"Four score and seven years ago"))
    '0x17770551'
    """
    n = len(data)
    a = b = c = (0xDEADBEEF + n + initval) & _M
    i = 0
    while n > 12:
        a = (a + int.from_bytes(data[i : i + 4], "little")) & _M
        b = (b + int.from_bytes(data[i + 4 : i + 8], "little")) & _M
        c = (c + int.from_bytes(data[i + 8 : i + 12], "little")) & _M
        a = ((a - c) & _M) ^ _rot(c, 4)
        c = (c + b) & _M
        b = ((b - a) & _M) ^ _rot(a, 6)
        a = (a + c) & _M
        c = ((c - b) & _M) ^ _rot(b, 8)
        b = (b + a) & _M
        a = ((a - c) & _M) ^ _rot(c, 16)
        c = (c + b) & _M
        b = ((b - a) & _M) ^ _rot(a, 19)
        a = (a + c) & _M
        c = ((c - b) & _M) ^ _rot(b, 4)
        b = (b + a) & _M
        n -= 12
        i += 12
    if n == 0:
        return c
    tail = data[i:] + bytes(12 - n)  # zero bytes add nothing: the C switch's fall-through
    a = (a + int.from_bytes(tail[0:4], "little")) & _M
    b = (b + int.from_bytes(tail[4:8], "little")) & _M
    c = (c + int.from_bytes(tail[8:12], "little")) & _M
    c = ((c ^ b) - _rot(b, 14)) & _M
    a = ((a ^ c) - _rot(c, 11)) & _M
    b = ((b ^ a) - _rot(a, 25)) & _M
    c = ((c ^ b) - _rot(b, 16)) & _M
    a = ((a ^ c) - _rot(c, 4)) & _M
    b = ((b ^ a) - _rot(a, 14)) & _M
    c = ((c ^ b) - _rot(b, 24)) & _M
    return c


def reopen_for_writing(path: str | os.PathLike) -> None:
    """Make a file its writer did not close openable for writing again: restore the size
    its superblock records (the missing tail reads as zeros; it only ever held the
    unfinished epoch) and clear the "open for writing" flags, keeping the checksum right.

    Call only when no process writes the file (see :mod:`cnnslicer_widgets.store.live`).
    """
    path = Path(path)
    with open(path, "r+b") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        head = fh.read(64)
        sb = read_superblock(path, head)
        if sb is None or sb.clean and os.fstat(fh.fileno()).st_size >= sb.eoa:
            return
        stored = int.from_bytes(head[sb.length : sb.length + 4], "little")
        if lookup3(head[: sb.length]) != stored:
            raise OSError(f"{path}: the HDF5 superblock does not match its checksum")
        if os.fstat(fh.fileno()).st_size < sb.eoa:
            os.ftruncate(fh.fileno(), sb.eoa)
        block = bytearray(head[: sb.length])
        block[11] = 0
        fh.seek(0)
        fh.write(bytes(block) + lookup3(bytes(block)).to_bytes(4, "little"))
        fh.flush()
        os.fsync(fh.fileno())
