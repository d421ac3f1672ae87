"""docs/distributed.md runs as written: each python block is a script whose first line
names it and says how to run it (``# ddp_record.py -- run: torchrun ... ddp_record.py``);
the test writes it to a fresh folder, launches it on 2 CPU processes (torchrun, or
Lightning's own DDP launcher) and checks the store it leaves."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube

PAGE = Path(__file__).resolve().parents[1] / "docs" / "distributed.md"
HEADER = re.compile(r"^# (\w+\.py) -- run: (.+)$")
WAIT = 900


def scripts() -> dict[str, tuple[str, list[str]]]:
    """{file name: (code, command)} for every python block of the page."""
    out = {}
    for block in re.findall(r"```python\n(.*?)```", PAGE.read_text(), re.S):
        found = HEADER.match(block.splitlines()[0])
        assert found, f"a python block of {PAGE.name} does not start with '# name.py -- run: ...'"
        name, command = found.groups()
        argv = shlex.split(command)
        launcher = {"torchrun": [sys.executable, "-m", "torch.distributed.run"],
                    "python": [sys.executable]}[argv[0]]
        out[name] = (block, launcher + argv[1:])
    return out


def test_the_page_shows_both_snippets_and_the_measured_overhead():
    assert sorted(scripts()) == ["ddp_record.py", "lightning_record.py"]
    text = PAGE.read_text()
    assert "OVERHEAD" not in text and "ratio" in text
    nav = (PAGE.parents[1] / "mkdocs.yml").read_text()
    assert "distributed.md" in nav


@pytest.mark.slow
@pytest.mark.parametrize("name, store, layers", [
    ("ddp_record.py", "ddp_run.h5", ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2"]),
    ("lightning_record.py", "lightning_run.h5",
     ["net.conv1", "net.pool1", "net.conv2", "net.pool2", "net.fc1", "net.fc2"]),
])
def test_each_snippet_records_two_processes_into_one_store(tmp_path, name, store, layers):
    if name.startswith("lightning"):
        pytest.importorskip("lightning")
    code, command = scripts()[name]
    (tmp_path / name).write_text(code)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    proc = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=WAIT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert [p.name for p in tmp_path.glob("*.h5")] == [store]
    cube = open_cube(tmp_path / store)
    assert cube.epochs == [0, 1, 2] and cube.finished and cube.writer_alive is False
    assert cube.layers == ["input", *layers]
    assert list(cube.train_loss.train_epoch.values) == [1, 2]
    assert np.isfinite(cube.train_loss.values).all() and (cube.train_loss.values > 0).all()
