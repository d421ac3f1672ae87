"""The hypercube: slicing by x, label, layer, channel and epoch on a real recorded run."""

from __future__ import annotations

import subprocess
import sys

import dask.array as da
import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.cube import open_cube


def test_open_cube_does_not_import_torch(mnist_run):
    code = (
        "import sys\n"
        "from cnnslicer_widgets import open_cube\n"
        f"cube = open_cube({str(mnist_run)!r})\n"
        "cube.sel(layer=1, label=3)[cube.layers[1]].values\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_layers_are_lazy_named_and_coordinated(mnist_run):
    cube = open_cube(mnist_run)
    act = cube["0"]
    assert isinstance(act.data, da.Array)
    assert act.dims == ("epoch", "x", "channel", "h", "w")
    assert act.shape == (4, 200, 6, 28, 28)
    assert list(act.epoch.values) == [0, 1, 2, 3]
    assert act.attrs["layer_type"] == "Conv2d" and act.attrs["layer_index"] == 1
    np.testing.assert_array_equal(act.label.values, np.repeat(np.arange(10), 20))
    # Input layer: the same images at every epoch.
    inp = cube["input"]
    np.testing.assert_array_equal(inp.sel(epoch=0).values, inp.sel(epoch=3).values)
    assert isinstance(cube.to_datatree(), xr.DataTree)


def test_slicing_by_every_dimension(mnist_run):
    cube = open_cube(mnist_run)
    full = cube["0"].values
    sub = cube.sel(layer="0", x=[3, 50, 199], channel=[1, 4], epoch=[1, 3])
    assert sub.layers == ["0"]
    np.testing.assert_array_equal(sub.activations().values, full[[1, 3]][:, [3, 50, 199]][:, :, [1, 4]])
    by_index = cube.sel(layer=1)
    assert by_index.layers == ["0"]
    last = cube.sel(epoch=-1)
    assert last.epochs == [3]
    assert cube.sel(epoch=slice(1, 2)).epochs == [1, 2]
    assert cube.isel(epoch=0).epochs == [0]
    three = cube.sel(label=3)
    assert (three.labels == 3).all() and len(three.x) == 20
    assert three.sel(x=slice(0, 5)).x.tolist() == three.x[:5].tolist()
    named = cube.sel(label=["3", "7"])
    assert set(named.labels.values.tolist()) == {3, 7}
    np.testing.assert_array_equal(three["0"].values, full[:, three.x])
    mask = three.labels.sample_index.values % 2 == 0
    assert len(three.sel(x=mask).x) == mask.sum()


def test_logits_losses_and_confusion_are_xarray(mnist_run):
    cube = open_cube(mnist_run)
    assert cube.logits.dims == ("epoch", "x", "class")
    assert cube.sel(label=2).logits.sizes["x"] == 20
    assert cube.confusion.dims == ("epoch", "true", "pred")
    assert list(cube.confusion.true_name.values) == cube.classes
    assert cube.loss.dims == ("epoch",)
    assert cube.sel(epoch=[0, 2]).confusion.sizes["epoch"] == 2


def test_selection_errors_name_the_problem(mnist_run):
    cube = open_cube(mnist_run)
    with pytest.raises(KeyError, match=r"layer 'conv9' not in store \(layers: input, 0, 1"):
        cube.sel(layer="conv9")
    with pytest.raises(IndexError, match="the store has 11 layers"):
        cube.sel(layer=40)
    with pytest.raises(IndexError, match=r"channel 6 is out of range for layer '0' \(6 channels"):
        cube.sel(layer="0", channel=6)
    with pytest.raises(IndexError, match="channel 10 is out of range for layer '0'"):
        cube.sel(layer=["3", "0"], channel=10)  # fine for '3' (16 channels), not for '0' (6)
    with pytest.raises(KeyError, match=r"epoch 7 is not a complete epoch.*\[0, 1, 2, 3\]"):
        cube.sel(epoch=7)
    with pytest.raises(ValueError, match=r"label group .* is empty .*labels present: \[3\]"):
        cube.sel(label=3).sel(label=4)
    with pytest.raises(KeyError, match="class 'cat' not in store"):
        cube.sel(label="cat")
    with pytest.raises(IndexError, match="x index .* out of range"):
        cube.sel(x=[500])
    with pytest.raises(ValueError, match="name one"):
        cube.activations()
    # A failed selection leaves the cube as it was.
    assert cube.layers[0] == "input" and cube.epochs == [0, 1, 2, 3]


def test_sample_groups_select_along_x(mnist_run):
    cube = open_cube(mnist_run)
    three = cube.sel(group="label == 3")
    assert three.x.tolist() == cube.sel(label=3).x.tolist()
    preds = cube.logits.sel(epoch=3).argmax("class").values
    labels = cube.labels.values
    right = cube.sel(group="correct", epoch=3)
    assert right.x.tolist() == np.flatnonzero(preds == labels).tolist()
    assert right.epochs == [3]
    wrong = cube.sel(epoch=3).sel(group="incorrect")
    assert sorted(right.x.tolist() + wrong.x.tolist()) == list(range(200))
    cell = cube.sel(group="label == 3 and pred == 3", epoch=3)
    assert cell.x.tolist() == np.flatnonzero((labels == 3) & (preds == 3)).tolist()
    with pytest.raises(ValueError, match="needs the predictions of one epoch"):
        cube.sel(group="pred == 1")
    with pytest.raises(ValueError, match="not understood"):
        cube.sel(group="label = 3")


def test_empty_groups_raise_a_named_error(mnist_run):
    from cnnslicer_widgets.cube import EmptySelectionError

    cube = open_cube(mnist_run)
    empty = next(k for k in range(10)
                 if not (cube.logits.sel(epoch=0).argmax("class").values == k).any())
    with pytest.raises(EmptySelectionError, match=f"pred == {empty}' is empty"):
        cube.sel(group=f"pred == {empty}", epoch=0)


def test_run_level_schedule_finished_and_nearest_epoch(mnist_run):
    cube = open_cube(mnist_run)
    assert cube.schedule == [0, 1, 2, 3]
    assert cube.finished
    assert [cube.nearest_epoch(e) for e in (0, 2, 7)] == [0, 2, 3]
