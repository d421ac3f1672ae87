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


def test_one_module_per_view_and_the_shared_lib(repo: Path) -> None:
    # A module per view (its class's _esm), the lib they share, the FrontEnd model's _esm
    # and the page script of static HTML exports (widgets/export.py).
    views = sorted(p.stem for p in (repo / "js" / "views").glob("*.js"))
    shared = ["export_page", "frontend_model", "lib"]
    assert sorted(p.stem for p in STATIC.glob("*.js")) == sorted([*views, *shared])
    assert sorted(p.name for p in STATIC.glob("*.css")) == ["frontend.css"]
    lib = (STATIC / "lib.js").read_text(encoding="utf-8")
    listed = re.findall(
        r'^import \* as \w+ from "\./(lib/\w+\.js)";$', (repo / "js" / "lib.js").read_text(), re.M
    )
    assert len(listed) >= 5
    for module in listed:  # each lib module in lib.js, and in no view's module
        assert f"// js/{module}\n" in lib, module
    for name in [*views, "export_page"]:
        text = (STATIC / f"{name}.js").read_text(encoding="utf-8")
        assert not [m for m in listed if f"// js/{m}\n" in text], name
        assert re.search(r'require\d*\("lib:dom"\)', text), f"{name}.js does not use the lib"
    for name in views:
        text = (STATIC / f"{name}.js").read_text(encoding="utf-8")
        assert f"// factory:js/views/{name}.js" in text and f'viewModule("{name}"' in text


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
