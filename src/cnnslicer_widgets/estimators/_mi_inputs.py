"""The xarray side of the mutual-information estimators: inputs and saturation notes.

infoplane.py and mutual_info.py share these: turning a DataArray into validated values
(C, N, S), labels into codes and shuffled label sets, and the saturation diagnosis with
its warnings (:class:`InformationEstimateWarning`, whose ``kind`` and ``note`` say which
note it carries).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators._inputs import (
    check_count,
    check_finite_rows,
    check_values,
    require_dims,
    require_samples,
)

SATURATED_SHARE = 0.9  # binning: one state holding more than this share of the samples
CLIPPED_SHARE = 0.01  # binning: a fixed range clipping more than this share of the values
KDE_SATURATED = 0.01  # kde: I(X;T) within this fraction of log2 N of either end


class InformationEstimateWarning(UserWarning):
    """An MI estimate sits at an end of what its estimator can resolve, or bins clip.

    ``kind`` names the note (a key of :data:`NOTES`, e.g. ``"kde_isolated"``), ``note``
    is its sentence, ``cells`` the cells it concerns ("conv1@3", "channel 5", ...).
    """

    def __init__(self, message: str, *, kind: str = "", note: str = "",
                 cells: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.kind, self.note, self.cells = kind, note, list(cells)


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


def warn_summary(notes: list[tuple[str, str]], total: int, unit: str, stacklevel: int = 3) -> None:
    """One warning per kind of (cell, kind) note: its text, how many cells, which ones
    (``stacklevel`` 3: the caller of the function that calls this)."""
    kinds: dict[str, list[str]] = {}
    for cell, kind in notes:
        kinds.setdefault(kind, []).append(cell)
    for kind, cells in kinds.items():
        shown = ", ".join(cells[:8]) + (", ..." if len(cells) > 8 else "")
        message = f"{NOTES[kind]} ({len(cells)} of {total} {unit}: {shown})"
        warnings.warn(
            InformationEstimateWarning(message, kind=kind, note=NOTES[kind], cells=cells),
            stacklevel=stacklevel,
        )


def stacked_values(
    da: xr.DataArray, sample_dim: Hashable, channel_dim: Hashable | None, *, what: str
) -> tuple[xr.DataArray, np.ndarray]:
    """Validated values (C, N, S) float64 (C = 1 without ``channel_dim``) and ``da`` squeezed.

    Every dim but the sample (and channel) dim is flattened into the S values of a sample;
    an ``epoch`` dim must have size 1 (an estimate is for one epoch).
    """
    check_values(da, "da")
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
    n_permutations = check_count(n_permutations, "n_permutations")
    rng = np.random.default_rng(seed)
    return np.stack([codes] + [rng.permutation(codes) for _ in range(int(n_permutations))])


