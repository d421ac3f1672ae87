"""Label entropies and confusion matrices: closed forms, empty classes, a recorded run."""

from __future__ import annotations

import math

import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.estimators import (
    confusion_matrix,
    entropy_label_given_pred,
    entropy_pred_given_label,
    soft_entropy_pred_given_label,
)


def confusion(values, **kw) -> xr.DataArray:
    values = np.asarray(values)
    dims = ("true", "pred") if values.ndim == 2 else ("epoch", "true", "pred")
    return xr.DataArray(values, dims=dims, **kw)


def test_diagonal_confusion_matrix_gives_zero():
    c = confusion(np.diag([5, 3, 8, 1]))
    assert (entropy_label_given_pred(c).values == 0).all()
    assert (entropy_pred_given_label(c).values == 0).all()


def test_hand_computed_columns_and_rows():
    c = confusion([[6, 2, 0], [2, 6, 0], [0, 0, 4]], coords={"true": [0, 1, 2], "pred": [0, 1, 2]})
    quarter = -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25))  # 6:2 split, 0.811 bits
    np.testing.assert_allclose(entropy_label_given_pred(c).values, [quarter, quarter, 0.0])
    np.testing.assert_allclose(entropy_pred_given_label(c).values, [quarter, quarter, 0.0])
    uniform = confusion(np.ones((4, 4), int))
    np.testing.assert_allclose(entropy_label_given_pred(uniform).values, 2.0)  # log2(4)
    h = entropy_label_given_pred(c)
    assert h.dims == ("pred",) and h.pred.values.tolist() == [0, 1, 2]
    assert h.attrs["units"] == "bits" and h.attrs["empty"] == "inf"


def test_never_predicted_class_and_class_without_samples_give_inf():
    c = confusion([[3, 0, 1], [2, 0, 0], [0, 0, 0]])  # nobody predicted 1; class 2 is absent
    given_pred = entropy_label_given_pred(c).values
    assert given_pred[1] == np.inf
    assert given_pred[0] == pytest.approx(-(0.6 * math.log2(0.6) + 0.4 * math.log2(0.4)))
    assert entropy_pred_given_label(c).values[2] == np.inf


def test_epochs_stay_a_dim():
    c = confusion([np.eye(3, dtype=int) * 4, np.ones((3, 3), int)], coords={"epoch": [0, 5]})
    h = entropy_pred_given_label(c)
    assert h.dims == ("epoch", "true")
    np.testing.assert_allclose(h.sel(epoch=0).values, 0.0)
    np.testing.assert_allclose(h.sel(epoch=5).values, math.log2(3))


def test_soft_variant_closed_forms():
    # equal logits: softmax is uniform -> log2(C); very peaked logits -> ~0
    flat = xr.DataArray(np.zeros((4, 5)), dims=("x", "class"))
    soft = soft_entropy_pred_given_label(flat, [0, 1, 2, 3]).values
    np.testing.assert_allclose(soft[:4], math.log2(5))
    assert soft[4] == np.inf  # class 4 has no samples
    peaked = xr.DataArray(np.eye(3) * 60.0, dims=("x", "class"))
    assert (soft_entropy_pred_given_label(peaked, [0, 1, 2]).values < 1e-20).all()
    # class 1: softmax of (ln 3, 0) is (3/4, 1/4) and of (0, ln 3) is (1/4, 3/4); mean (1/2, 1/2)
    two = xr.DataArray([[math.log(3), 0.0], [0.0, math.log(3)], [0.0, 0.0]], dims=("x", "class"))
    h = soft_entropy_pred_given_label(two, [1, 1, 1])
    assert h.values[1] == pytest.approx(1.0)
    assert h.values[0] == np.inf  # class 0 has no samples
    assert h.dims == ("true",)


def test_soft_variant_uses_the_label_coordinate_and_epochs():
    logits = xr.DataArray(
        np.stack([np.zeros((3, 2)), np.array([[5.0, -5.0], [-5.0, 5.0], [5.0, -5.0]])]),
        dims=("epoch", "x", "class"),
        coords={"epoch": [0, 1], "label": ("x", [0, 1, 0])},
    )
    h = soft_entropy_pred_given_label(logits)
    assert h.dims == ("epoch", "true")
    np.testing.assert_allclose(h.sel(epoch=0).values, 1.0)
    assert (h.sel(epoch=1).values < 0.01).all()


def test_confusion_matrix_from_logits():
    logits = xr.DataArray(
        [
            [[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 4.0]],
            [[0.0, 2.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0], [4.0, 0.0, 0.0]],
        ],
        dims=("epoch", "x", "class"),
        coords={"epoch": [0, 1]},
    )
    labels = [0, 1, 0, 2]
    c = confusion_matrix(logits, labels)
    assert c.dims == ("epoch", "true", "pred") and c.dtype == np.int64
    assert c.sel(epoch=0).values.tolist() == [[2, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert c.sel(epoch=1).values.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]
    assert (entropy_label_given_pred(c.sel(epoch=0)).values == 0).all()


def test_a_real_recorded_run(mnist_run):
    from cnnslicer_widgets.cube import open_cube

    cube = open_cube(mnist_run)
    h = entropy_label_given_pred(cube.confusion)
    assert h.dims == ("epoch", "pred") and h.sizes["pred"] == 10
    assert ((h >= 0) & (h <= math.log2(10))).where(np.isfinite(h), True).all()
    probe_confusion = confusion_matrix(cube.logits, cube.labels)
    assert int(probe_confusion.sum()) == cube.logits.sizes["x"] * cube.logits.sizes["epoch"]
    soft = soft_entropy_pred_given_label(cube.logits, cube.labels)
    assert soft.dims == ("epoch", "true") and np.isfinite(soft.values).all()
    assert float(soft.isel(epoch=-1).mean()) < float(soft.isel(epoch=0).mean())  # it learns


def test_errors():
    c = confusion(np.eye(2, dtype=int))
    with pytest.raises(ValueError, match=r"confusion dims 'predicted'.*its dims: 'true', 'pred'"):
        entropy_label_given_pred(c, pred_dim="predicted")
    with pytest.raises(ValueError, match="confusion holds negative values"):
        entropy_pred_given_label(confusion([[1, -1], [0, 2]]))
    logits = xr.DataArray(np.zeros((3, 2)), dims=("x", "class"), coords={"x": [4, 5, 6]})
    with pytest.raises(ValueError, match="labels must be class positions 0..1"):
        confusion_matrix(logits, [0, 1, 2])
    with pytest.raises(ValueError, match="got 2 labels for 3 samples"):
        confusion_matrix(logits, [0, 1])
    with pytest.raises(ValueError, match="pass labels=..., or give the logits a 'label'"):
        soft_entropy_pred_given_label(logits)
    bad = logits.copy(data=logits.values.copy())
    bad.values[1, 0] = np.nan
    with pytest.raises(ValueError, match="NaN or inf in 1 of 3 logit vectors: at x=5"):
        soft_entropy_pred_given_label(bad, [0, 0, 1])
    with pytest.raises(TypeError):
        entropy_label_given_pred(c, given="pred")
