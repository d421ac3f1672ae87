"""Sample groups: which probe samples a selection looks at, as a short readable string.

Grammar (whitespace is free; the canonical form is what :attr:`SampleGroup.text` gives)::

    "all"                          every sample
    "correct" | "incorrect"        classified right / wrong (needs predictions)
    "label == 3"                   samples whose true class is 3
    "pred == 5"                    samples predicted as class 5 (needs predictions)
    "label == 3 and pred == 5"     one cell of the confusion matrix

The same grammar is parsed in the browser by ``parseSampleGroup`` in ``js/lib/selection.js``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

__all__ = ["SampleGroup", "parse_sample_group"]

_CLAUSE = re.compile(r"^(label|pred)\s*==\s*(\d{1,9})$")
_KEYWORDS = ("all", "correct", "incorrect")


@dataclass(frozen=True)
class SampleGroup:
    """A parsed sample group; build it with :func:`parse_sample_group`.

    Attributes
    ----------
    label : int or None
        Keep samples whose true class is ``label``.
    pred : int or None
        Keep samples predicted as ``pred``.
    correct : bool or None
        Keep correctly (True) or wrongly (False) classified samples.
    """

    label: int | None = None
    pred: int | None = None
    correct: bool | None = None

    @property
    def text(self) -> str:
        """The canonical string, e.g. ``"label == 3 and pred == 5"``."""
        if self.correct is not None:
            return "correct" if self.correct else "incorrect"
        parts = [
            f"{k} == {v}" for k, v in (("label", self.label), ("pred", self.pred)) if v is not None
        ]
        return " and ".join(parts) or "all"

    @property
    def needs_predictions(self) -> bool:
        """Whether :meth:`mask` needs the model's predictions."""
        return self.pred is not None or self.correct is not None

    def mask(self, labels: np.ndarray, preds: np.ndarray | None = None) -> np.ndarray:
        """Boolean mask over samples.

        Parameters
        ----------
        labels : array of int, shape (n,)
            True class of each sample.
        preds : array of int, shape (n,), optional
            Predicted class of each sample; required when :attr:`needs_predictions`.

        Examples
        --------
        >>> parse_sample_group("label == 1").mask(np.array([0, 1, 1]))
        array([False,  True,  True])
        """
        labels = np.asarray(labels)
        if self.needs_predictions and preds is None:
            raise ValueError(f"sample group {self.text!r} needs predictions: pass preds=")
        keep = np.ones(labels.shape, dtype=bool)
        if self.label is not None:
            keep &= labels == self.label
        if preds is not None:
            preds = np.asarray(preds)
            if preds.shape != labels.shape:
                raise ValueError(f"preds has shape {preds.shape}, labels {labels.shape}")
            if self.pred is not None:
                keep &= preds == self.pred
            if self.correct is not None:
                keep &= (preds == labels) == self.correct
        return keep


def parse_sample_group(text: str) -> SampleGroup:
    """Parse a sample-group string (grammar in the module docstring).

    Raises
    ------
    ValueError
        With the grammar in the message, if ``text`` does not follow it.

    Examples
    --------
    >>> parse_sample_group("label==3 and pred == 5").text
    'label == 3 and pred == 5'
    >>> parse_sample_group("correct")
    SampleGroup(label=None, pred=None, correct=True)
    """
    if not isinstance(text, str):
        raise ValueError(f"sample_group must be a string, got {type(text).__name__}")
    words = " ".join(text.split())
    if words in _KEYWORDS:
        return SampleGroup(correct=None if words == "all" else words == "correct")
    found: dict[str, int] = {}
    for clause in words.split(" and "):
        match = _CLAUSE.match(clause.strip())
        if match is None or match.group(1) in found:
            raise ValueError(
                f"sample_group {text!r} is not understood; use 'all', 'correct', 'incorrect', "
                "'label == <k>', 'pred == <k>' or 'label == <k> and pred == <j>'"
            )
        found[match.group(1)] = int(match.group(2))
    return SampleGroup(label=found.get("label"), pred=found.get("pred"))
