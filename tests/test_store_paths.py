"""Paths that cannot be stores get clear errors, never a hang; info --verify and live writers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import h5py
import pytest
import torch

from cnnslicer_widgets.cli import main as cli
from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.store import StoreFormatError, StoreWriteError
from conftest import small_cnn

QUIET = {"progress": False, "verbose": False}
PROBE = (torch.rand(8, 1, 28, 28), torch.arange(8) % 10)


def _info(path: Path, *args: str) -> subprocess.CompletedProcess:
    """``cnnslicer info`` in a child, so that a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-m", "cnnslicer_widgets.cli", "info", str(path),
                           *args], capture_output=True, text=True, timeout=60)


def test_fifo_socket_and_device_get_clear_errors_without_hanging(tmp_path):
    fifo = tmp_path / "run.h5"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.h5"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for path, kind in ((fifo, "a FIFO"), (sock_path, "a socket"),
                           (Path(os.devnull), "a device")):
            proc = _info(path)
            assert proc.returncode == 1 and f"is {kind}" in proc.stderr, proc.stderr
            with pytest.raises(StoreFormatError, match=f"is {kind}.*, not a store"):
                open_cube(path)
            for kw in ({}, {"overwrite": True}, {"resume": True}):
                with pytest.raises((StoreFormatError, FileNotFoundError), match=f"is {kind}"):
                    Recorder(small_cnn(), PROBE, path, epochs=1, **kw, **QUIET).start()
        assert Path(os.devnull).is_char_device() and fifo.is_fifo()
    finally:
        sock.close()


def _read_only_dir(tmp_path: Path) -> Path | None:
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        ro.chmod(0o555)
        return ro
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(ro)],
                          capture_output=True)
    return ro if proc.returncode == 0 else None


def test_read_only_and_missing_directories_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"directory .*nowhere does not exist; create "
                       r"it first"):
        Recorder(small_cnn(), PROBE, tmp_path / "nowhere" / "r.h5", epochs=1, **QUIET).start()
    ro = _read_only_dir(tmp_path)
    if ro is None:
        pytest.skip("cannot make a read-only directory here")
    try:
        with pytest.raises(StoreWriteError, match=rf"cannot create {ro}/r.h5: \[Errno (30|13)\]"
                           rf" .* in directory {ro}\. Choose a directory you can write to") as e:
            Recorder(small_cnn(), PROBE, ro / "r.h5", epochs=1, **QUIET).start()
        assert e.value.errno in (13, 30) and ".creating" not in str(e.value)
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True, check=False)


def _damage_a_chunk(path: Path, name: str, row: int) -> None:
    with h5py.File(path, "r") as f:
        info = f[name].id.get_chunk_info_by_coord((row, 0, 0, 0, 0))
    with open(path, "r+b") as fh:
        fh.seek(info.byte_offset + info.size // 2)
        fh.write(b"\x55" * 64)


def test_info_verify_reads_every_chunk_and_names_the_damage(tmp_path, mnist_run, capsys):
    assert cli(["info", str(mnist_run), "--verify", "--no-progress"]) == 0
    assert "every chunk of every complete epoch read back" in capsys.readouterr().out
    bad = tmp_path / "bad.h5"
    shutil.copy(mnist_run, bad)
    _damage_a_chunk(bad, "layers/0/activation", 2)
    assert cli(["info", str(bad)]) == 0  # the metadata is fine: only reading finds it
    capsys.readouterr()
    assert cli(["info", str(bad), "--verify", "--no-progress"]) == 2
    out = capsys.readouterr().out
    assert "1 damaged chunk(s)" in out and "layers/0/activation (epoch 2, chunk at [2," in out
    assert open_cube(bad).verify(progress=False)[0].epoch == 2


def test_a_live_writer_is_reported_as_live(tmp_path, capsys):
    path = tmp_path / "live.h5"
    with Recorder(small_cnn(), PROBE, path, epochs=3, **QUIET) as rec:
        rec.epoch_end(1, loss=0.5)
        cube = open_cube(path)
        assert cube.writer_alive is True and not cube.finished
        assert cli(["info", str(path)]) == 0
        assert "(a writer is recording this run now)" in capsys.readouterr().out
    assert cube.writer_alive is False
    assert cli(["info", str(path)]) == 0
    assert "writer" not in capsys.readouterr().out.split("epochs")[1].splitlines()[0]


def test_a_file_whose_tail_is_missing_is_refused_unless_only_an_unfinished_epoch_was_there(
        tmp_path, mnist_run):
    """A full disk leaves the superblock's end address past the file's end: such a file
    (its writer never closed it) is read when every chunk of its complete epochs is on
    disk (test_store_faults makes them); a copy cut short is refused, whether its writer
    closed it or not, when it lost bytes a complete epoch needs."""
    from cnnslicer_widgets.store.superblock import lookup3, read_superblock

    data = mnist_run.read_bytes()
    with h5py.File(mnist_run, "r") as f:
        ends = []
        f.visititems(lambda n, o: ends.extend(
            o.id.get_chunk_info(i).byte_offset + o.id.get_chunk_info(i).size
            for i in range(o.id.get_num_chunks())) if isinstance(o, h5py.Dataset)
            and o.chunks else None)
    keep = max(ends) - 10  # the last chunk loses its end
    cut = tmp_path / "cut.h5"
    cut.write_bytes(data[:keep])
    with pytest.raises(StoreFormatError, match="is truncated"):
        open_cube(cut)
    head = bytearray(data[:64])
    sb = read_superblock(mnist_run)
    head[11] = 5  # "open for (SWMR) writing": its writer never closed it
    head[sb.length : sb.length + 4] = lookup3(bytes(head[: sb.length])).to_bytes(4, "little")
    stopped = tmp_path / "stopped.h5"
    stopped.write_bytes(bytes(head) + data[64:keep])
    with pytest.raises(StoreFormatError, match="truncated|damaged|not a readable"):
        open_cube(stopped)
    assert open_cube(mnist_run).epochs == [0, 1, 2, 3]
