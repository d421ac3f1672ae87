"""The in-memory core of intra-sample entropy (see intra.py): maps last, blocks of the
leading dim, per-channel ranges, and the compiled per-map pass.

Shared by :mod:`.intra` (public functions), :mod:`._dask_intra` (the lazy path) and the
cube driver (:mod:`.drivers`); it imports neither of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._inputs import (
    as_compute_values,
    compute_dtype,
    raise_nonfinite,
    require_dims,
)

_BLOCK_BYTES = 64 * 2**20


def channel_range(
    da: xr.DataArray,
    other: list[Hashable],
    channel_dim: Hashable,
    client: Any = None,
    progress: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel min and max over all other dims, shaped to broadcast over ``other``."""
    require_dims(
        da,
        [channel_dim],
        role="channel dim",
        hint="pass channel_dim=... or use range='sample'",
    )
    reduce = [d for d in da.dims if d != channel_dim]
    lo = da.min(dim=reduce, skipna=False)
    hi = da.max(dim=reduce, skipna=False)
    if _dask.is_lazy(da):  # one pass over the data, on the client when there is one
        lo, hi = _dask.compute(
            [lo, hi], client=client, scheduler="threads", desc="channel range", progress=progress
        )
    lo, hi = xr.broadcast(lo, hi)
    shape = [da.sizes[d] if d == channel_dim else 1 for d in other]
    return np.asarray(lo.values).reshape(shape), np.asarray(hi.values).reshape(shape)


def blocks(da: xr.DataArray, other: list[Hashable], map_size: int) -> list[slice]:
    """Slices of the leading dim so that one block holds about _BLOCK_BYTES."""
    if not other:
        return [slice(None)]
    per_lead = max(1, int(np.prod([da.sizes[d] for d in other[1:]]))) * map_size * 4
    step = max(1, _BLOCK_BYTES // per_lead)
    n = da.sizes[other[0]]
    return [slice(i, min(n, i + step)) for i in range(0, n, step)]


def maps_last(
    da: xr.DataArray, map_dims: Sequence[Hashable]
) -> tuple[xr.DataArray, list[Hashable], int]:
    """da with the map dims last (others in order), the other dims, and the map size."""
    other = [d for d in da.dims if d not in map_dims]
    map_size = int(np.prod([da.sizes[d] for d in map_dims]))
    if map_size == 0:
        raise ValueError(f"the feature maps are empty (sizes of {tuple(map_dims)} include 0)")
    return da.transpose(*other, *map_dims), other, map_size


def entropy_values(
    da: xr.DataArray,
    map_dims: Sequence[Hashable],
    bins: int,
    mode: str,
    fixed: tuple[float, float] | None,
    channel_dim: Hashable,
    bar: Any,
) -> np.ndarray:
    """Per-map entropies of ``da`` as an array over its non-map dims (in their order)."""
    from cnnslicer_widgets.estimators._kernels import rows_entropy

    da, other, map_size = maps_last(da, map_dims)
    compute_dtype(da.dtype)  # TypeError for non-numbers, before any reading
    if mode == "channel":
        ch_lo, ch_hi = channel_range(da, other, channel_dim)
    out = np.empty([da.sizes[d] for d in other], np.float64)
    for block in blocks(da, other, map_size):
        key = (block,) if other else ()
        values = as_compute_values(da.isel({other[0]: block} if other else {}).values)
        shape = values.shape[: len(other)]
        lo = hi = None
        if mode == "channel":
            lead_is_channel = other[0] == channel_dim
            lo = np.broadcast_to(ch_lo[block] if lead_is_channel else ch_lo, shape).ravel()
            hi = np.broadcast_to(ch_hi[block] if lead_is_channel else ch_hi, shape).ravel()
        elif mode == "fixed" and fixed is not None:
            n_maps = values.size // map_size
            lo, hi = np.full(n_maps, fixed[0]), np.full(n_maps, fixed[1])
        h, bad = rows_entropy(values.reshape(-1, map_size), bins, lo, hi)
        if bad.any():
            full = np.zeros(out.shape, bool)
            full[key] = bad.reshape(shape)
            raise_nonfinite(da, other, full, what="feature maps")
        out[key] = h.reshape(shape)
        bar.update(1)
    return out
