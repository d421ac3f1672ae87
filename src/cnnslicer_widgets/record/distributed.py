"""Recording under ``torch.distributed``: which rank writes, and where the probe pass runs.

One rank, the *writer* (global rank 0 unless ``Recorder(writer_rank=...)``), owns the
store: it alone checks, creates, resumes, writes and closes the file. Every other rank
keeps a mirror of the writer's epochs and never touches the path.

Where the probe's forward pass runs (``Recorder(shard_probe=...)``):

- ``False`` (default): on the writer alone, on the unwrapped model (no DDP forward, so no
  collective and no buffer broadcast). :meth:`Recorder.start` and
  :meth:`Recorder.epoch_end` return at once on the other ranks; they wait for the writer
  at their next collective (DDP's first gradient all-reduce), so a recorded epoch costs
  every rank the writer's probe pass and write.
- ``True``: the probe's batches are dealt round-robin to the ranks (round ``r`` gives batch
  ``r * world + k`` to rank ``k``); each round the outputs are gathered to the writer,
  which writes them in order. Each rank computes ``1 / world`` of the pass, but every
  activation crosses the process group once (pickled, on a gloo group of the recorder's
  own, so an NCCL job needs no CUDA collectives for it).

Deadlocks: construction is collective whenever ``torch.distributed`` is initialized with
more than one rank (the writer checks the store and broadcasts what it holds, or its
error: ``rec.next_epoch`` agrees on every rank and an error raises on every rank). With
``shard_probe=True``, :meth:`Recorder.start` and :meth:`Recorder.epoch_end` are collective
too: the writer runs the call and ends it with one broadcast ("done" or its error) that the
other ranks wait for, serving the probe passes it announces meanwhile. A failure inside a
pass (a write, another rank's forward pass) is held until the pass's last round, so no rank
leaves a round early. Batches a rank computes are exactly the batches a single process
computes (same size, same order), so every stored array equals a one-process recording.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
from torch import nn

from cnnslicer_widgets.record.hooks import ModeGuard
from cnnslicer_widgets.record.passes import forward_pass, make_tap, write_batch

__all__ = ["Ranks", "WriterRankError", "placement", "sharded_pass", "unwrap", "unwrapped_names"]


class WriterRankError(RuntimeError):
    """Raised on the ranks that do not write when the writer rank's recording call failed.

    The message carries the writer's error; the writer itself raises the original one.
    """


def _is_wrapper(model: nn.Module) -> bool:
    return isinstance(model, (nn.parallel.DistributedDataParallel, nn.DataParallel))


def unwrap(model: nn.Module) -> nn.Module:
    """The module a ``DistributedDataParallel`` (or ``DataParallel``) wrapper trains.

    Hooks go on it and the probe pass calls it directly: no DDP forward, so no collective,
    and layer names are those of the model itself (no ``module.`` prefix).

    Examples
    --------
    >>> net = nn.Sequential(nn.Linear(4, 2))
    >>> unwrap(nn.DataParallel(net)) is net, unwrap(net) is net
    (True, True)
    """
    while _is_wrapper(model):
        model = model.module  # type: ignore[assignment]
    kind = type(model).__name__
    sharded = kind in ("FullyShardedDataParallel", "FSDPModule") or any(
        type(p).__name__ == "DTensor" for p in model.parameters())
    if sharded:
        raise TypeError(
            f"the model ({kind}) has sharded parameters (FSDP or DTensor); the recorder needs "
            "whole weights on the writing rank. Record a DistributedDataParallel model, or "
            "record a full copy of the model (e.g. its state_dict gathered on rank 0)"
        )
    return model


def unwrapped_names(model: nn.Module, layers: str | Sequence[str] | None
                    ) -> str | Sequence[str] | None:
    """Layer names of a wrapped model without the wrapper's ``module.`` prefix (a level
    such as ``"leaves"`` is kept)."""
    if layers is None or not _is_wrapper(model):
        return layers
    if isinstance(layers, str):
        return layers.removeprefix("module.")
    return [n.removeprefix("module.") for n in layers]


@dataclass
class Ranks:
    """Where this process stands in the job: its rank, the writer's, and the writer's epochs.

    ``synced`` is True when ``torch.distributed`` is initialized with more than one rank
    (the recorder's calls may then use collectives on ``group``).
    """

    rank: int = 0
    world: int = 1
    writer: int = 0
    shard: bool = False
    synced: bool = False
    group: Any = None
    recorded: list[int] = field(default_factory=list)  # the writer's epochs, mirrored
    next_epoch: int = 0

    @property
    def is_writer(self) -> bool:
        return self.rank == self.writer

    @property
    def collective(self) -> bool:
        """Are start/epoch_end collective (every rank must call them)?"""
        return self.synced and self.shard

    # -- the writer leads, the others follow ----------------------------------------------
    def _bcast(self, message: Any = None) -> Any:
        import torch.distributed as dist

        box = [message]
        dist.broadcast_object_list(box, src=self.writer, group=self.group)
        return box[0]

    def lead(self, call: Callable[[], Any], state: Callable[[], tuple[list[int], int]],
             serve: Callable[[int], None] | None = None) -> Any:
        """Run ``call`` on the writer; with ``synced``, tell every rank how it ended.

        The writer broadcasts ("done", value, its epochs and next epoch from ``state()``)
        or ("error", text); the others wait for it, running ``serve(epoch)`` for each probe
        pass the writer announces, mirror the writer's epochs, and raise
        :class:`WriterRankError` on an error. Returns the writer's value everywhere (None
        on the others without ``synced``).
        """
        if not self.synced:
            return call() if self.is_writer else None
        if self.is_writer:
            try:
                value = call()
            except BaseException as err:
                self._bcast(("error", f"{type(err).__name__}: {err}"))
                raise
            self._bcast(("done", value, *state()))
            return value
        while True:
            message = self._bcast()
            if message[0] == "pass" and serve is not None:
                serve(message[1])
            elif message[0] == "done":
                self.recorded, self.next_epoch = list(message[2]), int(message[3])
                return message[1]
            else:
                raise WriterRankError(
                    f"rank {self.rank}: the writer rank {self.writer} failed: {message[1]}")

    def announce_pass(self, epoch: int) -> None:
        """The writer tells the others to join the sharded probe pass of ``epoch``."""
        self._bcast(("pass", epoch))

    # -- what a rank that does not write knows --------------------------------------------
    def mirror_start(self) -> None:
        if 0 not in self.recorded:
            self.recorded.append(0)
        self.next_epoch = max(self.next_epoch, 1)

    def mirror_epoch_end(self, epoch: int, schedule: Sequence[int]) -> bool:
        """What the writer does with ``epoch`` (recorded if scheduled); no error checks:
        the writer raises those."""
        scheduled = epoch in schedule and epoch >= self.next_epoch
        if scheduled:
            self.recorded.append(epoch)
        self.next_epoch = max(self.next_epoch, epoch + 1)
        return scheduled


def placement(*, writer_rank: int, shard_probe: bool, resume: bool) -> Ranks:
    """This process's :class:`Ranks`; without ``torch.distributed`` initialized, from
    torchrun's ``RANK`` / ``WORLD_SIZE`` (one process: rank 0 of 1).

    Examples
    --------
    >>> placement(writer_rank=0, shard_probe=False, resume=False).is_writer
    True
    """
    import torch.distributed as dist

    if not isinstance(writer_rank, (int, np.integer)) or isinstance(writer_rank, bool):
        raise TypeError(f"writer_rank must be an int, got {writer_rank!r}")
    live = dist.is_available() and dist.is_initialized()
    if live:
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))
    if not 0 <= writer_rank < world:
        raise ValueError(f"writer_rank={writer_rank}, but the job has {world} rank(s) "
                         f"(0..{world - 1}); pass one of them (default 0)")
    ranks = Ranks(rank, world, int(writer_rank), bool(shard_probe) and world > 1,
                  synced=live and world > 1)
    if world > 1 and not live and (shard_probe or resume):
        what = "shard_probe=True" if shard_probe else "resume=True"
        raise RuntimeError(
            f"rank {rank} of {world}: {what} needs torch.distributed initialized before "
            "the Recorder is created (the ranks talk to each other): call "
            "torch.distributed.init_process_group first")
    if ranks.synced:
        backend = str(dist.get_backend())
        # the recorder's broadcasts and gathers carry CPU objects: gloo, whatever DDP uses
        ranks.group = None if backend == "gloo" else dist.new_group(backend="gloo")
    return ranks


def sharded_pass(rec: Any, epoch: int) -> np.ndarray | None:
    """The probe pass of ``epoch`` shared by every rank; the writer writes each batch and
    returns the probe's logits (None on the other ranks). ``rec`` is the
    :class:`~cnnslicer_widgets.record.Recorder` (not imported here: it imports this).

    Every rank runs the same number of rounds, one gather each, whatever fails: the writer
    raises the first failure (its own write, or another rank's forward pass) after the
    last round.
    """
    import torch.distributed as dist

    ranks = rec.ranks
    n, size = len(rec.probe), rec.batch_size
    starts = list(range(0, n, size))
    logits = np.empty((n, rec.spec.n_classes), dtype=np.float32) if ranks.is_writer else None
    failure: BaseException | None = None
    tap = make_tap(rec)
    with ModeGuard(rec.model), tap:
        for first in range(0, len(starts), ranks.world):
            mine = first + ranks.rank
            payload: tuple[Any, ...] | None = None
            if mine < len(starts) and failure is None:
                start = starts[mine]
                try:
                    out = forward_pass(rec, tap, rec.probe.x[start : start + size])
                    payload = ("ok", start, dict(tap.out), out.detach().cpu(),
                               sorted(tap.overflow))
                except Exception as err:  # noqa: BLE001 - sent to the writer, raised there
                    failure = err
                    payload = ("error", f"rank {ranks.rank}: {type(err).__name__}: {err}")
            box: list[Any] | None = [None] * ranks.world if ranks.is_writer else None
            dist.gather_object(payload, box, dst=ranks.writer, group=ranks.group)
            if box is None or logits is None:
                continue
            for item in box:
                if item is None or failure is not None:
                    continue
                if item[0] == "error":
                    failure = RuntimeError(f"the sharded probe pass of epoch {epoch} failed on "
                                           f"{item[1]}")
                    continue
                _, start, outputs, out, overflow = item
                tap.overflow.update(overflow)
                try:
                    write_batch(rec, SimpleNamespace(out=outputs), out, start)
                except BaseException as err:  # noqa: BLE001 - raised after the last round
                    failure = err
                logits[start : start + len(out)] = out.float().numpy()
    if failure is not None and ranks.is_writer:
        raise failure
    if tap.overflow and ranks.is_writer:
        import warnings

        warnings.warn(f"epoch {epoch}: layers {sorted(tap.overflow)} have values beyond the "
                      "float16 range (stored as inf); record with dtype='float32'",
                      stacklevel=3)
    return logits

