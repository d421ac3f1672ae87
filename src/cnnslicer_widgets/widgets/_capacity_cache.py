"""The layer view's cache of channel-capacity matrices (an :class:`~._cache.LRU`), and the
matrices it is still counting (:class:`CapacityWork`).

Keys are ``(source, target, epoch, sample_group)``. Capacity is symmetric in its two
channels, so the matrix of the swapped pair is served transposed rather than recomputed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

import xarray as xr

from cnnslicer_widgets.estimators._capacity_blocks import BinnedLayer, CapacityBlocks, bin_layer
from cnnslicer_widgets.widgets._cache import LRU

__all__ = ["CapacityCache", "CapacityWork"]

Key = tuple[str, str, int, str]


def _flip(cap: xr.DataArray) -> xr.DataArray:
    """The matrix of the swapped pair: dims (target_channel, source_channel) again."""
    out = cap.rename(source_channel="_s", target_channel="source_channel")
    out = out.rename(_s="target_channel").transpose("target_channel", "source_channel")
    attrs = dict(cap.attrs)
    for a, b in (("source_layer", "target_layer"), ("target_layer", "source_layer")):
        if a in cap.attrs:
            attrs[b] = cap.attrs[a]
    out.attrs = attrs
    return out


class CapacityCache(LRU[xr.DataArray]):
    """Capacity matrices by (source, target, epoch, sample group), at most ``size`` of them.

    Examples
    --------
    >>> import numpy as np
    >>> cap = xr.DataArray(np.arange(6.0).reshape(2, 3), dims=("target_channel", "source_channel"))
    >>> cache = CapacityCache(4)
    >>> cache.put(("a", "b", 0, "all"), cap)
    >>> cache.get(("b", "a", 0, "all")).shape, cache.hits
    ((3, 2), 1)
    >>> cache.epochs("b", "a", "all")
    [0]
    """

    def get(self, key: Key) -> xr.DataArray | None:  # type: ignore[override]
        """The matrix for key (or its swapped pair's, transposed), or None."""
        source, target, epoch, group = key
        cap = super().get(key)
        if cap is not None:
            return cap
        swapped = super().get((target, source, epoch, group))
        return None if swapped is None else _flip(swapped)

    def look(self, key: Key) -> xr.DataArray | None:
        """Like :meth:`get`, without counting a hit (for what is sent ahead)."""
        source, target, epoch, group = key
        cap = self.peek(key)
        if cap is not None:
            return cap
        swapped = self.peek((target, source, epoch, group))
        return None if swapped is None else _flip(swapped)

    def epochs(self, source: str, target: str, group: str) -> list[int]:
        """Epochs cached for this pair (either way round) and sample group."""
        pair = {source, target}
        keys: list[Key] = list(self)  # type: ignore[arg-type]
        return sorted({e for (s, t, e, g) in keys if g == group and {s, t} == pair})


class CapacityWork:
    """Matrices being counted, a block of source channels at a time: one
    :class:`~cnnslicer_widgets.estimators._capacity_blocks.CapacityBlocks` per key, and the
    binned layers they read, by ``(layer, epoch, sample_group)``, kept up to ``max_bytes``
    (a layer is binned once for every pair it is in).

    Examples
    --------
    >>> import numpy as np
    >>> a = xr.DataArray(np.random.default_rng(0).random((6, 3, 2, 2)), dims=("x", "channel", "h", "w"))
    >>> work = CapacityWork({"bins": 4, "max_pairs": None, "seed": 0})
    >>> job = work.advance(("a", "a", 0, "all"), lambda name: a, 0.0)
    >>> job.done >= 1, work.advance(("a", "a", 0, "all"), lambda name: a, float("inf")).complete
    (True, True)
    """

    def __init__(self, capacity_kwargs: dict, *, max_bytes: int = 256 * 2**20, jobs: int = 4) -> None:
        self._kwargs = dict(capacity_kwargs)
        self._max_bytes = max_bytes
        self._binned: OrderedDict[tuple, BinnedLayer] = OrderedDict()
        self._jobs: LRU[CapacityBlocks] = LRU(jobs)
        self.seconds: dict[Key, float] = {}
        """Wall time spent on each key so far (binning and counting)."""

    def advance(self, key: Key, load: Callable[[str], xr.DataArray], seconds: float) -> CapacityBlocks:
        """Count the matrix of ``key`` for about ``seconds`` more (at least one block; all
        of it for inf); ``load(layer)`` gives a layer's maps at the key's epoch and samples."""
        start = time.perf_counter()
        job = self._jobs.peek(key)
        if job is None:
            source, target, epoch, group = key
            job = CapacityBlocks(*(self._bin(name, epoch, group, role, load)
                                   for name, role in ((source, "source"), (target, "target"))))  # fmt: skip
            self._jobs.put(key, job)
        job.run_for(max(0.0, seconds - (time.perf_counter() - start)))
        self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - start
        return job

    def forget(self, key: Key) -> None:
        """Drop the job of ``key`` (its matrix is finished and cached elsewhere)."""
        self._jobs.pop(key)
        self.seconds.pop(key, None)

    def clear(self) -> None:
        self._binned.clear()
        self._jobs.clear()
        self.seconds.clear()

    def _bin(self, name: str, epoch: int, group: str, role: str,
             load: Callable[[str], xr.DataArray]) -> BinnedLayer:  # fmt: skip
        key = (name, epoch, group)
        if key in self._binned:
            self._binned.move_to_end(key)
            return self._binned[key]
        binned = bin_layer(load(name), role, **self._kwargs)
        self._binned[key] = binned
        while len(self._binned) > 2 and sum(b.nbytes for b in self._binned.values()) > self._max_bytes:
            self._binned.popitem(last=False)
        return binned
