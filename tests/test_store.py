"""The HDF5 store on real files: xarray compatibility, crashes, live readers, bad files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.store import StoreFormatError

CHILD = Path(__file__).parent / "helpers" / "record_child.py"


def _spawn(*args) -> subprocess.Popen:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, str(CHILD), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _wait_for(proc: subprocess.Popen, word: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(word):
            return
        if not line and proc.poll() is not None:
            raise AssertionError(f"child exited with {proc.returncode}: {proc.stderr.read()}")
    raise AssertionError(f"child did not print {word!r} within {timeout} s")


def _assert_epoch_matches_oracle(cube, epoch: int, side: Path) -> None:
    oracle = np.load(side / f"epoch_{epoch}.npz")
    assert len(oracle.files) > 0
    for key in oracle.files:
        layer, start = key.rsplit("/", 1)
        want = oracle[key]
        got = cube[layer].sel(epoch=epoch).isel(x=slice(int(start), int(start) + len(want)))
        np.testing.assert_array_equal(got.values, want, err_msg=f"epoch {epoch} {key}")


def test_every_group_opens_with_xarray(mnist_run):
    root = xr.open_dataset(mnist_run, engine="h5netcdf")
    assert root.sizes["epoch"] == 4 and root.sizes["x"] == 200
    assert set(root.data_vars) >= {"logits", "confusion", "loss", "label", "epoch_complete"}
    cube = open_cube(mnist_run)
    for name in cube.layers:
        ds = xr.open_dataset(mnist_run, engine="h5netcdf", group=f"layers/{name}")
        want = cube[name].values if name != "input" else cube["input"].isel(epoch=0).values
        np.testing.assert_array_equal(ds["activation"].values, want)
    weights = xr.open_dataset(mnist_run, engine="h5netcdf", group="weights")
    np.testing.assert_array_equal(weights["0.weight"].isel(epoch=2).values,
                                  cube.weights(2)["0.weight"])
    tree = xr.open_datatree(mnist_run, engine="h5netcdf")
    assert "layers" in tree.children


def test_sigkill_mid_epoch_keeps_completed_epochs_and_flags_the_partial_one(tmp_path):
    store, side = tmp_path / "crash.h5", tmp_path / "side"
    proc = _spawn(store, side, 5, 3)
    try:
        _wait_for(proc, "STALL")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        proc.kill()
    cube = open_cube(store)
    assert cube.epochs == [0, 1, 2]
    assert cube.incomplete_epochs == [3]
    for e in cube.epochs:
        _assert_epoch_matches_oracle(cube, e, side)
    with pytest.raises(KeyError, match="epoch 3 is incomplete"):
        cube.sel(epoch=3)
    assert len(cube.loss) == 3 and cube.confusion.sizes["epoch"] == 3


def test_reader_follows_a_run_while_it_is_written(tmp_path):
    store, side = tmp_path / "live.h5", tmp_path / "side"
    proc = _spawn(store, side, 4, "-", 0.3)
    seen: dict[int, dict[str, np.ndarray]] = {}
    try:
        _wait_for(proc, "DONE 0")
        cube = open_cube(store)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            cube.refresh()
            for e in cube.epochs:
                if e not in seen:  # read a newly completed epoch at once, while writing goes on
                    seen[e] = {name: cube[name].sel(epoch=e).values for name in cube.layers}
            if proc.poll() is not None and len(seen) == 5:
                break
            time.sleep(0.05)
        assert proc.wait(60) == 0, proc.stderr.read()
    finally:
        proc.kill()
    assert sorted(seen) == [0, 1, 2, 3, 4]
    final = open_cube(store)
    for e, arrays in seen.items():
        _assert_epoch_matches_oracle(final, e, side)
        for name, values in arrays.items():
            np.testing.assert_array_equal(values, final[name].sel(epoch=e).values)


def test_a_reader_never_drops_or_repeats_an_epoch_on_a_stale_read(mnist_run, monkeypatch):
    """A SWMR reader can read a live writer's epoch flags a moment behind its last read
    (a flag chunk not yet in its view reads as 0). A complete epoch is kept: refresh()
    neither drops it nor reports it a second time."""
    from cnnslicer_widgets.store import reader
    from cnnslicer_widgets.store.validate import EpochState

    cube = open_cube(mnist_run)
    epochs, last = list(cube.epochs), cube.epochs[-1]
    assert len(epochs) >= 2 and cube.refresh() == []
    layer = cube.layers[1]
    before = cube[layer].sel(epoch=last).values
    real = reader.epoch_state

    def stale(*args, **kwargs):  # the last epoch's flag read as 0: "being written"
        state = real(*args, **kwargs)
        return EpochState(epochs=state.epochs[:-1],
                          positions={e: p for e, p in state.positions.items() if e != last},
                          incomplete=[last])

    monkeypatch.setattr(reader, "epoch_state", stale)
    assert cube.refresh() == [] and cube.epochs == epochs and cube.incomplete_epochs == []
    monkeypatch.setattr(reader, "epoch_state", real)
    assert cube.refresh() == [] and cube.epochs == epochs
    np.testing.assert_array_equal(cube[layer].sel(epoch=last).values, before)  # same row


def test_once_its_writer_has_closed_the_file_a_reader_reads_the_right_rows(mnist_run,
                                                                          monkeypatch):
    """Across a resume, a stale index can show an epoch complete at the row the resume
    aborted (its partial data). While the writer is live the first row read is kept; once
    the superblock says the writer closed the file, the reader reopens its handle and the
    rows it then reads replace the old ones, without reporting the epoch again."""
    from cnnslicer_widgets.store import reader
    from cnnslicer_widgets.store.validate import EpochState

    cube = open_cube(mnist_run)
    store, first, last = cube._store, cube.epochs[0], cube.epochs[-1]
    right = dict(store.positions)
    layer = cube.layers[1]
    want = cube[layer].sel(epoch=last).values
    real = reader.epoch_state

    def moved(*args, **kwargs):  # the last epoch read at the first epoch's row
        state = real(*args, **kwargs)
        return EpochState(epochs=state.epochs, incomplete=state.incomplete,
                          positions={**state.positions, last: right[first]})

    def superblock(flags: int):  # a version-2 superblock; flags 0: closed by its writer
        head = b"\x89HDF\r\n\x1a\n\x02\x08\x08" + bytes([flags]) + bytes(52)
        return lambda fd, n, at: head[:n]

    store.positions.pop(last)  # as if the last epoch had not been seen complete yet
    store._clean = False  # ... and its writer were live
    monkeypatch.setattr(reader.os, "pread", superblock(5))  # open for writing (SWMR)
    monkeypatch.setattr(reader, "epoch_state", moved)
    handle = store.file
    assert cube.refresh() == [last] and store.positions[last] == right[first]
    monkeypatch.setattr(reader, "epoch_state", real)
    assert cube.refresh() == [] and store.positions[last] == right[first]  # live: kept
    assert store.file is handle
    monkeypatch.setattr(reader.os, "pread", superblock(0))  # the writer closed the file
    assert cube.refresh() == [] and store.positions == right  # the right rows
    assert store.file is not handle and not handle.id.valid  # read through a fresh handle
    np.testing.assert_array_equal(cube[layer].sel(epoch=last).values, want)


def test_an_epoch_complete_at_a_row_a_resume_aborted_is_damage(tmp_path, mnist_run):
    """A resume writes an epoch again only after marking its unfinished row aborted (2).
    Rows that say otherwise (what a live reader's lagging view of a resume can show, which
    it then reads again) are refused, naming both rows; the aborted row is skipped."""
    path = tmp_path / "resumed.h5"
    shutil.copy(mnist_run, path)
    with h5py.File(path, "r+") as f:  # epoch 3's row becomes epoch 2 written again
        f["epoch"][3] = 2
        f["epoch_complete"][3] = 0
    with pytest.raises(StoreFormatError, match=r"marks epoch 2 complete at position 2, and "
                       r"epoch 2 is written again at position 3.*2 \(aborted\) there"):
        open_cube(path)
    with h5py.File(path, "r+") as f:
        f["epoch_complete"][2] = 2  # as a resume leaves it
    with open_cube(path) as cube:
        assert cube.epochs == [0, 1] and cube.incomplete_epochs == [2]
    with h5py.File(path, "r+") as f:
        f["epoch_complete"][3] = 1  # the resume completed epoch 2 at its new row
    cube = open_cube(path)
    assert cube.epochs == [0, 1, 2] and cube._store.positions[2] == 3


def test_bad_files_get_clear_errors(tmp_path, mnist_run):
    with pytest.raises(FileNotFoundError, match="no store at"):
        open_cube(tmp_path / "missing.h5")
    junk = tmp_path / "junk.h5"
    junk.write_bytes(b"this is not HDF5" * 100)
    with pytest.raises(StoreFormatError, match="not a readable HDF5 file"):
        open_cube(junk)
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f["data"] = np.arange(3)
    with pytest.raises(StoreFormatError, match="not a cnnslicer store"):
        open_cube(other)
    truncated = tmp_path / "truncated.h5"
    data = mnist_run.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreFormatError, match="truncated"):
        open_cube(truncated)
    future = tmp_path / "future.h5"
    shutil.copy(mnist_run, future)
    with h5py.File(future, "r+") as f:
        f.attrs["cnnslicer_format"] = 99
    with pytest.raises(StoreFormatError, match="format 99.*pip install -U"):
        open_cube(future)
    assert open_cube(mnist_run).epochs == [0, 1, 2, 3]  # the original is untouched
