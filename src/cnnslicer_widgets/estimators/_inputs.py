"""Every check of an estimator's input and options, in one place.

Every public estimator validates what it is given here, so that a failure names the
problem and the fix (which dim is missing and which dims exist, where a NaN sits, which
values an option takes): dims and sample counts, finite values, dtypes, bins, ranges,
noise, counts, the method switch and the device.

The options mean the same in every estimator:

- ``method``: how the estimate is computed (``"auto"`` picks by measurement where an
  estimator has several exact ways; see each estimator for its choices).
- ``range``: what the bins span. The default, ``"own"``, is one rule for all: each
  estimate bins over the min..max of the data it is about (a feature map for
  intra-sample entropy, a channel for per-channel MI, a layer for the information
  plane); ``(lo, hi)`` fixes it; intra-sample entropy also takes ``"channel"``.
- ``bins``: equal bins over that range. ``dtype``: the arithmetic of the heavy products
  (``"float64"`` or ``"float32"``). ``device``: where torch work runs (default CUDA when
  available, else the CPU). ``progress``: show a tqdm.auto bar. ``client``: the
  dask.distributed client for dask-backed input (default: the active one, if any).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import xarray as xr


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




_HALF_TO_SINGLE: np.ndarray | None = None


def as_compute_values(values: np.ndarray) -> np.ndarray:
    """C-contiguous values in :func:`compute_dtype`; float16 by table lookup (exact).

    numpy converts float16 at about 2 ns per value; indexing a 65,536-entry float32 table
    with the raw bits is 4-5x faster, and float16 is what a cube stores.
    """
    global _HALF_TO_SINGLE
    values = np.asarray(values)
    if values.dtype == np.float16:
        if _HALF_TO_SINGLE is None:
            bits = np.arange(2**16, dtype=np.uint16)
            _HALF_TO_SINGLE = bits.view(np.float16).astype(np.float32)
        return np.take(_HALF_TO_SINGLE, np.ascontiguousarray(values).view(np.uint16))
    return np.ascontiguousarray(values, dtype=compute_dtype(values.dtype))


def check_bins(bins: Any, *, low: int = 2, high: int | None = 256) -> int:
    """An integer number of bins in ``low..high`` (no upper limit when ``high`` is None)."""
    ok = (not isinstance(bins, bool) and isinstance(bins, (int, np.integer))
          and bins >= low and (high is None or bins <= high))
    if not ok:
        span = (f"an integer from {low} to {high}" if high is not None else
                 "a positive integer" if low == 1 else f"an integer of at least {low}")
        raise ValueError(f"bins must be {span}, got {bins!r}")
    return int(bins)


def check_range(value_range: Any, *, own: str,
                also: Sequence[str] = ()) -> tuple[str, tuple[float, float] | None]:
    """``(mode, fixed)`` of a ``range=`` option (see the module docstring).

    ``"own"`` (and ``own``, the name of the unit an estimate is about: ``"sample"``,
    ``"channel"``, ``"layer"``) give ``(own, None)``; a name in ``also`` gives
    ``(name, None)``; a finite ``(lo, hi)`` with lo < hi gives ``("fixed", (lo, hi))``.
    """
    names = ("own", own, *also)
    if isinstance(value_range, str) and value_range in names:
        return (own if value_range == "own" else value_range), None
    try:
        if isinstance(value_range, str):
            raise TypeError(value_range)
        lo, hi = (float(v) for v in value_range)
    except (TypeError, ValueError):
        choices = ", ".join(repr(n) for n in dict.fromkeys(names))
        raise ValueError(f"range={value_range!r} is not one of {choices} or a (lo, hi) "
                         "pair") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and hi > lo):
        raise ValueError(f"a fixed range needs finite lo < hi, got range=({lo}, {hi})")
    return "fixed", (lo, hi)


def check_noise(noise_variance: Any) -> float:
    """A finite noise variance > 0 (absolute, or a fraction of the total variance)."""
    if (
        isinstance(noise_variance, bool)
        or not isinstance(noise_variance, (int, float, np.integer, np.floating))
        or not np.isfinite(noise_variance)
        or noise_variance <= 0
    ):
        raise ValueError(f"noise_variance must be a finite number > 0, got {noise_variance!r}")
    return float(noise_variance)


def check_dtype(dtype: Any) -> str:
    """``"float64"`` or ``"float32"``: the arithmetic of an estimator's heavy products."""
    if dtype not in ("float64", "float32"):
        raise ValueError(f"dtype={dtype!r} is not 'float64' or 'float32'")
    return str(dtype)


def check_method(method: Any, choices: Sequence[str]) -> str:
    """One of ``choices``, else a ValueError listing them."""
    if not isinstance(method, str) or method not in choices:
        raise ValueError(f"method={method!r} is not one of {', '.join(map(repr, choices))}")
    return method


def check_count(value: Any, name: str, *, minimum: int = 0, allow_none: bool = False) -> Any:
    """An integer >= ``minimum`` (or None when allowed), else a clear error."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        kind = " or None" if allow_none else ""
        raise TypeError(f"{name} must be an integer{kind}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def pick_device(device: Any = None) -> Any:
    """torch.device: the given one, else CUDA when available, else CPU."""
    import torch

    if device is not None:
        return torch.device(device)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def power_of_two_normalized(x: np.ndarray, axes: int | tuple[int, ...] | None = None,
                            ) -> tuple[np.ndarray, np.ndarray]:
    """``x * 2**-e`` with ``e`` chosen per slice (the dims not in ``axes``; all of ``x`` when
    ``axes`` is None) so that the largest magnitude lies in [0.5, 1), and ``e``.

    Multiplying by a power of two is exact (but for values far below the largest, which may
    round into the subnormals), so every scale-invariant estimate of the normalised values
    equals that of ``x`` bit for bit, while squares and sums of squares can neither overflow
    (1e300 in float64, 1e19 in float32) nor underflow (1e-300, subnormal float32 maps).
    Finite values only; an all-zero slice gets e = 0; integers and bools come back as
    float64.

    Examples
    --------
    >>> y, e = power_of_two_normalized(np.array([[3e300, -1e300], [2e-320, 0.0]]), axes=1)
    >>> y[:, 0].round(4).tolist(), e.ravel().tolist()
    ([0.56, 0.9883], [999, -1062])
    """
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    top = np.max(np.abs(x), axis=axes, keepdims=True) if x.size else np.zeros((1,) * x.ndim)
    _, e = np.frexp(top)
    e = np.where(top > 0, e, 0).astype(np.int32)
    if not np.any(e):
        return x, e
    return np.ldexp(x, -e).astype(x.dtype, copy=False), e


def check_values(da: Any, arg: str, *, counts: bool = False) -> None:
    """Raise a clear error when ``da`` (named ``arg`` in messages) is not an estimator's
    input: not a DataArray, no values, not numbers (complex, object, strings, dates) or,
    with ``counts``, not finite non-negative counts.

    Only the dtype and sizes are looked at, so a lazy (dask) input is not read; counts
    are read (they are small: histograms, confusion matrices).
    """
    if not isinstance(da, xr.DataArray):
        raise TypeError(f"{arg} must be an xarray.DataArray, got {type(da).__name__}; wrap "
                        f"numpy arrays with xarray.DataArray(values, dims=(...))")
    kind = da.dtype.kind
    if kind == "c":
        raise TypeError(f"{arg} holds complex values ({da.dtype}); these estimators need "
                        f"real numbers: pass {arg}.real, abs({arg}) or both as channels")
    if kind not in "biuf":
        raise TypeError(f"{arg} holds {da.dtype} values; these estimators need numbers "
                        f"(bool, int or float): convert it first, e.g. {arg}.astype(float)")
    if da.size == 0:
        empty = ", ".join(f"{d}={n}" for d, n in da.sizes.items() if n == 0)
        raise ValueError(f"{arg} holds no values (its dims {empty}); select a non-empty "
                         f"part, e.g. more samples")
    if counts:
        values = np.asarray(da.values)
        if kind == "f" and not np.isfinite(values).all():
            raise ValueError(f"{arg} holds NaN or inf; counts are finite whole numbers >= 0")
        if (values < 0).any():
            raise ValueError(f"{arg} holds negative values (smallest {values.min()}); counts "
                             "are whole numbers >= 0")
