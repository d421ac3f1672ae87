"""Intra-sample entropy over a whole hypercube: layout, padding, and a real recorded run."""

from __future__ import annotations

import dask.array as dsk
import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.estimators import (
    CubeLike,
    channel_entropy,
    class_entropy,
    intra_sample_entropy_cube,
)


class FakeCube:
    """The members of the cube contract (estimators.CubeLike), over dask arrays."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.layers = list(arrays)
        self.epochs = [0, 3][: next(iter(arrays.values())).shape[0]]
        self._arrays = arrays

    def activations(self, layer: str) -> xr.DataArray:
        a = self._arrays[layer]
        return xr.DataArray(
            dsk.from_array(a, chunks=(1, 2, 1, -1, -1)),
            dims=("epoch", "x", "channel", "h", "w"),
            coords={
                "epoch": [0, 3][: a.shape[0]],
                "x": np.arange(a.shape[1]),
                "label": ("x", np.arange(a.shape[1]) % 2),
                "channel": np.arange(a.shape[2]),
            },
            attrs={"layer": layer},
        )


def test_layout_padding_and_known_values():
    rng = np.random.default_rng(1)
    uniform = np.repeat(np.arange(32.0), 2)  # 64 values, 2 per bin: 5 bits
    wide = np.stack([rng.permutation(uniform) for _ in range(2 * 3 * 4)]).reshape(2, 3, 4, 8, 8)
    narrow = np.zeros((2, 3, 2, 4, 4))  # constant maps: 0 bits
    cube = FakeCube({"input": narrow, "conv": wide})
    assert isinstance(cube, CubeLike)
    h = intra_sample_entropy_cube(cube, progress=False)
    assert h.dims == ("x", "layer", "channel", "epoch")
    assert h.shape == (3, 2, 4, 2) and h.dtype == np.float32
    assert h.layer.values.tolist() == ["input", "conv"]
    assert h.n_channels.values.tolist() == [2, 4]
    assert (h.sel(layer="input", channel=[0, 1]) == 0).all()
    assert h.sel(layer="input", channel=[2, 3]).isnull().all()  # the layer has 2 channels
    assert (h.sel(layer="conv") == 5).all()
    assert h.attrs["units"] == "bits"
    np.testing.assert_array_equal(h.label.values, [0, 1, 0])
    # the channel and class means keep the NaN of missing channels
    assert channel_entropy(h).sel(layer="input", channel=3).isnull().all()
    assert class_entropy(h).dims == ("layer", "channel", "epoch", "class")


def test_layer_and_epoch_selection_and_unknown_layer():
    cube = FakeCube({"a": np.zeros((2, 2, 1, 2, 2)), "b": np.ones((2, 2, 3, 2, 2))})
    h = intra_sample_entropy_cube(cube, layers=["b"], epochs=[3], progress=False)
    assert h.layer.values.tolist() == ["b"] and h.epoch.values.tolist() == [3]
    with pytest.raises(KeyError, match=r"\['conv9'\] not in the cube \(layers: a, b\)"):
        intra_sample_entropy_cube(cube, layers=["conv9"], progress=False)


def test_a_real_recorded_run(mnist_run, reference_entropy):
    from cnnslicer_widgets.cube import open_cube

    cube = open_cube(mnist_run)
    h = intra_sample_entropy_cube(cube, progress=False)
    assert h.dims == ("x", "layer", "channel", "epoch")
    assert h.layer.values.tolist() == list(cube.layers)
    assert h.epoch.values.tolist() == list(cube.epochs)
    for name, n in zip(cube.layers, h.n_channels.values, strict=True):
        assert n == cube.activations(name).sizes["channel"]
        assert h.sel(layer=name).isel(channel=slice(int(n), None)).isnull().all()
        assert h.sel(layer=name).isel(channel=slice(0, int(n))).notnull().all()
    assert float(h.max()) <= 5 and float(h.min()) >= 0
    # spot checks against the per-map recipe on the stored feature maps
    conv = cube.layers[1]
    acts = cube.activations(conv)
    for e, x, c in [(0, 0, 0), (len(cube.epochs) - 1, 57, acts.sizes["channel"] - 1)]:
        v = acts.isel(epoch=e, x=x, channel=c).values
        assert h.sel(layer=conv).isel(epoch=e, x=x, channel=c).item() == pytest.approx(
            reference_entropy(v), abs=1e-6
        )
    pixels = cube.activations("input").isel(epoch=0, channel=0)
    np.testing.assert_allclose(
        h.sel(layer="input", channel=0).isel(epoch=0).values,
        [reference_entropy(v) for v in pixels.values],
        atol=1e-6,
    )
