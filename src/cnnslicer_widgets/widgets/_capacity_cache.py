"""The layer view's cache of channel-capacity matrices (least recently used dropped first).

Keys are ``(source, target, epoch, sample_group)``. Capacity is symmetric in its two
channels, so the matrix of the swapped pair is served transposed rather than recomputed.
"""

from __future__ import annotations

from collections import OrderedDict

import xarray as xr

__all__ = ["CapacityCache"]

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


class CapacityCache:
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

    def __init__(self, size: int = 64) -> None:
        if size < 1:
            raise ValueError(f"cache_size must be at least 1, got {size}")
        self.size = int(size)
        self.hits = 0
        """How many matrices were served from the cache."""
        self._items: OrderedDict[Key, xr.DataArray] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Key) -> xr.DataArray | None:
        """The matrix for key (or its swapped pair's, transposed), or None."""
        source, target, epoch, group = key
        for k, swapped in ((key, False), ((target, source, epoch, group), True)):
            if k in self._items:
                self._items.move_to_end(k)
                self.hits += 1
                return _flip(self._items[k]) if swapped else self._items[k]
        return None

    def put(self, key: Key, cap: xr.DataArray) -> None:
        self._items[key] = cap
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def epochs(self, source: str, target: str, group: str) -> list[int]:
        """Epochs cached for this pair (either way round) and sample group."""
        pair = {source, target}
        return sorted({e for (s, t, e, g) in self._items if g == group and {s, t} == pair})

    def clear(self) -> None:
        self._items.clear()
