"""CNNSlicerCallback: a small LightningModule trained on the embedded MNIST, in one process
and in two (DDP on gloo), stopped after 2 epochs and resumed from Lightning's checkpoint
into the same store (``helpers/lightning_job.py``).

The store must hold epochs 0..3 with their true numbers, the layers asked for, the
training loss Lightning logged, and at each epoch e > 0 the weights of Lightning's
checkpoint of that epoch (``epoch=<e-1>.ckpt``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch

pytest.importorskip("lightning")

from cnnslicer_widgets.cube import open_cube  # noqa: E402

HELPERS = Path(__file__).parent / "helpers"
sys.path.insert(0, str(HELPERS))
import lightning_job  # noqa: E402

WAIT = 600


def _check_store(out: Path) -> None:
    cube = open_cube(out / "run.h5")
    assert cube.epochs == [0, 1, 2, 3] and cube.finished and cube.incomplete_epochs == []
    assert cube.layers == ["input", "net.conv1", "net.pool1", "net.conv2", "net.pool2",
                           "net.fc1", "net.fc2"]
    logged = json.loads((out / "losses.json").read_text())
    assert sorted(logged) == ["1", "2", "3"]
    assert list(cube.train_loss.train_epoch.values) == [1, 2, 3]
    np.testing.assert_allclose(cube.train_loss.values, [logged[e] for e in ("1", "2", "3")],
                               rtol=1e-6)
    assert np.isnan(cube.loss.sel(epoch=0)) and float(cube.loss.sel(epoch=3)) == pytest.approx(
        logged["3"], rel=1e-6)
    initial = lightning_job.LitLeNet().state_dict()
    for epoch in cube.epochs:
        state = (initial if epoch == 0 else
                 torch.load(out / "ckpt" / f"epoch={epoch - 1}.ckpt", weights_only=True)
                 ["state_dict"])
        stored = cube.weights(epoch)
        assert sorted(stored) == sorted(state)
        for name, values in stored.items():
            np.testing.assert_array_equal(values, state[name].numpy(),
                                          err_msg=f"epoch {epoch} {name}")


def test_one_process_records_and_resumes_from_the_checkpoint(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Lightning's hints about workers and loggers
        first = lightning_job.fit(tmp_path, 1, "auto", 2, 3)
        assert first.recorder is not None and first.recorder.recorded_epochs == [0, 1, 2]
        assert open_cube(tmp_path / "run.h5").writer_alive is False  # closed at train end
        again = lightning_job.fit(tmp_path, 1, "auto", 3, 3,
                                  str(tmp_path / "ckpt" / "epoch=1.ckpt"))
    assert again.recorder is not None and again.recorder.recorded_epochs == [0, 1, 2, 3]
    _check_store(tmp_path)


@pytest.mark.slow
def test_two_ddp_processes_record_on_rank_zero_and_resume(tmp_path):
    env = dict(os.environ, OMP_NUM_THREADS="1")

    def job(*args) -> None:
        proc = subprocess.run([sys.executable, str(HELPERS / "lightning_job.py"), str(tmp_path),
                               "2", "ddp", *map(str, args)], capture_output=True, text=True,
                              env=env, timeout=WAIT)
        assert proc.returncode == 0, proc.stderr[-4000:]

    job(2, 3)
    job(3, 3, tmp_path / "ckpt" / "epoch=1.ckpt")
    _check_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".h5") == ["run.h5"]


def test_unknown_options_and_a_missing_loss_key_say_what_to_do(tmp_path):
    from cnnslicer_widgets.integrations.lightning import CNNSlicerCallback

    with pytest.raises(TypeError, match=r"unknown options \['layer'\]; it takes layers"):
        CNNSlicerCallback(None, tmp_path / "run.h5", layer=["conv1"])

    class Trainer:
        callback_metrics = {"val_acc": torch.tensor(0.5)}
        is_global_zero = True

    callback = CNNSlicerCallback(None, tmp_path / "run.h5", loss_key="train_loss")
    with pytest.raises(KeyError, match=r"loss_key='train_loss' is not a logged metric "
                                       r"\(logged: val_acc\); log it in training_step"):
        callback._loss(Trainer())
    with pytest.warns(UserWarning, match="no training loss among the logged metrics"):
        assert CNNSlicerCallback(None, tmp_path / "run.h5")._loss(Trainer()) is None


def test_a_store_ahead_of_the_checkpoint_keeps_its_epoch_and_a_missing_store_is_an_error(
        tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lightning_job.fit(tmp_path, 1, "auto", 2, 3)
    before = open_cube(tmp_path / "run.h5").weights(2)
    # the job "stopped" after recording epoch 2 but before saving its checkpoint
    (tmp_path / "ckpt" / "epoch=1.ckpt").unlink()
    with pytest.warns(UserWarning, match=r"run.h5 holds epochs up to 2, but the checkpoint "
                                         r"this run resumes from was saved after epoch 1"):
        again = lightning_job.fit(tmp_path, 1, "auto", 3, 3,
                                  str(tmp_path / "ckpt" / "epoch=0.ckpt"))
    assert again.recorder is not None and again.recorder.recorded_epochs == [0, 1, 2, 3]
    cube = open_cube(tmp_path / "run.h5")
    assert cube.epochs == [0, 1, 2, 3] and list(cube.train_loss.train_epoch.values) == [1, 2, 3]
    for name, values in cube.weights(2).items():
        np.testing.assert_array_equal(values, before[name])  # the first run's epoch 2
    assert "RANK" not in os.environ and "WORLD_SIZE" not in os.environ

    other = tmp_path / "elsewhere"
    other.mkdir()
    with pytest.raises(RuntimeError, match=r"the run resumes after epoch 1 .* holds no "
                                           r"recording of epoch 0"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lightning_job.fit(other, 1, "auto", 3, 3, str(tmp_path / "ckpt" / "epoch=0.ckpt"))
    assert not (other / "run.h5").exists()


def test_a_checkpoint_saved_before_its_recording_records_the_epoch_on_resume(tmp_path):
    """ModelCheckpoint(save_on_train_epoch_end=False) saves at validation end, before the
    callback records the epoch; a job stopped in between loses no epoch."""
    import lightning.pytorch as pl
    from torch.utils.data import DataLoader

    from cnnslicer_widgets.datasets import balanced_subset, load_mnist
    from cnnslicer_widgets.integrations.lightning import CNNSlicerCallback

    class Stop(pl.Callback):  # runs before the recorder's hook: the job "dies" there
        def on_train_epoch_end(self, trainer, pl_module):
            if trainer.current_epoch == 1:
                raise RuntimeError("stopped")

    probe = balanced_subset(load_mnist(source="embedded", train=False), 5)
    data = DataLoader(balanced_subset(load_mnist(source="embedded"), 10), batch_size=25)

    def fit(max_epochs: int, callbacks: list, ckpt: str | None = None) -> CNNSlicerCallback:
        record = CNNSlicerCallback(probe, tmp_path / "run.h5", layers=lightning_job.LAYERS,
                                   epochs=3, verbose=False)
        save = pl.callbacks.ModelCheckpoint(dirpath=tmp_path / "ckpt", filename="{epoch}",
                                            save_top_k=-1, save_on_train_epoch_end=False)
        trainer = pl.Trainer(accelerator="cpu", devices=1, max_epochs=max_epochs, logger=False,
                             enable_progress_bar=False, enable_model_summary=False,
                             callbacks=[*callbacks, record, save])
        trainer.fit(lightning_job.LitLeNet(), data, data, ckpt_path=ckpt)
        return record

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(RuntimeError, match="stopped"):
            fit(3, [Stop()])
    assert open_cube(tmp_path / "run.h5").epochs == [0, 1]
    assert (tmp_path / "ckpt" / "epoch=1.ckpt").exists()  # saved before epoch 2's recording
    # Lightning resumes at the end of its epoch 1 (no batch runs again): the callback
    # records store epoch 2 there, from the checkpoint's weights, with no loss logged
    with pytest.warns(UserWarning, match=r"no training loss among the logged metrics "
                                         r"\(none; looked for"):
        again = fit(3, [], str(tmp_path / "ckpt" / "epoch=1.ckpt"))
    assert again.recorder is not None and again.recorder.recorded_epochs == [0, 1, 2, 3]
    cube = open_cube(tmp_path / "run.h5")
    state = torch.load(tmp_path / "ckpt" / "epoch=1.ckpt", weights_only=True)["state_dict"]
    for name, values in cube.weights(2).items():
        np.testing.assert_array_equal(values, state[name].numpy())
    losses = dict(zip(cube.train_loss.train_epoch.values.tolist(), cube.train_loss.values,
                      strict=True))
    assert sorted(losses) == [1, 2, 3] and np.isnan(losses[2]) and np.isfinite(losses[3])
