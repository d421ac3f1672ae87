"""Damaged copies of a store, and a worker process that reads them under a time limit.

A :class:`Case` is one way of damaging the bytes of a file (bit flips in the superblock,
in HDF5 metadata or in data chunks; zeroed or overwritten ranges; truncation). The
:class:`Reader` sends each damaged copy to ``fuzz_worker.py`` and waits at most
``timeout`` seconds for its verdict; a worker that dies (a segfault) or stays silent
(a hang) is reported as such and replaced.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np

WORKER = Path(__file__).with_name("fuzz_worker.py")
SUPERBLOCK = 48  # a version 2/3 superblock with 8-byte addresses


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    offsets: tuple[int, ...] = ()
    bits: tuple[int, ...] = ()
    length: int = 0
    seed: int = 0

    def apply(self, data: bytes) -> bytes:
        if self.kind == "truncate":
            return data[: self.offsets[0]]
        b = bytearray(data)
        if self.kind == "flip":
            for off, bit in zip(self.offsets, self.bits, strict=True):
                b[off] ^= 1 << bit
        elif self.kind == "zero":
            off = self.offsets[0]
            b[off : off + self.length] = bytes(len(b[off : off + self.length]))
        elif self.kind == "junk":
            off = self.offsets[0]
            n = len(b[off : off + self.length])
            b[off : off + n] = np.random.default_rng(self.seed).bytes(n)
        return bytes(b)


def regions(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Byte ranges of the superblock, of the data chunks, and of everything else (metadata)."""
    data: list[tuple[int, int]] = []

    def visit(_name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        if obj.chunks:
            for i in range(obj.id.get_num_chunks()):
                info = obj.id.get_chunk_info(i)
                data.append((info.byte_offset, info.byte_offset + info.size))
        elif obj.id.get_offset() is not None:
            data.append((obj.id.get_offset(), obj.id.get_offset() + obj.id.get_storage_size()))

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    size = path.stat().st_size
    data.sort()
    meta, at = [], SUPERBLOCK
    for lo, hi in data:
        if lo > at:
            meta.append((at, lo))
        at = max(at, hi)
    if at < size:
        meta.append((at, size))
    return {"superblock": [(0, SUPERBLOCK)], "metadata": meta, "data": data}


def _offset(rng: np.random.Generator, spans: list[tuple[int, int]]) -> int:
    lengths = np.array([hi - lo for lo, hi in spans], dtype=float)
    lo, hi = spans[rng.choice(len(spans), p=lengths / lengths.sum())]
    return int(rng.integers(lo, hi))


def make_cases(path: Path, n: int, seed: int) -> list[Case]:
    """``n`` seeded damages of the file at ``path``, over every kind and region."""
    rng = np.random.default_rng(seed)
    spans = regions(path)
    size = path.stat().st_size
    everywhere = [(0, size)]
    cases = []
    kinds = ["flip-superblock", "flip-metadata", "flip-metadata", "flip-data", "flip-data",
             "zero", "junk", "truncate", "truncate"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind.startswith("flip"):
            where = spans[kind.split("-")[1]]
            k = int(rng.integers(1, 4))
            offs = tuple(_offset(rng, where) for _ in range(k))
            bits = tuple(int(b) for b in rng.integers(0, 8, k))
            cases.append(Case(f"{i}-{kind}@{offs[0]}", "flip", offs, bits))
        elif kind in ("zero", "junk"):
            off = _offset(rng, everywhere if rng.random() < 0.5 else spans["metadata"])
            length = int(rng.integers(1, 4097))
            cases.append(Case(f"{i}-{kind}@{off}+{length}", kind, (off,), length=length,
                              seed=int(rng.integers(1 << 30))))
        else:
            off = int(rng.integers(0, size)) if i > 8 else [0, 8, 47, 48, 512, size // 2,
                                                            size - 4096, size - 1, size - 1][i]
            cases.append(Case(f"{i}-truncate@{off}", "truncate", (off,)))
    return cases


class Reader:
    """A ``fuzz_worker.py`` process: ``read(path)`` returns its verdict, or crash/hang."""

    def __init__(self, reference: Path, timeout: float):
        self.reference, self.timeout = reference, timeout
        self.proc: subprocess.Popen | None = None
        self.lines: queue.Queue[str] = queue.Queue()

    def _start(self) -> None:
        env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONFAULTHANDLER="1")
        self.proc = subprocess.Popen([sys.executable, str(WORKER), str(self.reference)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env)
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc, self.lines), daemon=True).start()
        ready = self._reply(120)
        if ready is None or not ready.get("ready"):
            raise RuntimeError(f"fuzz worker did not start: {ready}")

    @staticmethod
    def _pump(proc: subprocess.Popen, lines: queue.Queue) -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put("")  # EOF: the worker died

    def _reply(self, timeout: float) -> dict | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        return json.loads(line) if line else {"outcome": "crash"}

    def read(self, path: Path) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        reply = self._reply(self.timeout)
        if reply is None:
            self.close()
            return {"outcome": "hang", "timeout": self.timeout}
        if reply["outcome"] == "crash":
            code = self.proc.wait(10)
            self.proc = None
            return {"outcome": "crash", "returncode": code}
        return reply

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None
