"""The base class of every CNNSlicer view, and :func:`link_views`.

A view is an anywidget drawn by ``js/views/<name>.js`` with the helpers in ``js/lib/``
(``defineView`` resolves the shared selection and shows :attr:`CNNSlicerView.message`
instead of a blank cell); that code reaches the page once for all views, in the shared
front end (:class:`~cnnslicer_widgets.widgets._static.FrontEndWidget`).
"""

from __future__ import annotations

from typing import Any

import traitlets
from ipywidgets import widget_serialization

from cnnslicer_widgets.widgets._static import FrontEndWidget
from cnnslicer_widgets.widgets.selection import Selection

__all__ = ["CNNSlicerView", "link_views"]


class CNNSlicerView(FrontEndWidget):
    """Base class of the views: a shared :class:`Selection` and a user-facing message.

    Subclasses set ``_esm = static_file("<name>.js")`` (built from ``js/views/<name>.js``)
    and add their own data traits (arrays with :class:`~cnnslicer_widgets.widgets.Array`).

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

    def __init__(self, *, selection: Selection | None = None, **kwargs: Any) -> None:
        super().__init__(selection=selection if selection is not None else Selection(), **kwargs)

    def save_html(self, path: Any, *, title: str | None = None) -> Any:
        """Save this view (with its selection) as one standalone HTML file: see
        :func:`~cnnslicer_widgets.widgets.export.save_html`."""
        from cnnslicer_widgets.widgets.export import save_html

        return save_html(self, path, title=title)


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
