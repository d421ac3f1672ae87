"""Save a view, the app, or a box of widgets as one standalone HTML file (no kernel).

The file opens in any modern browser from disk or a plain web server, with no network and
no Python: it holds every widget's current state (arrays as base64 bytes), each ESM module
and stylesheet once (the JS lib the views share, ``static/lib.js``, is the ``source`` of the
:class:`~cnnslicer_widgets.widgets._static.FrontEnd` model), and a page script
(``js/export/export_page.js``) that imports that lib and runs the export runtime
(``js/export/export_runtime.js``), which plays the part of Jupyter's widget manager. Views
linked by a shared :class:`~cnnslicer_widgets.widgets.Selection` stay linked in the page:
hovering, the query view's pending query and Query button, tabs, and anything else a view
does in the browser keep working. Whatever Python computes (a new epoch's capacity, sorting,
feature maps of another cell) shows the state at export time, and the view says so when
asked for it.

What can be exported: any anywidget (every CNNSlicer view, the Selection breadcrumb) and the
ipywidgets ``Box``, ``VBox``, ``HBox``, ``GridBox``, ``Tab``, ``Accordion``, ``Stack``,
``HTML``, ``HTMLMath`` and ``Label`` holding them (their ``layout`` is applied).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import anywidget
import numpy as np
from ipywidgets import Widget

from cnnslicer_widgets.widgets._static import FrontEnd, front_end, static_file

__all__ = ["CONTAINERS", "export_document", "save_html", "to_html"]

CONTAINERS: dict[str, str] = {
    "BoxModel": "Box",
    "VBoxModel": "VBox",
    "HBoxModel": "HBox",
    "GridBoxModel": "GridBox",
    "TabModel": "Tab",
    "AccordionModel": "Accordion",
    "StackModel": "Stack",
    "HTMLModel": "HTML",
    "HTMLMathModel": "HTMLMath",
    "LabelModel": "Label",
}
"""ipywidgets models the page script draws (model name -> widget class), besides anywidgets."""

_DATA_MODELS = re.compile(r"(Layout|Style)Model$")
"""Models that are only read (a widget's ``layout`` and ``style``), never drawn."""

_FRAMEWORK = ("ipywidgets", "traitlets", "anywidget", "comm", "ipykernel")
"""Modules whose trait observers are plumbing, not a computation the page would miss."""



_PAGE_CSS = """
body { margin: 16px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1f2328; background: #fff; }
.cx-box { display: flex; gap: 8px; }
.cx-vbox { flex-direction: column; }
.cx-hbox { flex-direction: row; flex-wrap: wrap; align-items: flex-start; }
.cx-gridbox { display: grid; gap: 8px; }
.cx-child { min-width: 0; }
.cx-root + .cx-root { margin-top: 8px; }
.cx-tabbar { display: flex; gap: 2px; border-bottom: 1px solid #c8ccd0; margin-bottom: 8px; }
.cx-tabbtn { font: inherit; padding: 6px 14px; border: 1px solid #c8ccd0; border-bottom: none;
  background: #f3f4f6; border-radius: 4px 4px 0 0; cursor: pointer; color: #1f2328; }
.cx-tabbtn[aria-selected="true"] { background: #fff; font-weight: 600; margin-bottom: -1px;
  border-bottom: 1px solid #fff; }
.cx-accordion details { border: 1px solid #c8ccd0; border-radius: 4px; margin-bottom: 4px; }
.cx-accordion summary { padding: 6px 10px; cursor: pointer; background: #f3f4f6; }
.cx-accordion .cx-panel { padding: 8px; }
.cx-text { display: flex; gap: 8px; align-items: baseline; }
.cx-description { color: #57606a; }
.cx-kernel-note { background: #fff8e1; border: 1px solid #e5c07b; border-radius: 4px;
  padding: 4px 8px; margin: 0 0 6px; font-size: 12px; color: #4d3800; }
.cx-error { background: #fdecea; border: 1px solid #e0a19b; border-radius: 4px;
  padding: 8px 12px; margin-bottom: 8px; color: #7a1c12; }
.cx-footer { margin-top: 20px; padding-top: 8px; border-top: 1px solid #e1e4e8;
  color: #57606a; font-size: 12px; max-width: 70em; }
"""


def _widget_problem(value: Any) -> str:
    """Why ``value`` cannot be drawn in an export ("" if it can)."""
    if not isinstance(value, Widget):
        return (
            f"got {type(value).__name__}, not a widget: pass a CNNSlicer view, the app, or an "
            "ipywidgets Box/Tab holding views"
        )
    if getattr(value, "comm", None) is None:
        return f"the {type(value).__name__} was closed (widget.close()); make a new one"
    if isinstance(value, anywidget.AnyWidget):
        esm = getattr(value, "_esm", "")
        if not isinstance(esm, str) or not esm.strip():
            return f"{type(value).__name__} has no front-end module (_esm is empty)"
        if re.match(r"\s*https?://", esm):  # as anywidget decides (a "//" comment is code)
            return (
                f"{type(value).__name__} loads its front end from {esm.strip()[:80]!r}; a static "
                "export needs the module itself (set _esm to the bundle's text or a local file)"
            )
        return ""
    if value._model_name in CONTAINERS or _DATA_MODELS.search(value._model_name):
        return ""
    drawn = ", ".join(CONTAINERS.values())
    return (
        f"{type(value).__name__} ({value._model_module} {value._model_name}) cannot be drawn "
        f"without a kernel; a static export holds anywidget views (every CNNSlicer view) and "
        f"the ipywidgets {drawn}. Leave it out of the exported box, or export the views alone"
    )


def _widgets_in(value: Any, where: str) -> Iterable[tuple[Widget, str]]:
    """The widgets a trait value refers to (directly or in lists, tuples and dicts)."""
    if isinstance(value, Widget):
        yield value, where
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _widgets_in(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _widgets_in(item, f"{where}[{key!r}]")


def _collect(roots: Sequence[Any]) -> dict[str, tuple[Widget, str]]:
    """Every widget reachable from ``roots`` through synced traits: id -> (widget, path)."""
    found: dict[str, tuple[Widget, str]] = {}
    queue: list[tuple[Any, str]] = [(w, type(w).__name__) for w in roots]
    seen: set[int] = set()
    while queue:
        widget, where = queue.pop(0)
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        problem = _widget_problem(widget)
        if problem:
            raise TypeError(f"cannot export {where} to static HTML: {problem}")
        found[widget.model_id] = (widget, where)
        for name in widget.keys:
            queue.extend(_widgets_in(getattr(widget, name), f"{where}.{name}"))
    return found


def _encode_state(widget: Widget, where: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``widget.get_state()`` as JSON values, with binary buffers taken out as base64."""
    buffers: list[dict[str, Any]] = []

    def walk(value: Any, path: list[Any]) -> Any:
        if isinstance(value, (memoryview, bytes, bytearray)):
            data = base64.b64encode(memoryview(value).cast("B")).decode("ascii")
            buffers.append({"path": path, "data": data})
            return None
        if isinstance(value, dict):
            return {str(k): walk(v, [*path, str(k)]) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v, [*path, i]) for i, v in enumerate(value)]
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and not math.isfinite(value):
            return None  # JSON has no NaN/inf; the kernel's wire format sends null too
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        trait = ".".join(str(p) for p in path)
        raise TypeError(
            f"cannot export {where}: its synced value {trait} is a {type(value).__name__}, "
            "which has no JSON form (widgets send numbers, strings, lists, dicts and buffers)"
        )

    return walk(widget.get_state(), []), buffers


def _handler_module(handler: Any) -> str:
    func = getattr(handler, "func", None) or getattr(handler, "__func__", None) or handler
    return getattr(func, "__module__", "") or ""


def _handler_owners(handler: Any, ids: dict[int, str]) -> list[str]:
    """Model ids of the exported widgets an observer belongs to: a bound method's object,
    or the widgets a lambda or ``functools.partial`` holds."""
    func = getattr(handler, "__func__", None) or getattr(handler, "func", None) or handler
    held = [getattr(handler, "__self__", None), *getattr(handler, "args", ())]
    for cell in getattr(func, "__closure__", None) or ():
        try:
            held.append(cell.cell_contents)
        except ValueError:  # an empty cell
            continue
    return list(dict.fromkeys(ids[id(obj)] for obj in held if id(obj) in ids))


def _kernel_traits(widgets: dict[str, tuple[Widget, str]]) -> dict[str, dict[str, list[str]]]:
    """Which views Python would redraw after a browser change of each synced trait:
    ``{model id: {trait: [model ids of the views whose observers run]}}``."""
    ids = {id(w): mid for mid, (w, _) in widgets.items()}
    out: dict[str, dict[str, list[str]]] = {}
    for mid, (widget, _) in widgets.items():
        for name in widget.keys:
            owners: list[str] = []
            for kind in widget._trait_notifiers.get(name, {}).values():
                for handler in kind:
                    if _handler_module(handler).startswith(_FRAMEWORK):
                        continue
                    for owner_id in _handler_owners(handler, ids) or [mid]:
                        cls = type(widgets[owner_id][0])
                        if getattr(cls, "_static_export_mirrored", False):
                            continue
                        if owner_id not in owners:
                            owners.append(owner_id)
            if owners:
                out.setdefault(mid, {})[name] = owners
    return out


def _asset_key(kind: str, text: str) -> str:
    return f"{kind}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def export_document(widget: Any) -> dict[str, Any]:
    """The JSON document a static export embeds (what the page script reads).

    Parameters
    ----------
    widget : Widget or sequence of Widget
        What to draw, top to bottom.

    Returns
    -------
    dict
        ``roots`` (model ids to draw), ``models`` (id -> ``name``, ``python_class``,
        ``state``, ``buffers``, ``esm_key``/``css_key``), ``front_end`` (the id of the
        :class:`~cnnslicer_widgets.widgets._static.FrontEnd` model, always included: the
        page script runs the export runtime with its lib), ``assets`` (key -> ES module or
        stylesheet text, each once; the FrontEnd's ``source`` is one) and ``kernel_traits``
        (``{model id: {trait: [view ids]}}``: the views whose Python observers would run
        after a change of that trait, which the page marks with a note when such a change
        is made).

    Examples
    --------
    >>> from cnnslicer_widgets.widgets import Selection
    >>> doc = export_document(Selection(layers=["conv1"]))
    >>> [m["python_class"] for m in doc["models"].values()]
    ['Selection', 'FrontEnd', 'Layout', 'Layout']
    >>> root = doc["models"][doc["roots"][0]]
    >>> root["state"]["layers"], root["state"]["_esm"] == {"$asset": root["esm_key"]}
    (['conv1'], True)
    """
    roots = list(widget) if isinstance(widget, (list, tuple)) else [widget]
    if not roots:
        raise TypeError("nothing to export: pass a widget or a non-empty list of widgets")
    for root in roots:
        problem = _widget_problem(root)
        if not problem and _DATA_MODELS.search(root._model_name):
            problem = f"a {type(root).__name__} only styles another widget; export that widget"
        if problem:
            raise TypeError(f"cannot export {type(root).__name__} to static HTML: {problem}")
    shared = front_end()
    widgets = _collect([*roots, shared])
    assets: dict[str, str] = {}
    models: dict[str, Any] = {}
    for mid, (w, where) in widgets.items():
        state, buffers = _encode_state(w, where)
        spec: dict[str, Any] = {"name": w._model_name, "python_class": type(w).__name__}
        code = [("_esm", "esm"), ("_css", "css")]
        if isinstance(w, FrontEnd):
            code.append(("source", "esm"))  # the shared lib: an asset too, once
        for trait, kind in code:
            text = state.get(trait)
            if isinstance(text, str) and text:
                key = _asset_key(kind, text)
                assets[key] = text
                state[trait] = {"$asset": key}
                spec.setdefault(f"{kind}_key", key)
        spec["state"], spec["buffers"] = state, buffers
        models[mid] = spec
    return {
        "version": 2,
        "roots": [w.model_id for w in roots],
        "front_end": shared.model_id,
        "models": models,
        "assets": assets,
        "kernel_traits": _kernel_traits(widgets),
    }


def _script_json(value: Any) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" characters, no NaN."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page_script() -> str:
    text = static_file("export_page.js").read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def to_html(widget: Any, *, title: str | None = None, footer: bool = True) -> str:
    """The standalone HTML page of a widget (see :func:`save_html`).

    Examples
    --------
    >>> from cnnslicer_widgets.widgets import Selection
    >>> page = to_html(Selection(epoch=2), title="Breadcrumb")
    >>> page.startswith("<!doctype html>"), "<title>Breadcrumb</title>" in page
    (True, True)
    """
    from cnnslicer_widgets import __version__

    doc = export_document(widget)
    first = doc["models"][doc["roots"][0]]["python_class"]
    title = title if title is not None else f"{first} (cnnslicer_widgets)"
    when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    note = (
        f'<footer class="cx-footer" data-role="export-footer">Saved {when} with '
        f"cnnslicer_widgets {html.escape(__version__)}: a snapshot without Python. Hovering, "
        "tabs, the query view's pending query and Query button, and other choices made in the "
        "page update the linked views that can redraw by themselves; results Python computes "
        "(another epoch's estimates, sorting, feature maps of another cell) show the state at "
        "saving time.</footer>"
        if footer
        else ""
    )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="cnnslicer_widgets.widgets.export">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
        '<div id="cnnslicer-export-root"></div>\n'
        "<noscript>This page draws its views with JavaScript; enable it to see them.</noscript>\n"
        f"{note}\n"
        f'<script type="application/json" id="cnnslicer-export">{_script_json(doc)}</script>\n'
        f'<script type="module">\n{_page_script()}\n</script>\n'
        "</body>\n</html>\n"
    )


def save_html(
    widget: Any,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    footer: bool = True,
) -> Path:
    """Save ``widget`` as one HTML file that shows its current state with no kernel.

    Parameters
    ----------
    widget : Widget or sequence of Widget
        A CNNSlicer view, the app, an ipywidgets ``Box``/``VBox``/``HBox``/``GridBox``/
        ``Tab``/``Accordion``/``Stack`` of them (``HTML`` and ``Label`` widgets too), or a
        list of these, drawn top to bottom. Views that share a Selection stay linked.
    path : str or os.PathLike
        Where to write (the folder must exist); ``.html`` is the usual suffix.
    title : str, optional
        The page title; by default the first widget's class name.
    footer : bool, default True
        Add a line under the views saying when the file was saved and what needs Python.

    Returns
    -------
    pathlib.Path
        The file written (UTF-8).

    Raises
    ------
    TypeError
        If ``widget`` is not a widget, or holds one the page cannot draw (a slider, an
        ``Output``, a closed widget, an anywidget loading its module from a URL); the
        message names it and where it sits (e.g. ``VBox.children[2]``).
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> from cnnslicer_widgets.widgets import Selection
    >>> out = save_html(Selection(layers=["conv1"]), tempfile.mkdtemp() + "/selection.html")
    >>> out.suffix, out.stat().st_size > 10_000
    ('.html', True)
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"cannot save {target}: folder {target.parent} does not exist")
    page = to_html(widget, title=title, footer=footer)
    target.write_text(page, encoding="utf-8")
    return target
