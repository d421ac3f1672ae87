"""The committed bundles in static/ are exactly what the JS sources build to."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from cnnslicer_widgets.widgets import STATIC


def test_committed_bundles_match_a_fresh_build(run_node: Callable, tmp_path: Path) -> None:
    run_node("js/build.mjs", "--outdir", str(tmp_path))
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in STATIC.iterdir() if p.suffix in {".js", ".css"}}
    assert sorted(committed) == sorted(fresh), (
        f"static/ holds {sorted(committed)} but the build makes {sorted(fresh)}: "
        "run `node js/build.mjs` and commit src/cnnslicer_widgets/widgets/static/"
    )
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, (
        f"static/{', static/'.join(stale)} differ from a fresh build of js/: "
        "run `node js/build.mjs` and commit the result"
    )


def test_one_bundle_per_view_source(repo: Path) -> None:
    # ... plus the page script of static HTML exports (widgets/export.py).
    views = sorted([*(p.stem for p in (repo / "js" / "views").glob("*.js")), "export_runtime"])
    bundles = sorted(p.stem for p in STATIC.glob("*.js"))
    assert views == bundles


def test_bundles_import_nothing_at_run_time() -> None:
    for bundle in STATIC.glob("*.js"):
        text = bundle.read_text(encoding="utf-8")
        imports = re.findall(r"^\s*import\b.*$|\bimport\(", text, flags=re.MULTILINE)
        if bundle.name == "export_runtime.js":  # imports the inlined view bundles (blob: URLs)
            imports = [i for i in imports if i != "import("]
        assert not imports, f"{bundle.name} still imports at run time: {imports[:3]}"
        assert "export default" in text or "export {" in text, f"{bundle.name} exports no module"
