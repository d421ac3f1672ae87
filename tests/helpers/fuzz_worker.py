"""Reads damaged copies of a store through ``open_cube``, one per request, in its own process.

Usage: python fuzz_worker.py REFERENCE.npz

Each line on stdin is the path of a store; for each, the worker reads everything the cube
serves (:func:`read_everything`) and prints one JSON line: ``{"outcome": "same"}`` when the
values equal the reference, ``"diff"`` (which parts) when they do not, ``"error"`` with the
exception's type and message for StoreFormatError/FileNotFoundError, ``"other"`` for any
other exception. A crash or a hang shows up in the parent as a dead or silent worker.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))


def read_everything(path: str | Path) -> dict[str, np.ndarray]:
    """Every value a cube serves: metadata, layers of every complete epoch, tables, weights."""
    from cnnslicer_widgets.cube import open_cube

    cube = open_cube(path)
    try:
        out = {
            "epochs": np.asarray(cube.epochs), "incomplete": np.asarray(cube.incomplete_epochs),
            "labels": cube.labels.values, "sample_index": cube.labels.sample_index.values,
            "classes": np.asarray(cube.classes),
            "layer_info": np.asarray([repr(lay) for lay in cube.layer_info]),
            "attrs": np.asarray(json.dumps(cube.attrs, sort_keys=True, default=str)),
            "logits": cube.logits.values, "loss": cube.loss.values,
            "confusion": cube.confusion.values, "train_loss": cube.train_loss.values,
            "train_epoch": cube.train_loss.train_epoch.values,
        }
        for lay in cube.layer_info:
            if lay.stored == "raw":
                out[f"act/{lay.name}"] = cube[lay.name].values
            else:
                h = cube.histograms(lay.name)
                out[f"hist/{lay.name}"] = h.values
                out[f"min/{lay.name}"] = h.map_min.values
                out[f"max/{lay.name}"] = h.map_max.values
        for e in cube.epochs:
            for name, value in cube.weights(e).items():
                out[f"w/{e}/{name}"] = value
        return out
    finally:
        cube.close()


def differences(got: dict[str, np.ndarray], want: dict[str, np.ndarray]) -> list[str]:
    """Names of the parts whose values differ (missing or extra parts count)."""
    bad = sorted(set(got) ^ set(want))
    for key in sorted(set(got) & set(want)):
        a, b = np.asarray(got[key]), np.asarray(want[key])
        nan_ok = a.dtype.kind == "f" and b.dtype.kind == "f"
        if a.shape != b.shape or a.dtype != b.dtype or not np.array_equal(a, b, equal_nan=nan_ok):
            bad.append(key)
    return bad


def _one(path: str, want: dict[str, np.ndarray]) -> dict:
    from cnnslicer_widgets.store import StoreFormatError

    try:
        got = read_everything(path)
    except (StoreFormatError, FileNotFoundError) as err:
        return {"outcome": "error", "type": type(err).__name__, "message": str(err)}
    except BaseException as err:  # noqa: BLE001 - the point is to report anything else
        return {"outcome": "other", "type": type(err).__name__, "message": str(err),
                "traceback": traceback.format_exc()[-2000:]}
    bad = differences(got, want)
    return {"outcome": "diff", "parts": bad[:10]} if bad else {"outcome": "same"}


def main() -> None:
    import dask

    dask.config.set(scheduler="synchronous")
    with np.load(sys.argv[1], allow_pickle=False) as ref:
        want = {k: ref[k] for k in ref.files}
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path = line.strip()
        if path:
            print(json.dumps(_one(path, want)), flush=True)


if __name__ == "__main__":
    main()
