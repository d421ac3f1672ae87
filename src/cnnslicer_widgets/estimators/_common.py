"""Shared checks and helpers of the estimators: dims, finiteness, progress, attrs.

Every public estimator validates its input here so that a failure names the problem
and the fix (which dim is missing and which dims exist, where a NaN sits, ...).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import xarray as xr

UNITS = "bits"


def require_dims(da: xr.DataArray, dims: Iterable[Hashable], *, role: str, hint: str = "") -> None:
    """Raise ValueError if any of ``dims`` is not a dimension of ``da``.

    ``role`` says what the dim is for ("sample dim", "map dims", ...); ``hint`` is the fix.
    """
    missing = [d for d in dims if d not in da.dims]
    if missing:
        names = ", ".join(repr(d) for d in missing)
        have = ", ".join(repr(d) for d in da.dims) or "none"
        msg = f"{role} {names} not among the dims of the input (its dims: {have})"
        raise ValueError(f"{msg}; {hint}" if hint else msg)


def require_samples(n: int, *, sample_dim: Hashable, minimum: int = 2) -> None:
    """Raise ValueError when fewer than ``minimum`` samples lie along ``sample_dim``."""
    if n < minimum:
        raise ValueError(
            f"need at least {minimum} samples along {sample_dim!r}, got {n}; "
            f"select more samples (e.g. a larger slice of {sample_dim!r})"
        )


def position_text(da: xr.DataArray, dims: Sequence[Hashable], index: Sequence[int]) -> str:
    """Describe one position of ``da`` as ``"epoch=3, x=17"`` using coordinate values."""
    parts = []
    for dim, i in zip(dims, index, strict=True):
        if dim in da.coords:
            value = da.coords[dim].values[i]
            parts.append(f"{dim}={value.item() if hasattr(value, 'item') else value}")
        else:
            parts.append(f"{dim}[{i}]")
    return ", ".join(parts)


def raise_nonfinite(
    da: xr.DataArray, dims: Sequence[Hashable], bad: np.ndarray, *, what: str
) -> None:
    """Raise ValueError naming where ``bad`` (a boolean array over ``dims``) is true."""
    where = np.argwhere(bad)
    shown = "; ".join(position_text(da, dims, w) for w in where[:3])
    more = f" and {len(where) - 3} more" if len(where) > 3 else ""
    raise ValueError(
        f"input contains NaN or inf in {len(where)} of {bad.size} {what}: at {shown}{more}. "
        "Drop them from the selection or replace them (e.g. da.fillna(0)) before estimating."
    )


def check_finite_rows(
    da: xr.DataArray, values: np.ndarray, dims: Sequence[Hashable], *, what: str
) -> None:
    """Check ``values`` (shape ``dims`` sizes + flattened rest) and raise with the position."""
    if np.issubdtype(values.dtype, np.floating) or np.issubdtype(values.dtype, np.complexfloating):
        finite = np.isfinite(values).reshape(values.shape[: len(dims)] + (-1,)).all(axis=-1)
        if not finite.all():
            raise_nonfinite(da, dims, ~finite, what=what)


def compute_dtype(dtype: np.dtype) -> np.dtype:
    """float32 for small types (float16, 8/16-bit ints, bool), float64 otherwise."""
    dtype = np.dtype(dtype)
    if dtype == np.float32 or dtype == np.float16 or dtype.itemsize <= 2:
        return np.dtype(np.float32)
    if not (np.issubdtype(dtype, np.number) or dtype == np.bool_):
        raise TypeError(f"expected numbers, got an array of dtype {dtype}")
    return np.dtype(np.float64)


def progress_bar(total: int, *, desc: str, enabled: bool):
    """A tqdm.auto bar (notebook or terminal); ``enabled=False`` gives a silent one."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, disable=not enabled, leave=False)


def result_attrs(estimator: str, **params: Any) -> dict[str, Any]:
    """attrs of an estimator result: units, estimator name and its parameters.

    Tuples become lists and None becomes the string "none" so that the attrs can be
    written to netCDF as they are.
    """
    attrs: dict[str, Any] = {"units": UNITS, "estimator": estimator}
    for key, value in params.items():
        if value is None:
            value = "none"
        elif isinstance(value, tuple):
            value = list(value)
        attrs[key] = value
    return attrs


def entropy_bits(counts: np.ndarray, axis: int = -1) -> np.ndarray:
    """Shannon entropy (bits) of histograms along ``axis``; 0 log 0 = 0; empty -> +inf.

    Works on counts or on (unnormalised) probabilities.
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum(axis=axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = counts / total
        terms = np.where(p > 0, -p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    h = terms.sum(axis=axis)
    return np.where(np.squeeze(total, axis=axis) > 0, h, np.inf)
