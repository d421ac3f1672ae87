"""The one cache of the views: the results they computed, least recently used dropped first.

Each view keeps its estimator results (capacity matrices, entropies, projections, MI) in
an :class:`LRU` for the life of the view, so going back to a selection computes nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

__all__ = ["LRU"]

V = TypeVar("V")


class LRU(Generic[V]):
    """At most ``size`` values by key; :meth:`get` counts :attr:`hits`.

    Examples
    --------
    >>> cache = LRU(2)
    >>> cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
    1
    >>> list(cache), cache.hits
    (['a', 'c'], 1)
    """

    def __init__(self, size: int = 64) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"cache_size must be an integer of at least 1, got {size!r}")
        self.size = size
        self.hits = 0
        """How many values were served from the cache."""
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        """The value for ``key`` (now the most recently used), or None."""
        if key not in self._items:
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return self._items[key]

    def peek(self, key: Hashable) -> V | None:
        """The value for ``key`` or None, without counting a hit (a partial use)."""
        return self._items.get(key)

    def put(self, key: Hashable, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def pop(self, key: Hashable) -> V | None:
        """Remove ``key``; its value, or None."""
        return self._items.pop(key, None)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
