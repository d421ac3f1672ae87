"""Checks of a store's metadata: the format version and the JSON and text attributes.

:class:`Check` raises :class:`~cnnslicer_widgets.store.spec.StoreFormatError` naming the file,
the part, what was found, what was expected and what to do, and turns errors h5py raises
on damaged bytes into the same. Used by :mod:`cnnslicer_widgets.store.validate`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import h5py
import numpy as np

from cnnslicer_widgets.store.spec import (
    CRC_ATTRS,
    FORMAT_VERSION,
    LAYOUTS,
    STORED_KINDS,
    LayerSpec,
    StoreFormatError,
    metadata_crc,
)

__all__ = ["DAMAGED", "Check", "check_metadata", "check_version", "is_int", "parse_layers",
           "scalar", "shape_list"]

DAMAGED = ("The file is damaged or was not written by cnnslicer_widgets: copy it again from "
           "its source, or re-record the run.")
LOW_LEVEL = (OSError, KeyError, RuntimeError, ValueError, TypeError, IndexError,
              AttributeError, RecursionError)

class Check:
    """Raises errors that name the file and the part being checked."""

    def __init__(self, path: Path | str):
        self.path = path

    def fail(self, part: str, found: str, expected: str, fix: str = DAMAGED) -> NoReturn:
        raise StoreFormatError(f"{self.path}: {part} {found}; expected {expected}. {fix}")

    @contextmanager
    def reading(self, part: str) -> Iterator[None]:
        try:
            yield
        except StoreFormatError:
            raise
        except LOW_LEVEL as err:
            raise StoreFormatError(f"{self.path}: cannot read {part} ({type(err).__name__}: "
                                   f"{err}). {DAMAGED}") from None

    def dataset(self, f: h5py.File | h5py.Group, name: str, *, ndim: int, kinds: str,
                part: str = "") -> h5py.Dataset:
        """The dataset ``name``, checked for presence, rank and dtype kind."""
        part = part or f"dataset {name!r}"
        with self.reading(part):
            obj = f.get(name)
            if obj is None:
                self.fail(part, "is missing", "it in every cnnslicer store")
            if not isinstance(obj, h5py.Dataset):
                self.fail(part, f"is a {type(obj).__name__}", "a dataset")
            shape, dtype = obj.shape, obj.dtype
        if len(shape) != ndim:
            self.fail(part, f"has shape {shape}", f"{ndim} dims")
        if dtype.kind not in kinds:
            names = {"i": "signed int", "u": "unsigned int", "f": "float", "b": "bool"}
            self.fail(part, f"has dtype {dtype}", " or ".join(names[k] for k in kinds))
        return obj

    def shape(self, ds: h5py.Dataset, part: str, want: tuple, what: str) -> None:
        """``want`` may hold None for the (unlimited) epoch dim."""
        got = ds.shape
        if len(got) != len(want) or any(w is not None and g != w for g, w in zip(got, want, strict=True)):
            shown = tuple("epochs" if w is None else w for w in want)
            self.fail(part, f"has shape {got}", f"{shown} = ({what})")


def is_int(v: Any) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def scalar(v: Any) -> Any:
    """A one-value attribute as a Python scalar; fixed-length text decoded to str."""
    if isinstance(v, np.ndarray) and v.size == 1:
        v = v.reshape(()).item()
    v = v.item() if isinstance(v, np.generic) else v
    if isinstance(v, bytes):
        try:
            return v.decode("utf-8")
        except UnicodeDecodeError:
            return v
    return v


def check_version(f: h5py.File, c: Check) -> int:
    with c.reading("the root attributes"):
        version = f.attrs.get("cnnslicer_format")
        written_by = f.attrs.get("cnnslicer_version", "?")
    if version is None:
        raise StoreFormatError(
            f"{c.path} is an HDF5 file but not a cnnslicer store (no 'cnnslicer_format' "
            "attribute); stores are written by cnnslicer_widgets.Recorder"
        )
    version = scalar(version)
    if not is_int(version):
        c.fail("attribute 'cnnslicer_format'", f"is {version!r} ({type(version).__name__})",
               f"an integer format version (1..{FORMAT_VERSION})")
    if version > FORMAT_VERSION:
        raise StoreFormatError(
            f"{c.path} uses store format {int(version)}, written by cnnslicer_widgets "
            f"{scalar(written_by)}; this version reads format {FORMAT_VERSION} and older. "
            "Upgrade: pip install -U cnnslicer-widgets"
        )
    if version < 1:
        c.fail("attribute 'cnnslicer_format'", f"is {version}", f"1..{FORMAT_VERSION}")
    return int(version)


def text_attr(f: h5py.File, c: Check, name: str, *, required: bool) -> str | None:
    part = f"attribute {name!r}"
    with c.reading(part):
        if name not in f.attrs:
            if required:
                c.fail(part, "is missing", "it in every cnnslicer store")
            return None
        value = scalar(f.attrs[name])
    if isinstance(value, bytes):
        c.fail(f"attribute {name!r}", "is not UTF-8 text", "a UTF-8 text string")
    if not isinstance(value, str):
        c.fail(part, f"is a {type(value).__name__}", "a text string")
    return value


def json_attr(f: h5py.File, c: Check, name: str, kind: type, what: str, *, required: bool):
    text = text_attr(f, c, name, required=required)
    if text is None:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        c.fail(f"attribute {name!r}", f"is not valid JSON (starts {text[:40]!r})", what)
    if not isinstance(value, kind):
        c.fail(f"attribute {name!r}", f"holds a JSON {type(value).__name__}", what)
    return value


def shape_list(v: Any, *, n: int | None, positive: bool) -> bool:
    return (isinstance(v, list) and (n is None or len(v) == n)
            and all(is_int(s) and (s >= 1 if positive else s >= 0) for s in v))


def _layer(d: Any, i: int, c: Check) -> LayerSpec:
    part = f"attribute 'architecture', layer {i}"
    keys = "an object with name, index, module, type and shape (2 or 3 positive ints)"
    if not isinstance(d, dict) or any(k not in d for k in ("name", "index", "module", "type",
                                                           "shape")):
        c.fail(part, f"is {str(d)[:60]}", keys)
    name, stored = d["name"], d.get("stored", "raw")
    if not isinstance(name, str) or not name:
        c.fail(part, f"has name {name!r}", "a non-empty layer name")
    if not (is_int(d["index"]) and d["index"] == i):
        c.fail(part, f"({name!r}) has index {d['index']!r}", f"its position, {i}")
    if not (isinstance(d["module"], str) and isinstance(d["type"], str)):
        c.fail(part, f"({name!r}) has module/type {d['module']!r}/{d['type']!r}", "strings")
    layout = d.get("layout", "")
    if layout not in LAYOUTS:
        c.fail(part, f"({name!r}) has layout {layout!r}", f"one of {sorted(LAYOUTS)}")
    rank = 1 + len(LAYOUTS[layout])
    if not shape_list(d["shape"], n=rank, positive=True):
        c.fail(part, f"({name!r}) has shape {d['shape']!r}",
               f"[channels, {', '.join(LAYOUTS[layout])}], positive ints")
    original = d.get("original_shape", [])
    if not shape_list(original, n=None, positive=False):
        c.fail(part, f"({name!r}) has original_shape {original!r}", "a list of ints")
    if stored not in STORED_KINDS or (stored != "raw" and i == 0):
        c.fail(part, f"({name!r}) has stored={stored!r}", f"one of {STORED_KINDS} ('raw' "
               "for the input)")
    bins = d.get("bins", 0)
    if stored == "histogram" and not (is_int(bins) and 1 <= bins <= 65536):
        c.fail(part, f"({name!r}) has bins={bins!r}", "a positive number of histogram bins")
    return LayerSpec(name=name, index=i, module=d["module"], type=d["type"],
                     shape=tuple(int(s) for s in d["shape"]),
                     original_shape=tuple(int(s) for s in original), stored=stored,
                     bins=int(bins) if stored == "histogram" else 0, layout=layout)


def parse_layers(arch: Any, c: Check) -> list[LayerSpec]:
    """The layer list of the ``architecture`` metadata, checked entry by entry."""
    if not arch:
        c.fail("attribute 'architecture'", "lists no layers", "at least the input layer")
    layers = [_layer(d, i, c) for i, d in enumerate(arch)]
    if layers[0].name != "input":
        c.fail("attribute 'architecture'", f"starts with layer {layers[0].name!r}",
               "layer 0 named 'input'")
    names = [lay.name for lay in layers]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        c.fail("attribute 'architecture'", f"repeats layer names {dup}", "unique names")
    return layers


def check_metadata(f: h5py.File, c: Check) -> tuple[list[LayerSpec], list[str], dict, Any]:
    arch = json_attr(f, c, "architecture", list, "a JSON list of layers", required=True)
    layers = parse_layers(arch, c)
    classes = json_attr(f, c, "classes", list, "a JSON list of class names", required=True)
    if not classes or not all(isinstance(k, str) for k in classes):
        c.fail("attribute 'classes'", f"is {str(classes)[:60]}", "a non-empty list of strings")
    dtype = text_attr(f, c, "activation_dtype", required=True)
    if dtype not in ("float16", "float32"):
        c.fail("attribute 'activation_dtype'", f"is {dtype!r}", "'float16' or 'float32'")
    schedule = json_attr(f, c, "schedule", list, "a JSON list of epochs", required=False)
    if schedule is not None and not shape_list(schedule, n=None, positive=False):
        c.fail("attribute 'schedule'", f"is {str(schedule)[:60]}", "a list of epochs >= 0")
    json_attr(f, c, "extra", dict, "a JSON object", required=False)
    weights = weight_list(f, c)
    texts = {k: text_attr(f, c, k, required=False) or "" for k in CRC_ATTRS}
    with c.reading("the root attributes"):
        attrs = {k: scalar(v) for k, v in f.attrs.items()}
    crc = attrs.get("metadata_crc32")
    if crc is not None and (not is_int(crc) or crc != metadata_crc(texts)):
        c.fail("the metadata strings", f"do not match their checksum (metadata_crc32={crc!r})",
               "the text the writer stored (a metadata string was altered or damaged)")
    return layers, classes, attrs, weights


def weight_list(f: h5py.File, c: Check) -> dict[str, tuple[tuple[int, ...], str]] | None:
    """The ``weights`` metadata ({name: [shape, dtype]}), None in stores that predate it."""
    listed = json_attr(f, c, "weights", dict, "a JSON object {parameter: [shape, dtype]}",
                   required=False)
    if listed is None:
        return None
    out = {}
    for name, entry in listed.items():
        if not (isinstance(entry, list) and len(entry) == 2
                and shape_list(entry[0], n=None, positive=False) and isinstance(entry[1], str)):
            c.fail(f"attribute 'weights', parameter {name!r}", f"is {str(entry)[:60]}",
                   "[shape (list of ints), dtype name]")
        out[name] = (tuple(entry[0]), entry[1])
    return out
