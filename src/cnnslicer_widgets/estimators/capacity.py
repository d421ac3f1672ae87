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
from cnnslicer_widgets.estimators._common import (
    check_finite_rows,
    progress_bar,
    require_dims,
    require_samples,
    result_attrs,
)
from cnnslicer_widgets.estimators.intra import as_compute_values

_MAX_DISTANCE_BYTES = 4 * 2**30


def _layer_maps(
    da: xr.DataArray,
    role: str,
    sample_dim: Hashable,
    channel_dim: Hashable,
    map_dims: Sequence[Hashable],
) -> xr.DataArray:
    """One layer as (channel, sample, *map), other dims of size 1 dropped (not read)."""
    extra = [d for d in da.dims if d not in (sample_dim, channel_dim, *map_dims)]
    many = [d for d in extra if da.sizes[d] > 1]
    if many:
        raise ValueError(
            f"the {role} has dims {tuple(many)} besides {sample_dim!r}, {channel_dim!r} and the "
            f"map dims {tuple(map_dims)}; select one value of each first, "
            f"e.g. {role}.sel({many[0]}=...)"
        )
    return da.squeeze(extra, drop=True).transpose(channel_dim, sample_dim, ...)


def _features(
    da: xr.DataArray,
    role: str,
    sample_dim: Hashable,
    channel_dim: Hashable,
    map_dims: Sequence[Hashable],
) -> np.ndarray:
    """(C, N, S) maps of one layer, after checking the other dims and the values."""
    da = _layer_maps(da, role, sample_dim, channel_dim, map_dims)
    values = np.asarray(da.values)
    check_finite_rows(da, values, [channel_dim, sample_dim], what=f"{role} feature maps")
    shape = (da.sizes[channel_dim], da.sizes[sample_dim], -1)
    return as_compute_values(values).reshape(shape)


def _sample_text(da: xr.DataArray, sample_dim: Hashable, name: Hashable) -> str:
    values = (
        np.asarray(da.coords[name].values) if name in da.coords else np.arange(da.sizes[sample_dim])
    )
    shown = ", ".join(str(v) for v in values[:4]) + (", ..." if len(values) > 4 else "")
    return f"{len(values)} samples, {name} = {shown}"


def check_same_samples(source: xr.DataArray, target: xr.DataArray, sample_dim: Hashable) -> None:
    """Raise ValueError unless both hold the same samples (size, x and sample_index coords)."""
    for name in (sample_dim, "sample_index"):
        both = name in source.coords and name in target.coords
        a = np.asarray(source.coords[name].values) if both else None
        b = np.asarray(target.coords[name].values) if both else None
        sizes_differ = source.sizes[sample_dim] != target.sizes[sample_dim]
        if sizes_differ or (both and not np.array_equal(a, b)):
            key = name if both else sample_dim
            raise ValueError(
                f"source and target hold different samples along {sample_dim!r}: source has "
                f"{_sample_text(source, sample_dim, key)}; target has "
                f"{_sample_text(target, sample_dim, key)}. Select the same samples in both, "
                f"e.g. target.sel({sample_dim}=source.{sample_dim})"
            )


def sample_pairs(n: int, max_pairs: int | None, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """All pairs i < j, or ``max_pairs`` of them drawn without replacement (seeded)."""
    if max_pairs is not None and (
        isinstance(max_pairs, bool) or not isinstance(max_pairs, (int, np.integer)) or max_pairs < 1
    ):
        raise ValueError(f"max_pairs must be a positive integer or None, got {max_pairs!r}")
    total = n * (n - 1) // 2
    if max_pairs is None or max_pairs >= total:
        i, j = np.triu_indices(n, 1)
        return i.astype(np.int32), j.astype(np.int32)
    lin = np.sort(np.random.default_rng(seed).choice(total, size=int(max_pairs), replace=False))
    # row i starts at s(i) = i (2n - i - 1) / 2 in the row-major upper triangle
    i = np.floor(((2 * n - 1) - np.sqrt((2 * n - 1) ** 2 - 8.0 * lin)) / 2).astype(np.int64)
    i -= (i * (2 * n - i - 1) // 2) > lin  # guard against rounding up
    i += ((i + 1) * (2 * n - i - 2) // 2) <= lin
    j = lin - i * (2 * n - i - 1) // 2 + i + 1
    return i.astype(np.int32), j.astype(np.int32)


def _binned(
    f: np.ndarray, pi: np.ndarray | None, pj: np.ndarray | None, bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per channel: the pair distances binned over their own range, and H(C) in bits.

    ``pi is None`` means all pairs i < j (in np.triu_indices order).
    """
    from cnnslicer_widgets.estimators._kernels import (
        all_pair_distances,
        bin_rows,
        pair_distances,
    )

    n = f.shape[1]
    n_pairs = n * (n - 1) // 2 if pi is None else len(pi)
    n_bytes = f.shape[0] * n_pairs * f.dtype.itemsize
    if n_bytes > _MAX_DISTANCE_BYTES:
        raise MemoryError(
            f"the distances of {f.shape[0]} channels x {n_pairs} pairs need "
            f"{n_bytes / 2**30:.1f} GiB; pass max_pairs=... (e.g. 1_000_000) to subsample pairs"
        )
    d = np.empty((f.shape[0], n_pairs), f.dtype)
    if pi is None or n_pairs == n * (n - 1) // 2:  # all pairs, in np.triu_indices order
        all_pair_distances(f, d)
    else:
        pair_distances(f, pi, pj, d)
    out = np.empty(d.shape, np.uint8)
    h = np.empty(f.shape[0], np.float64)
    bin_rows(d, bins, out, h)
    return out, h


def _joint_onehot(bins_a: np.ndarray, bins_b: np.ndarray, nbins: int, device: Any) -> np.ndarray:
    """H(C, D) for all channel pairs by one-hot matrix products over blocks of pairs."""
    import torch

    n_a, n_pairs = bins_a.shape
    n_b = bins_b.shape[0]
    counts = torch.zeros(n_a * nbins, n_b * nbins, dtype=torch.float64, device=device)
    step = 2**16  # float32 sums of 0/1 stay exact up to 2**24
    for s in range(0, n_pairs, step):
        hot = []
        for b, n in ((bins_a, n_a), (bins_b, n_b)):
            idx = torch.as_tensor(b[:, s : s + step], device=device).long().T
            idx = idx + torch.arange(n, device=device) * nbins
            h = torch.zeros(idx.shape[0], n * nbins, device=device)
            hot.append(h.scatter_(1, idx, 1.0))
        counts += (hot[0].T @ hot[1]).double()
    counts = counts.reshape(n_a, nbins, n_b, nbins).permute(0, 2, 1, 3).reshape(n_a, n_b, -1)
    slogs = torch.special.xlogy(counts, counts).sum(-1) / np.log(2)
    return (np.log2(n_pairs) - slogs / n_pairs).cpu().numpy()


def channel_capacity(
    source: xr.DataArray,
    target: xr.DataArray,
    *,
    sample_dim: Hashable = "x",
    channel_dim: Hashable = "channel",
    map_dims: Sequence[Hashable] = ("h", "w"),
    bins: int = 32,
    max_pairs: int | None = None,
    seed: int = 0,
    backend: str = "auto",
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
    map_dims : sequence of str, default ("h", "w")
        The map dims (a dense layer stored as (F, 1, 1) has them of size 1).
    bins : int, default 32
        Bins per channel over its own min..max distance (2..256).
    max_pairs : int, optional
        Use this many sample pairs drawn without replacement (seeded) instead of all
        N(N-1)/2 pairs, for large N.
    seed : int, default 0
        Seed of the pair subsample.
    backend : {"auto", "numba", "onehot"}, default "auto"
        Joint histograms by compiled kernel (CPU) or one-hot matrix products (torch);
        "auto" takes "onehot" when a CUDA device is available. Both count exactly.
    device : str or torch.device, optional
        Device of the "onehot" backend (default CUDA when available, else CPU).
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
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 256:
        raise ValueError(f"bins must be an integer from 2 to 256, got {bins!r}")
    if backend not in ("auto", "numba", "onehot"):
        raise ValueError(f"backend={backend!r} is not one of 'auto', 'numba', 'onehot'")
    for role, da in (("source", source), ("target", target)):
        hint = f"pass sample_dim=/channel_dim= naming them in the {role}"
        require_dims(da, [sample_dim, channel_dim], role=f"{role} dims", hint=hint)
    check_same_samples(source, target, sample_dim)
    require_samples(source.sizes[sample_dim], sample_dim=sample_dim)
    if _dask.is_lazy(source) or _dask.is_lazy(target):
        from cnnslicer_widgets.estimators._dask_capacity import streamed

        h_a, h_b, joint, backend, n_pairs = streamed(
            source, target, sample_dim, channel_dim, map_dims, int(bins), max_pairs, seed,
            backend, device, client, progress,
        )  # fmt: skip
    else:
        fa = _features(source, "source", sample_dim, channel_dim, map_dims)
        fb = _features(target, "target", sample_dim, channel_dim, map_dims)
        pi, pj = sample_pairs(fa.shape[1], max_pairs, seed)
        n_pairs = len(pi)
        with progress_bar(3, desc="channel capacity", enabled=progress) as bar:
            bins_a, h_a = _binned(fa, pi, pj, int(bins))
            bar.update(1)
            bins_b, h_b = _binned(fb, pi, pj, int(bins))
            bar.update(1)
            backend, joint = _joint_entropies(bins_a, bins_b, int(bins), backend, device)
            bar.update(1)
    cap = np.maximum(h_a[:, None] + h_b[None, :] - joint, 0.0)  # rounding can give -1e-15
    cap[(h_a == 0)[:, None] | (h_b == 0)[None, :]] = 0.0  # exact, not 1e-16, for constants
    extra = {
        f"{r}_layer": da.attrs["layer"]
        for r, da in (("source", source), ("target", target))
        if "layer" in da.attrs
    }
    if "epoch" in source.coords and source.coords["epoch"].ndim == 0:
        extra["epoch"] = source.coords["epoch"].item()
    attrs = result_attrs(
        "channel_capacity",
        bins=int(bins),
        n_pairs=n_pairs,
        max_pairs=max_pairs,
        seed=seed,
        backend=backend,
        **extra,
    )
    coords = {
        "target_channel": target[channel_dim].values,
        "source_channel": source[channel_dim].values,
    }
    return xr.DataArray(
        cap.T,
        dims=("target_channel", "source_channel"),
        coords=coords,
        name="channel_capacity",
        attrs=attrs,
    )


def resolve_backend(backend: str) -> str:
    """ "auto" as "onehot" when a CUDA device is available, else "numba"."""
    if backend != "auto":
        return backend
    import torch

    return "onehot" if torch.cuda.is_available() else "numba"


def _joint_entropies(
    bins_a: np.ndarray, bins_b: np.ndarray, nbins: int, backend: str, device: Any
) -> tuple[str, np.ndarray]:
    """(backend used, H(C, D) for every channel pair (Ca, Cb))."""
    backend = resolve_backend(backend)
    if backend == "onehot":
        from cnnslicer_widgets.estimators._knn import pick_device

        return backend, _joint_onehot(bins_a, bins_b, nbins, pick_device(device))
    from cnnslicer_widgets.estimators._kernels import joint_entropies, joint_entropies_two

    joint = np.empty((bins_a.shape[0], bins_b.shape[0]), np.float64)
    kernel = joint_entropies_two if nbins <= 40 else joint_entropies  # nbins**3 counts in L2
    kernel(bins_a, bins_b, nbins, joint)
    return backend, joint


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
