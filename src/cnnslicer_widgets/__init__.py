"""cnnslicer_widgets: see where a convolutional network keeps or loses information.

Forward hooks fill the hypercube dCNN(x, layer, channel, epoch) while a model trains
(:mod:`cnnslicer_widgets.record`), one HDF5 file per run (:mod:`cnnslicer_widgets.store`),
opened as lazy xarray objects (:func:`open_cube`) for the entropy estimators
(:mod:`cnnslicer_widgets.estimators`) and the linked Jupyter views.

Importing this package does not import torch; the recorder, the datasets and the models
import it when first used.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
