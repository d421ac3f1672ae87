"""Per-channel mutual information with the labels (Fang et al. 2018, Sec. 5.2-5.3).

T_c is channel c's feature map of a sample, flattened (h x w values); Y the sample's
class. For every channel of a layer at an epoch: I(T_c; Y) with the K-class label (at
most H(Y) <= log2 K bits), and I(T_c; 1[Y = k]) with each one-vs-rest binary label (at
most H(1[Y = k]) <= 1 bit); the rank order of the channels (1 = most informative) for
the K-class label and for each class. Every channel is computed in the same matrix
products (batched over channels, in groups that bound memory), not in a Python loop.

Estimators (``method=``):

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
from cnnslicer_widgets.estimators._cube import CubeLike, epoch_list, layer_names
from cnnslicer_widgets.estimators._dask_mi import run_lazy
from cnnslicer_widgets.estimators._inputs import (
    check_bins,
    check_dtype,
    check_method,
    check_noise,
    check_range,
    check_values,
    require_dims,
)
from cnnslicer_widgets.estimators._mi_channels import estimate_channels
from cnnslicer_widgets.estimators._results import mark_bits, progress_bar, result_attrs


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

    check_values(mi, "mi")
    require_dims(mi, [channel_dim], role="channel dim", hint="pass channel_dim=...")
    axis = mi.get_axis_num(channel_dim)
    values = -np.round(np.asarray(mi.values, dtype=np.float64), 12)  # rounding: no false order
    has_nan = np.isnan(values).any()
    ranks = rankdata(values, method="min", axis=axis, nan_policy="omit" if has_nan else "propagate")
    out = mi.copy(data=ranks if has_nan else ranks.astype(np.int64))
    out.attrs = {"estimator": "rank_channels", "order": "1 = largest MI", "ties": "min"}
    return out.rename("rank")


def _options(
    method: str,
    bound: str,
    bins: int,
    value_range: Any,
    noise_variance: float,
    relative_noise: bool,
    dtype: str,
    device: Any,
) -> dict[str, Any]:
    if bound not in ("upper", "lower"):
        raise ValueError(f"bound={bound!r} is not 'upper' or 'lower'")
    return {
        "method": check_method(method, ("kde", "binning")),
        "bound": bound,
        "bins": check_bins(bins),
        "fixed": check_range(value_range, own="channel")[1],
        "noise_variance": check_noise(noise_variance),
        "relative_noise": bool(relative_noise),
        "dtype": check_dtype(dtype),
        "device": device,
    }


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
    return mark_bits(ds)


def _attrs(opts: dict, n_permutations: int, seed: int, **extra: Any) -> dict:
    return result_attrs(
        "channel_label_mi",
        method=opts["method"],
        bound=opts["bound"] if opts["method"] == "kde" else None,
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
    method: str = "kde",
    bound: str = "upper",
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    bins: int = 30,
    range: str | tuple[float, float] = "own",  # noqa: A002 - as in intra_sample_entropy
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    progress: bool = True,
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
    method : {"kde", "binning"}, default "kde"
        See the module docstring.
    bound : {"upper", "lower"}, default "upper"
        KDE kernel: KL, exp(-d2 / (2 s2)) (Fang et al.), or Bhattacharyya, exp(-d2 / (8 s2)).
    noise_variance : float, default 0.3
        KDE s2: a fraction of each channel's total variance (``relative_noise=True``) or
        absolute (activation units squared).
    relative_noise : bool, default True
    bins : int, default 30
        Binning: equal bins.
    range : "own" or (lo, hi), default "own"
        Binning range: each channel's own min..max (``"own"``, also spelt ``"channel"``),
        or fixed (clipped into the edge bins).
    n_permutations : int, default 20
        Label shuffles for the null distribution (0: none); seeded by ``seed``.
    seed : int, default 0
    device : str or torch.device, optional
        Where the KDE runs (default CUDA when available, else CPU).
    dtype : {"float64", "float32"}, default "float64"
        KDE arithmetic.
    progress : bool, default True
        Show a progress bar over the channel blocks of a dask-backed ``da``.
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
    >>> mi = channel_label_mi(da, method="binning", n_permutations=0)
    >>> mi.mi.values.tolist(), mi.h_y.item(), mi.mi_rank.values.tolist()
    ([2.0, 0.0], 2.0, [1, 2])
    >>> mi.mi_binary.sel(channel=0).round(3).values.tolist()  # H(1/4) each
    [0.811, 0.811, 0.811, 0.811]
    """
    opts = _options(method, bound, bins, range, noise_variance, relative_noise, dtype, device)
    lazy = _dask.is_lazy(da)
    if not lazy:
        da, x = inputs.stacked_values(da, sample_dim, channel_dim, what="layer")
    codes, classes = inputs.label_codes(da, labels, sample_dim, label)
    sets = inputs.label_sets(codes, n_permutations, seed)
    counts = np.bincount(codes, minlength=len(classes))
    if lazy:
        dims = (sample_dim, channel_dim)
        [res] = run_lazy([da], sets, counts, opts, dims, client, "channel MI", progress)
        da = da.squeeze("epoch") if "epoch" in da.dims and "epoch" not in dims else da
    else:
        res = estimate_channels(x, sets, counts, opts)
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
    cube: CubeLike,
    *,
    layers: str | Sequence[str] | None = None,
    epochs: Sequence[int] | None = None,
    labels: Any = None,
    method: str = "kde",
    bound: str = "upper",
    noise_variance: float = 0.3,
    relative_noise: bool = True,
    bins: int = 30,
    range: str | tuple[float, float] = "own",  # noqa: A002 - as in channel_label_mi
    n_permutations: int = 20,
    seed: int = 0,
    device: Any = None,
    dtype: str = "float64",
    progress: bool = True,
    client: Any = None,
) -> xr.Dataset:
    """Per-channel MI with the labels of layers over epochs (Fang et al. Fig. 5, 8-10).

    Reads one layer at one epoch at a time; the same label shuffles serve every cell.
    Warnings are summarised over all (layer, epoch, channel) cells.

    Parameters
    ----------
    cube : Hypercube or CubeLike
        From :func:`cnnslicer_widgets.cube.open_cube` (anything with ``layers``,
        ``epochs`` and ``activations(layer)`` with dims (epoch, x, channel, ...)).
    layers : str or sequence of str, optional
        Default: every layer recorded raw, in forward order.
    epochs : sequence of int, optional
        Default: all complete epochs.
    labels : array-like, optional
        One label per probe sample (default: the ``label`` coordinate on x).
    method, bound, noise_variance, relative_noise, bins, range, n_permutations, seed, \
device, dtype, client
        As in :func:`channel_label_mi`; a cube's layers are dask-backed, so every
        (layer, epoch, block of channels) is one task, on ``client`` or the active one.
    progress : bool, default True
        Show a progress bar over the cells (over the tasks for a cube's dask arrays).

    Returns
    -------
    xarray.Dataset
        The variables of :func:`channel_label_mi` with leading ``layer`` and ``epoch``
        dims (ranks are per layer and epoch); ``channel`` spans the widest layer, NaN
        (``saturated`` False) where a layer has fewer channels; ``n_channels`` on layer.

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
    >>> mi = channel_label_mi_cube(Cube(), method="binning", n_permutations=0,
    ...                            progress=False)
    >>> mi.mi.sel(layer="conv").values.tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    opts = _options(method, bound, bins, range, noise_variance, relative_noise, dtype, device)
    names = layer_names(cube, layers, raw=True)
    epochs = epoch_list(cube, epochs)
    codes, classes, sets, counts = _label_sets(cube.activations(names[0]), labels,
                                                n_permutations, seed)
    parts, notes, cells = [], [], 0
    with progress_bar(len(names) * len(epochs), desc="channel MI", enabled=progress) as bar:
        for name in names:
            act = cube.activations(name)
            channels = channel_coord(act)
            if _dask.is_lazy(act):
                results = run_lazy([act.sel(epoch=epoch) for epoch in epochs], sets, counts,
                                   opts, ("x", "channel"), client, f"channel MI ({name})",
                                   progress)  # fmt: skip
                bar.update(len(epochs))
            else:
                results = []
                for epoch in epochs:
                    _, x = inputs.stacked_values(act.sel(epoch=epoch), "x", "channel",
                                                 what=f"layer {name!r}")  # fmt: skip
                    results.append(estimate_channels(x, sets, counts, opts))
                    bar.update(1)
            part, part_notes = layer_part(name, epochs, channels, results, classes, counts)
            parts.append(part)
            notes += part_notes
            cells += len(epochs) * len(channels)
    return finish(parts, notes, cells, _attrs(opts, n_permutations, seed, n_samples=len(codes)))


def _label_sets(act: xr.DataArray, labels: Any, n_permutations: int, seed: int):
    """The probe's label codes, classes, label sets (the labels, then the shuffles) and
    class counts, from the ``label`` coordinate of a layer's activations (or ``labels``)."""
    codes, classes = inputs.label_codes(act, labels, "x", "label")
    sets = inputs.label_sets(codes, n_permutations, seed)
    return codes, classes, sets, np.bincount(codes, minlength=len(classes))


def channel_coord(act: xr.DataArray) -> np.ndarray:
    """A layer's channel labels (its ``channel`` coordinate, else 0..C-1)."""
    if "channel" in act.coords:
        return np.asarray(act["channel"].values)
    return np.arange(act.sizes["channel"])


def layer_part(name: str, epochs: list[int], channels: np.ndarray, results: list[dict],
               classes: np.ndarray, counts: np.ndarray) -> tuple[xr.Dataset, list]:
    """One layer's Dataset (leading ``layer`` and ``epoch`` dims) from its estimates at
    each epoch, and the (cell, kind) notes its warnings summarise."""
    notes = [note for epoch, res in zip(epochs, results, strict=True)
             for note in _notes(res["flags"], channels, f"{name}@{epoch} channel ")]
    res: dict[str, Any] = {k: np.stack([r[k] for r in results])
                           for k in ("i_xt", "mi", "mi_bin", "s2")}
    res["flags"] = {k: np.stack([r["flags"][k] for r in results]) for k in results[0]["flags"]}
    ds = _dataset(res, classes, counts, ("epoch",), {"epoch": epochs, "channel": channels})
    return ds.expand_dims(layer=[name]), notes


def finish(parts: list[xr.Dataset], notes: list, cells: int, attrs: dict) -> xr.Dataset:
    """The layers' parts as one Dataset with ``attrs``; one warning per kind of note."""
    inputs.warn_summary(notes, cells, "(layer, epoch, channel) cells", stacklevel=4)
    ds = _stack_layers(parts)
    ds.attrs = attrs
    return ds


def _stack_layers(parts: list[xr.Dataset]) -> xr.Dataset:
    """Datasets of single layers along ``layer``, channels padded to the widest one."""
    n_channels = [p.sizes["channel"] for p in parts]
    if len(parts) == 1:
        out = parts[0]
    else:
        widest = parts[int(np.argmax(n_channels))]["channel"].values
        fill = {name: False if parts[0][name].dtype == bool else np.nan
                for name in parts[0].data_vars}  # fmt: skip
        out = xr.concat([p.reindex(channel=widest, fill_value=fill) for p in parts], "layer",
                        coords="minimal", compat="override")  # fmt: skip
    return out.assign_coords(n_channels=("layer", np.asarray(n_channels)))
