"""What a store holds, before any file exists: errors, layer and run specs, the byte plan.

Shared by the writer (:mod:`cnnslicer_widgets.store`), the file layout
(:mod:`cnnslicer_widgets.store.layout`) and the checks run on open
(:mod:`cnnslicer_widgets.store.validate`). numpy only.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "FORMAT_VERSION",
    "HISTOGRAM_BINS",
    "LayerSpec",
    "NotStoredError",
    "RunSpec",
    "StoreError",
    "StoreFormatError",
    "StoreReadError",
    "StoreReplacedError",
    "StoreMismatchError",
    "StoreWriteError",
    "count_dtype",
    "describe_epochs",
    "format_bytes",
    "metadata_crc",
    "parse_bytes",
]

#: The newest store format this version reads. Format 1: raw layers only; format 2 adds
#: layers kept as per-map histograms. The writer writes the lowest format a run needs.
FORMAT_VERSION = 2

#: Bins of the per-map histograms of summarized layers (as intra-sample entropy bins a map: docs/estimators.md).
HISTOGRAM_BINS = 32

STORED_KINDS = ("raw", "histogram")

#: Root attributes held as variable-length strings. HDF5 keeps those in its global heap,
#: which has no checksum of its own, so the writer stores a CRC-32 of them
#: (``metadata_crc32``, in the checksummed object header) and readers compare.
CRC_ATTRS = ("architecture", "classes", "activation_dtype", "schedule", "extra",
             "dataset_name", "model_class", "cnnslicer_version", "weights")


class StoreError(Exception):
    """A problem with a store file or with what is asked of it."""


class StoreFormatError(StoreError, ValueError):
    """The file is not a readable cnnslicer store (wrong format, version, truncated, damaged)."""


class StoreReadError(StoreFormatError):
    """Data of a store could not be read (a damaged chunk: checksum or I/O error)."""


class StoreReplacedError(StoreError):
    """The file at a cube's path was replaced (re-recorded, copied over) after opening."""


class NotStoredError(StoreError, ValueError):
    """What was asked of a layer was not kept (e.g. raw maps of a histogram-only layer)."""


class StoreMismatchError(StoreError, ValueError):
    """A run cannot continue a store: its layers, probe, classes, weights or schedule
    differ from the store's (the message names the first difference)."""


class StoreWriteError(StoreError, OSError):
    """Writing a store failed (full disk, file-size limit, I/O error, file removed).

    An :class:`OSError` with the original ``errno``, ``strerror`` and ``filename`` (the
    original exception is its ``__cause__``); the message says which epochs are complete
    in the file and how to go on. ``kept`` lists those epochs.
    """

    def __init__(self, message: str, *, errno: int | None = None, strerror: str | None = None,
                 filename: str | None = None, kept: list[int] | None = None):
        super().__init__(errno, strerror, filename)
        self.message = message
        self.kept = list(kept or [])

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return (_rebuild_write_error, (self.message, self.errno, self.strerror, self.filename,
                                       self.kept))


def _rebuild_write_error(message, errno, strerror, filename, kept) -> StoreWriteError:
    return StoreWriteError(message, errno=errno, strerror=strerror, filename=filename, kept=kept)


def describe_epochs(epochs: list[int]) -> str:
    """``[0, 1, 2, 3, 7]`` -> ``"epochs 0-3, 7"``; ``[2]`` -> ``"epoch 2"``; ``[]`` -> ``"no epoch"``.

    Examples
    --------
    >>> describe_epochs([0, 1, 2, 3, 7]), describe_epochs([2]), describe_epochs([])
    ('epochs 0-3, 7', 'epoch 2', 'no epoch')
    """
    ordered = sorted({int(e) for e in epochs})
    if not ordered:
        return "no epoch"
    parts, i = [], 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(f"{ordered[i]}-{ordered[j]}" if j - i >= 2 else
                     ", ".join(str(v) for v in ordered[i : j + 1]))
        i = j + 1
    return ("epoch " if len(ordered) == 1 else "epochs ") + ", ".join(parts)


@dataclass(frozen=True)
class LayerSpec:
    """One layer of the hypercube: a module output, the input, or the model output.

    ``shape`` is (channels, h, w) of one sample; an (N, F) output is (F, 1, 1).
    ``stored`` is ``"raw"`` (every feature map) or ``"histogram"`` (per map only its min,
    max and a ``bins``-bin histogram of the map scaled to [-1, 1] by its own min and max).
    """

    name: str
    index: int
    module: str
    type: str
    shape: tuple[int, ...]
    original_shape: tuple[int, ...] = ()
    stored: str = "raw"
    bins: int = 0


@dataclass
class RunSpec:
    """Everything the writer must know before it creates the file.

    ``checksums`` adds an HDF5 Fletcher-32 checksum to every chunk, so that a damaged
    file gives an error on read instead of wrong numbers (costs write throughput).
    """

    layers: list[LayerSpec]
    sample_index: np.ndarray
    labels: np.ndarray
    classes: list[str]
    dtype: str = "float16"
    input_dtype: str = "float32"
    weights: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    schedule: list[int] = field(default_factory=list)
    dataset_name: str = ""
    model_class: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    checksums: bool = True

    @property
    def n_samples(self) -> int:
        return int(len(self.sample_index))

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def format_version(self) -> int:
        """The lowest store format that holds this run."""
        return 2 if any(lay.stored != "raw" for lay in self.layers) else 1


def count_dtype(map_size: int) -> np.dtype:
    """Histogram count dtype for maps of ``map_size`` values: uint16 when it fits."""
    return np.dtype("u2") if map_size <= np.iinfo(np.uint16).max else np.dtype("u4")


def metadata_crc(texts: dict[str, str]) -> int:
    """CRC-32 of the metadata strings named in ``CRC_ATTRS`` (absent ones count as empty)."""
    blob = "\0".join(f"{k}={texts.get(k, '')}" for k in CRC_ATTRS)
    return zlib.crc32(blob.encode("utf-8", "surrogatepass"))


def parse_bytes(value: int | float | str | None) -> int | None:
    """A size limit in bytes: ``"2GB"`` -> 2_000_000_000, ``"512MiB"`` -> 536870912,
    ``10**9`` -> 10**9; None means no limit.

    Raises
    ------
    ValueError
        Zero, negative, NaN or infinite sizes, and text that is not a size.
    TypeError
        Anything but a number, a string or None.

    Examples
    --------
    >>> parse_bytes("2GB"), parse_bytes("1.5 kB"), parse_bytes("1KiB"), parse_bytes(None)
    (2000000000, 1500, 1024, None)
    """
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, str,
                                                                      np.integer, np.floating)):
        raise TypeError(f"a size must be a number of bytes or a string such as '2GB', got "
                        f"{type(value).__name__} {value!r}")
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([kKmMgGtT]?)(i?)[bB]?\s*", value)
        if not m or (m.group(3) and not m.group(2)):
            raise ValueError(f"cannot read {value!r} as a size; write e.g. 500MB, 2GB, 1GiB "
                             "or 10**9")
        base = 1024 if m.group(3) else 1000
        number = float(m.group(1)) * base ** " KMGT".index(m.group(2).upper() or " ")
    else:
        number = float(value)
    if not math.isfinite(number) or number < 1:
        raise ValueError(f"a size limit must be a positive number of bytes, got {value!r}")
    return int(number)


def format_bytes(n: float) -> str:
    """``1234567`` -> ``"1.2 MB"``."""
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1000
    return f"{n} B"
