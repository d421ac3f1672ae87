"""Label entropies of a classifier (paper 5.2) and its confusion matrices.

From the confusion matrix C[true, pred] (counts at an epoch):

- H(label | pred = i), from column i: how uncertain the true class is among the samples
  predicted as i (0 = every prediction of i is right or all come from one class);
- H(pred | label = i), from row i: how scattered the predictions for class i are.

A column (row) without samples has no distribution: it gives +inf, as in the paper's
plots, and views draw it as a gap. ``soft_entropy_pred_given_label`` uses the mean softmax
probabilities of each class's samples instead of counts of argmax predictions.

Inputs may be dask-backed (``cube.confusion``, ``cube.logits`` chunked): they are small
(classes x classes counts, samples x classes logits), so they are read into memory, on
the active dask.distributed client when there is one; results are numpy-backed.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators._inputs import check_finite_rows, check_values, require_dims
from cnnslicer_widgets.estimators._results import entropy_bits, result_attrs


def _check_confusion(confusion: xr.DataArray, true_dim: Hashable, pred_dim: Hashable) -> None:
    check_values(confusion, "confusion", counts=True)
    require_dims(
        confusion,
        [true_dim, pred_dim],
        role="confusion dims",
        hint="pass true_dim=/pred_dim= naming the true and predicted class dims",
    )


def _conditional(
    confusion: xr.DataArray, reduce: Hashable, keep: Hashable, name: str
) -> xr.DataArray:
    moved = confusion.transpose(..., keep, reduce)
    out = xr.DataArray(
        entropy_bits(moved.values, axis=-1),
        dims=moved.dims[:-1],
        coords={k: c for k, c in moved.coords.items() if reduce not in c.dims},
        name=name,
    )
    out.attrs = result_attrs(name, empty="inf")
    return out


def entropy_label_given_pred(
    confusion: xr.DataArray, *, true_dim: Hashable = "true", pred_dim: Hashable = "pred"
) -> xr.DataArray:
    """H(label | pred = i) for every predicted class i, from the columns of ``confusion``.

    Parameters
    ----------
    confusion : xarray.DataArray
        Counts with dims (..., true, pred), e.g. ``cube.confusion`` (epoch, true, pred).
    true_dim, pred_dim : str, default "true", "pred"

    Returns
    -------
    xarray.DataArray
        dims (..., pred) in bits; +inf for a class never predicted (an empty column).

    Examples
    --------
    >>> import xarray as xr
    >>> c = xr.DataArray([[3, 0, 0], [1, 2, 0], [0, 0, 0]], dims=("true", "pred"))
    >>> entropy_label_given_pred(c).round(4).values.tolist()
    [0.8113, 0.0, inf]
    """
    _check_confusion(confusion, true_dim, pred_dim)
    return _conditional(confusion, true_dim, pred_dim, "entropy_label_given_pred")


def entropy_pred_given_label(
    confusion: xr.DataArray, *, true_dim: Hashable = "true", pred_dim: Hashable = "pred"
) -> xr.DataArray:
    """H(pred | label = i) for every true class i, from the rows of ``confusion``.

    Parameters
    ----------
    confusion : xarray.DataArray
        Counts with dims (..., true, pred).
    true_dim, pred_dim : str, default "true", "pred"

    Returns
    -------
    xarray.DataArray
        dims (..., true) in bits; +inf for a class without samples (an empty row).

    Examples
    --------
    >>> import xarray as xr
    >>> c = xr.DataArray([[2, 2], [0, 5]], dims=("true", "pred"))
    >>> entropy_pred_given_label(c).values.tolist()
    [1.0, 0.0]
    """
    _check_confusion(confusion, true_dim, pred_dim)
    return _conditional(confusion, pred_dim, true_dim, "entropy_pred_given_label")


def _labels(
    logits: xr.DataArray,
    labels: xr.DataArray | np.ndarray | None,
    sample_dim: Hashable,
    class_dim: Hashable,
    label: Hashable,
) -> np.ndarray:
    """Integer labels (class positions 0..C-1) aligned with ``logits`` along ``sample_dim``."""
    check_values(logits, "logits")
    require_dims(
        logits, [sample_dim, class_dim], role="logits dims", hint="pass sample_dim=/class_dim="
    )
    if labels is None:
        if label not in logits.coords:
            raise ValueError(
                f"pass labels=..., or give the logits a {label!r} coordinate on {sample_dim!r}"
            )
        labels = logits.coords[label]
    if (
        isinstance(labels, xr.DataArray)
        and sample_dim in labels.coords
        and sample_dim in logits.coords
    ):
        if not np.array_equal(labels[sample_dim].values, logits[sample_dim].values):
            raise ValueError(f"labels and logits hold different samples along {sample_dim!r}")
    values = np.asarray(labels).reshape(-1)
    n, n_classes = logits.sizes[sample_dim], logits.sizes[class_dim]
    if len(values) != n:
        raise ValueError(f"got {len(values)} labels for {n} samples along {sample_dim!r}")
    if not np.issubdtype(values.dtype, np.integer) or values.min() < 0 or values.max() >= n_classes:
        raise ValueError(f"labels must be class positions 0..{n_classes - 1} (integers)")
    rows = [d for d in logits.dims if d != class_dim]
    check_finite_rows(logits, logits.transpose(*rows, class_dim).values, rows, what="logit vectors")
    return values


def _class_coord(logits: xr.DataArray, class_dim: Hashable) -> np.ndarray:
    size = logits.sizes[class_dim]
    return logits[class_dim].values if class_dim in logits.coords else np.arange(size)


def soft_entropy_pred_given_label(
    logits: xr.DataArray,
    labels: xr.DataArray | np.ndarray | None = None,
    *,
    sample_dim: Hashable = "x",
    class_dim: Hashable = "class",
    label: Hashable = "label",
) -> xr.DataArray:
    """H(pred | label = i) from mean softmax probabilities instead of counted predictions.

    For class i, q = the mean over samples with label i of softmax(logits), and
    H = -sum_j q_j log2 q_j.

    Parameters
    ----------
    logits : xarray.DataArray
        dims (..., x, class), e.g. ``cube.logits`` (epoch, x, class).
    labels : array-like or xarray.DataArray, optional
        Class positions 0..C-1 of the samples (default: the ``label`` coordinate).
    sample_dim, class_dim, label : str, default "x", "class", "label"

    Returns
    -------
    xarray.DataArray
        dims (..., true) in bits; +inf for a class without samples.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> logits = xr.DataArray([[0.0, 0.0], [9.0, -9.0], [0.0, 0.0]], dims=("x", "class"))
    >>> soft_entropy_pred_given_label(logits, [0, 1, 1]).round(3).values.tolist()
    [1.0, 0.811]
    """
    values = _labels(logits, labels, sample_dim, class_dim, label)
    n_classes = logits.sizes[class_dim]
    moved = logits.transpose(..., sample_dim, class_dim).values.astype(np.float64)
    p = np.exp(moved - moved.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    onehot = (values[None, :] == np.arange(n_classes)[:, None]).astype(np.float64)
    q = np.einsum("kn,...nc->...kc", onehot, p)  # per class: summed probabilities
    other = [d for d in logits.dims if d not in (sample_dim, class_dim)]
    coords = {k: c for k, c in logits.coords.items() if not {sample_dim, class_dim} & set(c.dims)}
    coords["true"] = _class_coord(logits, class_dim)
    return xr.DataArray(
        entropy_bits(q, axis=-1),
        dims=[*other, "true"],
        coords=coords,
        name="soft_entropy_pred_given_label",
        attrs=result_attrs("soft_entropy_pred_given_label", empty="inf"),
    )


def confusion_matrix(
    logits: xr.DataArray,
    labels: xr.DataArray | np.ndarray | None = None,
    *,
    sample_dim: Hashable = "x",
    class_dim: Hashable = "class",
    label: Hashable = "label",
) -> xr.DataArray:
    """Confusion matrix C[true, pred] of argmax predictions (counts).

    Parameters
    ----------
    logits : xarray.DataArray
        dims (..., x, class); every other dim (e.g. epoch) gets its own matrix.
    labels : array-like or xarray.DataArray, optional
        Class positions 0..C-1 (default: the ``label`` coordinate).
    sample_dim, class_dim, label : str, default "x", "class", "label"

    Returns
    -------
    xarray.DataArray
        int64, dims (..., true, pred).

    Examples
    --------
    >>> import xarray as xr
    >>> logits = xr.DataArray([[2.0, 0.0], [0.0, 1.0], [3.0, 1.0]], dims=("x", "class"))
    >>> confusion_matrix(logits, [0, 1, 1]).values.tolist()
    [[1, 0], [1, 1]]
    """
    values = _labels(logits, labels, sample_dim, class_dim, label)
    n_classes = logits.sizes[class_dim]
    moved = logits.transpose(..., sample_dim, class_dim)
    pred = moved.values.argmax(axis=-1).reshape(-1, len(values))
    flat = (np.arange(len(pred))[:, None] * n_classes + values[None, :]) * n_classes + pred
    counts = np.bincount(flat.ravel(), minlength=len(pred) * n_classes**2)
    other = list(moved.dims[:-2])
    shape = [moved.sizes[d] for d in other] + [n_classes, n_classes]
    coords = {k: c for k, c in logits.coords.items() if not {sample_dim, class_dim} & set(c.dims)}
    classes = _class_coord(logits, class_dim)
    coords.update(true=classes, pred=classes)
    return xr.DataArray(
        counts.reshape(shape).astype(np.int64),
        dims=[*other, "true", "pred"],
        coords=coords,
        name="confusion",
        attrs={"estimator": "confusion_matrix", "units": "count"},
    )
