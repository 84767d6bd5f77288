"""Corpus quality: regression floors on every scored part, plus the issue-5 targets (F1 not met).

Parts (validation/text-corpus/GUIDE.md): dev (tuned on from the start); test, test2, test3, test4 (written
by the engineer of a round, held out for that round, scored once, then tuned on); dev2 (independent author,
tuned on); test5 and test6 (independent authors, held out in round 5, scored once: F1 0.800 / 0.815,
red-flag recall 0.918 / 0.900, then tuned on in round 6); test7 and test8 (independent authors, held out
in round 6, scored once at commit 653dd11: F1 0.807 / 0.809, red-flag recall 0.896 / 0.920, negation
0.982 / 0.971; then tuned on); dev3 (independent author, red-flag focused, tuned on in round 7); test9 and
test10 (independent authors, held out in round 7, scored once at commit 74fcc6f: F1 0.773 / 0.821, red-flag
recall 0.985 / 0.974; tuned on in round 8); test11 and test12 (held out in round 8, scored once at commit
3d37866: F1 0.812 / 0.818, red-flag recall 0.989 / 1.0; tuned on in round 9); test13 and test14
(independent authors, held out in round 9, scored once at commit 06990ac: F1 0.8498 / 0.8452, red-flag
recall 0.968 / 1.0, negation 0.981 / 0.983; not tuned on); test15 and test16 (written for round 10: held
out, never read or scored; only their format and distinct texts are checked here). Issue-5 targets:
micro-F1 >= 0.85, red-flag recall >= 0.98, negation accuracy >= 0.95.

Measured at the end of round 9 (`hamstring-dx bench read <part>`, rules + learned screen), F1 / red-flag
recall / negation:
  test 0.899 / 1.0 / 0.990       test2 0.906 / 1.0 / 0.994      test3 0.935 / 1.0 / 1.000
  test4 0.875 / 1.0 / 1.000      dev2 0.897 / 0.986 / 0.990     dev3 0.824 / 0.985 / 0.986
  test5 0.870 / 0.989 / 0.996    test6 0.866 / 0.995 / 0.991    test7 0.866 / 0.988 / 0.994
  test8 0.862 / 1.0 / 0.989      test9 0.877 / 0.995 / 0.987    test10 0.904 / 1.0 / 0.998
  test11 0.906 / 0.983 / 0.992   test12 0.884 / 0.995 / 0.992
  (the screen is fitted on these parts: their red-flag recall is a training fit)
  held out: test13 0.850 / 0.968 / 0.981    test14 0.845 / 1.0 / 0.983
Floors sit just under these. The targets are asserted on test13 + test14 pooled (the last held-out
scoring): red-flag recall (0.986) and negation met, micro-F1 (0.847) an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"
PARTS = ("dev", "dev2", "dev3", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9",
         "test10", "test11", "test12", "test13", "test14", "test15", "test16")
SCORED = ("test", "test2", "test3", "test4", "dev2", "dev3", "test5", "test6", "test7", "test8", "test9", "test10",
          "test11", "test12", "test13", "test14")


@pytest.fixture(scope="module")
def results():
    return {p: bench_read(CORPUS / f"{p}.yaml") for p in SCORED}


def test_corpus_size_and_split():
    parts = {p: load_corpus(CORPUS / f"{p}.yaml") for p in PARTS}
    assert len(parts["dev"]) + len(parts["test"]) >= 300
    held_out = ("test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12", "test13", "test14", "test15",
                "test16")
    assert all(len(parts[p]) >= 150 for p in held_out)
    assert len(parts["dev3"]) >= 250
    texts = {p: {i["text"] for i in items} for p, items in parts.items()}
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            assert not texts[a] & texts[b], (a, b)


@pytest.mark.parametrize(
    ("part", "f1", "red_flag", "negation"),
    [
        ("test", 0.89, 0.99, 0.98),
        ("test2", 0.90, 0.99, 0.99),
        ("test3", 0.93, 0.99, 0.99),
        ("test4", 0.87, 0.99, 0.99),
        ("dev2", 0.89, 0.98, 0.98),
        ("dev3", 0.81, 0.98, 0.98),
        ("test5", 0.86, 0.98, 0.99),
        ("test6", 0.86, 0.99, 0.98),
        ("test7", 0.86, 0.98, 0.99),
        ("test8", 0.85, 0.99, 0.98),
        ("test9", 0.87, 0.99, 0.98),
        ("test10", 0.90, 0.99, 0.99),
        ("test11", 0.90, 0.98, 0.98),
        ("test12", 0.87, 0.99, 0.98),
        ("test13", 0.84, 0.96, 0.97),
        ("test14", 0.84, 0.99, 0.97),
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


def test_issue_red_flag_and_negation_targets_on_the_last_held_out_parts(results):
    """test13 + test14 pooled, scored once at the end of round 9 and not tuned on since: red-flag recall 0.986."""
    _, red_flag = _pooled(results, ("test13", "test14"))
    assert red_flag >= 0.98
    assert all(results[p]["negation_accuracy"] >= 0.95 for p in ("test13", "test14"))


@pytest.mark.xfail(
    reason="issue 5 micro-F1 target not met on independently written held-out text (round 9, test13+test14 "
    "scored once: F1 0.847 with the learned red-flag screen, 0.856 rules alone, < 0.85); see docs/text-reader.md",
    strict=True,
)
def test_issue_f1_target(results):
    f1, _ = _pooled(results, ("test13", "test14"))
    assert f1 >= 0.85
