"""Information measures of CNNSlicer (Shen & Shen 2021, Sec. 4.4 and 5), as pure functions.

xarray in, xarray out, results in bits with the estimator and its parameters in ``attrs``.
Options are keyword-only and mean the same everywhere (``method``, ``range``, ``bins``,
``dtype``, ``device``, ``progress``, ``client``: see :mod:`._inputs`); long computations
show a progress bar (``progress=False`` hides it). Every ``*_cube`` driver has one shape,
``f(cube, *, layers=None, epochs=None, ...)``, over any :class:`CubeLike`.

- :func:`intra_sample_entropy`: entropy of each feature map's value histogram (4.4.2);
  :func:`channel_entropy` and :func:`class_entropy` average it over samples or per class;
  :func:`intra_sample_entropy_cube` fills the whole dCNN(x, layer, channel, epoch) cube.
- :func:`inter_sample_entropy`: diversity of a set of samples (4.4.1, Eq. 4-7).
- :func:`entropy_label_given_pred`, :func:`entropy_pred_given_label`,
  :func:`soft_entropy_pred_given_label`, :func:`confusion_matrix`: training performance (5.2).
- :func:`channel_capacity` and :func:`sort_capacity`: information between the channels of
  two layers (5.3).
- :func:`information_plane` and :func:`information_plane_cube`: I(X;T) and I(T;Y) per
  layer and epoch, binning and KDE bounds (Fang et al. 2018 Sec. 4, Saxe et al.).
- :func:`channel_label_mi`, :func:`channel_label_mi_cube` and :func:`rank_channels`:
  per-channel MI with the labels, K-class and one-vs-rest, with rank orders (Fang et al.
  5.2-5.3); every MI estimator can report a shuffled-label null.
- :mod:`.bands`: :func:`~.bands.resampled` runs any of them on resampled probe sets,
  :func:`~.bands.band` gives the median and a central interval, so that a comparison can be
  called beyond the noise (:func:`~.bands.sign_beyond_band`).

Importing this package is light: torch, numba and pynndescent load when first needed.
"""

from __future__ import annotations

from cnnslicer_widgets.estimators._cube import CubeLike
from cnnslicer_widgets.estimators._mi_inputs import InformationEstimateWarning
from cnnslicer_widgets.estimators.capacity import channel_capacity, sort_capacity
from cnnslicer_widgets.estimators.infoplane import information_plane, information_plane_cube
from cnnslicer_widgets.estimators.inter import inter_sample_entropy
from cnnslicer_widgets.estimators.intra import (
    channel_entropy,
    class_entropy,
    entropy_from_histogram,
    intra_sample_entropy,
    intra_sample_entropy_cube,
)
from cnnslicer_widgets.estimators.labels import (
    confusion_matrix,
    entropy_label_given_pred,
    entropy_pred_given_label,
    soft_entropy_pred_given_label,
)
from cnnslicer_widgets.estimators.mutual_info import (
    channel_label_mi,
    channel_label_mi_cube,
    rank_channels,
)

__all__ = [
    "CubeLike",
    "InformationEstimateWarning",
    "channel_capacity",
    "channel_entropy",
    "channel_label_mi",
    "channel_label_mi_cube",
    "class_entropy",
    "confusion_matrix",
    "entropy_from_histogram",
    "entropy_label_given_pred",
    "entropy_pred_given_label",
    "information_plane",
    "information_plane_cube",
    "inter_sample_entropy",
    "intra_sample_entropy",
    "intra_sample_entropy_cube",
    "rank_channels",
    "soft_entropy_pred_given_label",
    "sort_capacity",
]
