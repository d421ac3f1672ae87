"""The base classes of every CNNSlicer view, and :func:`link_views`.

A view is an anywidget drawn by ``js/views/<name>.js`` with the helpers in ``js/lib/``
(``defineView`` resolves the shared selection and shows :attr:`CNNSlicerView.message`
instead of a blank cell); that shared code and the one stylesheet reach the page once for
all views, in the shared front end (:class:`~cnnslicer_widgets.widgets._static.
FrontEndWidget`).

- :class:`CNNSlicerView`: a shared :class:`Selection`, a message, and :meth:`~CNNSlicerView.
  follow`, the one way a view follows selection fields (also after :func:`link_views`
  gives it another Selection).
- :class:`CubeView`: a view over one run, ``View(cube_or_path, selection=None, *, ...)``:
  its cube, its :attr:`~CubeView.epochs`, :meth:`~CubeView.refresh` for a run still
  being written, and the recorded epoch shown for the selected one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import traitlets
from ipywidgets import widget_serialization

from cnnslicer_widgets.cube import Hypercube, as_cube, nearest_epoch
from cnnslicer_widgets.widgets._static import FrontEndWidget
from cnnslicer_widgets.widgets.selection import Selection
from cnnslicer_widgets.widgets.traits import Epochs

__all__ = ["CNNSlicerView", "CubeView", "link_views", "snap_epoch"]

Handler = Callable[[dict[str, Any]], None]


class CNNSlicerView(FrontEndWidget):
    """Base class of the views: a shared :class:`Selection` and a user-facing message.

    Subclasses set ``_esm = static_file("<name>.js")`` (built from ``js/views/<name>.js``)
    and add their own data traits
    (arrays with :class:`~cnnslicer_widgets.widgets.traits.Array`).

    Parameters
    ----------
    selection : Selection, optional
        The selection to share with other views; a new one if omitted.
    **kwargs
        Initial values of the subclass's traits.
    """

    selection = traitlets.Instance(Selection).tag(sync=True, **widget_serialization)
    """The shared selection model; views linked together hold the same instance. Reaches
    the browser as ``"IPY_MODEL_<id>"``, resolved by ``defineView`` in ``js/lib/view.js``."""

    message = traitlets.Unicode("").tag(sync=True)
    """A sentence for the user, shown instead of the view when not empty (line breaks
    kept), e.g. ``"No layer selected: click a layer in the architecture overview."``"""

    def __init__(self, selection: Selection | None = None, **kwargs: Any) -> None:
        if selection is not None and not isinstance(selection, Selection):
            raise TypeError(f"selection= must be a Selection, got {type(selection).__name__}")
        self._followers: list[tuple[tuple[str, ...], Handler]] = []
        super().__init__(selection=selection if selection is not None else Selection(), **kwargs)
        self.observe(self._selection_swapped, names="selection")

    def follow(self, names: Sequence[str], handler: Handler) -> None:
        """Call ``handler(change)`` when any of the selection fields ``names`` changes,
        whichever Selection the view holds (:func:`link_views` may give it another)."""
        self._followers.append((tuple(names), handler))
        self.selection.observe(handler, names=list(names))

    def _selection_swapped(self, change: dict[str, Any]) -> None:
        old, new = change["old"], change["new"]
        for names, handler in self._followers:
            if old is not None:
                old.unobserve(handler, names=list(names))
            new.observe(handler, names=list(names))
        self._selection_replaced()

    def _selection_replaced(self) -> None:
        """Show what the new shared selection holds (after :func:`link_views`)."""

    def save_html(self, path: Any, *, title: str | None = None) -> Any:
        """Save this view (with its selection) as one standalone HTML file: see
        :func:`~cnnslicer_widgets.widgets.export.save_html`."""
        from cnnslicer_widgets.widgets.export import save_html

        return save_html(self, path, title=title)


def snap_epoch(requested: int, epochs: Sequence[int]) -> tuple[int, list[str]]:
    """The recorded epoch to show for ``requested`` (:func:`~cnnslicer_widgets.cube.
    nearest_epoch`), with a note when it is not the one requested.

    Examples
    --------
    >>> snap_epoch(3, [0, 2, 4])
    (2, ['Epoch 3 is not recorded; showing epoch 2 (recorded: 0, 2, 4).'])
    >>> snap_epoch(4, [0, 2, 4])
    (4, [])
    """
    epochs = [int(e) for e in epochs]
    shown = nearest_epoch(epochs, requested)
    if shown == requested:
        return shown, []
    listed = ", ".join(str(e) for e in epochs[:12]) + (", ..." if len(epochs) > 12 else "")
    return shown, [
        f"Epoch {requested} is not recorded; showing epoch {shown} (recorded: {listed})."
    ]


class CubeView(CNNSlicerView):
    """A view over one run: ``View(cube_or_path, selection=None, *, options...)``.

    Parameters
    ----------
    cube : Hypercube or path
        The run: a cube from :func:`~cnnslicer_widgets.cube.open_cube` or a store path.
    selection : Selection, optional
        The selection to share with other views; a new one if omitted.
    **kwargs
        Initial values of the subclass's traits.
    """

    epochs = Epochs().tag(sync=True)
    """The complete epochs of the run, ascending (grows with :meth:`refresh`)."""

    def __init__(self, cube: Hypercube | Any, selection: Selection | None = None,
                 **kwargs: Any) -> None:
        self.cube: Hypercube = as_cube(cube)
        """The hypercube the view reads."""
        super().__init__(selection, epochs=[int(e) for e in self.cube.epochs], **kwargs)

    def refresh(self) -> list[int]:
        """Pick up epochs completed since the view was made (a run still training).

        Calls ``cube.refresh()``, updates the epochs and what is shown; cached results
        of earlier epochs are kept. Returns the epochs that are new to this view (also
        those another view sharing the cube refreshed first).
        """
        self.cube.refresh()
        shown = set(self.epochs)
        new = [int(e) for e in self.cube.epochs if e not in shown]
        if new:
            self.epochs = [int(e) for e in self.cube.epochs]
        self._update()
        return new

    def _selection_replaced(self) -> None:
        self._update()

    def _update(self) -> None:  # pragma: no cover - every view defines it
        raise NotImplementedError

    def _snap_epoch(self) -> tuple[int, list[str]]:
        return snap_epoch(int(self.selection.epoch), self.cube.epochs)


def link_views(*views: CNNSlicerView, selection: Selection | None = None) -> Selection:
    """Make views share one selection, so a choice in any of them updates the others.

    Parameters
    ----------
    *views : CNNSlicerView
        The views to link.
    selection : Selection, optional
        The selection to share; by default the first view's.

    Returns
    -------
    Selection
        The shared selection (display it for a breadcrumb of the current choice).

    Examples
    --------
    >>> a, b = CNNSlicerView(), CNNSlicerView()
    >>> shared = link_views(a, b)
    >>> b.selection is shared is a.selection
    True
    """
    wrong = [type(v).__name__ for v in views if not isinstance(v, CNNSlicerView)]
    if wrong:
        raise TypeError(f"link_views() takes CNNSlicerView instances, got {', '.join(wrong)}")
    if selection is None:
        if not views:
            raise TypeError("link_views() needs at least one view or selection=")
        selection = views[0].selection
    if not isinstance(selection, Selection):
        raise TypeError(f"selection= must be a Selection, got {type(selection).__name__}")
    for view in views:
        view.selection = selection
    return selection
