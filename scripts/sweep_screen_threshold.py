"""Micro-F1 and red-flag recall of the reader at several thresholds of the learned red-flag screen.

Usage (from the repo root): .venv/bin/python scripts/sweep_screen_threshold.py PART [PART ...]

Scores the parts with the packaged reader and screen, as `hamstring-dx bench read` does, once for the rules
alone and once per threshold. Use it only on parts the screen was not fitted on. Round 9's measurement (the
data file's `basis`) ran the reader and screen of commit 0b3f9b8 on test11 and test12:
    git worktree add /tmp/r8 0b3f9b8
    PYTHONPATH=/tmp/r8/src .venv/bin/python scripts/sweep_screen_threshold.py test11 test12
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from hamstring_dx.text.bench import REFERENCE_DATE, load_corpus
from hamstring_dx.text.lexicon import default_lexicon
from hamstring_dx.text.reader import _Reader, _reader
from hamstring_dx.text.screen_model import default_screen

CORPUS = Path(__file__).resolve().parent.parent / "validation" / "text-corpus"
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)


def prepare(parts: list[str]) -> list[tuple[dict, set, list]]:
    """Per item: gold, the rules' reading, and the learned screen's proposals (key, probability) as the
    reader gives them at the lowest threshold swept (a proposal's sentence and word do not depend on the
    threshold: each red flag is proposed in its most probable sentence)."""
    screen = copy.copy(default_screen())
    screen.threshold = min(THRESHOLDS)
    base = _reader()
    reader = _Reader(base.lex, base.nlp, base.value_matcher, screen=screen)
    out = []
    for part in parts:
        for item in load_corpus(CORPUS / f"{part}.yaml"):
            reading = reader.read(item["text"], REFERENCE_DATE)
            rules = {m.key() for m in reading.mentions if m.source != "model"}
            proposals = [(m.key(), m.probability) for m in reading.mentions if m.source == "model"]
            out.append((item, rules, proposals))
    return out


def score(prepared, threshold: float) -> tuple[float, float, int, int]:
    """(micro-F1, red-flag recall, proposals, proposals about a gold finding) at `threshold`."""
    red = default_lexicon().red_flags
    tp = fp = fn = gold_rf = found_rf = proposals = right = 0
    for item, rules, proposed in prepared:
        added = {k for k, p in proposed if p >= threshold}
        system, gold = rules | added, item["gold"]
        tp, fp, fn = tp + len(gold & system), fp + len(system - gold), fn + len(gold - system)
        proposals += len(added)
        right += len({k[0] for k in added} & {k[0] for k in gold})
        read = {k[0] for k in system}
        for k in gold:
            if k[0] in red:
                gold_rf += 1
                found_rf += k[0] in read
    return 2 * tp / (2 * tp + fp + fn), found_rf / gold_rf, proposals, right


def main(parts: list[str]) -> None:
    if not parts:
        sys.exit(__doc__)
    prepared = prepare(parts)
    f1, rf, _, _ = score(prepared, 2.0)
    print(f"rules alone: F1 {f1:.4f}, red-flag recall {rf:.4f}")
    for t in THRESHOLDS:
        f1, rf, n, right = score(prepared, t)
        print(f"threshold {t:.2f}: F1 {f1:.4f}, red-flag recall {rf:.4f}, {n} proposals ({right} about a gold finding)")


if __name__ == "__main__":
    main(sys.argv[1:])
