"""Corpus quality on the held-out parts: regression floors, plus the issue-5 targets (not yet all met).

test.yaml and test2.yaml were held out until round 2; round 3 read their errors and tuned on them, so they
are no longer clean. test3.yaml was written at the start of round 3, before any change of that round, and
scored once at its end (validation/text-corpus/GUIDE.md): it is the held-out estimate now.
Issue-5 targets: micro-F1 >= 0.85, red-flag recall >= 0.98, negation accuracy >= 0.95.

Measured at the end of round 3 (`hamstring-dx bench read <part>`):
  test:  F1 0.887, red-flag recall 0.942, negation 0.979   (round 2: 0.878, 0.942, 0.979; tuned on in round 3)
  test2: F1 0.910, red-flag recall 0.944, negation 0.994   (round 2: 0.845, 0.903, 0.986; tuned on in round 3)
  test3: F1 0.898, red-flag recall 0.913, negation 0.995   (held out, single scoring)
On test3 F1 and negation meet the targets, red-flag recall does not (0.913 < 0.98): floors sit just under
the measured values and the targets stay an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"
PARTS = ("dev", "test", "test2", "test3")


@pytest.fixture(scope="module")
def results():
    return {p: bench_read(CORPUS / f"{p}.yaml") for p in ("test", "test2", "test3")}


def test_corpus_size_and_split():
    parts = {p: load_corpus(CORPUS / f"{p}.yaml") for p in PARTS}
    assert len(parts["dev"]) + len(parts["test"]) >= 300
    assert all(len(parts[p]) >= 100 for p in ("test", "test2")) and len(parts["test3"]) >= 120
    texts = {p: {i["text"] for i in items} for p, items in parts.items()}
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            assert not texts[a] & texts[b], (a, b)


@pytest.mark.parametrize(
    ("part", "f1", "red_flag", "negation"),
    [
        # round 3 end: test 0.887 / 0.942 / 0.979; test2 0.910 / 0.944 / 0.994; test3 0.898 / 0.913 / 0.995
        ("test", 0.87, 0.93, 0.97),
        ("test2", 0.89, 0.93, 0.98),
        ("test3", 0.88, 0.90, 0.98),
    ],
)
def test_regression_floor(results, part, f1, red_flag, negation):
    r = results[part]
    assert r["overall"]["f1"] >= f1
    assert r["red_flag_recall"] >= red_flag
    assert r["negation_accuracy"] >= negation


def test_issue_targets_met_on_test3_f1_and_negation(results):
    assert results["test3"]["overall"]["f1"] >= 0.85
    assert results["test3"]["negation_accuracy"] >= 0.95


@pytest.mark.xfail(
    reason="issue 5 red-flag recall target not met on held-out test3 (0.913 < 0.98); see docs/text-reader.md",
    strict=False,
)
def test_issue_targets(results):
    r = results["test3"]
    assert r["overall"]["f1"] >= 0.85
    assert r["red_flag_recall"] >= 0.98
    assert r["negation_accuracy"] >= 0.95
