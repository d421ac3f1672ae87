"""The shared selection: one model that every view reads and writes.

Views hold a reference to the same :class:`Selection` (``CNNSlicerView.selection``), so a
choice made in one view reaches all the others through this model, in the kernel and,
with no kernel at all, in the browser. Displayed on its own, a Selection is a one-line
breadcrumb of what is selected, with a button to clear each part.
"""

from __future__ import annotations

import logging
import numbers
from typing import Any

import traitlets

from cnnslicer_widgets.widgets._groups import parse_sample_group
from cnnslicer_widgets.widgets._static import FrontEndWidget, static_file

__all__ = ["HOVER_KINDS", "SELECTION_FIELDS", "Selection"]

_log = logging.getLogger(__name__)

SELECTION_FIELDS: tuple[str, ...] = (
    "layers",
    "channels",
    "epoch",
    "sample_group",
    "class_index",
    "hovered",
)
"""Names of the selection traits (``error`` is a report, not part of the selection)."""

HOVER_KINDS: dict[str, tuple[str, ...]] = {
    "layer": ("layer",),
    "channel": ("layer", "channel"),
    "class": ("class_index",),
    "epoch": ("epoch",),
    "sample": ("sample",),
    "cell": ("layer", "channel", "to_layer", "to_channel"),
}
"""Each ``hovered["kind"]`` and the keys it requires."""

_HOVER_STR = ("layer", "to_layer", "source")
_HOVER_INT = ("channel", "to_channel", "epoch", "class_index", "sample")


class _Int(traitlets.Int):
    """An int trait that also takes numpy integers (``cube.epochs[-1]``)."""

    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = int(value)
        return super().validate(obj, value)


def _is_index(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0


def _reject(name: str, rule: str, value: Any) -> traitlets.TraitError:
    return traitlets.TraitError(f"Selection.{name} must be {rule}; got {value!r}")


class Selection(FrontEndWidget):
    """What the linked views show: layers, channels, epoch, sample group, class, hover.

    All parameters are keyword-only and set the traits of the same names.

    Parameters
    ----------
    layers : list[str] | tuple[str, ...]
        Chosen layer names (``cube.layers`` entries), distinct; empty (default) for none.
    channels : list[int] | tuple[int, ...]
        Chosen channel indices (0-based, distinct); empty (default) means all channels.
    epoch : int
        Training epoch the views show (a ``cube.epochs`` entry); default 0.
    sample_group : str
        Probe samples the estimators use: ``"all"`` (default), ``"correct"``,
        ``"incorrect"``, ``"label == k"``, ``"pred == k"`` or ``"label == k and pred == j"``.
    class_index : int | None
        Class in focus for the class-wise views, or None (default).
    hovered : dict[str, Any] | None
        Item under the pointer, ``{"kind": k, ...}`` (see ``HOVER_KINDS``), or None
        (default) for nothing.

    Examples
    --------
    >>> sel = Selection(layers=["conv1"], channels=[0, 3], epoch=2)
    >>> sel.update(sample_group="label==3", class_index=3)
    >>> sel.sample_group
    'label == 3'
    >>> sel.channels = [-1]
    Traceback (most recent call last):
    ...
    traitlets.traitlets.TraitError: Selection.channels must be a list of distinct non-negative integers; got [-1]
    """

    _esm = static_file("selection.js")

    layers = traitlets.List().tag(sync=True)
    """Chosen layer names (``cube.layers`` entries), distinct, in the order chosen;
    ``[]`` means none chosen yet."""

    channels = traitlets.List().tag(sync=True)
    """Chosen channel indices (0-based, distinct, in the order chosen); they apply to each
    chosen layer that has them. ``[]`` means none chosen: views show all channels."""

    epoch = _Int(0).tag(sync=True)
    """Training epoch shown by the views (a ``cube.epochs`` entry, 0 = before training)."""

    sample_group = traitlets.Unicode("all").tag(sync=True)
    """Which probe samples the estimators use: ``"all"``, ``"correct"``, ``"incorrect"``,
    ``"label == k"``, ``"pred == k"`` or ``"label == k and pred == j"``; stored in canonical
    form (see :func:`~cnnslicer_widgets.widgets.parse_sample_group`)."""

    class_index = _Int(None, allow_none=True).tag(sync=True)
    """Class in focus for class-wise views (highlighted line, circle), or ``None``."""

    hovered = traitlets.Dict().tag(sync=True)
    """Item under the pointer in any view, ``{}`` when none: ``{"kind": k, ...}`` with the
    keys :data:`HOVER_KINDS` requires for ``k`` (``layer``/``to_layer`` names,
    ``channel``/``to_channel``/``epoch``/``class_index``/``sample`` indices) and an optional
    ``source`` naming the view that set it."""

    error = traitlets.Unicode("").tag(sync=True)
    """Why the last update from the browser was rejected ("" if it was not). Set by the
    kernel only; the breadcrumb shows it. The rejected update is not applied."""

    def __init__(
        self,
        *,
        layers: list[str] | tuple[str, ...] = (),
        channels: list[int] | tuple[int, ...] = (),
        epoch: int = 0,
        sample_group: str = "all",
        class_index: int | None = None,
        hovered: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            layers=list(layers),
            channels=list(channels),
            epoch=epoch,
            sample_group=sample_group,
            class_index=class_index,
            hovered=dict(hovered or {}),
        )

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in SELECTION_FIELDS)
        return f"Selection({fields})"

    # -- validation -------------------------------------------------------------------

    @traitlets.validate("layers")
    def _valid_layers(self, proposal: dict[str, Any]) -> list[str]:
        value = proposal["value"]
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value)
        if not ok or len(set(value)) != len(value):
            raise _reject("layers", "a list of distinct non-empty layer names", value)
        return list(value)

    @traitlets.validate("channels")
    def _valid_channels(self, proposal: dict[str, Any]) -> list[int]:
        value = proposal["value"]
        ok = isinstance(value, (list, tuple)) and all(_is_index(v) for v in value)
        if not ok or len(set(value)) != len(value):
            raise _reject("channels", "a list of distinct non-negative integers", value)
        return [int(v) for v in value]

    @traitlets.validate("epoch")
    def _valid_epoch(self, proposal: dict[str, Any]) -> int:
        if not _is_index(proposal["value"]):
            raise _reject("epoch", "a non-negative integer", proposal["value"])
        return int(proposal["value"])

    @traitlets.validate("class_index")
    def _valid_class_index(self, proposal: dict[str, Any]) -> int | None:
        value = proposal["value"]
        if value is not None and not _is_index(value):
            raise _reject("class_index", "None or a non-negative integer", value)
        return value

    @traitlets.validate("sample_group")
    def _valid_sample_group(self, proposal: dict[str, Any]) -> str:
        try:
            return parse_sample_group(proposal["value"]).text
        except ValueError as err:
            raise traitlets.TraitError(f"Selection.{err}") from err

    @traitlets.validate("hovered")
    def _valid_hovered(self, proposal: dict[str, Any]) -> dict[str, Any]:
        value = proposal["value"]
        if value == {}:
            return {}
        problem = _hover_problem(value)
        if problem:
            raise traitlets.TraitError(f"Selection.hovered {problem}; got {value!r}")
        return dict(value)

    # -- updates ----------------------------------------------------------------------

    def update(self, **changes: Any) -> None:
        """Change several fields at once: all are applied, or none (on a TraitError).

        Observers run once the whole update is in, and the browser gets one message.
        """
        unknown = sorted(set(changes) - set(SELECTION_FIELDS))
        if unknown:
            raise TypeError(
                f"Selection.update() got unknown field(s) {unknown}; "
                f"fields: {', '.join(SELECTION_FIELDS)}"
            )
        with self.hold_sync(), self.hold_trait_notifications():
            for name, value in changes.items():
                setattr(self, name, value)

    def clear(self) -> None:
        """Reset layers, channels, sample group, class and hover (the epoch stays)."""
        self.update(layers=[], channels=[], sample_group="all", class_index=None, hovered={})

    def snapshot(self) -> dict[str, Any]:
        """The selection fields as a plain dict (copies of the lists and dict)."""
        return {
            "layers": list(self.layers),
            "channels": list(self.channels),
            "epoch": self.epoch,
            "sample_group": self.sample_group,
            "class_index": self.class_index,
            "hovered": dict(self.hovered),
        }

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply an update from the browser, or reject it whole and tell the browser.

        A malformed update (say ``channels = [-1]`` from a buggy view) is not applied:
        the kernel's values are sent back so every view reverts, and :attr:`error` says
        what was wrong. Browser writes to ``error`` itself are ignored.
        """
        incoming = {k: v for k, v in sync_data.items() if k != "error"}
        try:
            super().set_state(incoming)
        except traitlets.TraitError as err:
            keys = [k for k in incoming if k in self.keys]
            _log.warning("rejected a selection update from the browser: %s", err)
            self.send_state(keys)
            self.error = f"Rejected an update from the browser: {err}"
        else:
            if self.error and set(incoming) - {"hovered"}:
                self.error = ""


def _hover_problem(value: Any) -> str:
    """Why ``value`` is not a valid ``hovered`` dict ("" if it is)."""
    if not isinstance(value, dict):
        return "must be a dict"
    kind = value.get("kind")
    if kind not in HOVER_KINDS:
        return f"needs 'kind', one of {', '.join(HOVER_KINDS)}"
    allowed = {"kind", *_HOVER_STR, *_HOVER_INT}
    unknown = sorted(set(value) - allowed)
    if unknown:
        return f"has unknown key(s) {unknown}; allowed: {', '.join(sorted(allowed))}"
    missing = [k for k in HOVER_KINDS[kind] if k not in value]
    if missing:
        return f"of kind {kind!r} needs {', '.join(missing)}"
    for key in _HOVER_STR:
        if key in value and not (isinstance(value[key], str) and value[key]):
            return f"needs a non-empty string for {key!r}"
    for key in _HOVER_INT:
        if key in value and not _is_index(value[key]):
            return f"needs a non-negative integer for {key!r}"
    return ""
