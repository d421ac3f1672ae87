"""Test-only widgets, imported by the notebooks that the browser tests write.

The session fixture copies this file next to the notebooks and bundles ``js/*.js`` from
this folder (with the real ``js/lib`` helpers) into ``_probe_static/`` beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from cnnslicer_widgets.widgets import CNNSlicerView, from_buffer, to_buffer

BUNDLES = Path(__file__).parent / "_probe_static"


def _bundle(name: str) -> Path | str:
    """The built bundle, or (when imported where it is not built, e.g. by doctest
    collection in tests/browser/) an inline module that says so."""
    path = BUNDLES / name
    if path.is_file():
        return path
    return f"// {name} is built by the browser-test session fixture\nexport default {{}};\n"


def _arrays_to_json(arrays: dict[str, Any], _widget: Any) -> dict[str, Any]:
    return {name: to_buffer(arr) for name, arr in arrays.items()}


def _arrays_from_json(payloads: dict[str, Any], _widget: Any) -> dict[str, Any]:
    return {name: from_buffer(p) for name, p in payloads.items()}


_ARRAYS = {"sync": True, "to_json": _arrays_to_json, "from_json": _arrays_from_json}


class CodecEcho(anywidget.AnyWidget):
    """Sends ``inputs`` to the browser, which decodes and sends them back."""

    _esm = _bundle("codec_echo.js")
    inputs = traitlets.Dict().tag(**_ARRAYS)
    """Arrays to send, by name."""
    echoed = traitlets.Dict().tag(**_ARRAYS)
    """The same arrays, decoded then re-encoded by the browser."""
    as_float64 = traitlets.Dict().tag(**_ARRAYS)
    """Their values as the browser read them, sent back as float64."""
    report = traitlets.Dict().tag(sync=True)
    """What the browser decoded: dtype, shape, size and TypedArray name of each array."""


class Picker(CNNSlicerView):
    """A view with buttons that write the shared selection."""

    _esm = _bundle("picker.js")
