"""cnnslicer_widgets: see where a convolutional network keeps or loses information.

Forward hooks fill the hypercube dCNN(x, layer, channel, epoch) while a model trains
(:class:`Recorder`), one HDF5 file per run (:mod:`cnnslicer_widgets.store`), opened as lazy
xarray objects (:func:`open_cube`) for the entropy estimators
(:mod:`cnnslicer_widgets.estimators`) and the linked Jupyter views.

Importing this package does not import torch: the recorder, the datasets and the models
import it when first used.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Everything loads on first use: importing the package (or cnnslicer_widgets.estimators)
# pulls in neither torch nor h5py.
_LAZY = {
    "Hypercube": "cnnslicer_widgets.cube",
    "open_cube": "cnnslicer_widgets.cube",
    "Recorder": "cnnslicer_widgets.record",
    "StoreTooLargeError": "cnnslicer_widgets.record",
    "list_layers": "cnnslicer_widgets.record",
    "Selection": "cnnslicer_widgets.widgets",
    "CNNSlicerView": "cnnslicer_widgets.widgets",
    "link_views": "cnnslicer_widgets.widgets",
    "CNNSlicer": "cnnslicer_widgets.widgets",
    "QueryView": "cnnslicer_widgets.widgets",
    "PerformanceView": "cnnslicer_widgets.widgets",
    "LayerView": "cnnslicer_widgets.widgets",
    "ChannelView": "cnnslicer_widgets.widgets",
    "InformationView": "cnnslicer_widgets.widgets",
    "save_html": "cnnslicer_widgets.widgets",
}

__all__ = sorted(["__version__", *_LAZY])


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cnnslicer_widgets' has no attribute {name!r}")
