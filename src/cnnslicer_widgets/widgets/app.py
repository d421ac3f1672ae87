"""The CNNSlicer app (paper Sec. 5): the query, performance, layer and channel views of one
run, linked through one shared :class:`~cnnslicer_widgets.widgets.Selection`, following a
store that is still being written.

Each view keeps its estimator results (capacity matrices, intra-sample entropies, deconvnet
projections) for the life of the app, so going back to a selection computes nothing. New
views join through :data:`VIEWS` (one entry: a title, a hint and a factory).
"""

from __future__ import annotations

import html
import logging
import os
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from cnnslicer_widgets.cube import Hypercube, as_cube
from cnnslicer_widgets.widgets._base import CNNSlicerView
from cnnslicer_widgets.widgets._text import describe_ints
from cnnslicer_widgets.widgets.channel_view import ChannelView
from cnnslicer_widgets.widgets.information import InformationView
from cnnslicer_widgets.widgets.layer_view import LayerView
from cnnslicer_widgets.widgets.performance import PerformanceView
from cnnslicer_widgets.widgets.query import QueryView
from cnnslicer_widgets.widgets.selection import Selection

__all__ = ["DEFAULT_VIEWS", "VIEWS", "CNNSlicer", "ViewSpec", "default_layers"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ViewSpec:
    """How the app makes one view: ``make(cube, selection, model)`` returns the view."""

    title: str
    """Section heading above the view."""
    hint: str
    """One sentence under the heading: what the view shows and how to drive it."""
    make: Callable[[Any, Selection, Any], CNNSlicerView]


VIEWS: dict[str, ViewSpec] = {
    "query": ViewSpec(
        "Query",
        "Click layer boxes (shift-click for more) or drag on the cube, then press Query: "
        "every view below follows.",
        lambda cube, sel, model: QueryView(cube, sel),
    ),
    "performance": ViewSpec(
        "Training performance",
        "Confusion matrix at the selected epoch, label entropies and loss over training.",
        lambda cube, sel, model: PerformanceView(cube, sel),
    ),
    "layer": ViewSpec(
        "Layer view",
        "Channel capacity between the first two selected layers; click a cell for maps.",
        lambda cube, sel, model: LayerView(cube, sel, model=model),
    ),
    "channel": ViewSpec(
        "Channel view",
        "Intra-sample entropy of each channel of the first selected layer; click a "
        "channel for its deconvnet projections.",
        lambda cube, sel, model: ChannelView(cube, sel, model=model),
    ),
    "information": ViewSpec(
        "Information view",
        "Information plane of each layer over training, per-channel mutual information "
        "with the labels.",
        lambda cube, sel, model: _information_view(cube, sel),
    ),
}
"""The views the app knows, by name: ``CNNSlicer(path, views=[..., "information"])``. To
add one: ``VIEWS[name] = ViewSpec(...)`` (and its name in :data:`DEFAULT_VIEWS` to show it
by default)."""

DEFAULT_VIEWS: tuple[str, ...] = ("query", "performance", "layer", "channel", "information")
"""The views of ``CNNSlicer(path)``, top to bottom."""

_SECTION = (
    '<div class="cs-app-section" data-view="{name}" style="margin:14px 0 2px;padding-top:6px;'
    'border-top:1px solid var(--jp-border-color2,#ddd)"><b style="font-size:14px">{title}</b>'
    '<span style="color:var(--jp-ui-font-color2,#666);font-size:12px"> · {hint}</span></div>'
)


def _information_view(cube: Hypercube, selection: Selection) -> CNNSlicerView:
    return InformationView(cube, selection)


def default_layers(cube: Hypercube) -> list[str]:
    """The layers an app starts with: the first two recorded raw after the input (so the
    layer view has a pair), else what there is.

    Examples
    --------
    >>> class Cube:
    ...     all_layers = [type("L", (), {"name": n, "stored": s})
    ...                   for n, s in (("input", "raw"), ("c1", "histogram"), ("c2", "raw"),
    ...                                ("c3", "raw"), ("out", "raw"))]
    >>> default_layers(Cube())
    ['c2', 'c3']
    """
    raw = [lay.name for lay in cube.all_layers if getattr(lay, "stored", "raw") == "raw"]
    inner = [n for n in raw if n != "input"]
    return (inner or raw)[:2]


class CNNSlicer(widgets.VBox):
    """The CNNSlicer dashboard of one run: query, performance, layer and channel views,
    linked through one shared selection, following the store while training writes it.

    A choice made in any view (layers and channels with the query view's Query button,
    the epoch with any slider, a class, a channel) updates every other view. Estimator
    results stay cached in the views, so revisiting a selection is instant.

    **Live**: when the store is still being written (its recorder has not finished the
    scheduled epochs), a background thread polls it every ``interval`` seconds and, for
    each newly completed epoch, extends every view in place: epoch sliders, the query
    cube's epoch axis, the performance lines. This works while a training loop runs in the
    same kernel (the loop blocks the kernel's message loop, not the thread) and for a
    training process elsewhere (HDF5 single-writer/multi-reader). The thread stops when
    the schedule is complete, on :meth:`unwatch` or :meth:`close`. Choices made in the
    browser wait while a refresh runs; changes made from Python in the kernel do not, so
    set the selection from code when no new epoch is arriving, or :meth:`unwatch` first.

    Parameters
    ----------
    store_or_path : Hypercube, str or path
        The run: a store written by :class:`~cnnslicer_widgets.record.Recorder`, or a cube
        from :func:`~cnnslicer_widgets.cube.open_cube`.
    model : torch.nn.Module, optional
        The recorded architecture (weights come from the store), for the deconvnet
        projections of the layer and channel views.
    selection : Selection, optional
        The selection to share (e.g. with views displayed elsewhere). Default: the first
        two layers after the input, at the last recorded epoch.
    views : sequence of str or ViewSpec, optional
        The views, top to bottom: names in :data:`VIEWS` (``"information"`` adds the
        information view) or :class:`ViewSpec` objects (named after their title, lower
        case, ``_`` for spaces, in :attr:`views`). Default :data:`DEFAULT_VIEWS`.
    watch : bool, optional
        Follow the store for new epochs. Default: when it is still being written.
    interval : float, default 1.0
        Seconds between two looks at the store while watching.
    follow : bool, default True
        While the newest epoch is selected, move the selection to each new epoch.

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then open the app:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets.record import Recorder
    >>> path, model = tempfile.mkdtemp() + "/run.h5", mnist_lenet()
    >>> x, y = torch.rand(20, 1, 28, 28), torch.arange(20) % 10
    >>> rec = Recorder(model, (x, y), path, epochs=2, layers=case_study_layers(model),
    ...                progress=False, verbose=False).start()
    >>> app = CNNSlicer(path, model=model, watch=False)  # display(app) in a notebook
    >>> app.selection.layers, app.layer.capacity.shape, app.channel.layer
    (['conv1', 'pool1'], (6, 6), 'conv1')
    >>> app.selection.layers = ["conv1", "conv2"]  # the layer view follows
    >>> app.layer.capacity.shape
    (16, 6)
    >>> rec.epoch_end(1, loss=2.0)  # training writes epoch 1 ...
    True
    >>> app.refresh()  # ... (the watcher thread does this when watching)
    [1]
    >>> app.layer.epochs, app.selection.epoch
    ([0, 1], 1)
    >>> rec.close(); app.close()
    """

    epochs = traitlets.List(traitlets.Int())
    """The complete epochs the views show; set after every view took new ones in, so
    ``app.observe(callback, "epochs")`` hears of each epoch once the app shows it."""

    def __init__(
        self,
        store_or_path: Any,
        *,
        model: Any = None,
        selection: Selection | None = None,
        views: Sequence[str | ViewSpec] = DEFAULT_VIEWS,
        watch: bool | None = None,
        interval: float = 1.0,
        follow: bool = True,
    ) -> None:
        cube = _open(store_or_path)
        specs = _view_specs(views)
        own = selection is None
        if selection is None:
            epochs = cube.epochs
            selection = Selection(layers=default_layers(cube), epoch=epochs[-1] if epochs else 0)
        elif not isinstance(selection, Selection):
            raise TypeError(f"selection= must be a Selection, got {type(selection).__name__}")
        self.cube = cube
        """The run's hypercube (shared by every view)."""
        self.selection = selection
        """The selection every view shares."""
        self.model = model
        self.follow = bool(follow)
        self._own_selection = own
        self._lock = threading.RLock()
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._interval = float(interval)
        self._state = ""
        self._known = self._signature()
        self.views: dict[str, CNNSlicerView] = {}
        """The views by name (``"query"``, ``"performance"``, ``"layer"``, ``"channel"``)."""
        children: list[widgets.Widget] = []
        self._header = widgets.HTML()
        for name, spec in specs:
            view = spec.make(cube, selection, model)
            self.views[name] = view
            title = _SECTION.format(name=html.escape(name), title=html.escape(spec.title),
                                    hint=html.escape(spec.hint))  # fmt: skip
            children += [widgets.HTML(title), view]
        super().__init__([self._header, selection, *children], epochs=list(cube.epochs))
        for widget in (selection, *self.views.values()):
            _apply_under(self._lock, widget)
        self.add_class("cnnslicer-app")
        if watch is None:
            watch = not self.finished
        if watch:
            self.watch(interval=interval)
        self._show_header()

    # -- the views ----------------------------------------------------------------------
    @property
    def query(self) -> QueryView:
        """The query view (architecture overview and slicer cube)."""
        return self.views["query"]

    @property
    def performance(self) -> PerformanceView:
        """The training performance view."""
        return self.views["performance"]

    @property
    def layer(self) -> LayerView:
        """The layer view (channel-capacity heatmap)."""
        return self.views["layer"]

    @property
    def channel(self) -> ChannelView:
        """The channel view (small multiples, circle packing, deconvnet)."""
        return self.views["channel"]

    @property
    def information(self) -> InformationView:
        """The information view (information plane, per-channel mutual information with
        the labels; Fang et al. 2018)."""
        return self.views["information"]

    # -- live updates -------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """Whether the run is complete: every scheduled epoch recorded, or the store closed
        by its writer (a run stopped early is then finished too); see
        :attr:`Hypercube.finished <cnnslicer_widgets.cube.Hypercube.finished>`."""
        return self.cube.finished

    @property
    def watching(self) -> bool:
        """Whether the background thread follows the store."""
        return self._thread is not None and self._thread.is_alive()

    def refresh(self) -> list[int]:
        """Pick up epochs completed since the app was made (or last refreshed); update
        every view in place. Returns the new epochs (``[]`` when nothing changed)."""
        with self._lock:
            before = list(self._known[0])
            self.cube.refresh()
            now = self._signature()
            if now == self._known:
                return []
            self._known = now
            new = [e for e in now[0] if e not in set(before)]
            for view in self.views.values():
                refresh = getattr(view, "refresh", None)
                if callable(refresh):
                    refresh()
            at_newest = bool(before) and self.selection.epoch >= before[-1]
            if self.follow and new and (at_newest or not before):
                self.selection.epoch = now[0][-1]
            self._show_header()
            self.epochs = list(now[0])
            return new

    def watch(self, *, interval: float | None = None) -> None:
        """Follow the store: look for new epochs every ``interval`` seconds (default the
        app's ``interval``) in a background thread, until :meth:`unwatch`, :meth:`close`,
        or the run is finished."""
        if interval is not None:
            if not interval > 0:
                raise ValueError(f"interval must be a positive number of seconds, got {interval}")
            self._interval = float(interval)
        if self.watching:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=_poll, args=(weakref.ref(self), self._stop, self._interval),
            name=f"cnnslicer-watch-{Path(self.cube.path).name}", daemon=True,
        )  # fmt: skip
        self._state = ""
        self._thread.start()
        self._show_header()

    def unwatch(self) -> None:
        """Stop following the store (:meth:`refresh` still works by hand)."""
        self._halt()
        self._show_header()

    def _halt(self) -> None:
        stop, thread = getattr(self, "_stop", None), getattr(self, "_thread", None)
        if stop is not None:
            stop.set()
        self._thread = None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=max(5.0, 2 * self._interval))

    def save_html(self, path: Any, *, title: str | None = None) -> Any:
        """Save the app's current state as one standalone HTML file (no kernel needed to
        open it): see :func:`~cnnslicer_widgets.widgets.export.save_html`."""
        from cnnslicer_widgets.widgets.export import save_html

        return save_html(self, path, title=title)

    def close(self) -> None:
        """Stop watching and close the views (and the selection, if the app made it)."""
        self._halt()
        keep = None if getattr(self, "_own_selection", True) else self.selection
        for child in self.children:
            if child is not keep:
                child.close()
        super().close()

    def _signature(self) -> tuple[tuple[int, ...], int]:
        """What a refresh compares: the complete epochs and the count of training losses."""
        return tuple(int(e) for e in self.cube.epochs), _trained(self.cube)

    def _poll_once(self) -> bool:
        """One look at the store from the watcher; returns whether to keep watching."""
        self.refresh()
        if self.finished:
            self.refresh()  # the last epoch may have completed between the two looks
            self._state = "complete"
            return False
        return True

    # -- the header ---------------------------------------------------------------------
    def _show_header(self) -> None:
        cube = self.cube
        epochs = cube.epochs
        name = html.escape(os.path.basename(cube.path))
        parts = [cube.dataset_name, cube.attrs.get("model_class", ""),
                 f"{len(cube.x)} probe samples", f"{len(cube.layers)} layers"]  # fmt: skip
        info = " · ".join(html.escape(str(p)) for p in parts if p)
        ep = (f"epochs {describe_ints(epochs)}" if len(epochs) > 1 else
              f"epoch {epochs[0]} only" if epochs else "no complete epoch yet")  # fmt: skip
        if self.watching:
            live = (f'<span data-live="on" style="color:#1a7f37">● live</span>: looking for new '
                    f"epochs every {self._interval:g} s")  # fmt: skip
        elif self._state.startswith("error"):
            live = (
                f'<span data-live="error" style="color:#b42318">{html.escape(self._state)}</span>'
            )
        else:
            done = "run complete" if self.finished else "not watching: call app.watch()"
            live = f'<span data-live="off">{done}</span>'
        self._header.value = (
            f'<div class="cs-app-head" data-epochs="{",".join(map(str, epochs))}" '
            'style="font-size:13px;line-height:1.5"><b style="font-size:15px">CNNSlicer</b> '
            f'<code>{name}</code> · {info}<br><span data-role="epochs">{ep}</span> · {live}</div>'
        )


def _open(store_or_path: Any) -> Any:
    if isinstance(store_or_path, (str, os.PathLike)) and not Path(store_or_path).exists():
        raise FileNotFoundError(
            f"no store at {os.fspath(store_or_path)}: CNNSlicer needs the .h5 file written by "
            "Recorder(model, probe, path, epochs=...), or a cube from open_cube(path)"
        )
    try:
        return as_cube(store_or_path)
    except TypeError as err:
        raise TypeError(f"CNNSlicer: {err}") from None


def _apply_under(lock: threading.RLock, widget: widgets.Widget) -> None:
    """Apply the widget's updates from the browser holding ``lock``, so that they never
    interleave with a refresh that the watcher thread is making."""
    apply = widget.set_state

    def set_state(sync_data: dict[str, Any]) -> None:
        with lock:
            apply(sync_data)

    widget.set_state = set_state


def _view_specs(views: Sequence[str | ViewSpec]) -> list[tuple[str, ViewSpec]]:
    if isinstance(views, str):
        views = [views]
    out: list[tuple[str, ViewSpec]] = []
    for item in views:
        if isinstance(item, ViewSpec):
            out.append((item.title.lower().replace(" ", "_"), item))
        elif item in VIEWS:
            out.append((item, VIEWS[item]))
        else:
            raise ValueError(f"unknown view {item!r}; views: {', '.join(VIEWS)} (or a ViewSpec)")
    names = [n for n, _ in out]
    if len(set(names)) != len(names) or not out:
        raise ValueError(f"views= needs distinct views, at least one; got {names}")
    return out


def _trained(cube: Hypercube) -> int:
    return int(cube.train_loss.sizes["train_epoch"])


def _poll(ref: weakref.ref, stop: threading.Event, interval: float) -> None:
    """The watcher thread: one look at the store per ``interval`` until told to stop."""
    while not stop.wait(interval):
        app = ref()
        if app is None:
            return
        try:
            keep = app._poll_once()
        except Exception as err:  # noqa: BLE001 - shown in the header; the views stay usable
            _log.exception("CNNSlicer stopped following %s", app.cube.path)
            app._state = (
                f"error: live updates stopped ({type(err).__name__}: {err}); "
                "call app.watch() to retry"
            )
            keep = False
        if not keep:
            stop.set()
            app._thread = None
            app._show_header()
            return
        del app
