"""Per-channel mutual information with the labels (Fang et al. 2018, Sec. 5.2-5.3).

T_c is channel c's feature map of a sample, flattened (h x w values); Y the sample's
class. For every channel of a layer at an epoch: I(T_c; Y) with the K-class label (at
most H(Y) <= log2 K bits), and I(T_c; 1[Y = k]) with each one-vs-rest binary label (at
most H(1[Y = k]) <= 1 bit); the rank order of the channels (1 = most informative) for
the K-class label and for each class. Every channel is computed in the same matrix
products (batched over channels, in groups that bound memory), not in a Python loop.

Estimators (``estimator=``):

- ``"kde"`` (default): the estimator of Fang et al. (their Eq. 3-5, Kolchinsky & Tracey's
  pairwise KL bound, exactly the KDE of infoplane.py with T = one channel):
  I(T_c;Y) = (1/N) sum_i ln[(S_i,y_i / N_y_i) / (S_i / N)] / ln 2, S_i = sum_j
  exp(-||t_i - t_j||^2 / (2 s2)) and S_i,y its part over the samples of class y. With
  ``relative_noise=True`` s2 = noise_variance x the channel's own total variance at that
  epoch, so channels of different scale (and one channel across epochs, as weights grow)
  are compared at the same resolution and the estimate is invariant to rescaling a
  channel. ``bound="lower"`` uses the Bhattacharyya kernel exp(-d2 / (8 s2)) instead.
  One-vs-rest: the same with the two groups {Y = k} and {Y != k}. A difference of two
  bounds, the estimate is never above H(Y) (each term is at most -log2 p(y_i)) but is
  not itself a bound, and can dip slightly below 0 for a channel that carries nothing.
- ``"binning"``: 30 equal bins over the channel's range at that epoch (min..max over all
  samples and positions of that channel); each sample's binned map is one state;
  plug-in I(T_c;Y) = H(T_c) + H(Y) - H(T_c, Y). Well defined but, with h x w units,
  nearly every sample gets a state of its own and the estimate saturates at H(Y) for
  every channel that is not (nearly) constant: on the case-study LeNet with 1,000 MNIST
  digits, 30 of its 44 conv and pool channels at initialisation and 42 of 44 after one
  epoch (the other two within 0.02 bits of H(Y)), where the KDE gives 0.3-1.5 bits
  rising with training. A warning says so. Kept for small maps and for comparison,
  hence not the default.

Both are reported with an optional shuffled-label null (``n_permutations``): the null
mean is the estimator's bias at this sample size, and the p-value tells whether the
value stands out from it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask, _mi
from cnnslicer_widgets.estimators import _mi_inputs as inputs
from cnnslicer_widgets.estimators._common import progress_bar, require_dims, result_attrs


def rank_channels(mi: xr.DataArray, *, channel_dim: Hashable = "channel") -> xr.DataArray:
    """Rank order of the channels by MI: 1 = the largest, ties share the best rank.

    Parameters
    ----------
    mi : xarray.DataArray
        MI values with a channel dim (any other dims, e.g. class or epoch, are ranked
        separately).
    channel_dim : str, default "channel"

    Returns
    -------
    xarray.DataArray
        Ranks 1..C along ``channel_dim`` (int; float with NaN where ``mi`` is NaN).

    Examples
    --------
    >>> import xarray as xr
    >>> rank_channels(xr.DataArray([0.2, 0.9, 0.2, 0.5], dims="channel")).values.tolist()
    [3, 1, 3, 2]
    """
    from scipy.stats import rankdata

    require_dims(mi, [channel_dim], role="channel dim", hint="pass channel_dim=...")
    axis = mi.get_axis_num(channel_dim)
    values = -np.round(np.asarray(mi.values, dtype=np.float64), 12)  # rounding: no false order
    has_nan = np.isnan(values).any()
    ranks = rankdata(values, method="min", axis=axis, nan_policy="omit" if has_nan else "propagate")
    out = mi.copy(data=ranks if has_nan else ranks.astype(np.int64))
    out.attrs = {"estimator": "rank_channels", "order": "1 = largest MI", "ties": "min"}
    return out.rename("rank")


def _options(
    estimator: str,
    bound: str,
    bins: int,
    value_range: Any,
    noise_variance: float,
    relative_noise: bool,
    dtype: str,
    device: Any,
) -> dict[str, Any]:
    if estimator not in ("kde", "binning"):
        raise ValueError(f"estimator={estimator!r} is not 'kde' or 'binning'")
    if bound not in ("upper", "lower"):
        raise ValueError(f"bound={bound!r} is not 'upper' or 'lower'")
    return {
        "estimator": estimator,
        "bound": bound,
        "bins": inputs.check_bins(bins),
        "fixed": inputs.check_range(value_range, "channel"),
        "noise_variance": inputs.check_noise(noise_variance),
        "relative_noise": bool(relative_noise),
        "dtype": inputs.check_dtype(dtype),
        "device": device,
    }


def _group(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict) -> dict:
    """The estimates of one group of channels x (C, N, S)."""
    n = x.shape[1]
    if opts["estimator"] == "kde":
        factor = 2.0 if opts["bound"] == "upper" else 8.0
        r, s2, varies = _mi.kde_class_sums(
            x,
            sets,
            len(counts),
            (factor,),
            noise_variance=opts["noise_variance"],
            relative=opts["relative_noise"],
            device=opts["device"],
            dtype=opts["dtype"],
        )
        i_xt, mi, mi_bin = _mi.kde_mi(r[0], sets, counts)
        flags = inputs.kde_flags(n, i_xt, i_xt, varies)
    else:
        fixed = opts["fixed"]
        x_lo, x_hi = x.min(axis=(1, 2)), x.max(axis=(1, 2))
        varies = x_hi > x_lo
        lo = np.full(len(x), fixed[0]) if fixed else x_lo
        hi = np.full(len(x), fixed[1]) if fixed else x_hi
        ids, n_states, clipped = _mi.binned_states(x, lo, hi, opts["bins"])
        i_xt, mi, mi_bin, share = _mi.binned_mi(ids, sets, len(counts))
        size = x[0].size
        flags = inputs.binning_flags(n, n_states, share, clipped if fixed else None, size, varies)
        s2 = np.full(len(x), np.nan)
    return {"i_xt": i_xt, "mi": mi, "mi_bin": mi_bin, "flags": flags, "s2": s2}


def _per_channel_bytes(n: int, size: int, sets: np.ndarray, counts: np.ndarray) -> int:
    return 8 * n * (3 * size + 2 * len(sets) * len(counts))


def _channels(x: np.ndarray, sets: np.ndarray, counts: np.ndarray, opts: dict) -> dict:
    """Estimates of all channels, computed a memory-bounded group of channels at a time."""
    n_ch, n, s = x.shape
    per_channel = _per_channel_bytes(n, s, sets, counts)
    return _merge(
        [_group(x[g], sets, counts, opts) for g in _mi.channel_groups(n_ch, per_channel)]
    )


def _merge(parts: list[dict]) -> dict:
    """The estimates of consecutive channel groups as one."""
    out = {k: np.concatenate([p[k] for p in parts]) for k in ("i_xt", "mi", "mi_bin", "s2")}
    out["flags"] = {k: np.concatenate([p["flags"][k] for p in parts]) for k in parts[0]["flags"]}
    return out


def _dataset(res: dict, classes: np.ndarray, counts: np.ndarray, lead: tuple, coords: dict):
    """The result Dataset; ``lead`` holds the leading dims (() or ("epoch",))."""
    ch, cl = (*lead, "channel"), (*lead, "class", "channel")
    data = {**_mi.null_summary("mi", res["mi"], ch)}
    data.update(_mi.null_summary("mi_binary", np.moveaxis(res["mi_bin"], -1, -3), cl))
    data["i_xt"] = (ch, res["i_xt"])
    data["saturated"] = (ch, inputs.saturated(res["flags"]))
    data["noise_variance"] = (ch, res["s2"])
    coords = {**coords, "class": classes, "h_y": _mi.entropy_of_counts(counts)}
    coords["h_binary"] = ("class", _mi.binary_entropies(counts))
    ds = xr.Dataset(data, coords=coords)
    ds["mi_rank"] = rank_channels(ds["mi"])
    ds["mi_binary_rank"] = rank_channels(ds["mi_binary"])
    return inputs.mark_bits(ds)


def _attrs(opts: dict, n_permutations: int, seed: int, **extra: Any) -> dict:
    return result_attrs(
        "channel_label_mi",
        method=opts["estimator"],
        bound=opts["bound"] if opts["estimator"] == "kde" else None,
        bins=opts["bins"],
        range="fixed" if opts["fixed"] else "channel",
        value_range=opts["fixed"],
        noise_variance=opts["noise_variance"],
        relative_noise=int(opts["relative_noise"]),
        n_permutations=int(n_permutations),
        seed=int(seed),
        dtype=opts["dtype"],
        **extra,
    )


def channel_label_mi(
    da: xr.DataArray,
    labels: Any = None,
    *,
    sample_dim: Hashable = "x",
    channel_dim: Hashable = "channel",
    label: Hashable = "label",
    estimator: str = "kde",
    bound: str = "upper",
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    bins: int = 30,
    range: str | tuple[float, float] = "channel",  # noqa: A002 - as in intra_sample_entropy
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    client: Any = None,
) -> xr.Dataset:
    """I(T_c; Y) of every channel c of a layer at one epoch, K-class and one-vs-rest, in bits.

    Parameters
    ----------
    da : xarray.DataArray
        One layer at one epoch, e.g. ``cube.activations("conv2").sel(epoch=3)`` with dims
        (x, channel, h, w); all dims but the sample and channel dims form the map.
    labels : array-like or xarray.DataArray, optional
        One class label per sample (default: the ``label`` coordinate on ``sample_dim``).
    sample_dim, channel_dim, label : str, default "x", "channel", "label"
    estimator : {"kde", "binning"}, default "kde"
        See the module docstring.
    bound : {"upper", "lower"}, default "upper"
        KDE kernel: KL, exp(-d2 / (2 s2)) (Fang et al.), or Bhattacharyya, exp(-d2 / (8 s2)).
    noise_variance : float, default 0.3
        KDE s2: a fraction of each channel's total variance (``relative_noise=True``) or
        absolute (activation units squared).
    relative_noise : bool, default True
    bins : int, default 30
        Binning: equal bins.
    range : "channel" or (lo, hi), default "channel"
        Binning range: each channel's own min..max, or fixed (clipped into the edge bins).
    n_permutations : int, default 20
        Label shuffles for the null distribution (0: none); seeded by ``seed``.
    seed : int, default 0
    device : str or torch.device, optional
        Where the KDE runs (default CUDA when available, else CPU).
    dtype : {"float64", "float32"}, default "float64"
        KDE arithmetic.
    client : dask.distributed.Client, optional
        For a dask-backed ``da``: run the per-channel-block tasks on this cluster.
        Default: the active client (``distributed.default_client()``) if one exists,
        else one block at a time in this process.

    Returns
    -------
    xarray.Dataset
        ``mi`` (channel): I(T_c; Y); ``mi_binary`` (class, channel): I(T_c; 1[Y = k]);
        ``mi_rank``, ``mi_binary_rank``: rank orders (1 = largest); ``i_xt`` (channel): the
        channel's own I(X; T_c); ``saturated`` (channel); ``noise_variance`` (channel),
        the KDE s2 used; with permutations ``mi_null_mean``, ``mi_null_std``,
        ``mi_null_q95``, ``mi_p_value`` and the same for ``mi_binary``. Coords ``h_y``
        = H(Y) and ``h_binary`` (class) = H(1[Y = k]), the upper limits.

    Raises
    ------
    ValueError
        Fewer than 2 samples, a missing dim, NaN or inf (with the position), labels of the
        wrong length, more than one epoch, bad options.

    Warns
    -----
    InformationEstimateWarning
        Channels whose estimate is saturated (see the module docstring), once per kind.

    Notes
    -----
    A dask-backed ``da`` (e.g. ``cube["conv2"].sel(epoch=3)``) is estimated a block of
    channels at a time (all samples of those channels, about 64 MiB, read by the task
    itself): every channel's estimate needs only its own maps, so the result equals the
    in-memory one and memory holds a few blocks, never the layer.

    Examples
    --------
    Channel 0 copies the label, channel 1 is constant (a dead channel):

    >>> import numpy as np, xarray as xr
    >>> y = np.arange(40) % 4
    >>> maps = np.stack([np.repeat(y[:, None], 9, 1), np.zeros((40, 9))], axis=1)
    >>> da = xr.DataArray(maps, dims=("x", "channel", "pixel"), coords={"label": ("x", y)})
    >>> mi = channel_label_mi(da, estimator="binning", n_permutations=0)
    >>> mi.mi.values.tolist(), mi.h_y.item(), mi.mi_rank.values.tolist()
    ([2.0, 0.0], 2.0, [1, 2])
    >>> mi.mi_binary.sel(channel=0).round(3).values.tolist()  # H(1/4) each
    [0.811, 0.811, 0.811, 0.811]
    """
    opts = _options(estimator, bound, bins, range, noise_variance, relative_noise, dtype, device)
    lazy = _dask.is_lazy(da)
    if not lazy:
        da, x = inputs.stacked_values(da, sample_dim, channel_dim, what="layer")
    codes, classes = inputs.label_codes(da, labels, sample_dim, label)
    sets = inputs.label_sets(codes, n_permutations, seed)
    counts = np.bincount(codes, minlength=len(classes))
    if lazy:
        dims = (sample_dim, channel_dim)
        from cnnslicer_widgets.estimators._dask_mi import run_lazy

        [res] = run_lazy([da], sets, counts, opts, dims, client, "channel MI", False)
        da = da.squeeze("epoch") if "epoch" in da.dims and "epoch" not in dims else da
    else:
        res = _channels(x, sets, counts, opts)
    n_ch = da.sizes[channel_dim]
    channels = da[channel_dim].values if channel_dim in da.coords else np.arange(n_ch)
    notes = _notes(res["flags"], channels, "channel ")
    inputs.warn_summary(notes, len(channels), "channels")
    coords = {k: c for k, c in da.coords.items() if c.ndim == 0}
    coords["channel"] = channels
    ds = _dataset(res, classes, counts, (), coords)
    ds.attrs = _attrs(opts, n_permutations, seed, n_samples=len(codes), **_layer(da))
    return ds


def _notes(flags: dict, channels: np.ndarray, prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}{channels[c]}", kind)
        for kind, mask in flags.items()
        for c in np.flatnonzero(mask)
    ]


def _layer(da: xr.DataArray) -> dict:
    return {"layer": str(da.attrs["layer"])} if "layer" in da.attrs else {}


def channel_label_mi_cube(
    cube: Any,
    layer: str,
    labels: Any = None,
    *,
    epochs: Sequence[int] | None = None,
    estimator: str = "kde",
    bound: str = "upper",
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    bins: int = 30,
    range: str | tuple[float, float] = "channel",  # noqa: A002 - as in channel_label_mi
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    progress: bool = True,
    client: Any = None,
) -> xr.Dataset:
    """Per-channel MI with the labels of one layer over epochs (Fang et al. Fig. 5, 8-10).

    Reads one epoch at a time; the same label shuffles serve every epoch. Warnings are
    summarised over all (epoch, channel) cells.

    Parameters
    ----------
    cube : Hypercube
        From :func:`cnnslicer_widgets.cube.open_cube` (anything with ``layers``,
        ``epochs`` and ``activations(layer)`` with dims (epoch, x, channel, ...)).
    layer : str
        The layer.
    labels : array-like, optional
        One label per probe sample (default: the ``label`` coordinate on x).
    epochs : sequence of int, optional
        Default: all complete epochs.
    estimator, bound, noise_variance, relative_noise, bins, range, n_permutations, seed, \
device, dtype
        As in :func:`channel_label_mi`.
    progress : bool, default True
        Show a progress bar over the epochs (over the tasks for a cube's dask arrays).
    client : dask.distributed.Client, optional
        As in :func:`channel_label_mi`: a cube's layers are dask-backed, so every
        (epoch, block of channels) is one task, on this cluster or the active client.

    Returns
    -------
    xarray.Dataset
        The variables of :func:`channel_label_mi` with a leading ``epoch`` dim (ranks are
        per epoch).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> class Cube:  # channel 0 learns the label at epoch 1; channel 1 stays dead
    ...     layers, epochs = ["conv"], [0, 1]
    ...     def activations(self, layer):
    ...         y = np.arange(20) % 2
    ...         v = np.zeros((2, 20, 2, 3))
    ...         v[1, :, 0] = y[:, None]
    ...         return xr.DataArray(v, dims=("epoch", "x", "channel", "pixel"),
    ...                             coords={"epoch": [0, 1], "label": ("x", y)})
    >>> mi = channel_label_mi_cube(Cube(), "conv", estimator="binning", n_permutations=0,
    ...                            progress=False)
    >>> mi.mi.values.tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    opts = _options(estimator, bound, bins, range, noise_variance, relative_noise, dtype, device)
    [name] = inputs.layer_names(cube, [layer])
    epochs = inputs.epoch_list(cube, epochs)
    act = cube.activations(name)
    codes, classes = inputs.label_codes(act, labels, "x", "label")
    sets = inputs.label_sets(codes, n_permutations, seed)
    counts = np.bincount(codes, minlength=len(classes))
    channels = act["channel"].values if "channel" in act.coords else np.arange(
        act.sizes["channel"]
    )
    if _dask.is_lazy(act):
        from cnnslicer_widgets.estimators._dask_mi import run_lazy

        per_epoch = [act.sel(epoch=epoch) for epoch in epochs]
        results = run_lazy(per_epoch, sets, counts, opts, ("x", "channel"), client,
                            f"channel MI ({name})", progress)  # fmt: skip
    else:
        results = []
        with progress_bar(len(epochs), desc=f"channel MI ({name})", enabled=progress) as bar:
            for epoch in epochs:
                _, x = inputs.stacked_values(act.sel(epoch=epoch), "x", "channel", what="layer")
                results.append(_channels(x, sets, counts, opts))
                bar.update(1)
    notes = [
        note
        for epoch, res in zip(epochs, results, strict=True)
        for note in _notes(res["flags"], channels, f"epoch {epoch} channel ")
    ]
    inputs.warn_summary(notes, len(epochs) * len(channels), "(epoch, channel) cells")
    res = {k: np.stack([r[k] for r in results]) for k in ("i_xt", "mi", "mi_bin", "s2")}
    res["flags"] = {k: np.stack([r["flags"][k] for r in results]) for k in results[0]["flags"]}
    ds = _dataset(res, classes, counts, ("epoch",), {"epoch": epochs, "channel": channels})
    ds.attrs = _attrs(opts, n_permutations, seed, n_samples=len(codes), layer=name)
    return ds
