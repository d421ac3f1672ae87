"""The trait types of the views and the selection: every value check in one place.

Each trait validates what it is given and says, on a bad value, which widget and trait
it was and what it takes (``Selection.channels must be a list of distinct non-negative
integers; got [-1]``). Arrays cross to the browser as binary (:class:`Array`); epochs
are :func:`Epochs` on every view.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import traitlets

from cnnslicer_widgets.sample_groups import parse_sample_group
from cnnslicer_widgets.widgets._codec import array_serialization, check_dtype

__all__ = [
    "HOVER_KINDS",
    "Array",
    "Channels",
    "Epochs",
    "Hovered",
    "Index",
    "Int",
    "LayerNames",
    "SampleGroupText",
    "is_index",
]

HOVER_KINDS: dict[str, tuple[str, ...]] = {
    "layer": ("layer",),
    "channel": ("layer", "channel"),
    "class": ("class_index",),
    "epoch": ("epoch",),
    "sample": ("sample",),
    "cell": ("layer", "channel", "to_layer", "to_channel"),
}
"""Each ``hovered["kind"]`` and the keys it requires."""

_HOVER_STR = ("layer", "to_layer", "source")
_HOVER_INT = ("channel", "to_channel", "epoch", "class_index", "sample")


def is_index(value: Any) -> bool:
    """A non-negative integer (numpy integers too, not bools)."""
    return (isinstance(value, numbers.Integral) and not isinstance(value, bool)
            and int(value) >= 0)


def _reject(trait: traitlets.TraitType, obj: Any, rule: str, value: Any) -> traitlets.TraitError:
    return traitlets.TraitError(f"{type(obj).__name__}.{trait.name} must be {rule}; "
                                f"got {value!r}")


class Int(traitlets.Int):
    """An int trait that also takes numpy integers (``cube.epochs[-1]``)."""

    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = int(value)
        return super().validate(obj, value)


class Index(traitlets.TraitType):
    """A non-negative integer (an epoch, a class), or None where ``allow_none``."""

    info_text = "a non-negative integer"

    def validate(self, obj: Any, value: Any) -> Any:
        if value is None and self.allow_none:
            return None
        if not is_index(value):
            raise _reject(self, obj, "None or a non-negative integer" if self.allow_none
                          else "a non-negative integer", value)
        return int(value)


class LayerNames(traitlets.List):
    """A list of distinct, non-empty layer names (in the order given)."""

    def validate(self, obj: Any, value: Any) -> Any:
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value)
        if not ok or len(set(value)) != len(value):
            raise _reject(self, obj, "a list of distinct non-empty layer names", value)
        return list(value)


class Channels(traitlets.List):
    """A list of distinct non-negative channel indices (in the order given)."""

    def validate(self, obj: Any, value: Any) -> Any:
        ok = isinstance(value, (list, tuple)) and all(is_index(v) for v in value)
        if not ok or len(set(value)) != len(value):
            raise _reject(self, obj, "a list of distinct non-negative integers", value)
        return [int(v) for v in value]


class SampleGroupText(traitlets.Unicode):
    """A sample group (:mod:`cnnslicer_widgets.sample_groups`), kept in canonical form."""

    def validate(self, obj: Any, value: Any) -> Any:
        try:
            return parse_sample_group(value).text
        except ValueError as err:
            raise traitlets.TraitError(f"{type(obj).__name__}.{err}") from err


class Hovered(traitlets.Dict):
    """The item under the pointer: ``{}`` or ``{"kind": k, ...}`` with the keys
    :data:`HOVER_KINDS` requires for ``k``."""

    def validate(self, obj: Any, value: Any) -> Any:
        if value == {}:
            return {}
        problem = _hover_problem(value)
        if problem:
            raise traitlets.TraitError(f"{type(obj).__name__}.{self.name} {problem}; "
                                       f"got {value!r}")
        return dict(value)


def _hover_problem(value: Any) -> str:
    """Why ``value`` is not a valid ``hovered`` dict ("" if it is)."""
    if not isinstance(value, dict):
        return "must be a dict"
    kind = value.get("kind")
    if kind not in HOVER_KINDS:
        return f"needs 'kind', one of {', '.join(HOVER_KINDS)}"
    allowed = {"kind", *_HOVER_STR, *_HOVER_INT}
    unknown = sorted(set(value) - allowed)
    if unknown:
        return f"has unknown key(s) {unknown}; allowed: {', '.join(sorted(allowed))}"
    missing = [k for k in HOVER_KINDS[kind] if k not in value]
    if missing:
        return f"of kind {kind!r} needs {', '.join(missing)}"
    for key in _HOVER_STR:
        if key in value and not (isinstance(value[key], str) and value[key]):
            return f"needs a non-empty string for {key!r}"
    for key in _HOVER_INT:
        if key in value and not is_index(value[key]):
            return f"needs a non-negative integer for {key!r}"
    return ""


def Epochs() -> traitlets.List:  # noqa: N802 - a trait factory, used like a class
    """The complete epochs a view shows, ascending: a list of ints on every view."""
    return traitlets.List(Int())


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
            check_dtype(np.dtype(dtype))
        self._dtype = dtype
        self._ndim = ndim
        super().__init__(default_value=None, allow_none=allow_none, **kwargs)
        self.metadata.update(array_serialization)

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
            check_dtype(arr.dtype)
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
        name = str(self.name)
        new = self._validate(obj, value)
        old = obj._trait_values.get(name, self.default_value)
        obj._trait_values[name] = new
        if not _same_array(old, new):
            obj._notify_trait(name, old, new)


def _same_array(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return (
        a.dtype == b.dtype
        and a.shape == b.shape
        and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    )
