"""Corpus quality: regression floors on every scored part, plus the issue-5 targets (F1 not met).

Parts (validation/text-corpus/GUIDE.md): dev (tuned on from the start); test, test2, test3, test4 (written
by the engineer of a round, held out for that round, scored once, then tuned on); dev2 and dev3
(independent authors, tuned on); test5-test18 (independent authors, each pair held out for one round,
scored once at its end, then tuned on; F1 as shipped 0.800 / 0.815, 0.807 / 0.809, 0.773 / 0.821, 0.812 /
0.818, 0.8498 / 0.8452, 0.847 / 0.841, 0.841 / 0.816); test19 and test20 (independent authors, held out in
round 12, scored once at commit 3d0067b with the screen at 0.15: F1 0.834 / 0.833 (pooled 0.833), red-flag
recall 0.994 / 0.984 (pooled 0.989), negation 0.990 / 0.995; rules alone F1 0.868, red-flag recall 0.935;
not tuned on); test21 and test22 (written for round 13: held out, never read or scored; only their format
and distinct texts are checked here). Issue-5 targets: micro-F1 >= 0.85, red-flag recall >= 0.98, negation
accuracy >= 0.95.

Measured at the end of round 12 (`hamstring-dx bench read <part>`, rules + learned screen at 0.15), F1 /
red-flag recall / negation (the screen is fitted on dev..test18: their red-flag recall is a training fit):
  test 0.884 / 1.0 / 0.990     test2 0.894 / 1.0 / 0.994     test3 0.913 / 1.0 / 1.000
  test4 0.850 / 1.0 / 1.000    dev2 0.900 / 1.0 / 0.991      dev3 0.817 / 0.988 / 0.986
  test5 0.868 / 0.995 / 0.996  test6 0.865 / 1.0 / 0.992     test7 0.866 / 0.994 / 0.994
  test8 0.857 / 1.0 / 0.989    test9 0.870 / 1.0 / 0.990     test10 0.905 / 1.0 / 0.998
  test11 0.905 / 0.994 / 0.994 test12 0.885 / 1.0 / 0.992    test13 0.907 / 1.0 / 0.989
  test14 0.894 / 1.0 / 0.988   test15 0.872 / 0.990 / 0.985  test16 0.850 / 1.0 / 0.991
  test17 0.878 / 1.0 / 0.984   test18 0.843 / 1.0 / 0.989
  held out: test19 0.834 / 0.994 / 0.990    test20 0.833 / 0.984 / 0.995
Floors sit just under these. The targets are asserted on test19 + test20 pooled (the last held-out
scoring): red-flag recall (0.989) and negation met, micro-F1 (0.833) an expected failure.
"""

from pathlib import Path

import pytest

from hamstring_dx.text.bench import bench_read, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "validation" / "text-corpus"
PARTS = ("dev", "dev2", "dev3", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9",
         "test10", "test11", "test12", "test13", "test14", "test15", "test16", "test17", "test18", "test19",
         "test20", "test21", "test22")
SCORED = ("test", "test2", "test3", "test4", "dev2", "dev3", "test5", "test6", "test7", "test8", "test9", "test10",
          "test11", "test12", "test13", "test14", "test15", "test16", "test17", "test18", "test19", "test20")


@pytest.fixture(scope="module")
def results():
    return {p: bench_read(CORPUS / f"{p}.yaml") for p in SCORED}


def test_corpus_size_and_split():
    parts = {p: load_corpus(CORPUS / f"{p}.yaml") for p in PARTS}
    assert len(parts["dev"]) + len(parts["test"]) >= 300
    held_out = ("test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12", "test13", "test14", "test15",
                "test16", "test17", "test18", "test19", "test20", "test21", "test22")
    assert all(len(parts[p]) >= 150 for p in held_out)
    assert len(parts["dev3"]) >= 250
    texts = {p: {i["text"] for i in items} for p, items in parts.items()}
    for i, a in enumerate(PARTS):
        for b in PARTS[i + 1 :]:
            assert not texts[a] & texts[b], (a, b)


@pytest.mark.parametrize(
    ("part", "f1", "red_flag", "negation"),
    [
        ("test", 0.88, 0.99, 0.98),
        ("test2", 0.89, 0.99, 0.99),
        ("test3", 0.91, 0.99, 0.99),
        ("test4", 0.84, 0.99, 0.99),
        ("dev2", 0.89, 0.99, 0.99),
        ("dev3", 0.81, 0.98, 0.98),
        ("test5", 0.86, 0.99, 0.99),
        ("test6", 0.86, 0.99, 0.99),
        ("test7", 0.86, 0.99, 0.98),
        ("test8", 0.85, 0.99, 0.98),
        ("test9", 0.86, 0.99, 0.98),
        ("test10", 0.90, 0.99, 0.99),
        ("test11", 0.90, 0.99, 0.99),
        ("test12", 0.88, 0.99, 0.99),
        ("test13", 0.90, 0.99, 0.98),
        ("test14", 0.89, 0.99, 0.98),
        ("test15", 0.87, 0.98, 0.98),
        ("test16", 0.84, 0.99, 0.98),
        ("test17", 0.87, 0.99, 0.98),
        ("test18", 0.84, 0.99, 0.98),
        ("test19", 0.83, 0.99, 0.98),
        ("test20", 0.83, 0.98, 0.98),
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
    """test19 + test20 pooled, scored once at the end of round 12 and not tuned on since: red-flag recall 0.989."""
    _, red_flag = _pooled(results, ("test19", "test20"))
    assert red_flag >= 0.98
    assert all(results[p]["negation_accuracy"] >= 0.95 for p in ("test19", "test20"))


@pytest.mark.xfail(
    reason="issue 5 micro-F1 target not met on independently written held-out text with the learned screen that the "
    "red-flag target needs (round 12, test19+test20 scored once: F1 0.833 with the screen at 0.15, 0.868 rules "
    "alone whose red-flag recall is 0.935); see docs/text-reader.md",
    strict=True,
)
def test_issue_f1_target(results):
    f1, _ = _pooled(results, ("test19", "test20"))
    assert f1 >= 0.85
