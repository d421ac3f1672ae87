"""InformationView state on a real recorded run: arrays sent, linking, front-end messages,
estimator switch, caching, and the in-view messages for bad input."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest
import xarray as xr
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import channel_label_mi_cube, information_plane_cube
from cnnslicer_widgets.widgets import Selection, link_views
from cnnslicer_widgets.widgets import information as information_module
from cnnslicer_widgets.widgets.information import InformationView
from helpers.lenet_run import lenet_run

PERMS = 5  # label shuffles: enough to exercise the null, quick on two cores
LAYERS = ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2"]


@pytest.fixture(scope="module")
def cube(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return open_cube(lenet_run(tmp_path_factory))


@pytest.fixture(scope="module")
def plane(cube: Any) -> xr.Dataset:
    with pytest.warns(UserWarning):  # binning saturates on this run (the view notes it)
        return information_plane_cube(cube, n_permutations=PERMS, progress=False)


def view_of(cube: Any, layers: list[str], epoch: int = 3, **kwargs: Any) -> InformationView:
    return InformationView(
        cube, Selection(layers=layers, epoch=epoch), n_permutations=PERMS, **kwargs
    )


def test_arrays_cross_as_binary_and_match_the_estimators(cube: Any, plane: xr.Dataset) -> None:
    view = view_of(cube, ["conv2"])
    state, paths, buffers = _remove_buffers(view.get_state())
    for name in ("plane_xt", "plane_ty", "plane_null", "channel_mi", "class_mi"):
        assert state[name]["dtype"] == "float32" and [name, "buffer"] in paths
    assert state["class_rank"]["dtype"] == "int32"
    assert state["plane_xt"]["shape"] == [7, 4, 3]  # layer, epoch, (lower, upper, binning)
    assert state["class_mi"]["shape"] == [10, 16] and state["channel_mi"]["shape"] == [4, 16]
    assert sum(b.nbytes for b in buffers) < 4_000  # only what is drawn: no feature maps
    info = view.plane_info
    assert info["layers"] == LAYERS and info["epochs"] == [0, 1, 2, 3]
    assert info["bounds"] == ["kde_lower", "kde_upper", "binning"]
    assert view.shown_layers == LAYERS  # 7 layers: all of them by default
    assert info["h_y"] == pytest.approx(np.log2(10)) and info["log2_n"] == pytest.approx(
        np.log2(100)
    )
    want = plane.sel(estimator=["kde_lower", "kde_upper", "binning"])
    np.testing.assert_allclose(view.plane_xt, want.i_xt.values, rtol=1e-6)
    np.testing.assert_allclose(view.plane_ty, want.i_ty.values, rtol=1e-6)
    np.testing.assert_allclose(view.plane_null, want.i_ty_null_q95.values, rtol=1e-6)
    mi = channel_label_mi_cube(cube, layers="conv2", n_permutations=PERMS,
                               progress=False).sel(layer="conv2")
    np.testing.assert_allclose(view.channel_mi, mi.mi.values, rtol=1e-6)
    np.testing.assert_allclose(view.channel_null, mi.mi_null_q95.mean("channel"), rtol=1e-6)
    at3 = mi.sel(epoch=3)
    np.testing.assert_allclose(view.class_mi, at3.mi_binary.values, rtol=1e-6)
    np.testing.assert_array_equal(view.class_rank, at3.mi_binary_rank.values)
    assert view.layer_info["layer"] == "conv2" and view.layer_info["epoch"] == 3
    assert view.layer_info["vmax"] == pytest.approx(float(mi.h_binary.max()))
    assert view.message == view.panel_message == view.status == ""
    # I(T;Y) of the trained conv2 stands above its shuffled-label level.
    assert (view.channel_mi[-1] > view.channel_null[-1]).mean() > 0.9


def test_selection_drives_the_panels_without_recomputing(cube: Any) -> None:
    view = view_of(cube, ["conv2"])
    calls = len(view.computed)
    mi = view.channel_mi_of("conv2")
    view.selection.epoch = 1
    assert view.layer_info["epoch"] == 1 and view.layer_info["requested_epoch"] == 1
    np.testing.assert_allclose(view.class_mi, mi.mi_binary.sel(epoch=1).values, rtol=1e-6)
    np.testing.assert_array_equal(view.class_rank, mi.mi_binary_rank.sel(epoch=1).values)
    assert len(view.computed) == calls  # an epoch change reads the cache
    view.selection.layers = ["fc1"]
    assert view.class_mi.shape == (10, 120) and view.layer_info["layer"] == "fc1"
    fc1 = [c for c in view.computed if c[:2] == ("channels", "fc1")]
    assert sorted(c[2] for c in fc1) == [(0,), (1,), (2,), (3,)]  # one call per epoch
    plane_calls = [c for c in view.computed if c[0] == "plane"]
    assert len(plane_calls) == 7 * 4  # the plane was computed once, one call per cell
    view.selection.layers = ["conv2"]
    assert view.class_mi.shape == (10, 16) and len(view.computed) == calls + 4


def test_in_a_kernel_a_layers_channels_come_a_block_per_step(cube: Any, monkeypatch: Any) -> None:
    """With steps deferred (a kernel), a layer's per-channel MI is computed a block of
    channels per step (a Query waits for one block, not the layer), the status counts
    them, and the finished panels equal channel_label_mi_cube's."""
    view = view_of(cube, ["conv2"])
    monkeypatch.setattr(view._steps, "_loop", asyncio.new_event_loop())  # deferred: a kernel
    monkeypatch.setattr(information_module, "STEP_SECONDS", 0.0)  # read; 4 channels; 1 a step
    view.pick_layer("conv1")  # 6 channels, not computed yet
    assert view.layer_info["pending"] and view._steps.pending >= 1
    view._steps._run_one()  # reading the layer took the (0 s) step
    assert view.status.endswith("per-channel MI of conv1..."), view.status
    assert len(view._mi_jobs) == 1 and next(iter(view._mi_jobs.values())).done == 0
    view._steps._run_one()
    assert view.status.endswith("per-channel MI of conv1 (4 of 6 channels)..."), view.status
    assert view.layer_info["pending"] and ("channels", "conv1", (3,)) not in view.computed
    view._steps._run_one()
    assert "(5 of 6 channels)" in view.status
    view._steps._run_one()  # the sixth: the shown epoch is done and drawn
    assert not view.layer_info.get("pending") and view.layer_info["layer"] == "conv1"
    assert [c for c in view.computed if c[:2] == ("channels", "conv1")] == [
        ("channels", "conv1", (3,))]
    view._steps.run_all()  # the other epochs, a block at a time
    mi = channel_label_mi_cube(cube, layers="conv1", n_permutations=PERMS,
                               progress=False).sel(layer="conv1")  # fmt: skip
    np.testing.assert_allclose(view.channel_mi, mi.mi.values, rtol=1e-6)
    np.testing.assert_allclose(view.class_mi, mi.mi_binary.sel(epoch=3).values, rtol=1e-6)
    assert view._mi_jobs == {} and "per-channel" not in view.status


def test_a_clicked_trajectory_adds_its_layer(cube: Any) -> None:
    view = view_of(cube, ["conv2"])
    other = view_of(cube, [])
    shared = link_views(view, other)
    shared.channels = [12]  # conv2 has 16 channels, pool1 6
    view._handle_custom_msg({"event": "pick_layer", "layer": "pool1"}, [])
    assert shared.layers == ["conv2", "pool1"]  # added: the layer view keeps a pair
    assert view.focus == "pool1" and view.layer_info["layer"] == "pool1"
    assert other.layer_info["layer"] == "conv2"  # the other view keeps its own focus
    assert shared.channels == [12]  # conv2, still selected, has channel 12
    view._handle_custom_msg({"event": "unpick_layer", "layer": "conv2"}, [])
    assert shared.layers == ["pool1"] and shared.channels == []  # pool1 lacks channel 12
    view._handle_custom_msg({"event": "pick_layer", "layer": "no-such-layer"}, [])
    assert shared.layers == ["pool1"]  # ignored
    view._handle_custom_msg({"event": "pick_channel", "channel": 4}, [])
    assert shared.channels == [4]
    with pytest.raises(ValueError, match="not a layer of the plane"):
        view.pick_layer("nope")


def test_filters_show_blocks_and_compute_only_what_is_shown(cube: Any) -> None:
    view = InformationView(cube, Selection(layers=["conv2"], epoch=3), n_permutations=0,
                           plane_filter="selected")  # fmt: skip
    assert view.shown_layers == ["conv2"]
    assert {c[1] for c in view.computed if c[0] == "plane"} == {"conv2"}
    assert np.isnan(view.plane_xt[LAYERS.index("fc1")]).all()  # not computed: NaN
    view.plane_depth = [1, 2]
    view.plane_filter = "all"
    assert view.shown_layers == ["conv1", "pool1", "conv2"]  # depth 1-2, and the selection
    assert np.isfinite(view.plane_xt[LAYERS.index("pool1")]).all()
    assert view.plane_info["done"] == view.plane_info["todo"] == 3 * 4


def test_estimator_switch(cube: Any, plane: xr.Dataset) -> None:
    view = view_of(cube, ["conv2"])
    sent = view.plane_xt.copy()
    view.estimator = "kde_upper"  # the plane holds every estimate: nothing is resent
    np.testing.assert_array_equal(view.plane_xt, sent)
    np.testing.assert_allclose(
        view.plane_xt[..., 1], plane.i_xt.sel(estimator="kde_upper"), rtol=1e-6
    )
    upper = view.class_mi.copy()
    view.estimator = "kde_lower"
    assert view.layer_info["method"] == "KDE lower bound"
    lower = channel_label_mi_cube(
        cube, layers="conv2", bound="lower", n_permutations=PERMS, progress=False
    ).sel(layer="conv2")
    np.testing.assert_allclose(view.class_mi, lower.mi_binary.sel(epoch=3).values, rtol=1e-6)
    assert not np.allclose(view.class_mi, upper)
    view.estimator = "binning"
    np.testing.assert_allclose(
        view.plane_ty[..., 2], plane.i_ty.sel(estimator="binning"), rtol=1e-6
    )
    assert view.plane_saturated[..., 2].any()
    notes = view.plane_info["notes"]["binning"]
    assert any("Saturated, drawn hollow" in n for n in notes)
    assert any(n.startswith("binning: every sample") for n in notes)
    with pytest.raises(ValueError, match="choose one of"):
        InformationView(cube, estimator="mine")


def test_messages_for_bad_input(cube: Any) -> None:
    view = view_of(cube, [])
    assert view.panel_message.startswith("No layer selected: click a trajectory")
    assert view.class_mi is None and view.channel_mi is None and view.layer_info == {}
    assert view.plane_xt is not None and view.message == ""  # the plane stays
    view.selection.layers = ["bogus"]
    assert "'bogus' is not in this store" in view.panel_message
    view.selection.layers = ["input"]  # one channel
    assert view.panel_message == "" and view.class_mi.shape == (10, 1)
    assert (view.class_rank == 1).all()
    assert any("single channel" in n for n in view.layer_info["notes"])
    view.selection.layers = ["fc1", "conv2"]
    assert view.layer_info["layer"] == "fc1"
    notes = " ".join(view.layer_info["notes"])
    assert "2 layers are selected" in notes
    assert "are constant over the probe" in notes  # dead ReLU units of fc1: 0 bits, no NaN
    assert np.isfinite(view.class_mi).all() and np.isfinite(view.channel_mi).all()
    view.selection.epoch = 7
    assert view.layer_info["epoch"] == 3
    assert view.layer_info["notes"][0].startswith("Epoch 7 is not recorded; showing epoch 3")
    view.selection.sample_group = "label == 3"
    assert any("is not applied here" in n for n in view.plane_info["notes"]["kde"])


def test_one_epoch_run(cube: Any) -> None:
    view = view_of(cube.sel(epoch=[3]), ["conv2"])
    assert view.plane_xt.shape == (7, 1, 3) and view.channel_mi.shape == (1, 16)
    assert view.plane_info["notes"]["kde"][0].startswith("Only epoch 3 is recorded")


def test_no_epoch_and_no_raw_layer() -> None:
    class Empty:  # a CubeLike without epochs, then with a histogram-only layer
        layers, epochs, classes = ["a"], [], ["0", "1"]
        all_layers = [type("L", (), {"name": "a", "stored": "raw"})]
        labels = xr.DataArray(np.arange(4) % 2, dims="x")

        def activations(self, name):
            raise AssertionError("not read")

    view = InformationView(Empty(), Selection(layers=["a"]))
    assert view.message.startswith("No complete epoch in this store yet")
    assert view.plane_xt is None and view.class_mi is None
    Empty.epochs = [0]
    Empty.all_layers = [type("L", (), {"name": "a", "stored": "histogram"})]
    view = InformationView(Empty(), Selection(layers=["a"]))
    assert "recorded as histograms" in view.message


def test_refresh_computes_only_the_new_epochs() -> None:
    rng = np.random.default_rng(0)
    y = np.arange(30) % 3
    values = rng.normal(size=(3, 30, 2, 4)) + y[None, :, None, None]

    class Growing:  # a run still training: epochs appear one by one
        layers, classes, epochs = ["a"], ["0", "1", "2"], [0, 1]
        all_layers = [type("L", (), {"name": "a", "stored": "raw"})]
        labels = xr.DataArray(y, dims="x")

        def refresh(self) -> list[int]:
            return []

        def activations(self, name: str) -> xr.DataArray:
            return xr.DataArray(
                values[: len(self.epochs)], dims=("epoch", "x", "channel", "unit"),
                coords={"epoch": self.epochs, "label": ("x", y)},
            )  # fmt: skip

    cube = Growing()
    view = InformationView(cube, Selection(layers=["a"], epoch=1), n_permutations=0)
    assert view.plane_xt.shape == (1, 2, 3) and view.channel_mi.shape == (2, 2)
    cube.epochs = [0, 1, 2]
    assert view.refresh() == [2] and view.epochs == [0, 1, 2]
    assert view.plane_xt.shape == (1, 3, 3) and view.channel_mi.shape == (3, 2)
    assert set(view.computed[-2:]) == {("plane", "a", (2,)), ("channels", "a", (2,))}
    with pytest.warns(UserWarning, match="binning"):  # 8 units: every sample its own state
        whole = information_plane_cube(cube, n_permutations=0, progress=False)
    np.testing.assert_allclose(view.plane().i_xt, whole.i_xt, rtol=1e-12)
