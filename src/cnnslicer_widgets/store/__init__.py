"""The HDF5 store: one file per run, appended one epoch at a time.

Layout (every array has netCDF-4 dimension scales, so
``xarray.open_dataset(path, engine="h5netcdf", group=...)`` reads any group)::

    /                       attrs: cnnslicer_format, architecture (JSON), classes (JSON), ...,
                            metadata_crc32 (CRC-32 of the metadata strings)
    /epoch (epoch)          training epoch numbers, unlimited dimension
    /epoch_complete (epoch) 1 once every array of that epoch is written and flushed
    /x, /sample_index, /label (x)   probe positions, dataset indices, labels
    /loss (epoch)           training loss passed by the caller (NaN at epoch 0)
    /logits (epoch, x, class)
    /confusion (epoch, true, pred)  on the evaluation set
    /train_epoch, /train_loss (train_epoch)  the loss of every training epoch, recorded or not
    /layers/<name>/activation (epoch, x, channel, h, w)  ("input" has no epoch dimension)
    /layers/<name>/histogram (epoch, x, channel, bin)    layers kept as per-map statistics
    /layers/<name>/min, max  (epoch, x, channel)         (format 2, ``stored="histogram"``)
    /weights/<parameter>    (epoch, ...)  the model's state_dict per recorded epoch

Format 1 holds raw layers only; format 2 adds histogram layers. Every chunk carries a
Fletcher-32 checksum (unless ``RunSpec.checksums=False``), so damaged data gives an error
on read, never wrong numbers.

The writer creates every dataset up front, then switches the file to HDF5
single-writer/multiple-reader (SWMR) mode, so that readers can follow a run while it
trains and a killed writer leaves all completed epochs readable. An epoch is marked
complete only after all its arrays are written and flushed. A failed write (full disk,
file-size limit, I/O error) leaves the file as a kill would and raises one
:class:`StoreWriteError`; :meth:`StoreWriter.resume` continues a stopped run in the same
file. Readers (:func:`open_store`) validate the whole structure first (:mod:`.validate`).

This module needs h5py and numpy only (no torch).

Modules, in the order a run's bytes pass through them: :mod:`.spec` (what a store holds
before any file exists: errors, layer and run specs), :mod:`.plan` (chunk shapes and the
byte plan), :mod:`.paths` (what may be a store's path), :mod:`.layout` (creating the
datasets), :mod:`.writer` (appending epochs; failing cleanly; resuming), :mod:`.live` and
:mod:`.superblock` (is a writer on the file; did it close it), :mod:`.checks` and
:mod:`.validate` (what is checked on every open), :mod:`.reader` (opening, the cube's
view of a store, guarded lazy reads), :mod:`.resume` (may a run continue a store),
:mod:`.verify` (read every chunk).
"""

from __future__ import annotations

from cnnslicer_widgets.store.plan import estimate_bytes
from cnnslicer_widgets.store.reader import open_store_file
from cnnslicer_widgets.store.spec import (
    FORMAT_VERSION,
    HISTOGRAM_BINS,
    LayerSpec,
    NotStoredError,
    RunSpec,
    StoreError,
    StoreFormatError,
    StoreMismatchError,
    StoreReadError,
    StoreReplacedError,
    StoreWriteError,
    count_dtype,
    describe_epochs,
    format_bytes,
    parse_bytes,
)
from cnnslicer_widgets.store.verify import Damage, verify
from cnnslicer_widgets.store.writer import StoreWriter

__all__ = [
    "FORMAT_VERSION",
    "Damage",
    "HISTOGRAM_BINS",
    "LayerSpec",
    "NotStoredError",
    "RunSpec",
    "StoreError",
    "StoreFormatError",
    "StoreMismatchError",
    "StoreReadError",
    "StoreReplacedError",
    "StoreWriteError",
    "StoreWriter",
    "count_dtype",
    "describe_epochs",
    "estimate_bytes",
    "format_bytes",
    "open_store_file",
    "parse_bytes",
    "verify",
]
