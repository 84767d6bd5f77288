"""Corpus quality: regression floors on every scored part, plus the issue-5 targets (not met).

Parts (validation/text-corpus/GUIDE.md): dev (tuned on from the start); test, test2, test3, test4 (written
by the engineer of a round, held out for that round, scored once, then tuned on); dev2 (independent author,
tuned on); test5 and test6 (independent authors, held out in round 5, scored once: F1 0.800 / 0.815,
red-flag recall 0.918 / 0.900, then tuned on in round 6); test7 and test8 (independent authors, held out
in round 6, scored once at commit 653dd11: F1 0.807 / 0.809, red-flag recall 0.896 / 0.920, negation
0.982 / 0.971; their red-flag misses were then read and tuned on); test9 and test10 (independent authors,
written at the end of the second session for round 7: held out, never read or scored; only their format
and their texts' distinctness are checked here). Issue-5 targets: micro-F1 >= 0.85,
red-flag recall >= 0.98, negation accuracy >= 0.95.

Measured at the end of round 6 (`hamstring-dx bench read <part>`), F1 / red-flag recall / negation:
  test 0.884 / 0.971 / 0.990     test2 0.906 / 0.972 / 0.994    test3 0.935 / 0.994 / 1.000
  test4 0.871 / 0.985 / 1.000    dev2 0.880 / 0.972 / 0.989     test5 0.845 / 0.973 / 0.996
  test6 0.839 / 0.986 / 0.991    test7 0.816 / 0.954 / 0.987    test8 0.825 / 0.966 / 0.981
Floors sit just under these. The targets are asserted on test7 + test8 pooled (the last held-out scoring)
and kept as an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"
PARTS = ("dev", "dev2", "dev3", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9",
         "test10", "test11", "test12")
SCORED = ("test", "test2", "test3", "test4", "dev2", "dev3", "test5", "test6", "test7", "test8")


@pytest.fixture(scope="module")
def results():
    return {p: bench_read(CORPUS / f"{p}.yaml") for p in SCORED}


def test_corpus_size_and_split():
    parts = {p: load_corpus(CORPUS / f"{p}.yaml") for p in PARTS}
    assert len(parts["dev"]) + len(parts["test"]) >= 300
    held_out = ("test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12")
    assert all(len(parts[p]) >= 150 for p in held_out)
    assert len(parts["dev3"]) >= 250
    texts = {p: {i["text"] for i in items} for p, items in parts.items()}
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            assert not texts[a] & texts[b], (a, b)


@pytest.mark.parametrize(
    ("part", "f1", "red_flag", "negation"),
    [
        ("test", 0.87, 0.99, 0.98),
        ("test2", 0.88, 0.99, 0.99),
        ("test3", 0.91, 0.99, 0.99),
        ("test4", 0.85, 0.99, 0.99),
        ("dev2", 0.87, 0.99, 0.98),
        ("dev3", 0.75, 0.98, 0.97),
        ("test5", 0.83, 0.98, 0.98),
        ("test6", 0.83, 0.99, 0.98),
        ("test7", 0.80, 0.99, 0.98),
        ("test8", 0.82, 0.99, 0.97),
    ],
)
def test_regression_floor(results, part, f1, red_flag, negation):
    r = results[part]
    assert r["overall"]["f1"] >= f1
    assert r["red_flag_recall"] >= red_flag
    assert r["negation_accuracy"] >= negation


def _pooled(results, parts):
    tp = sum(results[p]["overall"]["tp"] for p in parts)
    fp = sum(results[p]["overall"]["fp"] for p in parts)
    fn = sum(results[p]["overall"]["fn"] for p in parts)
    gold = sum(results[p]["red_flag_gold"] for p in parts)
    found = sum(results[p]["red_flag_recall"] * results[p]["red_flag_gold"] for p in parts)
    return 2 * tp / (2 * tp + fp + fn), found / gold


def test_negation_target_met(results):
    assert all(results[p]["negation_accuracy"] >= 0.95 for p in SCORED)


@pytest.mark.xfail(
    reason="issue 5 F1 and red-flag recall targets not met on independently written held-out text "
    "(round 6, test7+test8 scored once: F1 0.808 < 0.85, red-flag recall 0.908 < 0.98); see docs/text-reader.md",
    strict=False,
)
def test_issue_targets(results):
    f1, red_flag = _pooled(results, ("test7", "test8"))
    assert f1 >= 0.85
    assert red_flag >= 0.98
