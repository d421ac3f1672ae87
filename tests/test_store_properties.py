"""Property-based tests: store round trips and the selection algebra of the hypercube.

Round trips write random small runs through StoreWriter (layer shapes, probe sizes,
float16/float32, raw and histogram layers, schedules, losses with NaN and inf, weights,
batch sizes, an aborted last epoch, checksums on or off) and read everything back through
``open_cube``, exactly. The selection properties check :meth:`Hypercube.sel` against numpy
indexing of the full arrays. Derandomized and bounded (``max_examples``) for CI.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.store import LayerSpec, RunSpec, StoreWriter, count_dtype

PROFILE = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])
_counter = itertools.count()


@st.composite
def runs(draw) -> dict:
    """A random small run: its spec and the seed of its data."""
    n = draw(st.integers(2, 9))
    k = draw(st.integers(1, 4))
    layers = [LayerSpec("input", 0, "", "Input", (draw(st.integers(1, 3)),
                                                  draw(st.integers(1, 4)), draw(st.integers(1, 4))))]
    for i in range(draw(st.integers(1, 3))):
        shape = (draw(st.integers(1, 4)), draw(st.integers(1, 5)), draw(st.integers(1, 5)))
        hist = shape[1] * shape[2] > 1 and draw(st.booleans())
        layers.append(LayerSpec(f"layer{i}", i + 1, f"m.{i}", "Conv2d", shape, shape,
                                "histogram" if hist else "raw", 32 if hist else 0))
    weights = {f"p{i}": (tuple(draw(st.lists(st.integers(1, 3), max_size=2))),
                         draw(st.sampled_from(["float32", "int64", "float16"])))
               for i in range(draw(st.integers(0, 2)))}
    schedule = sorted({0} | set(draw(st.lists(st.integers(1, 6), max_size=3))))
    spec = RunSpec(layers=layers, sample_index=np.arange(n) * 7 + 3,
                   labels=np.asarray(draw(st.lists(st.integers(0, k - 1), min_size=n,
                                                   max_size=n))),
                   classes=[f"class {i}" for i in range(k)],
                   dtype=draw(st.sampled_from(["float16", "float32"])), weights=weights,
                   schedule=schedule, dataset_name=draw(st.text(max_size=8)),
                   checksums=draw(st.booleans()))
    losses = draw(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                     st.none()), min_size=len(schedule), max_size=len(schedule)))
    return {"spec": spec, "seed": draw(st.integers(0, 2**31)), "losses": losses,
            "batch": draw(st.integers(1, n)), "abort_last": draw(st.booleans())}


def _values(spec: RunSpec, seed: int, epoch: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng([seed, epoch])
    n, out = spec.n_samples, {}
    for lay in spec.layers[1:]:
        c, h, w = lay.shape
        if lay.stored == "raw":
            with np.errstate(over="ignore"):  # float16 overflow to inf: stored as such
                v = (rng.normal(size=(n, c, h, w)) * 10.0 ** rng.integers(-3, 6)).astype(
                    spec.dtype)
            v.flat[rng.integers(v.size)] = rng.choice([np.nan, np.inf, -np.inf, 0.0])
            out[lay.name] = v
        else:
            out[lay.name] = (rng.integers(0, h * w + 1, (n, c, lay.bins)).astype(
                count_dtype(h * w)), rng.normal(size=(n, c)).astype("f4"),
                rng.normal(size=(n, c)).astype("f4"))
    out["logits"] = rng.normal(size=(n, spec.n_classes)).astype("f4")
    out["confusion"] = rng.integers(0, 50, (spec.n_classes, spec.n_classes))
    for name, (shape, dtype) in spec.weights.items():
        out[f"w/{name}"] = (rng.normal(size=shape) * 100).astype(dtype)
    return out


def _write(path, run: dict) -> None:
    spec, seed, b = run["spec"], run["seed"], run["batch"]
    w = StoreWriter.create(path, spec)
    inp = np.random.default_rng(seed).random((spec.n_samples, *spec.layers[0].shape))
    for s in range(0, spec.n_samples, b):
        w.write_input(s, inp[s : s + b])
    for i, epoch in enumerate(spec.schedule):
        if epoch:
            w.append_train_loss(epoch, run["losses"][i])
        d = _values(spec, seed, epoch)
        w.begin_epoch(epoch)
        for s in range(0, spec.n_samples, b):
            for lay in spec.layers[1:]:
                if lay.stored == "raw":
                    w.write_activation(lay.name, s, d[lay.name][s : s + b])
                else:
                    w.write_histogram(lay.name, s, *(a[s : s + b] for a in d[lay.name]))
            w.write_logits(s, d["logits"][s : s + b])
        w.write_confusion(d["confusion"])
        w.write_loss(run["losses"][i])
        w.write_weights({k[2:]: v for k, v in d.items() if k.startswith("w/")})
        if not (run["abort_last"] and i == len(spec.schedule) - 1):
            w.end_epoch()
    w.close()


def _eq(got, want) -> None:
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want), strict=True)


def _check_epoch(cube, spec: RunSpec, seed: int, epoch: int, loss) -> None:
    d = _values(spec, seed, epoch)
    c = cube.sel(epoch=epoch)
    for lay in spec.layers[1:]:
        if lay.stored == "raw":
            _eq(c[lay.name].values[0], d[lay.name])
        else:
            h = c.histograms(lay.name)
            _eq(h.values[0], d[lay.name][0])
            _eq(h.map_min.values[0], d[lay.name][1])
            _eq(h.map_max.values[0], d[lay.name][2])
    _eq(c.logits.values[0], d["logits"])
    _eq(c.confusion.values[0], d["confusion"])
    _eq(c.loss.values[0], np.float64(np.nan if loss is None else loss))
    got = cube.weights(epoch) if spec.weights else {}
    assert set(got) == set(spec.weights)
    for name in spec.weights:
        _eq(got[name], d[f"w/{name}"])


@settings(PROFILE, max_examples=60)
@given(run=runs())
def test_store_round_trip_reads_back_exactly(tmp_path, run):
    spec = run["spec"]
    path = tmp_path / f"run{next(_counter)}.h5"
    _write(path, run)
    with open_cube(path) as cube:
        done = spec.schedule[:-1] if run["abort_last"] else spec.schedule
        assert cube.epochs == done
        assert cube.incomplete_epochs == (spec.schedule[-1:] if run["abort_last"] else [])
        assert cube.layer_info == spec.layers and cube.classes == spec.classes
        assert cube.dataset_name == spec.dataset_name
        assert cube.attrs["cnnslicer_format"] == spec.format_version
        _eq(cube.labels.values, spec.labels)
        _eq(cube.labels.sample_index.values, spec.sample_index)
        inp = np.random.default_rng(run["seed"]).random((spec.n_samples, *spec.layers[0].shape))
        _eq(cube["input"].values, np.broadcast_to(inp.astype("f4"), (len(done), *inp.shape)))
        for i, epoch in enumerate(done):
            _check_epoch(cube, spec, run["seed"], epoch, run["losses"][i])
        for lay in spec.layers[1:]:
            if lay.stored == "raw":
                assert cube[lay.name].dtype == np.dtype(spec.dtype)
                assert cube[lay.name].shape == (len(done), spec.n_samples, *lay.shape)
        tl = cube.train_loss
        _eq(tl.train_epoch.values, np.asarray(spec.schedule[1:], dtype=np.int64))
        want = [np.nan if v is None else v for v in run["losses"][1:]]
        _eq(tl.values, np.asarray(want, dtype=np.float64))


# -- the selection algebra -------------------------------------------------------------------
SEL_SPEC = RunSpec(
    layers=[LayerSpec("input", 0, "", "Input", (1, 4, 4)),
            LayerSpec("a", 1, "a", "Conv2d", (3, 4, 4)),
            LayerSpec("b", 2, "b", "Conv2d", (5, 2, 3)),
            LayerSpec("h", 3, "h", "Conv2d", (4, 3, 3), stored="histogram", bins=32),
            LayerSpec("d", 4, "d", "Linear", (6, 1, 1))],
    sample_index=np.arange(30) + 100, labels=np.random.default_rng(5).integers(0, 4, 30),
    classes=["w", "x", "y", "z"], dtype="float32", schedule=[0, 1, 3, 4])


@pytest.fixture(scope="module")
def sel_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("sel") / "sel.h5"
    _write(path, {"spec": SEL_SPEC, "seed": 11, "batch": 7, "abort_last": False,
                  "losses": [None, 0.5, 0.25, 0.125]})
    cube = open_cube(path)
    full = _Full({name: cube[name].values for name in ("a", "b", "d")})
    full["h"] = cube.histograms("h").values
    full["logits"] = cube.logits.values
    yield cube, full
    cube.close()


class _Full(dict):
    """The full arrays of the selection store (a short repr for hypothesis reports)."""

    def __repr__(self) -> str:
        return f"<full arrays: {sorted(self)}>"


xs = st.lists(st.integers(0, 29), min_size=1, max_size=12)
channels = st.lists(st.integers(0, 2), min_size=1, max_size=3)  # valid for every layer
epochs = st.lists(st.sampled_from([0, 1, 3, 4]), min_size=1, max_size=4, unique=True).map(sorted)
layer_names = st.sampled_from(["a", "b", "d"])


def _get(cube, layer: str):
    return cube.histograms(layer) if layer == "h" else cube[layer]


@PROFILE
@given(label=st.integers(0, 3), pick=st.lists(st.integers(0, 100), min_size=1, max_size=5),
       layer=st.sampled_from(["a", "b", "h", "d"]))
def test_label_then_x_equals_the_direct_selection(sel_store, label, pick, layer):
    cube, full = sel_store
    group = np.flatnonzero(SEL_SPEC.labels == label)
    if not group.size:
        return
    pick = [p % len(group) for p in pick]
    chained = cube.sel(label=label).sel(x=pick)
    direct = cube.sel(x=group[pick])
    _eq(chained.x, direct.x)
    _eq(_get(chained, layer).values, _get(direct, layer).values)
    _eq(_get(chained, layer).values, full[layer][:, group[pick]])
    _eq(chained.logits.values, full["logits"][:, group[pick]])
    assert (chained.labels.values == label).all()


@settings(PROFILE, max_examples=12)
@given(x=xs, ch=channels, ep=epochs, layer=st.sampled_from(["a", "b", "h", "d"]))
def test_selections_commute_with_numpy_indexing(sel_store, x, ch, ep, layer):
    cube, full = sel_store
    pos = [SEL_SPEC.schedule.index(e) for e in ep]
    want = full[layer][pos][:, x][:, :, ch]
    one = cube.sel(layer=layer)  # channel= must fit every selected layer (input has 1)
    for order in itertools.permutations([("x", x), ("channel", ch), ("epoch", ep)]):
        c = one
        for key, value in order:
            c = c.sel(**{key: value})
        got = _get(c, layer)
        _eq(got.values, want)
        _eq(got.epoch.values, np.asarray(ep))
        _eq(got.channel.values, np.asarray(ch))
        _eq(got.sample_index.values, SEL_SPEC.sample_index[x])
    _eq(_get(one.sel(x=x, channel=ch, epoch=ep), layer).values, want)


@PROFILE
@given(a=xs, b=st.lists(st.integers(0, 100), min_size=1, max_size=6), layer=layer_names)
def test_x_selections_compose(sel_store, a, b, layer):
    cube, full = sel_store
    b = [i % len(a) for i in b]
    _eq(cube.sel(x=a).sel(x=b)[layer].values, cube.sel(x=np.asarray(a)[b])[layer].values)
    _eq(cube.sel(x=a).sel(x=b)[layer].values, full[layer][:, np.asarray(a)[b]])


@PROFILE
@given(i=st.integers(-4, 3), start=st.integers(-1, 5), stop=st.integers(-1, 6))
def test_epoch_positions_slices_and_numbers_agree(sel_store, i, start, stop):
    cube, full = sel_store
    eps = SEL_SPEC.schedule
    _eq(cube.isel(epoch=i)["a"].values, full["a"][[i]])
    assert cube.isel(epoch=i).epochs == [eps[i]]
    inside = [e for e in eps if start <= e <= stop]
    if inside:
        sliced = cube.sel(epoch=slice(start, stop))
        assert sliced.epochs == inside
        _eq(sliced["b"].values, full["b"][[eps.index(e) for e in inside]])
