"""Binary array codec: numpy arrays cross to the browser as dtype + shape + bytes.

Every view sends arrays through this module, never as JSON lists (STYLE 6). A payload is
a plain dict ``{"dtype": str, "shape": list[int], "buffer": memoryview}``; ipywidgets
takes the memoryview out of the JSON state and sends it as a binary frame, and the
front end receives it as a ``DataView`` (see ``js/lib/codec.js`` for the decoder).

Bytes are C-ordered and little-endian. NaN, +inf, -inf and -0.0 travel unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

__all__ = [
    "SUPPORTED_DTYPES",
    "Array",
    "array_serialization",
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


def _check_dtype(dtype: np.dtype) -> str:
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
    name = _check_dtype(arr.dtype)
    shape = [int(n) for n in arr.shape]
    little = arr.dtype.newbyteorder("<")
    if arr.dtype != little or not arr.flags.c_contiguous:
        arr = np.array(arr, dtype=little, order="C", copy=True)
    flat = arr.reshape(-1).view(np.uint8)
    return {"dtype": name, "shape": shape, "buffer": memoryview(flat)}


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


class Array(traitlets.TraitType):
    """A numpy array trait that syncs as binary (dtype + shape + bytes).

    The default value is ``None`` (no array). Assigning an equal array (same dtype,
    shape and values, NaN equal to NaN) does not notify observers or resend bytes.

    Parameters
    ----------
    dtype : str, optional
        If given, values are cast to this dtype (which must be supported).
    ndim : int, optional
        If given, values must have exactly this number of dimensions.
    allow_none : bool, default True
        Whether ``None`` is a valid value.

    Examples
    --------
    >>> class Holder(traitlets.HasTraits):
    ...     values = Array(dtype="float32", ndim=2)
    >>> Holder(values=[[1, 2]]).values.dtype
    dtype('float32')
    """

    info_text = "a numpy array with a supported dtype"

    def __init__(
        self,
        *,
        dtype: str | None = None,
        ndim: int | None = None,
        allow_none: bool = True,
        **kwargs: Any,
    ) -> None:
        if dtype is not None:
            _check_dtype(np.dtype(dtype))
        self._dtype = dtype
        self._ndim = ndim
        super().__init__(default_value=None, allow_none=allow_none, **kwargs)
        self.metadata.setdefault("to_json", _to_json)
        self.metadata.setdefault("from_json", _from_json)

    def validate(self, obj: Any, value: Any) -> np.ndarray | None:
        if value is None:
            if self.allow_none:
                return None
            self.error(obj, value)
        try:
            arr = np.asarray(value, dtype=self._dtype)
        except (TypeError, ValueError) as err:
            raise traitlets.TraitError(
                f"the {self.name!r} trait of {type(obj).__name__} needs an array: {err}"
            ) from err
        try:
            _check_dtype(arr.dtype)
        except TypeError as err:
            raise traitlets.TraitError(f"the {self.name!r} trait: {err}") from err
        if self._ndim is not None and arr.ndim != self._ndim:
            raise traitlets.TraitError(
                f"the {self.name!r} trait of {type(obj).__name__} needs {self._ndim} dimensions, "
                f"got shape {arr.shape}"
            )
        return arr

    def set(self, obj: traitlets.HasTraits, value: Any) -> None:
        # traitlets compares with ``old == new``, which is ambiguous for arrays and
        # wrong for 1-element arrays of different shapes; compare exactly instead.
        new = self._validate(obj, value)
        old = obj._trait_values.get(self.name, self.default_value)
        obj._trait_values[self.name] = new
        if not _same_array(old, new):
            obj._notify_trait(self.name, old, new)


def _same_array(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return (
        a.dtype == b.dtype
        and a.shape == b.shape
        and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    )
