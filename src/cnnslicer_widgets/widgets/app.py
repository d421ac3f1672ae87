"""The CNNSlicer app (paper Sec. 5): the query view and the views it drives, linked through
one shared :class:`~cnnslicer_widgets.widgets.Selection`, laid out as a dashboard, over one
run or several (training sets to compare, paper Fig. 5), following a store that is still
being written.

The layout is a grid that follows the app's width (``js/styles/app.css``): from 900 px of
notebook output the query view is a column on the left and the views it drives are tabs on
the right, under a header and the selection breadcrumb, so a Query and what it changes
are on screen together; below 900 px they stack. Each view keeps its estimator results
(capacity matrices, intra-sample entropies, deconvnet projections) for the life of the app,
so going back to a selection computes nothing. New views join through :data:`VIEWS` (one
entry: a title, a hint and a factory).
"""

from __future__ import annotations

import html
import os
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.widgets._app_header import AppHeader
from cnnslicer_widgets.widgets._app_runs import apply_under, open_runs, poll, trained
from cnnslicer_widgets.widgets._app_views import (
    DEFAULT_VIEWS,
    VIEWS,
    ViewSpec,
    default_layers,
    view_specs,
)
from cnnslicer_widgets.widgets._base import CNNSlicerView
from cnnslicer_widgets.widgets._text import describe_ints
from cnnslicer_widgets.widgets.channel_view import ChannelView
from cnnslicer_widgets.widgets.information import InformationView
from cnnslicer_widgets.widgets.layer_view import LayerView
from cnnslicer_widgets.widgets.performance import PerformanceView
from cnnslicer_widgets.widgets.query import QueryView
from cnnslicer_widgets.widgets.selection import Selection

__all__ = ["DEFAULT_VIEWS", "VIEWS", "CNNSlicer", "ViewSpec", "default_layers"]


_HINT = '<div class="cs-app-hint" data-view="{name}">{hint}</div>'


class CNNSlicer(widgets.VBox):
    """The CNNSlicer dashboard: the query view and the views it drives (layer, channel,
    information, performance) of one run or several, linked through one shared selection,
    following the store while training writes it.

    A choice made in any view (layers and channels with the query view's Query button,
    the epoch with any slider, a class, a channel) updates every other view. The query view
    sits in a column on the left, the others are tabs on the right (stacked below 900 px of
    width), under a header and the selection breadcrumb. Estimator results stay cached in
    the views, so revisiting a selection is instant.

    **Several runs** (the same model trained on different data, paper Fig. 5): the
    performance view compares them all (one bar and one loss line per run); the other views
    show the *active* run, chosen with the run chips in the header or by clicking a run in
    the performance view (:attr:`active_run`). Views of a run are made when it is first
    shown, and all runs share the selection.

    **Live**: when a store is still being written (its recorder has not finished the
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
    runs : Hypercube, str or path, a sequence of them, or a mapping name -> run
        The run (a store written by :class:`~cnnslicer_widgets.record.Recorder`, or a cube
        from :func:`~cnnslicer_widgets.cube.open_cube`), or several.
    names : sequence of str, optional
        Run names (default: each store's dataset name, else its file name).
    model : torch.nn.Module, optional
        The recorded architecture (weights come from the store), for the deconvnet
        projections of the layer and channel views, and the skip connections of a store
        recorded before the recorder traced models.
    selection : Selection, optional
        The selection to share (e.g. with views displayed elsewhere). Default: the first
        two layers after the input, at the last recorded epoch.
    views : sequence of str or ViewSpec, optional
        The views: names in :data:`VIEWS` or :class:`ViewSpec` objects (named after their
        title, lower case, ``_`` for spaces, in :attr:`views`). ``"query"`` goes to the
        left column, the others are tabs in this order. Default :data:`DEFAULT_VIEWS`.
    watch : bool, optional
        Follow the stores for new epochs. Default: when one is still being written.
    interval : float, default 1.0
        Seconds between two looks at the stores while watching.
    follow : bool, default True
        While the newest epoch is selected, move the selection to each new epoch.

    Examples
    --------
    Record two epochs of an untrained LeNet on random images, then open the app:

    >>> import tempfile, torch
    >>> from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    >>> from cnnslicer_widgets import Recorder
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
    >>> rec.epoch_end(1, loss=2.0)  # training writes epoch 1 (on a background thread) ...
    True
    >>> rec.flush()  # (here: wait until it is in the file)
    >>> app.refresh()  # ... (the watcher thread does this when watching)
    [1]
    >>> app.layer.epochs, app.selection.epoch
    ([0, 1], 1)
    >>> rec.close(); app.close()

    Two runs side by side in the performance view; the other views show the active one:

    >>> other = tempfile.mkdtemp() + "/run2.h5"
    >>> with Recorder(mnist_lenet(), (x[:10], y[:10]), other, epochs=1, progress=False,
    ...               layers=case_study_layers(model), verbose=False) as rec2:
    ...     _ = rec2.epoch_end(1, loss=1.5)
    >>> app = CNNSlicer([path, other], names=["20 images", "10 images"], watch=False)
    >>> app.run_names, app.active_run, len(app.performance.runs)
    (['20 images', '10 images'], 0, 2)
    >>> app.active_run = 1  # what a run chip or a run's bar in the performance view does
    >>> app.layer.cube.path == app.cube.path == app.runs[1].path
    True
    >>> app.close()
    """

    epochs = traitlets.List(traitlets.Int())
    """The complete epochs of the active run; set after every view took new ones in, so
    ``app.observe(callback, "epochs")`` hears of each epoch once the app shows it."""

    active_run = traitlets.Int(0)
    """Index in :attr:`runs` of the run the views (but the performance view, which shows
    them all) show; set by the header's run chips and the performance view's runs."""

    def __init__(
        self,
        runs: Any,
        *,
        names: Sequence[str] | None = None,
        model: Any = None,
        selection: Selection | None = None,
        views: Sequence[str | ViewSpec] = DEFAULT_VIEWS,
        watch: bool | None = None,
        interval: float = 1.0,
        follow: bool = True,
    ) -> None:
        pairs = open_runs(runs, names)
        specs = view_specs(views)
        own = selection is None
        first = pairs[0][1]
        if selection is None:
            epochs = first.epochs
            selection = Selection(layers=default_layers(first), epoch=epochs[-1] if epochs else 0)
        elif not isinstance(selection, Selection):
            raise TypeError(f"selection= must be a Selection, got {type(selection).__name__}")
        self.runs: list[Hypercube] = [cube for _, cube in pairs]
        """The runs' hypercubes, in the order given."""
        self.run_names: list[str] = [name for name, _ in pairs]
        """The runs' names (the header's chips, the performance view's bars)."""
        self.selection = selection
        """The selection every view shares."""
        self.model = model
        self.follow = bool(follow)
        self._specs = specs
        self._own_selection = own
        self._lock = threading.RLock()
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._interval = float(interval)
        self._state = ""
        self._made: dict[int, dict[str, CNNSlicerView]] = {}
        self._shared: dict[str, CNNSlicerView] = {}
        self._known = self._signature()
        self.header = AppHeader(runs=self.run_names if len(pairs) > 1 else [])
        """The header line (an anywidget: run name, epochs, live state, run chips)."""
        self._query_cell = widgets.Box(layout=widgets.Layout(display="block"))
        self._query_cell.add_class("cs-app-query")
        self._tabs = widgets.Tab()
        self._tabs.add_class("cs-app-tabs")
        grid = widgets.Box([self._query_cell, self._tabs] if "query" in dict(specs)
                           else [self._tabs])  # fmt: skip
        grid.add_class("cs-app-grid")
        self._grid = grid
        for name, spec in specs:
            if spec.all_runs:
                source = first if len(pairs) == 1 else dict(pairs)
                self._shared[name] = spec.make(source, selection, model)
        super().__init__([self.header, selection, grid], epochs=list(first.epochs))
        self._show_run(0)
        for widget in (selection, self.header, *self._shared.values()):
            apply_under(self._lock, widget)
        self.header.observe(self._run_chosen, names="active_run")
        self.header.observe(lambda _change: self.watch(), names="watch_clicks")
        for view in self._shared.values():
            if view.has_trait("active_run"):
                view.observe(self._run_chosen, names="active_run")
        self.observe(self._active_changed, names="active_run")
        self.add_class("cnnslicer-app")
        if watch is None:
            watch = not self.finished
        if watch:
            self.watch(interval=interval)
        self._show_header()

    # -- the runs and their views -------------------------------------------------------
    @property
    def cube(self) -> Hypercube:
        """The active run's hypercube."""
        return self.runs[self.active_run]

    @property
    def views(self) -> dict[str, CNNSlicerView]:
        """The views of the active run by name (``"query"``, ``"layer"``, ``"channel"``,
        ``"information"``, ``"performance"``), in the order of ``views=``."""
        made = self._made.get(self.active_run, {})
        return {name: self._shared.get(name) or made[name] for name, _ in self._specs}

    def _views_of(self, run: int) -> dict[str, CNNSlicerView]:
        if run not in self._made:
            made = {}
            for name, spec in self._specs:
                if not spec.all_runs:
                    made[name] = spec.make(self.runs[run], self.selection, self.model)
                    apply_under(self._lock, made[name])
            if "query" in made and isinstance(made.get("layer"), LayerView):
                query, layer = made["query"], made["layer"]
                query.observe(lambda _c: layer.prepare(list(query.pending_layers),
                                                       query.pending_epoch),
                              names=["pending_layers", "pending_epoch"])  # fmt: skip
            self._made[run] = made
        return self._made[run]

    def _show_run(self, run: int) -> None:
        """Put the views of ``run`` into the grid (made on first use)."""
        made = self._views_of(run)
        tabs, titles = [], []
        for name, spec in self._specs:
            view = self._shared.get(name) or made[name]
            if name == "query":
                self._query_cell.children = [view]
                continue
            hint = widgets.HTML(_HINT.format(name=html.escape(name), hint=html.escape(spec.hint)))
            tabs.append(widgets.VBox([hint, view]))
            titles.append(spec.title)
        old = list(self._tabs.children)
        index = self._tabs.selected_index
        self._tabs.children = tabs
        self._tabs.titles = tuple(titles)
        self._tabs.selected_index = index if index is not None and index < len(tabs) else (0 if tabs else None)
        for box in old:
            box.children[0].close()  # the hint; the view stays with its run

    def _run_chosen(self, change: dict[str, Any]) -> None:
        self.active_run = int(change["new"])

    def _active_changed(self, change: dict[str, Any]) -> None:
        run = int(change["new"])
        if not 0 <= run < len(self.runs):
            self.active_run = change["old"]
            raise ValueError(f"active_run must be 0..{len(self.runs) - 1}, got {run}")
        with self._lock:
            self._show_run(run)
            self.header.active_run = run
            for view in self._shared.values():
                if view.has_trait("active_run"):
                    view.active_run = run
            self.epochs = list(self.cube.epochs)
            self._show_header()

    # -- the views ----------------------------------------------------------------------
    @property
    def query(self) -> QueryView:
        """The query view of the active run (architecture overview and slicer cube)."""
        return self.views["query"]

    @property
    def performance(self) -> PerformanceView:
        """The training performance view (every run)."""
        return self.views["performance"]

    @property
    def layer(self) -> LayerView:
        """The layer view of the active run (channel-capacity heatmap)."""
        return self.views["layer"]

    @property
    def channel(self) -> ChannelView:
        """The channel view of the active run (small multiples, circle packing, deconvnet)."""
        return self.views["channel"]

    @property
    def information(self) -> InformationView:
        """The information view of the active run (information plane, per-channel mutual
        information with the labels; Fang et al. 2018)."""
        return self.views["information"]

    # -- live updates -------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """Whether every run is complete: every scheduled epoch recorded, or the store
        closed by its writer (a run stopped early is then finished too); see
        :attr:`Hypercube.finished <cnnslicer_widgets.cube.Hypercube.finished>`."""
        return all(cube.finished for cube in self.runs)

    @property
    def watching(self) -> bool:
        """Whether the background thread follows the store."""
        return self._thread is not None and self._thread.is_alive()

    def refresh(self) -> list[int]:
        """Pick up epochs completed since the app was made (or last refreshed) in every
        run; update every view in place. Returns the active run's new epochs (``[]`` when
        nothing changed)."""
        with self._lock:
            before = self._known
            for cube in self.runs:
                cube.refresh()
            now = self._signature()
            if now == before:
                return []
            self._known = now
            for views in (*self._made.values(), self._shared):
                for view in views.values():
                    refresh = getattr(view, "refresh", None)
                    if callable(refresh):
                        refresh()
            old, epochs = list(before[self.active_run][0]), list(now[self.active_run][0])
            new = [e for e in epochs if e not in set(old)]
            at_newest = bool(old) and self.selection.epoch >= old[-1]
            if self.follow and new and (at_newest or not old):
                self.selection.epoch = epochs[-1]
            self._show_header()
            self.epochs = epochs
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
            target=poll, args=(weakref.ref(self), self._stop, self._interval),
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
        for views in (*getattr(self, "_made", {}).values(), getattr(self, "_shared", {})):
            for view in views.values():
                view.close()
        tabs = getattr(self, "_tabs", None)
        for box in tabs.children if tabs is not None else ():
            box.children[0].close()
            box.close()
        for name in ("_tabs", "_query_cell", "_grid", "header"):
            widget = getattr(self, name, None)
            if widget is not None:
                widget.close()
        if getattr(self, "_own_selection", False):
            self.selection.close()
        super().close()

    def _signature(self) -> tuple[tuple[tuple[int, ...], int], ...]:
        """What a refresh compares: each run's complete epochs and count of training losses."""
        return tuple((tuple(int(e) for e in cube.epochs), trained(cube)) for cube in self.runs)

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
        epochs = [int(e) for e in cube.epochs]
        parts = [cube.dataset_name, cube.attrs.get("model_class", ""),
                 f"{len(cube.x)} probe samples", f"{len(cube.layers)} layers"]  # fmt: skip
        ep = (f"epochs {describe_ints(epochs)}" if len(epochs) > 1 else
              f"epoch {epochs[0]} only" if epochs else "no complete epoch yet")  # fmt: skip
        if self.watching:
            live, text = "on", f"looking for new epochs every {self._interval:g} s"
        elif self._state.startswith("error"):
            live, text = "error", self._state
        else:
            live, text = "off", "run complete" if self.finished else "not following the store"
        with self.header.hold_sync():
            self.header.store = os.path.basename(cube.path)
            self.header.info = " · ".join(str(p) for p in parts if p)
            self.header.epochs = epochs
            self.header.epochs_text = ep
            self.header.live = live
            self.header.live_text = text
            self.header.can_watch = live != "on" and not self.finished
