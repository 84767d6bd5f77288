"""Corpus quality on the held-out parts: regression floors, plus the issue-5 targets (not yet all met).

test.yaml and test2.yaml were held out until round 2 and tuned on in round 3; test3.yaml was held out in
round 3 and tuned on in round 4 (its errors were read). test4.yaml was written at the start of round 4,
before any change of that round, and scored once at its end (validation/text-corpus/GUIDE.md): it is the
held-out estimate now. Issue-5 targets: micro-F1 >= 0.85, red-flag recall >= 0.98, negation accuracy >= 0.95.

Measured at the end of round 4 (`hamstring-dx bench read <part>`):
  test:  F1 0.891, red-flag recall 0.971, negation 0.980   (round 3: 0.887, 0.942, 0.979; tuned on)
  test2: F1 0.918, red-flag recall 0.986, negation 0.994   (round 3: 0.910, 0.944, 0.994; tuned on)
  test3: F1 0.961, red-flag recall 1.000, negation 1.000   (round 3 held out: 0.898, 0.913, 0.995; tuned on in round 4)
  test4: F1 0.797, red-flag recall 0.884, negation 0.993   (held out, single scoring of 130 items: 0.786 / 0.890 /
         0.972; then 7 items repeating earlier parts word for word were removed and 3 test-kind gold values
         corrected to positive/negative, see docs/text-reader.md)
On test4 negation meets the target; F1 and red-flag recall do not: floors sit just under the measured
values and the full targets stay an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"
PARTS = ("dev", "test", "test2", "test3", "test4")


@pytest.fixture(scope="module")
def results():
    return {p: bench_read(CORPUS / f"{p}.yaml") for p in ("test", "test2", "test3", "test4")}


def test_corpus_size_and_split():
    parts = {p: load_corpus(CORPUS / f"{p}.yaml") for p in PARTS}
    assert len(parts["dev"]) + len(parts["test"]) >= 300
    assert all(len(parts[p]) >= 100 for p in ("test", "test2")) and len(parts["test3"]) >= 120
    assert len(parts["test4"]) >= 120
    texts = {p: {i["text"] for i in items} for p, items in parts.items()}
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            assert not texts[a] & texts[b], (a, b)


@pytest.mark.parametrize(
    ("part", "f1", "red_flag", "negation"),
    [
        # round 4 end: test 0.891 / 0.971 / 0.980; test2 0.918 / 0.986 / 0.994; test3 0.961 / 1.0 / 1.0;
        # test4 (held out) 0.797 / 0.884 / 0.993
        ("test", 0.88, 0.96, 0.97),
        ("test2", 0.90, 0.98, 0.98),
        ("test3", 0.95, 0.99, 0.99),
        ("test4", 0.79, 0.88, 0.98),
    ],
)
def test_regression_floor(results, part, f1, red_flag, negation):
    r = results[part]
    assert r["overall"]["f1"] >= f1
    assert r["red_flag_recall"] >= red_flag
    assert r["negation_accuracy"] >= negation


def test_issue_target_met_on_test4_negation(results):
    assert results["test4"]["negation_accuracy"] >= 0.95


@pytest.mark.xfail(
    reason="issue 5 F1 and red-flag recall targets not met on held-out test4 (0.797 < 0.85, 0.884 < 0.98); "
    "see docs/text-reader.md",
    strict=False,
)
def test_issue_targets(results):
    r = results["test4"]
    assert r["overall"]["f1"] >= 0.85
    assert r["red_flag_recall"] >= 0.98
    assert r["negation_accuracy"] >= 0.95
