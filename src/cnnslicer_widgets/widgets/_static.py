"""The built front end (``static/``, made by ``node js/build.mjs``) and how it reaches the page.

The JS modules that two or more views use are one ES module, ``static/lib.js``, and the
styles of every view one stylesheet, ``static/frontend.css``. Both travel once per kernel,
in the one :class:`FrontEnd` model that every view and :class:`Selection` refers to
(:class:`FrontEndWidget`); a view's own ``_esm`` (``static/<view>.js``) holds only that
view's code, which loads ``lib.js`` once per page and runs with it (``js/lib/loader.js``).
anywidget sends each model's ``_esm`` and imports it on its own, so a lib inlined in every
view's ``_esm`` would cross to the browser, and be parsed, once per view.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import anywidget
import traitlets
from ipywidgets import widget_serialization

__all__ = ["STATIC", "FrontEnd", "FrontEndWidget", "front_end", "static_file"]

STATIC = Path(__file__).parent / "static"
"""Folder of the built front end: lib.js, frontend.css, a module per view, the export script."""


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


class FrontEnd(anywidget.AnyWidget):
    """What the views share, sent to the browser once per kernel (:func:`front_end`).

    Its ``_css`` is the stylesheet of all views, which anywidget puts in the page when the
    model arrives; ``source`` is the ES module of the JS lib the views share, which they
    import once per page (cached by ``digest``, so notebooks and cells share it).
    Displaying it shows one line about it.

    Examples
    --------
    >>> fe = front_end()
    >>> fe is front_end() and fe.source == static_file("lib.js").read_text(encoding="utf-8")
    True
    >>> len(fe.digest)
    16
    """

    _esm = static_file("frontend_model.js")
    _css = static_file("frontend.css")

    source = traitlets.Unicode().tag(sync=True)
    """The text of ``static/lib.js``: the modules of ``js/lib`` the views share (``modules``)."""

    digest = traitlets.Unicode().tag(sync=True)
    """First 16 hex digits of the SHA-256 of :attr:`source`: the page's cache key."""

    def __init__(self) -> None:
        text = static_file("lib.js").read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        super().__init__(source=text, digest=digest)


_lock = threading.Lock()
_shared: FrontEnd | None = None


def front_end() -> FrontEnd:
    """The kernel's one :class:`FrontEnd` (a new one if it was closed, e.g. by
    ``Widget.close_all()``)."""
    global _shared
    with _lock:
        if _shared is None or getattr(_shared, "comm", None) is None:
            _shared = FrontEnd()
        return _shared


class FrontEndWidget(anywidget.AnyWidget):
    """An anywidget drawn with the shared front end: the base of every view and of Selection.

    Subclasses set ``_esm = static_file("<view>.js")``, built from ``js/views/<view>.js``
    without the lib modules it imports, which it gets from :class:`FrontEnd`; their styles
    are in ``frontend.css``.
    """

    _front_end = traitlets.Instance(FrontEnd).tag(sync=True, **widget_serialization)
    """The kernel's :class:`FrontEnd` (:func:`front_end`), as ``"IPY_MODEL_<id>"`` in the
    browser, where the view's module finds the shared lib through it."""

    @traitlets.default("_front_end")
    def _default_front_end(self) -> FrontEnd:
        return front_end()
