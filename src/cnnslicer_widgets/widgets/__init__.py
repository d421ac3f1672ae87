"""Linked Jupyter views over the hypercube (anywidget).

One shared :class:`Selection` model that every view reads and writes, one binary array
codec (:func:`to_buffer` / :func:`from_buffer`, the :class:`Array` trait), and
:class:`CNNSlicerView` / :class:`CubeView`, the base classes of the views; each view is one
Python class plus one ES module of its own in ``static/`` (built from ``js/`` at the
repository root; the code the views share and the one stylesheet reach the page once, in
the shared front end of ``_static.py``): the :class:`QueryView`, :class:`PerformanceView`,
:class:`LayerView`, :class:`ChannelView` and :class:`InformationView`, laid out and linked
together by :class:`CNNSlicer`, the app.
"""

from __future__ import annotations

from cnnslicer_widgets.sample_groups import SampleGroup, parse_sample_group
from cnnslicer_widgets.widgets._base import CNNSlicerView, CubeView, link_views
from cnnslicer_widgets.widgets._codec import (
    SUPPORTED_DTYPES,
    array_serialization,
    from_buffer,
    to_buffer,
)
from cnnslicer_widgets.widgets._static import STATIC, static_file
from cnnslicer_widgets.widgets.app import CNNSlicer
from cnnslicer_widgets.widgets.channel_view import ChannelView
from cnnslicer_widgets.widgets.export import save_html
from cnnslicer_widgets.widgets.information import InformationView
from cnnslicer_widgets.widgets.layer_view import LayerView
from cnnslicer_widgets.widgets.performance import PerformanceView
from cnnslicer_widgets.widgets.query import QueryView
from cnnslicer_widgets.widgets.selection import SELECTION_FIELDS, Selection
from cnnslicer_widgets.widgets.traits import HOVER_KINDS, Array

__all__ = [
    "HOVER_KINDS",
    "SELECTION_FIELDS",
    "STATIC",
    "SUPPORTED_DTYPES",
    "Array",
    "CNNSlicer",
    "CNNSlicerView",
    "CubeView",
    "ChannelView",
    "InformationView",
    "LayerView",
    "PerformanceView",
    "QueryView",
    "SampleGroup",
    "Selection",
    "array_serialization",
    "from_buffer",
    "link_views",
    "parse_sample_group",
    "save_html",
    "static_file",
    "to_buffer",
]
