"""Recorder(write_behind=...): the store's writes run on a background thread, in the same
order as written in epoch_end itself, with the same values, and their errors reach the
caller as the same StoreWriteError at the next epoch_end or at close."""

from __future__ import annotations

import errno
import threading

import numpy as np
import pytest
import torch

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.store import StoreWriteError, StoreWriter
from helpers.shared import small_cnn, train_epoch

QUIET = {"progress": False, "verbose": False}
WRITES = ["begin_epoch", "write_activation", "write_histogram", "write_logits",
          "write_confusion", "write_loss", "write_weights", "end_epoch", "append_train_loss"]


@pytest.fixture
def data(mnist_arrays):
    a = mnist_arrays
    x = torch.tensor(a["x_train"][:200], dtype=torch.float32).unsqueeze(1) / 255
    return x, torch.tensor(a["y_train"][:200])


def _spy(monkeypatch) -> list[tuple[str, str, str]]:
    """Record (method, first argument, thread name) of every StoreWriter write."""
    calls: list[tuple[str, str, str]] = []
    for name in WRITES:
        orig = getattr(StoreWriter, name)

        def spy(self, *args, _orig=orig, _name=name):
            calls.append((_name, str(args[0]) if args else "",
                          threading.current_thread().name))
            return _orig(self, *args)

        monkeypatch.setattr(StoreWriter, name, spy)
    return calls


def _run(path, x, y, write_behind, epochs=3):
    model = small_cnn()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    with Recorder(model, (x[:100], y[:100]), path, epochs=epochs, batch_size=32,
                  summarize={"1": "histogram"}, write_behind=write_behind, **QUIET) as rec:
        for e in range(1, epochs + 1):
            rec.epoch_end(e, loss=train_epoch(model, x, y, opt))
    return model


def test_same_writes_in_the_same_order_and_same_values_as_without_it(tmp_path, data,
                                                                     monkeypatch):
    x, y = data
    calls = _spy(monkeypatch)
    _run(tmp_path / "sync.h5", x, y, 0)
    sync, calls[:] = list(calls), []
    _run(tmp_path / "behind.h5", x, y, "1MB")
    assert [c[:2] for c in calls] == [c[:2] for c in sync]  # data, then flag, then flush
    assert {c[2] for c in sync} == {"MainThread"}
    # epoch 0 is written in start(); the later epochs' writes run behind
    assert {c[2] for c in calls if c[0] == "write_activation"} >= {"cnnslicer-write-behind"}
    with open_cube(tmp_path / "sync.h5") as a, open_cube(tmp_path / "behind.h5") as b:
        assert a.epochs == b.epochs == [0, 1, 2, 3] and b.incomplete_epochs == []
        raw = [lay.name for lay in a.layer_info if lay.stored == "raw"]
        assert len(raw) == len(a.layer_info) - 1
        for name in raw:
            np.testing.assert_array_equal(a[name].values, b[name].values, err_msg=name)
        np.testing.assert_array_equal(a.histograms("1").values, b.histograms("1").values)
        np.testing.assert_array_equal(a.logits.values, b.logits.values)
        for e in a.epochs:
            wa, wb = a.weights(e), b.weights(e)
            for k in wa:
                np.testing.assert_array_equal(wa[k], wb[k], err_msg=f"{e} {k}")
        np.testing.assert_array_equal(a.train_loss.values, b.train_loss.values)


def test_weights_are_those_of_epoch_end_while_training_goes_on(tmp_path, data, monkeypatch):
    """The weights are copied when epoch_end returns: training after it, while the write
    waits, does not change what is stored."""
    x, y = data
    gate = threading.Event()
    orig = StoreWriter.write_weights

    def slow(self, state):
        gate.wait(30)
        return orig(self, state)

    monkeypatch.setattr(StoreWriter, "write_weights", slow)
    model = small_cnn()
    with Recorder(model, (x[:64], y[:64]), tmp_path / "w.h5", epochs=1, **QUIET) as rec:
        gate.set()
        rec.flush()
        gate.clear()
        rec.epoch_end(1, loss=0.0)
        want = {k: v.detach().clone().numpy() for k, v in model.state_dict().items()}
        with torch.no_grad():
            for p in model.parameters():
                p.add_(1.0)  # what the next training epoch does, while epoch 1 waits
        gate.set()
    with open_cube(tmp_path / "w.h5") as cube:
        got = cube.weights(1)
    for k, v in want.items():
        np.testing.assert_array_equal(got[k], v, err_msg=k)


def _fail_on_epoch(monkeypatch, epoch: int) -> None:
    orig, state = StoreWriter.write_activation, {}
    orig_begin = StoreWriter.begin_epoch

    def begin(self, e):
        state["epoch"] = e
        return orig_begin(self, e)

    def act(self, layer, start, values):
        if state.get("epoch") == epoch:
            with self._writing(f"writing epoch {epoch} to"):
                raise OSError(errno.EIO, "Input/output error (injected)")
        return orig(self, layer, start, values)

    monkeypatch.setattr(StoreWriter, "begin_epoch", begin)
    monkeypatch.setattr(StoreWriter, "write_activation", act)


def test_a_failed_write_behind_is_raised_by_the_next_epoch_end(tmp_path, data, monkeypatch):
    x, y = data
    _fail_on_epoch(monkeypatch, 2)
    path = tmp_path / "f.h5"
    model = small_cnn()
    rec = Recorder(model, (x[:64], y[:64]), path, epochs=4, **QUIET).start()
    assert rec.epoch_end(1, loss=0.1)
    with pytest.raises(StoreWriteError, match=r"writing epoch 2 to .*\[Errno 5\] "
                       r"Input/output error. Epochs 0, 1 are complete") as err:
        # epoch 2's writes fail behind: raised by epoch_end(2) if the thread failed while
        # it was still queueing them, else by the next epoch_end, which waits for them
        rec.epoch_end(2, loss=0.2)
        rec.epoch_end(3, loss=0.3)
    assert err.value.errno == errno.EIO and err.value.kept == [0, 1]
    assert rec.recorded_epochs == [0, 1]
    rec.close()  # raised once, by epoch_end: close does not raise it again
    with open_cube(path) as cube:
        assert cube.epochs == [0, 1] and cube.incomplete_epochs == [2]


def test_a_failed_write_of_the_last_epoch_is_raised_by_close(tmp_path, data, monkeypatch):
    x, y = data
    _fail_on_epoch(monkeypatch, 1)
    path = tmp_path / "g.h5"
    with pytest.raises(StoreWriteError, match=r"writing epoch 1 to .*Epoch 0 is complete"):
        with Recorder(small_cnn(), (x[:64], y[:64]), path, epochs=1, **QUIET) as rec:
            rec.epoch_end(1, loss=0.1)
    with open_cube(path) as cube:
        assert cube.epochs == [0] and cube.incomplete_epochs == [1]


def test_write_behind_is_a_size(tmp_path, data):
    x, y = data
    with pytest.raises(ValueError, match="cannot read 'lots' as a size"):
        Recorder(small_cnn(), (x[:8], y[:8]), tmp_path / "s.h5", epochs=1,
                 write_behind="lots", **QUIET)
