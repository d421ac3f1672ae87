"""CNNSlicerView, link_views and where the bundles are."""

from __future__ import annotations

import pytest
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.widgets import CNNSlicerView, Selection, link_views, static_file


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
    assert state["_css"] == static_file("frontend.css").read_text(encoding="utf-8")


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


def test_selection_displays_its_own_bundle() -> None:
    sel = Selection()
    assert sel._esm == static_file("selection.js").read_text(encoding="utf-8")
    assert sel._repr_mimebundle_()[0]["application/vnd.jupyter.widget-view+json"]["model_id"]


def test_a_missing_bundle_says_how_to_build_it() -> None:
    with pytest.raises(FileNotFoundError, match="npm ci && node js/build.mjs"):
        static_file("no_such_view.js")
