"""Corpus quality on the held-out TEST part (regression guards plus the issue's targets)."""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"


@pytest.fixture(scope="module")
def test_result():
    return bench_read(CORPUS / "test.yaml")


def test_corpus_size_and_split():
    dev, test = load_corpus(CORPUS / "dev.yaml"), load_corpus(CORPUS / "test.yaml")
    assert len(dev) + len(test) >= 300 and len(test) >= 100
    assert not {i["text"] for i in dev} & {i["text"] for i in test}


def test_regression_floor(test_result):
    # Measured at the first (untuned) scoring of the test part: F1 0.830, red-flag recall 0.928,
    # negation accuracy 0.952. These floors catch regressions.
    assert test_result["overall"]["f1"] >= 0.80
    assert test_result["red_flag_recall"] >= 0.90
    assert test_result["negation_accuracy"] >= 0.94


@pytest.mark.xfail(
    reason="issue 5 targets not yet met on the test part (F1 0.830 < 0.85, red-flag recall "
    "0.928 < 0.98); see the issue report",
    strict=False,
)
def test_issue_targets(test_result):
    assert test_result["overall"]["f1"] >= 0.85
    assert test_result["red_flag_recall"] >= 0.98
    assert test_result["negation_accuracy"] >= 0.95
