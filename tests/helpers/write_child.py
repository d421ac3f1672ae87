"""A light writer for crash tests: StoreWriter with seeded numpy data, no torch.

Usage: python write_child.py STORE SEED KILL_AT [MODE]

Writes :data:`SCHEDULE` epochs of a small synthetic run (raw and histogram layers,
weights, logits, confusion, losses with NaN) whose every value follows from SEED
(:func:`epoch_data`), so the parent can rebuild the expected values of any epoch. With
KILL_AT > 0 the process SIGKILLs itself before its KILL_AT-th HDF5 write operation, or with
MODE ``fsize`` / ``eio`` makes writes fail from there on (:mod:`killpoints`). It prints
READY before creating the store, CREATED after, ENDING e when end_epoch starts, DONE e
when it returned, finally OPS n (the operations of a full run) and SIZE b (the file's
bytes); a failed write prints FAILED errno, and the StoreWriteError is left uncaught (the
process must then exit with 1, not crash).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SCHEDULE = [0, 1, 2, 3, 4]
N = 40
BATCH = 16
CLASSES = [f"c{i}" for i in range(5)]
WEIGHTS = {"conv.weight": ((4, 1, 3, 3), "float32"), "conv.bias": ((4,), "float32"),
           "steps": ((), "int64")}


def spec(seed: int):
    from cnnslicer_widgets.store import LayerSpec, RunSpec

    layers = [
        LayerSpec("input", 0, "", "Input", (1, 8, 8), (1, 8, 8)),
        LayerSpec("conv", 1, "conv", "Conv2d", (4, 8, 8), (4, 8, 8)),
        LayerSpec("pool", 2, "pool", "MaxPool2d", (4, 4, 4), (4, 4, 4), "histogram", 32),
        LayerSpec("output", 3, "", "Output", (5, 1, 1), (5,)),
    ]
    rng = np.random.default_rng([seed, 999])
    return RunSpec(layers=layers, sample_index=np.arange(N) * 3, labels=rng.integers(0, 5, N),
                   classes=CLASSES, dtype="float16" if seed % 2 else "float32",
                   weights=dict(WEIGHTS), schedule=list(SCHEDULE), dataset_name="synthetic",
                   model_class="Child")


def epoch_data(seed: int, epoch: int) -> dict[str, np.ndarray]:
    """Every value written for ``epoch`` (keys as in the store's datasets)."""
    rng = np.random.default_rng([seed, epoch])
    dt = np.float16 if seed % 2 else np.float32
    counts = rng.multinomial(16, np.full(32, 1 / 32), size=(N, 4)).astype(np.uint16)
    lo = rng.normal(size=(N, 4)).astype(np.float32)
    return {
        "layers/conv/activation": rng.normal(size=(N, 4, 8, 8)).astype(dt),
        "layers/pool/histogram": counts,
        "layers/pool/min": lo,
        "layers/pool/max": lo + rng.random((N, 4)).astype(np.float32),
        "layers/output/activation": rng.normal(size=(N, 5, 1, 1)).astype(dt),
        "logits": rng.normal(size=(N, 5)).astype(np.float32),
        "confusion": rng.integers(0, 9, (5, 5)),
        "loss": np.float64(np.nan if epoch == 0 or epoch == 3 else rng.random()),
        "weights/conv.weight": rng.normal(size=(4, 1, 3, 3)).astype(np.float32),
        "weights/conv.bias": rng.normal(size=4).astype(np.float32),
        "weights/steps": np.int64(epoch * 100),
    }


def inputs(seed: int) -> np.ndarray:
    return np.random.default_rng([seed, 1000]).random((N, 1, 8, 8)).astype(np.float32)


def train_loss(seed: int, epoch: int) -> float:
    return float(np.random.default_rng([seed, epoch, 7]).random())


def _write_epoch(w, seed: int, epoch: int) -> None:
    d = epoch_data(seed, epoch)
    w.begin_epoch(epoch)
    for s in range(0, N, BATCH):
        rows = slice(s, s + BATCH)
        w.write_activation("conv", s, d["layers/conv/activation"][rows])
        w.write_histogram("pool", s, d["layers/pool/histogram"][rows],
                          d["layers/pool/min"][rows], d["layers/pool/max"][rows])
        w.write_activation("output", s, d["layers/output/activation"][rows])
        w.write_logits(s, d["logits"][rows])
    w.write_confusion(d["confusion"])
    w.write_loss(float(d["loss"]))
    w.write_weights({k[len("weights/"):]: v for k, v in d.items() if k.startswith("weights/")})
    print(f"ENDING {epoch}", flush=True)
    w.end_epoch()
    print(f"DONE {epoch}", flush=True)


def write_epochs(w, seed: int, epochs: list[int]) -> None:
    """Epochs (with the training loss of each, before it) as a training loop would."""
    for epoch in epochs:
        if epoch and epoch not in w.train_epochs:
            w.append_train_loss(epoch, train_loss(seed, epoch))
        _write_epoch(w, seed, epoch)


def main() -> None:
    path, seed, kill_at = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else "kill"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from killpoints import install

    from cnnslicer_widgets.store import StoreWriteError, StoreWriter

    state = install(kill_at, mode)
    state["path"] = path
    print("READY", flush=True)
    try:
        w = StoreWriter.create(path, spec(seed))
        print("CREATED", flush=True)
        w.write_input(0, inputs(seed))
        write_epochs(w, seed, SCHEDULE)
        w.close()
    except StoreWriteError as err:
        print(f"FAILED {err.errno}", flush=True)
        raise
    print(f"OPS {state['ops']}", flush=True)
    print(f"SIZE {path.stat().st_size}", flush=True)


if __name__ == "__main__":
    main()
