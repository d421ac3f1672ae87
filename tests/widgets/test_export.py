"""Static HTML export (widgets/export.py): one self-contained file per view, box or app.

The views are built on a real recorded LeNet/MNIST run (tests/helpers/lenet_run.py); the
page's own model code (js/export/static_model.js) decodes the exported buffers in node, so
the round trip is checked through the code the browser runs. Drawing in Chromium is
tests/browser/test_export.py.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as W
import numpy as np
import pytest
import traitlets

from cnnslicer_widgets.widgets import SUPPORTED_DTYPES, Array, Selection, static_file, to_buffer
from cnnslicer_widgets.widgets.export import export_document, save_html, to_html
from helpers.export_views import lenet_views
from helpers.lenet_run import lenet_run

XML_NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
}
"""Namespace names the bundles mention (createElementNS); never fetched."""

BUNDLES = {
    "QueryView": "query.js",
    "PerformanceView": "performance.js",
    "LayerView": "layer.js",
    "ChannelView": "channel.js",
    "Selection": "selection.js",
    "FrontEnd": "frontend_model.js",
}
"""The _esm of each anywidget class in an export: a view's module, the FrontEnd's loader."""

LIB_MARKERS = (
    "function h(",  # js/lib/dom.js
    "function decode(",  # js/lib/codec.js
    "var SelectionClient = class",  # js/lib/selection.js
    "function defineView(",  # js/lib/view.js
)
"""Text that occurs once in static/lib.js and in no view's module."""

DECODE = """
import fs from "node:fs";
import { decode } from "./js/lib/codec.js";
import { StaticManager } from "./js/export/static_model.js";
const doc = JSON.parse(fs.readFileSync(0, "utf8"));
const manager = new StaticManager(doc);
const out = {};
const isPayload = (v) => v && typeof v === "object" && "dtype" in v && "shape" in v && "buffer" in v;
const walk = (value, path, into) => {
  if (isPayload(value)) {
    const b = value.buffer;
    const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    into[path] = { dtype: value.dtype, shape: decode(value).shape, hex: Buffer.from(bytes).toString("hex") };
  } else if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, into);
  }
};
for (const [id, model] of manager.models) walk(model._state, "", (out[id] = {}));
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The four views of the real run, sharing one Selection, and a VBox of them."""
    out = lenet_views(lenet_run(tmp_path_factory))
    names = ("query", "performance", "layer", "channel")
    return {**out, "box": W.VBox([out["selection"], *(out[k] for k in names)])}


def embedded(page: str) -> dict[str, Any]:
    """The JSON document of an exported page."""
    m = re.search(
        r'<script type="application/json" id="cnnslicer-export">(.*?)</script>', page, re.S
    )
    assert m, "no export document in the page"
    return json.loads(m.group(1))


def python_payloads(widget: W.Widget) -> dict[str, tuple[str, list[int], bytes]]:
    """Every binary payload in a widget's state: dotted path -> (dtype, shape, bytes)."""
    out: dict[str, tuple[str, list[int], bytes]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict) and {"dtype", "shape", "buffer"} <= value.keys():
            out[path] = (value["dtype"], list(value["shape"]), bytes(value["buffer"]))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else str(k))

    walk(widget.get_state(), "")
    return out


def test_the_page_is_self_contained_with_every_bundle_and_state(
    views: dict[str, Any], tmp_path: Path
) -> None:
    path = save_html(views["box"], tmp_path / "views.html", title="LeNet <views>")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<title>LeNet &lt;views&gt;</title>" in page
    # Nothing to fetch: no src/href attributes, no URL but XML namespace names.
    assert not re.search(r"\s(src|href)\s*=", page, re.I)
    urls = set(re.findall(r"https?://[^\s\"'`)<>\\]+", page))
    assert urls <= XML_NAMESPACES, urls - XML_NAMESPACES
    assert page.count('<script type="module">') == 1
    script = static_file("export_page.js").read_text(encoding="utf-8")
    assert script.strip() in page

    doc = embedded(page)
    models = doc["models"]
    assert doc["roots"] == [views["box"].model_id]
    classes = sorted(m["python_class"] for m in models.values() if m["name"] == "AnyModel")
    assert classes == sorted(BUNDLES)
    for spec in models.values():
        if spec["name"] != "AnyModel":
            continue
        bundle = static_file(BUNDLES[spec["python_class"]]).read_text(encoding="utf-8")
        assert spec["state"]["_esm"] == {"$asset": spec["esm_key"]}
        assert doc["assets"][spec["esm_key"]] == bundle
    # The front end (code and stylesheet) once, for the five widgets that share it.
    front = models[doc["front_end"]]
    assert front["python_class"] == "FrontEnd"
    assert doc["assets"][front["css_key"]] == static_file("frontend.css").read_text()
    lib = static_file("lib.js").read_text(encoding="utf-8")
    assert doc["assets"][front["state"]["source"]["$asset"]] == lib
    assert len(doc["assets"]) == len(BUNDLES) + 2  # each _esm, the source, the stylesheet

    # The current state, as the kernel would send it (arrays aside).
    for name in ("selection", "query", "performance", "layer", "channel"):
        widget = views[name]
        state = models[widget.model_id]["state"]
        python = widget.get_state()
        for key, value in python.items():
            if key in {"_esm", "_css"} or key in python_payloads(widget):
                continue
            assert json.loads(json.dumps(state[key])) == json.loads(
                json.dumps(value, default=list)
            ), (name, key)
    sel_state = models[views["selection"].model_id]["state"]
    assert sel_state["layers"] == ["conv1", "conv2"] and sel_state["epoch"] == 3
    assert models[views["layer"].model_id]["state"]["selection"] == (
        f"IPY_MODEL_{views['selection'].model_id}"
    )


def test_an_app_export_carries_the_front_end_once(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from cnnslicer_widgets.widgets.app import CNNSlicer

    app = CNNSlicer(lenet_run(tmp_path_factory), watch=False)
    page = save_html(app, tmp_path / "app.html").read_text(encoding="utf-8")
    doc = embedded(page)
    lib = static_file("lib.js").read_text(encoding="utf-8")
    assert list(doc["assets"].values()).count(lib) == 1
    for marker in LIB_MARKERS:  # and no other asset, nor the page script, holds lib code
        assert lib.count(marker) == 1, marker
        assert page.count(marker) == 1, marker
    for name in ("query", "performance", "layer", "channel", "information", "selection"):
        own = static_file(f"{name}.js").read_text(encoding="utf-8")  # each view's code once
        assert list(doc["assets"].values()).count(own) == 1, name
    assert page.count("function boot(") == 1  # the export runtime, in the page script
    drawn = [m["python_class"] for m in doc["models"].values() if "esm_key" in m]
    assert sorted(drawn) == sorted([*(type(v).__name__ for v in app.views.values()),
                                    "Selection", "FrontEnd"])  # fmt: skip
    css = static_file("frontend.css").read_text(encoding="utf-8")
    assert list(doc["assets"].values()).count(css) == 1
    assert [m.get("css_key") for m in doc["models"].values() if "css_key" in m] == [
        doc["models"][doc["front_end"]]["css_key"]
    ]
    app.close()


def test_view_buffers_round_trip_through_the_page_models(
    views: dict[str, Any], run_node: Callable
) -> None:
    doc = export_document(views["box"])
    decoded = json.loads(
        run_node("--input-type=module", "-e", DECODE, stdin=json.dumps(doc)).stdout
    )
    checked = 0
    for name in ("performance", "layer", "channel"):  # the query view sends no arrays
        widget = views[name]
        payloads = python_payloads(widget)
        assert payloads, f"{name} sends no arrays?"
        got = decoded[widget.model_id]
        assert sorted(got) == sorted(payloads), name
        for key, (dtype, shape, raw) in payloads.items():
            assert got[key]["dtype"] == dtype and got[key]["shape"] == shape, (name, key)
            assert bytes.fromhex(got[key]["hex"]) == raw, (name, key)
            checked += 1
    assert checked >= 15  # capacity, orders, images, maps, entropies, confusion, loss, ...


class ArrayHolder(anywidget.AnyWidget):
    """Every supported dtype with awkward values, and payloads nested in a dict."""

    _esm = "export default { render({ model, el }) { el.textContent = model.get('label'); } }"
    label = traitlets.Unicode("arrays").tag(sync=True)
    nested = traitlets.Dict().tag(sync=True)
    locals().update({f"a_{d}": Array(dtype=d).tag(sync=True) for d in SUPPORTED_DTYPES})


def awkward(dtype: str) -> np.ndarray:
    if dtype == "bool":
        return np.array([[True, False, True]])
    if np.dtype(dtype).kind == "f":
        return np.array([[0.0, -0.0, np.nan], [np.inf, -np.inf, 1.5]], dtype=dtype)
    info = np.iinfo(dtype)
    return np.array([[info.min, 0, info.max]], dtype=dtype)


def test_every_dtype_and_nested_buffers_round_trip(run_node: Callable) -> None:
    holder = ArrayHolder(**{f"a_{d}": awkward(d) for d in SUPPORTED_DTYPES})
    empty = np.zeros((0, 3), dtype="float32")
    holder.nested = {
        "maps": to_buffer(np.arange(6, dtype="uint8").reshape(2, 3)),
        "none": to_buffer(empty),
    }
    doc = export_document(holder)
    spec = doc["models"][holder.model_id]
    paths = sorted(tuple(b["path"]) for b in spec["buffers"])
    assert ("nested", "maps", "buffer") in paths and ("a_int64", "buffer") in paths
    assert spec["state"]["nested"]["maps"]["buffer"] is None  # moved to spec["buffers"]
    decoded = json.loads(
        run_node("--input-type=module", "-e", DECODE, stdin=json.dumps(doc)).stdout
    )
    got = decoded[holder.model_id]
    for dtype in SUPPORTED_DTYPES:
        want = awkward(dtype)
        entry = got[f"a_{dtype}"]
        assert entry["dtype"] == dtype and entry["shape"] == list(want.shape)
        back = np.frombuffer(bytes.fromhex(entry["hex"]), dtype=np.dtype(dtype).newbyteorder("<"))
        np.testing.assert_array_equal(back.reshape(want.shape), want, err_msg=dtype)
        if np.dtype(dtype).kind == "f":  # the sign of -0.0 survives
            assert np.signbit(back.reshape(want.shape)[0, 1])
    assert bytes.fromhex(got["nested.maps"]["hex"]) == bytes(range(6))
    assert got["nested.none"] == {"dtype": "float32", "shape": [0, 3], "hex": ""}


def test_non_finite_numbers_in_json_state_become_null() -> None:
    class Holder(anywidget.AnyWidget):
        _esm = "export default { render() {} }"
        info = traitlets.Dict().tag(sync=True)

    w = Holder(info={"vmax": float("nan"), "vals": [1.0, float("inf")], "n": np.int64(3)})
    state = export_document(w)["models"][w.model_id]["state"]
    assert state["info"] == {"vmax": None, "vals": [1.0, None], "n": 3}
    json.dumps(state, allow_nan=False)


def test_kernel_traits_name_the_views_python_would_redraw(views: dict[str, Any]) -> None:
    doc = export_document(views["box"])
    ids = {name: views[name].model_id for name in ("query", "performance", "layer", "channel")}
    sel = doc["kernel_traits"][views["selection"].model_id]
    assert set(sel["epoch"]) == {ids["performance"], ids["layer"], ids["channel"]}
    assert set(sel["layers"]) == {ids["layer"], ids["channel"]}  # the channel view's lambda too
    assert "hovered" not in sel  # hovering needs no Python
    # The query view's pending query follows the selection in JS: never flagged.
    assert ids["query"] not in {v for owners in sel.values() for v in owners}
    assert ids["query"] not in doc["kernel_traits"]
    layer = doc["kernel_traits"][ids["layer"]]
    assert layer["sort_by"] == [ids["layer"]] and layer["picked"] == [ids["layer"]]


def test_text_cannot_end_the_script_early(tmp_path: Path) -> None:
    evil = '</script><script>document.title="pwned"</script><!-- & "quotes"'
    box = W.VBox([W.HTML(evil), W.Label(evil)])
    page = to_html(box)
    assert evil not in page and "</script><script>" not in page
    values = [m["state"].get("value") for m in embedded(page)["models"].values()]
    assert values.count(evil) == 2


def test_a_module_that_starts_with_a_comment_is_code_not_a_url() -> None:
    class Commented(anywidget.AnyWidget):
        _esm = "// a comment first, as esbuild writes it\nexport default { render() {} };\n"

    w = Commented()
    doc = export_document(w)
    assert doc["assets"][doc["models"][w.model_id]["esm_key"]] == Commented._esm


def test_title_defaults_to_the_class_and_footer_is_optional() -> None:
    sel = Selection()
    page = to_html(sel)
    assert f"<title>{html.escape('Selection (cnnslicer_widgets)')}</title>" in page
    assert 'data-role="export-footer"' in page
    assert 'data-role="export-footer"' not in to_html(sel, footer=False)


class RemoteWidget(anywidget.AnyWidget):
    _esm = "https://example.com/widget.js"


def closed_selection() -> Selection:
    sel = Selection()
    sel.close()
    return sel


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: 42, ["got int, not a widget", "CNNSlicer view"]),
        (lambda: [], ["nothing to export"]),
        (
            lambda: W.VBox([Selection(), W.IntSlider()]),
            ["VBox.children[1]", "IntSlider", "IntSliderModel", "HBox", "Tab", "Leave it out"],
        ),
        (lambda: W.Tab([W.VBox([W.Output()])]), ["Tab.children[0].children[0]", "Output"]),
        (lambda: RemoteWidget(), ["RemoteWidget loads its front end from", "example.com"]),
        (lambda: closed_selection(), ["Selection was closed"]),
        (lambda: W.Layout(width="10px"), ["Layout only styles another widget"]),
        (lambda: [Selection(), "text"], ["got str, not a widget"]),
    ],
    ids=["int", "empty", "slider-in-box", "output-deep", "url-esm", "closed", "layout", "list"],
)
def test_bad_input_names_the_problem(make: Callable[[], Any], words: list[str]) -> None:
    with pytest.raises(TypeError) as err:
        export_document(make())
    for word in words:
        assert word in str(err.value), str(err.value)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_html(Selection(), tmp_path / "no" / "such" / "folder" / "x.html")
