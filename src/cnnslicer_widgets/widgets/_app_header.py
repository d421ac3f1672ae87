"""The CNNSlicer app's header: what the run is, its epochs, whether the app follows it, and,
with several runs, one chip per run that makes it the active one (drawn by
``js/views/app_header.js``)."""

from __future__ import annotations

import traitlets

from cnnslicer_widgets.widgets._static import FrontEndWidget, static_file

__all__ = ["AppHeader"]


class AppHeader(FrontEndWidget):
    """The header line of :class:`~cnnslicer_widgets.widgets.CNNSlicer` (the app fills it).

    Examples
    --------
    >>> head = AppHeader(store="run.h5", runs=["100 images", "600 images"])
    >>> head.active_run = 1  # what clicking the second run chip does
    >>> head.runs[head.active_run]
    '600 images'
    """

    _esm = static_file("app_header.js")

    store = traitlets.Unicode("").tag(sync=True)
    """File name of the active run's store."""

    info = traitlets.Unicode("").tag(sync=True)
    """Dataset, model class, probe samples and layers of the active run, one line."""

    epochs = traitlets.List(traitlets.Int()).tag(sync=True)
    """The active run's complete epochs."""

    epochs_text = traitlets.Unicode("").tag(sync=True)
    """The epochs in words: ``"epochs 0–3"``, ``"epoch 0 only"``, ``"no complete epoch yet"``."""

    live = traitlets.Unicode("off").tag(sync=True)
    """``"on"`` (following the store), ``"off"`` or ``"error"``."""

    live_text = traitlets.Unicode("").tag(sync=True)
    """What :attr:`live` means, in a sentence."""

    runs = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Names of the app's runs (chips are drawn when there are two or more)."""

    active_run = traitlets.Int(0).tag(sync=True)
    """Index of the run the views show; a run chip sets it."""

    can_watch = traitlets.Bool(False).tag(sync=True)
    """Whether a store is still being written and the app does not follow it: the header
    then offers a button that starts following it."""

    watch_clicks = traitlets.Int(0).tag(sync=True)
    """Counts presses of that button (the app starts following the store on each)."""
