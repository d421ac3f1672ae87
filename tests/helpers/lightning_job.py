"""A small Lightning run recorded by CNNSlicerCallback, in one process or DDP on gloo.

Usage: python lightning_job.py OUT DEVICES STRATEGY MAX_EPOCHS EPOCHS [CKPT]

Trains ``LitLeNet`` on 200 embedded MNIST digits for MAX_EPOCHS (from CKPT when given,
``Trainer.fit(ckpt_path=...)``), recording ``OUT/run.h5`` with a schedule up to EPOCHS.
``ModelCheckpoint`` keeps every epoch's checkpoint in ``OUT/ckpt`` (``epoch=<i>.ckpt``,
Lightning's 0-based epoch). Rank 0 appends each epoch's logged ``train_loss_epoch`` to
``OUT/losses.json`` ({store epoch: loss}).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import lightning.pytorch as pl
import torch
from torch.utils.data import DataLoader

from cnnslicer_widgets.datasets import balanced_subset, load_mnist
from cnnslicer_widgets.integrations.lightning import CNNSlicerCallback
from cnnslicer_widgets.models import case_study_layers, mnist_lenet

LAYERS = [f"net.{n}" for n in case_study_layers(mnist_lenet())]


class LitLeNet(pl.LightningModule):
    def __init__(self) -> None:
        super().__init__()
        self.net = mnist_lenet(seed=0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.cross_entropy(self(x), y)
        self.log("train_loss", loss, on_step=False, on_epoch=True, sync_dist=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", torch.nn.functional.cross_entropy(self(x), y), sync_dist=True)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.05, momentum=0.9)


class LossLog(pl.Callback):
    """What Lightning logged as each epoch's training loss (rank 0), for the test."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def on_train_epoch_end(self, trainer, pl_module) -> None:
        if trainer.is_global_zero:
            seen = json.loads(self.path.read_text()) if self.path.exists() else {}
            seen[str(trainer.current_epoch + 1)] = float(trainer.callback_metrics["train_loss"])
            self.path.write_text(json.dumps(seen))


def fit(out: Path, devices: int, strategy: str, max_epochs: int, epochs: int,
        ckpt: str | None = None) -> CNNSlicerCallback:
    torch.set_num_threads(1)
    probe = balanced_subset(load_mnist(source="embedded", train=False), 5)  # 50 digits
    train = DataLoader(balanced_subset(load_mnist(source="embedded"), 20), batch_size=25,
                       shuffle=True, generator=torch.Generator().manual_seed(0))
    record = CNNSlicerCallback(probe, out / "run.h5", layers=LAYERS, epochs=epochs,
                               verbose=False)
    save = pl.callbacks.ModelCheckpoint(dirpath=out / "ckpt", filename="{epoch}",
                                        save_top_k=-1, every_n_epochs=1)
    trainer = pl.Trainer(accelerator="cpu", devices=devices, strategy=strategy,
                         max_epochs=max_epochs, logger=False, enable_progress_bar=False,
                         enable_model_summary=False, callbacks=[record, LossLog(out / "losses.json"), save])
    trainer.fit(LitLeNet(), train_dataloaders=train, ckpt_path=ckpt)
    return record


if __name__ == "__main__":
    a = sys.argv[1:]
    fit(Path(a[0]), int(a[1]), a[2], int(a[3]), int(a[4]), a[5] if len(a) > 5 else None)
