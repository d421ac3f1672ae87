"""Channel capacity of dask-backed layers, streamed in channel blocks (see capacity.py).

Each layer is read a block of channels at a time (all samples of those channels, about
``_BLOCK_BYTES`` of maps and distances): one task reads the block, computes its pair
distances and bins them, keeping only the binned pairs (one byte per pair and channel)
and H(C). One task per (source block, target block) then counts their joint
histograms. Memory per task is bounded by two blocks; the binned pairs of all channels
live in the workers' memory (or this process's) until the joint tasks that need them
are done. The result equals the in-memory computation exactly (same kernels, same
per-channel ranges).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._capacity_core import (
    binned,
    channel_scaled,
    joint_entropies,
    layer_maps,
    resolve_method,
    sample_pairs,
)
from cnnslicer_widgets.estimators._inputs import as_compute_values, raise_nonfinite

_BLOCK_BYTES = 64 * 2**20


def _bin_task(values: np.ndarray, pairs: Any, bins: int, threads: int | None) -> tuple:
    """(binned pairs (Cb, P) uint8 or None, H (Cb,), non-finite (Cb, N)) of one block."""
    x = as_compute_values(values).reshape(values.shape[0], values.shape[1], -1)
    bad = ~np.isfinite(x).all(axis=-1)
    if bad.any():  # the caller raises, naming where; NaN must not reach the binning
        return None, np.zeros(len(x)), bad
    x = channel_scaled(x)
    pi, pj = (None, None) if pairs is None else pairs
    with _dask.kernel_threads(threads):
        out, h = binned(x, pi, pj, bins)
    return out, h, bad


def _joint_task(
    a: tuple, b: tuple, bins: int, method: str, device: Any, threads: int | None
) -> tuple[str, np.ndarray]:
    """(method used, H(C, D) of every channel pair of two binned blocks)."""
    if a[0] is None or b[0] is None:
        return method, np.zeros((len(a[1]), len(b[1])))
    with _dask.kernel_threads(threads):
        return joint_entropies(a[0], b[0], bins, method, device)


def _block_tasks(
    maps: xr.DataArray, n_pairs: int, pairs: Any, bins: int, threads: int | None
) -> list[Any]:
    """One binning task per channel block of ``maps`` (channel, sample, ...)."""
    n_ch, n = maps.shape[0], maps.shape[1]
    size = int(np.prod(maps.shape[2:]))
    per_channel = n * size * (maps.dtype.itemsize + 4) + n_pairs * 5
    return [
        _dask.delayed(_bin_task, maps.data[s], pairs, bins, threads)
        for s in _dask.block_slices(n_ch, per_channel, _BLOCK_BYTES)
    ]


def streamed_capacity(
    layers: Sequence[xr.DataArray],
    *,
    dims: tuple[Hashable, Hashable],
    pairs: tuple[np.ndarray, np.ndarray] | None,
    n_pairs: int,
    bins: int,
    method: str,
    device: Any,
    client: Any,
    progress: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """(H(C) of the source, H(D) of the target, H(C, D), method) of two layers.

    ``layers``: source and target as (channel, sample, ...), lazy or not; ``dims``: their
    (channel, sample) dims; ``pairs``: the sampled pairs, None for all of them.
    """
    client = _dask.resolve_client(client)
    scheduler = "synchronous"  # locally: one task at a time, parallel kernels inside
    threads = _dask.task_threads(client, scheduler)
    shared = None if pairs is None else _dask.delayed(tuple, pairs)
    blocks = [_block_tasks(m, n_pairs, shared, bins, threads) for m in layers]
    joint = [
        _dask.delayed(_joint_task, a, b, bins, method, device, threads)
        for a in blocks[0]
        for b in blocks[1]
    ]
    wanted = [t[i] for side in blocks for t in side for i in (1, 2)]  # H, bad per block
    done = _dask.compute(
        wanted + joint, client=client, scheduler=scheduler, desc="channel capacity",
        progress=progress,
    )  # fmt: skip
    parts, joints = done[: len(wanted)], done[len(wanted) :]
    out = []
    for side, maps, role in zip(blocks, layers, ("source", "target"), strict=True):
        h = np.concatenate(parts[: 2 * len(side) : 2])
        bad = np.concatenate(parts[1 : 2 * len(side) : 2])
        parts = parts[2 * len(side) :]
        if bad.any():
            raise_nonfinite(maps, list(dims), bad, what=f"{role} feature maps")
        out.append(h)
    rows = [joints[i : i + len(blocks[1])] for i in range(0, len(joints), len(blocks[1]))]
    matrix = np.block([[j for _, j in row] for row in rows])
    return out[0], out[1], matrix, joints[0][0]


def streamed(
    source: xr.DataArray,
    target: xr.DataArray,
    sample_dim: Hashable,
    channel_dim: Hashable,
    map_dims: Sequence[Hashable],
    bins: int,
    max_pairs: int | None,
    seed: int,
    method: str,
    device: Any,
    client: Any,
    progress: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str, int]:
    """H(C), H(D), H(C, D), method and pair count of dask-backed layers, streamed."""
    layers = [
        layer_maps(da, role, sample_dim, channel_dim, map_dims)
        for role, da in (("source", source), ("target", target))
    ]
    n = source.sizes[sample_dim]
    pairs = None if max_pairs is None else sample_pairs(n, max_pairs, seed)
    n_pairs = n * (n - 1) // 2 if pairs is None else len(pairs[0])
    h_a, h_b, joint, method = streamed_capacity(
        layers, dims=(channel_dim, sample_dim), pairs=pairs, n_pairs=n_pairs, bins=bins,
        method=resolve_method(method),  # here, so that workers need not import torch
        device=device, client=client, progress=progress,
    )  # fmt: skip
    return h_a, h_b, joint, method, n_pairs
