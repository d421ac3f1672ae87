"""Recorder: layers, hooks, modes, schedule, errors, on real torchvision models and MNIST."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torchvision
from torch import nn

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.record import Recorder, StoreTooLargeError, list_layers, parse_bytes
from helpers.shared import small_cnn, train_epoch

QUIET = {"progress": False, "verbose": False}


@pytest.fixture
def mnist_probe(mnist_arrays):
    a = mnist_arrays
    x = torch.tensor(a["x_train"][:64], dtype=torch.float32).unsqueeze(1) / 255
    return x, torch.tensor(a["y_train"][:64])


def test_inplace_relu_does_not_corrupt_recorded_conv_output(tmp_path, mnist_probe):
    x, y = mnist_probe
    model = small_cnn(inplace=True)
    Recorder(model, (x, y), tmp_path / "r.h5", epochs=0, **QUIET).start().close()
    with torch.no_grad():
        conv = model[0](x)  # the pre-ReLU output, computed apart
    cube = open_cube(tmp_path / "r.h5")
    stored = cube["0"].sel(epoch=0).values
    assert stored.min() < 0, "conv output must keep its negative values"
    np.testing.assert_array_equal(stored, conv.half().numpy())
    relu = cube["1"].sel(epoch=0).values
    np.testing.assert_array_equal(relu, conv.clamp(min=0).half().numpy())
    # Layer 0 is the input itself, stored exactly (float32).
    np.testing.assert_array_equal(cube["input"].sel(epoch=0).values, x.numpy())


class TwiceNet(nn.Module):
    """Calls one conv block twice in its forward pass."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(1)
        self.block = nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.ReLU())
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 4))

    def forward(self, x):
        return self.head(self.block(self.block(x)))


def test_module_called_twice_gives_two_layers(tmp_path):
    model = TwiceNet()
    x, y = torch.rand(6, 3, 8, 8), torch.arange(6) % 4
    rec = Recorder(model, (x, y), tmp_path / "t.h5", epochs=0, layers=["block"], **QUIET)
    assert rec.layer_names == ["input", "block", "block#1", "output"]
    rec.start().close()
    cube = open_cube(tmp_path / "t.h5")
    with torch.no_grad():
        once = model.block(x)
        twice = model.block(once)
    np.testing.assert_array_equal(cube["block"].sel(epoch=0).values, once.half().numpy())
    np.testing.assert_array_equal(cube["block#1"].sel(epoch=0).values, twice.half().numpy())
    np.testing.assert_array_equal(cube.logits.sel(epoch=0).values, model(x).detach().numpy())


@pytest.mark.parametrize(
    ("factory", "size", "twice"),
    [
        (torchvision.models.resnet18, 32, "layer1.0.relu#1"),
        (torchvision.models.vgg11, 32, None),
        (torchvision.models.densenet121, 32, None),
    ],
)
def test_torchvision_models_record_every_leaf_layer(tmp_path, factory, size, twice):
    torch.manual_seed(0)
    model = factory(weights=None, num_classes=10)
    x, y = torch.rand(4, 3, size, size), torch.arange(4)
    rec = Recorder(model, (x, y), tmp_path / "m.h5", epochs=1, weights=False, **QUIET)
    with rec:
        rec.epoch_end(1, loss=0.5)
    cube = open_cube(tmp_path / "m.h5")
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    types = [lay.type for lay in cube.layer_info]
    assert types.count("Conv2d") == convs
    assert cube.layers[0] == "input" and cube.epochs == [0, 1]
    if twice:
        assert twice in cube.layers  # BasicBlock calls its ReLU twice
    last = cube.layer_info[-1]
    assert last.shape == (10, 1, 1)
    # The last layer is the model output: its stored values are the logits.
    np.testing.assert_allclose(cube[last.name].sel(epoch=1).values[..., 0, 0],
                               cube.logits.sel(epoch=1).values, rtol=2e-3, atol=2e-3)


def test_recording_pass_uses_eval_mode_and_restores_each_module(tmp_path, mnist_probe):
    x, y = mnist_probe
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Dropout(0.5),
                          nn.Flatten(), nn.Linear(4 * 26 * 26, 10))
    model.train()
    model[1].eval()  # a deliberately frozen BatchNorm must stay frozen
    running = model[1].running_mean.clone()
    rec = Recorder(model, (x, y), tmp_path / "e.h5", epochs=0, **QUIET)
    rec.start().close()
    assert model.training and model[3].training and not model[1].training
    torch.testing.assert_close(model[1].running_mean, running)  # eval: stats untouched
    model.eval()
    with torch.no_grad():
        expected = model(x).numpy()
    np.testing.assert_array_equal(open_cube(rec.path).logits.sel(epoch=0).values, expected)


def test_hooks_are_removed_even_when_the_forward_pass_fails(tmp_path, mnist_probe):
    x, y = mnist_probe

    class Flaky(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = small_cnn()
            self.fail = False

        def forward(self, inp):
            if self.fail:
                raise RuntimeError("boom")
            return self.net(inp)

    model = Flaky()
    rec = Recorder(model, (x, y), tmp_path / "f.h5", epochs=2, **QUIET)
    with pytest.raises(RuntimeError, match="boom"), rec:
        model.fail = True
        rec.epoch_end(1, loss=1.0)
    assert all(not m._forward_hooks for m in model.modules())
    assert open_cube(tmp_path / "f.h5").epochs == [0]  # epoch 0 intact, epoch 1 flagged
    assert open_cube(tmp_path / "f.h5").incomplete_epochs == [1]


def test_store_holds_loss_confusion_weights_and_metadata(mnist_run, mnist_arrays):
    cube = open_cube(mnist_run)
    assert cube.epochs == [0, 1, 2, 3]
    assert np.isnan(cube.loss.sel(epoch=0)) and (cube.loss.sel(epoch=[1, 2, 3]) > 0).all()
    np.testing.assert_array_equal(cube.train_loss.values, cube.loss.sel(epoch=[1, 2, 3]).values)
    conf = cube.confusion
    assert (conf.sum(["true", "pred"]) == 500).all()
    np.testing.assert_array_equal(conf.sum("pred").sel(epoch=3).values,
                                  np.bincount(mnist_arrays["y_test"][:500], minlength=10))
    acc = np.trace(conf.sel(epoch=3).values) / 500
    assert acc > 0.8, f"3 epochs on 2,000 real digits should reach >80% test accuracy, got {acc}"
    assert cube.dataset_name == "MNIST" and cube.classes == [str(i) for i in range(10)]
    w0, w3 = cube.weights(0), cube.weights(3)
    assert set(w0) == set(small_cnn().state_dict())
    np.testing.assert_array_equal(w0["0.weight"], small_cnn().state_dict()["0.weight"].numpy())
    assert not np.array_equal(w0["0.weight"], w3["0.weight"])
    assert cube.attrs["cnnslicer_format"] == 1
    np.testing.assert_array_equal(cube.labels.values, np.repeat(np.arange(10), 20))
    arch = {lay.name: lay for lay in cube.layer_info}
    assert arch["0"].type == "Conv2d" and arch["0"].shape == (6, 28, 28)
    assert arch["7"].shape == (32, 1, 1) and arch["7"].original_shape == (32,)


def test_schedule_every_k_keeps_every_loss(tmp_path, mnist_probe):
    x, y = mnist_probe
    model = small_cnn()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    with Recorder(model, (x, y), tmp_path / "s.h5", epochs=5, every=2, **QUIET) as rec:
        assert rec.schedule == [0, 2, 4, 5]
        recorded = [rec.epoch_end(e, loss=train_epoch(model, x, y, opt)) for e in range(1, 6)]
    assert recorded == [False, True, False, True, True]
    cube = open_cube(tmp_path / "s.h5")
    assert cube.epochs == [0, 2, 4, 5]
    assert list(cube.train_loss.train_epoch.values) == [1, 2, 3, 4, 5]


def test_probe_from_dataset_indices_and_loader(tmp_path, mnist_arrays):
    from torch.utils.data import DataLoader, Subset, TensorDataset

    a = mnist_arrays
    ds = TensorDataset(torch.tensor(a["x_train"][:100], dtype=torch.float32).unsqueeze(1) / 255,
                       torch.tensor(a["y_train"][:100]))
    idx = [5, 17, 42, 99]
    Recorder(small_cnn(), (ds, idx), tmp_path / "d.h5", epochs=0, **QUIET).start().close()
    cube = open_cube(tmp_path / "d.h5")
    np.testing.assert_array_equal(cube.labels.sample_index.values, idx)
    np.testing.assert_array_equal(cube.labels.values, a["y_train"][idx])
    loader = DataLoader(Subset(ds, idx), batch_size=3)
    Recorder(small_cnn(), loader, tmp_path / "l.h5", epochs=0, **QUIET).start().close()
    np.testing.assert_array_equal(open_cube(tmp_path / "l.h5").labels.sample_index.values, idx)
    with pytest.raises(ValueError, match="shuffle=False"):
        Recorder(small_cnn(), DataLoader(ds, shuffle=True), tmp_path / "x.h5", epochs=0, **QUIET)


def test_plan_states_bytes_and_matches_the_file(tmp_path, mnist_probe, capsys):
    x, y = mnist_probe
    model = small_cnn()
    rec = Recorder(model, (x, y), tmp_path / "p.h5", epochs=2, progress=False)
    with rec:
        out = capsys.readouterr().out
        assert "Plan:" in out and ("MB" in out or "kB" in out)
        for e in (1, 2):
            rec.epoch_end(e, loss=1.0)
    size = (tmp_path / "p.h5").stat().st_size
    assert abs(size / rec.plan["total"] - 1) < 0.05


def test_refuses_to_start_past_the_byte_limit(tmp_path):
    model = torchvision.models.vgg11(weights=None, num_classes=10)
    x, y = torch.rand(2, 3, 32, 32), torch.arange(2)
    with pytest.raises(StoreTooLargeError, match="max_bytes") as err:
        Recorder(model, (x, y), tmp_path / "big.h5", epochs=10, max_bytes="1GB", **QUIET)
    assert "weights=False" in str(err.value)
    assert not (tmp_path / "big.h5").exists()
    assert parse_bytes("2GB") == 2_000_000_000 and parse_bytes("1KiB") == 1024


def test_clear_errors_and_nothing_lost(tmp_path, mnist_probe):
    x, y = mnist_probe
    model = small_cnn()
    with pytest.raises(KeyError, match=r"'blok' is not a module of TwiceNet; did you mean") as err:
        Recorder(TwiceNet(), (torch.rand(4, 3, 8, 8), torch.arange(4)), tmp_path / "a.h5",
                 epochs=1, layers=["blok"], **QUIET)
    assert "list_layers" in str(err.value)
    with pytest.raises(ValueError, match=r"rejected the probe: inputs of shape \(64, 3, 28, 28\)"):
        Recorder(model, (torch.rand(64, 3, 28, 28), y), tmp_path / "a.h5", epochs=1, **QUIET)
    assert not (tmp_path / "a.h5").exists()
    with pytest.raises(ValueError, match="no labels"):
        Recorder(model, x, tmp_path / "a.h5", epochs=1, **QUIET)

    path = tmp_path / "twice.h5"
    with Recorder(model, (x, y), path, epochs=3, **QUIET) as rec:
        rec.epoch_end(1, loss=0.3)
        rec.flush()  # epoch 1's writes may still be running on the write-behind thread
        before = open_cube(path)["0"].sel(epoch=1).values
        with pytest.raises(ValueError, match="epoch 1 is already recorded"):
            rec.epoch_end(1, loss=0.2)
        rec.epoch_end(2, loss=0.1)
    cube = open_cube(path)
    assert cube.epochs == [0, 1, 2] and cube.incomplete_epochs == []
    np.testing.assert_array_equal(cube["0"].sel(epoch=1).values, before)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        Recorder(model, (x, y), path, epochs=1, **QUIET).start()
    assert open_cube(path).epochs == [0, 1, 2]


def test_list_layers_names_modules():
    assert list_layers(small_cnn())[:3] == ["0", "1", "2"]


def test_float16_overflow_is_reported_not_hidden(tmp_path):
    class Loud(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 2, 3)
            self.head = nn.Sequential(nn.Flatten(), nn.Linear(2 * 6 * 6, 3))

        def forward(self, x):
            return self.head(self.conv(x) * 1e6)  # conv output is fine, the product is not

    x, y = torch.rand(4, 1, 8, 8) + 1, torch.arange(4) % 3
    with pytest.warns(UserWarning, match=r"layers \['head.0'.*dtype='float32'"):
        Recorder(Loud(), (x, y), tmp_path / "o.h5", epochs=0, **QUIET).start().close()
    Recorder(Loud(), (x, y), tmp_path / "o32.h5", epochs=0, dtype="float32", **QUIET).start().close()
    assert np.isfinite(open_cube(tmp_path / "o32.h5")["head.0"].values).all()
