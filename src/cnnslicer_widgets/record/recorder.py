"""The :class:`Recorder`: a training loop calls it once per epoch.

A :class:`Recorder` attaches forward hooks to a ``torch.nn.Module`` during short recording
passes over a fixed probe set and appends each recorded epoch to an HDF5 store
(:mod:`cnnslicer_widgets.store`). Outside the recording passes no hook is attached, so
training runs at full speed.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from cnnslicer_widgets.graph import graph_attrs
from cnnslicer_widgets.record.discover import discover
from cnnslicer_widgets.record.distributed import (
    Ranks,
    placement,
    sharded_pass,
    unwrap,
    unwrapped_names,
)
from cnnslicer_widgets.record.hooks import Tap, summarized_layers
from cnnslicer_widgets.record.layouts import to_stored
from cnnslicer_widgets.record.passes import confusion, forward_pass, probe_pass
from cnnslicer_widgets.record.probe import as_probe
from cnnslicer_widgets.store.behind import WriteBehind
from cnnslicer_widgets.store.plan import estimate_bytes, layer_bytes
from cnnslicer_widgets.store.resume import StoredRun, check_fit, stored_run
from cnnslicer_widgets.store.spec import (
    HISTOGRAM_BINS,
    RunSpec,
    describe_epochs,
    parse_bytes,
)
from cnnslicer_widgets.store.spec import format_bytes as _fmt_bytes
from cnnslicer_widgets.store.writer import StoreWriter

__all__ = ["Recorder", "StoreTooLargeError"]

class StoreTooLargeError(ValueError):
    """The run would write more bytes than the limit the user set (``max_bytes``)."""


def _schedule(epochs: int | Sequence[int], every: int) -> list[int]:
    if isinstance(epochs, (int, np.integer)):
        if epochs < 0 or every < 1:
            raise ValueError("epochs must be >= 0 and every >= 1")
        out = set(range(0, int(epochs) + 1, int(every))) | {int(epochs)}
    else:
        out = {int(e) for e in epochs}
        if any(e < 0 for e in out):
            raise ValueError(f"epochs must be >= 0, got {sorted(out)}")
    return sorted(out | {0})


class Recorder:
    """Record activations, logits, loss, confusion and weights of a model during training.

    Epoch 0 (before any training) is recorded when the recorder starts; afterwards call
    :meth:`epoch_end` once per training epoch. Epochs in the schedule are recorded, the loss
    of every epoch is kept.

    Parameters
    ----------
    model
        Any ``torch.nn.Module``; it stays on its device (CUDA when present). A
        ``DistributedDataParallel`` (or ``DataParallel``) model is unwrapped: hooks go on
        the module it trains, layer names have no ``module.`` prefix.
    probe
        The fixed probe set: a tensor with ``labels=``, ``(inputs, labels)``,
        ``(dataset, indices)``, a ``Subset`` or a ``DataLoader`` with ``shuffle=False``.
    path
        The HDF5 file to write (one per run).
    epochs
        The last training epoch to record (records 0, every, 2*every, ..., epochs), or an
        explicit list such as ``[0, 1, 2, 4, 8]``. Epoch 0 is always recorded.
    every
        Record every ``every``-th epoch when ``epochs`` is an int.
    layers
        Module names to record (a string is one name; containers allowed, e.g. a
        conv+ReLU ``nn.Sequential``), or a level of the module tree (:mod:`.levels`):
        ``"leaves"`` (the default: every leaf module), ``"blocks"`` (resnet's BasicBlocks,
        densenet's dense layers, ConvNeXt's CNBlocks, a ViT's encoder blocks, and the leaves
        outside blocks) or ``"top"``. A module called twice in one forward pass gives two
        layers, ``name`` and ``name#1``. Layer 0 is always ``"input"``; the model output is
        the last layer (``"output"`` when no recorded module produced it). What a level
        cannot record is listed in :attr:`skipped` and in the summary printed before
        recording; a named module that cannot be recorded is an error. Any module name is
        kept as it is (names with ``/`` included).
    layouts
        How a module lays its output out, for the outputs whose channel axis the model
        does not tell (:mod:`.layouts`): ``{"name": "NHWC"}``; ``"NCHW"``, ``"NHWC"``
        (channels last), ``"NCL"`` (channels over a 1-D map) or ``"NTD"`` (tokens: D
        channels over T positions); ``"input"`` for the probe itself (default NCHW for 4-D,
        NCL for 3-D inputs). Every layer is stored channels first.
    eval_data
        Evaluation set for the confusion matrix (DataLoader, Dataset or (x, y));
        default: the probe.
    labels, indices
        Labels for a tensor probe; dataset indices for a Dataset probe.
    classes, dataset_name
        Class names and dataset name for the metadata (default: from the dataset).
    dtype
        ``"float16"`` (default) or ``"float32"`` for activations.
    weights
        Store the model's ``state_dict`` at each recorded epoch (needed for deconvnet).
    summarize
        Layers too large to keep raw, as ``{layer: "histogram"}``: for each feature map
        only its min, max and a 32-bin histogram of the map scaled to [-1, 1] by its own
        min and max are stored -- what intra-sample entropy needs -- computed on the
        model's device. Read them with ``cube.histograms(layer)``. A module name applies
        to every call of it (``name``, ``name#1``, ...). Not for dense (1 x 1) layers.
    checksums
        Give every chunk of the store a Fletcher-32 checksum, so that damaged bytes give
        an error on reading instead of wrong values (costs some write throughput).
    max_bytes
        A hard limit on the file's size (int or "2GB"; None: no limit): the recorder
        refuses to start when the plan exceeds it, and stops before an epoch that would
        take the file past it (completed epochs stay). Zero, negative or NaN limits and
        unreadable sizes are errors.
    batch_size
        Probe batch size of a recording pass.
    write_behind
        Bytes of recorded outputs that may wait to be written (int or "1GB"; 0 or None:
        write in :meth:`epoch_end` itself). The HDF5 writes run on a background thread, in
        order (:mod:`~cnnslicer_widgets.store.behind`): those of a probe batch overlap the
        forward pass of the next, and :meth:`epoch_end` returns once the probe pass is
        done, the last writes overlapping the next training epoch. A write error is raised
        by the next :meth:`epoch_end` or by :meth:`close`, which waits for every write.
        An epoch is marked complete in the file only after all its data is written.
    resume
        Continue the store at ``path`` (finished, stopped by an error, or killed): the
        layers, probe, classes, dtype, weights and schedule must be those of the run that
        wrote it (:class:`~cnnslicer_widgets.store.StoreMismatchError` names the first
        difference), an unfinished epoch is dropped, and epochs keep their numbers.
        :attr:`next_epoch` says which epoch to train next. With no file at ``path`` the
        run starts afresh.
    overwrite
        Replace an existing file at ``path`` (the plan printed says what it held).
    progress, verbose
        Show a progress bar per recording pass; print the size plan before starting.
    writer_rank
        Under ``torch.distributed``: the global rank that writes the store (default 0).
        Only it opens the file; create the recorder and call :meth:`start`,
        :meth:`epoch_end` and :meth:`close` on every rank (the others mirror its epochs,
        so :attr:`next_epoch` agrees everywhere). With an initialized process group of
        more than one rank, creating it and :meth:`start` are collective (the writer
        tells the others what the store holds, or its error); :meth:`epoch_end` returns
        at once on the other ranks. See docs/distributed.md.
    shard_probe
        Under ``torch.distributed``: deal the probe's batches over all ranks and gather
        their outputs to the writer, instead of running the whole probe pass on the
        writer (default). :meth:`start` and :meth:`epoch_end` are then collective.

    Raises
    ------
    StoreWriteError
        From :meth:`start`, :meth:`epoch_end` or :meth:`close` when a write fails (full
        disk, file-size limit, I/O error, the file removed): an ``OSError`` with the
        original errno, saying which epochs are complete in the file and how to go on.
        The file keeps every complete epoch; resume it once the cause is fixed.
    WriterRankError
        Under ``torch.distributed``, on the ranks that do not write: the writer's call
        failed (constructor, :meth:`start`, and :meth:`epoch_end` with ``shard_probe``);
        the message carries the writer's error, which the writer raises itself.

    Examples
    --------
    >>> import torch
    >>> from torch import nn
    >>> model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 26 * 26, 10))
    >>> x, y = torch.rand(16, 1, 28, 28), torch.arange(16) % 10
    >>> import tempfile, os; path = os.path.join(tempfile.mkdtemp(), "run.h5")
    >>> with Recorder(model, (x, y), path, epochs=2, progress=False, verbose=False) as rec:
    ...     for epoch in (1, 2):
    ...         recorded = rec.epoch_end(epoch, loss=1.0 / epoch)
    >>> rec.layer_names, rec.recorded_epochs
    (['input', '0', '1', '2', '3'], [0, 1, 2])

    A later process continues the same file (after loading its checkpoint):

    >>> rec = Recorder(model, (x, y), path, epochs=4, resume=True, progress=False,
    ...                verbose=False)
    Traceback (most recent call last):
    ...
    cnnslicer_widgets.store.spec.StoreMismatchError: ... the store's ends with epoch 2, this run's goes on to epoch 4. ...
    >>> rec = Recorder(model, (x, y), path, epochs=2, resume=True, progress=False,
    ...                verbose=False)
    >>> rec.next_epoch
    3
    """

    def __init__(self, model: nn.Module, probe, path: str | Path, *, epochs: int | Sequence[int],
                 every: int = 1, layers: str | Sequence[str] | None = None,
                 layouts: Mapping[str, str] | None = None, eval_data=None,
                 labels=None, indices=None, classes: Sequence[str] | None = None,
                 dataset_name: str | None = None, dtype: str = "float16", weights: bool = True,
                 summarize: Mapping[str, str] | None = None, checksums: bool = True,
                 max_bytes: int | str | None = "20GB", batch_size: int = 256,
                 write_behind: int | str | None = "1GB",
                 resume: bool = False, overwrite: bool = False, progress: bool = True,
                 verbose: bool = True, writer_rank: int = 0, shard_probe: bool = False):
        if dtype not in ("float16", "float32"):
            raise ValueError(f"dtype must be 'float16' or 'float32', got {dtype!r}")
        self.model = unwrap(model)
        layers = unwrapped_names(model, layers)
        self.ranks: Ranks = placement(writer_rank=writer_rank, shard_probe=shard_probe,
                                      resume=resume)
        self.path = Path(path)
        self.probe = as_probe(probe, labels=labels, indices=indices)
        self.schedule = _schedule(epochs, every)
        self.eval_data = eval_data
        self.dtype = dtype
        self.batch_size = int(batch_size)
        self.progress = progress
        self.verbose = verbose
        self.overwrite = overwrite
        if resume and overwrite:
            raise ValueError("pass resume=True (continue the store) or overwrite=True "
                             "(replace it), not both")
        self.max_bytes = parse_bytes(max_bytes)
        self._torch_dtype = torch.float16 if dtype == "float16" else torch.float32
        self._writer: StoreWriter | None = None
        self._behind = WriteBehind(limit=parse_bytes(write_behind or None) or 0)
        self._recorded: list[int] = []  # complete in the file or queued to be
        self._trained: list[int] = []  # epochs whose training loss is written or queued
        self._discover(layers, layouts)
        self._summarize = self._apply_summarize(summarize)
        self.spec = self._build_spec(classes, dataset_name, weights)
        self.spec.checksums = bool(checksums)
        self.plan = estimate_bytes(self.spec)
        self._stored: StoredRun | None = None
        self._replacing: str | None = None
        self._following = False
        self.ranks.lead(lambda: self._check_store(resume), self._state)

    def _check_store(self, resume: bool) -> None:
        """The writer's checks of the path before anything is written."""
        if resume and self.path.exists():
            check_fit(self.path, self.spec, self._stored_inputs())
            self._stored = stored_run(self.path)
            self._recorded = list(self._stored.complete)
        elif self.overwrite and self.path.exists():
            self._replacing = _describe_existing(self.path)
        self._check_limit()

    def _state(self) -> tuple[list[int], int]:
        return list(self._recorded), self.next_epoch

    def _stored_inputs(self) -> np.ndarray:
        """The probe inputs as the store keeps them: channels first (the input's layout)."""
        return to_stored(self.probe.x, self.layers[0].layout).float().numpy()

    def _remaining(self) -> int:
        """Bytes the rest of the run will add (all of it for a new store)."""
        p, start = self.plan, self.next_epoch
        epochs = sum(1 for e in self.schedule if e >= start)
        train = max(0, self.schedule[-1] - max(start - 1, 0))
        fresh = 0 if self._stored is not None else p["stored_input"] + p["metadata"]
        return fresh + epochs * p["per_epoch"] + train * p["per_train_epoch"]

    def _check_limit(self) -> None:
        limit = self.max_bytes
        start = self._stored.size if self._stored is not None else 0
        final = start + self._remaining()
        if limit is None or final <= limit:
            return
        raise StoreTooLargeError(
            f"the run would write {_fmt_bytes(final)} to {self.path}, more than "
            f"max_bytes={_fmt_bytes(limit)}. {self.describe_plan()} To fit: record fewer "
            "epochs (every=, epochs=[...]), fewer layers (layers=[...]) or keep big ones as "
            "histograms (summarize=), a smaller probe, weights=False, or raise max_bytes."
        )

    # -- set-up ---------------------------------------------------------------------------
    @property
    def device(self) -> torch.device:
        for p in self.model.parameters():
            return p.device
        return torch.device("cpu")

    @property
    def layer_names(self) -> list[str]:
        """Layer names in forward order, ``"input"`` first."""
        return [lay.name for lay in self.layers]

    def _discover(self, layers: str | Sequence[str] | None,
                  layouts: Mapping[str, str] | None) -> None:
        """One dry forward pass on two probe samples finds the layers, their layouts and
        shapes, and what a level skips (:mod:`.discover`)."""
        if len(self.probe) < 2:
            raise ValueError(f"the probe has {len(self.probe)} sample(s); at least 2 are needed")
        sample = self.probe.x[:2].to(self.device)

        def forward(tap: Tap, x: torch.Tensor) -> torch.Tensor:
            try:
                return forward_pass(self, tap, x)
            except TypeError:
                raise
            except Exception as err:
                raise ValueError(
                    f"the model rejected the probe: inputs of shape {tuple(self.probe.x.shape)} "
                    f"({type(err).__name__}: {err}). Pass probe inputs shaped as "
                    f"{type(self.model).__name__}.forward expects, e.g. (N, 1, 28, 28) for MNIST "
                    "or (N, 3, 32, 32) for CIFAR-10."
                ) from err

        found = discover(self.model, sample, layers, layouts, self._torch_dtype, forward)
        self.layers = found.layers
        self.skipped = found.skipped
        """(name, reason) of every module the chosen level found but cannot record."""
        self._rule = found.rule
        self._layouts = found.layouts
        self._keep = set(found.layouts)
        self._modules = found.modules

    def _apply_summarize(self, summarize: Mapping[str, str] | None) -> dict[str, int]:
        """Mark the layers named in ``summarize`` as histogram-only; returns {key: bins}."""
        self.layers, keys = summarized_layers(self.layers, summarize, HISTOGRAM_BINS)
        return keys

    def _build_spec(self, classes, dataset_name, weights: bool) -> RunSpec:
        n_out = self.layers[-1].shape[0]
        cls = list(classes) if classes is not None else self.probe.classes
        if cls is None:
            cls = [str(i) for i in range(n_out)]
        if len(cls) != n_out:
            raise ValueError(f"{len(cls)} class names for a model with {n_out} outputs")
        bad = self.probe.labels[(self.probe.labels < 0) | (self.probe.labels >= n_out)]
        if bad.size:
            raise ValueError(f"probe labels {sorted(set(bad.tolist()))[:5]} are outside 0..{n_out - 1}")
        state = {}
        if weights:
            for k, v in self.model.state_dict().items():
                dt = "float32" if v.dtype == torch.bfloat16 else str(v.dtype).replace("torch.", "")
                state[k] = (tuple(v.shape), dt)
        return RunSpec(
            layers=self.layers, sample_index=self.probe.sample_index, labels=self.probe.labels,
            classes=cls, dtype=self.dtype, weights=state, schedule=self.schedule,
            dataset_name=dataset_name or self.probe.dataset_name,
            model_class=type(self.model).__name__,
            attrs={"layer_rule": self._rule,
                   "batch_size": self.batch_size, "torch": torch.__version__,
                   **graph_attrs(self.model, self.layers)},
        )

    def describe_plan(self) -> str:
        """What the run will write: the size of the file on disk, and of what."""
        p = self.plan
        head = (
            f"Plan: {len(self.layers)} layers x {len(self.probe)} probe samples x "
            f"{p['epochs']} epochs {self.schedule[:6]}{'...' if len(self.schedule) > 6 else ''}"
            f" = {_fmt_bytes(p['total'])} on disk (per epoch {_fmt_bytes(p['per_epoch'])}: "
            f"activations {_fmt_bytes(p['activations_per_epoch'])}, "
            + (f"histograms {_fmt_bytes(p['histograms_per_epoch'])}, "
               if p["histograms_per_epoch"] else "")
            + f"weights {_fmt_bytes(p['weights_per_epoch'])}; input {_fmt_bytes(p['input'])})."
        )
        if self._stored is not None:
            s = self._stored
            head += (f" Resuming {self.path.name}: {describe_epochs(s.complete)} kept "
                     f"({_fmt_bytes(s.size)}), recording from epoch {self.next_epoch} on: "
                     f"{_fmt_bytes(s.size + self._remaining())} in all.")
        if self._replacing:
            head += f" overwrite=True discards {self._replacing}."
        return head

    def summary(self, *, limit: int = 40) -> str:
        """What the run records (layer, type, layout, stored shape, bytes per epoch) and
        what it skips and why; printed before recording when ``verbose``. ``limit`` rows
        of each kind at most (the rest counted)."""
        n, item = len(self.probe), np.dtype(self.dtype).itemsize
        rows = [f"Recording {len(self.layers)} layers ({self._rule}):"]
        width = min(40, max(len(lay.name) for lay in self.layers))
        type_w = min(28, max(len(lay.type) for lay in self.layers))
        for lay in self.layers[:limit]:
            size = layer_bytes(lay, n, 4 if lay.name == "input" else item)
            kept = "" if lay.stored == "raw" else f", {lay.bins}-bin histograms"
            rows.append(f"  {lay.name:<{width}} {lay.type:<{type_w}.{type_w}} {lay.layout or 'NCHW':<4} "
                        f"{'x'.join(map(str, lay.shape)):>14} {_fmt_bytes(size):>9}{kept}")
        if len(self.layers) > limit:
            rows.append(f"  ... and {len(self.layers) - limit} more layers")
        if self.skipped:
            rows.append(f"Skipping {len(self.skipped)}:")
            rows += [f"  {name}: {why}" for name, why in self.skipped[:limit]]
            if len(self.skipped) > limit:
                rows.append(f"  ... and {len(self.skipped) - limit} more")
        return "\n".join(rows)

    # -- running --------------------------------------------------------------------------
    def start(self) -> Recorder:
        """Create the store and record epoch 0 (before any training); with ``resume=True``
        open the existing store instead (epoch 0 is recorded only if it is missing)."""
        if self._writer is not None or self._following:
            raise RuntimeError("this recorder has already started")
        if not self.ranks.is_writer:
            self._following = True
            self.ranks.lead(self._start, self._state, self._serve)
            self.ranks.mirror_start()
            return self
        self.ranks.lead(self._start, self._state)
        return self

    def _start(self) -> None:
        if self.verbose:
            verb = "continuing" if self._stored is not None else "writing"
            print(f"cnnslicer: {verb} {self.path}. {self.describe_plan()}\n{self.summary()}",
                  file=sys.stdout)
        if self._stored is not None:
            self._writer = StoreWriter.resume(self.path, self.spec)
            self._recorded = self._writer.complete_epochs
            self._trained = self._writer.train_epochs
            if 0 in self._recorded:
                return
        else:
            self._writer = StoreWriter.create(self.path, self.spec, overwrite=self.overwrite)
        x = self._stored_inputs()
        for s in range(0, len(x), 4096):
            self._writer.write_input(s, x[s : s + 4096])
        self._record(0, loss=None)
        self._behind.wait()  # start() raises its own write errors

    def _serve(self, epoch: int) -> None:
        sharded_pass(self, epoch)

    def __enter__(self) -> Recorder:
        return self.start()

    def __exit__(self, exc_type, *exc: object) -> None:
        self.close(quiet=exc_type is not None)

    def close(self, *, quiet: bool = False) -> None:
        """Wait for the queued writes, then close the store (completed epochs stay
        readable). A failed write not raised yet, or a failure while closing, raises
        :class:`~cnnslicer_widgets.store.StoreWriteError` unless ``quiet``."""
        if self._writer is None:
            return
        try:
            self._behind.close(quiet=quiet)
        finally:
            self._writer.close(quiet=True if self._behind.failed else quiet)

    def flush(self) -> None:
        """Wait until every write queued so far is in the file: the epochs recorded up to
        now are then complete for readers. Raises the
        :class:`~cnnslicer_widgets.store.StoreWriteError` of a failed write."""
        if self._writer is not None:
            self._behind.wait()

    @property
    def recorded_epochs(self) -> list[int]:
        """Complete epochs in the store (with ``resume=True``, also those of earlier runs);
        on the ranks that do not write, the writer's (mirrored)."""
        if not self.ranks.is_writer:
            return list(self.ranks.recorded)
        if self._writer is not None:
            self._behind.drain()  # a write error is raised by epoch_end and close
            return self._writer.complete_epochs
        return list(self._recorded)

    @property
    def next_epoch(self) -> int:
        """The epoch to train next: one past the last epoch the store holds (its last
        complete recorded epoch or its last training loss). For a new store 1 (0 before
        :meth:`start`); when resuming, load the checkpoint of epoch ``next_epoch - 1``
        and train on from ``next_epoch``. The same on every rank of a distributed job."""
        if not self.ranks.is_writer:
            return self.ranks.next_epoch
        if self._writer is not None:
            return max([*self._recorded, *self._trained, -1]) + 1
        if self._stored is not None:
            return self._stored.next_epoch
        return 0

    def epoch_end(self, epoch: int, *, loss: float | None = None) -> bool:
        """Call after training epoch ``epoch`` (1, 2, ...); records it if scheduled.

        Returns True when the epoch was recorded. The loss is kept for every epoch. Under
        ``torch.distributed`` call it on every rank: the writer records, the others return
        what it does (without ``shard_probe`` at once, without waiting for it).
        """
        if not self.ranks.is_writer:
            if not self._following:
                raise RuntimeError("call start() or use the recorder as a context manager first")
            if self.ranks.collective:
                return bool(self.ranks.lead(lambda: None, self._state, self._serve))
            return self.ranks.mirror_epoch_end(int(epoch), self.schedule)
        if self.ranks.collective:
            return bool(self.ranks.lead(lambda: self._epoch_end(epoch, loss), self._state))
        return self._epoch_end(epoch, loss)

    def _epoch_end(self, epoch: int, loss: float | None) -> bool:
        if self._writer is None:
            raise RuntimeError("call start() or use the recorder as a context manager first")
        # the previous epoch's writes ran behind this training epoch: wait for what is
        # left of them, so that their error (if any) is raised here, by the next epoch_end
        self._behind.wait()
        epoch = int(epoch)
        if epoch < self.next_epoch:
            what = ("is already recorded in" if epoch in self._recorded
                    else "comes before the epochs already in")
            raise ValueError(
                f"epoch {epoch} {what} {self.path} (recorded: {self._recorded[-8:]}, losses "
                f"up to epoch {self.next_epoch - 1}); each epoch is recorded once and epochs "
                f"must increase: the next one is {self.next_epoch} (rec.next_epoch)"
            )
        if epoch not in self.schedule:
            self._train_loss(epoch, loss)
            if epoch > self.schedule[-1]:
                warnings.warn(f"epoch {epoch} is past the recording schedule (last: "
                              f"{self.schedule[-1]}); only its loss is kept", stacklevel=3)
            return False
        self._record(epoch, loss)
        self._train_loss(epoch, loss)
        return True

    def _train_loss(self, epoch: int, loss: float | None) -> None:
        self._behind.submit(self._open_writer.append_train_loss, epoch, loss)
        self._trained.append(epoch)

    def _check_room(self, epoch: int) -> None:
        """Stop before an epoch the disk, the file-size limit or max_bytes has no room for
        (nothing of it is written; the store keeps its complete epochs). Called with no
        write queued (``_epoch_end`` waits for the previous epoch's first)."""
        w, need = self._open_writer, self.plan["per_epoch"]
        if self.max_bytes is not None and w.size + need > self.max_bytes:
            raise StoreTooLargeError(
                f"recording epoch {epoch} would take {self.path} to "
                f"{_fmt_bytes(w.size + need)}, past max_bytes={_fmt_bytes(self.max_bytes)}; "
                f"stopped before it. {describe_epochs(self._recorded).capitalize()} are "
                f"complete in {self.path}. Raise max_bytes and go on with resume=True."
            )
        w.check_room(need, f"recording epoch {epoch}")

    @property
    def _open_writer(self) -> StoreWriter:
        if self._writer is None:
            raise RuntimeError("call start() or use the recorder as a context manager first")
        return self._writer

    def _record(self, epoch: int, loss: float | None) -> None:
        """Queue the writes of one epoch (:attr:`_behind`), in the order that keeps the
        file consistent: a new row, the data, then (end_epoch) flush, flag, flush. What
        is queued is copied first: training goes on changing the model."""
        w, submit = self._open_writer, self._behind.submit
        self._check_room(epoch)
        submit(w.begin_epoch, epoch)
        if self.ranks.collective:
            self.ranks.announce_pass(epoch)
            logits = sharded_pass(self, epoch)
            assert logits is not None  # the writer's
        else:
            logits = probe_pass(self, epoch)
        submit(w.write_logits, 0, logits, nbytes=logits.nbytes)
        submit(w.write_confusion, confusion(self, logits))
        submit(w.write_loss, np.nan if loss is None else loss)
        if self.spec.weights:
            state = {k: v.detach().to("cpu", torch.float32 if v.dtype == torch.bfloat16
                                      else v.dtype, copy=True).numpy()
                     for k, v in self.model.state_dict().items()}
            submit(w.write_weights, state, nbytes=sum(v.nbytes for v in state.values()))
        submit(w.end_epoch)
        self._recorded.append(epoch)

def _describe_existing(path: Path) -> str:
    """What an existing file at ``path`` holds, for overwrite=True to say what it discards."""
    size = _fmt_bytes(path.stat().st_size) if path.is_file() else "?"
    try:
        run = stored_run(path)
    except Exception:  # noqa: BLE001 - whatever it is, it is replaced
        return f"the file there ({size}, not a readable store)"
    done = describe_epochs(run.complete)
    return f"the store there ({done} complete, {size})"
