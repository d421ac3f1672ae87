"""Sample-group strings: parsing, canonical text and masks."""

from __future__ import annotations

import numpy as np
import pytest

from cnnslicer_widgets.sample_groups import SampleGroup, parse_sample_group

LABELS = np.array([0, 1, 1, 2, 2])
PREDS = np.array([0, 1, 2, 2, 1])


@pytest.mark.parametrize(
    ("text", "canonical", "mask"),
    [
        ("all", "all", [1, 1, 1, 1, 1]),
        ("  all ", "all", [1, 1, 1, 1, 1]),
        ("label == 1", "label == 1", [0, 1, 1, 0, 0]),
        ("label==2", "label == 2", [0, 0, 0, 1, 1]),
        ("pred == 1", "pred == 1", [0, 1, 0, 0, 1]),
        ("pred == 2 and label == 1", "label == 1 and pred == 2", [0, 0, 1, 0, 0]),
        ("correct", "correct", [1, 1, 0, 1, 0]),
        ("incorrect", "incorrect", [0, 0, 1, 0, 1]),
    ],
)
def test_groups_parse_and_mask(text: str, canonical: str, mask: list[int]) -> None:
    group = parse_sample_group(text)
    assert group.text == canonical
    assert parse_sample_group(group.text) == group
    np.testing.assert_array_equal(group.mask(LABELS, PREDS), np.array(mask, dtype=bool))


def test_label_groups_need_no_predictions_but_pred_groups_do() -> None:
    assert parse_sample_group("label == 2").mask(LABELS).sum() == 2
    assert not SampleGroup(label=1).needs_predictions
    with pytest.raises(ValueError, match="needs predictions: pass preds="):
        parse_sample_group("correct").mask(LABELS)
    with pytest.raises(ValueError, match="preds has shape"):
        parse_sample_group("pred == 1").mask(LABELS, PREDS[:2])


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "label",
        "label == -1",
        "label == x",
        "label == 1 and label == 2",
        "all and correct",
        "label == 1 or pred == 2",
        "class == 1",
    ],
)
def test_malformed_groups_explain_the_grammar(bad: str) -> None:
    with pytest.raises(ValueError, match="use 'all', 'correct', 'incorrect', 'label == <k>'"):
        parse_sample_group(bad)


def test_non_strings_are_refused() -> None:
    with pytest.raises(ValueError, match="must be a string"):
        parse_sample_group(3)  # type: ignore[arg-type]
