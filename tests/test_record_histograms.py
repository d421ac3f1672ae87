"""Layers kept as per-map histograms: ``Recorder(summarize={layer: "histogram"})``.

Checked against the raw maps of the same model recorded side by side, against numpy's
histogram and the intra-sample entropy estimator, and on hand-made maps with known counts
(constant, one value per bin, NaN, float16 overflow).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.record import Recorder
from cnnslicer_widgets.record.hooks import map_histograms
from cnnslicer_widgets.store import NotStoredError
from helpers.shared import small_cnn, train_epoch

QUIET = {"progress": False, "verbose": False}
BINS = 32


def _f32_histograms(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """np.histogram of every map scaled by its own min/max, the scaling done in float32
    as the estimator does: t = (v - min) * (32 / (max - min)), bins [0, 1), ..., [31, 32]."""
    v = raw.astype(np.float32).reshape(*raw.shape[:2], -1)
    lo, hi = v.min(-1), v.max(-1)
    counts = np.zeros((*raw.shape[:2], BINS), np.int64)
    for i, j in np.ndindex(*raw.shape[:2]):
        span = hi[i, j] - lo[i, j]
        if span > 0:
            t = (v[i, j] - lo[i, j]) * (np.float32(BINS) / span)
            counts[i, j] = np.histogram(t, bins=BINS, range=(0, BINS))[0]
        else:
            counts[i, j, 0] = v.shape[-1]
    return counts, lo, hi


def _entropy(counts: np.ndarray) -> np.ndarray:
    p = counts / counts.sum(-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log2(p), 0.0).sum(-1)


@pytest.fixture(scope="module")
def side_by_side(tmp_path_factory, mnist_arrays):
    """One model trained one epoch on real digits, recorded twice at each epoch: raw, and
    with conv1 and conv2 (pre-ReLU, signed values) kept as histograms."""
    a = mnist_arrays
    x = torch.tensor(a["x_train"][:400], dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(a["y_train"][:400])
    model = small_cnn(seed=4)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    tmp = tmp_path_factory.mktemp("hist")
    probe = (x[:40], y[:40])
    raw = Recorder(model, probe, tmp / "raw.h5", epochs=1, **QUIET)
    hist = Recorder(model, probe, tmp / "hist.h5", epochs=1, **QUIET,
                    summarize={"0": "histogram", "3": "histogram"})
    with raw, hist:
        loss = train_epoch(model, x, y, opt)
        raw.epoch_end(1, loss=loss)
        hist.epoch_end(1, loss=loss)
    return open_cube(raw.path), open_cube(hist.path), hist


@pytest.mark.parametrize("layer", ["0", "3"])
def test_histograms_equal_numpy_histograms_of_the_raw_maps(side_by_side, layer):
    raw_cube, hist_cube, _ = side_by_side
    h = hist_cube.histograms(layer)
    assert h.dims == ("epoch", "x", "channel", "bin") and h.attrs["bins"] == BINS
    for epoch in (0, 1):
        raw = raw_cube[layer].sel(epoch=epoch).values  # float16, as a raw layer stores them
        assert raw.min() < 0 < raw.max()
        counts, lo, hi = _f32_histograms(raw)
        got = h.sel(epoch=epoch)
        np.testing.assert_array_equal(got.values, counts)
        np.testing.assert_array_equal(got.map_min.values, lo)
        np.testing.assert_array_equal(got.map_max.values, hi)
        assert (got.values.sum(-1) == raw.shape[-1] * raw.shape[-2]).all()
        # numpy's float64 histogram of the maps scaled to [-1, 1] bins the same values,
        # but for a few lying within float32 rounding of a bin edge
        v = raw.astype(np.float64).reshape(*raw.shape[:2], -1)
        scaled = 2 * (v - lo[..., None]) / (hi - lo)[..., None] - 1
        f64 = np.stack([[np.histogram(m, bins=BINS, range=(-1, 1))[0] for m in row]
                        for row in scaled])
        assert np.abs(f64 - got.values).sum() <= 2e-3 * v.size


@pytest.mark.parametrize("layer", ["0", "3"])
def test_entropy_from_histograms_equals_entropy_of_the_raw_maps(side_by_side, layer):
    from cnnslicer_widgets.estimators.intra import intra_sample_entropy

    raw_cube, hist_cube, _ = side_by_side
    raw = raw_cube[layer]
    from_hist = _entropy(hist_cube.histograms(layer).values)
    direct = _entropy(np.stack([_f32_histograms(raw.sel(epoch=e).values)[0] for e in (0, 1)]))
    np.testing.assert_allclose(from_hist, direct, rtol=0, atol=1e-12)
    estimator = intra_sample_entropy(raw, progress=False)
    np.testing.assert_allclose(from_hist, estimator.values, rtol=0, atol=1e-12)
    assert 0 < from_hist.min() and from_hist.max() <= np.log2(BINS)


def test_histogram_layers_are_metadata_plan_and_clear_errors(side_by_side):
    raw_cube, hist_cube, rec = side_by_side
    info = {lay.name: lay for lay in hist_cube.layer_info}
    assert info["0"].stored == "histogram" and info["0"].bins == BINS
    assert info["1"].stored == "raw" and hist_cube.attrs["cnnslicer_format"] == 2
    assert raw_cube.attrs["cnnslicer_format"] == 1
    n = 40
    assert rec.plan["histograms_per_epoch"] == n * (6 + 16) * (BINS * 2 + 2 * 4)
    assert "histograms" in rec.describe_plan()
    raw_layers = [lay for lay in hist_cube.layer_info[1:] if lay.stored == "raw"]
    assert rec.plan["activations_per_epoch"] == sum(n * np.prod(lay.shape) * 2
                                                    for lay in raw_layers)
    with pytest.raises(NotStoredError, match=r"layer '0' was recorded as per-map histograms "
                       r"only .*cube.histograms\('0'\).*without '0' in summarize="):
        hist_cube["0"]
    with pytest.raises(NotStoredError, match=r"layer '1' was stored raw.*summarize="):
        hist_cube.histograms("1")
    # the histogram layer takes part in selections like any other
    sub = hist_cube.sel(layer=["0", "3"], label=3, channel=[1, 4], epoch=1)
    assert sub.histograms("0").shape == (1, (sub.labels == 3).sum().item(), 2, BINS)
    assert "histogram" in sub.to_datatree()["0"].data_vars


class Maps(nn.Module):
    """Its first layer hands the input through: the test chooses the maps exactly."""

    def __init__(self):
        super().__init__()
        self.maps = nn.Identity()
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32, 2))

    def forward(self, x):
        return self.head(self.maps(x))


def test_known_maps_give_known_counts(tmp_path):
    x = torch.zeros(5, 1, 4, 8)
    x[0] = 3.0  # constant: every value in bin 0
    x[1] = torch.arange(32.0).reshape(4, 8)  # one value per bin; the max in the last bin
    x[2, 0, :2] = -1.0  # half at the min (bin 0), half at the max (bin 31)
    x[2, 0, 2:] = 5.0
    x[3] = torch.arange(32.0).reshape(4, 8)
    x[3, 0, 0, 0] = float("nan")  # NaN: no counts, NaN range
    x[4] = torch.linspace(0, 1, 32).reshape(4, 8) * 1e6  # beyond float16: inf, no counts
    y = torch.tensor([0, 1, 0, 1, 0])
    path = tmp_path / "maps.h5"
    with pytest.warns(UserWarning, match=r"layers \[.*'maps'\].*float16 range"):
        Recorder(Maps(), (x, y), path, epochs=0, summarize={"maps": "histogram"},
                 **QUIET).start().close()
    h = open_cube(path).histograms("maps").isel(epoch=0, channel=0)
    counts = h.values
    np.testing.assert_array_equal(counts[0], [32] + [0] * 31)
    np.testing.assert_array_equal(counts[1], np.ones(32))
    np.testing.assert_array_equal(counts[2], [16] + [0] * 30 + [16])
    assert counts[3].sum() == 0 and np.isnan(h.map_max.values[3])
    assert counts[4].sum() == 0 and h.map_max.values[4] == np.inf
    np.testing.assert_array_equal(h.map_min.values[:3], [3, 0, -1])
    np.testing.assert_array_equal(h.map_max.values[:3], [3, 31, 5])
    assert _entropy(counts[1]) == 5.0 and _entropy(counts[0]) == 0.0


def test_map_histograms_in_blocks_equal_numpy(monkeypatch):
    from cnnslicer_widgets.record import hooks as _hooks

    t = torch.randn(7, 3, 5, 6)
    counts, lo, hi = _f32_histograms(t.numpy())
    for block in (1 << 24, 60, 1):  # all maps at once; two maps a block; one map a block
        monkeypatch.setattr(_hooks, "_HIST_BLOCK", block)
        stats = map_histograms(t, BINS, torch.float32)
        np.testing.assert_array_equal(stats.counts.numpy(), counts)
        np.testing.assert_array_equal(stats.lo.numpy(), lo)
        np.testing.assert_array_equal(stats.hi.numpy(), hi)


def test_summarize_errors_name_the_fix(tmp_path):
    x, y = torch.rand(4, 1, 28, 28), torch.arange(4)
    model = small_cnn()
    make = lambda s: Recorder(model, (x, y), tmp_path / "e.h5", epochs=0, summarize=s,  # noqa: E731
                              **QUIET)
    with pytest.raises(KeyError, match=r"cannot summarize 'conv9': it is not a recorded layer"
                       r".*recorded layers: input, 0, 1"):
        make({"conv9": "histogram"})
    with pytest.raises(KeyError, match="the input is always stored raw"):
        make({"input": "histogram"})
    with pytest.raises(ValueError, match=r"summarize\['0'\] = 'mean'; the only per-map "
                       r"summary is 'histogram'"):
        make({"0": "mean"})
    with pytest.raises(ValueError, match=r"layer '7' has 1x1 maps \(Linear.*store it raw"):
        make({"7": "histogram"})
    with pytest.raises(TypeError, match="summarize must be a dict"):
        make(["0"])
    assert not (tmp_path / "e.h5").exists()


def test_cube_entropy_uses_histograms_where_only_those_were_kept(side_by_side):
    from cnnslicer_widgets.estimators import intra_sample_entropy_cube

    raw_cube, hist_cube, _ = side_by_side
    from_raw = intra_sample_entropy_cube(raw_cube, progress=False)
    mixed = intra_sample_entropy_cube(hist_cube, progress=False)  # layers 0, 3 as histograms
    np.testing.assert_allclose(mixed.values, from_raw.values, rtol=0, atol=1e-6)
    with pytest.raises(ValueError, match=r"only be computed with bins=32, range='own'"):
        intra_sample_entropy_cube(hist_cube, layers=["0"], bins=16, progress=False)


def test_info_reports_histogram_layers_and_their_bytes(side_by_side):
    from cnnslicer_widgets.cli import describe

    _, hist_cube, _ = side_by_side
    line = next(s for s in describe(hist_cube.path).splitlines() if s.split()[1:2] == ["0"])
    assert "(32-bin histograms per map)" in line
    assert "17.3 kB" in line  # 40 maps x 6 channels x (32 uint16 counts + min + max float32)
