"""The shared selection: one model that every view reads and writes.

Views hold a reference to the same :class:`Selection` (``CNNSlicerView.selection``), so a
choice made in one view reaches all the others through this model, in the kernel and,
with no kernel at all, in the browser. Displayed on its own, a Selection is a one-line
breadcrumb of what is selected, with a button to clear each part.
"""

from __future__ import annotations

import logging
from typing import Any

import traitlets

from cnnslicer_widgets.widgets._static import FrontEndWidget, static_file
from cnnslicer_widgets.widgets.traits import (
    HOVER_KINDS,
    Channels,
    Hovered,
    Index,
    LayerNames,
    SampleGroupText,
)

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

    layers = LayerNames().tag(sync=True)
    """Chosen layer names (``cube.layers`` entries), distinct, in the order chosen;
    ``[]`` means none chosen yet."""

    channels = Channels().tag(sync=True)
    """Chosen channel indices (0-based, distinct, in the order chosen); they apply to each
    chosen layer that has them. ``[]`` means none chosen: views show all channels."""

    epoch = Index(0).tag(sync=True)
    """Training epoch shown by the views (a ``cube.epochs`` entry, 0 = before training)."""

    sample_group = SampleGroupText("all").tag(sync=True)
    """Which probe samples the estimators use: ``"all"``, ``"correct"``, ``"incorrect"``,
    ``"label == k"``, ``"pred == k"`` or ``"label == k and pred == j"``; stored in canonical
    form (see :func:`~cnnslicer_widgets.sample_groups.parse_sample_group`)."""

    class_index = Index(None, allow_none=True).tag(sync=True)
    """Class in focus for class-wise views (highlighted line, circle), or ``None``."""

    hovered = Hovered().tag(sync=True)
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


