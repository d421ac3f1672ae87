"""Intra-sample entropy of dask-backed input (see intra.py), one task per chunk.

Each task reads one chunk of whole maps (on a cluster, in the worker) and returns only its
maps' entropies; memory holds a few chunks, never the array. The result equals the
in-memory one (same kernel, same ranges).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._inputs import as_compute_values, raise_nonfinite
from cnnslicer_widgets.estimators._intra_core import channel_range, maps_last


def _chunk_entropy(
    block: np.ndarray,
    *,
    n_map: int,
    bins: int,
    mode: str,
    fixed: tuple[float, float] | None,
    lo: np.ndarray | None,
    hi: np.ndarray | None,
    threads: int | None,
    block_info: dict | None = None,
) -> np.ndarray:
    """Entropies of the maps of one dask block (..., *map): NaN marks a non-finite map."""
    from cnnslicer_widgets.estimators._kernels import rows_entropy

    lead = block.shape[: block.ndim - n_map]
    values = as_compute_values(block)
    values = values.reshape(int(np.prod(lead)), -1)
    if mode == "channel" and lo is not None and hi is not None and block_info is not None:
        # this block's part of the per-channel ranges
        where = block_info[0]["array-location"][: len(lead)]
        key = tuple(slice(None) if n == 1 else slice(*w) for n, w in zip(lo.shape, where, strict=True))
        lo = np.broadcast_to(lo[key], lead).ravel()
        hi = np.broadcast_to(hi[key], lead).ravel()
    elif mode == "fixed" and fixed is not None:
        lo, hi = np.full(len(values), fixed[0]), np.full(len(values), fixed[1])
    with _dask.kernel_threads(threads):
        h, _ = rows_entropy(values, bins, lo, hi)
    return h.reshape(lead)


def lazy_entropy(
    da: xr.DataArray,
    map_dims: Sequence[Hashable],
    bins: int,
    mode: str,
    fixed: tuple[float, float] | None,
    channel_dim: Hashable,
    client: Any,
    progress: bool,
) -> Any:
    """Per-map entropies of a dask-backed ``da`` as a lazy dask array over its other dims.

    One task per chunk; a chunk must hold whole maps, so the map dims are rechunked to one
    chunk only when they are split (a cube's chunks always hold whole maps).
    """
    da, other, _ = maps_last(da, map_dims)
    arr = da.data
    map_axes = range(len(other), arr.ndim)
    if any(len(arr.chunks[a]) > 1 for a in map_axes):
        arr = arr.rechunk({a: -1 for a in map_axes})
    lo = hi = None
    if mode == "channel":
        lo, hi = channel_range(da, other, channel_dim, client, progress)
    threads = _dask.task_threads(_dask.resolve_client(client), "threads")
    return arr.map_blocks(
        _chunk_entropy,
        drop_axis=list(map_axes),
        dtype=np.float64,
        meta=np.empty((0,) * len(other), np.float64),
        n_map=len(map_dims),
        bins=bins,
        mode=mode,
        fixed=fixed,
        lo=lo,
        hi=hi,
        threads=threads,
    )


def check_lazy_result(da: xr.DataArray, other: list[Hashable], values: np.ndarray) -> None:
    """Raise, naming where, if a map of a lazily computed result held NaN or inf."""
    bad = np.isnan(values)
    if bad.any():
        raise_nonfinite(da.transpose(*other, ...), other, bad, what="feature maps")
