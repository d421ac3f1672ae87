"""Child for Recorder-level fault and resume tests: trains mnist_lenet on real MNIST.

Usage: python resume_child.py STORE SIDE CKPT EPOCHS MODE [FAULT_EPOCH] [PAUSE]

The training loop is the README's checkpoint + resume recipe: ``Recorder(...,
resume=True)``, load the checkpoint of ``rec.next_epoch - 1``, train on, save each epoch's
checkpoint before ``rec.epoch_end``. Every array handed to the store writer is also saved
to SIDE/epoch_<e>.npz just before the epoch is marked complete (the oracle).

MODE ``fault``: on the third activation write of FAULT_EPOCH the file-size limit drops to
the file's size (RLIMIT_FSIZE, SIGXFSZ ignored): the next write that grows the file fails
inside HDF5, as on a full disk; the StoreWriteError is left uncaught. MODE ``resume``:
continue the store; PAUSE seconds after each epoch (for readers to follow). Prints START n
(rec.next_epoch), DONE e, and CLOSED.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cnnslicer_widgets.models import case_study_layers, mnist_lenet  # noqa: E402
from cnnslicer_widgets.record import Recorder  # noqa: E402
from cnnslicer_widgets.store import StoreWriter  # noqa: E402
from conftest import DATASETS, _read_idx, train_epoch  # noqa: E402


def _oracle(side: Path, fault_epoch: int | None) -> None:
    written: dict[str, np.ndarray] = {}
    state = {"epoch": None, "acts": 0}
    begin, act, end = StoreWriter.begin_epoch, StoreWriter.write_activation, StoreWriter.end_epoch

    def begin_(self, epoch):
        state["epoch"], state["acts"] = epoch, 0
        written.clear()
        begin(self, epoch)

    def act_(self, layer, start, values):
        state["acts"] += 1
        if state["epoch"] == fault_epoch and state["acts"] == 3:
            size = os.path.getsize(self.path)
            resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
        act(self, layer, start, values)
        written[f"{layer}/{start}"] = np.array(values)

    def end_(self):
        np.savez(side / f"epoch_{state['epoch']}.npz", **written)
        end(self)

    StoreWriter.begin_epoch, StoreWriter.write_activation = begin_, act_
    StoreWriter.end_epoch = end_


def main() -> None:
    path, side, ckpt = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    epochs, mode = int(sys.argv[4]), sys.argv[5]
    fault = int(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] != "-" else None
    pause = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
    torch.set_num_threads(1)
    side.mkdir(parents=True, exist_ok=True)
    ckpt.mkdir(parents=True, exist_ok=True)
    _oracle(side, fault if mode == "fault" else None)
    if mode == "fault":  # here: writes run on the recorder's write-behind thread, and only
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the main thread may set handlers
    raw = DATASETS / "MNIST" / "raw"
    x = torch.tensor(_read_idx(raw / "train-images-idx3-ubyte")[:600], dtype=torch.float32)
    x = x.unsqueeze(1) / 255
    y = torch.tensor(_read_idx(raw / "train-labels-idx1-ubyte")[:600].astype(np.int64))

    model = mnist_lenet(seed=0)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rec = Recorder(model, (x[:100], y[:100]), path, epochs=epochs,
                   layers=case_study_layers(model), batch_size=50, resume=True,
                   progress=False, verbose=False)
    start = rec.next_epoch
    print(f"START {start}", flush=True)
    if start > 1:  # the model (and optimizer) as the store last saw them
        state = torch.load(ckpt / f"{start - 1}.pt")
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
    with rec:
        for epoch in range(max(start, 1), epochs + 1):
            loss = train_epoch(model, x, y, opt)
            torch.save({"model": model.state_dict(), "opt": opt.state_dict()},
                       ckpt / f"{epoch}.pt")  # before epoch_end: never behind the store
            rec.epoch_end(epoch, loss=loss)
            print(f"DONE {epoch}", flush=True)
            time.sleep(pause)
    print("CLOSED", flush=True)


if __name__ == "__main__":
    main()
