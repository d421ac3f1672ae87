"""PerformanceView state on real recorded MNIST runs of two training-set sizes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import traitlets
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets import open_cube
from cnnslicer_widgets.estimators import (
    entropy_label_given_pred,
    entropy_pred_given_label,
    inter_sample_entropy,
)
from cnnslicer_widgets.widgets import Selection, from_buffer, link_views
from cnnslicer_widgets.widgets import _performance_data as perf_data
from cnnslicer_widgets.widgets.performance import PerformanceView
from cnnslicer_widgets.widgets.query import QueryView
from helpers.mnist_runs import record_size_runs, record_small_lenet


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> list[Path]:
    """MNIST trained with SGD on 30 and 60 real images per class, 3 epochs each."""
    folder = tmp_path_factory.mktemp("perf_runs")
    return record_size_runs(folder, mnist_arrays, per_class=(30, 60), epochs=3)


@pytest.fixture(scope="module")
def one_epoch_run(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> Path:
    path = tmp_path_factory.mktemp("perf_one_epoch") / "epoch0.h5"
    return record_small_lenet(path, mnist_arrays, epochs=0, train_size=500, probe_per_class=3)


def round_trip(view: PerformanceView, name: str) -> np.ndarray:
    """The array as the browser gets it: through the trait's binary serializer and back."""
    return from_buffer(view.trait_metadata(name, "to_json")(getattr(view, name), view))


def test_runs_and_their_colour_order(runs: list[Path]) -> None:
    view = PerformanceView(runs)
    assert [r["name"] for r in view.runs] == ["MNIST 30/class", "MNIST 60/class"]
    assert [r["samples"] for r in view.runs] == [300, 600]
    assert view.runs[0]["epochs"] == "0–3" and view.runs[0]["classes"] == 10
    assert view.active_run == 0 and view.message == ""
    assert view.selection.epoch == 3  # a view on its own starts at the last epoch


def test_active_run_lines_match_the_estimators(runs: list[Path]) -> None:
    view = PerformanceView(runs, selection=Selection(epoch=1))
    with open_cube(runs[0]) as cube:
        expected_lp = entropy_label_given_pred(cube.confusion).values
        expected_pl = entropy_pred_given_label(cube.confusion).values
        assert np.array_equal(view.epochs, cube.epochs)
        assert view.classes == cube.classes
        assert np.array_equal(view.confusion, cube.confusion.sel(epoch=1).values)
    assert view.label_given_pred.shape == (4, 10) and view.label_given_pred.dtype == np.float32
    np.testing.assert_allclose(view.label_given_pred, expected_lp, rtol=1e-6)
    np.testing.assert_allclose(view.pred_given_label, expected_pl, rtol=1e-6)
    # SGD on 300 images leaves classes unpredicted at first: +inf, kept on the wire.
    assert np.isinf(view.label_given_pred).any()
    sent = round_trip(view, "label_given_pred")
    assert np.array_equal(np.isinf(sent), np.isinf(view.label_given_pred))
    assert np.array_equal(sent, view.label_given_pred)


def test_only_what_is_on_screen_crosses_as_binary(runs: list[Path]) -> None:
    view = PerformanceView(runs)
    state, _paths, buffers = _remove_buffers(view.get_state())
    sizes = {k: v["shape"] for k, v in state.items() if isinstance(v, dict) and "dtype" in v}
    assert state["epochs"] == [0, 1, 2, 3]  # a few ints: JSON
    assert sizes == {
        "label_given_pred": [4, 10],
        "pred_given_label": [4, 10],
        "confusion": [10, 10],  # one matrix, not one per epoch
        "loss_epochs": [2, 3],
        "loss_values": [2, 3],
        "inter_entropy": [2],
    }
    assert sum(b.nbytes for b in buffers) == 4 * (40 + 40 + 100 + 6 + 6) + 8 * 2
    conf = round_trip(view, "confusion")
    assert conf.dtype == np.int32 and np.array_equal(conf, view.confusion)


def test_moving_the_epoch_sends_that_confusion_matrix(runs: list[Path]) -> None:
    sel = Selection(epoch=0)
    view = PerformanceView(runs, selection=sel)
    with open_cube(runs[0]) as cube:
        for epoch in cube.epochs:
            sel.epoch = epoch
            assert view.confusion_epoch == epoch
            assert np.array_equal(view.confusion, cube.confusion.sel(epoch=epoch).values)
    sel.epoch = 7  # not recorded: the last recorded epoch before it, and a note
    assert view.confusion_epoch == 3
    assert any(n.startswith("Epoch 7 is not recorded in run 'MNIST 30/class'") for n in view.notes)


def test_choosing_a_run(runs: list[Path]) -> None:
    sel = Selection(epoch=2)
    view = PerformanceView(runs, selection=sel, names=["small", "large"])
    view.active_run = 1
    with open_cube(runs[1]) as cube:
        assert np.array_equal(view.confusion, cube.confusion.sel(epoch=2).values)
        expected = entropy_label_given_pred(cube.confusion).values
    np.testing.assert_allclose(view.label_given_pred, expected, rtol=1e-6)
    with pytest.raises(traitlets.TraitError, match=r"active_run must be a run index \(0: small"):
        view.active_run = 2


def test_inter_sample_entropy_bars_are_the_estimator_on_the_input(runs: list[Path]) -> None:
    view = PerformanceView(runs)
    with open_cube(runs[0]) as cube:
        direct = float(
            inter_sample_entropy(cube.activations("input").isel(epoch=0), progress=False)
        )
    assert view.inter_entropy.dtype == np.float64
    assert view.inter_entropy[0] == pytest.approx(direct, abs=1e-9)
    assert view.inter_entropy[1] > view.inter_entropy[0]  # more images: more diverse
    assert view.inter_layer == "input"


def test_inter_sample_entropy_is_cached(runs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    first = PerformanceView(runs).inter_entropy

    def boom(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("computed again")

    monkeypatch.setattr("cnnslicer_widgets.estimators.inter_sample_entropy", boom)
    assert np.array_equal(PerformanceView(runs).inter_entropy, first)


def test_given_or_skipped_inter_sample_entropies(runs: list[Path]) -> None:
    view = PerformanceView(runs, names=["a", "b"], inter_entropy={"b": 21.5})
    assert view.inter_entropy[1] == 21.5 and np.isfinite(view.inter_entropy[0])
    assert PerformanceView(runs, inter_entropy=[1.0, 2.0]).inter_entropy.tolist() == [1.0, 2.0]
    skipped = PerformanceView(runs, inter_layer=None)
    assert np.isnan(skipped.inter_entropy).all() and skipped.inter_layer == ""
    with pytest.raises(ValueError, match=r"names \['c'\] are not runs"):
        PerformanceView(runs, names=["a", "b"], inter_entropy={"c": 1.0})
    with pytest.raises(ValueError, match="got 1 inter_entropy values for 2 runs"):
        PerformanceView(runs, inter_entropy=[1.0])


def test_a_histogram_only_or_missing_layer_gives_a_note(runs: list[Path]) -> None:
    view = PerformanceView(runs[0], inter_layer="conv9")
    assert np.isnan(view.inter_entropy[0])
    assert any("Inter-sample entropy of run 'MNIST 30/class' is not available" in n
               for n in view.notes)  # fmt: skip


def test_training_loss_of_every_run(runs: list[Path]) -> None:
    view = PerformanceView(runs)
    for i, path in enumerate(runs):
        with open_cube(path) as cube:
            np.testing.assert_allclose(view.loss_values[i], cube.train_loss.values, rtol=1e-6)
            assert view.loss_epochs[i].tolist() == cube.train_loss["train_epoch"].values.tolist()


def test_names_are_checked(runs: list[Path]) -> None:
    assert [r["name"] for r in PerformanceView({"x": runs[0]}).runs] == ["x"]
    with pytest.raises(ValueError, match="got 1 names for 2 runs"):
        PerformanceView(runs, names=["one"])
    with pytest.raises(ValueError, match="run names must be distinct"):
        PerformanceView(runs, names=["same", "same"])
    with pytest.raises(TypeError, match="not both"):
        PerformanceView({"x": runs[0]}, names=["y"])
    with pytest.raises(TypeError, match="got float"):
        PerformanceView([1.5])  # type: ignore[list-item]


def test_no_runs_is_a_message_not_a_traceback() -> None:
    view = PerformanceView([])
    assert view.message.startswith("No runs to show")


def test_single_epoch_run_notes(one_epoch_run: Path) -> None:
    view = PerformanceView(one_epoch_run, names=["untrained"])
    assert view.epochs == [0] and view.message == ""
    assert view.notes[0].startswith("Run 'untrained' has a single recorded epoch (0)")
    assert any(n.startswith("Never predicted") for n in view.notes)  # untrained: one class
    assert any("no training loss recorded" in n for n in view.notes)
    assert view.loss_values.shape == (1, 1) and np.isnan(view.loss_values).all()


def test_never_predicted_classes_are_named_with_their_epochs(runs: list[Path]) -> None:
    view = PerformanceView(runs[0])
    note = next(n for n in view.notes if n.startswith("Never predicted"))
    with open_cube(runs[0]) as cube:
        never = cube.confusion.sum("true").values == 0  # (epoch, pred)
    k = int(np.flatnonzero(never.any(axis=0))[0])
    assert f"class {k} (epoch" in note
    assert np.isinf(view.label_given_pred[never]).all()
    assert np.isfinite(view.label_given_pred[~never]).all()


def test_linking_moves_the_epoch_observer(runs: list[Path]) -> None:
    first, second = Selection(epoch=0), Selection(epoch=2)
    view = PerformanceView(runs, selection=first)
    link_views(view, selection=second)
    assert view.confusion_epoch == 2
    first.epoch = 1
    assert view.confusion_epoch == 2
    second.epoch = 3
    assert view.confusion_epoch == 3


def test_refresh_without_new_epochs(runs: list[Path]) -> None:
    view = PerformanceView(runs)
    assert view.refresh() == [[], []]


def test_run_notes_single_class() -> None:
    run = perf_data.RunData(
        name="one", cube=type("C", (), {"classes": ["only"]})(),
        epochs=np.array([0, 1]), confusion=np.ones((2, 1, 1), dtype=np.int64),
        label_given_pred=np.zeros((2, 1)), pred_given_label=np.zeros((2, 1)),
        loss_epochs=np.array([1.0]), loss=np.array([0.5]),
    )  # fmt: skip
    assert perf_data.run_notes(run, 1) == [
        "Run 'one' has a single class: both label entropies are 0 bits."
    ]


def test_a_query_in_a_linked_query_view_moves_the_matrix(runs: list[Path]) -> None:
    perf = PerformanceView(runs, progress=False)
    query = QueryView(runs[0])
    link_views(perf, query)
    query.pending_layers, query.pending_epoch = ["input"], 1
    query.query()
    assert perf.confusion_epoch == 1
    with open_cube(runs[0]) as cube:
        assert np.array_equal(perf.confusion, cube.confusion.sel(epoch=1).values)
