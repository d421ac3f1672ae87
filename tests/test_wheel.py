"""The built wheel is the whole package: installed into a clean virtual environment, with
no node on PATH and no access to this checkout, it imports, is typed (py.typed), and
finds every front-end bundle and the embedded dataset."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = r"""
import json, os, sys
from pathlib import Path
import cnnslicer_widgets as cw
from cnnslicer_widgets import widgets
from cnnslicer_widgets.datasets import load_mnist
pkg = Path(cw.__file__).parent
static = pkg / "widgets" / "static"
bundles = {p.read_text(): p.name for p in static.glob("*.js")}
views = [getattr(widgets, n) for n in widgets.__all__]
esm = sorted(bundles.get(str(v._esm), "?") for v in views
             if isinstance(v, type) and getattr(v, "_esm", None) is not None)
print(json.dumps({
    "package": str(pkg),
    "typed": (pkg / "py.typed").is_file(),
    "static": sorted(p.name for p in static.iterdir()),
    "esm": esm,
    "mnist": len(load_mnist(source="embedded")),
}))
"""


def test_wheel_in_a_clean_venv_without_node(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools keeps stale files there
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    [wheel] = wheels.glob("cnnslicer_widgets-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not any(n.startswith(("tests/", "js/", "notebooks/")) for n in names), names[:20]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    # the dependencies come from this environment's site-packages (no .pth files run from
    # PYTHONPATH, so this checkout's editable install stays out); PATH holds no node
    env = {"PATH": str(venv / "bin"), "HOME": str(tmp_path),
           "PYTHONPATH": sysconfig.get_paths()["purelib"], "CNNSLICER_DATA": str(tmp_path)}
    out = subprocess.run([str(py), "-c", CHECK], cwd=tmp_path, env=env, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    import json

    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert Path(got["package"]).is_relative_to(venv), got["package"]
    assert got["typed"]
    built = sorted(p.name for p in (ROOT / "src/cnnslicer_widgets/widgets/static").iterdir())
    assert got["static"] == built
    assert {"query.js", "performance.js", "layer.js", "channel.js", "information.js",
            "selection.js"} <= set(got["esm"]) and "?" not in got["esm"], got["esm"]
    assert got["mnist"] == 2000
    assert "node" not in os.listdir(venv / "bin")
