"""Child process for crash and live-reading tests: records a small CNN on real MNIST.

Usage: python record_child.py STORE SIDE_DIR EPOCHS [STALL_EPOCH] [SLEEP] [KILL_SEED]

Every activation handed to the store writer is also saved to SIDE_DIR/epoch_<e>.npz (and
logits, confusion and loss to epoch_<e>_tables.npz) just before the writer marks the epoch
complete: the oracle the tests compare the store with. With STALL_EPOCH the child prints
"STALL" after writing part of that epoch and then waits to be killed. With KILL_SEED it
SIGKILLs itself before a seeded HDF5 write operation of epochs 1..EPOCHS (killpoints.py).
It prints "ENDING e" when end_epoch starts and "DONE e" when it returned.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from killpoints import install  # noqa: E402

from cnnslicer_widgets.record import Recorder  # noqa: E402
from cnnslicer_widgets.store import StoreWriter  # noqa: E402
from conftest import DATASETS, _read_idx, small_cnn, train_epoch  # noqa: E402


def main() -> None:
    path, side, epochs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    stall = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "-" else None
    pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    kill_seed = int(sys.argv[6]) if len(sys.argv) > 6 else None
    ops = install(0)
    side.mkdir(parents=True, exist_ok=True)
    raw = DATASETS / "MNIST" / "raw"
    x = torch.tensor(_read_idx(raw / "train-images-idx3-ubyte")[:600], dtype=torch.float32)
    x = x.unsqueeze(1) / 255
    y = torch.tensor(_read_idx(raw / "train-labels-idx1-ubyte")[:600].astype(np.int64))
    written: dict[str, np.ndarray] = {}
    tables: dict[str, np.ndarray] = {}
    state = {"epoch": None, "writes": 0}
    orig_act, orig_begin, orig_end = (StoreWriter.write_activation, StoreWriter.begin_epoch,
                                      StoreWriter.end_epoch)
    orig_logits, orig_conf, orig_loss = (StoreWriter.write_logits, StoreWriter.write_confusion,
                                         StoreWriter.write_loss)

    def begin(self, epoch):
        state["epoch"], state["writes"] = epoch, 0
        written.clear()
        tables.clear()
        orig_begin(self, epoch)

    def logits(self, start, values):
        tables[f"logits/{start}"] = np.array(values)
        orig_logits(self, start, values)

    def confusion(self, matrix):
        tables["confusion"] = np.array(matrix)
        orig_conf(self, matrix)

    def loss(self, value):
        tables["loss"] = np.float64(value)
        orig_loss(self, value)

    def act(self, layer, start, values):
        orig_act(self, layer, start, values)
        key = f"{layer}/{start}"
        written[key] = np.array(values)
        state["writes"] += 1
        if state["epoch"] == stall and state["writes"] == 5:
            print("STALL", flush=True)
            time.sleep(600)

    def end(self):
        e = state["epoch"]
        np.savez(side / f"epoch_{e}.npz", **written)  # before the flag: every epoch the
        np.savez(side / f"epoch_{e}_tables.npz", **tables)  # store may mark has its oracle
        print(f"ENDING {e}", flush=True)
        orig_end(self)
        print(f"DONE {e}", flush=True)
        if kill_seed is not None and e == 0:  # ops of epoch 0 ~ ops of any epoch
            rng = np.random.default_rng(kill_seed)
            ops["kill_at"] = ops["ops"] + int(rng.integers(1, ops["ops"] * epochs + 1))
        time.sleep(pause)

    StoreWriter.write_activation, StoreWriter.begin_epoch, StoreWriter.end_epoch = act, begin, end
    StoreWriter.write_logits, StoreWriter.write_confusion = logits, confusion
    StoreWriter.write_loss = loss
    model = small_cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    with Recorder(model, (x[:300], y[:300]), path, epochs=epochs, batch_size=64,
                  progress=False, verbose=False) as rec:
        for e in range(1, epochs + 1):
            rec.epoch_end(e, loss=train_epoch(model, x, y, opt))


if __name__ == "__main__":
    main()
