"""The query view (paper 5.1, Fig. 3): architecture overview and slicer cube.

The overview shows each layer of the hypercube as a box (type, channels, map size) in
forward order; the slicer cube draws dCNN(layer, channel, epoch) as a ragged 3-D block,
one column per layer as tall as its channel count. Choosing layers (boxes, or dragging
along the cube's layer axis), channels (dragging along the channel axis or on the cube's
front face) and an epoch (the handle on the epoch axis) builds a *pending* query, drawn as
a highlighted slab; the Query button (or :meth:`QueryView.query`) applies it to the shared
:class:`~cnnslicer_widgets.widgets.Selection`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import traitlets

from cnnslicer_widgets.cube import as_cube, nearest_epoch
from cnnslicer_widgets.widgets._base import CubeView
from cnnslicer_widgets.widgets._static import static_file
from cnnslicer_widgets.widgets._text import describe_ints
from cnnslicer_widgets.widgets.selection import Selection

if TYPE_CHECKING:
    import os

    from cnnslicer_widgets.cube import Hypercube

__all__ = ["QueryView"]


class QueryView(CubeView):
    """Choose layers, channels and an epoch of one run, then apply them with Query.

    Parameters
    ----------
    cube : Hypercube or path
        The run to query: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a
        store path.
    selection : Selection, optional
        The selection shared with other views (a new one if omitted). The pending query
        starts from it and follows it when another view changes it.

    Examples
    --------
    Record a tiny run (two epochs of an untrained LeNet on random images), then query it:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets import open_cube
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets.record import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(20, 1, 28, 28), torch.arange(20) % 10
    >>> with Recorder(model, (x, y), path, epochs=2, layers=case_study_layers(model),
    ...               progress=False, verbose=False) as rec:
    ...     _ = [rec.epoch_end(epoch, loss=1.0) for epoch in (1, 2)]
    >>> sel = Selection()
    >>> view = QueryView(open_cube(path), sel)
    >>> [(row["name"], row["channels"]) for row in view.layer_table][:3]
    [('input', 1), ('conv1', 6), ('pool1', 6)]
    >>> view.pending_layers = ["pool1", "conv1"]  # kept in forward order
    >>> view.pending_channels, view.pending_epoch = [0, 1, 2], 2
    >>> view.query()
    >>> sel.layers, sel.channels, sel.epoch
    (['conv1', 'pool1'], [0, 1, 2], 2)
    """

    _static_export_mirrored = True
    """Its Python observers only repeat what its front end does by itself (the pending
    query follows the selection in JS too): a static export needs no kernel note."""

    _esm = static_file("query.js")

    layer_table = traitlets.List(traitlets.Dict()).tag(sync=True)
    """One dict per layer in forward order: ``name``, ``index``, ``type``, ``module``,
    ``channels``, ``height``, ``width``, ``stored`` (``"raw"`` or ``"histogram"``)."""

    pending_layers = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Layers of the pending query (names, forward order); applied by :meth:`query`."""

    pending_channels = traitlets.List(traitlets.Int()).tag(sync=True)
    """Channels of the pending query, ascending; ``[]`` means all channels."""

    pending_epoch = traitlets.Int(0).tag(sync=True)
    """Epoch of the pending query (one of :attr:`epochs`)."""

    notes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Sentences shown above the cube about the current state (a single epoch, no layer
    chosen, single-channel layers, channels a layer lacks). The view still draws."""

    def __init__(
        self,
        cube: Hypercube | str | os.PathLike,
        selection: Selection | None = None,
    ) -> None:
        cube = as_cube(cube)
        table = [
            {
                "name": lay.name,
                "index": int(lay.index),
                "type": lay.type,
                "module": lay.module,
                "channels": int(lay.shape[0]),
                "height": int(lay.shape[1]),
                "width": int(lay.shape[2]),
                "stored": lay.stored,
            }
            for lay in cube.layer_info
        ]
        self._order: dict[str, int] = {str(row["name"]): i for i, row in enumerate(table)}
        super().__init__(cube, selection, layer_table=table)
        self.follow(["layers", "channels", "epoch"], self._on_selection_change)
        self.observe(self._update_notes, names=["pending_layers", "pending_channels"])
        self._from_selection(self.selection.snapshot())
        self._update_notes()

    # -- public API ---------------------------------------------------------------------

    @property
    def pending(self) -> dict[str, Any]:
        """The pending query: ``{"layers": [...], "channels": [...], "epoch": int}``."""
        return {
            "layers": list(self.pending_layers),
            "channels": list(self.pending_channels),
            "epoch": self.pending_epoch,
        }

    def query(self) -> None:
        """Apply the pending layers, channels and epoch to the shared selection.

        Raises
        ------
        ValueError
            If no layer is pending (choose one first).
        """
        if not self.pending_layers:
            raise ValueError(
                "no layer is pending: click a layer box or drag along the layer axis, "
                "or set view.pending_layers, then query()"
            )
        self.selection.update(**self.pending)

    # -- validation ---------------------------------------------------------------------

    @traitlets.validate("pending_layers")
    def _valid_layers(self, proposal: dict[str, Any]) -> list[str]:
        names = list(proposal["value"])
        unknown = [n for n in names if n not in self._order]
        if unknown:
            raise traitlets.TraitError(
                f"layer(s) {unknown} not in this run (layers: {', '.join(self._order)})"
            )
        return sorted(set(names), key=self._order.__getitem__)

    @traitlets.validate("pending_channels")
    def _valid_channels(self, proposal: dict[str, Any]) -> list[int]:
        values = [int(c) for c in proposal["value"]]
        if any(c < 0 for c in values):
            raise traitlets.TraitError(f"channels must be >= 0, got {values}")
        return sorted(set(values))

    @traitlets.validate("pending_epoch")
    def _valid_epoch(self, proposal: dict[str, Any]) -> int:
        epoch = int(proposal["value"])
        recorded = list(self.epochs)
        if recorded and epoch not in recorded:
            raise traitlets.TraitError(
                f"epoch {epoch} is not recorded in this run (epochs {describe_ints(recorded)})"
            )
        return epoch

    # -- following the shared selection -------------------------------------------------

    def _update(self) -> None:  # new epochs (refresh): the pending query stays
        self._update_notes()

    def _selection_replaced(self) -> None:
        self._from_selection(self.selection.snapshot())

    def _on_selection_change(self, change: dict[str, Any]) -> None:
        self._from_selection({change["name"]: change["new"]})

    def _from_selection(self, state: dict[str, Any]) -> None:
        """Make the pending query follow the shared selection (fields present in state)."""
        with self.hold_sync():
            if "layers" in state:
                self.pending_layers = [n for n in state["layers"] if n in self._order]
            if "channels" in state:
                self.pending_channels = list(state["channels"])
            if "epoch" in state and self.epochs:
                self.pending_epoch = nearest_epoch(self.epochs, state["epoch"])
        self._update_notes()

    # -- notes --------------------------------------------------------------------------

    def _update_notes(self, _change: Any = None) -> None:
        self.message = _blocking_message(self.cube, self.epochs)
        self.notes = query_notes(
            self.layer_table,
            list(self.epochs),
            self.pending_layers,
            self.pending_channels,
            requested_epoch=self.selection.epoch,
            incomplete=self.cube.incomplete_epochs,
        )


def _blocking_message(cube: Hypercube, epochs: list[int]) -> str:
    if not epochs:
        extra = ""
        if cube.incomplete_epochs:
            extra = f" (epoch {describe_ints(cube.incomplete_epochs)} was started, not finished)"
        return (
            f"The store {cube.path} holds no complete epoch yet{extra}.\n"
            "Let the recorder finish an epoch, then call cube.refresh() and make the view again."
        )
    return ""


def query_notes(
    table: list[dict[str, Any]],
    epochs: list[int],
    layers: list[str],
    channels: list[int],
    *,
    requested_epoch: int | None = None,
    incomplete: list[int] | tuple[int, ...] = (),
) -> list[str]:
    """Sentences about the pending query that the view shows above the cube.

    Examples
    --------
    >>> table = [{"name": "input", "channels": 1}, {"name": "conv1", "channels": 6}]
    >>> query_notes(table, [0], ["input"], [])[0]
    'This run has a single recorded epoch (0): the epoch axis has one position.'
    >>> query_notes(table, [0, 1], ["conv1"], [4, 5, 6, 7, 8])
    ['Channels 6–8 are beyond the 6 channels of conv1: those cells do not exist.']
    """
    notes = []
    if len(epochs) == 1:
        notes.append(
            f"This run has a single recorded epoch ({epochs[0]}): the epoch axis has one position."
        )
    if requested_epoch is not None and epochs and requested_epoch not in epochs:
        shown = nearest_epoch(epochs, requested_epoch)
        notes.append(
            f"Epoch {requested_epoch} is not recorded in this run "
            f"(epochs {describe_ints(epochs)}): the cube shows epoch {shown}."
        )
    if incomplete:
        notes.append(
            f"Epoch {describe_ints(list(incomplete))} was not completed (the recording "
            "stopped): it is left out."
        )
    if not layers:
        notes.append(
            "No layer chosen: click a layer box (shift-click adds more) or drag along the "
            "layer axis of the cube, then press Query."
        )
    sizes = {row["name"]: row["channels"] for row in table}
    single = [n for n in layers if sizes.get(n) == 1]
    if single:
        notes.append(
            f"{_names(single)} {'has' if len(single) == 1 else 'have'} a single channel: "
            "only channel 0 can be chosen there."
        )
    for name in layers:
        beyond = [c for c in channels if c >= sizes.get(name, 0)]
        if beyond and sizes.get(name, 0) > 1:
            notes.append(
                f"Channels {describe_ints(beyond)} are beyond the {sizes[name]} channels of "
                f"{name}: those cells do not exist."
            )
    return notes


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return f"Layer {names[0]}"
    return "Layers " + ", ".join(names)
