"""The command line: the demo on the embedded subset, and info on any store."""

from __future__ import annotations

import subprocess
import sys

from cnnslicer_widgets.cli import main
from cnnslicer_widgets.cube import open_cube


def assert_columns_line_up(text):
    """The store's layer table: every row as wide as its header, the channel counts ending
    under "channels" (a type name longer than its column once pushed its row right)."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "bytes/epoch" in line)
    header, rows = lines[at], []
    for line in lines[at + 1:]:
        if not line.strip():
            break
        rows.append(line)
    assert rows and {len(r) for r in rows} == {len(header)}, [header, *rows]
    end = header.index("channels") + len("channels")
    assert all(r[end - 1].isdigit() and r[end] == " " for r in rows), [header, *rows]


def test_demo_trains_records_and_explains(tmp_path):
    out = tmp_path / "demo.h5"
    proc = subprocess.run(
        [sys.executable, "-m", "cnnslicer_widgets.cli", "demo", "--out", str(out),
         "--epochs", "2", "--per-class", "10", "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "Plan: 7 layers x 100 probe samples x 3 epochs" in text
    assert "conv1" in text and "Conv2d+ReLU" in text and "28x28" in text
    assert "open_cube(" in text
    assert "Flatten+Linear+ReLU" in text  # the longest type name here: its rows still line up
    assert_columns_line_up(text)
    cube = open_cube(out)
    assert cube.epochs == [0, 1, 2] and cube.layers[1] == "conv1"
    acc = [float(line.split()[2].rstrip("%")) for line in text.splitlines()
           if line.strip()[:1].isdigit() and line.strip().endswith("500")]
    assert len(acc) == 3 and acc[-1] > 50, f"accuracy per epoch {acc}"


def test_info_describes_a_store_and_rejects_junk(mnist_run, tmp_path, capsys):
    assert main(["info", str(mnist_run)]) == 0
    text = capsys.readouterr().out
    assert "complete: [0, 1, 2, 3]" in text and "MNIST" in text
    assert "per class: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20]" in text
    assert_columns_line_up(text)
    junk = tmp_path / "junk.h5"
    junk.write_bytes(b"junk" * 10)
    assert main(["info", str(junk)]) == 1
    assert "not a readable HDF5 file" in capsys.readouterr().err
