"""The layer view's cache of channel-capacity matrices (an :class:`~._cache.LRU`).

Keys are ``(source, target, epoch, sample_group)``. Capacity is symmetric in its two
channels, so the matrix of the swapped pair is served transposed rather than recomputed.
"""

from __future__ import annotations

import xarray as xr

from cnnslicer_widgets.widgets._cache import LRU

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

    def epochs(self, source: str, target: str, group: str) -> list[int]:
        """Epochs cached for this pair (either way round) and sample group."""
        pair = {source, target}
        keys: list[Key] = list(self)  # type: ignore[arg-type]
        return sorted({e for (s, t, e, g) in keys if g == group and {s, t} == pair})
