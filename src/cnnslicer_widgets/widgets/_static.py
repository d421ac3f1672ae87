"""Where the built front-end files live (``static/``, made by ``node js/build.mjs``)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC", "static_file"]

STATIC = Path(__file__).parent / "static"
"""Folder of the bundled ESM files (one per view) and the shared stylesheet."""


def static_file(name: str) -> Path:
    """Path of a built front-end file, e.g. ``static_file("selection.js")``.

    Raises
    ------
    FileNotFoundError
        If the file was not built, with the command that builds it.
    """
    path = STATIC / name
    if not path.is_file():
        raise FileNotFoundError(
            f"front-end file {path} is missing: from the repository root run "
            "`npm ci && node js/build.mjs` (a released package ships it already built)"
        )
    return path
