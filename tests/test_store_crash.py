"""SIGKILL at seeded random points of writing: completed epochs always read back intact.

Most runs use ``helpers/write_child.py`` (StoreWriter with seeded numpy data, no torch, so
a run costs about a second): it kills itself before its k-th HDF5 write operation (k drawn
from the seed, anywhere from the first write to the last flush), or the test kills it after
a random delay (which can land inside HDF5's own C code). A few runs record a real CNN
with the Recorder (``helpers/record_child.py``). After every kill the store must open,
list exactly a prefix of the schedule as complete, return every complete epoch identical
to what was written, and flag (or omit) the partial epoch without ever serving it.

Runs: CNNSLICER_CRASH_RUNS light runs (default 8) and CNNSLICER_CRASH_RECORDER_RUNS
Recorder runs (default 2), seeded by CNNSLICER_CRASH_SEED (default 0).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube
from helpers.write_child import SCHEDULE, epoch_data, inputs, train_loss

HELPERS = Path(__file__).parent / "helpers"
N_RUNS = int(os.environ.get("CNNSLICER_CRASH_RUNS", "8"))
N_RECORDER = int(os.environ.get("CNNSLICER_CRASH_RECORDER_RUNS", "2"))
SEED = int(os.environ.get("CNNSLICER_CRASH_SEED", "0"))
ENV = dict(os.environ, OMP_NUM_THREADS="1")


def _run(script: str, *args, kill_after: float | None = None) -> tuple[int, list[str]]:
    """Run a child to its end (or kill it ``kill_after`` s after it prints READY);
    returns its exit code and the words it printed."""
    proc = subprocess.Popen([sys.executable, str(HELPERS / script), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    lines = []
    try:
        if kill_after is not None:
            lines.append(proc.stdout.readline().strip())
            assert lines[0] == "READY", (lines, proc.stderr.read())
            time.sleep(kill_after)
            proc.kill()
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    words = lines + out.split()
    assert proc.returncode in (0, -9), f"child failed ({proc.returncode}): {err[-2000:]}"
    return proc.returncode, words


def _events(words: list[str], word: str) -> list[int]:
    """The numbers printed after ``word`` (``DONE 3`` -> 3)."""
    return [int(b) for a, b in zip(words, words[1:], strict=False) if a == word]


def _assert_light_epoch(cube, seed: int, epoch: int) -> None:
    want = epoch_data(seed, epoch)
    c = cube.sel(epoch=epoch)
    msg = f"seed {seed} epoch {epoch}"
    np.testing.assert_array_equal(c["conv"].values[0], want["layers/conv/activation"], msg)
    np.testing.assert_array_equal(c["output"].values[0], want["layers/output/activation"], msg)
    h = c.histograms("pool")
    np.testing.assert_array_equal(h.values[0], want["layers/pool/histogram"], msg)
    np.testing.assert_array_equal(h.map_min.values[0], want["layers/pool/min"], msg)
    np.testing.assert_array_equal(h.map_max.values[0], want["layers/pool/max"], msg)
    np.testing.assert_array_equal(c.logits.values[0], want["logits"], msg)
    np.testing.assert_array_equal(c.confusion.values[0], want["confusion"], msg)
    np.testing.assert_array_equal(c.loss.values[0], want["loss"], msg)
    for name, value in cube.weights(epoch).items():
        np.testing.assert_array_equal(value, want[f"weights/{name}"], f"{msg} {name}")
    np.testing.assert_array_equal(c["input"].values[0], inputs(seed), msg)


def check_killed_light_store(path: Path, seed: int, lines: list[str]) -> str:
    """Everything a killed writer must leave true; returns a one-word outcome."""
    if not path.exists():
        assert "CREATED" not in lines, "the store vanished after it was created"
        return "absent"
    with open_cube(path) as cube:  # a killed writer never leaves an unreadable store
        k = len(cube.epochs)
        assert cube.epochs == SCHEDULE[:k]
        done, ending = set(_events(lines, "DONE")), set(_events(lines, "ENDING"))
        assert done <= set(cube.epochs) <= ending, (done, cube.epochs, ending)
        for e in cube.epochs:
            _assert_light_epoch(cube, seed, e)
        assert cube.incomplete_epochs in ([], SCHEDULE[k : k + 1])
        for partial in cube.incomplete_epochs:
            with pytest.raises(KeyError, match=f"epoch {partial} is incomplete"):
                cube.sel(epoch=partial)
        for arr in (cube["conv"], cube.histograms("pool"), cube.logits, cube.confusion):
            assert arr.sizes["epoch"] == k  # the partial epoch is never served
        tl = cube.train_loss
        want = [train_loss(seed, int(e)) for e in tl.train_epoch.values]
        np.testing.assert_array_equal(tl.values, want)
        assert list(tl.train_epoch.values) == list(range(1, len(tl) + 1))
        if k < len(SCHEDULE):
            return "partial" if cube.incomplete_epochs else "absent-epoch"
        return "complete"


@pytest.fixture(scope="module")
def full_run(tmp_path_factory) -> tuple[int, float]:
    """An unkilled light run: its number of write operations and its writing time."""
    path = tmp_path_factory.mktemp("crash") / "full.h5"
    t = time.monotonic()
    code, lines = _run("write_child.py", path, 12345, 0)
    elapsed = time.monotonic() - t
    assert code == 0 and check_killed_light_store(path, 12345, lines) == "complete"
    return _events(lines, "OPS")[0], elapsed


def test_sigkill_at_random_write_operations(full_run, tmp_path):
    n_ops, elapsed = full_run
    rng = np.random.default_rng(SEED)
    outcomes = []
    for i in range(N_RUNS):
        seed = int(rng.integers(1 << 20))
        path = tmp_path / f"run{i}.h5"
        if i % 4 == 3:  # a kill at a random moment, possibly inside HDF5's C code
            code, lines = _run("write_child.py", path, seed, 0,
                               kill_after=float(rng.uniform(0, elapsed)))
        else:
            code, lines = _run("write_child.py", path, seed, int(rng.integers(1, n_ops + 1)))
        outcomes.append(check_killed_light_store(path, seed, lines))
    print(f"\ncrash runs: {N_RUNS} (seed {SEED}; {n_ops} write operations per full run): "
          f"{ {o: outcomes.count(o) for o in set(outcomes)} }")


def _assert_recorded_epoch(cube, epoch: int, side: Path) -> None:
    acts = np.load(side / f"epoch_{epoch}.npz")
    for key in acts.files:
        layer, start = key.rsplit("/", 1)
        want = acts[key]
        got = cube[layer].sel(epoch=epoch).isel(x=slice(int(start), int(start) + len(want)))
        np.testing.assert_array_equal(got.values, want, err_msg=f"epoch {epoch} {key}")
    tables = np.load(side / f"epoch_{epoch}_tables.npz")
    c = cube.sel(epoch=epoch)
    np.testing.assert_array_equal(c.confusion.values[0], tables["confusion"])
    np.testing.assert_array_equal(c.loss.values[0], tables["loss"])
    for key in [k for k in tables.files if k.startswith("logits/")]:
        start = int(key.split("/")[1])
        want = tables[key]
        np.testing.assert_array_equal(c.logits.values[0, start : start + len(want)], want)


def test_sigkill_at_random_points_of_a_real_recording(tmp_path):
    rng = np.random.default_rng(SEED + 1)
    for i in range(N_RECORDER):
        store, side = tmp_path / f"rec{i}.h5", tmp_path / f"side{i}"
        code, lines = _run("record_child.py", store, side, 3, "-", 0,
                           int(rng.integers(1 << 20)))
        with open_cube(store) as cube:
            k = len(cube.epochs)
            assert k >= 1 and cube.epochs == list(range(k))  # epoch 0 precedes any kill
            assert set(_events(lines, "DONE")) <= set(cube.epochs) <= set(
                _events(lines, "ENDING"))
            for e in cube.epochs:
                _assert_recorded_epoch(cube, e, side)
            assert cube.incomplete_epochs in ([], [k])
            assert code == 0 or k < 4 or cube.incomplete_epochs == []
