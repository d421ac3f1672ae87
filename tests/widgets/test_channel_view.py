"""ChannelView state on a real recorded run: entropies sent, deconvnet, cache, messages."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import channel_entropy, class_entropy, intra_sample_entropy
from cnnslicer_widgets.estimators import intra_sample_entropy_cube as entropy_cube
from cnnslicer_widgets.widgets import Selection
from cnnslicer_widgets.widgets import channel_view as channel_view_module
from cnnslicer_widgets.widgets._display import signed_to_uint8
from cnnslicer_widgets.widgets.channel_view import ChannelView
from helpers.lenet_run import lenet_run

from .test_layer_view import GrowingCube


@pytest.fixture(scope="module")
def cube(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return open_cube(lenet_run(tmp_path_factory))


@pytest.fixture(scope="module")
def model() -> Any:
    from cnnslicer_widgets.models import mnist_lenet

    return mnist_lenet()


def view_of(cube: Any, layers: list[str], **kwargs: Any) -> ChannelView:
    return ChannelView(cube, Selection(layers=layers, epoch=3), **kwargs)


def test_entropies_cross_as_one_float32_array(cube: Any) -> None:
    view = view_of(cube, ["conv2"])
    state, _, buffers = _remove_buffers(view.get_state())
    assert state["entropy"] == {"dtype": "float32", "shape": [16, 10, 4]}
    assert state["entropy_all"] == {"dtype": "float32", "shape": [16, 4]}
    assert sum(b.nbytes for b in buffers) >= 16 * 10 * 4 * 4
    h = intra_sample_entropy(cube.activations("conv2"), progress=False)
    per_class = class_entropy(h, classes=range(10)).transpose("channel", "class", "epoch")
    np.testing.assert_allclose(view.entropy, per_class.values, rtol=1e-5)
    np.testing.assert_allclose(view.entropy_all, channel_entropy(h).T.values, rtol=1e-5)
    assert view.layer == "conv2" and view.epochs == [0, 1, 2, 3]
    assert view.classes == [str(k) for k in range(10)]
    assert view.info["n_channels"] == 16 and view.info["n_samples"] == 100
    assert view.message == "" and view.status == ""


def test_messages_and_notes(cube: Any) -> None:
    view = view_of(cube, [])
    assert view.message.startswith("No layer selected") and view.entropy is None
    view.selection.layers = ["conv7"]
    assert "'conv7' is not in this store" in view.message
    view.selection.layers = ["fc1", "conv1"]
    assert view.message == "" and view.layer == "fc1" and view.entropy.shape == (120, 10, 4)
    assert view.info["notes"][0] == "2 layers are selected: showing the first, fc1."
    assert "fc1 has 1 x 1 maps" in view.info["notes"][1]
    assert (view.entropy == 0).all()  # one value per map: zero entropy


def test_revisiting_a_layer_hits_the_cache(cube: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[int]] = []

    def counting(c: Any, **kwargs: Any) -> Any:
        asked.append(list(kwargs["epochs"]))
        return entropy_cube(c, **kwargs)

    monkeypatch.setattr(channel_view_module, "intra_sample_entropy_cube", counting)
    view = view_of(cube, ["conv1"])
    view.selection.layers = ["pool1"]
    view.selection.layers = ["conv1"]
    assert asked == [[0, 1, 2, 3], [0, 1, 2, 3]] and view.cache_hits == 1

    growing = GrowingCube(cube, 3)
    grown = ChannelView(growing, Selection(layers=["conv1"], epoch=3))
    assert grown.entropy.shape[-1] == 3 and grown.epochs == [0, 1, 2]
    assert grown.refresh() == [3]
    assert asked[-2:] == [[0, 1, 2], [3]]  # only the new epoch is computed
    np.testing.assert_array_equal(grown.entropy, view.entropy)


def test_no_model_says_how_to_get_deconvnet(cube: Any) -> None:
    view = view_of(cube, ["conv2"])
    assert view.deconv_info == {} and view.deconv_images is None
    view.selection.channels = [40, 5]  # 40 is not in conv2: the first that is counts
    assert view.deconv_info["channel"] == 5
    assert view.deconv_info["note"].startswith("Deconvnet projections need the model")
    assert view.deconv_images is None
    view.selection.channels = [40]
    assert view.deconv_info == {}


def test_chosen_channel_gets_its_deconvnet_projections(cube: Any, model: Any) -> None:
    from cnnslicer_widgets.deconv import deconvnet

    view = view_of(cube, ["conv2"], model=model)
    view.selection.channels = [5]
    info = view.deconv_info
    assert (info["layer"], info["channel"], info["epoch"], info["note"]) == ("conv2", 5, 3, "")
    assert view.deconv_images.shape == (4, 28, 28, 1) and view.deconv_images.dtype == np.uint8
    assert view.probe_labels.tolist() == [0, 1, 2, 3]
    labels = cube.labels.values
    first = [int(np.flatnonzero(labels == k)[0]) for k in range(4)]
    images = cube.activations("input").sel(epoch=3).isel(x=first).values
    want = deconvnet(model, images, "conv2", 5, weights=cube.weights(3)).values
    np.testing.assert_array_equal(view.deconv_images, signed_to_uint8(want))
    state, _, _ = _remove_buffers(view.get_state())
    assert state["deconv_images"] == {"dtype": "uint8", "shape": [4, 28, 28, 1]}

    view.selection.class_index = 7  # images of the class in focus
    assert view.probe_labels.tolist() == [7, 7, 7, 7]
    view.selection.epoch = 1  # the weights of the selected epoch
    assert view.deconv_info["epoch"] == 1
    hits = view.cache_hits
    view.selection.epoch = 3
    assert view.cache_hits == hits + 1


def test_a_model_that_does_not_fit_is_reported(cube: Any) -> None:
    from cnnslicer_widgets.models import cifar_vgg11

    view = view_of(cube, ["conv2"], model=cifar_vgg11())
    view.selection.channels = [1]
    assert view.deconv_info["note"].startswith("Deconvnet failed:")
    assert view.deconv_images is None and view.status == ""
