"""Per-channel MI with the labels of one layer at one epoch, a block of channels at a time
(see mutual_info.py).

Every channel's estimate needs all samples of that channel and nothing else, so a caller
that must not hold the kernel for a whole layer (the information view: 0.25-1 s for a
resnet18 layer of 128-512 channels on 200 samples) runs :class:`ChannelMIBlocks` for a
fraction of a second at a time. The finished result equals
:func:`~.mutual_info.channel_label_mi_cube`'s for that layer and epoch.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _mi_inputs as inputs
from cnnslicer_widgets.estimators._cube import CubeLike, epoch_list, layer_names
from cnnslicer_widgets.estimators._mi_channels import estimate_channels, merge
from cnnslicer_widgets.estimators.mutual_info import (
    _attrs,
    _label_sets,
    _options,
    channel_coord,
    finish,
    layer_part,
)

__all__ = ["ChannelMIBlocks"]

FIRST = 4
"""Channels in the first block, timed to size the next ones."""


class ChannelMIBlocks:
    """:func:`~.mutual_info.channel_label_mi_cube` of one layer at one epoch, computed a
    block of channels per :meth:`step` (or per :meth:`run_for` ``seconds``).

    The layer is read at construction; keyword arguments are those of
    ``channel_label_mi_cube`` (checked at construction, as there).

    Examples
    --------
    >>> class Cube:  # channel 0 carries the label; channels 1-5 stay dead
    ...     layers, epochs = ["conv"], [0]
    ...     def activations(self, layer):
    ...         y = np.arange(20) % 2
    ...         v = np.zeros((1, 20, 6, 3))
    ...         v[0, :, 0] = y[:, None]
    ...         return xr.DataArray(v, dims=("epoch", "x", "channel", "pixel"),
    ...                             coords={"epoch": [0], "label": ("x", y)})
    >>> job = ChannelMIBlocks(Cube(), "conv", 0, method="binning", n_permutations=0)
    >>> job.step(2); job.done, job.complete
    (2, False)
    >>> job.run_for(1.0); job.complete
    True
    >>> job.result().mi.sel(layer="conv", epoch=0).values.tolist()
    [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """

    def __init__(self, cube: CubeLike, layer: str, epoch: int, *, labels: Any = None,
                 method: str = "kde", bound: str = "upper", noise_variance: float = 0.3,
                 relative_noise: bool = True, bins: int = 30,
                 range: str | tuple[float, float] = "own",  # noqa: A002 - as there
                 n_permutations: int = 20, seed: int = 0, device: Any = None,
                 dtype: str = "float64") -> None:  # fmt: skip
        self.opts = _options(method, bound, bins, range, noise_variance, relative_noise, dtype,
                             device)  # fmt: skip
        (layer,), (epoch,) = layer_names(cube, layer, raw=True), epoch_list(cube, [epoch])
        act = cube.activations(layer)
        codes, self.classes, self.sets, self.counts = _label_sets(act, labels, n_permutations,
                                                                  seed)  # fmt: skip
        self.layer, self.epoch = layer, int(epoch)
        act = act.sel(epoch=self.epoch)
        self.channels = channel_coord(act)
        _, self._x = inputs.stacked_values(act, "x", "channel", what=f"layer {layer!r}")
        self._attrs = _attrs(self.opts, n_permutations, seed, n_samples=len(codes))
        self._parts: list[dict] = []
        self.done = 0
        """Channels estimated (the first ``done``)."""
        self.seconds = 0.0
        """Time spent estimating so far."""

    @property
    def total(self) -> int:
        return len(self.channels)

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    def step(self, n: int) -> None:
        """Estimate the next ``n`` channels (none once complete)."""
        if self.complete:
            return
        rows = slice(self.done, min(self.total, self.done + max(1, int(n))))
        start = time.perf_counter()
        self._parts.append(estimate_channels(self._x[rows], self.sets, self.counts, self.opts))
        self.seconds += time.perf_counter() - start
        self.done = rows.stop
        if self.complete:
            self._x = np.empty((0, 0, 0))  # the layer's values are no longer needed

    def run_for(self, seconds: float) -> None:
        """Estimate blocks of channels for about ``seconds`` (at least one block; block
        sizes from the time per channel so far)."""
        end = time.perf_counter() + seconds
        while not self.complete:
            if self.done == 0:
                self.step(FIRST)
            else:
                left = end - time.perf_counter()
                per_channel = max(self.seconds / self.done, 1e-9)
                fits = min(float(self.total), left / per_channel)
                self.step(max(1, math.floor(fits)))
            if time.perf_counter() >= end:
                return

    def result(self) -> xr.Dataset:
        """The Dataset of ``channel_label_mi_cube(cube, layers=layer, epochs=[epoch])``
        (its warnings too); every channel is estimated first if not yet."""
        self.run_for(math.inf)
        part, notes = layer_part(self.layer, [self.epoch], self.channels,
                                 [merge(self._parts)], self.classes, self.counts)  # fmt: skip
        return finish([part], notes, self.total, self._attrs)
