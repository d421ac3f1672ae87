"""Real models' layer layouts: channels-last (ConvNeXt), token sequences (ViT), 1-D maps
(Conv1d), layer levels, names torch allows, and what a level skips and why; every stored
value equals a fresh eval-mode forward pass (float16), channels first."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torchvision
from torch import nn

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.record.layouts import to_stored


def record(model, x, path, **kw):
    y = torch.arange(len(x)) % 10
    rec = Recorder(model, (x, y), path, epochs=1, progress=False, verbose=False,
                   weights=False, **kw)
    with rec:
        rec.epoch_end(1, loss=1.0)
    return rec, open_cube(path)


def fresh_outputs(model, x) -> dict[str, torch.Tensor]:
    """Every module's output in a fresh eval-mode pass (first call), copied at once."""
    outs: dict[str, torch.Tensor] = {}

    def keep(name):
        def hook(_module, _args, out):
            if torch.is_tensor(out) and name not in outs:
                outs[name] = out.detach().clone()
        return hook

    handles = [m.register_forward_hook(keep(n)) for n, m in model.named_modules() if n]
    try:
        with torch.no_grad():
            model.eval()(x)
    finally:
        for h in handles:
            h.remove()
    return outs


def assert_equal_to_a_fresh_pass(model, x, cube) -> int:
    """Compare every recorded module layer; returns how many (all of them, checked)."""
    outs = fresh_outputs(model, x)
    compared = 0
    for lay in cube.layer_info[1:]:
        if lay.name not in outs:
            continue
        want = to_stored(outs[lay.name], lay.layout).to(torch.float16).numpy()
        got = cube[lay.name].sel(epoch=1).values
        np.testing.assert_array_equal(got, want, err_msg=lay.name)
        compared += 1
    assert compared == len([n for n in cube.layers if n not in ("input", "output")])
    return compared


def test_convnext_channels_last_layers_are_stored_channels_first(tmp_path):
    torch.manual_seed(0)
    model = torchvision.models.convnext_tiny(num_classes=10)
    x = torch.rand(4, 3, 32, 32)
    rec, cube = record(model, x, tmp_path / "convnext.h5")
    info = {lay.name: lay for lay in cube.layer_info}
    norm = info["features.1.0.block.2"]  # a LayerNorm between permutes: (N, 8, 8, 96)
    assert (norm.layout, norm.shape, norm.type) == ("NHWC", (96, 8, 8), "LayerNorm")
    assert cube[norm.name].dims == ("epoch", "x", "channel", "h", "w")
    assert cube[norm.name].sizes["channel"] == 96
    assert info["features.1.0.block.3"].shape == (384, 8, 8)  # Linear to 4 x 96
    assert info["features.0.1"].layout == "NCHW"  # LayerNorm2d permutes inside: channels first
    assert {lay.layout for lay in cube.layer_info} == {"NCHW", "NHWC", "NC"}
    assert not rec.skipped
    assert assert_equal_to_a_fresh_pass(model, x, cube) > 150


def test_vit_tokens_are_d_channels_over_t_positions(tmp_path):
    torch.manual_seed(0)
    model = torchvision.models.vit_b_16(weights=None, image_size=32, num_classes=10)
    x = torch.rand(3, 3, 32, 32)
    rec, cube = record(model, x, tmp_path / "vit.h5")
    tokens = [lay for lay in cube.layer_info if lay.layout == "NTD"]
    assert len(tokens) >= 12 * 7  # every encoder block's norms, MLP and dropouts
    ln = next(lay for lay in tokens if lay.name.endswith("encoder_layer_0.ln_1"))
    assert ln.shape == (768, 5) and cube[ln.name].dims == ("epoch", "x", "channel", "t")
    called_out_proj = [n for n, why in rec.skipped if n.endswith("out_proj")]
    assert len(called_out_proj) == 12 and all("not called" in why for _, why in rec.skipped)
    assert assert_equal_to_a_fresh_pass(model, x, cube) == 100  # every called leaf


def test_conv1d_layers_and_input_are_1d_maps(tmp_path):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv1d(1, 4, 5), nn.ReLU(), nn.MaxPool1d(2), nn.Conv1d(4, 8, 3),
                          nn.ReLU(), nn.Flatten(), nn.Linear(8 * 92, 10))
    x = torch.rand(6, 1, 192)
    _, cube = record(model, x, tmp_path / "conv1d.h5")
    info = {lay.name: lay for lay in cube.layer_info}
    assert (info["input"].layout, info["input"].shape) == ("NCL", (1, 192))
    assert cube["input"].dims == ("epoch", "x", "channel", "l")
    np.testing.assert_array_equal(cube["input"].sel(epoch=0).values, x.numpy())
    assert (info["3"].layout, info["3"].shape) == ("NCL", (8, 92))
    assert assert_equal_to_a_fresh_pass(model, x, cube) == 7
    assert cube.attrs["cnnslicer_format"] == 3


def test_estimators_and_views_read_1d_maps(tmp_path):
    from cnnslicer_widgets import estimators as E
    from cnnslicer_widgets.widgets import LayerView, Selection

    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 3, 3), nn.ReLU(), nn.Flatten(2), nn.Conv1d(3, 4, 5),
                          nn.ReLU(), nn.Flatten(), nn.Linear(4 * 672, 10))
    _, cube = record(model, torch.rand(20, 1, 28, 28), tmp_path / "mixed.h5")
    one_d = cube["3"].sel(epoch=1)
    h = E.intra_sample_entropy(one_d, progress=False)
    assert h.dims == ("x", "channel") and (h > 0).all() and h.attrs["map_dims"] == ["l"]
    cap = E.channel_capacity(cube["1"].sel(epoch=1), one_d, progress=False)  # 2-D vs 1-D
    assert cap.shape == (4, 3) and np.isfinite(cap).all()
    cube_h = E.intra_sample_entropy_cube(cube, layers=["1", "3"], progress=False)
    np.testing.assert_allclose(cube_h.sel(layer="3").isel(epoch=1), h, rtol=1e-6)
    view = LayerView(cube, Selection(layers=["1", "3"], epoch=1))
    assert view.capacity.shape == (4, 3) and view.message == ""
    view.picked = [0, 0]
    assert view.target_maps.shape[1:] == (1, 672, 1)  # a 1-D map drawn as a strip


def test_layer_levels_and_the_summary(tmp_path):
    torch.manual_seed(0)
    model = torchvision.models.resnet18(num_classes=10)
    x = torch.rand(4, 3, 32, 32)
    rec, cube = record(model, x, tmp_path / "blocks.h5", layers="blocks")
    assert cube.layers == ["input", "conv1", "bn1", "relu", "maxpool", "layer1.0", "layer1.1",
                           "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0",
                           "layer4.1", "avgpool", "fc"]
    assert cube.attrs["extra"] and "blocks" in cube.attrs["extra"]
    assert assert_equal_to_a_fresh_pass(model, x, cube) == 14
    text = rec.summary()
    assert text.startswith("Recording 15 layers (blocks):") and "layer4.1" in text
    dense = torchvision.models.densenet121(num_classes=10)
    small = Recorder(dense, (torch.rand(2, 3, 32, 32), torch.arange(2)), tmp_path / "d.h5",
                     epochs=1, layers="blocks", weights=False, verbose=False, progress=False)
    names = small.layer_names
    assert "features.denseblock1.denselayer1" in names and len(names) == 77
    assert not any(n.startswith("features.denseblock1.denselayer1.") for n in names)
    top = Recorder(model, (x, torch.arange(4)), tmp_path / "t.h5", epochs=1, layers="top",
                   weights=False, verbose=False, progress=False)
    assert top.layer_names == ["input", "conv1", "bn1", "relu", "maxpool", "layer1", "layer2",
                               "layer3", "layer4", "avgpool", "fc"]


def test_layers_argument_checks(tmp_path):
    model = torchvision.models.resnet18(num_classes=10)
    probe = (torch.rand(2, 3, 32, 32), torch.arange(2))
    one = Recorder(model, probe, tmp_path / "fc.h5", epochs=1, layers="fc", weights=False,
                   verbose=False, progress=False)
    assert one.layer_names == ["input", "fc"]  # a string is one name, not letters
    with pytest.raises(ValueError, match=r"layers=\[\] names no layer"):
        Recorder(model, probe, tmp_path / "none.h5", epochs=1, layers=[])
    with pytest.raises(KeyError, match="layer 'layer9' is not a module of ResNet.*levels"):
        Recorder(model, probe, tmp_path / "bad.h5", epochs=1, layers=["layer9"])


class Pair(nn.Module):
    def forward(self, x):
        return x, x.mean()


class Odd(nn.Module):
    """A module whose (N, A, B, C) output the rules cannot place (no weight, new shape)."""

    def forward(self, x):
        return x.reshape(x.shape[0], 3, 2, -1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 3)
        self.pair = Pair()
        self.odd = Odd()
        self.add_module("head/fc", nn.Linear(6 * 26 * 26, 10))

    def forward(self, x):
        x = self.conv(x)
        x, _ = self.pair(x)
        x = self.odd(x)
        return getattr(self, "head/fc")(x.flatten(1))


def test_what_a_level_skips_and_names_torch_allows(tmp_path):
    torch.manual_seed(0)
    model, x = Net(), torch.rand(4, 1, 28, 28)
    rec, cube = record(model, x, tmp_path / "net.h5")
    skipped = dict(rec.skipped)
    assert "not one tensor" in skipped["pair"]
    assert "layouts={'odd': 'NCHW'}" in skipped["odd"]
    assert "Skipping 2:" in rec.summary()
    assert cube.layers == ["input", "conv", "head/fc"]  # a '/' in a name is kept
    np.testing.assert_array_equal(cube["head/fc"].sel(epoch=1).values.reshape(4, 10),
                                  model.eval()(x).detach().half().numpy())
    with pytest.raises(ValueError, match=r"layer 'odd' \(Odd\) outputs .* layouts="):
        Recorder(model, (x, torch.arange(4)), tmp_path / "named.h5", epochs=1, layers=["odd"])
    _, given = record(model, x, tmp_path / "given.h5", layers=["odd"],
                      layouts={"odd": "NHWC"})
    assert given.layer_info[1].shape == (676, 3, 2)
    with pytest.raises(ValueError, match=r"layer 'pair' \(Pair\) returns a tuple"):
        Recorder(model, (x, torch.arange(4)), tmp_path / "t.h5", epochs=1, layers=["pair"])


def test_a_store_of_escaped_names_reads_back_in_xarray(tmp_path):
    model = Net()
    _, cube = record(model, torch.rand(4, 1, 28, 28), tmp_path / "net.h5")
    tree = cube.to_datatree()
    assert "head/fc" in cube.layers and tree["head%2Ffc"].attrs["layer"] == "head/fc"
    import h5py

    with h5py.File(tmp_path / "net.h5", "r") as f:
        assert "head%2Ffc" in f["layers"]
