"""The information plane (Fang et al. 2018 Sec. 4, Saxe et al. 2018): I(X;T) and I(T;Y).

T is one layer's activations at one epoch (all units of a sample flattened into one
vector), X the probe input, Y its label. Two estimators, in bits:

**Binning** (Shwartz-Ziv & Tishby, Saxe et al.). Every activation goes into one of B = 30
equal bins over the layer's range at that epoch (min..max over all samples and units);
each sample's vector of bin numbers is one state of a discrete T. T is a function of X
and the N probe samples are equally likely, so I(X;T) = H(T) and
I(T;Y) = H(T) - sum_y p(y) H(T | Y=y), plug-in entropies. With many units nearly every
sample has its own state: then I(X;T) = log2 N and I(T;Y) = H(Y) whatever the layer does
(the estimate is *saturated*, and a warning says so).

**KDE** (Kolchinsky & Tracey 2017, as used by Saxe et al. and Fang et al. Eq. 3-5).
T is taken with Gaussian noise, T = h(X) + Z, Z ~ N(0, s2 I_d), so that over the probe
its density is the mixture (1/N) sum_i N(t; h_i, s2 I) of one component per sample.
With d2_ij = ||h_i - h_j||^2, the pairwise-distance bounds on the mixture entropy are

    H_D(T) = H(T|X) - (1/N) sum_i ln (1/N) sum_j exp(-D_ij),   H(T|X) = d/2 ln(2 pi e s2),

an upper bound with D = the KL divergence between components, d2_ij / (2 s2), and a lower
bound with D = the Bhattacharyya distance, d2_ij / (8 s2) (for equal covariances
s2 I: Delta^T (s2 I)^-1 Delta / 8; its log-determinant term vanishes). Both share the
constant H(T|X), which I(X;T) = H(T) - H(T|X) cancels exactly:

    I(X;T)_upper = -(1/N) sum_i ln (1/N) sum_j exp(-d2_ij / (2 s2))
    I(X;T)_lower = -(1/N) sum_i ln (1/N) sum_j exp(-d2_ij / (8 s2))

(Saxe et al.'s code writes the lower bound as the KL estimate at variance 4 s2 plus
d/2 ln(1/4); since d/2 ln(2 pi e 4 s2) + d/2 ln(1/4) = d/2 ln(2 pi e s2), it is the same.)
Each inner mean lies in [1/N, 1] (the term j = i is 1, no term exceeds 1), so both lie in
[0, ln N], and exp(-a/8) >= exp(-a/2) gives lower <= upper. I(T;Y) = H(T) - sum_y p(y)
H(T | Y=y) with the same formulas inside each class (whose constants cancel too):
I(T;Y) = I(X;T) - sum_y p(y) I(X;T | Y=y) = (1/N) sum_i ln[(S_i,y_i / N_y_i) / (S_i / N)]
with S_i the kernel sum of row i and S_i,y its part over class y; hence I(T;Y) <= H(Y).
For I(T;Y) the two are estimates, not bounds (a difference of two bounds). Nats are
converted to bits.

The noise variance sets the resolution. ``relative_noise=True`` (default) takes
s2 = noise_variance x the layer's total variance (the mean squared distance of a sample to
the centroid), which makes the estimate invariant to the scale of the activations; with a
fixed s2 the estimate mostly follows how large the activations grow (Chelombiev et al.
2019 scale the noise to the activations for this reason). ``relative_noise=False`` with
``noise_variance=0.1`` is Saxe et al.'s fixed setting, made for small tanh layers: on the
case-study MNIST LeNet (1,000 digits) it puts every conv layer at I(X;T) = log2 N after
one epoch. The default 0.3 keeps that model's layers inside the range (upper bounds of
3-4.5 bits of I(X;T) out of log2 N = 10, I(T;Y) rising with depth and training).

Estimator uncertainty: ``n_permutations`` shuffles of the labels give a null
distribution of I(T;Y) (what the estimator reports when T and Y are independent).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _mi
from cnnslicer_widgets.estimators import _mi_inputs as inputs
from cnnslicer_widgets.estimators._cube import CubeLike, epoch_list, layer_names
from cnnslicer_widgets.estimators._inputs import (
    check_bins,
    check_dtype,
    check_method,
    check_noise,
    check_range,
    power_of_two_normalized,
)
from cnnslicer_widgets.estimators._results import mark_bits, progress_bar, result_attrs

_METHODS = ("kde", "binning")


def _options(
    method: str | Sequence[str],
    bins: int,
    value_range: Any,
    noise_variance: float,
    relative_noise: bool,
    dtype: str,
    device: Any,
) -> dict[str, Any]:
    """Checked options; ``names`` the methods, ``coord`` the estimator coordinate."""
    names = [method] if isinstance(method, str) else list(method)
    if not names or len(set(names)) != len(names):
        raise ValueError(f"method={method!r}: give one or both of 'kde', 'binning'")
    for name in names:
        check_method(name, _METHODS)
    return {
        "names": names,
        "coord": [v for e in names for v in (("kde_lower", "kde_upper") if e == "kde" else (e,))],
        "bins": check_bins(bins),
        "fixed": check_range(value_range, own="layer")[1],
        "noise_variance": check_noise(noise_variance),
        "relative_noise": bool(relative_noise),
        "dtype": check_dtype(dtype),
        "device": device,
    }


def _binning_cell(x: np.ndarray, sets: np.ndarray, n_classes: int, opts: dict,
                  e: int) -> dict:
    """``x`` is the layer times 2**-e (see :func:`_plane_cell`)."""
    fixed = opts["fixed"]
    x_lo, x_hi = x.min(), x.max()
    lo, hi = (np.ldexp(fixed[0], -e), np.ldexp(fixed[1], -e)) if fixed else (x_lo, x_hi)
    ids, n_states, clipped = _mi.binned_states(x, np.array([lo]), np.array([hi]), opts["bins"])
    h_t, i_ty, _, share = _mi.binned_mi(ids, sets, n_classes)
    varies = np.array([x_hi > x_lo])
    flags = inputs.binning_flags(
        x.shape[1], n_states, share, clipped if fixed else None, x.size, varies
    )
    return {"i_xt": h_t, "i_ty": i_ty, "saturated": inputs.saturated(flags), "flags": flags}


def _kde_cell(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict,
              e: int) -> dict:
    """Rows (lower, upper): the Bhattacharyya (8 s2) and KL (2 s2) kernels; ``x`` is the
    layer times 2**-e, so an absolute noise variance is scaled by 4**-e alike."""
    noise = opts["noise_variance"]
    r, s2, varies = _mi.kde_class_sums(
        x,
        sets,
        len(counts),
        (8.0, 2.0),
        noise_variance=noise if opts["relative_noise"] else float(np.ldexp(noise, -2 * e)),
        relative=opts["relative_noise"],
        device=opts["device"],
        dtype=opts["dtype"],
    )
    (lo_xt, lo_ty, _), (up_xt, up_ty, _) = (_mi.kde_mi(r[f], sets, counts) for f in (0, 1))
    flags = inputs.kde_flags(x.shape[1], lo_xt, up_xt, varies)
    return {
        "i_xt": np.concatenate([lo_xt, up_xt]),
        "i_ty": np.concatenate([lo_ty, up_ty]),
        "saturated": np.repeat(inputs.saturated(flags), 2),
        "flags": flags,
        "noise_variance": _data_units(s2[0], e),
    }


def _data_units(s2: float, e: int) -> float:
    """A noise variance of the layer times 2**-e in the layer's own units (inf where
    float64 cannot hold it: a layer at 1e300 has a variance near 1e600)."""
    with np.errstate(over="ignore"):
        return float(np.ldexp(s2, 2 * e))


def _plane_cell(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict,
                bar: Any = None) -> dict:
    """Both quantities of one (layer, epoch), over the estimator coordinate; note kinds.

    The layer is first multiplied by a power of two (exact) that brings its largest
    magnitude into [0.5, 1): the estimates are those of ``x``, without overflow at 1e300
    or underflow at 1e-300.
    """
    x, exps = power_of_two_normalized(x)
    e = int(exps.ravel()[0])
    cells = []
    for name in opts["names"]:
        cells.append(_kde_cell(x, sets, counts, opts, e) if name == "kde"
                     else _binning_cell(x, sets, len(counts), opts, e))  # fmt: skip
        if bar is not None:
            bar.update(1)
    out: dict[str, Any] = {k: np.concatenate([c[k] for c in cells])
                           for k in ("i_xt", "i_ty", "saturated")}
    out["noise_variance"] = next(
        (c["noise_variance"] for c in cells if "noise_variance" in c), np.nan
    )
    out["notes"] = [kind for c in cells for kind, mask in c["flags"].items() if mask[0]]
    return out


def _attrs(opts: dict, n_permutations: int, seed: int, **extra: Any) -> dict:
    return result_attrs(
        "information_plane",
        method=tuple(opts["names"]),
        bins=opts["bins"],
        range="fixed" if opts["fixed"] else "layer",
        value_range=opts["fixed"],
        noise_variance=opts["noise_variance"],
        relative_noise=int(opts["relative_noise"]),
        n_permutations=int(n_permutations),
        seed=int(seed),
        dtype=opts["dtype"],
        **extra,
    )


def information_plane(
    da: xr.DataArray,
    labels: Any = None,
    *,
    sample_dim: Hashable = "x",
    label: Hashable = "label",
    method: str | Sequence[str] = ("kde", "binning"),
    bins: int = 30,
    range: str | tuple[float, float] = "own",  # noqa: A002 - as in intra_sample_entropy
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    progress: bool = True,
) -> xr.Dataset:
    """I(X;T) and I(T;Y) of one layer at one epoch, in bits (the module docstring has the math).

    Parameters
    ----------
    da : xarray.DataArray
        One layer's activations at one epoch, e.g.
        ``cube.activations("conv1").sel(epoch=3)`` with dims (x, channel, h, w); any dims
        with a sample dim: every other dim is flattened into the sample's vector.
    labels : array-like or xarray.DataArray, optional
        One class label per sample (default: the ``label`` coordinate on ``sample_dim``).
    sample_dim, label : str, default "x", "label"
    method : {"kde", "binning"} or a sequence of them, default both
        "kde" gives two rows of the result's ``estimator`` dim, ``kde_lower`` and
        ``kde_upper``; "binning" one, ``binning``.
    bins : int, default 30
        Equal bins of the binning estimator.
    range : "own" or (lo, hi), default "own"
        Binning range: the layer's own min..max over all samples and units of ``da``
        (``"own"``, also spelt ``"layer"``), or a fixed range (values outside go to the
        edge bins; a warning when > 1% do).
    noise_variance : float, default 0.3
        s2 of the KDE: absolute (``relative_noise=False``, activation units squared) or a
        fraction of the layer's total variance (``relative_noise=True``).
    relative_noise : bool, default True
    n_permutations : int, default 20
        Shuffles of the labels for the null distribution of I(T;Y) (0: none).
    seed : int, default 0
        Seeds the shuffles.
    device : str or torch.device, optional
        Where the KDE runs (default CUDA when available, else CPU).
    dtype : {"float64", "float32"}, default "float64"
        KDE arithmetic. float32: on CPU the distance products only (~1e-7 bits of
        rounding on the MNIST benchmark, little faster there); on GPUs everything, the
        faster choice there (expect ~1e-5 bits).
    progress : bool, default True
        Show a progress bar over the estimators.

    Returns
    -------
    xarray.Dataset
        Over ``estimator`` (``binning``, ``kde_lower``, ``kde_upper`` as requested):
        ``i_xt``, ``i_ty`` (bits), ``saturated`` (bool: the estimate sits at an end of the
        estimator's range, see the warning); with permutations ``i_ty_null_mean``,
        ``i_ty_null_std``, ``i_ty_null_q95`` and ``i_ty_p_value``. Coords: ``h_y`` = H(Y)
        and ``log2_n`` (the largest possible I(T;Y) and I(X;T)), ``noise_variance`` (the
        s2 used), the scalar coords of ``da`` (e.g. epoch). attrs: units, estimator, the
        parameters.

    Raises
    ------
    ValueError
        Fewer than 2 samples, ``sample_dim`` missing, NaN or inf (the message says where),
        labels of the wrong length, more than one epoch, bad options.

    Warns
    -----
    InformationEstimateWarning
        Binning: all samples in distinct states, or > 90% in one; a fixed range clipping
        > 1% of values. KDE: all samples isolated, or all merged, at this noise.

    Examples
    --------
    A layer whose two units encode the label exactly: I(X;T) = I(T;Y) = H(Y) = 1 bit.

    >>> import numpy as np, xarray as xr
    >>> y = np.array([0, 0, 1, 1] * 5)
    >>> da = xr.DataArray(np.stack([y, -y], axis=1) * 10.0, dims=("x", "unit"),
    ...                   coords={"label": ("x", y)})
    >>> ip = information_plane(da, method="binning", n_permutations=0, progress=False)
    >>> ip.i_xt.values.tolist(), ip.i_ty.values.tolist(), ip.attrs["units"]
    ([1.0], [1.0], 'bits')
    """
    opts = _options(method, bins, range, noise_variance, relative_noise, dtype, device)
    da, x = inputs.stacked_values(da, sample_dim, None, what="layer")
    codes, classes = inputs.label_codes(da, labels, sample_dim, label)
    sets = inputs.label_sets(codes, n_permutations, seed)
    counts = np.bincount(codes, minlength=len(classes))
    with progress_bar(len(opts["names"]), desc="information plane", enabled=progress) as bar:
        cell = _plane_cell(x, sets, counts, opts, bar)
    name = str(da.attrs.get("layer", "the layer"))
    inputs.warn_summary([(name, kind) for kind in cell["notes"]], 1, "layer")
    data = {"i_xt": (("estimator",), cell["i_xt"])}
    data.update(_mi.null_summary("i_ty", cell["i_ty"], ("estimator",)))
    data["saturated"] = (("estimator",), cell["saturated"])
    coords = {k: c for k, c in da.coords.items() if c.ndim == 0}
    coords.update(
        estimator=opts["coord"],
        h_y=_mi.entropy_of_counts(counts),
        log2_n=float(np.log2(x.shape[1])),
        noise_variance=cell["noise_variance"],
    )
    attrs = _attrs(opts, n_permutations, seed, n_samples=x.shape[1], n_units=x.shape[2])
    return mark_bits(xr.Dataset(data, coords=coords, attrs=attrs))




def information_plane_cube(
    cube: CubeLike,
    *,
    layers: str | Sequence[str] | None = None,
    epochs: Sequence[int] | None = None,
    labels: Any = None,
    method: str | Sequence[str] = ("kde", "binning"),
    bins: int = 30,
    range: str | tuple[float, float] = "own",  # noqa: A002 - as in information_plane
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    progress: bool = True,
) -> xr.Dataset:
    """The information plane of a run: I(X;T) and I(T;Y) for every layer and epoch.

    Reads one layer at one epoch at a time (memory: one layer's activations plus
    O(N x N / 8) of distances). The same label shuffles serve every cell. Warnings are
    summarised: one per kind of saturation, naming the cells.

    Parameters
    ----------
    cube : Hypercube or CubeLike
        From :func:`cnnslicer_widgets.cube.open_cube` (anything with ``layers``,
        ``epochs`` and ``activations(layer)`` with dims (epoch, x, ...)).
    layers : str or sequence of str, optional
        Default: every layer recorded raw, in forward order (the input and the output
        included).
    epochs : sequence of int, optional
        Default: all complete epochs.
    labels : array-like, optional
        One label per probe sample (default: the ``label`` coordinate on x).
    method, bins, range, noise_variance, relative_noise, n_permutations, seed, device, dtype
        As in :func:`information_plane`.
    progress : bool, default True
        Show a progress bar over the (layer, epoch) cells.

    Returns
    -------
    xarray.Dataset
        Dims (layer, epoch, estimator): ``i_xt``, ``i_ty`` (bits), ``saturated``, and the
        null statistics of ``i_ty`` when ``n_permutations > 0``; ``noise_variance``
        (layer, epoch), the KDE s2 used (NaN without "kde"). Coords ``n_units`` on layer,
        ``h_y`` and ``log2_n`` (the axes' upper limits), ``layer_index`` when known.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> class Cube:  # layer "a" copies the label, layer "b" is constant
    ...     layers, epochs = ["a", "b"], [0, 1]
    ...     def activations(self, layer):
    ...         y = np.arange(8) % 2
    ...         v = np.broadcast_to(y[None, :, None] * (layer == "a"), (2, 8, 3))
    ...         return xr.DataArray(v.astype(float), dims=("epoch", "x", "unit"),
    ...                             coords={"epoch": [0, 1], "label": ("x", y)})
    >>> ip = information_plane_cube(Cube(), method="binning", n_permutations=0,
    ...                             progress=False)
    >>> ip.i_ty.sel(estimator="binning").values.tolist()
    [[1.0, 1.0], [0.0, 0.0]]
    """
    opts = _options(method, bins, range, noise_variance, relative_noise, dtype, device)
    layer_list = layer_names(cube, layers, raw=True)
    epochs = epoch_list(cube, epochs)
    codes, classes = inputs.label_codes(cube.activations(layer_list[0]), labels, "x", "label")
    sets = inputs.label_sets(codes, n_permutations, seed)
    counts = np.bincount(codes, minlength=len(classes))
    shape = (len(layer_list), len(epochs), len(opts["coord"]))
    i_xt, i_ty, sat = np.empty(shape), np.empty((*shape, len(sets))), np.empty(shape, bool)
    s2 = np.full(shape[:2], np.nan)
    n_units, notes = [], []
    with progress_bar(shape[0] * shape[1], desc="information plane", enabled=progress) as bar:
        for li, name in enumerate(layer_list):
            act = cube.activations(name)
            for ei, epoch in enumerate(epochs):
                da = act.sel(epoch=epoch)
                _, x = inputs.stacked_values(da, "x", None, what=f"layer {name!r}")
                cell = _plane_cell(x, sets, counts, opts)
                i_xt[li, ei], i_ty[li, ei] = cell["i_xt"], cell["i_ty"]
                sat[li, ei], s2[li, ei] = cell["saturated"], cell["noise_variance"]
                notes += [(f"{name}@{epoch}", kind) for kind in cell["notes"]]
                bar.update(1)
            n_units.append(x.shape[2])
    inputs.warn_summary(notes, shape[0] * shape[1], "(layer, epoch) cells")
    dims = ("layer", "epoch", "estimator")
    data = {"i_xt": (dims, i_xt), **_mi.null_summary("i_ty", i_ty, dims)}
    data["saturated"] = (dims, sat)
    data["noise_variance"] = (dims[:2], s2)
    coords = {
        "layer": layer_list,
        "epoch": epochs,
        "estimator": opts["coord"],
        "n_units": ("layer", np.asarray(n_units)),
        "h_y": _mi.entropy_of_counts(counts),
        "log2_n": float(np.log2(len(codes))),
    }
    attrs = _attrs(opts, n_permutations, seed, n_samples=len(codes))
    return mark_bits(xr.Dataset(data, coords=coords, attrs=attrs))
