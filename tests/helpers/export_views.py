"""The four views of the recorded LeNet run (lenet_run.py), linked, for the export tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def lenet_views(store: Path, *, deconv: bool = False) -> dict[str, Any]:
    """Selection (conv1, conv2 at epoch 3) and the query, performance, layer and channel
    views sharing it; the layer view has cell (0, 0) picked so feature maps are in its state.
    ``deconv=True`` passes the LeNet model for deconvnet rows."""
    from cnnslicer_widgets.cube import open_cube
    from cnnslicer_widgets.models import mnist_lenet
    from cnnslicer_widgets.widgets import Selection
    from cnnslicer_widgets.widgets.channel_view import ChannelView
    from cnnslicer_widgets.widgets.layer_view import LayerView
    from cnnslicer_widgets.widgets.performance import PerformanceView
    from cnnslicer_widgets.widgets.query import QueryView

    cube = open_cube(store)
    sel = Selection(layers=["conv1", "conv2"], epoch=3)
    model = mnist_lenet() if deconv else None
    views = {
        "query": QueryView(cube, selection=sel),
        "performance": PerformanceView(cube, selection=sel, progress=False),
        "layer": LayerView(cube, sel, model=model),
        "channel": ChannelView(cube, sel, model=model),
    }
    views["layer"].picked = [0, 0]
    return {"selection": sel, **views}
