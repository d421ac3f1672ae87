"""Channel capacity a block of source channels at a time (see capacity.py).

:func:`bin_layer` bins one layer's pair distances once (read a block of channels at a
time, as the streamed path reads a lazy layer); :class:`CapacityBlocks` then counts the
joint histograms of a few source channels per call, so a caller (the layer view) can
show the columns done, exact, and go on later without holding the kernel for the whole
matrix. The finished matrix equals :func:`~.capacity.channel_capacity`'s.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._capacity_core import (
    capacity_array,
    joint_entropies,
    layer_identity,
    layer_maps,
    pair_identity,
    sample_pairs,
)
from cnnslicer_widgets.estimators._dask_capacity import _BLOCK_BYTES, _bin_task
from cnnslicer_widgets.estimators._inputs import (
    check_bins,
    check_values,
    map_dims_of,
    raise_nonfinite,
    require_dims,
    require_samples,
)

__all__ = ["BinnedLayer", "CapacityBlocks", "bin_layer"]


@dataclass(frozen=True)
class BinnedLayer:
    """One layer's binned pair distances, (channel, pair) uint8, and H(C) per channel."""

    bins: np.ndarray
    entropy: np.ndarray
    channels: np.ndarray
    """The channel coord."""
    nbins: int
    max_pairs: int | None
    seed: int
    attrs: dict[str, Any]
    """``layer`` and ``epoch`` when the input said them."""

    @property
    def nbytes(self) -> int:
        return int(self.bins.nbytes + self.entropy.nbytes)


def bin_layer(
    da: xr.DataArray,
    role: str = "source",
    *,
    sample_dim: Hashable = "x",
    channel_dim: Hashable = "channel",
    map_dims: Sequence[Hashable] | None = None,
    bins: int = 32,
    max_pairs: int | None = None,
    seed: int = 0,
) -> BinnedLayer:
    """Bin the pair distances of every channel of one layer (as :func:`channel_capacity`).

    Examples
    --------
    >>> a = np.array([[0.0, 1.0, 3.0, 7.0], [0.0, 0.0, 0.0, 0.0]]).T[:, :, None, None]
    >>> b = bin_layer(xr.DataArray(a, dims=("x", "channel", "h", "w")), bins=4)
    >>> b.bins.shape, b.entropy.round(4).tolist()
    ((2, 6), [1.9183, 0.0])
    """
    check_values(da, role)
    maps = map_dims_of(da, map_dims)
    bins = check_bins(bins)
    hint = f"pass sample_dim=/channel_dim= naming them in the {role}"
    require_dims(da, [sample_dim, channel_dim], role=f"{role} dims", hint=hint)
    n = da.sizes[sample_dim]
    require_samples(n, sample_dim=sample_dim)
    layer = layer_maps(da, role, sample_dim, channel_dim, maps)
    pairs = None if max_pairs is None else sample_pairs(n, max_pairs, seed)
    n_pairs = n * (n - 1) // 2 if pairs is None else len(pairs[0])
    size = int(np.prod(layer.shape[2:]))
    per_channel = n * size * (layer.dtype.itemsize + 4) + n_pairs * 5
    parts = [
        _bin_task(np.asarray(layer[s].values), pairs, bins, None)
        for s in _dask.block_slices(layer.shape[0], per_channel, _BLOCK_BYTES)
    ]
    bad = np.concatenate([p[2] for p in parts])
    if bad.any():
        raise_nonfinite(layer, [channel_dim, sample_dim], bad, what=f"{role} feature maps")
    return BinnedLayer(
        bins=np.concatenate([p[0] for p in parts]),
        entropy=np.concatenate([p[1] for p in parts]),
        channels=np.asarray(da[channel_dim].values),
        nbins=bins,
        max_pairs=max_pairs,
        seed=seed,
        attrs=layer_identity(da),
    )


class CapacityBlocks:
    """The capacity matrix of two binned layers, counted a block of source channels at a
    time; :meth:`matrix` holds NaN in the columns of source channels not counted yet.

    Examples
    --------
    >>> a = np.array([[0.0, 1.0, 3.0, 7.0], [0.0, 0.0, 0.0, 0.0]]).T[:, :, None, None]
    >>> src = bin_layer(xr.DataArray(a, dims=("x", "channel", "h", "w")), bins=4)
    >>> job = CapacityBlocks(src, src)
    >>> job.step(1); job.done, job.complete, job.matrix().round(4).values.tolist()
    (1, False, [[1.9183, nan], [0.0, nan]])
    >>> job.run_for(1.0); job.complete, float(job.matrix().values[1, 1])
    (True, 0.0)
    """

    def __init__(self, source: BinnedLayer, target: BinnedLayer) -> None:
        if source.bins.shape[1] != target.bins.shape[1] or source.nbins != target.nbins:
            raise ValueError(
                f"source and target were binned differently ({source.bins.shape[1]} and "
                f"{target.bins.shape[1]} pairs, {source.nbins} and {target.nbins} bins): "
                "bin both over the same samples with the same bins="
            )
        self.source, self.target = source, target
        self.joint = np.full((len(source.bins), len(target.bins)), np.nan)
        self.done = 0
        """Source channels counted (the first ``done``)."""
        self.seconds = 0.0
        """Time spent counting so far."""
        self._per_channel: float | None = None

    @property
    def complete(self) -> bool:
        return self.done >= len(self.joint)

    def step(self, n: int) -> None:
        """Count the next ``n`` source channels (none once complete)."""
        if self.complete:
            return
        rows = slice(self.done, min(len(self.joint), self.done + max(1, int(n))))
        start = time.perf_counter()
        _, self.joint[rows] = joint_entropies(
            self.source.bins[rows], self.target.bins, self.source.nbins, "numba", None
        )
        took = time.perf_counter() - start
        self.seconds += took
        self._per_channel = took / (rows.stop - rows.start)
        self.done = rows.stop

    def run_for(self, seconds: float) -> None:
        """Count source channels for about ``seconds`` (at least one; all for inf)."""
        if math.isinf(seconds):
            self.step(len(self.joint))
            return
        start = time.perf_counter()
        first = True
        while not self.complete:
            left = seconds - (time.perf_counter() - start)
            if self._per_channel is None:
                n = 4  # a first measure of the cost per channel
            elif left <= 0.5 * self._per_channel:
                if not first:
                    return
                n = 1
            else:
                n = max(1, int(left / self._per_channel))
            self.step(n)
            first = False

    def matrix(self) -> xr.DataArray:
        """Capacity, dims (target_channel, source_channel), as channel_capacity gives it;
        ``attrs["channels_done"]`` while some columns are NaN (not counted yet)."""
        s, t = self.source, self.target
        n_pairs = s.bins.shape[1]
        extra = pair_identity(s.attrs, t.attrs)
        cap = capacity_array(
            s.entropy, t.entropy, self.joint, s.channels, t.channels,
            bins=s.nbins, n_pairs=n_pairs, max_pairs=s.max_pairs, seed=s.seed,
            method="numba", **extra,
        )  # fmt: skip
        if not self.complete:
            cap.values[:, self.done :] = np.nan
            cap.attrs["channels_done"] = self.done
        return cap
