"""Channel capacity between the channels of two layers (paper 5.3.1-5.3.2).

For samples X, a source layer a and a target layer b at one epoch: for every channel c of
a, the Euclidean distances between its feature maps for every pair of samples
(N(N-1)/2 pairs); the same for every channel d of b. Each channel's distances go into B
equal bins over that channel's own min..max; the joint histogram of (bin_c, bin_d) over the
pairs gives Capacity(c, d) = H(C) - H(C | D) = H(C) + H(D) - H(C, D), in bits.
A channel whose distances are all equal (e.g. a dead channel) has capacity 0.

The whole matrix is computed at once: compiled, parallel kernels for the distances of all
channels and for all Ca x Cb joint histograms (each a B x B table kept in L1 cache), or,
on a GPU, one-hot matrix products over blocks of pairs. No Python loop over channel pairs.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._capacity_core import (
    binned,
    capacity_array,
    check_same_samples,
    features,
    joint_entropies,
    layer_identity,
    pair_identity,
    sample_pairs,
)
from cnnslicer_widgets.estimators._dask_capacity import streamed
from cnnslicer_widgets.estimators._inputs import (
    check_bins,
    check_method,
    check_values,
    map_dims_of,
    require_dims,
    require_samples,
)
from cnnslicer_widgets.estimators._results import progress_bar


def channel_capacity(
    source: xr.DataArray,
    target: xr.DataArray,
    *,
    sample_dim: Hashable = "x",
    channel_dim: Hashable = "channel",
    map_dims: Sequence[Hashable] | None = None,
    bins: int = 32,
    max_pairs: int | None = None,
    seed: int = 0,
    method: str = "auto",
    device: Any = None,
    progress: bool = True,
    client: Any = None,
) -> xr.DataArray:
    """Channel capacity between every channel of ``source`` and of ``target``, in bits.

    Parameters
    ----------
    source, target : xarray.DataArray
        The two layers' feature maps at one epoch over the same samples, e.g.
        ``cube.activations("conv1").sel(epoch=5)``: dims (x, channel, h, w) in any order.
        Other dims of size 1 are dropped; larger ones are an error (select an epoch).
    sample_dim, channel_dim : str, default "x", "channel"
        The sample and channel dims; all remaining dims form the map.
    map_dims : sequence of str, optional
        The map dims (a dense layer stored as (F, 1, 1) has them of size 1). Default: each
        layer's own (``attrs["map_dims"]`` of a cube's layer, else whichever of "h", "w",
        "l", "t" it has), so a 2-D layer can be compared with a 1-D one.
    bins : int, default 32
        Bins per channel over its own min..max distance (2..256).
    max_pairs : int, optional
        Use this many sample pairs drawn without replacement (seeded) instead of all
        N(N-1)/2 pairs, for large N.
    seed : int, default 0
        Seed of the pair subsample.
    method : {"auto", "numba", "onehot"}, default "auto"
        Joint histograms by compiled kernel (CPU) or one-hot matrix products (torch);
        "auto" takes "onehot" when a CUDA device is available. Both count exactly.
    device : str or torch.device, optional
        Device of the "onehot" method (default CUDA when available, else CPU).
    progress : bool, default True
        Show a progress bar (tqdm.auto).
    client : dask.distributed.Client, optional
        For dask-backed layers: run the tasks on this cluster. Default: the active client
        (``distributed.default_client()``) if one exists, else in this process.

    Returns
    -------
    xarray.DataArray
        dims ("target_channel", "source_channel") with the channel coords; values in
        [0, min(H(C), H(D))]; a channel with itself gives its entropy H(C). attrs: units,
        estimator, bins, n_pairs, max_pairs, seed, and source_layer / target_layer when
        the inputs carry a "layer" attr.

    Raises
    ------
    ValueError
        Different samples in source and target (both described), fewer than 2 samples,
        NaN or inf (the message says where), a missing dim, or an extra dim.

    Notes
    -----
    Dask-backed layers (e.g. ``cube["conv1"].sel(epoch=5)``) are streamed: each layer is
    read a block of channels at a time (all samples of those channels, about 64 MiB of
    maps and distances), its pair distances computed and binned in that task; only the
    binned pairs (one byte per pair and channel) are kept, and one task per pair of
    blocks counts the joint histograms. Memory holds a few blocks plus the binned pairs,
    never a whole layer or all distances; the result equals the in-memory one exactly.
    On a cluster, every block is a task on a worker (one kernel thread per task).

    Examples
    --------
    Two channels over 4 samples, the second constant; the target is the source scaled by
    3, so each channel keeps all its information: its capacity with its twin is its own
    entropy. Channel 0's six pair distances 1, 2, 3, 4, 6, 7 fall into 4 bins over 1..7
    as 2, 1, 1, 2 pairs: H = 1.9183 bits. The constant channel has capacity 0.

    >>> import numpy as np, xarray as xr
    >>> a = np.array([[0.0, 1.0, 3.0, 7.0], [0.0, 0.0, 0.0, 0.0]]).T[:, :, None, None]
    >>> src = xr.DataArray(a, dims=("x", "channel", "h", "w"))
    >>> cap = channel_capacity(src, 3 * src, bins=4, progress=False)
    >>> cap.dims, cap.round(4).values.tolist()
    (('target_channel', 'source_channel'), [[1.9183, 0.0], [0.0, 0.0]])
    """
    check_values(source, "source")
    check_values(target, "target")
    maps = (map_dims_of(source, map_dims), map_dims_of(target, map_dims))
    bins = check_bins(bins)
    method = check_method(method, ("auto", "numba", "onehot"))
    for role, da in (("source", source), ("target", target)):
        hint = f"pass sample_dim=/channel_dim= naming them in the {role}"
        require_dims(da, [sample_dim, channel_dim], role=f"{role} dims", hint=hint)
    check_same_samples(source, target, sample_dim)
    require_samples(source.sizes[sample_dim], sample_dim=sample_dim)
    if _dask.is_lazy(source) or _dask.is_lazy(target):
        h_a, h_b, joint, method, n_pairs = streamed(
            source, target, sample_dim, channel_dim, maps, bins, max_pairs, seed,
            method, device, client, progress,
        )  # fmt: skip
    else:
        fa = features(source, "source", sample_dim, channel_dim, maps[0])
        fb = features(target, "target", sample_dim, channel_dim, maps[1])
        pi, pj = sample_pairs(fa.shape[1], max_pairs, seed)
        n_pairs = len(pi)
        with progress_bar(3, desc="channel capacity", enabled=progress) as bar:
            bins_a, h_a = binned(fa, pi, pj, bins)
            bar.update(1)
            bins_b, h_b = binned(fb, pi, pj, bins)
            bar.update(1)
            method, joint = joint_entropies(bins_a, bins_b, bins, method, device)
            bar.update(1)
    extra = pair_identity(layer_identity(source), layer_identity(target))
    return capacity_array(
        h_a, h_b, joint, source[channel_dim].values, target[channel_dim].values,
        bins=bins, n_pairs=n_pairs, max_pairs=max_pairs, seed=seed, method=method, **extra,
    )  # fmt: skip


def sort_capacity(
    cap: xr.DataArray,
    *,
    by: str = "max",
    rows: bool = True,
    columns: bool = True,
    descending: bool = True,
) -> xr.DataArray:
    """Reorder a capacity matrix by the max or mean of its rows and columns (paper 5.3.2).

    Columns (source channels) are ordered by their max (or mean) over the target
    channels, rows (target channels) by their max (or mean) over the source channels.
    The channel coords move with the values, so ``cap.source_channel`` tells which
    channel each column is.

    Parameters
    ----------
    cap : xarray.DataArray
        From :func:`channel_capacity`, dims (target_channel, source_channel).
    by : {"max", "mean"}, default "max"
    rows, columns : bool, default True
        Which axes to reorder.
    descending : bool, default True
        Largest first (a stable sort: ties keep their order).

    Examples
    --------
    >>> import xarray as xr
    >>> cap = xr.DataArray([[1.0, 5.0], [2.0, 0.0]], dims=("target_channel", "source_channel"),
    ...                    coords={"target_channel": [0, 1], "source_channel": [7, 8]})
    >>> s = sort_capacity(cap, by="mean")
    >>> s.source_channel.values.tolist(), s.target_channel.values.tolist()
    ([8, 7], [0, 1])
    """
    check_values(cap, "cap")
    if by not in ("max", "mean"):
        raise ValueError(f"by={by!r} is not one of 'max', 'mean'")
    require_dims(
        cap,
        ["target_channel", "source_channel"],
        role="capacity dims",
        hint="pass the result of channel_capacity",
    )
    order = {}
    for flag, dim, other in (
        (columns, "source_channel", "target_channel"),
        (rows, "target_channel", "source_channel"),
    ):
        if flag:
            stat = getattr(cap, by)(dim=other).values
            key = -stat if descending else stat
            order[dim] = np.argsort(key, kind="stable")
    out = cap.isel(order)
    out.attrs = {**cap.attrs, "sorted_by": by, "descending": int(descending)}
    return out
