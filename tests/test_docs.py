"""The documentation site builds in strict mode (broken links or API references fail)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_docs_build_strict(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    api = (tmp_path / "site" / "reference" / "record" / "index.html").read_text()
    assert "epoch_end" in api and "max_bytes" in api  # docstrings made it into the pages
    assert (tmp_path / "site" / "store" / "index.html").exists()
    site = tmp_path / "site"
    views = (site / "views" / "index.html").read_text()
    for image in ("query_968", "query_1280", "performance_view", "layer_view", "channel_view",
                  "information_view", "app_968", "app_1280"):
        assert f"images/{image}.png" in views and (site / "images" / f"{image}.png").is_file()
    widgets = (site / "reference" / "widgets" / "index.html").read_text()
    for name in ("QueryView", "PerformanceView", "LayerView", "ChannelView", "InformationView",
                 "CNNSlicer", "capacity_matrix"):
        assert name in widgets, name
    # The notebooks render as pages (code, not executed in the build).
    for notebook, code in (("mnist_case_study", "PER_CLASS"),
                           ("cifar10_case_study", "cifar_run"),
                           ("your_own_model", "resnet18")):
        assert code in (site / "notebooks" / notebook / "index.html").read_text(), notebook
    # The case studies are stored executed: their pages show the results (verdicts, tables
    # and figures as PNG) without running anything.
    for notebook, result in (("mnist_case_study", "Finding M1"),
                             ("cifar10_case_study", "Finding 1")):
        page = (site / "notebooks" / notebook / "index.html").read_text()
        assert result in page and "AGREES" in page, notebook
        assert page.count("data:image/png;base64") >= 4, notebook
    _check_selection_parameters(widgets)
    _check_reference_rendering(site)


def _check_selection_parameters(widgets_html: str) -> None:
    """Each Selection parameter has its own row and type in the reference (a combined
    "layers, channels, ..." entry gave every one of them ``list[str] | tuple``)."""
    import html
    import re

    start = widgets_html.index('id="cnnslicer_widgets.widgets.Selection"')
    section = widgets_html[start : widgets_html.index("Examples", start)]
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", section)))
    text = re.sub(r"\s*([\[\],|])\s*", r"\1", text)  # "list [ str ]" -> "list[str]"
    for name, kind in (("layers", "list[str]|tuple[str,...]"), ("channels", "list[int]|tuple[int,...]"),
                       ("epoch", "int"), ("sample_group", "str"), ("class_index", "int|None"),
                       ("hovered", "dict[str,Any]|None")):  # fmt: skip
        found = re.search(rf" {name} {re.escape(kind)}(?![|\[,])", text)
        assert found, f"Selection parameter {name}: {kind} missing:\n{text[:1500]}"


def _text(html_text: str) -> str:
    import html
    import re

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", html_text)))


def _check_reference_rendering(site) -> None:
    """What mkdocstrings cannot read by itself is rendered (docs/_ext/griffe_docstrings.py):
    Sphinx roles become links or code, grouped parameters ("bins, max_pairs, seed") get
    each its own default; every class and function heading has its signature."""
    import re

    for page in sorted((site / "reference").glob("*/index.html")):
        html_text = page.read_text()
        roles = re.findall(r":(?:func|class|meth|attr|mod|data|exc|obj):", _text(html_text))
        assert not roles, f"{page.parent.name}: {len(roles)} Sphinx roles rendered as text"
        assert "<autoref" not in html_text, f"{page.parent.name}: an autoref left unresolved"
    widgets = (site / "reference" / "widgets" / "index.html").read_text()
    for name in ("Selection", "QueryView", "PerformanceView", "LayerView", "ChannelView",
                 "InformationView", "CNNSlicer", "save_html", "link_views"):
        start = widgets.index(f'id="cnnslicer_widgets.widgets.{name}"')
        heading = widgets[start : widgets.index("</h", start)]
        after = widgets[start : start + 4000]
        assert "doc-signature" in after, f"{name}: no signature under its heading"
        assert f"cnnslicer_widgets.widgets.{name}" in _text(heading), heading[:300]
    rows = _text(widgets[widgets.index('id="cnnslicer_widgets.widgets.LayerView"'):])
    for name, kind, default in (("bins", "int", "32"), ("max_pairs", "int | None", "None"),
                                ("seed", "int", "0")):
        assert re.search(rf" {name} {re.escape(kind)} Passed to channel_capacity\(\) ?\. {default} ",
                         rows), f"LayerView {name}: {kind}, default {default}"
    rows = _text(widgets[widgets.index('id="cnnslicer_widgets.widgets.InformationView"'):])
    for name, default in (("noise_variance", "0.3"), ("relative_noise", "True"), ("bins", "30"),
                          ("n_permutations", "20"), ("seed", "0")):
        assert re.search(rf" {name} \w+ Passed to the estimators [^.]*\. {default} ", rows), name
