"""The case studies' runs: trained once, then found complete; the CLI that makes them."""

from __future__ import annotations

import json

import numpy as np

from cnnslicer_widgets.case_studies import cifar_run, mnist_size_run, run_info
from cnnslicer_widgets.cli import main
from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.datasets import load_cifar10, load_mnist


def test_mnist_run_records_every_epoch_and_is_reused(tmp_path):
    train, test = load_mnist(source="embedded"), load_mnist(source="embedded", train=False)
    path = mnist_size_run(train, test, 5, seed=1, epochs=2, probe_per_class=2, out=tmp_path)
    with open_cube(path) as cube:
        assert cube.epochs == [0, 1, 2] and cube.layers == ["input", "fc2"]
        assert cube.train_loss.size == 2
        assert int(cube.confusion.sel(epoch=2).sum()) == len(test)   # the whole test split
        assert np.bincount(cube.labels.values).tolist() == [2] * 10
    info = run_info(path)
    assert info["parameters"]["per_class"] == 5 and info["parameters"]["seed"] == 1
    stamp = path.stat().st_mtime_ns
    assert mnist_size_run(train, test, 5, seed=1, epochs=2, probe_per_class=2, out=tmp_path) == path
    assert path.stat().st_mtime_ns == stamp                            # complete: not retrained
    mnist_size_run(train, test, 5, seed=1, epochs=1, probe_per_class=2, out=tmp_path)
    with open_cube(path) as cube:                                      # other parameters: new run
        assert cube.epochs == [0, 1]


def test_a_store_without_its_record_is_trained_again(tmp_path):
    train, test = load_mnist(source="embedded"), load_mnist(source="embedded", train=False)
    path = mnist_size_run(train, test, 3, epochs=1, probe_per_class=1, out=tmp_path)
    side = path.with_name(path.name + ".json")
    record = json.loads(side.read_text())
    side.unlink()                                  # e.g. a run killed before it finished
    mnist_size_run(train, test, 3, epochs=1, probe_per_class=1, out=tmp_path)
    assert json.loads(side.read_text())["parameters"] == record["parameters"]


def test_cifar_run_records_every_layer_on_its_schedule(tmp_path):
    train = load_cifar10(source="npz")
    train = train.subset(np.arange(60))
    test = load_cifar10(source="npz", train=False)
    path = cifar_run(train, test, epochs=2, every=2, probe_per_class=2, out=tmp_path)
    with open_cube(path) as cube:
        assert cube.epochs == [0, 2] and cube.layers[1:] == [f"layer{i}" for i in range(1, 12)]
        assert set(cube.weights(2)) and cube.labels.size == 20
    assert run_info(path)["parameters"]["train_size"] == 60


def test_cli_case_study_trains_then_finds_the_runs(tmp_path, capsys):
    args = ["case-study", "mnist", "--out", str(tmp_path), "--epochs", "1", "--per-class", "4",
            "6", "--seeds", "0", "1", "--threads", "1"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert first.count("mnist seed") == 4 and "mnist_6_per_class_seed1.h5" in first
    assert sorted(p.name for p in tmp_path.glob("*.h5")) == [
        "mnist_4_per_class_seed0.h5", "mnist_4_per_class_seed1.h5",
        "mnist_6_per_class_seed0.h5", "mnist_6_per_class_seed1.h5"]
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.h5")}
    assert main(args) == 0
    assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.h5")} == stamps


def test_a_run_stopped_with_ctrl_c_is_kept_as_it_is(tmp_path, monkeypatch):
    import pytest

    from cnnslicer_widgets import models

    train, test = load_mnist(source="embedded"), load_mnist(source="embedded", train=False)
    real, calls = models.train_epoch, []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(models, "train_epoch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        mnist_size_run(train, test, 3, epochs=5, probe_per_class=1, out=tmp_path)
    path = tmp_path / "mnist_3_per_class_seed0.h5"
    assert run_info(path)["stopped_at"] == 2
    with open_cube(path) as cube:
        assert cube.epochs == [0, 1, 2] and cube.finished
    stamp = path.stat().st_mtime_ns
    monkeypatch.setattr(models, "train_epoch", real)
    assert mnist_size_run(train, test, 3, epochs=5, probe_per_class=1, out=tmp_path) == path
    assert path.stat().st_mtime_ns == stamp          # complete as it is: not trained again
