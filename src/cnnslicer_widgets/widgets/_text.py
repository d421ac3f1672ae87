"""Small helpers of the query and performance views: opening runs, readable number lists."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnnslicer_widgets.cube import Hypercube

__all__ = ["describe_ints", "open_run"]


def open_run(run: Any) -> Hypercube:
    """A :class:`~cnnslicer_widgets.cube.Hypercube` from a cube or a store path.

    Raises
    ------
    TypeError
        For anything else, saying what is accepted.
    """
    from cnnslicer_widgets.cube import Hypercube, open_cube

    if isinstance(run, Hypercube):
        return run
    if isinstance(run, (str, os.PathLike)):
        return open_cube(run)
    raise TypeError(
        f"expected a Hypercube (cnnslicer_widgets.open_cube(path)) or a store path, "
        f"got {type(run).__name__}"
    )


def describe_ints(values: list[int] | tuple[int, ...]) -> str:
    """Sorted integers with runs of three or more collapsed: ``"0–3, 7"``.

    Examples
    --------
    >>> describe_ints([7, 0, 1, 2, 3]), describe_ints([4, 5]), describe_ints([])
    ('0–3, 7', '4, 5', '')
    """
    ordered = sorted(set(int(v) for v in values))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(v) for v in ordered[i : j + 1])
        i = j + 1
    return ", ".join(parts)
