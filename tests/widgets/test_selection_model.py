"""The shared Selection: validation, atomic updates, and rejecting bad browser updates."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import traitlets

from cnnslicer_widgets.widgets import HOVER_KINDS, SELECTION_FIELDS, Selection


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Messages the kernel sends to the browser (captured from Widget._send)."""
    messages: list[dict[str, Any]] = []
    monkeypatch.setattr(Selection, "_send", lambda self, msg, buffers=None: messages.append(msg))
    return messages


def test_defaults_and_repr() -> None:
    sel = Selection()
    assert sel.snapshot() == {
        "layers": [],
        "channels": [],
        "epoch": 0,
        "sample_group": "all",
        "class_index": None,
        "hovered": {},
    }
    assert list(sel.snapshot()) == list(SELECTION_FIELDS)
    assert sel.error == ""
    assert repr(sel).startswith("Selection(layers=[], channels=[], epoch=0")


def test_every_trait_has_a_docstring_and_syncs() -> None:
    import inspect

    source = inspect.getsource(Selection)
    for name in (*SELECTION_FIELDS, "error"):
        assert Selection.class_traits()[name].metadata.get("sync") is True, name
        declared = source.index(f"    {name} = ")
        assert source[source.index("\n", declared) + 1 :].lstrip().startswith('"""'), name


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("layers", ("conv1", "conv2"), ["conv1", "conv2"]),
        ("layers", "conv1", ["conv1"]),  # traitlets' List wraps a lone string
        ("channels", [np.int64(3), 0], [3, 0]),
        ("channels", range(3), None),
        ("epoch", np.int32(4), 4),
        ("class_index", None, None),
        ("class_index", 9, 9),
        ("sample_group", "label==3   and pred==5", "label == 3 and pred == 5"),
        ("sample_group", " incorrect", "incorrect"),
        (
            "hovered",
            {"kind": "channel", "layer": "conv1", "channel": 2, "source": "layer-view"},
            None,
        ),
        (
            "hovered",
            {"kind": "cell", "layer": "a", "channel": 0, "to_layer": "b", "to_channel": 1},
            None,
        ),
        ("hovered", {}, {}),
    ],
)
def test_valid_values_are_stored_in_plain_python_form(name: str, value: Any, stored: Any) -> None:
    sel = Selection()
    if name == "channels" and isinstance(value, range):
        with pytest.raises(traitlets.TraitError):  # a range is not a list: say so
            setattr(sel, name, value)
        return
    setattr(sel, name, value)
    want = value if stored is None and name != "class_index" else stored
    assert getattr(sel, name) == want
    if name in {"channels", "epoch"}:
        values = getattr(sel, name)
        assert all(type(v) is int for v in (values if isinstance(values, list) else [values]))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("layers", 3, "must be a list"),
        ("layers", ["conv1", "conv1"], "distinct"),
        ("layers", ["conv1", ""], "non-empty"),
        ("layers", [3], "layer names"),
        ("channels", [-1], "distinct non-negative integers; got \\[-1\\]"),
        ("channels", [1, 1], "distinct"),
        ("channels", [1.0], "integers"),
        ("channels", [True], "integers"),
        ("channels", ["2"], "integers"),
        ("epoch", -1, "non-negative integer"),
        ("epoch", True, "non-negative integer"),
        ("epoch", 1.5, "int"),
        ("class_index", -2, "None or a non-negative integer"),
        ("sample_group", "label = 3", "not understood; use 'all'"),
        ("sample_group", "label == 3 and label == 4", "not understood"),
        ("hovered", {"layer": "conv1"}, "needs 'kind'"),
        ("hovered", {"kind": "channel", "layer": "conv1"}, "kind 'channel' needs channel"),
        ("hovered", {"kind": "layer", "layer": "a", "colour": "red"}, "unknown key"),
        ("hovered", {"kind": "layer", "layer": ""}, "non-empty string"),
        ("hovered", {"kind": "epoch", "epoch": -1}, "non-negative integer for 'epoch'"),
        ("hovered", [1], "dict"),
    ],
)
def test_malformed_values_raise_clear_errors(name: str, value: Any, message: str) -> None:
    sel = Selection(layers=["conv1"], channels=[1], epoch=2, sample_group="correct", class_index=1)
    before = sel.snapshot()
    with pytest.raises(traitlets.TraitError, match=message):
        setattr(sel, name, value)
    assert sel.snapshot() == before


def test_hover_kinds_cover_the_documented_items() -> None:
    assert set(HOVER_KINDS) == {"layer", "channel", "class", "epoch", "sample", "cell"}


def test_update_is_atomic_and_notifies_once_per_field() -> None:
    sel = Selection(layers=["conv1"])
    seen: list[tuple[str, Any]] = []
    sel.observe(
        lambda c: seen.append((c["name"], sel.snapshot()["channels"])), ["layers", "channels"]
    )
    sel.update(layers=["conv2"], channels=[4])
    # observers see the whole update, whatever the order they run in
    assert sorted(seen) == [("channels", [4]), ("layers", [4])]
    with pytest.raises(traitlets.TraitError, match="channels"):
        sel.update(layers=["conv3"], channels=[-1])
    assert sel.layers == ["conv2"] and sel.channels == [4]
    with pytest.raises(TypeError, match="unknown field\\(s\\) \\['layer'\\]; fields: layers"):
        sel.update(layer=["conv1"])


def test_update_sends_one_message(sent: list[dict[str, Any]]) -> None:
    sel = Selection()
    sent.clear()
    sel.update(layers=["conv1"], channels=[1, 2], epoch=3)
    assert len(sent) == 1
    assert sent[0]["method"] == "update"
    assert sent[0]["state"] == {"layers": ["conv1"], "channels": [1, 2], "epoch": 3}


def test_clear_keeps_the_epoch() -> None:
    sel = Selection(
        layers=["a"],
        channels=[1],
        epoch=7,
        sample_group="label == 1",
        class_index=1,
        hovered={"kind": "layer", "layer": "a"},
    )
    sel.clear()
    assert sel.snapshot() == {**Selection().snapshot(), "epoch": 7}


def test_constructor_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Selection(["conv1"])  # type: ignore[misc]
    with pytest.raises(TypeError):
        Selection(layer=["conv1"])  # type: ignore[call-arg]


# -- updates from the browser ---------------------------------------------------------


def test_browser_update_is_applied(sent: list[dict[str, Any]]) -> None:
    sel = Selection()
    sel.set_state({"channels": [2, 5], "sample_group": "label==1"})
    assert sel.channels == [2, 5]
    assert sel.sample_group == "label == 1"
    # the canonical form differs from what the browser sent, so it goes back
    updates = [m["state"] for m in sent if m["method"] == "update"]
    assert {"sample_group": "label == 1"} in updates


def test_malformed_browser_update_is_rejected_reverted_and_reported(
    sent: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    sel = Selection(layers=["conv1"], channels=[1])
    sent.clear()
    sel.set_state({"layers": ["conv2"], "channels": [-1, "x"]})
    assert sel.layers == ["conv1"] and sel.channels == [1], "nothing applied"
    assert "Selection.channels must be a list of distinct non-negative integers" in sel.error
    assert sel.error.startswith("Rejected an update from the browser")
    reverts = [m["state"] for m in sent if m["method"] == "update" and "channels" in m["state"]]
    assert reverts == [{"layers": ["conv1"], "channels": [1]}], (
        "the browser is told the kernel's values"
    )
    assert any("rejected a selection update" in r.message for r in caplog.records)
    # the next good update from the browser clears the report
    sel.set_state({"channels": [3]})
    assert sel.channels == [3] and sel.error == ""


def test_hover_updates_do_not_hide_a_rejection() -> None:
    sel = Selection()
    sel.set_state({"epoch": -3})
    assert "epoch" in sel.error
    sel.set_state({"hovered": {"kind": "layer", "layer": "conv1"}})
    assert "epoch" in sel.error


def test_browser_cannot_write_the_error_report() -> None:
    sel = Selection()
    sel.set_state({"error": "hacked", "epoch": 2})
    assert sel.error == "" and sel.epoch == 2
