"""Damaged stores: every read either returns the original values or a clear StoreFormatError.

A real run (a small CNN trained on real MNIST digits, one layer kept as histograms) is
damaged in many seeded ways: bit flips in the superblock, in HDF5 metadata and in data
chunks, zeroed or overwritten ranges, truncation (in a worker process with a per-case time
limit, since a C library may crash or hang on such bytes), and structural edits made with
h5py (deleted parts, wrong shapes and dtypes, junk JSON, bad versions). The number of byte
cases is CNNSLICER_FUZZ_CASES (default 120), the seed CNNSLICER_FUZZ_SEED (default 0).
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import h5py
import numpy as np
import pytest

from cnnslicer_widgets.store import StoreFormatError
from cnnslicer_widgets.store.spec import CRC_ATTRS, metadata_crc
from helpers.fuzz_worker import differences, read_everything
from helpers.fuzzing import Reader, make_cases
from helpers.shared import small_cnn, train_epoch

N_CASES = int(os.environ.get("CNNSLICER_FUZZ_CASES", "120"))
SEED = int(os.environ.get("CNNSLICER_FUZZ_SEED", "0"))
CASE_TIMEOUT = 30.0  # seconds; a healthy case takes well under one


@pytest.fixture(scope="session")
def small_run(tmp_path_factory, mnist_arrays) -> Path:
    """Two trained epochs of a small CNN on 300 real digits; probe 24 digits; layer '3'
    (conv2, 16 x 10 x 10) kept as per-map histograms."""
    import torch

    from cnnslicer_widgets.record import Recorder

    a = mnist_arrays
    x = torch.tensor(a["x_train"][:300], dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(a["y_train"][:300])
    model = small_cnn(seed=3)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    path = tmp_path_factory.mktemp("fuzz") / "small.h5"
    with Recorder(model, (x[:24], y[:24]), path, epochs=2, summarize={"3": "histogram"},
                  batch_size=16, progress=False, verbose=False) as rec:
        for epoch in (1, 2):
            rec.epoch_end(epoch, loss=train_epoch(model, x, y, opt))
    return path


@pytest.fixture(scope="session")
def reference(small_run, tmp_path_factory) -> dict[str, np.ndarray]:
    values = read_everything(small_run)
    np.savez(tmp_path_factory.mktemp("fuzzref") / "reference.npz", **values)
    return values


def test_byte_damage_reads_identically_or_fails_clearly(small_run, reference, tmp_path):
    ref_file = tmp_path / "reference.npz"
    np.savez(ref_file, **reference)
    data = small_run.read_bytes()
    cases = make_cases(small_run, N_CASES, SEED)
    reader = Reader(ref_file, CASE_TIMEOUT)
    outcomes: dict[str, list[str]] = {}
    bad = []
    try:
        for case in cases:
            path = tmp_path / f"case_{case.name.split('-')[0]}.h5"
            path.write_bytes(case.apply(data))
            verdict = reader.read(path)
            path.unlink()
            outcomes.setdefault(verdict["outcome"], []).append(case.name)
            if verdict["outcome"] == "error":
                msg = verdict["message"]
                clear = str(path) in msg and any(w in msg for w in (
                    "damaged", "truncated", "not a readable HDF5", "not a cnnslicer store",
                    "incomplete cnnslicer store"))
                if verdict["type"] != "StoreFormatError" and not verdict["type"].startswith(
                        "Store") or not clear:
                    bad.append((case.name, verdict))
            elif verdict["outcome"] != "same":
                bad.append((case.name, verdict))
    finally:
        reader.close()
    summary = {k: len(v) for k, v in outcomes.items()}
    print(f"\nfuzz: {len(cases)} cases (seed {SEED}): {summary}")
    assert not bad, f"{len(bad)} of {len(cases)} cases misbehaved: {bad[:5]}"
    assert summary.get("error", 0) > len(cases) // 3  # the damage is real: most cases fail


def test_the_fuzz_store_covers_every_kind_of_part(small_run, reference):
    kinds = Counter(key.split("/")[0] for key in reference)
    assert kinds["act"] == 10 and kinds["hist"] == kinds["min"] == kinds["max"] == 1
    assert list(reference["epochs"]) == [0, 1, 2] and kinds["w"] == 3 * 8
    with h5py.File(small_run) as f:
        assert f["layers/0/activation"].fletcher32 and f["layers/3/histogram"].fletcher32
        # small chunks are deflated too: a zeroed chunk is no valid deflate stream
        assert f["label"].compression == f["epoch_complete"].compression == "gzip"
        assert f["layers/input/activation"].compression is None  # a 75 kB chunk: plain
        assert f.attrs["cnnslicer_format"] == 2


# -- structural damage made with h5py -----------------------------------------------------
def _replace(f: h5py.File, name: str, data: np.ndarray) -> None:
    del f[name]
    f[name] = data


def _recrc(f: h5py.File) -> None:
    """Make the metadata checksum agree with edited text (as a buggy writer would), so
    that the checks behind it are reached."""
    texts = {k: f.attrs[k] for k in CRC_ATTRS if k in f.attrs}
    texts = {k: v.decode() if isinstance(v, bytes) else v for k, v in texts.items()}
    f.attrs["metadata_crc32"] = np.int64(metadata_crc(texts))


def _attr(name: str, value, *, recrc: bool = True) -> Callable[[h5py.File], None]:
    def edit(f: h5py.File) -> None:
        f.attrs[name] = value
        if recrc:
            _recrc(f)

    return edit


def _arch(change: Callable[[list], None]) -> Callable[[h5py.File], None]:
    def edit(f: h5py.File) -> None:
        arch = json.loads(f.attrs["architecture"])
        change(arch)
        f.attrs["architecture"] = json.dumps(arch)
        _recrc(f)

    return edit


def _set(name: str, index, value) -> Callable[[h5py.File], None]:
    def edit(f: h5py.File) -> None:
        f[name][index] = value

    return edit


STRUCTURAL: dict[str, tuple[Callable[[h5py.File], None], str]] = {
    "no logits": (lambda f: f.__delitem__("logits"), r"missing \['logits'\]"),
    "no layer data": (lambda f: f.__delitem__("layers/0/activation"),
                      r"dataset 'layers/0/activation' is missing"),
    "no histogram min": (lambda f: f.__delitem__("layers/3/min"),
                         r"dataset 'layers/3/min' is missing"),
    "no weight": (lambda f: f.__delitem__("weights/0.weight"),
                  r"dataset 'weights/0.weight' is missing; expected every parameter listed"),
    "layers is a dataset": (lambda f: (f.__delitem__("layers"), f.create_dataset("layers",
                            data=[1]))[0], r"'layers' is a Dataset; expected a group"),
    "no format attr": (lambda f: f.attrs.__delitem__("cnnslicer_format"),
                       "not a cnnslicer store"),
    "no architecture": (lambda f: f.attrs.__delitem__("architecture"),
                        r"attribute 'architecture' is missing"),
    "no classes": (lambda f: f.attrs.__delitem__("classes"), r"attribute 'classes' is missing"),
    "future version": (_attr("cnnslicer_format", 7), r"format 7.*pip install -U"),
    "version as text": (_attr("cnnslicer_format", "1"), r"'cnnslicer_format' is '1' \(str\); "
                        r"expected an integer format version"),
    "version as float": (_attr("cnnslicer_format", 1.5), r"is 1.5 \(float\)"),
    "version zero": (_attr("cnnslicer_format", 0), r"'cnnslicer_format' is 0; expected 1\.\.3"),
    "version array": (_attr("cnnslicer_format", [1, 2]), r"expected an integer format version"),
    "junk architecture": (_attr("architecture", "{not json"), r"'architecture' is not valid "
                          r"JSON \(starts '\{not json'\); expected a JSON list"),
    "architecture object": (_attr("architecture", "{}"), r"holds a JSON dict; expected a JSON "
                            r"list"),
    "architecture as bytes array": (_attr("architecture", np.arange(3)),
                                    r"'architecture' is a ndarray; expected a text string"),
    "deep JSON": (_attr("architecture", "[" * 100_000 + "]" * 100_000), r"not valid JSON"),
    "layer without shape": (_arch(lambda a: a[1].pop("shape")), r"layer 1 is .*expected an "
                            r"object with name, index"),
    "layer shape of 2": (_arch(lambda a: a[1].update(shape=[6, 28])),
                         r"layer 1 \('0'\) has shape \[6, 28\]"),
    "layer shape disagrees": (_arch(lambda a: a[1].update(shape=[5, 28, 28])),
                              r"'layers/0/activation' has shape \(3, 24, 6, 28, 28\); expected "
                              r"\('epochs', 24, 5, 28, 28\)"),
    "layer index": (_arch(lambda a: a[2].update(index=7)), r"layer 2 \('1'\) has index 7"),
    "duplicate layer": (_arch(lambda a: a[2].update(name="0")), r"repeats layer names \['0'\]"),
    "unknown storage": (_arch(lambda a: a[2].update(stored="zip")), r"stored='zip'"),
    "histogram without bins": (_arch(lambda a: a[4].pop("bins")), r"\('3'\) has bins=0"),
    "classes not strings": (_attr("classes", "[1, 2]"), r"'classes' is \[1, 2\]; expected a "
                            r"non-empty list of strings"),
    "bad dtype attr": (_attr("activation_dtype", "int8"), r"'activation_dtype' is 'int8'"),
    "junk schedule": (_attr("schedule", "oops"), r"'schedule' is not valid JSON"),
    "extra not object": (_attr("extra", "[]"), r"'extra' holds a JSON list"),
    "weights listing junk": (_attr("weights", '{"0.weight": 3}'),
                             r"attribute 'weights', parameter '0.weight' is 3"),
    "class name altered": (_attr("classes", json.dumps([str(i) for i in range(9)] + ["nine"]),
                                 recrc=False), r"metadata strings do not match their checksum"),
    "logits as int": (lambda f: _replace(f, "logits", np.zeros((3, 24, 10), "i4")),
                      r"'logits' has dtype int32; expected float"),
    "logits class missing": (lambda f: _replace(f, "logits", np.zeros((3, 24, 9), "f4")),
                             r"'logits' has shape \(3, 24, 9\); expected \('epochs', 24, 10\)"),
    "activation float64": (lambda f: _replace(f, "layers/1/activation",
                                              np.zeros((3, 24, 6, 28, 28))),
                           r"'layers/1/activation' has dtype float64; expected float16"),
    "histogram as float": (lambda f: _replace(f, "layers/3/histogram",
                                              np.zeros((3, 24, 16, 32))),
                           r"'layers/3/histogram' has dtype float64; expected unsigned int"),
    "input of 23 samples": (lambda f: _replace(f, "layers/input/activation",
                                               np.zeros((23, 1, 28, 28), "f4")),
                            r"'layers/input/activation' has shape \(23, 1, 28, 28\)"),
    "labels as float": (lambda f: _replace(f, "label", np.zeros(24)),
                        r"'label' has dtype float64"),
    "short labels": (lambda f: _replace(f, "label", np.zeros(23, "i8")),
                     r"'label' has shape \(23,\); expected \(24,\)"),
    "label out of range": (_set("label", 0, 12), r"'label' holds labels \[12\]; expected "
                           r"class indices 0\.\.9"),
    "weight of wrong dtype": (lambda f: _replace(f, "weights/0.bias", np.zeros((3, 6), "f8")),
                              r"'weights/0.bias' has dtype float64; expected float32"),
    "flag of 7": (_set("epoch_complete", 1, 7), r"'epoch_complete' holds 7 at position 1"),
    "epochs out of order": (_set("epoch", 2, 1), r"lists complete epochs \[0, 1, 1\]"),
    "short per-epoch data": (lambda f: f["confusion"].resize(2, axis=0),
                             r"'confusion' holds 2 epochs, but epoch 2 \(position 2\) is "
                             r"marked complete; expected at least 3"),
    "negative confusion": (_set("confusion", (1, 0, 0), -4), r"'confusion' holds negative"),
}


@pytest.mark.parametrize("case", list(STRUCTURAL))
def test_structural_damage_names_the_part(small_run, tmp_path, case):
    edit, message = STRUCTURAL[case]
    path = tmp_path / "edited.h5"
    shutil.copy(small_run, path)
    with h5py.File(path, "r+") as f:
        edit(f)
    with pytest.raises(StoreFormatError, match=message) as err:
        read_everything(path)
    assert str(path) in str(err.value)


def test_harmless_edits_still_read_identically(small_run, reference, tmp_path):
    path = tmp_path / "edited.h5"
    shutil.copy(small_run, path)
    with h5py.File(path, "r+") as f:
        del f.attrs["metadata_crc32"]  # stores from before the checksum: not checked
        f["layers/0"].attrs["module"] = "renamed"  # unused by readers
        del f["loss"].attrs["units"]
    got = read_everything(path)
    assert differences(got, reference) == ["attrs"]
    attrs, want = json.loads(str(got["attrs"])), json.loads(str(reference["attrs"]))
    want.pop("metadata_crc32")
    assert attrs == want
