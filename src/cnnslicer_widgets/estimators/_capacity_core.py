"""The core of channel capacity (see capacity.py): the layers as (channel, sample, map),
the pairs of samples, each channel's binned pair distances, and the joint entropies.

Shared by :mod:`.capacity` (in memory) and :mod:`._dask_capacity` (streamed); it imports
neither of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators._inputs import (
    as_compute_values,
    check_finite_rows,
    cuda_available,
    pick_device,
    power_of_two_normalized,
)
from cnnslicer_widgets.estimators._results import result_attrs

_MAX_DISTANCE_BYTES = 4 * 2**30


def layer_maps(
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


def features(
    da: xr.DataArray,
    role: str,
    sample_dim: Hashable,
    channel_dim: Hashable,
    map_dims: Sequence[Hashable],
) -> np.ndarray:
    """(C, N, S) maps of one layer, after checking the other dims and the values."""
    da = layer_maps(da, role, sample_dim, channel_dim, map_dims)
    values = np.asarray(da.values)
    check_finite_rows(da, values, [channel_dim, sample_dim], what=f"{role} feature maps")
    shape = (da.sizes[channel_dim], da.sizes[sample_dim], -1)
    return channel_scaled(as_compute_values(values).reshape(shape))


def channel_scaled(f: np.ndarray) -> np.ndarray:
    """Maps (C, N, S) with each channel multiplied by a power of two that brings its
    largest magnitude into [0.5, 1): exact, so capacity (binned over each channel's own
    distances) is unchanged, and float32 distances of maps at 1e-30 or 1e19 neither
    underflow nor overflow."""
    return power_of_two_normalized(f, axes=(1, 2))[0]


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
        if sizes_differ or (both and not np.array_equal(a, b)):  # type: ignore[arg-type]
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


def binned(
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


def resolve_method(method: str) -> str:
    """ "auto" as "onehot" when a CUDA device is available, else "numba"."""
    if method != "auto":
        return method
    return "onehot" if cuda_available() else "numba"


def joint_entropies(
    bins_a: np.ndarray, bins_b: np.ndarray, nbins: int, method: str, device: Any
) -> tuple[str, np.ndarray]:
    """(method used, H(C, D) for every channel pair (Ca, Cb))."""
    method = resolve_method(method)
    if method == "onehot":
        return method, _joint_onehot(bins_a, bins_b, nbins, pick_device(device))
    from cnnslicer_widgets.estimators import _kernels

    joint = np.empty((bins_a.shape[0], bins_b.shape[0]), np.float64)
    if nbins <= 64:  # four nbins**2 tables: L1 resident up to 32 bins, L2 up to 64
        kernel = _kernels.joint_entropies_four
        kernel(bins_a, bins_b, nbins, xlogx(bins_a.shape[1]), joint)
    else:
        _kernels.joint_entropies(bins_a, bins_b, nbins, joint)
    return method, joint


def xlogx(n_items: int) -> np.ndarray:
    """n log2 n for the counts n = 0 .. min(n_items, 65536) (0 log 0 = 0): a table the
    joint-histogram kernel looks up instead of computing a logarithm per cell."""
    n = np.arange(min(int(n_items), 2**16) + 1, dtype=np.float64)
    return n * np.log2(np.maximum(n, 1.0))


def layer_identity(da: xr.DataArray) -> dict[str, Any]:
    """What names one layer's maps: ``layer`` (from attrs) and a scalar ``epoch`` coord."""
    out = {"layer": da.attrs["layer"]} if "layer" in da.attrs else {}
    if "epoch" in da.coords and da.coords["epoch"].ndim == 0:
        out["epoch"] = da.coords["epoch"].item()
    return out


def pair_identity(source: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    """A capacity matrix's attrs from its layers' identities (``layer_identity``):
    ``source_layer``, ``target_layer`` and the source's ``epoch``, where known."""
    out = {f"{r}_layer": ident["layer"] for r, ident in (("source", source), ("target", target))
           if "layer" in ident}  # fmt: skip
    if "epoch" in source:
        out["epoch"] = source["epoch"]
    return out


def capacity_array(
    h_a: np.ndarray,
    h_b: np.ndarray,
    joint: np.ndarray,
    source_channels: np.ndarray,
    target_channels: np.ndarray,
    **params: Any,
) -> xr.DataArray:
    """Capacity H(C) + H(D) - H(C, D) as channel_capacity returns it: dims (target_channel,
    source_channel), 0 for a constant channel, ``params`` in attrs (NaN in ``joint``
    stays NaN)."""
    cap = np.maximum(h_a[:, None] + h_b[None, :] - joint, 0.0)  # rounding can give -1e-15
    cap[(h_a == 0)[:, None] | (h_b == 0)[None, :]] = 0.0  # exact, not 1e-16, for constants
    return xr.DataArray(
        cap.T,
        dims=("target_channel", "source_channel"),
        coords={"target_channel": target_channels, "source_channel": source_channels},
        name="channel_capacity",
        attrs=result_attrs("channel_capacity", **params),
    )
