"""Corpus quality on the held-out parts: regression floors, plus the issue-5 targets (not yet met).

test.yaml is the colleague's held-out part; test2.yaml is a second held-out part written before the
second round of lexicon work and scored once at its end (validation/text-corpus/GUIDE.md). Neither is
used for tuning. Issue-5 targets: micro-F1 >= 0.85, red-flag recall >= 0.98, negation accuracy >= 0.95.

Measured at the end of round 2 (single scoring, `hamstring-dx bench read <part>`):
  test:  F1 0.878, red-flag recall 0.942, negation 0.979
  test2: F1 0.845, red-flag recall 0.903, negation 0.986
The targets are not all met on test2 (F1 and red-flag recall short), so test2 carries regression
floors just under the measured values and the targets stay an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"


@pytest.fixture(scope="module")
def test_result():
    return bench_read(CORPUS / "test.yaml")


@pytest.fixture(scope="module")
def test2_result():
    return bench_read(CORPUS / "test2.yaml")


def test_corpus_size_and_split():
    dev, test, test2 = (load_corpus(CORPUS / f"{p}.yaml") for p in ("dev", "test", "test2"))
    assert len(dev) + len(test) >= 300 and len(test) >= 100 and len(test2) >= 100
    texts = [{i["text"] for i in part} for part in (dev, test, test2)]
    assert not texts[0] & texts[1] and not texts[0] & texts[2] and not texts[1] & texts[2]


def test_regression_floor_test(test_result):
    # Round 1 (untuned): F1 0.830, red-flag recall 0.928, negation 0.952. Round 2: 0.878, 0.942, 0.979.
    assert test_result["overall"]["f1"] >= 0.86
    assert test_result["red_flag_recall"] >= 0.93
    assert test_result["negation_accuracy"] >= 0.97


def test_regression_floor_test2(test2_result):
    # Round 2, first and only scoring: F1 0.845, red-flag recall 0.903, negation 0.986.
    assert test2_result["overall"]["f1"] >= 0.83
    assert test2_result["red_flag_recall"] >= 0.89
    assert test2_result["negation_accuracy"] >= 0.97


@pytest.mark.xfail(
    reason="issue 5 targets not met on test2 (F1 0.845 < 0.85, red-flag recall 0.903 < 0.98) nor on test "
    "(red-flag recall 0.942 < 0.98); see docs/text-reader.md",
    strict=False,
)
def test_issue_targets(test_result, test2_result):
    for result in (test_result, test2_result):
        assert result["overall"]["f1"] >= 0.85
        assert result["red_flag_recall"] >= 0.98
        assert result["negation_accuracy"] >= 0.95
