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


def test_one_stub_per_view_and_the_shared_front_end(repo: Path) -> None:
    # A stub per view (its class's _esm), the front end they share, the FrontEnd model's
    # _esm and the page script of static HTML exports (widgets/export.py).
    views = sorted(p.stem for p in (repo / "js" / "views").glob("*.js"))
    shared = ["export_page", "frontend", "frontend_model"]
    assert sorted(p.stem for p in STATIC.glob("*.js")) == sorted([*views, *shared])
    assert sorted(p.name for p in STATIC.glob("*.css")) == ["frontend.css"]
    lib = (STATIC / "frontend.js").read_text(encoding="utf-8")
    for name in views:  # each stub is small: the view's code is in frontend.js only
        stub = (STATIC / f"{name}.js").read_text(encoding="utf-8")
        assert len(stub) < 4000 and f'viewStub("{name}")' in stub, name
        assert f"// js/views/{name}.js" in lib and f"// js/views/{name}.js" not in stub


def test_bundles_import_nothing_at_run_time() -> None:
    for bundle in STATIC.glob("*.js"):
        text = bundle.read_text(encoding="utf-8")
        imports = re.findall(r"^\s*import\b.*$", text, flags=re.MULTILINE)
        assert not imports, f"{bundle.name} still imports at run time: {imports[:3]}"
        # Only the loader's import() of Blob URLs made from text in the page.
        literal = re.findall(r"\bimport\(\s*(?:/\*.*?\*/\s*)?[\"'`]", text, flags=re.DOTALL)
        assert not literal, f"{bundle.name} imports a fixed URL: {literal[:3]}"
        if bundle.name != "export_page.js":  # a page's <script type="module">, not a module
            assert "export default" in text or "export {" in text, f"{bundle.name} exports nothing"
