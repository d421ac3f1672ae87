"""The byte plan: every dataset a run creates, its chunks, and what it takes on disk.

:mod:`.layout` creates the datasets with these chunk shapes, and :func:`estimate` adds up
their chunks, so the size a recorder prints before it starts is the size of the file it
leaves (within a few percent: HDF5's own metadata is estimated, and chunks of 8 KiB or
less are deflated, which can only make them smaller). Two rules keep the plan exact:

- blocks are balanced (``_balanced``): 500 probe samples in blocks of at most 455 make two
  blocks of 250, not 455 + a 455-sample chunk holding 45; HDF5 stores edge chunks whole.
- small maps group channels: a chunk of one channel of a 2x2 map over 50 samples would
  be 400 bytes, whose index entry and checksum cost ~10% and which deflate shrinks by an
  unknown amount; channels are grouped until a chunk holds at least 16 KiB.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from cnnslicer_widgets.store.spec import LayerSpec, RunSpec, count_dtype

__all__ = ["CHUNK_TARGET", "SMALL_CHUNK", "Planned", "chunks_for", "estimate", "estimate_bytes",
           "layer_bytes", "planned", "weight_chunks"]

CHUNK_TARGET = 1 << 20  # bytes per chunk, roughly
SMALL_CHUNK = 8 << 10  # chunks up to this size are also deflated (see layout._Maker.filters)
_GROUP_BELOW = 16 << 10  # a one-channel chunk smaller than this groups channels

# HDF5's own bytes, fitted on stores of 59 to 2,279 datasets (docs/dev/durability.md):
# an object header with its attributes and dimension-scale references per dataset, an
# index entry per chunk, and the root group, superblock and metadata strings.
_PER_DATASET = 760
_PER_CHUNK = 28
_BASE = 3_000


def _balanced(total: int, most: int) -> int:
    """The block size <= ``most`` that splits ``total`` into equal blocks (the last one
    at most a few elements short), so that no edge chunk is mostly padding.

    Examples
    --------
    >>> _balanced(500, 455), _balanced(512, 455), _balanced(10, 64), _balanced(7, 1)
    (250, 256, 10, 1)
    """
    most = max(1, min(int(total), int(most)))
    blocks = -(-int(total) // most)
    return -(-int(total) // blocks)


def chunks_for(per_sample: tuple[int, ...], n: int, itemsize: int, lead: int = 1) -> tuple:
    """Chunk = one epoch x a block of samples x one channel x the whole map, about 1 MiB.
    1x1 maps (dense layers) group many channels; small maps group channels until a chunk
    holds 16 KiB (a chunk of a few hundred bytes costs more in index than in data)."""
    c, h, w = per_sample
    map_bytes = h * w * itemsize
    if h * w == 1:
        cb = max(1, CHUNK_TARGET // (64 * map_bytes))
    else:
        whole = n * map_bytes  # one channel, every sample
        cb = 1 if whole >= _GROUP_BELOW else -(-_GROUP_BELOW // whole)
    cb = _balanced(c, cb)
    xb = _balanced(n, max(1, CHUNK_TARGET // (cb * map_bytes)))
    return (1,) * lead + (xb, cb, h, w)


def weight_chunks(shape: tuple[int, ...], itemsize: int) -> tuple:
    """Chunks of one epoch of a parameter: balanced blocks of rows, about 4 MiB."""
    if not shape:
        return ()
    rows = int(np.prod(shape[1:], dtype=np.int64)) * itemsize or 1
    return (_balanced(shape[0], max(1, (4 * CHUNK_TARGET) // rows)), *shape[1:])


@dataclass(frozen=True)
class Planned:
    """One dataset: ``shape`` and ``chunks`` without the epoch dim; ``per`` is
    ``"epoch"``, ``"train"`` (one row per training epoch) or ``"run"`` (written once)."""

    name: str
    shape: tuple[int, ...]
    chunks: tuple[int, ...]
    itemsize: int
    per: str = "epoch"

    def stored(self, checksums: bool) -> tuple[int, int]:
        """(bytes, chunks) one row (or the whole dataset) takes."""
        if not self.shape:
            return self.itemsize + 4 * checksums, 1
        count = math.prod(-(-s // c) for s, c in zip(self.shape, self.chunks, strict=True))
        return count * (math.prod(self.chunks) * self.itemsize + 4 * checksums), count


def planned(spec: RunSpec) -> Iterator[Planned]:
    """Every dataset :func:`cnnslicer_widgets.store.layout.write_layout` creates."""
    n, k = spec.n_samples, spec.n_classes
    yield Planned("epoch", (), (), 8)
    yield Planned("epoch_complete", (), (), 1)
    yield Planned("loss", (), (), 8)
    for name, size in (("x", n), ("class", k), ("true", k), ("pred", k), ("sample_index", n),
                       ("label", n)):
        yield Planned(name, (size,), (size,), 8, "run")
    yield Planned("logits", (n, k), (_balanced(n, 4096), k), 4)
    yield Planned("confusion", (k, k), (k, k), 8)
    for name in ("train_epoch", "train_loss"):
        yield Planned(name, (), (), 8, "train")
    for lay in spec.layers:
        c, h, w = lay.shape
        base = f"layers/{lay.name}/"
        yield Planned(base + "channel", (c,), (c,), 8, "run")
        if lay.stored == "histogram":
            dt = count_dtype(h * w)
            xb, cb = chunks_for((c, lay.bins, 1), n, dt.itemsize, lead=0)[:2]
            yield Planned(base + "bin", (lay.bins,), (lay.bins,), 8, "run")
            yield Planned(base + "histogram", (n, c, lay.bins), (xb, cb, lay.bins), dt.itemsize)
            for name in ("min", "max"):
                yield Planned(base + name, (n, c), (xb, cb), 4)
            continue
        yield Planned(base + "h", (h,), (h,), 8, "run")
        yield Planned(base + "w", (w,), (w,), 8, "run")
        item = np.dtype(spec.input_dtype if lay.name == "input" else spec.dtype).itemsize
        chunks = chunks_for((c, h, w), n, item, lead=0)
        yield Planned(base + "activation", (n, c, h, w), chunks, item,
                      "run" if lay.name == "input" else "epoch")
    scales = set()
    for name, (shape, dtype) in spec.weights.items():
        shape = tuple(int(s) for s in shape)
        for axis, s in enumerate(shape):
            scales.add((f"weights/d{axis}_{s}", s))
        item = np.dtype(dtype).itemsize
        yield Planned(f"weights/{name}", shape, weight_chunks(shape, item), item)
    for name, s in sorted(scales):
        yield Planned(name, (s,), (s,), 8, "run")


def estimate(spec: RunSpec) -> dict[str, int]:
    """Bytes on disk: ``stored_input`` (the probe inputs), ``per_epoch`` (one recorded
    epoch), ``per_train_epoch`` (one training loss), ``metadata`` (HDF5's own bytes and
    the arrays written once) and ``total`` for ``len(spec.schedule)`` recorded epochs and
    ``max(spec.schedule)`` training losses."""
    out = dict.fromkeys(("stored_input", "per_epoch", "per_train_epoch"), 0)
    fixed, datasets = _BASE, 0
    for p in planned(spec):
        size, chunks = p.stored(spec.checksums)
        size += _PER_CHUNK * chunks
        datasets += 1
        if p.name == "layers/input/activation":
            out["stored_input"] += size
        elif p.per == "run":
            fixed += size
        elif p.per == "train":
            out["per_train_epoch"] += size
        else:
            out["per_epoch"] += size
    out["metadata"] = fixed + _PER_DATASET * datasets
    epochs, train = max(len(spec.schedule), 1), max(spec.schedule, default=0)
    out["total"] = (out["stored_input"] + out["metadata"] + epochs * out["per_epoch"]
                    + train * out["per_train_epoch"])
    return out


def layer_bytes(lay: LayerSpec, n: int, item: int) -> int:
    """Bytes one epoch of a layer takes for n samples (raw maps or per-map histograms)."""
    c, h, w = lay.shape
    if lay.stored == "histogram":
        return n * c * (lay.bins * count_dtype(h * w).itemsize + 2 * 4)
    return n * c * h * w * item


def estimate_bytes(spec: RunSpec) -> dict[str, int]:
    """Bytes the run will write, for ``len(spec.schedule)`` recorded epochs.

    ``total`` is the size of the finished file on disk (chunks as stored, with their
    checksums and HDF5's own metadata; see :mod:`cnnslicer_widgets.store.plan`), as are
    ``per_epoch`` (one recorded epoch), ``per_train_epoch``, ``stored_input`` and
    ``metadata``. ``input``, ``activations_per_epoch`` (raw layers),
    ``histograms_per_epoch`` (summarized layers: counts, min and max),
    ``weights_per_epoch`` and ``other_per_epoch`` count the data alone; ``epochs`` is the
    number of recorded epochs.
    """
    n, k = spec.n_samples, spec.n_classes
    item = np.dtype(spec.dtype).itemsize
    body = [lay for lay in spec.layers if lay.name != "input"]
    act = sum(layer_bytes(lay, n, item) for lay in body if lay.stored == "raw")
    hist = sum(layer_bytes(lay, n, item) for lay in body if lay.stored != "raw")
    inp = sum(
        n * int(np.prod(lay.shape)) * np.dtype(spec.input_dtype).itemsize
        for lay in spec.layers
        if lay.name == "input"
    )
    wts = sum(int(np.prod(s)) * np.dtype(d).itemsize for s, d in spec.weights.values())
    other = n * k * 4 + k * k * 8 + 8 + 8 + 1
    return {
        "input": inp,
        "activations_per_epoch": act,
        "histograms_per_epoch": hist,
        "weights_per_epoch": wts,
        "other_per_epoch": other,
        "epochs": max(len(spec.schedule), 1),
        **estimate(spec),
    }
