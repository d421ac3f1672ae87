"""A griffe extension for the API reference: what mkdocstrings cannot read in our docstrings.

1. **Sphinx roles** (``:func:`~cnnslicer_widgets.cube.open_cube```, ``:meth:`start```) are
   what ``help()`` and IPython show well, but mkdocstrings prints them as raw text. Each
   becomes a cross-reference to the object it names (resolved as Python would from the
   docstring's scope: the class, its module, the module's imports), shown as code; a
   target outside the package, or one the reference does not document, is plain code.
2. **Grouped parameters** (``bins, max_pairs, seed`` or ``a, b : int`` on one line, as
   numpydoc allows) are split by griffe into one row each, but every row gets the first
   name's default and the line's type. Each row takes its own default, and type where the
   line gives none or several names share it, from the signature.

Loaded by ``mkdocs.yml`` (``extensions: [docs/_ext/griffe_docstrings.py]``); the source
docstrings are left as they are.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

import griffe

ROLE = re.compile(
    r":(?:py:)?(?P<role>func|class|meth|attr|mod|data|exc|obj|const|type):"
    r"`(?P<tilde>~)?(?P<body>[^`]+)`"
)
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^>]+)>$")
GROUPED = re.compile(r"^\s*(?P<names>\w+(?:,\s*\w+)+)\s*(?::|$)", re.M)
PACKAGE = "cnnslicer_widgets"


def _resolve(obj: griffe.Object, target: str) -> str | None:
    """The full path ``target`` names in ``obj``'s scope, or None outside the package."""
    target = target.lstrip(".")
    if target.startswith(PACKAGE + ".") or target == PACKAGE:
        return target
    first, _, rest = target.partition(".")
    scope: griffe.Object | None = obj
    while scope is not None:
        if first in scope.members:
            path = f"{scope.path}.{first}"
            return f"{path}.{rest}" if rest else path
        if isinstance(scope, griffe.Module) and first in scope.imports:
            path = scope.imports[first]
            if path.startswith(PACKAGE):
                return f"{path}.{rest}" if rest else path
            return None
        scope = scope.parent
    return None


def _role_to_markdown(obj: griffe.Object, match: re.Match[str]) -> str:
    body = match["body"].strip()
    explicit = EXPLICIT.match(body)
    target = explicit["target"] if explicit else body
    target = target.lstrip("~")
    if explicit:
        title = explicit["title"]
    elif match["tilde"]:
        title = target.rsplit(".", 1)[-1]
    else:
        title = target
    if match["role"] in ("func", "meth") and not title.endswith(")") and not explicit:
        title += "()"
    path = _resolve(obj, target)
    code = f"<code>{title}</code>"
    if path is None:
        return code
    # An optional autoref: a link where the reference documents the object, else code.
    return f'<autoref identifier="{path}" optional>{code}</autoref>'


def _fix_parameters(obj: griffe.Object, sections: list, grouped: set[str]) -> None:
    try:
        signature = {p.name: p for p in obj.parameters}  # functions, and classes' __init__
    except Exception:  # noqa: BLE001 - no signature: nothing to fix
        return
    for section in sections:
        if section.kind.value not in ("parameters", "other parameters"):
            continue
        for param in section.value:
            real = signature.get(param.name)
            if real is None or param.name not in grouped:
                continue
            param.value = real.default
            if real.annotation is not None:
                param.annotation = real.annotation


class _GroupedDocstring(griffe.Docstring):
    """A docstring whose grouped parameters are fixed when it is parsed (at render time,
    with the handler's parser and once every extension has run)."""

    grouped: set[str] = set()

    @cached_property
    def parsed(self) -> list:
        sections = self.parse()
        if self.parent is not None:
            _fix_parameters(self.parent, sections, self.grouped)
        return sections


class DocstringsForMkdocs(griffe.Extension):
    """Rewrite Sphinx roles and give grouped parameters their own defaults and types."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        seen: set[int] = set()
        stack: list[griffe.Object] = [pkg]
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            for member in obj.members.values():
                if not member.is_alias:
                    stack.append(member)  # type: ignore[arg-type]
            if obj.docstring is None:
                continue
            value = obj.docstring.value
            grouped = {n.strip() for m in GROUPED.finditer(value) for n in m["names"].split(",")}
            obj.docstring.value = ROLE.sub(lambda m, o=obj: _role_to_markdown(o, m), value)
            if grouped and isinstance(obj, griffe.Function | griffe.Class):
                obj.docstring.__class__ = _GroupedDocstring
                obj.docstring.grouped = grouped  # type: ignore[attr-defined]
