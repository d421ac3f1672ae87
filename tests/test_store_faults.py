"""Write failures at every point of an epoch: completed epochs survive, one clear error, resume.

The light writer (``helpers/write_child.py``: StoreWriter with seeded numpy data) runs in a
child process and meets a fault before its k-th HDF5 write operation (``helpers/killpoints``):

- ``fsize``: the file-size limit drops to the file's current size (RLIMIT_FSIZE, SIGXFSZ
  ignored; no root needed), so the next write that grows the file fails inside HDF5 with
  EFBIG, as a full disk fails it with ENOSPC;
- ``eio``: the operation raises ``OSError(EIO)``;
- ``enospc``: a real full disk, a small tmpfs (only where ``mount`` works, e.g. as root).

k falls at spread points of the run and in the last epoch's ``end_epoch`` flushes and the
final flush and close. After each fault the child must exit with 1 (its one uncaught
StoreWriteError, never a crash), the error must keep the errno and say which epochs are
complete, the store must open with exactly those epochs identical to what was written,
and ``StoreWriter.resume`` must continue it to a complete run, identical epoch for epoch.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.store import StoreWriteError, StoreWriter
from cnnslicer_widgets.store.resume import stored_run
from helpers.write_child import SCHEDULE, epoch_data, inputs, spec, write_epochs
from test_store_crash import _assert_light_epoch, _events, check_killed_light_store

HELPERS = Path(__file__).parent / "helpers"
ENV = dict(os.environ, OMP_NUM_THREADS="1")
COUNTS: dict[str, int] = {"faults": 0, "epochs_kept": 0, "arrays": 0}


def _child(path: Path, seed: int, at: int, mode: str) -> tuple[int, list[str], str]:
    proc = subprocess.run([sys.executable, str(HELPERS / "write_child.py"), str(path),
                           str(seed), str(at), mode], capture_output=True, text=True,
                          env=ENV, timeout=300)
    return proc.returncode, proc.stdout.split(), proc.stderr


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> tuple[int, int]:
    """Write operations and bytes of an unfaulted light run."""
    path = tmp_path_factory.mktemp("faults") / "full.h5"
    code, words, err = _child(path, 7, 0, "kill")
    assert code == 0, err
    return _events(words, "OPS")[0], _events(words, "SIZE")[0]


def _count_arrays(cube) -> int:
    return len(cube.epochs) * (len(epoch_data(1, 0)) + 1)  # + the probe inputs


def _check_failed_run(path: Path, seed: int, code: int, words: list[str], err: str,
                      want_errno: int) -> str:
    """The child's one error and the store it left; returns the outcome."""
    assert "Segmentation" not in err and "Exception ignored" not in err, err[-3000:]
    if not _events(words, "FAILED"):
        assert code == 0, err[-3000:]  # the fault hit nothing that grows the file
        return "no failure"
    assert code == 1, f"rc {code} after a write failure: {err[-3000:]}"
    assert "During handling of the above exception" not in err, err[-3000:]  # one error
    assert _events(words, "FAILED") == [want_errno]
    last = err.strip().splitlines()[-1]
    assert last.startswith("cnnslicer_widgets.store.spec.StoreWriteError: "), last
    assert f"[Errno {want_errno}] {os.strerror(want_errno)}" in last or (
        want_errno == errno.EIO and "[Errno 5]" in last), last
    if not path.exists():  # failed while creating it
        assert "Nothing was recorded" in last and not Path(f"{path}.creating").exists(), last
        return "absent"
    assert "resume=True" in last and ("complete in" in last or "No epoch" in last), last
    outcome = check_killed_light_store(path, seed, words)
    with open_cube(path) as cube:
        kept = cube.epochs
        if kept:
            assert f"{'Epoch' if len(kept) == 1 else 'Epochs'} {kept[0]}" in last, last
        COUNTS["epochs_kept"] += len(kept)
        COUNTS["arrays"] += _count_arrays(cube)
    return outcome


def _resume_and_finish(path: Path, seed: int) -> None:
    """Continue a stopped light run in the same file; every epoch must then be complete
    and identical to what was written, the dropped partial epoch never served."""
    run = stored_run(path)
    w = StoreWriter.resume(path, spec(seed))
    if 0 not in w.complete_epochs:
        w.write_input(0, inputs(seed))
    write_epochs(w, seed, [e for e in SCHEDULE if e >= run.next_epoch])
    w.close()
    with open_cube(path) as cube:
        assert cube.epochs == SCHEDULE and cube.incomplete_epochs == []
        for e in SCHEDULE:
            _assert_light_epoch(cube, seed, e)
        COUNTS["arrays"] += _count_arrays(cube)
        assert list(cube.train_loss.train_epoch.values) == [1, 2, 3, 4]


def _points(n_ops: int, seed: int) -> list[int]:
    """Spread points over the run, seeded ones, and the last five operations: the last
    epoch's end_epoch flushes and flag, the final flush and the close."""
    rng = np.random.default_rng(seed)
    spread = np.linspace(2, n_ops - 6, 6).astype(int).tolist()
    return sorted({*spread, *rng.integers(2, n_ops + 1, 3).tolist(),
                   *range(n_ops - 4, n_ops + 1)})


@pytest.mark.parametrize("mode", ["fsize", "eio"])
def test_write_failures_keep_completed_epochs_and_resume(full, tmp_path, mode):
    n_ops, _ = full
    want = errno.EFBIG if mode == "fsize" else errno.EIO
    outcomes = []
    for i, at in enumerate(_points(n_ops, 16 if mode == "fsize" else 17)):
        seed = 100 + i
        path = tmp_path / f"{mode}{at}.h5"
        code, words, err = _child(path, seed, at, mode)
        outcome = _check_failed_run(path, seed, code, words, err, want)
        outcomes.append(outcome)
        if outcome != "no failure":
            COUNTS["faults"] += 1
        if path.exists():
            _resume_and_finish(path, seed)
    assert outcomes.count("no failure") <= 2, outcomes
    print(f"\n{mode}: {len(outcomes)} fault points of {n_ops} operations: "
          f"{ {o: outcomes.count(o) for o in set(outcomes)} }; totals so far {COUNTS}")


def _mount_tmpfs(where: Path, size: int) -> bool:
    where.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return proc.returncode == 0


def test_full_disk_keeps_completed_epochs_and_resumes(full, tmp_path):
    _, full_size = full
    outcomes = []
    for frac in (0.3, 0.6, 0.9):
        mnt = tmp_path / f"disk{uuid.uuid4().hex[:6]}"
        size = (int(full_size * frac) // 4096 + 1) * 4096
        if not _mount_tmpfs(mnt, size):
            pytest.skip("cannot mount a small tmpfs here (needs root); the fsize faults "
                        "cover the same failures without it")
        try:
            path = mnt / "run.h5"
            code, words, err = _child(path, 5, 0, "kill")
            outcomes.append(_check_failed_run(path, 5, code, words, err, errno.ENOSPC))
            COUNTS["faults"] += 1
            moved = tmp_path / f"moved{frac}.h5"  # "free space": continue on a bigger disk
            shutil.copy(path, moved)
        finally:
            subprocess.run(["umount", str(mnt)], check=False)
        _resume_and_finish(moved, 5)
    assert "no failure" not in outcomes
    print(f"\nfull disk: {outcomes}; totals so far {COUNTS}")


def test_the_file_removed_while_writing_gives_one_clear_error(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    w = StoreWriter.create(run / "r.h5", spec(3))
    w.write_input(0, inputs(3))
    write_epochs(w, 3, [0, 1])
    shutil.rmtree(run)
    with pytest.raises(StoreWriteError, match=r"\[Errno 2\] .*r.h5 was removed") as err:
        write_epochs(w, 3, [2])
    assert err.value.errno == errno.ENOENT
    w.close()  # nothing more, no second error
    with pytest.raises(StoreWriteError, match="was removed"):
        w.begin_epoch(3)


def test_failure_in_the_parent_process_then_exit_is_clean(tmp_path):
    """The same process goes on after a failed write (reads, other files), then exits 0."""
    script = tmp_path / "go_on.py"
    script.write_text(f"""
import errno, os, resource, signal, sys
sys.path.insert(0, {str(HELPERS)!r})
from write_child import spec, inputs, write_epochs
from cnnslicer_widgets.store import StoreWriteError, StoreWriter
from cnnslicer_widgets.cube import open_cube
path = {str(tmp_path / "p.h5")!r}
w = StoreWriter.create(path, spec(2)); w.write_input(0, inputs(2)); write_epochs(w, 2, [0, 1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(path), resource.RLIM_INFINITY))
try:
    write_epochs(w, 2, [2])
except StoreWriteError as err:
    assert err.errno == errno.EFBIG and err.kept == [0, 1], (err.errno, err.kept)
    assert isinstance(err.__cause__, (OSError, RuntimeError))
w.close()
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
print(open_cube(path).epochs)
""")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=ENV, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[0, 1]" and proc.stderr == ""
