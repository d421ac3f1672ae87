"""What every estimator result carries, and the progress bar of long computations.

Results are xarray objects in bits with the estimator and its parameters in ``attrs``
(:func:`result_attrs`); long work shows a tqdm.auto bar the caller can turn off.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

UNITS = "bits"


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


def mark_bits(ds: xr.Dataset) -> xr.Dataset:
    """units = "bits" on every variable holding an information estimate."""
    for name in ds.data_vars:
        if ds[name].dtype.kind == "f" and not str(name).endswith(("p_value", "noise_variance")):
            ds[name].attrs["units"] = "bits"
    return ds
