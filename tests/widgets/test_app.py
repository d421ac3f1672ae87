"""The CNNSlicer app on real recorded runs: linking, caching, live updates, bad input."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import channel_capacity, intra_sample_entropy_cube
from cnnslicer_widgets.widgets import (
    ChannelView,
    CNNSlicer,
    InformationView,
    LayerView,
    PerformanceView,
    QueryView,
    Selection,
    _app_runs,
)
from cnnslicer_widgets.widgets import app as app_module
from cnnslicer_widgets.widgets import channel_view as channel_view_module
from cnnslicer_widgets.widgets._capacity_cache import CapacityWork
from helpers.lenet_run import lenet_run

WAIT = 120  # s: the machine is shared


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lenet_run(tmp_path_factory)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Every estimator call the views make: capacity (source, target, epoch), entropy
    (layers, epochs)."""
    seen: dict[str, list] = {"capacity": [], "entropy": []}

    advance = CapacityWork.advance

    def capacity(work: CapacityWork, key: Any, load: Any, seconds: float) -> Any:
        if key not in work.seconds:  # a matrix the layer view starts counting
            seen["capacity"].append((key[0], key[1], int(key[2])))
        return advance(work, key, load, seconds)

    def entropy(cube: Any, **kwargs: Any) -> Any:
        seen["entropy"].append((tuple(kwargs["layers"]), tuple(kwargs["epochs"])))
        return intra_sample_entropy_cube(cube, **kwargs)

    monkeypatch.setattr(CapacityWork, "advance", capacity)
    monkeypatch.setattr(channel_view_module, "intra_sample_entropy_cube", entropy)
    return seen


def test_one_call_lays_out_five_linked_views(store: Path) -> None:
    app = CNNSlicer(store)
    try:
        assert not app.watching  # the run is complete: nothing to follow
        assert isinstance(app.query, QueryView) and isinstance(app.performance, PerformanceView)
        assert isinstance(app.layer, LayerView) and isinstance(app.channel, ChannelView)
        assert isinstance(app.information, InformationView)
        assert list(app.views) == ["query", "layer", "channel", "information", "performance"]
        assert all(v.selection is app.selection for v in app.views.values())
        # Header, breadcrumb, then the grid: the query view on the left, the others as tabs.
        header, crumbs, grid = app.children
        assert header is app.header and crumbs is app.selection
        query_cell, tabs = grid.children
        assert "cs-app-grid" in grid._dom_classes and query_cell.children == (app.query,)
        assert [box.children[1] for box in tabs.children] == list(app.views.values())[1:]
        assert tabs.titles == ("Layer view", "Channel view", "Information view", "Performance")
        assert tabs.selected_index == 0  # the layer view: what a Query changes first
        assert app.header.store == "lenet.h5" and app.header.epochs_text == "epochs 0–3"
        assert app.header.live == "off" and app.header.live_text == "run complete"
        assert app.header.runs == [] and not app.header.can_watch
        # Starts on the first two layers after the input, at the last epoch.
        sel = app.selection
        assert sel.layers == ["conv1", "pool1"] and sel.epoch == 3
        assert app.layer.info["source"] == "conv1" and app.layer.capacity.shape == (6, 6)
        assert app.channel.layer == "conv1" and app.query.pending_layers == ["conv1", "pool1"]
        assert app.performance.confusion_epoch == 3
    finally:
        app.close()


def test_choosing_layers_in_the_query_view_drives_the_others(store: Path) -> None:
    app = CNNSlicer(store)
    app.query.pending_layers = ["conv2", "fc1"]
    app.query.pending_epoch = 1
    assert app.layer.info["source"] == "conv1"  # pending only, until Query
    app.query.query()
    assert app.selection.layers == ["conv2", "fc1"] and app.selection.epoch == 1
    assert app.layer.capacity.shape == (120, 16) and app.layer.info["epoch"] == 1
    assert app.channel.layer == "conv2" and app.channel.entropy.shape[0] == 16
    assert app.performance.confusion_epoch == 1
    want = channel_capacity(
        app.cube.activations("conv2").sel(epoch=1), app.cube.activations("fc1").sel(epoch=1),
        progress=False,
    )  # fmt: skip
    np.testing.assert_allclose(app.layer.capacity, want.values, rtol=1e-6)
    # A choice in another view (a class, an epoch) reaches the query view too.
    app.selection.epoch = 2
    assert app.query.pending_epoch == 2 and app.performance.confusion_epoch == 2
    app.close()


def test_revisiting_a_selection_computes_nothing(store: Path, calls: dict[str, list]) -> None:
    app = CNNSlicer(store, selection=Selection(layers=["conv1", "conv2"], epoch=3))
    first = {k: list(v) for k, v in calls.items()}
    assert first["capacity"] == [("conv1", "conv2", 3)]
    assert first["entropy"] == [(("conv1",), (0, 1, 2, 3))]
    sel = app.selection
    sel.update(layers=["pool1", "conv2"], epoch=2)
    sel.sample_group = "label == 3"
    assert len(calls["capacity"]) == 3 and len(calls["entropy"]) == 2
    # Back to every earlier selection: no estimator runs, the views show the same numbers.
    shown = app.layer.capacity.copy()
    sel.sample_group = "all"
    sel.update(layers=["conv1", "conv2"], epoch=3)
    sel.update(layers=["pool1", "conv2"], epoch=2)
    sel.sample_group = "label == 3"
    assert len(calls["capacity"]) == 3 and len(calls["entropy"]) == 2
    np.testing.assert_array_equal(app.layer.capacity, shown)
    assert app.layer.cache_hits >= 3 and app.channel.cache_hits >= 2
    # Swapped layers reuse the matrix of the pair (capacity is symmetric).
    sel.update(layers=["conv2", "pool1"])
    assert len(calls["capacity"]) == 3 and app.layer.capacity.shape == (6, 16)
    app.close()


def test_bad_input_gives_clear_errors(store: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no store at .*missing\.h5.*Recorder"):
        CNNSlicer(tmp_path / "missing.h5")
    with pytest.raises(TypeError, match="CNNSlicer: expected a Hypercube .* got int"):
        CNNSlicer(3)
    with pytest.raises(ValueError, match="unknown view 'layers'; views: query, layer, channel"):
        CNNSlicer(store, views=["query", "layers"])
    with pytest.raises(TypeError, match="selection= must be a Selection, got dict"):
        CNNSlicer(store, selection={"layers": ["conv1"]})
    with pytest.raises(TypeError, match="unexpected keyword argument 'epoch'"):
        CNNSlicer(store, epoch=3)
    app = CNNSlicer(store, views=["query"])
    with pytest.raises(ValueError, match="interval must be a positive number"):
        app.watch(interval=0)
    with pytest.raises(KeyError):
        _ = app.layer
    app.close()


def test_views_are_one_entry_each(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new view joins the app through one ViewSpec (as the information view did)."""
    extra = app_module.ViewSpec(
        "Second layer view",
        "the same heatmap, sorted by mean",
        lambda cube, sel, model: LayerView(cube, sel, sort_by="mean"),
    )
    monkeypatch.setitem(app_module.VIEWS, "mean_layer", extra)
    app = CNNSlicer(store, views=["query", "layer", "mean_layer"])
    assert list(app.views) == ["query", "layer", "mean_layer"]
    mean = app.views["mean_layer"]
    assert mean.selection is app.selection and mean.sort_by == "mean"
    app.selection.layers = ["conv1", "conv2"]
    assert mean.capacity.shape == app.layer.capacity.shape == (16, 6)
    tabs = app.children[2].children[1]
    hints = [box.children[0].value for box in tabs.children]
    assert [h.split('data-view="')[1].split('"')[0] for h in hints] == list(app.views)[1:]
    app.close()


def test_the_information_view_joins_by_name(store: Path) -> None:
    app = CNNSlicer(store, views=["layer", "information"])
    info = app.views["information"]
    assert type(info).__name__ == "InformationView" and info.selection is app.selection
    assert info.message == "" and info.epochs == [0, 1, 2, 3]
    app.close()


def test_single_epoch_store_renders_with_messages(tmp_path: Path) -> None:
    import torch

    from cnnslicer_widgets.datasets import balanced_subset, load_mnist
    from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    from cnnslicer_widgets.record import Recorder

    model, path = mnist_lenet(), tmp_path / "one.h5"
    probe = balanced_subset(load_mnist(source="embedded"), 3)
    with Recorder(model, probe, path, epochs=0, layers=case_study_layers(model),
                  progress=False, verbose=False):  # fmt: skip
        pass
    app = CNNSlicer(path, model=model)
    assert not app.watching and app.header.epochs_text == "epoch 0 only"
    assert any("single recorded epoch" in n for n in app.query.notes)
    assert any("single recorded epoch" in n for n in app.performance.notes)
    assert app.layer.capacity is not None and app.layer.epochs == [0]
    assert app.channel.entropy.shape[-1] == 1 and app.channel.message == ""
    app.selection.channels = [2]  # deconvnet with the epoch-0 weights
    assert app.channel.deconv_images.shape == (4, 28, 28, 1)
    assert all(v.message == "" for v in app.views.values())
    assert torch.is_tensor(next(model.parameters()))
    app.close()


def _waiter(view: Any, name: str) -> threading.Event:
    event = threading.Event()
    view.observe(lambda _change: event.set(), names=name)
    return event


def test_live_updates_from_a_recorder_in_the_same_process(tmp_path: Path) -> None:
    """The watcher thread follows a store the Recorder writes in this very process."""
    import torch

    from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_mnist
    from cnnslicer_widgets.models import case_study_layers, mnist_lenet, train_epoch
    from cnnslicer_widgets.record import Recorder

    data = load_mnist(source="embedded")
    model, path = mnist_lenet(seed=1), tmp_path / "live.h5"
    rec = Recorder(model, balanced_subset(data, 3), path, epochs=2,
                   layers=case_study_layers(model), progress=False, verbose=False).start()  # fmt: skip
    app = CNNSlicer(path, model=model, interval=0.05)
    try:
        assert app.watching and app.layer.epochs == [0] and app.selection.epoch == 0
        assert app.header.live == "on"
        loader = data_loader(balanced_subset(data, 20), batch_size=50, seed=0)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        for epoch in (1, 2):
            grown = _waiter(app, "epochs")
            rec.epoch_end(epoch, loss=train_epoch(model, loader, opt))
            assert grown.wait(WAIT), f"epoch {epoch} did not reach the views"
        app._thread is not None and app._thread.join(WAIT)
        assert not app.watching and app.header.live_text == "run complete"
        assert app.layer.epochs == [0, 1, 2] and app.channel.epochs == [0, 1, 2]
        assert app.query.epochs == [0, 1, 2]
        assert app.performance.epochs == [0, 1, 2]
        assert np.isfinite(app.performance.loss_values[0]).sum() == 2
        assert app.selection.epoch == 2 and app.layer.info["epoch"] == 2  # followed
        assert app.channel.entropy.shape[-1] == 3
        cube = open_cube(path)
        np.testing.assert_allclose(app.performance.confusion, cube.confusion.sel(epoch=2).values)
    finally:
        rec.close()
        app.close()


CHILD = """
import sys, torch
from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_mnist
from cnnslicer_widgets.models import case_study_layers, mnist_lenet, train_epoch
from cnnslicer_widgets.record import Recorder
data = load_mnist(source="embedded")
model = mnist_lenet(seed=2)
loader = data_loader(balanced_subset(data, 20), batch_size=50, seed=0)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
with Recorder(model, balanced_subset(data, 3), sys.argv[1], epochs=3,
              layers=case_study_layers(model), progress=False, verbose=False) as rec:
    print("STARTED", flush=True)
    for epoch in (1, 2, 3):
        sys.stdin.readline()
        rec.epoch_end(epoch, loss=train_epoch(model, loader, opt))
        rec.flush()  # DONE: the epoch is in the file (its writes ran behind epoch_end)
        print("DONE", epoch, flush=True)
print("CLOSED", flush=True)
"""


def test_live_updates_from_a_training_process(tmp_path: Path) -> None:
    """Another process trains and records; the app (an SWMR reader) follows it."""
    path = tmp_path / "child.h5"
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    proc = subprocess.Popen([sys.executable, str(script), str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == "STARTED"
        app = CNNSlicer(path, interval=0.05)
        assert app.watching and app.layer.epochs == [0]
        app.selection.epoch = 0
        app.follow = False  # the selection stays on epoch 0 ...
        for epoch in (1, 2):
            grown = _waiter(app, "epochs")
            proc.stdin.write("go\n")
            proc.stdin.flush()
            assert proc.stdout.readline().split() == ["DONE", str(epoch)]
            assert grown.wait(WAIT), f"epoch {epoch} did not reach the views"
        assert app.selection.epoch == 0 and app.layer.info["epoch"] == 0  # ... as asked
        assert app.layer.epochs == [0, 1, 2] and app.watching
        app.unwatch()
        assert not app.watching
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().split() == ["DONE", "3"]
        assert app.layer.epochs == [0, 1, 2]  # not watching: by hand
        assert app.refresh() == [3] and app.layer.epochs == [0, 1, 2, 3]
        assert app.refresh() == []
        assert app.finished
    finally:
        proc.stdin.close()
        proc.wait(timeout=WAIT)
        app.close()


def test_browser_updates_wait_for_a_refresh(store: Path) -> None:
    """An update from the browser is applied only once a refresh (holding the lock) ends."""
    app = CNNSlicer(store)
    sel = app.selection
    with app._lock:  # as the watcher thread holds it during a refresh
        browser = threading.Thread(target=sel.set_state, args=({"epoch": 1},))
        browser.start()
        browser.join(timeout=0.5)
        assert browser.is_alive() and sel.epoch == 3
    browser.join(WAIT)
    assert sel.epoch == 1 and app.layer.info["epoch"] == 1
    app.close()


@pytest.fixture(scope="module")
def second_run(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> Path:
    from helpers.mnist_runs import record_small_lenet

    path = tmp_path_factory.mktemp("app_runs") / "lenet_small.h5"
    return record_small_lenet(path, mnist_arrays, epochs=2, train_size=300, probe_per_class=3)


def test_several_runs_compare_in_performance_and_show_one_at_a_time(
    store: Path, second_run: Path
) -> None:
    """Paper Fig. 5: one bar and loss line per run; the other views show the active run."""
    app = CNNSlicer({"2,000 digits": store, "300 digits": second_run}, watch=False)
    try:
        assert app.run_names == ["2,000 digits", "300 digits"] and app.header.runs == app.run_names
        assert [r["name"] for r in app.performance.runs] == app.run_names
        assert app.performance.inter_entropy.shape == (2,)
        first = dict(app.views)
        assert app.layer.cube.path == str(store.resolve()) and app.header.store == "lenet.h5"
        app.header.active_run = 1  # a run chip in the header
        assert app.active_run == 1 and app.performance.active_run == 1
        assert app.layer.cube.path == str(second_run.resolve()) == app.cube.path
        assert app.epochs == [0, 1, 2] and app.header.epochs_text == "epochs 0–2"
        assert app.layer is not first["layer"] and app.performance is first["performance"]
        assert app.children[2].children[0].children == (app.query,)
        assert [box.children[1] for box in app.children[2].children[1].children] == list(
            app.views.values())[1:]
        assert app.layer.selection is app.selection and app.layer.capacity is not None
        app.performance.active_run = 0  # clicking a run's bar in the performance view
        assert app.active_run == 0 and app.layer is first["layer"]  # made once, kept
        with pytest.raises(ValueError, match="active_run must be 0..1"):
            app.active_run = 2
        assert app.active_run == 0
    finally:
        app.close()


def test_one_run_has_no_run_chips_and_an_unfollowed_store_offers_to_follow(tmp_path: Path) -> None:
    from cnnslicer_widgets.datasets import balanced_subset, load_mnist
    from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    from cnnslicer_widgets.record import Recorder

    model, path = mnist_lenet(), tmp_path / "open.h5"
    probe = balanced_subset(load_mnist(source="embedded"), 2)
    rec = Recorder(model, probe, path, epochs=2, layers=case_study_layers(model),
                   progress=False, verbose=False).start()  # fmt: skip
    app = CNNSlicer(path, watch=False)
    try:
        assert app.header.runs == [] and app.header.can_watch and app.header.live == "off"
        assert "app.watch" not in app.header.live_text  # a button, not Python code
        app.header.watch_clicks += 1  # the header's "Follow the store" button
        assert app.watching and app.header.live == "on" and not app.header.can_watch
    finally:
        app.close()
        rec.close()


def test_the_watcher_rides_out_a_moment_of_unreadable_file_then_gives_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A writer resuming or flushing can leave the file unreadable for a moment: the
    watcher looks again; only failures for GIVE_UP_AFTER seconds in a row stop it."""
    import types
    import weakref

    class Watched:  # what poll uses of the app
        def __init__(self, fails: int) -> None:
            self.fails, self.looks, self.shown = fails, 0, 0
            self._state, self._thread = "", object()
            self.cube = types.SimpleNamespace(path="run.h5")

        def _poll_once(self) -> bool:
            self.looks += 1
            if self.looks <= self.fails:
                raise OSError("unable to lock file")
            return False  # the run is finished: stop

        def _show_header(self) -> None:
            self.shown += 1

    monkeypatch.setattr(_app_runs, "GIVE_UP_AFTER", 0.5)
    brief = Watched(fails=3)
    _app_runs.poll(weakref.ref(brief), threading.Event(), 0.01)
    assert brief.looks == 4 and brief._state == "" and brief._thread is None and brief.shown == 1
    stuck = Watched(fails=10**9)
    _app_runs.poll(weakref.ref(stuck), threading.Event(), 0.01)
    assert stuck.looks > 3 and stuck._thread is None
    assert stuck._state.startswith("error: live updates stopped (OSError: unable to lock file)")
    assert "press Retry" in stuck._state
