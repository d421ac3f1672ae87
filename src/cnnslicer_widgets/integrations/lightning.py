"""A PyTorch Lightning callback that records a run (``pip install "cnnslicer-widgets[lightning]"``).

:class:`CNNSlicerCallback` builds a :class:`~cnnslicer_widgets.record.Recorder` when
training starts (on every rank; global rank 0 writes the store), records epoch 0 before
the first training step, then each training epoch at its end with the training loss
Lightning already logged, and continues the same store when ``Trainer.fit(...,
ckpt_path=...)`` resumes a checkpoint.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

try:
    import lightning.pytorch as pl
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError(
        "cnnslicer_widgets.integrations.lightning needs PyTorch Lightning 2.2 or later, which "
        'is not installed: pip install "cnnslicer-widgets[lightning]" (or pip install lightning)'
    ) from err

from cnnslicer_widgets.record import Recorder

__all__ = ["LOSS_KEYS", "CNNSlicerCallback"]

LOSS_KEYS: tuple[str, ...] = ("train_loss_epoch", "train_loss", "loss_epoch", "loss")
"""Metric names searched, in this order, for the epoch's training loss (``loss_key=None``)."""

_OWN = {"self", "model", "probe", "path", "epochs", "every", "layers", "resume"}
_OPTIONS = sorted(set(inspect.signature(Recorder).parameters) - _OWN)


class CNNSlicerCallback(pl.Callback):
    """Record activations, logits, losses and weights of a Lightning run into one store.

    At ``on_train_start`` (the model on its device, a checkpoint restored) the callback
    creates a :class:`~cnnslicer_widgets.record.Recorder` on every rank and starts it:
    global rank 0 writes the store, the others never open it. Epoch 0 (before training) is
    recorded then, and epoch ``e`` (Lightning's ``current_epoch + 1``: the store counts
    epochs trained) at the end of each training epoch, before ``ModelCheckpoint`` saves
    its checkpoint, with the training loss from ``trainer.callback_metrics``.

    Parameters
    ----------
    probe
        The fixed probe set (anything :class:`~cnnslicer_widgets.record.Recorder` takes).
    path
        The store to write.
    layers, every
        As for the recorder: module names of the recorded model (default every leaf
        module), and record every ``every``-th epoch (losses are kept for all).
    epochs
        The last epoch of the schedule; default ``trainer.max_epochs``. Pass it when the
        run is meant to go on later with a larger ``max_epochs``: a resumed run must keep
        the store's schedule.
    loss_key
        The logged metric holding the epoch's training loss; default the first of
        :data:`LOSS_KEYS` logged. Log it with ``self.log("train_loss", loss,
        on_epoch=True)`` (add ``sync_dist=True`` for the mean over ranks; otherwise the
        store keeps rank 0's). None logged: the store's loss is NaN (with one warning).
    module
        Record ``pl_module.<module>`` (a dotted attribute, e.g. ``"net"``) instead of the
        LightningModule itself; the recorded module must return logits (N, classes).
    **options
        Any other keyword option of :class:`~cnnslicer_widgets.record.Recorder`
        (``dtype``, ``summarize``, ``max_bytes``, ``overwrite``, ``writer_rank``,
        ``shard_probe``, ``progress`` (default False here: Lightning shows its own bar),
        ...).

    Notes
    -----
    **Resuming.** ``trainer.fit(model, ckpt_path=...)`` opens the store with
    ``resume=True``: epochs keep their numbers and the run goes on from the checkpoint's
    epoch. A store one epoch ahead of the checkpoint (the job stopped between this
    callback's recording and the checkpoint's save) keeps that epoch as recorded and warns;
    a checkpoint ``ModelCheckpoint`` saved at validation end (before this callback
    recorded the epoch) resumes at that epoch's end, and the callback records it then,
    from the checkpoint's weights (its loss NaN: no batch of it runs again); a resumed run
    with no store (or no epoch 0) at ``path`` is an error, since the weights before
    training are gone.

    Examples
    --------
    >>> import lightning.pytorch as pl, tempfile, torch
    >>> from cnnslicer_widgets.datasets import balanced_subset, load_mnist
    >>> from cnnslicer_widgets.models import mnist_lenet
    >>> class Lit(pl.LightningModule):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.net = mnist_lenet()
    ...     def forward(self, x):
    ...         return self.net(x)
    ...     def training_step(self, batch, i):
    ...         loss = torch.nn.functional.cross_entropy(self(batch[0]), batch[1])
    ...         self.log("train_loss", loss, on_epoch=True)
    ...         return loss
    ...     def configure_optimizers(self):
    ...         return torch.optim.Adam(self.parameters(), lr=1e-3)
    >>> probe = balanced_subset(load_mnist(source="embedded", train=False), 2)
    >>> train = torch.utils.data.DataLoader(balanced_subset(load_mnist(source="embedded"), 4))
    >>> path = tempfile.mkdtemp() + "/run.h5"
    >>> callback = CNNSlicerCallback(probe, path, layers=["net.conv1", "net.fc2"],
    ...                              verbose=False)
    >>> trainer = pl.Trainer(max_epochs=2, accelerator="cpu", logger=False,
    ...                      enable_checkpointing=False, enable_progress_bar=False,
    ...                      enable_model_summary=False, callbacks=[callback])
    >>> trainer.fit(Lit(), train_dataloaders=train)
    >>> callback.recorder.recorded_epochs, callback.recorder.layer_names
    ([0, 1, 2], ['input', 'net.conv1', 'net.fc2'])
    """

    def __init__(self, probe: Any, path: str | Path, *, layers: Sequence[str] | None = None,
                 every: int = 1, epochs: int | Sequence[int] | None = None,
                 loss_key: str | None = None, module: str | None = None,
                 **options: Any) -> None:
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise TypeError(f"CNNSlicerCallback got unknown options {unknown}; it takes "
                            "layers, every, epochs, loss_key, module and the recorder's "
                            f"options: {', '.join(_OPTIONS)}")
        self.probe = probe
        self.path = Path(path)
        self.layers = layers
        self.every = int(every)
        self.epochs = epochs
        self.loss_key = loss_key
        self.module = module
        self.options = {"progress": False, **options}
        self.recorder: Recorder | None = None
        """The run's recorder, from ``on_train_start`` on (on every rank)."""
        self._warned_loss = False
        self._open = False

    # -- Lightning hooks ------------------------------------------------------------------
    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        model = pl_module if self.module is None else attrgetter(self.module)(pl_module)
        last = self.epochs if self.epochs is not None else trainer.max_epochs
        if last is None or (isinstance(last, int) and last < 0):
            raise ValueError("the Trainer has no max_epochs (it stops by max_steps or time); "
                             "pass CNNSlicerCallback(..., epochs=N), the last epoch to record")
        done = trainer.current_epoch  # training epochs done (restored from a checkpoint)
        rec = Recorder(model, self.probe, self.path, epochs=last, every=self.every,
                       layers=self.layers, resume=trainer.ckpt_path is not None,
                       **self.options)
        if done > 0 and 0 not in rec.recorded_epochs:
            raise RuntimeError(
                f"the run resumes after epoch {done} (ckpt_path={trainer.ckpt_path}), but "
                f"{self.path} holds no recording of epoch 0, and the weights before training "
                "are gone. Point the callback at the store this run wrote, or record a new "
                "run from the start (no ckpt_path)")
        self.recorder = rec.start()
        self._open = True
        if trainer.is_global_zero:
            self._check_alignment(rec.next_epoch, done)

    def on_train_epoch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        rec = self.recorder
        if rec is None:
            return
        epoch = trainer.current_epoch + 1  # Lightning counts from 0; the store counts epochs trained
        if epoch < rec.next_epoch:
            return  # recorded by the run before the checkpoint (see _check_alignment)
        rec.epoch_end(epoch, loss=self._loss(trainer))

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self._close(quiet=False)

    def on_exception(self, trainer: pl.Trainer, pl_module: pl.LightningModule,
                     exception: BaseException) -> None:
        self._close(quiet=True)

    def teardown(self, trainer: pl.Trainer, pl_module: pl.LightningModule, stage: str) -> None:
        self._close(quiet=True)

    # -- helpers --------------------------------------------------------------------------
    def _close(self, *, quiet: bool) -> None:
        if self.recorder is not None and self._open:
            self._open = False
            self.recorder.close(quiet=quiet)

    def _loss(self, trainer: pl.Trainer) -> float | None:
        metrics = trainer.callback_metrics
        keys = (self.loss_key,) if self.loss_key is not None else LOSS_KEYS
        for key in keys:
            if key in metrics:
                return float(metrics[key])
        logged = ", ".join(sorted(metrics)) or "none"
        if self.loss_key is not None:
            raise KeyError(f"loss_key={self.loss_key!r} is not a logged metric (logged: "
                           f"{logged}); log it in training_step with self.log("
                           f"{self.loss_key!r}, loss, on_epoch=True), or pass the name you "
                           "log as loss_key=")
        if not self._warned_loss and trainer.is_global_zero:
            self._warned_loss = True
            warnings.warn(f"no training loss among the logged metrics ({logged}; looked for "
                          f"{', '.join(LOSS_KEYS)}): the store's losses are NaN. Log it with "
                          'self.log("train_loss", loss, on_epoch=True) or pass loss_key=',
                          stacklevel=2)
        return None

    def _check_alignment(self, next_epoch: int, done: int) -> None:
        """Warn when the store and the checkpoint disagree about where the run is."""
        if next_epoch > done + 1:
            warnings.warn(
                f"{self.path} holds epochs up to {next_epoch - 1}, but the checkpoint this run "
                f"resumes from was saved after epoch {done}: the job stopped between recording "
                f"and saving the checkpoint. The store keeps what it recorded; this run records "
                f"from epoch {next_epoch} on", stacklevel=3)
        elif done > 0 and next_epoch < done + 1:
            warnings.warn(
                f"{self.path} ends at epoch {next_epoch - 1}, but the checkpoint was saved after "
                f"epoch {done}: epochs {next_epoch}..{done} are not in the store (their weights "
                f"are gone); recording goes on from epoch {done + 1}", stacklevel=3)

