"""Creating a store's datasets: shapes, chunks, checksums and netCDF-4 dimension scales.

Chunk shapes come from :mod:`.plan`, which also adds up what they take on disk.

Every dataset is chunked and, with ``RunSpec.checksums`` (the default), carries an HDF5
Fletcher-32 checksum per chunk, so damaged bytes give an error on read, never wrong values;
chunks of 8 KiB or less are also deflated (see ``_Maker.filters`` for why).
Per-epoch 1-D arrays (epoch, epoch_complete, loss, train_*) have one chunk per epoch and
each chunk is written once: a SWMR reader never reads a chunk while it is rewritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import h5py
import numpy as np

from cnnslicer_widgets.store.plan import SMALL_CHUNK, _balanced, chunks_for, weight_chunks
from cnnslicer_widgets.store.spec import (
    CRC_ATTRS,
    LayerSpec,
    RunSpec,
    count_dtype,
    metadata_crc,
)

__all__ = ["chunks_for", "write_layout"]

class _Maker:
    """Creates datasets with the run's checksum setting."""

    def __init__(self, spec: RunSpec):
        self.checksums = bool(spec.checksums)

    def filters(self, chunks: tuple[int, ...], dtype) -> dict:
        """Fletcher-32 on every chunk; small chunks also deflated (level 1). Fletcher-32
        of zeros is zero, so a zeroed range that covers a whole chunk and its checksum
        would read as zeros: a deflate stream is never all zeros, and inflating zeros
        fails. Small chunks (labels, losses, logits, biases, ...) are the ones one
        zeroed disk page can cover; big ones keep full write speed."""
        if not self.checksums:
            return {}
        small = int(np.prod(chunks)) * np.dtype(dtype).itemsize <= SMALL_CHUNK
        return {"fletcher32": True, **({"compression": "gzip", "compression_opts": 1}
                                       if small else {})}

    def data(self, group: h5py.Group, name: str, data) -> h5py.Dataset:
        arr = np.asarray(data)
        if arr.ndim == 0 or arr.size == 0:
            return group.create_dataset(name, data=arr)
        return group.create_dataset(name, data=arr, chunks=arr.shape,
                                    **self.filters(arr.shape, arr.dtype))

    def scale(self, group: h5py.Group, name: str, data=None, *, unlimited=False, dtype="i8"):
        if unlimited:
            ds = self.growing(group, name, (), dtype, (), fill=None)
        else:
            ds = self.data(group, name, np.asarray(data, dtype=dtype))
        ds.make_scale(name)
        return ds

    def growing(self, group, name: str, shape: tuple, dtype, chunks: tuple, *, fill=None,
                scales=()) -> h5py.Dataset:
        """A dataset with a leading unlimited (epoch) dim: (0, *shape), chunks (1, *chunks)."""
        ds = group.create_dataset(name, shape=(0, *shape), maxshape=(None, *shape), dtype=dtype,
                                  chunks=(1, *chunks), fillvalue=fill,
                                  **self.filters((1, *chunks), dtype))
        for i, s in enumerate(scales):
            ds.dims[i].attach_scale(s)
        return ds


def text_attr(obj: h5py.HLObject, name: str, text: str) -> None:
    """A fixed-length UTF-8 string attribute. h5py's default, a variable-length string,
    lives in HDF5's global heap, which has no checksum, and HDF5 loops forever on some
    damaged global heaps; a fixed-length string lives in the checksummed object header."""
    raw = text.encode("utf-8")
    obj.attrs.create(name, np.frombuffer(raw or b"\0", dtype=f"S{max(1, len(raw))}")[0],
                     dtype=h5py.string_dtype("utf-8", max(1, len(raw))))


def _attach(ds: h5py.Dataset, *scales: h5py.Dataset) -> None:
    for i, s in enumerate(scales):
        ds.dims[i].attach_scale(s)


def _write_attrs(f: h5py.File, spec: RunSpec) -> None:
    from cnnslicer_widgets import __version__

    texts = {
        "cnnslicer_version": __version__,
        "architecture": json.dumps([_layer_json(lay) for lay in spec.layers]),
        "classes": json.dumps(list(spec.classes)),
        "dataset_name": spec.dataset_name,
        "model_class": spec.model_class,
        "activation_dtype": spec.dtype,
        "schedule": json.dumps([int(e) for e in spec.schedule]),
        "extra": json.dumps(spec.attrs, default=str),
        "weights": json.dumps({name: [[int(d) for d in shape], np.dtype(dtype).name]
                               for name, (shape, dtype) in spec.weights.items()}),
    }
    assert set(texts) == set(CRC_ATTRS)
    texts = {k: v.replace("\0", "") for k, v in texts.items()}  # fixed-length: no NULs
    f.attrs["cnnslicer_format"] = spec.format_version
    for key, value in texts.items():
        text_attr(f, key, value)
    f.attrs["metadata_crc32"] = np.int64(metadata_crc(texts))


def write_layout(f: h5py.File, spec: RunSpec) -> None:
    """Write the metadata and create every dataset of ``spec`` (no epoch yet)."""
    n, k = spec.n_samples, spec.n_classes
    mk = _Maker(spec)
    _write_attrs(f, spec)
    epoch = mk.scale(f, "epoch", unlimited=True)
    x = mk.scale(f, "x", np.arange(n))
    cls = mk.scale(f, "class", np.arange(k))
    true = mk.scale(f, "true", np.arange(k))
    pred = mk.scale(f, "pred", np.arange(k))
    tep = mk.scale(f, "train_epoch", unlimited=True)

    mk.growing(f, "epoch_complete", (), "u1", (), fill=0, scales=[epoch])
    mk.growing(f, "loss", (), "f8", (), fill=np.nan, scales=[epoch])
    text_attr(f["loss"], "units", "nats (as passed by the caller)")
    for name, data in (("sample_index", spec.sample_index), ("label", spec.labels)):
        _attach(mk.data(f, name, np.asarray(data, dtype="i8")), x)
    mk.growing(f, "logits", (n, k), "f4", (_balanced(n, 4096), k), scales=[epoch, x, cls])
    mk.growing(f, "confusion", (k, k), "i8", (k, k), scales=[epoch, true, pred])
    mk.growing(f, "train_loss", (), "f8", (), fill=np.nan, scales=[tep])

    layers = f.create_group("layers")
    for lay in spec.layers:
        _create_layer(mk, layers, lay, spec, epoch, x)
    _create_weights(mk, f.create_group("weights"), spec, epoch)


def _layer_json(lay: LayerSpec) -> dict:
    d = asdict(lay)
    d["shape"] = list(lay.shape)
    d["original_shape"] = list(lay.original_shape)
    return d


def _create_layer(mk: _Maker, parent, lay: LayerSpec, spec: RunSpec, epoch, x) -> None:
    g = parent.create_group(lay.name)
    g.attrs["index"] = lay.index
    text_attr(g, "module", lay.module)
    text_attr(g, "type", lay.type)
    text_attr(g, "stored", lay.stored)
    c, h, w = lay.shape
    n = spec.n_samples
    channel = mk.scale(g, "channel", np.arange(c))
    if lay.stored == "histogram":
        _create_histogram(mk, g, lay, n, epoch, x, channel)
        return
    hw = [mk.scale(g, "h", np.arange(h)), mk.scale(g, "w", np.arange(w))]
    if lay.name == "input":
        dt = np.dtype(spec.input_dtype)
        chunks = chunks_for((c, h, w), n, dt.itemsize, lead=0)
        ds = g.create_dataset("activation", shape=(n, c, h, w), dtype=dt, chunks=chunks,
                              **mk.filters(chunks, dt))
        _attach(ds, x, channel, *hw)
    else:
        dt = np.dtype(spec.dtype)
        chunks = chunks_for((c, h, w), n, dt.itemsize, lead=0)
        mk.growing(g, "activation", (n, c, h, w), dt, chunks, scales=[epoch, x, channel, *hw])


def _create_histogram(mk: _Maker, g, lay: LayerSpec, n: int, epoch, x, channel) -> None:
    """(epoch, x, channel, bin) counts and (epoch, x, channel) min and max of every map."""
    c, h, w = lay.shape
    g.attrs["bins"] = lay.bins
    b = mk.scale(g, "bin", np.arange(lay.bins))
    dt = count_dtype(h * w)
    xb, cb = chunks_for((c, lay.bins, 1), n, dt.itemsize, lead=0)[:2]
    hist = mk.growing(g, "histogram", (n, c, lay.bins), dt, (xb, cb, lay.bins),
                      scales=[epoch, x, channel, b])
    text_attr(hist, "binning", "each map scaled to [-1, 1] by its own min and max, "
                             f"{lay.bins} equal bins; bin = floor((v - min) * bins / "
                             "(max - min)) clipped to bins - 1; a constant map counts in bin 0;"
                             " a map with NaN or inf has no counts")
    for name in ("min", "max"):
        mk.growing(g, name, (n, c), "f4", (xb, cb), fill=np.nan, scales=[epoch, x, channel])


def _create_weights(mk: _Maker, g: h5py.Group, spec: RunSpec, epoch) -> None:
    sizes: dict[str, h5py.Dataset] = {}
    for name, (shape, dtype) in spec.weights.items():
        dt = np.dtype(dtype)
        dims = []
        for axis, s in enumerate(shape):
            key = f"d{axis}_{s}"  # one scale per (axis, size): no repeated dim in a variable
            if key not in sizes:
                sizes[key] = mk.scale(g, key, np.arange(s))
            dims.append(sizes[key])
        chunks = weight_chunks(tuple(int(s) for s in shape), dt.itemsize)
        mk.growing(g, name, tuple(shape), dt, chunks, scales=[epoch, *dims])
