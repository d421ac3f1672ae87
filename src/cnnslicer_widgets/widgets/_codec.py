"""Binary array codec: numpy arrays cross to the browser as dtype + shape + bytes.

Every view sends arrays through this module, never as JSON lists. A payload is
a plain dict ``{"dtype": str, "shape": list[int], "buffer": memoryview}``; ipywidgets
takes the memoryview out of the JSON state and sends it as a binary frame, and the
front end receives it as a ``DataView`` (see ``js/lib/codec.js`` for the decoder).

Bytes are C-ordered and little-endian. NaN, +inf, -inf and -0.0 travel unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "SUPPORTED_DTYPES",
    "array_serialization",
    "check_dtype",
    "from_buffer",
    "to_buffer",
]

SUPPORTED_DTYPES: tuple[str, ...] = (
    "float16",
    "float32",
    "float64",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "bool",
)
"""Dtype names the codec accepts, the same strings on both sides of the wire."""


def check_dtype(dtype: np.dtype) -> str:
    name = np.dtype(dtype).name
    if name not in SUPPORTED_DTYPES:
        raise TypeError(
            f"cannot send an array of dtype {name!r} to the browser; "
            f"supported dtypes: {', '.join(SUPPORTED_DTYPES)}. "
            "Convert it first, for example with `array.astype('float32')`."
        )
    return name


def to_buffer(array: Any) -> dict[str, Any]:
    """Encode an array as ``{"dtype", "shape", "buffer"}`` for a synced trait.

    Parameters
    ----------
    array : array_like
        Anything :func:`numpy.asarray` accepts (numpy, xarray, dask compute on access).
        Zero-size and 0-d arrays are fine.

    Returns
    -------
    dict
        ``dtype``: one of :data:`SUPPORTED_DTYPES`; ``shape``: list of ints;
        ``buffer``: a flat ``memoryview`` of the C-ordered, little-endian bytes.

    Raises
    ------
    TypeError
        If the dtype is not supported (object, complex, strings, datetimes).

    Examples
    --------
    >>> payload = to_buffer(np.array([[1.0, np.nan]], dtype="float32"))
    >>> payload["dtype"], payload["shape"], payload["buffer"].nbytes
    ('float32', [1, 2], 8)
    """
    arr = np.asarray(array)
    name = check_dtype(arr.dtype)
    shape = [int(n) for n in arr.shape]
    little = arr.dtype.newbyteorder("<")
    if arr.dtype != little or not arr.flags.c_contiguous:
        arr = np.array(arr, dtype=little, order="C", copy=True)
    flat = arr.reshape(-1).view(np.uint8)
    return {"dtype": name, "shape": shape, "buffer": memoryview(flat)}  # type: ignore[arg-type]


def from_buffer(payload: dict[str, Any]) -> np.ndarray:
    """Decode a ``{"dtype", "shape", "buffer"}`` payload into a new numpy array.

    Parameters
    ----------
    payload : dict
        As made by :func:`to_buffer`, or sent by ``encode`` in ``js/lib/codec.js``
        (the buffer then arrives as a ``memoryview`` or ``bytes``).

    Returns
    -------
    numpy.ndarray
        A writable C-ordered array that owns its memory.

    Raises
    ------
    ValueError
        If the payload is malformed: missing keys, unknown dtype, a negative or
        non-integer shape, or a byte count that does not match dtype and shape.

    Examples
    --------
    >>> from_buffer(to_buffer(np.arange(3, dtype="int16")))
    array([0, 1, 2], dtype=int16)
    """
    if not isinstance(payload, dict) or not {"dtype", "shape", "buffer"} <= payload.keys():
        got = sorted(payload) if isinstance(payload, dict) else type(payload).__name__
        raise ValueError(f"array payload must be a dict with dtype, shape and buffer; got {got}")
    name = payload["dtype"]
    if name not in SUPPORTED_DTYPES:
        raise ValueError(
            f"array payload has dtype {name!r}; supported: {', '.join(SUPPORTED_DTYPES)}"
        )
    shape = payload["shape"]
    if not isinstance(shape, (list, tuple)) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape
    ):
        raise ValueError(f"array payload shape must be a list of non-negative ints; got {shape!r}")
    dtype = np.dtype(name).newbyteorder("<")
    raw = memoryview(payload["buffer"]).cast("B")
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if raw.nbytes != expected:
        raise ValueError(
            f"array payload of dtype {name} and shape {list(shape)} needs {expected} bytes, "
            f"got {raw.nbytes}"
        )
    out = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(np.dtype(name), copy=True)
    return out


def _to_json(value: Any, _widget: Any) -> dict[str, Any] | None:
    return None if value is None else to_buffer(value)


def _from_json(value: Any, _widget: Any) -> np.ndarray | None:
    return None if value is None else from_buffer(value)


array_serialization: dict[str, Any] = {"to_json": _to_json, "from_json": _from_json}
"""Serializer pair for ``trait.tag(sync=True, **array_serialization)``; ``None`` passes."""


