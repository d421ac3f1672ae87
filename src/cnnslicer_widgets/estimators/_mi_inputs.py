"""Input checks, options and warnings of the mutual-information estimators (xarray side).

infoplane.py and mutual_info.py share these: turning a DataArray into validated values
(C, N, S), labels into codes and shuffled label sets, the noise and binning options, the
layers and epochs of a cube, and the saturation diagnosis with its warnings.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators._common import (
    check_finite_rows,
    require_dims,
    require_samples,
)

SATURATED_SHARE = 0.9  # binning: one state holding more than this share of the samples
CLIPPED_SHARE = 0.01  # binning: a fixed range clipping more than this share of the values
KDE_SATURATED = 0.01  # kde: I(X;T) within this fraction of log2 N of either end


class InformationEstimateWarning(UserWarning):
    """An MI estimate sits at an end of what its estimator can resolve, or bins clip."""


NOTES = {
    "binning_distinct": (
        "binning: every sample falls in a state of its own, so I(X;T) = log2 N and "
        "I(T;Y) = H(Y) whatever T does (saturated); use the KDE estimator, fewer bins or "
        "more samples"
    ),
    "binning_one_state": (
        f"binning: more than {SATURATED_SHARE:.0%} of the samples share one state "
        "(saturated near 0); use more bins or a narrower fixed range"
    ),
    "binning_clipped": (
        f"binning: the fixed range clips more than {CLIPPED_SHARE:.0%} of the values into "
        "the edge bins; widen it or bin over the data's own range"
    ),
    "kde_isolated": (
        "kde: the samples are isolated at this noise variance (I(X;T) lower bound within "
        f"{KDE_SATURATED:.0%} of log2 N): saturated; increase noise_variance or use "
        "relative_noise=True"
    ),
    "kde_merged": (
        "kde: the noise variance swamps the distances between samples (I(X;T) upper bound "
        f"below {KDE_SATURATED:.0%} of log2 N): saturated near 0; decrease noise_variance"
    ),
}


def binning_flags(
    n: int,
    n_states: np.ndarray,
    share: np.ndarray,
    clipped: np.ndarray | None,
    size: int,
    varies: np.ndarray,
) -> dict[str, np.ndarray]:
    """Boolean masks (C,) of the binning notes.

    ``clipped`` counts clipped values of ``size`` (None: the data's own range); ``varies``
    is False for constant data, whose estimate 0 is right, not saturated.
    """
    flags = {
        "binning_distinct": n_states == n,
        "binning_one_state": (share > SATURATED_SHARE) & (n_states < n) & varies,
    }
    if clipped is not None:
        flags["binning_clipped"] = clipped > CLIPPED_SHARE * size
    return flags


def kde_flags(
    n: int, i_xt_lower: np.ndarray, i_xt_upper: np.ndarray, varies: np.ndarray
) -> dict[str, np.ndarray]:
    """Boolean masks (C,) of the KDE notes from the I(X;T) bounds in bits."""
    log_n = np.log2(n)
    return {
        "kde_isolated": i_xt_lower >= (1 - KDE_SATURATED) * log_n,
        "kde_merged": (i_xt_upper <= KDE_SATURATED * log_n) & varies,
    }


def saturated(flags: dict[str, np.ndarray]) -> np.ndarray:
    """True where any saturation flag (not a clipping one) is set."""
    masks = [m for k, m in flags.items() if k != "binning_clipped"]
    return np.logical_or.reduce(masks) if masks else np.zeros(0, bool)


def warn_summary(notes: list[tuple[str, str]], total: int, unit: str) -> None:
    """One warning per kind of (cell, kind) note: its text, how many cells, which ones."""
    kinds: dict[str, list[str]] = {}
    for cell, kind in notes:
        kinds.setdefault(kind, []).append(cell)
    for kind, cells in kinds.items():
        shown = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
        warnings.warn(
            f"{NOTES[kind]} ({len(cells)} of {total} {unit}: {shown})",
            InformationEstimateWarning,
            stacklevel=3,
        )


def stacked_values(
    da: xr.DataArray, sample_dim: Hashable, channel_dim: Hashable | None, *, what: str
) -> tuple[xr.DataArray, np.ndarray]:
    """Validated values (C, N, S) float64 (C = 1 without ``channel_dim``) and ``da`` squeezed.

    Every dim but the sample (and channel) dim is flattened into the S values of a sample;
    an ``epoch`` dim must have size 1 (an estimate is for one epoch).
    """
    keep = [sample_dim] if channel_dim is None else [channel_dim, sample_dim]
    hint = f"pass sample_dim=/channel_dim= naming them (the {what}'s dims are {tuple(da.dims)})"
    require_dims(da, keep, role="dims", hint=hint)
    if "epoch" in da.dims and "epoch" not in keep:
        if da.sizes["epoch"] != 1:
            raise ValueError(
                f"the {what} has {da.sizes['epoch']} epochs; an estimate is for one epoch: "
                "select one first, e.g. da.sel(epoch=3)"
            )
        da = da.squeeze("epoch")
    require_samples(da.sizes[sample_dim], sample_dim=sample_dim)
    rest = [d for d in da.dims if d not in keep]
    da = da.transpose(*keep, *rest)
    # a lazy (dask) selection is read in this thread: the threaded scheduler costs ~4x on
    # a cube's many small chunks
    values = np.asarray(da.compute(scheduler="synchronous").values)
    if values.size == 0:
        raise ValueError(f"the {what} is empty: every dim but {tuple(keep)} has size 0")
    shape = (1 if channel_dim is None else da.sizes[channel_dim], da.sizes[sample_dim], -1)
    x = np.ascontiguousarray(values.reshape(shape), dtype=np.float64)
    if not np.isfinite(x.sum()):  # one pass when all is finite; else find where (or overflow)
        check_finite_rows(da, values, keep, what=f"{what} samples")
    return da, x


def label_codes(
    da: xr.DataArray, labels: Any, sample_dim: Hashable, label: Hashable
) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..K-1 (N,) of the labels and the K classes (sorted)."""
    n = da.sizes[sample_dim]
    if labels is None:
        coord = da.coords.get(label)
        if coord is None or coord.dims != (sample_dim,):
            raise ValueError(
                f"no {label!r} coordinate along {sample_dim!r}: pass labels=... (one per "
                f"sample) or label=... naming the coordinate that holds them"
            )
        labels = coord
    elif isinstance(labels, xr.DataArray) and sample_dim in labels.coords:
        if sample_dim in da.coords and not np.array_equal(
            labels[sample_dim].values, da[sample_dim].values
        ):
            raise ValueError(f"labels and data hold different samples along {sample_dim!r}")
    values = np.asarray(labels).reshape(-1)
    if len(values) != n:
        raise ValueError(
            f"got {len(values)} labels for {n} samples along {sample_dim!r}; pass one label "
            "per sample"
        )
    if values.dtype.kind == "f" and not np.isfinite(values).all():
        raise ValueError("labels contain NaN or inf; drop those samples first")
    classes, codes = np.unique(values, return_inverse=True)
    return codes.reshape(-1).astype(np.int64), classes


def label_sets(codes: np.ndarray, n_permutations: int, seed: int) -> np.ndarray:
    """(P+1, N): the labels, then ``n_permutations`` seeded shuffles of them."""
    if isinstance(n_permutations, bool) or not isinstance(n_permutations, (int, np.integer)):
        raise TypeError(f"n_permutations must be an integer, got {n_permutations!r}")
    if n_permutations < 0:
        raise ValueError(f"n_permutations must be >= 0, got {n_permutations}")
    rng = np.random.default_rng(seed)
    return np.stack([codes] + [rng.permutation(codes) for _ in range(int(n_permutations))])


def check_noise(noise_variance: float) -> float:
    """A finite noise variance > 0 (absolute, or a fraction of the total variance)."""
    if (
        isinstance(noise_variance, bool)
        or not isinstance(noise_variance, (int, float, np.integer, np.floating))
        or not np.isfinite(noise_variance)
        or noise_variance <= 0
    ):
        raise ValueError(f"noise_variance must be a finite number > 0, got {noise_variance!r}")
    return float(noise_variance)


def check_bins(bins: int) -> int:
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 256:
        raise ValueError(f"bins must be an integer from 2 to 256, got {bins!r}")
    return int(bins)


def check_range(value_range: Any, default: str) -> tuple[float, float] | None:
    """None for the data's own range (``default``), else a finite (lo, hi) with lo < hi."""
    if isinstance(value_range, str) and value_range == default:
        return None
    try:
        lo, hi = (float(v) for v in value_range)
    except (TypeError, ValueError):
        raise ValueError(f"range={value_range!r} is not {default!r} or a (lo, hi) pair") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        raise ValueError(f"a fixed range needs finite lo < hi, got range=({lo}, {hi})")
    return lo, hi


def check_dtype(dtype: str) -> str:
    if dtype not in ("float64", "float32"):
        raise ValueError(f"dtype={dtype!r} is not 'float64' or 'float32'")
    return dtype


def layer_names(cube: Any, layers: str | Sequence[str] | None) -> list[str]:
    """The chosen layers of a cube (default all), checked."""
    names = (
        list(cube.layers)
        if layers is None
        else [layers]
        if isinstance(layers, str)
        else list(layers)
    )
    unknown = [n for n in names if n not in cube.layers]
    if unknown or not names:
        raise KeyError(
            f"layers {unknown or names} not in the cube (layers: {', '.join(cube.layers)})"
        )
    return names


def epoch_list(cube: Any, epochs: Sequence[int] | None) -> list[int]:
    """The chosen epochs of a cube (default all complete ones), checked."""
    have = list(cube.epochs)
    chosen = have if epochs is None else [int(e) for e in epochs]
    missing = [e for e in chosen if e not in have]
    if missing or not chosen:
        raise KeyError(f"epochs {missing or chosen} not in the cube (complete epochs: {have})")
    return chosen


def mark_bits(ds: xr.Dataset) -> xr.Dataset:
    """units = "bits" on every variable holding an information estimate."""
    for name in ds.data_vars:
        if ds[name].dtype.kind == "f" and not str(name).endswith(("p_value", "noise_variance")):
            ds[name].attrs["units"] = "bits"
    return ds
