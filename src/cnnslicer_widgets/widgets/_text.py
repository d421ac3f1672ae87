"""Readable number lists for the views' notes and headers."""

from __future__ import annotations

__all__ = ["describe_ints"]


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
