"""QueryView state on a real recorded LeNet run: layers, pending query, notes, codec."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import traitlets
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets import open_cube
from cnnslicer_widgets.cube import nearest_epoch
from cnnslicer_widgets.widgets import Selection, link_views, static_file
from cnnslicer_widgets.widgets.query import QueryView, _blocking_message, query_notes
from helpers.lenet_run import lenet_run as shared_lenet_run
from helpers.mnist_runs import record_small_lenet

LAYERS = ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_lenet_run(tmp_path_factory)


@pytest.fixture(scope="module")
def one_epoch_run(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> Path:
    path = tmp_path_factory.mktemp("query_one_epoch") / "epoch0.h5"
    return record_small_lenet(path, mnist_arrays, epochs=0, train_size=500, probe_per_class=3)


@pytest.fixture
def cube(run: Path):
    with open_cube(run) as c:
        yield c


def test_layer_table_describes_every_layer_in_forward_order(cube) -> None:
    view = QueryView(cube)
    assert [row["name"] for row in view.layer_table] == LAYERS == cube.layers
    for row, info in zip(view.layer_table, cube.layer_info, strict=True):
        assert (row["channels"], row["height"], row["width"]) == info.shape
        assert row["type"] == info.type and row["index"] == info.index
    conv1 = view.layer_table[1]
    assert conv1 == {"name": "conv1", "index": 1, "type": "Conv2d+ReLU", "module": "conv1",
                     "channels": 6, "height": 28, "width": 28, "map_dims": ["h", "w"],
                     "layout": "NCHW", "stored": "raw"}  # fmt: skip
    assert view.layer_table[0]["channels"] == 1  # the input: a single channel
    assert view._esm == static_file("query.js").read_text(encoding="utf-8")


def test_epochs_and_layers_are_small_json(cube) -> None:
    view = QueryView(cube)
    assert view.epochs == cube.epochs and all(type(e) is int for e in view.epochs)
    state, _paths, buffers = _remove_buffers(view.get_state())
    assert isinstance(state["layer_table"], list)  # small metadata: JSON
    assert state["epochs"] == cube.epochs and not buffers


def test_pending_query_starts_from_and_follows_the_selection(cube) -> None:
    sel = Selection(layers=["conv2", "not-in-this-run"], channels=[3], epoch=cube.epochs[-1])
    view = QueryView(cube, selection=sel)
    assert view.pending == {"layers": ["conv2"], "channels": [3], "epoch": cube.epochs[-1]}
    sel.update(layers=["fc1", "conv1"], channels=[], epoch=1)
    assert view.pending == {"layers": ["conv1", "fc1"], "channels": [], "epoch": 1}  # forward order
    sel.epoch = 99  # not recorded: the last recorded epoch before it
    assert view.pending_epoch == cube.epochs[-1]
    assert any("Epoch 99 is not recorded" in n for n in view.notes)


def test_query_applies_the_pending_query(cube) -> None:
    sel = Selection()
    view = QueryView(cube, selection=sel)
    view.pending_layers = ["pool1", "conv1", "conv1"]
    view.pending_channels = [5, 2, 2, 3]
    view.pending_epoch = 2
    assert view.pending == {"layers": ["conv1", "pool1"], "channels": [2, 3, 5], "epoch": 2}
    assert sel.layers == []  # nothing applied before query()
    view.query()
    assert (sel.layers, sel.channels, sel.epoch) == (["conv1", "pool1"], [2, 3, 5], 2)


def test_query_refuses_an_empty_query(cube) -> None:
    view = QueryView(cube)
    with pytest.raises(ValueError, match="no layer is pending"):
        view.query()


def test_pending_values_are_validated(cube) -> None:
    view = QueryView(cube)
    with pytest.raises(traitlets.TraitError, match=r"not in this run \(layers: input, conv1"):
        view.pending_layers = ["conv9"]
    with pytest.raises(traitlets.TraitError, match="channels must be >= 0"):
        view.pending_channels = [-1]
    with pytest.raises(traitlets.TraitError, match=r"epoch 42 is not recorded .*epochs 0–\d"):
        view.pending_epoch = 42


def test_notes_empty_selection_single_channel_and_missing_channels(cube) -> None:
    view = QueryView(cube)
    assert any(n.startswith("No layer chosen") for n in view.notes)
    view.pending_layers = ["input"]
    assert view.notes == ["Layer input has a single channel: only channel 0 can be chosen there."]
    view.pending_layers = ["conv1", "conv2"]
    view.pending_channels = [4, 5, 6, 7, 8, 9, 10]
    assert view.notes == [
        "Channels 6–10 are beyond the 6 channels of conv1: those cells do not exist."
    ]
    assert view.message == ""


def test_a_single_epoch_store_draws_with_a_note(one_epoch_run: Path) -> None:
    view = QueryView(one_epoch_run)  # a path works too
    assert view.epochs == [0] and view.message == ""
    assert view.notes[0] == (
        "This run has a single recorded epoch (0): the epoch axis has one position."
    )
    view.pending_layers = ["fc2"]
    view.query()
    assert view.selection.epoch == 0


def test_a_store_without_complete_epochs_gets_a_message() -> None:
    cube = SimpleNamespace(path="/runs/live.h5", incomplete_epochs=[0])
    text = _blocking_message(cube, [])
    assert text.startswith("The store /runs/live.h5 holds no complete epoch yet")
    assert "epoch 0 was started, not finished" in text and "cube.refresh()" in text
    assert _blocking_message(cube, [0]) == ""


def test_linking_to_another_selection_moves_the_observer(cube) -> None:
    first, second = Selection(), Selection(layers=["pool2"])
    view = QueryView(cube, selection=first)
    link_views(view, selection=second)
    assert view.pending_layers == ["pool2"]
    first.layers = ["conv1"]
    assert view.pending_layers == ["pool2"]
    second.layers = ["fc2"]
    assert view.pending_layers == ["fc2"]


def test_refresh_without_new_epochs(cube) -> None:
    view = QueryView(cube)
    assert view.refresh() == []
    assert view.epochs == cube.epochs


def test_wrong_input_types_say_what_is_accepted() -> None:
    with pytest.raises(TypeError, match="expected a Hypercube .* or a store path, got int"):
        QueryView(3)  # type: ignore[arg-type]


def test_helpers() -> None:
    assert nearest_epoch([0, 2, 4], 3) == 2 and nearest_epoch([2, 4], 1) == 2
    table = [{"name": "a", "channels": 1}, {"name": "b", "channels": 1}]
    assert query_notes(table, [0, 1], ["a", "b"], []) == [
        "Layers a, b have a single channel: only channel 0 can be chosen there."
    ]
    assert query_notes(table, [0, 1], ["a"], [], incomplete=[2])[0].startswith(
        "Epoch 2 was not completed"
    )


# -- the architecture overview at real-model scale ------------------------------------------


@pytest.fixture(scope="module")
def resnet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers.resnet_run import resnet_run

    return resnet_run(tmp_path_factory)


def test_lenet_tree_is_flat_and_its_edges_a_chain(cube) -> None:
    view = QueryView(cube)
    assert [(n["kind"], n["label"], n["depth"]) for n in view.layer_tree] == [
        ("layer", name, 0) for name in LAYERS
    ]
    assert view.edge_source == "store"  # the recorder traced the model with torch.fx
    assert view.edges == [[i, i + 1] for i in range(len(LAYERS) - 1)]


def test_resnet18_tree_has_stages_blocks_and_layers(resnet: Path) -> None:
    view = QueryView(resnet)
    tree = {n["path"]: n for n in view.layer_tree}
    names = [row["name"] for row in view.layer_table]
    assert len(names) == 61
    stage, block = tree["layer1"], tree["layer1.0"]
    assert (stage["kind"], stage["depth"], block["parent"], block["depth"]) == ("group", 0, stage["id"], 1)
    inside = [n["label"] for n in view.layer_tree if n["parent"] == block["id"]]
    assert inside == ["conv1", "bn1", "relu", "conv2", "bn2", "relu#1"]
    assert names[block["first"]] == "layer1.0.conv1" and names[block["last"]] == "layer1.0.relu#1"
    assert [n["label"] for n in view.layer_tree if n["parent"] == tree["layer2.0.downsample"]["id"]] == ["0", "1"]
    for node in view.layer_tree:  # every group holds consecutive layers inside its parent's
        if node["parent"] >= 0:
            parent = view.layer_tree[node["parent"]]
            assert parent["first"] <= node["first"] <= node["last"] <= parent["last"]


def test_resnet18_skip_connections_come_from_the_store(resnet: Path) -> None:
    view = QueryView(resnet)
    names = [row["name"] for row in view.layer_table]
    skips = {(names[a], names[b]) for a, b in view.edges if b != a + 1}
    assert view.edge_source == "store"
    assert ("maxpool", "layer1.0.relu#1") in skips  # the identity of the first block
    assert ("layer1.1.relu#1", "layer2.0.downsample.0") in skips  # the downsampling branch
    assert ("layer2.0.bn2", "layer2.0.relu#1") in skips  # past the downsampling branch
    assert len(skips) == 11


def test_without_a_stored_graph_the_model_or_the_call_order_gives_the_edges(cube, monkeypatch) -> None:
    from cnnslicer_widgets.models import mnist_lenet

    stored = dict(cube.attrs, extra="{}")
    monkeypatch.setattr(type(cube), "attrs", property(lambda self: stored))
    view = QueryView(cube)
    assert view.edge_source == "call order" and len(view.edges) == len(LAYERS) - 1
    traced = QueryView(cube, model=mnist_lenet())
    assert traced.edge_source == "model" and traced.edges == view.edges


def test_the_recorder_keeps_no_edges_for_a_model_fx_cannot_trace(tmp_path: Path) -> None:
    import json

    import torch
    from torch import nn

    from cnnslicer_widgets.record import Recorder

    class Branchy(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(4, 3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc(x) if x.sum() > 0 else -self.fc(x)  # data-dependent: fx fails

    x, y = torch.rand(6, 4), torch.arange(6) % 3
    with Recorder(Branchy(), (x, y), tmp_path / "b.h5", epochs=0, progress=False,
                  verbose=False):
        pass
    with open_cube(tmp_path / "b.h5") as c:
        graph = json.loads(c.attrs["extra"])["graph"]
        assert graph["source"] == "none" and "TraceError" in graph["reason"]
        view = QueryView(c)
    assert view.edge_source == "call order" and view.edges == [[0, 1]]
