"""Bands: how far a result moves when the probe set is drawn again.

A number computed on one probe set is one draw. :func:`resample_sets` draws ``n_sets``
class-balanced subsets of the samples (seeded, without replacement inside a set: a repeated
sample would add zero distances to inter-sample entropy and channel capacity, which a
bootstrap with replacement does), :func:`resampled` evaluates an estimator on each subset and
stacks the results along a ``"resample"`` dim, :func:`band` reduces that dim to a median and
a central interval, and :func:`sign_beyond_band` says whether a difference stays on one side
of zero across the band (so that "A is larger than B" is a statement beyond the noise).

Half-sets (``fraction=0.5``, the default) spread a mean as much as drawing a whole new set
of the full size would (half-sampling: the variance of a mean over n/2 of n values drawn
without replacement is the variance of a mean over n independent values), and a set-size
dependent estimate (inter-sample entropy grows with N) is compared only between estimates of
the same size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import numpy as np
import xarray as xr

__all__ = ["band", "resample_sets", "resampled", "sign_beyond_band"]


def resample_sets(
    labels: Sequence[int] | np.ndarray,
    *,
    n_sets: int = 10,
    per_class: int | None = None,
    fraction: float = 0.5,
    seed: int = 0,
) -> np.ndarray:
    """Positions of ``n_sets`` class-balanced subsets, one row each, sorted within the row.

    Parameters
    ----------
    labels : sequence of int
        The class of every sample.
    n_sets : int, default 10
        Number of subsets.
    per_class : int, optional
        Samples of every class in each subset; default ``fraction`` of the rarest class
        (at least 1).
    fraction : float, default 0.5
        Used when ``per_class`` is not given.
    seed : int, default 0
        Seeds the draw (``numpy.random.default_rng``).

    Returns
    -------
    numpy.ndarray
        int64 (n_sets, per_class x classes); no position repeats within a row.

    Examples
    --------
    >>> sets = resample_sets([0, 0, 0, 0, 1, 1, 1, 1], n_sets=3)
    >>> sets.shape, [np.bincount(np.array([0, 0, 0, 0, 1, 1, 1, 1])[s]).tolist() for s in sets]
    ((3, 4), [[2, 2], [2, 2], [2, 2]])
    """
    y = np.asarray(labels)
    classes = np.unique(y)
    members = [np.flatnonzero(y == c) for c in classes]
    rarest = min(len(m) for m in members)
    if per_class is None:
        if not 0 < fraction <= 1:
            raise ValueError(f"fraction must be in (0, 1], got {fraction}")
        per_class = max(1, int(fraction * rarest))
    if not 1 <= per_class <= rarest:
        raise ValueError(
            f"per_class={per_class} must be between 1 and the size of the rarest class "
            f"({rarest} samples)"
        )
    if n_sets < 1:
        raise ValueError(f"n_sets must be >= 1, got {n_sets}")
    rng = np.random.default_rng(seed)
    rows = [
        np.sort(np.concatenate([rng.choice(m, per_class, replace=False) for m in members]))
        for _ in range(n_sets)
    ]
    return np.stack(rows).astype(np.int64)


def resampled(
    estimator: Callable[..., xr.DataArray],
    *arrays: xr.DataArray,
    labels: Sequence[int] | np.ndarray | None = None,
    sample_dim: Hashable = "x",
    n_sets: int = 10,
    per_class: int | None = None,
    fraction: float = 0.5,
    seed: int = 0,
    **options,
) -> xr.DataArray:
    """``estimator(*arrays, **options)`` on ``n_sets`` subsets of the samples, stacked.

    Parameters
    ----------
    estimator : callable
        Any estimator taking DataArrays with a sample dim, e.g.
        :func:`~cnnslicer_widgets.estimators.inter_sample_entropy` (one array) or
        :func:`~cnnslicer_widgets.estimators.channel_capacity` (source, target).
    *arrays : xarray.DataArray
        The inputs; every one is subset along ``sample_dim`` with the same positions.
    labels : sequence of int, optional
        Class of each sample for balanced subsets; default the ``label`` coord of the first
        array, else one class.
    sample_dim : str, default "x"
        The dim along which samples lie.
    n_sets, per_class, fraction, seed
        As in :func:`resample_sets`.
    **options
        Passed to the estimator (e.g. ``k=15``, ``progress=False``).

    Returns
    -------
    xarray.DataArray
        The estimator's result with a leading ``"resample"`` dim; attrs: the estimator's,
        plus ``resample_sets``, ``resample_per_class`` and ``resample_seed``.

    Examples
    --------
    Equidistant points (a regular simplex) give log2 of the number of ordered pairs
    whichever of them are drawn: 3 of 6 points, log2(3 x 2).

    >>> from cnnslicer_widgets.estimators import inter_sample_entropy
    >>> da = xr.DataArray(np.eye(6), dims=("x", "pixel"))
    >>> h = resampled(inter_sample_entropy, da, n_sets=4, progress=False)
    >>> h.dims, np.round(h.values, 6).tolist(), round(float(np.log2(6)), 6)
    (('resample',), [2.584963, 2.584963, 2.584963, 2.584963], 2.584963)
    """
    if not arrays:
        raise TypeError("resampled() needs at least one DataArray after the estimator")
    first = arrays[0]
    if sample_dim not in first.dims:
        raise ValueError(f"sample dim {sample_dim!r} not in the dims {first.dims}")
    if labels is None:
        labels = first["label"].values if "label" in first.coords else np.zeros(
            first.sizes[sample_dim], np.int64
        )
    sets = resample_sets(labels, n_sets=n_sets, per_class=per_class, fraction=fraction,
                         seed=seed)
    results = [
        estimator(*(a.isel({sample_dim: rows}) for a in arrays), **options) for rows in sets
    ]
    out = xr.concat(results, dim="resample", combine_attrs="override")
    out.attrs.update(resample_sets=int(len(sets)), resample_per_class=int(sets.shape[1])
                     // len(np.unique(labels)), resample_seed=int(seed))
    return out


def band(values: xr.DataArray, *, dim: Hashable = "resample", level: float = 0.9) -> xr.Dataset:
    """Median and central ``level`` interval of ``values`` along ``dim``.

    Parameters
    ----------
    values : xarray.DataArray
        Results along ``dim`` (e.g. from :func:`resampled`); NaN are left out.
    dim : str, default "resample"
        The dim to reduce.
    level : float, default 0.9
        Width of the interval: quantiles (1 - level) / 2 and (1 + level) / 2 (linear
        interpolation); 1.0 gives min and max.

    Returns
    -------
    xarray.Dataset
        ``median``, ``low``, ``high`` with the other dims of ``values``; attrs: ``level``,
        ``n`` (values along ``dim``) and the units of ``values``.

    Examples
    --------
    >>> b = band(xr.DataArray(np.arange(101.0), dims="resample"))
    >>> float(b["low"]), float(b["median"]), float(b["high"])
    (5.0, 50.0, 95.0)
    """
    if not 0 < level <= 1:
        raise ValueError(f"level must be in (0, 1], got {level}")
    if dim not in values.dims:
        raise ValueError(f"dim {dim!r} not in the dims {values.dims}")
    lo, hi = round((1 - level) / 2, 12), round((1 + level) / 2, 12)
    q = values.quantile([lo, 0.5, hi], dim=[dim], skipna=True)
    out = xr.Dataset({"low": q.sel(quantile=lo, drop=True),
                      "median": q.sel(quantile=0.5, drop=True),
                      "high": q.sel(quantile=hi, drop=True)})
    out.attrs.update(level=level, n=int(values.sizes[dim]))
    if "units" in values.attrs:
        for name in out.data_vars:
            out[name].attrs["units"] = values.attrs["units"]
    return out


def sign_beyond_band(
    difference: xr.DataArray | np.ndarray | Sequence[float],
    *,
    dim: Hashable = "resample",
    level: float = 0.9,
) -> int:
    """+1 if the whole band of ``difference`` lies above 0, -1 if below, 0 if it holds 0.

    Parameters
    ----------
    difference : xarray.DataArray or array
        One difference per resample (e.g. entropy of layer 1 minus that of layer 9 on the
        same probe set), 1-D along ``dim``.
    dim : str, default "resample"
        The dim of a DataArray.
    level : float, default 0.9
        Width of the band (see :func:`band`).

    Examples
    --------
    >>> sign_beyond_band([0.2, 0.5, 0.4]), sign_beyond_band([-0.1, 0.3, 0.2], level=1.0)
    (1, 0)
    """
    if not isinstance(difference, xr.DataArray):
        difference = xr.DataArray(np.asarray(difference, dtype=np.float64), dims=(dim,))
    if difference.ndim != 1:
        raise ValueError(f"difference must be 1-D along {dim!r}, got dims {difference.dims}")
    if not np.isfinite(difference.values).any():
        return 0
    b = band(difference, dim=dim, level=level)
    low, high = float(b["low"]), float(b["high"])
    return 1 if low > 0 else (-1 if high < 0 else 0)
