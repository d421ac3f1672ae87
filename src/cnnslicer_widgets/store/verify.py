"""Read every chunk of a store, so that every checksum is checked: ``cnnslicer info --verify``.

Opening a store checks its structure and metadata only; damaged data surfaces when it is
read. :func:`verify` reads all of it once: every chunk of every complete epoch and of the
arrays written once (an unfinished epoch is skipped: it is never served). Each chunk that
fails to read (a Fletcher-32 mismatch, an undecodable deflate stream, an I/O error) is
reported by dataset, epoch and position.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import h5py

from cnnslicer_widgets.store.reader import open_store

__all__ = ["Damage", "verify"]


@dataclass(frozen=True)
class Damage:
    """One chunk that could not be read."""

    dataset: str
    epoch: int | None
    offset: tuple[int, ...]
    error: str

    def __str__(self) -> str:
        where = f"epoch {self.epoch}, " if self.epoch is not None else ""
        return f"{self.dataset} ({where}chunk at {list(self.offset)}): {self.error}"


def _chunks(ds: h5py.Dataset) -> list[tuple[int, ...]]:
    if ds.chunks is None:
        return [(0,) * ds.ndim]
    offsets: list[tuple[int, ...]] = []
    ds.id.chunk_iter(lambda info: offsets.append(tuple(info.chunk_offset)))
    return offsets


def verify(path: str | os.PathLike, *, progress: bool = True) -> list[Damage]:
    """Read every chunk of the store at ``path``; returns the chunks that failed ([] when
    all is well). The store is opened (and its structure checked) first.

    Examples
    --------
    >>> import numpy as np, tempfile, os
    >>> from cnnslicer_widgets.store import LayerSpec, RunSpec, StoreWriter
    >>> path = os.path.join(tempfile.mkdtemp(), "run.h5")
    >>> spec = RunSpec(layers=[LayerSpec("input", 0, "", "Input", (1, 2, 2)),
    ...                        LayerSpec("out", 1, "", "Linear", (3, 1, 1))],
    ...                sample_index=np.arange(4), labels=np.arange(4) % 3,
    ...                classes=["a", "b", "c"], schedule=[0])
    >>> w = StoreWriter.create(path, spec); w.begin_epoch(0); w.end_epoch(); w.close()
    >>> verify(path, progress=False)
    []
    """
    from tqdm.auto import tqdm

    f, meta, state = open_store(Path(path))
    try:
        by_row = {p: e for e, p in state.positions.items()}
        per_epoch = set(meta.per_epoch()) | {"epoch"}
        work: list[tuple[str, tuple[int, ...]]] = []

        def visit(name: str, obj) -> None:
            if isinstance(obj, h5py.Dataset):
                for off in _chunks(obj):
                    if name not in per_epoch or off[0] in by_row:
                        work.append((name, off))

        f.visititems(visit)
        damaged: list[Damage] = []
        with tqdm(total=len(work), desc="verify", unit="chunk", disable=not progress) as bar:
            for name, off in work:
                ds = f[name]
                chunks = ds.chunks or ds.shape
                key = tuple(slice(o, min(o + c, s)) for o, c, s in zip(off, chunks, ds.shape,
                                                                       strict=True))
                try:
                    ds[key]
                except (OSError, RuntimeError, ValueError, KeyError) as err:
                    epoch = by_row.get(off[0]) if name in per_epoch else None
                    damaged.append(Damage(name, epoch, off, f"{type(err).__name__}: {err}"))
                bar.update(1)
        return damaged
    finally:
        f.close()
