"""CNNSlicerView, link_views and where the bundles are."""

from __future__ import annotations

import pytest
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.widgets import CNNSlicerView, Selection, _static, link_views, static_file
from cnnslicer_widgets.widgets._static import FrontEnd, front_end


def test_a_view_alone_gets_its_own_selection() -> None:
    a, b = CNNSlicerView(), CNNSlicerView()
    assert isinstance(a.selection, Selection)
    assert a.selection is not b.selection


def test_views_built_on_one_selection_share_it() -> None:
    shared = Selection(epoch=3)
    a, b = CNNSlicerView(selection=shared), CNNSlicerView(selection=shared)
    assert a.selection is b.selection is shared


def test_the_selection_reaches_the_browser_as_a_widget_reference() -> None:
    view = CNNSlicerView()
    state, _, _ = _remove_buffers(view.get_state())
    assert state["selection"] == f"IPY_MODEL_{view.selection.model_id}"
    assert state["message"] == ""
    assert state["_front_end"] == f"IPY_MODEL_{front_end().model_id}"
    assert "_css" not in state  # the styles travel once, in the FrontEnd


def test_every_view_and_selection_share_one_front_end() -> None:
    views = [CNNSlicerView(), CNNSlicerView(selection=Selection())]
    shared = front_end()
    assert all(w._front_end is shared for w in [*views, *(v.selection for v in views)])
    state, _, _ = _remove_buffers(shared.get_state())
    lib = static_file("lib.js").read_text(encoding="utf-8")
    assert state["source"] == lib and len(state["digest"]) == 16
    assert state["_css"] == static_file("frontend.css").read_text(encoding="utf-8")
    # What each view sends is its own code, not the lib: the lib crosses once per kernel.
    for name in ("query", "performance", "layer", "channel", "information", "selection"):
        own = static_file(f"{name}.js").read_text(encoding="utf-8")
        assert "function formatNumber(" in lib and "function formatNumber(" not in own, name


def test_a_closed_front_end_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = FrontEnd()
    closed.close()  # as Widget.close_all() would; the session's own one is put back after
    monkeypatch.setattr(_static, "_shared", closed)
    new = front_end()
    assert isinstance(new, FrontEnd) and new is not closed and new.comm is not None
    assert CNNSlicerView()._front_end is new is front_end()


def test_link_views() -> None:
    a, b, c = CNNSlicerView(), CNNSlicerView(), CNNSlicerView()
    first = a.selection
    assert link_views(a, b, c) is first
    assert b.selection is c.selection is first
    other = Selection()
    assert link_views(a, b, selection=other) is other
    assert a.selection is b.selection is other and c.selection is first
    assert link_views(selection=other) is other


def test_link_views_refuses_what_it_cannot_link() -> None:
    with pytest.raises(TypeError, match="takes CNNSlicerView instances, got Selection"):
        link_views(CNNSlicerView(), Selection())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="at least one view"):
        link_views()
    with pytest.raises(TypeError, match="selection= must be a Selection, got dict"):
        link_views(CNNSlicerView(), selection={})  # type: ignore[arg-type]


def test_message_trait() -> None:
    view = CNNSlicerView(message="No layer selected.\nClick a layer.")
    assert view.message == "No layer selected.\nClick a layer."


def test_selection_displays_its_own_stub() -> None:
    sel = Selection()
    assert sel._esm == static_file("selection.js").read_text(encoding="utf-8")
    assert sel._repr_mimebundle_()[0]["application/vnd.jupyter.widget-view+json"]["model_id"]


def test_a_missing_bundle_says_how_to_build_it() -> None:
    with pytest.raises(FileNotFoundError, match="npm ci && node js/build.mjs"):
        static_file("no_such_view.js")
