"""Intra-sample entropy (paper 4.4.2): the entropy of the value histogram of a feature map.

For one feature map v: scale v to [-1, 1], histogram it into B equal bins over [-1, 1],
p = counts / size, H = -sum p log2 p (0 log 0 = 0). Where the [-1, 1] scaling comes from
is the ``range`` option:

- ``"own"`` (default; also spelt ``"sample"``): the map's own min and max;
- ``"channel"``: the channel's min and max over every other dim of the input (all x and
  epochs of the selection);
- ``(lo, hi)``: a fixed range; values outside it are counted in the first or last bin.

A constant map has H = 0. All maps of the input are computed in one compiled, parallel
pass (no Python loop over maps), a block of the leading dim at a time, so a lazy (dask)
input is read once with bounded memory (:mod:`._intra_core`, :mod:`._dask_intra`).
The whole cube: :func:`~cnnslicer_widgets.estimators.intra_sample_entropy_cube`.
"""

from __future__ import annotations

import builtins
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _dask
from cnnslicer_widgets.estimators._cube import CubeLike, epoch_list, layer_names, layer_values
from cnnslicer_widgets.estimators._dask_intra import check_lazy_result, lazy_entropy
from cnnslicer_widgets.estimators._inputs import (
    check_bins,
    check_range,
    check_values,
    require_dims,
)
from cnnslicer_widgets.estimators._intra_core import blocks, entropy_values
from cnnslicer_widgets.estimators._results import progress_bar, result_attrs


def intra_sample_entropy(
    da: xr.DataArray,
    *,
    map_dims: Sequence[Hashable] = ("h", "w"),
    bins: int = 32,
    range: str | tuple[float, float] = "own",  # noqa: A002 - the paper's name
    channel_dim: Hashable = "channel",
    progress: bool = True,
    client: Any = None,
) -> xr.DataArray:
    """Intra-sample entropy of every feature map, in bits.

    Parameters
    ----------
    da : xarray.DataArray
        Feature maps, e.g. ``cube.activations(layer)`` with dims (epoch, x, channel, h, w);
        numpy- or dask-backed, any float or integer dtype (float16 included).
    map_dims : sequence of str, default ("h", "w")
        The dims spanning one feature map (reduced away).
    bins : int, default 32
        Number of equal bins B over [-1, 1].
    range : {"own", "channel"} or (lo, hi), default "own"
        What is scaled to [-1, 1]: each map's own min..max (``"own"``, also spelt
        ``"sample"``), the channel's min..max over all other dims of ``da``, or a fixed
        (lo, hi) (values outside go to the edge bins).
    channel_dim : str, default "channel"
        The channel dim, used by ``range="channel"``.
    progress : bool, default True
        Show a progress bar (tqdm.auto).
    client : dask.distributed.Client, optional
        For a dask-backed ``da``: run the chunk tasks on this cluster. Default: the
        active client (``distributed.default_client()``) if one exists, else dask's
        local threaded scheduler. Ignored for a numpy-backed ``da``.

    Returns
    -------
    xarray.DataArray
        float64, the dims of ``da`` without ``map_dims``, with their coords. 0 for a
        constant map, at most log2(bins). attrs: units, estimator, bins, range, map_dims.
        Always computed (numpy-backed), also for a dask input.

    Raises
    ------
    ValueError
        A map dim is missing, a map contains NaN or inf (the message says where), or
        ``range``/``bins`` is invalid.

    Notes
    -----
    A dask-backed ``da`` (e.g. ``cube.activations(layer)``) is computed chunk by chunk:
    one task per dask chunk reads it (each worker opens the store itself) and returns
    only its maps' entropies, so memory holds a few chunks, never the array. Chunks must
    hold whole maps; the map dims are rechunked only when they are split. With
    ``range="channel"`` a first pass computes the channel ranges. Tasks run side by side
    (dask threads or cluster workers), each kernel call on one thread.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> maps = np.zeros((2, 4, 8))
    >>> maps[1] = np.arange(32).reshape(4, 8)  # 32 distinct values: one per bin
    >>> da = xr.DataArray(maps, dims=("x", "h", "w"), coords={"x": [10, 11]})
    >>> h = intra_sample_entropy(da, progress=False)
    >>> h.values.tolist(), h.attrs["units"]
    ([0.0, 5.0], 'bits')
    """
    check_values(da, "da")
    bins = check_bins(bins, low=1, high=None)
    mode, fixed = check_range(range, own="sample", also=("channel",))
    require_dims(da, map_dims, role="map dims", hint="pass map_dims=... naming the map's dims")
    other = [d for d in da.dims if d not in map_dims]
    map_size = int(np.prod([da.sizes[d] for d in map_dims]))
    if _dask.is_lazy(da):
        lazy = lazy_entropy(da, map_dims, bins, mode, fixed, channel_dim, client, progress)
        values = _dask.compute_blocks(
            lazy, client=client, scheduler="threads", desc="intra-sample entropy",
            progress=progress,
        )  # fmt: skip
        check_lazy_result(da, other, values)
    else:
        with progress_bar(
            len(blocks(da, other, map_size)), desc="intra-sample entropy", enabled=progress
        ) as bar:
            values = entropy_values(da, map_dims, bins, mode, fixed, channel_dim, bar)
    coords = {k: c for k, c in da.coords.items() if not set(c.dims) & set(map_dims)}
    return xr.DataArray(
        values,
        dims=other,
        coords=coords,
        name="intra_sample_entropy",
        attrs=result_attrs(
            "intra_sample_entropy",
            bins=bins,
            range=mode,
            value_range=fixed,
            map_dims=tuple(str(d) for d in map_dims),
        ),
    )


def channel_entropy(h: xr.DataArray, *, sample_dim: Hashable = "x") -> xr.DataArray:
    """Channel value H(dCNN(x, l, c, t)): the mean of per-map entropies over the samples.

    Parameters
    ----------
    h : xarray.DataArray
        Per-map entropies, from :func:`intra_sample_entropy` or
        :func:`intra_sample_entropy_cube`.
    sample_dim : str, default "x"
        The dim averaged over (select samples first for a subset, e.g. one class).

    Returns
    -------
    xarray.DataArray
        ``h`` without ``sample_dim``; NaN stays NaN (a channel a layer does not have).

    Examples
    --------
    >>> import xarray as xr
    >>> h = xr.DataArray([[1.0, 3.0], [2.0, 5.0]], dims=("x", "channel"))
    >>> channel_entropy(h).values.tolist()
    [1.5, 4.0]
    """
    check_values(h, "h")
    require_dims(h, [sample_dim], role="sample dim", hint="pass sample_dim=...")
    out = h.mean(dim=[sample_dim], skipna=False)
    out.attrs = {**h.attrs, "reduction": f"mean over {sample_dim}"}
    return out.rename(h.name)


def class_entropy(
    h: xr.DataArray,
    *,
    sample_dim: Hashable = "x",
    label: Hashable = "label",
    classes: Sequence[Any] | None = None,
) -> xr.DataArray:
    """Per-class channel value: the mean of per-map entropies over the samples of each class.

    Parameters
    ----------
    h : xarray.DataArray
        Per-map entropies with a ``label`` coordinate along ``sample_dim``.
    sample_dim : str, default "x"
        The dim grouped by class.
    label : str, default "label"
        Name of the class-label coordinate on ``sample_dim``.
    classes : sequence, optional
        Classes to report, in this order (default: the labels present, sorted).

    Returns
    -------
    xarray.DataArray
        ``sample_dim`` replaced by a ``class`` dim, with a ``n_samples`` coordinate on it.
        A class without samples gets NaN (the mean of nothing) and ``n_samples == 0``.

    Examples
    --------
    >>> import xarray as xr
    >>> h = xr.DataArray([1.0, 3.0, 4.0], dims="x", coords={"label": ("x", [0, 0, 1])})
    >>> c = class_entropy(h, classes=[0, 1, 2])
    >>> c.values.tolist(), c.n_samples.values.tolist()
    ([2.0, 4.0, nan], [2, 1, 0])
    """
    check_values(h, "h")
    require_dims(h, [sample_dim], role="sample dim", hint="pass sample_dim=...")
    coord = h.coords.get(label)
    if coord is None or coord.dims != (sample_dim,):
        have = ", ".join(str(k) for k, c in h.coords.items() if c.dims == (sample_dim,))
        raise ValueError(
            f"no coordinate {label!r} along {sample_dim!r} (coords on it: {have or 'none'}); "
            f"pass label=... or add one with h.assign_coords({label}=({sample_dim!r}, labels))"
        )
    labels = coord.values
    wanted = np.unique(labels) if classes is None else np.asarray(classes)
    onehot = (labels[None, :] == wanted[:, None]).astype(np.float64)
    n_samples = onehot.sum(axis=1).astype(np.int64)
    other = [d for d in h.dims if d != sample_dim]
    total = h.transpose(*other, sample_dim).values @ onehot.T
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n_samples > 0, total / n_samples, np.nan)
    coords = {k: c for k, c in h.coords.items() if sample_dim not in c.dims}
    coords.update({"class": wanted, "n_samples": ("class", n_samples)})
    attrs = {**h.attrs, "reduction": f"mean over {sample_dim} per {label}"}
    return xr.DataArray(mean, dims=[*other, "class"], coords=coords, name=h.name, attrs=attrs)


_TASK_MIB = 16  # dask chunk size asked of a cube (Hypercube.activations(chunk_mib=...))


def intra_sample_entropy_cube(
    cube: CubeLike,
    *,
    layers: str | Sequence[str] | None = None,
    epochs: Sequence[int] | None = None,
    bins: int = 32,
    range: str | tuple[float, float] = "own",  # noqa: A002 - the paper's name
    progress: bool = True,
    client: Any = None,
) -> xr.DataArray:
    """Intra-sample entropy of every cell of a hypercube: dCNN(x, layer, channel, epoch).

    A cube's layers are dask-backed: every layer is computed chunk by chunk in one dask
    graph (one task per ~16 MiB of whole store chunks, see :func:`intra_sample_entropy`
    and ``Hypercube.activations(chunk_mib=...)``), on ``client``
    or the active distributed client when there is one; memory stays bounded. Layers
    given in memory (numpy) are read a block of epochs at a time.

    Parameters
    ----------
    cube : Hypercube or CubeLike
        From :func:`cnnslicer_widgets.cube.open_cube` (anything with ``layers``,
        ``epochs`` and ``activations(layer)`` giving dims (epoch, x, channel, h, w)).
    layers : str or sequence of str, optional
        Layer names (default: all, in forward order; layers kept as per-map histograms
        give their entropies from those).
    epochs : sequence of int, optional
        Epoch numbers (default: all complete epochs).
    bins, range, progress, client
        As in :func:`intra_sample_entropy`; ``range="channel"`` takes each channel's
        min..max over all x and the selected epochs.

    Returns
    -------
    xarray.DataArray
        float32, dims (x, layer, channel, epoch); coords of x (sample_index, label) kept,
        ``n_channels`` on layer. NaN where a layer has fewer channels than the widest one.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> class Cube:  # layer a: 1 constant channel; layer b: 2 channels, 32 values per map
    ...     layers, epochs = ["a", "b"], [0]
    ...     def activations(self, layer):
    ...         c = 1 if layer == "a" else 2
    ...         v = np.zeros(c * 96) if layer == "a" else np.arange(c * 96.0)
    ...         dims = ("epoch", "x", "channel", "h", "w")
    ...         return xr.DataArray(v.reshape(1, 3, c, 4, 8), dims=dims)
    >>> h = intra_sample_entropy_cube(Cube(), progress=False)
    >>> h.dims, h.isel(x=0, epoch=0).values.tolist()
    (('x', 'layer', 'channel', 'epoch'), [[0.0, nan], [5.0, 5.0]])
    """
    bins = check_bins(bins, low=1, high=None)
    mode, fixed = check_range(range, own="sample", also=("channel",))
    names = layer_names(cube, layers)
    chosen = epoch_list(cube, epochs)
    acts = [_layer_values(cube, n, bins, mode) for n in names]
    if epochs is not None:
        acts = [a.sel(epoch=chosen) for a in acts]
    first = acts[0]
    n_channels = [a.sizes["channel"] for a in acts]
    out = np.full(
        (first.sizes["x"], len(acts), max(n_channels), first.sizes["epoch"]), np.nan, np.float32
    )
    other: list[Hashable] = ["epoch", "x", "channel"]
    for name, act in zip(names, acts, strict=True):
        if act.sizes["epoch"] != first.sizes["epoch"] or act.sizes["x"] != first.sizes["x"]:
            raise ValueError(f"layer {name!r} has other epochs or samples than {names[0]!r}")
    lazy = {
        i: lazy_entropy(act.transpose(*other, "h", "w"), ("h", "w"), bins, mode, fixed,
                         "channel", client, progress)
        for i, act in enumerate(acts)
        if "bin" not in act.dims and _dask.is_lazy(act)
    }  # fmt: skip
    if lazy:
        done = _dask.compute(list(lazy.values()), client=client, scheduler="threads",
                             desc="intra-sample entropy (cube)", progress=progress)  # fmt: skip
        for i, values in zip(lazy, done, strict=True):
            check_lazy_result(acts[i], other, values)
            out[:, i, : n_channels[i], :] = values.transpose(1, 2, 0)
    rest = [i for i in builtins.range(len(acts)) if i not in lazy]  # range is an option here
    total = builtins.sum(
        len(blocks(acts[i].transpose(*other, ...), other,
                    acts[i].sizes.get("h", 1) * acts[i].sizes.get("w", 1)))
        for i in rest
    )  # fmt: skip
    with progress_bar(total, desc="intra-sample entropy (cube)", enabled=progress) as bar:
        for i in rest:
            act = acts[i]
            if "bin" in act.dims:  # a layer recorded as per-map histograms
                h = entropy_from_histogram(act).transpose(*other).values
                bar.update(len(blocks(act.transpose(*other, ...), other, 1)))
            else:
                h = entropy_values(
                    act.transpose(*other, "h", "w"), ("h", "w"), bins, mode, fixed, "channel", bar
                )
            out[:, i, : n_channels[i], :] = h.transpose(1, 2, 0)
    coords = {k: c for k, c in first.coords.items() if c.dims in ((), ("x",), ("epoch",))}
    coords.update(
        layer=names, channel=np.arange(out.shape[2]), n_channels=("layer", np.asarray(n_channels))
    )
    return xr.DataArray(
        out,
        dims=("x", "layer", "channel", "epoch"),
        coords=coords,
        name="intra_sample_entropy",
        attrs=result_attrs(
            "intra_sample_entropy", bins=bins, range=mode, value_range=fixed, map_dims=("h", "w")
        ),
    )


def _layer_values(cube: CubeLike, name: str, bins: int, mode: str) -> xr.DataArray:
    """Raw maps of a layer (in ~16 MiB dask tasks), or its per-map histograms when only
    those were recorded (then only their own binning can be used)."""
    values = layer_values(cube, name, chunk_mib=_TASK_MIB)
    if "bin" in values.dims and (mode != "sample" or values.attrs.get("bins") != bins):
        raise ValueError(
            f"layer {name!r} was recorded as {values.attrs.get('bins')}-bin per-map histograms "
            f"(range='own'); its entropy can only be computed with bins="
            f"{values.attrs.get('bins')}, range='own' (asked: bins={bins}, range={mode!r}). "
            "Record raw maps for other settings."
        )
    return values


def entropy_from_histogram(counts: xr.DataArray, *, bin_dim: str = "bin") -> xr.DataArray:
    """Shannon entropy in bits of histograms along ``bin_dim`` (0 log 0 = 0).

    For layers recorded with ``Recorder(summarize={layer: "histogram"})``: the result
    equals :func:`intra_sample_entropy` of the raw maps with the same bins and
    ``range="own"``.

    Raises
    ------
    ValueError
        A histogram with no counts (its map held NaN or inf when it was recorded).

    Examples
    --------
    >>> import xarray as xr
    >>> counts = xr.DataArray([[4, 4, 4, 4], [16, 0, 0, 0]], dims=("map", "bin"))
    >>> entropy_from_histogram(counts).values.tolist()
    [2.0, 0.0]
    """
    check_values(counts, "counts", counts=True)
    if bin_dim not in counts.dims:
        raise ValueError(f"no {bin_dim!r} dim in the histograms (dims: {counts.dims})")
    c = np.asarray(counts.transpose(..., bin_dim).values, dtype=np.float64)
    total = c.sum(-1)
    empty = total == 0
    if empty.any():
        where = dict(zip([d for d in counts.dims if d != bin_dim],
                         (int(i[0]) for i in np.nonzero(empty)), strict=True))
        raise ValueError(
            f"{int(empty.sum())} histogram(s) have no counts (their maps held NaN or inf "
            f"when recorded), e.g. at positions {where}"
        )
    p = c / total[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        h = 0.0 - np.where(p > 0, p * np.log2(p), 0.0).sum(-1)  # 0.0 -: no -0.0
    dims = [d for d in counts.transpose(..., bin_dim).dims if d != bin_dim]
    coords = {k: v for k, v in counts.coords.items() if bin_dim not in v.dims}
    return xr.DataArray(h, dims=dims, coords=coords, name=counts.name,
                        attrs=result_attrs("intra_sample_entropy", bins=c.shape[-1],
                                           range="sample", source="per-map histograms"))
