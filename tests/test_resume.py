"""Recorder-level durability: a real run stopped by a full disk, resumed into the same file.

``helpers/resume_child.py`` trains mnist_lenet on real MNIST with the README's checkpoint +
resume loop. A first process meets a full file system mid-epoch (RLIMIT_FSIZE), a second
one resumes while a cube and the CNNSlicer app (opened on the stopped file) follow it.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from cnnslicer_widgets.cli import main as cli
from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.models import case_study_layers, mnist_lenet
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.store import StoreMismatchError

CHILD = Path(__file__).parent / "helpers" / "resume_child.py"
ENV = dict(os.environ, OMP_NUM_THREADS="1")
QUIET = {"progress": False, "verbose": False}
WAIT = 180


def _child(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                            **kw)


def _assert_oracle(cube, epoch: int, side: Path) -> int:
    acts = np.load(side / f"epoch_{epoch}.npz")
    for key in acts.files:
        layer, start = key.rsplit("/", 1)
        want = acts[key]
        got = cube[layer].sel(epoch=epoch).isel(x=slice(int(start), int(start) + len(want)))
        np.testing.assert_array_equal(got.values, want, err_msg=f"epoch {epoch} {key}")
    return len(acts.files)


def test_full_disk_then_resume_while_a_reader_and_the_app_follow(tmp_path, capsys):
    from cnnslicer_widgets.widgets import CNNSlicer

    store, side, ckpt = tmp_path / "run.h5", tmp_path / "side", tmp_path / "ckpt"
    proc = _child(store, side, ckpt, 4, "fault", 2)
    out, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 1, err[-3000:]  # the uncaught error, not a crash (-11)
    assert "Exception ignored" not in err and "During handling" not in err, err[-3000:]
    last = err.strip().splitlines()[-1]
    assert last.startswith("cnnslicer_widgets.store.spec.StoreWriteError: writing epoch 2 to")
    assert f"[Errno {errno.EFBIG}] File too large" in last
    assert "Epochs 0, 1 are complete in" in last and "resume=True" in last
    assert out.split()[:2] == ["START", "0"]

    cube = open_cube(store)  # a reader of the stopped file
    assert cube.epochs == [0, 1] and cube.incomplete_epochs == [2]
    assert cube.writer_alive is False and not cube.finished
    arrays = sum(_assert_oracle(cube, e, side) for e in cube.epochs)
    assert cli(["info", str(store)]) == 0
    assert "incomplete (writer stopped): [2]; continue it with" in capsys.readouterr().out
    app = CNNSlicer(store, interval=0.05)
    assert app.watching and app.epochs == [0, 1]

    proc = _child(store, side, ckpt, 4, "resume", "-", 0.3)
    try:
        assert proc.stdout.readline().split() == ["START", "2"]
        seen, deadline = [], time.monotonic() + WAIT
        while time.monotonic() < deadline and proc.poll() is None:
            seen += cube.refresh()
            time.sleep(0.05)
        _, err = proc.communicate(timeout=WAIT)
        assert proc.returncode == 0, err[-3000:]
    finally:
        proc.kill()
        proc.communicate()
    seen += cube.refresh()
    assert seen == [2, 3, 4] and cube.epochs == [0, 1, 2, 3, 4]
    assert cube.incomplete_epochs == [] and cube.finished and cube.writer_alive is False
    deadline = time.monotonic() + WAIT
    while app.epochs != [0, 1, 2, 3, 4] and time.monotonic() < deadline:
        time.sleep(0.05)
    if app.epochs != [0, 1, 2, 3, 4]:  # say what the app's reader holds, and a look more
        st = app.cube._store
        held = (st.positions, st._clean, st.closed_by_writer(), st.writer_alive())
        pytest.fail(f"app: {app.epochs}, {app._state!r}, watching {app.watching}; its store "
                    f"(rows, clean, closed, alive): {held}; a refresh more: {app.refresh()} "
                    f"-> {app.cube._store.positions}")
    app.close()
    fresh = open_cube(store)
    for e in fresh.epochs:
        arrays += _assert_oracle(fresh, e, side)
        np.testing.assert_array_equal(
            fresh[fresh.layers[1]].sel(epoch=e).values, cube[cube.layers[1]].sel(epoch=e).values,
            err_msg=f"epoch {e}: rows of the reader that followed {cube._store.positions}, "
                    f"of a fresh reader {fresh._store.positions}")  # fmt: skip
    assert list(fresh.train_loss.train_epoch.values) == [1, 2, 3, 4]
    print(f"\nrecorder fault + resume: {arrays} arrays compared")


@pytest.fixture()
def small_run(tmp_path, mnist_arrays):
    a = mnist_arrays
    x = torch.tensor(a["x_train"][:60], dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(a["y_train"][:60])
    model = mnist_lenet(seed=0)
    path = tmp_path / "small.h5"
    with Recorder(model, (x, y), path, epochs=3, layers=case_study_layers(model),
                  **QUIET) as rec:
        rec.epoch_end(1, loss=0.5)
    return model, x, y, path


def test_resume_checks_the_run_fits_and_names_the_first_mismatch(small_run):
    model, x, y, path = small_run
    layers = case_study_layers(model)
    kw = {"epochs": 3, "resume": True, **QUIET}
    with pytest.raises(StoreMismatchError, match=r"layer 1 is 'conv1' .* in the store but "
                       r"'pool1' .* in this run"):
        Recorder(model, (x, y), path, layers=layers[1:], **kw)
    with pytest.raises(StoreMismatchError, match=r"probe's labels differ at position 0"):
        Recorder(model, (x, (y + 1) % 10), path, layers=layers, **kw)
    with pytest.raises(StoreMismatchError, match=r"probe's input 0 differs"):
        Recorder(model, (x.flip(0).flip(0) + 0.5, y), path, layers=layers, **kw)
    with pytest.raises(StoreMismatchError, match=r"probe has 60 samples in the store but 50"):
        Recorder(model, (x[:50], y[:50]), path, layers=layers, **kw)
    with pytest.raises(StoreMismatchError, match=r"entry 2 is epoch 2 in the store but 3 .*"
                       r"same epochs= and every="):
        Recorder(model, (x, y), path, layers=layers, **{**kw, "epochs": [0, 1, 3]})
    with pytest.raises(StoreMismatchError, match=r"activations are float16 in the store"):
        Recorder(model, (x, y), path, layers=layers, dtype="float32", **kw)
    with pytest.raises(StoreMismatchError, match=r"parameters differ"):
        Recorder(model, (x, y), path, layers=layers, weights=False, **kw)
    with pytest.raises(ValueError, match="not both"):
        Recorder(model, (x, y), path, layers=layers, overwrite=True, **kw)
    rec = Recorder(model, (x, y), path, layers=layers, **kw)
    assert rec.next_epoch == 2 and rec.recorded_epochs == [0, 1]
    with rec:
        with pytest.raises(ValueError, match=r"epoch 1 is already recorded .* next one is 2"):
            rec.epoch_end(1, loss=0.1)
        assert rec.epoch_end(2, loss=0.2) and rec.epoch_end(3, loss=0.3)
        assert rec.next_epoch == 4
    cube = open_cube(path)
    assert cube.epochs == [0, 1, 2, 3] and cube.finished
    assert list(cube.loss.values[1:]) == [0.5, 0.2, 0.3]
    finished = Recorder(model, (x, y), path, layers=layers, **kw)  # a finished store
    assert finished.next_epoch == 4
    with finished:  # while this process has the store open in a cube
        assert cube.writer_alive and cube.refresh() == [] and len(cube.loss) == 4
        with pytest.warns(UserWarning, match="past the recording schedule"):
            assert not finished.epoch_end(4, loss=0.1)
    assert open_cube(path).epochs == [0, 1, 2, 3]


def test_overwrite_says_what_it_discards_and_resume_of_nothing_starts_afresh(small_run,
                                                                             capsys):
    model, x, y, path = small_run
    layers = case_study_layers(model)
    rec = Recorder(model, (x, y), path, epochs=1, layers=layers, overwrite=True,
                   progress=False)
    assert "overwrite=True discards the store there (epochs 0, 1 complete" in rec.describe_plan()
    rec.start().close()
    assert "discards the store there" in capsys.readouterr().out
    assert open_cube(path).epochs == [0]
    new = path.with_name("new.h5")
    rec = Recorder(model, (x, y), new, epochs=1, layers=layers, resume=True, **QUIET)
    assert rec.next_epoch == 0
    with rec:
        assert rec.next_epoch == 1
    assert open_cube(new).epochs == [0]
