"""Per-channel MI with the labels of a stack of channels (C, N, S), in memory-bounded
groups of channels: the core shared by :mod:`.mutual_info` (in memory, cube driver) and
:mod:`._dask_mi` (one task per block of channels); it imports neither of them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cnnslicer_widgets.estimators import _mi
from cnnslicer_widgets.estimators import _mi_inputs as inputs
from cnnslicer_widgets.estimators._inputs import power_of_two_normalized


def _group(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict) -> dict:
    """The estimates of one group of channels x (C, N, S).

    Each channel is first multiplied by a power of two (exact) that brings its largest
    magnitude into [0.5, 1), with an absolute noise variance and a fixed range scaled
    alike: the estimates are those of x, without overflow at 1e300 or underflow at 1e-300.
    """
    n = x.shape[1]
    x, e = power_of_two_normalized(x, axes=(1, 2))
    e = e.reshape(-1)
    if opts["method"] == "kde":
        factor = 2.0 if opts["bound"] == "upper" else 8.0
        noise = opts["noise_variance"]
        r, s2, varies = _mi.kde_class_sums(
            x,
            sets,
            len(counts),
            (factor,),
            noise_variance=noise if opts["relative_noise"] else np.ldexp(noise, -2 * e),
            relative=opts["relative_noise"],
            device=opts["device"],
            dtype=opts["dtype"],
        )
        with np.errstate(over="ignore"):  # inf where float64 cannot hold it (1e300 data)
            s2 = np.ldexp(s2, 2 * e)  # in the data's own units
        i_xt, mi, mi_bin = _mi.kde_mi(r[0], sets, counts)
        flags = inputs.kde_flags(n, i_xt, i_xt, varies)
    else:
        fixed = opts["fixed"]
        x_lo, x_hi = x.min(axis=(1, 2)), x.max(axis=(1, 2))
        varies = x_hi > x_lo
        lo = np.ldexp(fixed[0], -e) if fixed else x_lo
        hi = np.ldexp(fixed[1], -e) if fixed else x_hi
        ids, n_states, clipped = _mi.binned_states(x, lo, hi, opts["bins"])
        i_xt, mi, mi_bin, share = _mi.binned_mi(ids, sets, len(counts))
        size = x[0].size
        flags = inputs.binning_flags(n, n_states, share, clipped if fixed else None, size, varies)
        s2 = np.full(len(x), np.nan)
    return {"i_xt": i_xt, "mi": mi, "mi_bin": mi_bin, "flags": flags, "s2": s2}


def per_channel_bytes(n: int, size: int, sets: np.ndarray, counts: np.ndarray) -> int:
    return 8 * n * (3 * size + 2 * len(sets) * len(counts))


def estimate_channels(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict) -> dict:
    """Estimates of all channels, computed a memory-bounded group of channels at a time."""
    n_ch, n, s = x.shape
    per_channel = per_channel_bytes(n, s, sets, counts)
    return merge(
        [_group(x[g], sets, counts, opts) for g in _mi.channel_groups(n_ch, per_channel)]
    )


def merge(parts: list[dict]) -> dict:
    """The estimates of consecutive channel groups as one."""
    out: dict[str, Any] = {k: np.concatenate([p[k] for p in parts])
                           for k in ("i_xt", "mi", "mi_bin", "s2")}
    out["flags"] = {k: np.concatenate([p["flags"][k] for p in parts]) for k in parts[0]["flags"]}
    return out
