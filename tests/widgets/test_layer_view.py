"""LayerView state on a real recorded run: arrays sent, sort orders, cache, messages, panel."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import channel_capacity, sort_capacity
from cnnslicer_widgets.widgets import Selection, link_views
from cnnslicer_widgets.widgets import layer_view as layer_view_module
from cnnslicer_widgets.widgets._capacity_cache import CapacityWork
from cnnslicer_widgets.widgets._display import signed_to_uint8
from cnnslicer_widgets.widgets.layer_view import LayerView
from helpers.lenet_run import lenet_run


@pytest.fixture(scope="module")
def cube(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return open_cube(lenet_run(tmp_path_factory))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    """Every capacity matrix the view starts counting: (source, target, epoch)."""
    seen: list[tuple[str, str, int]] = []
    advance = CapacityWork.advance

    def counting(work: CapacityWork, key: Any, load: Any, seconds: float) -> Any:
        if key not in work.seconds:
            seen.append((key[0], key[1], int(key[2])))
        return advance(work, key, load, seconds)

    monkeypatch.setattr(CapacityWork, "advance", counting)
    return seen


def view_of(cube: Any, layers: list[str], **kwargs: Any) -> LayerView:
    return LayerView(cube, Selection(layers=layers, epoch=3), **kwargs)


def test_capacity_crosses_as_float32_binary(cube: Any) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    state, paths, buffers = _remove_buffers(view.get_state())
    assert state["capacity"]["dtype"] == "float32" and state["capacity"]["shape"] == [16, 6]
    assert state["column_order"]["dtype"] == "int32" and state["row_order"]["shape"] == [16]
    assert ["capacity", "buffer"] in paths
    assert max(b.nbytes for b in buffers) == 16 * 6 * 4
    want = channel_capacity(
        cube.activations("conv1").sel(epoch=3), cube.activations("conv2").sel(epoch=3),
        progress=False,
    )  # fmt: skip
    np.testing.assert_allclose(view.capacity, want.values, rtol=1e-6)
    assert view.info["source"] == "conv1" and view.info["target"] == "conv2"
    assert view.info["epoch"] == 3 and view.info["n_samples"] == 100
    assert view.info["vmax"] == pytest.approx(float(want.max()))
    assert view.message == "" and view.status == ""


@pytest.mark.parametrize("by", ["max", "mean"])
def test_rows_and_columns_sort_as_sort_capacity(cube: Any, by: str) -> None:
    view = view_of(cube, ["conv1", "conv2"], sort_by=by)
    ordered = sort_capacity(view.capacity_matrix(), by=by)
    assert view.column_order.tolist() == ordered.source_channel.values.tolist()
    assert view.row_order.tolist() == ordered.target_channel.values.tolist()
    stat = getattr(np, by)(view.capacity, axis=0)[view.column_order]
    assert (np.diff(stat) <= 0).all()  # largest first


def test_sort_change_resends_only_the_orders(cube: Any, calls: list) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    changed: list[str] = []
    view.observe(
        lambda c: changed.append(c["name"]), names=["capacity", "column_order", "row_order"]
    )
    view.sort_by = "none"
    assert view.column_order.tolist() == list(range(6))
    assert view.row_order.tolist() == list(range(16))
    assert "capacity" not in changed and "column_order" in changed
    assert len(calls) == 1


def test_revisiting_an_epoch_or_the_swapped_pair_hits_the_cache(cube: Any, calls: list) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    at3 = view.capacity.copy()
    view.selection.epoch = 2
    assert calls == [("conv1", "conv2", 3), ("conv1", "conv2", 2)]
    assert view.info["cached"] == [2, 3]
    view.selection.epoch = 3
    np.testing.assert_array_equal(view.capacity, at3)
    view.selection.layers = ["conv2", "conv1"]
    np.testing.assert_array_equal(view.capacity, at3.T)
    assert len(calls) == 2 and view.cache_hits == 2
    view.selection.sample_group = "label == 3"  # other samples X: computed anew
    assert view.info["n_samples"] == 10 and len(calls) == 3


def test_in_a_kernel_a_new_matrix_comes_in_exact_parts(cube: Any, monkeypatch: Any) -> None:
    """With steps deferred (a kernel), the first matrix holds the source channels counted
    in one step, exact, NaN for the rest, and says "refining"; the steps finish it."""
    view = view_of(cube, ["conv1", "conv2"])
    monkeypatch.setattr(view._steps, "_loop", asyncio.new_event_loop())  # deferred: a kernel
    monkeypatch.setattr(layer_view_module, "FIRST_SECONDS", 0.0)  # 4 channels first,
    monkeypatch.setattr(layer_view_module, "STEP_SECONDS", 0.0)  # then 1 a step
    view.selection.layers = ["pool1", "conv2"]  # pool1: 6 channels
    whole = channel_capacity(*(cube.activations(n).sel(epoch=3) for n in ("pool1", "conv2")),
                             progress=False)  # fmt: skip
    assert view.info["refining"] == {"done": 4, "total": 6}
    assert any(n.startswith("Refining: 4 of 6 source channels") for n in view.info["notes"])
    np.testing.assert_array_equal(view.capacity[:, :4], whole.values[:, :4].astype(np.float32))
    assert np.isnan(view.capacity[:, 4:]).all() and view.info["cached"] == []
    view._steps.run_all()
    assert view.info["refining"] == {} and view.info["cached"] == [3]
    assert not any(n.startswith("Refining") for n in view.info["notes"])
    np.testing.assert_array_equal(view.capacity, whole.values.astype(np.float32))
    assert view.stack_info["epochs"] == view.cube.epochs  # the other epochs, step by step


def test_a_pending_pair_is_counted_before_it_is_shown(cube: Any, monkeypatch: Any) -> None:
    """prepare() (the app calls it with the query view's pending pair) counts the matrix
    while the kernel is idle: the Query then shows it whole at once."""
    view = view_of(cube, ["conv1", "conv2"])
    monkeypatch.setattr(view._steps, "_loop", asyncio.new_event_loop())  # deferred: a kernel
    view.prepare(["pool1", "conv2"], 3)
    assert view._steps.pending == 1 and view.info["source"] == "conv1"
    view._steps.run_all()
    assert view._cache.look(("pool1", "conv2", 3, "all")) is not None
    view.selection.layers = ["pool1", "conv2"]
    assert view.info["refining"] == {} and view.capacity.shape == (16, 6)
    view.prepare(["pool1"], 3)  # one layer, or the pair shown: nothing to count
    view.prepare(["pool1", "conv2"], 3)
    assert view._steps.pending == 0 or all(k[0] != "prepare" for k in view._steps._queue)


def test_computing_state_is_shown_while_the_kernel_works(cube: Any) -> None:
    view = view_of(cube, ["conv1", "pool1"])
    statuses: list[str] = []
    view.observe(lambda c: statuses.append(c["new"]), names="status")
    view.selection.epoch = 1
    assert statuses[0].startswith("Computing channel capacity conv1 (6 channels) x pool1")
    assert statuses[-1] == ""


def test_messages_for_what_cannot_be_shown(cube: Any) -> None:
    view = view_of(cube, [])
    assert view.message.startswith("No layers selected") and view.capacity is None
    view.selection.layers = ["conv1"]
    assert view.message.startswith("One layer selected (conv1)")
    view.selection.layers = ["conv1", "conv9"]
    assert "'conv9' is not in this store (layers: input, conv1" in view.message
    view.selection.layers = ["input", "conv1", "conv2"]
    assert view.message == "" and view.capacity.shape == (6, 1)
    assert "input has a single channel, so the matrix has a single column." in view.info["notes"]
    assert "3 layers are selected: showing the first two." in view.info["notes"]
    view.selection.update(layers=["conv1", "conv2"], epoch=7)
    assert view.info["epoch"] == 3 and view.info["requested_epoch"] == 7
    assert view.info["notes"] == [
        "Epoch 7 is not recorded; showing epoch 3 (recorded: 0, 1, 2, 3)."
    ]
    view.selection.sample_group = "label == 3 and pred == 5"
    assert "holds 0 probe sample(s)" in view.message or "holds 1 probe sample(s)" in view.message


def test_clicked_cell_sends_feature_maps_and_probe_images(cube: Any) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    s, t = int(view.column_order[0]), int(view.row_order[0])
    view.picked = [s, t]
    assert view.source_maps.shape == (4, 28, 28, 1) and view.source_maps.dtype == np.uint8
    assert view.target_maps.shape == (4, 10, 10, 1)
    assert view.probe_images.shape == (4, 28, 28, 1)
    assert view.probe_labels.tolist() == [0, 1, 2, 3]  # one per class in turn
    info = view.picked_info
    assert (info["source_channel"], info["target_channel"], info["epoch"]) == (s, t, 3)
    assert info["value"] == pytest.approx(float(view.capacity[t, s]))
    assert view.source_maps.max() == 255 and info["source_range"][0] <= info["source_range"][1]
    assert info["deconv"] is False and "Pass model= to LayerView" in info["note"]
    assert view.source_deconv is None
    state, _, _ = _remove_buffers(view.get_state())
    assert state["source_maps"]["dtype"] == "uint8" and state["source_maps"]["shape"] == [
        4,
        28,
        28,
        1,
    ]
    view.selection.layers = ["pool1", "conv2"]
    assert view.picked == [] and view.picked_info == {} and view.source_maps is None


def test_clicked_cell_with_a_model_adds_deconvnet(cube: Any) -> None:
    from cnnslicer_widgets.deconv import deconvnet
    from cnnslicer_widgets.models import mnist_lenet

    model = mnist_lenet()
    view = view_of(cube, ["conv1", "conv2"], model=model, n_images=2)
    view.picked = [1, 4]
    assert view.picked_info["deconv"] is True and view.picked_info["note"] == ""
    labels = cube.labels.values
    first = [int(np.flatnonzero(labels == k)[0]) for k in (0, 1)]  # one per class in turn
    images = cube.activations("input").sel(epoch=3).isel(x=first).values
    want = deconvnet(model, images, "conv2", 4, weights=cube.weights(3)).values
    np.testing.assert_array_equal(view.target_deconv, signed_to_uint8(want))
    assert view.source_deconv.shape == (2, 28, 28, 1)
    view.selection.epoch = 1  # maps and projections follow the epoch
    assert view.picked_info["epoch"] == 1


def test_follows_a_selection_swapped_in_by_link_views(cube: Any) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    old = view.selection
    other = LayerView(cube, Selection(layers=["pool1", "conv2"], epoch=1))
    link_views(other, view)
    assert view.info["source"] == "pool1" and view.info["epoch"] == 1
    old.layers = ["conv1"]  # the old selection no longer drives the view
    assert view.message == ""
    other.selection.layers = ["conv2", "pool2"]
    assert view.info["source"] == "conv2" and other.info["source"] == "conv2"


class GrowingCube:
    """The real cube, showing only its first epochs until refresh() (a run still training)."""

    def __init__(self, cube: Any, visible: int) -> None:
        self._cube, self._visible = cube, visible

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cube, name)

    @property
    def epochs(self) -> list[int]:
        return self._cube.epochs[: self._visible]

    def refresh(self) -> list[int]:
        new = self._cube.epochs[self._visible :]
        self._visible = len(self._cube.epochs)
        return new


def test_refresh_picks_up_new_epochs(cube: Any) -> None:
    growing = GrowingCube(cube, 2)
    view = LayerView(growing, Selection(layers=["conv1", "conv2"], epoch=3))
    assert view.epochs == [0, 1] and view.info["epoch"] == 1
    assert view.refresh() == [2, 3]
    assert view.epochs == [0, 1, 2, 3] and view.info["epoch"] == 3 and view.info["notes"] == []


def test_options_are_keyword_only_and_checked(cube: Any) -> None:
    with pytest.raises(TypeError):
        LayerView(cube, Selection(), None)  # type: ignore[misc]
    with pytest.raises(TypeError):
        LayerView(cube, colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="n_images must be an integer from 1 to 32"):
        LayerView(cube, n_images=0)


def test_a_fixed_colour_scale(cube: Any, tmp_path: Path) -> None:
    view = view_of(cube, ["conv1", "conv2"], vmax=5.0)
    assert view.info["vmax"] == 5.0 and view.info["max"] < 5.0


def test_other_epochs_and_pairs_side_by_side(cube: Any) -> None:
    view = view_of(cube, ["conv1", "conv2"])
    assert [c["name"] for c in view.layer_choices][:3] == ["input", "conv1", "pool1"]
    assert view.stack.shape == (1, 16, 6) and view.stack_info["epochs"] == [3]
    view.precompute()  # what the kernel sends ahead while idle: every epoch
    assert view.stack.shape == (4, 16, 6) and view.stack_info["epochs"] == [0, 1, 2, 3]
    np.testing.assert_allclose(view.stack[0], view.capacity_matrix(0).values, rtol=1e-6)
    view.compare = [{"source": "conv1", "target": "conv2", "epoch": 0},  # paper Fig. 10-11
                    {"source": "conv1", "target": "fc1", "epoch": 3},  # Fig. 12
                    {"source": "conv1", "target": "nope", "epoch": 3}]  # fmt: skip
    first, second, bad = view.compare_info
    assert first["state"] == second["state"] == "ready"
    assert (second["rows"], second["cols"]) == (120, 6) and second["offset"] == 16 * 6
    assert view.compare_data.shape == (16 * 6 + 120 * 6,)
    np.testing.assert_allclose(view.compare_data[: 16 * 6].reshape(16, 6),
                               view.capacity_matrix(0).values, rtol=1e-6)  # fmt: skip
    assert bad["state"].startswith("Choose two recorded layers")
    assert first["max"] == pytest.approx(float(np.nanmax(view.capacity_matrix(0).values)))


def test_no_message_asks_for_code(cube: Any) -> None:
    for layers in ([], ["conv1"]):
        view = view_of(cube, layers)
        assert view.message and "selection." not in view.message and "=" not in view.message
        assert view.layer_choices  # the view's menus pick the pair
