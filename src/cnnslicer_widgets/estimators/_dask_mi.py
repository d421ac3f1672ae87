"""Per-channel MI with the labels of dask-backed layers (see mutual_info.py), in tasks.

Every channel's estimate needs all samples of that channel and nothing else, so a layer
at one epoch is cut into blocks of channels (about ``_TASK_BYTES`` each, all samples):
one task reads a block (on a cluster, in the worker) and estimates it with the same code
as in memory. Results equal the in-memory ones; memory holds a few blocks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators import _mi_inputs as inputs
from cnnslicer_widgets.estimators._inputs import require_samples
from cnnslicer_widgets.estimators._mi_channels import estimate_channels, merge, per_channel_bytes

_TASK_BYTES = 64 * 2**20  # per dask task: a block of channels with all their samples


def _block_task(
    block: xr.DataArray, sets: np.ndarray, counts: np.ndarray, opts: dict, dims: tuple
) -> dict:
    """The estimates of one block of channels (a dask task: the block arrives read)."""
    _, x = inputs.stacked_values(block, *dims, what="layer")
    return estimate_channels(x, sets, counts, opts)


def _lazy_tasks(
    da: xr.DataArray, sets: np.ndarray, counts: np.ndarray, opts: dict, dims: tuple
) -> list[Any]:
    """One task per block of channels of a dask-backed layer at one epoch.

    The dims and the sample count are checked first on 2 samples x 2 channels, so a
    wrong input fails before any task runs.
    """
    sample_dim, channel_dim = dims
    corner = {d: slice(0, 2) for d in dims if d in da.dims}
    inputs.stacked_values(da.isel(corner), sample_dim, channel_dim, what="layer")
    require_samples(da.sizes[sample_dim], sample_dim=sample_dim)
    size = int(np.prod([n for d, n in da.sizes.items() if d not in dims]))
    per_channel = per_channel_bytes(da.sizes[sample_dim], size, sets, counts)
    shared = _dask.delayed(np.asarray, sets)
    return [
        _dask.delayed(_block_task, da.isel({channel_dim: g}), shared, counts, opts, dims)
        for g in _dask.block_slices(da.sizes[channel_dim], per_channel, _TASK_BYTES)
    ]


def run_lazy(
    layers: list[xr.DataArray], sets, counts, opts: dict, dims: tuple, client: Any,
    desc: str, progress: bool,
) -> list[dict]:
    """The estimates of every (dask-backed) layer of ``layers``, all tasks in one run."""
    tasks = [_lazy_tasks(da, sets, counts, opts, dims) for da in layers]
    client = _dask.resolve_client(client)
    done = _dask.compute(
        [t for group in tasks for t in group], client=client, scheduler="synchronous",
        desc=desc, progress=progress,
    )  # fmt: skip
    out = []
    for group in tasks:
        out.append(merge(done[: len(group)]))
        done = done[len(group) :]
    return out
