"""The Recorder under torch.distributed: 2 CPU processes (gloo) train a DDP model.

``helpers/ddp_job.py`` records two stores in one 2-process job: ``a.h5`` written by rank 0
with the probe pass on rank 0, ``b.h5`` written by rank 1 with the probe pass sharded over
both ranks. Each must equal, array for array, a one-process recording of the same weights
at each epoch; no rank opens the other's store; a reader and the app opened on ``a.h5``
while the job writes it see each new epoch.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pytest
import torch
from torch import nn

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.models import mnist_lenet
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.record.distributed import placement, unwrap, unwrapped_names

HELPERS = Path(__file__).parent / "helpers"
sys.path.insert(0, str(HELPERS))
import ddp_job  # noqa: E402

EPOCHS = 2
WAIT = 400
QUIET = {"progress": False, "verbose": False}


def _reference(out: Path, name: str) -> Path:
    """The same run recorded by one process from the job's saved weights."""
    probe, _ = ddp_job.data()
    model = mnist_lenet(seed=0)
    model.load_state_dict(torch.load(out / "state_0.pt"))
    losses = json.loads((out / "losses.json").read_text())
    path = out / f"ref_{name}.h5"
    with Recorder(model, probe, path, epochs=EPOCHS, **ddp_job.options(name), **QUIET) as rec:
        for epoch in range(1, EPOCHS + 1):
            model.load_state_dict(torch.load(out / f"state_{epoch}.pt"))
            rec.epoch_end(epoch, loss=losses[str(epoch)])
    return path


def _assert_same_store(got: Path, want: Path) -> int:
    """Every dataset and root attribute equal; returns the number of arrays compared."""
    names: list[str] = []
    with h5py.File(want, "r") as w, h5py.File(got, "r") as g:
        w.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
        seen: list[str] = []
        g.visititems(lambda n, o: seen.append(n) if isinstance(o, h5py.Dataset) else None)
        assert sorted(seen) == sorted(names)
        for n in names:
            np.testing.assert_array_equal(g[n][()], w[n][()], err_msg=f"{got.name}: {n}")
        assert dict(g.attrs) == dict(w.attrs)
    return len(names)


@pytest.fixture(scope="module")
def ddp_run(tmp_path_factory):
    """Run the job; a cube and the app open a.h5 after epoch 0 and follow it."""
    from cnnslicer_widgets.widgets import CNNSlicer

    out = tmp_path_factory.mktemp("ddp")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    proc = subprocess.Popen([sys.executable, str(HELPERS / "ddp_job.py"), str(out),
                             str(EPOCHS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    follow: dict = {"seen": []}
    try:
        deadline = time.monotonic() + WAIT
        cube = None
        while cube is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                cube = open_cube(out / "a.h5")
                if not cube.epochs:
                    cube = None
            except (FileNotFoundError, OSError, KeyError, ValueError):
                time.sleep(0.05)
        assert cube is not None, proc.communicate()[1][-3000:]
        follow["first"] = list(cube.epochs)
        follow["alive"] = cube.writer_alive
        app = CNNSlicer(out / "a.h5", interval=0.05)
        follow["app_first"] = list(app.epochs)
        (out / "go").touch()
        while time.monotonic() < deadline and proc.poll() is None:
            follow["seen"] += cube.refresh()
            time.sleep(0.05)
        stdout, stderr = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, stderr[-4000:]
        follow["seen"] += cube.refresh()
        follow["finished"] = cube.finished
        while app.epochs != list(range(EPOCHS + 1)) and time.monotonic() < deadline:
            time.sleep(0.05)
        follow["app"] = list(app.epochs)
        app.close()
    finally:
        proc.kill()
        proc.communicate()
    reports = [json.loads((out / f"rank_{r}.json").read_text()) for r in (0, 1)]
    return out, reports, follow


@pytest.mark.slow
def test_two_ranks_write_what_one_process_records(ddp_run):
    out, reports, _ = ddp_run
    compared = 0
    for name in ("a", "b"):
        compared += _assert_same_store(out / f"{name}.h5", _reference(out, name))
    cube = open_cube(out / "b.h5")
    assert cube.epochs == [0, 1, 2] and cube.finished
    assert list(cube.train_loss.train_epoch.values) == [1, 2]
    assert cube.layers[:3] == ["input", "conv1.0", "conv1.1"]
    # layer names without DDP's "module." prefix; both ranks know what the writer did
    assert reports[0]["layers_a"] == ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2"]
    for rep in reports:
        assert rep["returned"] == {"1": [True, True], "2": [True, True]}
        assert rep["recorded"] == [[0, 1, 2], [0, 1, 2]]
        assert rep["next_epoch"] == 3
    print(f"\nDDP (2 ranks) vs one process: {compared} arrays equal")


@pytest.mark.slow
def test_only_the_writer_opens_its_store(ddp_run):
    out, reports, _ = ddp_run
    opened = {r["rank"]: r["opened"] for r in reports}
    assert not [p for p in opened[1] if "a.h5" in p], opened[1]
    assert not [p for p in opened[0] if "b.h5" in p], opened[0]
    assert any("a.h5" in p for p in opened[0]) and any("b.h5" in p for p in opened[1])


@pytest.mark.slow
def test_a_failure_on_the_writer_raises_on_every_rank(ddp_run):
    _, (rank0, rank1), _ = ddp_run
    # b.h5: rank 1 writes, rank 0 follows (sharded, so epoch_end is collective)
    assert rank1["repeat_epoch"].startswith("ValueError: epoch 1 is already recorded in")
    assert rank0["repeat_epoch"].startswith(
        "WriterRankError: rank 0: the writer rank 1 failed: ValueError: epoch 1 is already")
    # a.h5 resumed with another schedule: rank 0 checks the file, rank 1 hears the error
    assert rank0["mismatch"].startswith("StoreMismatchError:")
    assert rank1["mismatch"].startswith(
        "WriterRankError: rank 1: the writer rank 0 failed: StoreMismatchError:")


@pytest.mark.slow
def test_a_reader_and_the_app_follow_the_job_live(ddp_run):
    _, _, follow = ddp_run
    assert follow["first"] == [0] and follow["alive"] is True
    assert follow["seen"] == [1, 2] and follow["finished"]
    assert follow["app_first"] == [0] and follow["app"] == [0, 1, 2]


def test_one_process_without_torch_distributed_is_rank_zero():
    ranks = placement(writer_rank=0, shard_probe=True, resume=False)
    assert (ranks.rank, ranks.world, ranks.is_writer, ranks.shard, ranks.synced) == (
        0, 1, True, False, False)
    with pytest.raises(ValueError, match=r"writer_rank=1, but the job has 1 rank\(s\)"):
        placement(writer_rank=1, shard_probe=False, resume=False)


def test_torchrun_ranks_before_init_process_group(monkeypatch, tmp_path):
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    model = mnist_lenet()
    probe = (torch.rand(4, 1, 28, 28), torch.arange(4))
    rec = Recorder(model, probe, tmp_path / "run.h5", epochs=1, **QUIET)
    with rec:
        assert rec.epoch_end(1, loss=1.0) is True  # what the writer does; nothing here
    assert not (tmp_path / "run.h5").exists() and rec.recorded_epochs == [0, 1]
    with pytest.raises(RuntimeError, match="needs torch.distributed initialized"):
        Recorder(model, probe, tmp_path / "run.h5", epochs=1, resume=True, **QUIET)


def test_wrapped_models_are_unwrapped_and_sharded_ones_refused():
    net = mnist_lenet()
    assert unwrap(nn.DataParallel(net)) is net
    assert unwrapped_names(nn.DataParallel(net), ["module.conv1", "fc2"]) == ["conv1", "fc2"]
    assert unwrapped_names(net, ["module.conv1"]) == ["module.conv1"]

    class FullyShardedDataParallel(nn.Module):
        pass

    with pytest.raises(TypeError, match="sharded parameters"):
        unwrap(FullyShardedDataParallel())
