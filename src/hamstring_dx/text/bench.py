"""Measure the text reader on an annotated corpus and on the public vignettes' narratives.

Corpus format and the annotation rules: validation/text-corpus/GUIDE.md. Each gold annotation is a
string ``finding[:region][=value][@context]``; a mention counts as correct when finding, region, value
and context all match (numbers exactly, after the unit conventions of values.py).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from hamstring_dx.errors import CaseError
from hamstring_dx.text.lexicon import default_lexicon
from hamstring_dx.text.reader import CONTEXTS, read_text
from hamstring_dx.text.values import days_since_weekday

REFERENCE_DATE = date(2026, 11, 21)  # anchors "since Tuesday" in the corpus


def parse_annotation(s: str, where: str = "") -> tuple[str, str | None, Any, str]:
    """'numbness_regions:foot_top=absent@uncertain' -> (finding, region, value, context)."""
    lex = default_lexicon()
    if not isinstance(s, str):
        raise CaseError(where or "findings", f"annotation must be a string, got {s!r}")
    rest, _, context = s.partition("@")
    context = context or "asserted"
    rest, _, value = rest.partition("=")
    finding, _, region = rest.partition(":")
    if finding not in lex.finding_types:
        raise CaseError(where or "findings", f"unknown finding id {finding!r} in {s!r}")
    if context not in CONTEXTS:
        raise CaseError(where or "findings", f"unknown context {context!r} in {s!r} (one of {CONTEXTS})")
    ftype = lex.finding_types[finding]
    parsed: Any = value or None
    if ftype == "number":
        if not value:
            raise CaseError(where or "findings", f"number finding needs a value: {s!r}")
        if value.startswith("since:"):
            parsed = days_since_weekday(value[6:], REFERENCE_DATE)
        else:
            parsed = float(value)
            parsed = int(parsed) if parsed.is_integer() else parsed
    elif parsed is None:
        parsed = "present"
    if finding in lex.past_inclusive and context == "historical":
        context = "asserted"  # the finding is itself about the past (GUIDE: past-inclusive findings)
    return finding, (region or None), parsed, context


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CaseError("corpus", f"file not found: {p}") from exc
    except yaml.YAMLError as exc:
        raise CaseError("corpus", f"not valid YAML: {exc}", str(p)) from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CaseError("items", "a corpus is a mapping with an `items` list", str(p))
    out = []
    for i, it in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(it, dict) or not isinstance(it.get("text"), str):
            raise CaseError(where, "each item needs `text`", str(p))
        extra = set(it) - {"id", "text", "side", "findings", "note"}
        if extra:
            raise CaseError(where, f"unknown keys {sorted(extra)}", str(p))
        gold = {parse_annotation(a, f"{where}.findings") for a in it.get("findings") or []}
        out.append({"id": it.get("id", str(i)), "text": it["text"], "side": it.get("side"), "gold": gold})
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def bench_read(corpus_path: str | Path, details: bool = False) -> dict[str, Any]:
    """Precision/recall/F1 per finding and overall, red-flag recall, negation and side accuracy."""
    lex = default_lexicon()
    items = load_corpus(corpus_path)
    per: dict[str, list[int]] = {}
    tp = fp = fn = 0
    rf_total = rf_found = rf_strict = 0
    neg_total = neg_ok = 0
    side_total = side_ok = 0
    errors = []
    t0 = time.perf_counter()
    for it in items:
        reading = read_text(it["text"], today=REFERENCE_DATE)
        system = {m.key() for m in reading.mentions}
        gold = it["gold"]
        for k in gold | system:
            c = per.setdefault(k[0], [0, 0, 0])
            if k in gold and k in system:
                c[0] += 1
                tp += 1
            elif k in system:
                c[1] += 1
                fp += 1
            else:
                c[2] += 1
                fn += 1
        read_findings = {m.finding for m in reading.mentions}
        for f, region, value, ctx in gold:
            if f in lex.red_flags:
                rf_total += 1
                rf_found += f in read_findings
                rf_strict += (f, region, value, ctx) in system
            if value in ("present", "absent", "positive", "negative"):
                same = [
                    k
                    for k in system
                    if k[0] == f
                    and k[1] == region
                    and k[3] == ctx
                    and k[2] in ("present", "absent", "positive", "negative")
                ]
                if same:
                    neg_total += 1
                    neg_ok += value in {k[2] for k in same}
        if it["side"] or reading.side:
            side_total += 1
            side_ok += it["side"] == reading.side
        if details and (gold != system or it["side"] != reading.side):
            errors.append(
                {
                    "id": it["id"],
                    "text": it["text"],
                    "missed": sorted(map(str, gold - system)),
                    "extra": sorted(map(str, system - gold)),
                    "side": [it["side"], reading.side],
                }
            )
    elapsed = time.perf_counter() - t0
    result: dict[str, Any] = {
        "corpus": str(corpus_path),
        "items": len(items),
        "overall": _prf(tp, fp, fn),
        "red_flag_recall": round(rf_found / rf_total, 4) if rf_total else None,
        "red_flag_recall_strict": round(rf_strict / rf_total, 4) if rf_total else None,
        "red_flag_gold": rf_total,
        "negation_accuracy": round(neg_ok / neg_total, 4) if neg_total else None,
        "negation_compared": neg_total,
        "side_accuracy": round(side_ok / side_total, 4) if side_total else None,
        "side_compared": side_total,
        "per_finding": {f: _prf(*c) for f, c in sorted(per.items())},
        "seconds": round(elapsed, 3),
    }
    if details:
        result["errors"] = errors
    return result


def bench_vignettes(path: str | Path) -> dict[str, Any]:
    """Score the reader on vignette narratives against each vignette's `case:` findings.

    The case holds what history and examination found, much of which a narrative never states, so
    recall here is a lower bound; `agreement` (of the findings read that the case also gives, the
    share with the same value) and `contradictions` are the figures to watch.
    """
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CaseError("vignettes", f"file not found: {p}") from exc
    if not isinstance(data, list):
        raise CaseError("vignettes", "expected a YAML list of vignettes", str(p))
    agree = disagree = unsupported = case_total = 0
    region_agree = region_extra = 0
    side_ok = side_total = 0
    contradictions = []
    for v in data:
        case = v.get("case") or {}
        narrative = v.get("narrative") or case.get("free_text") or ""
        gold = case.get("findings") or {}
        reading = read_text(narrative, today=REFERENCE_DATE)
        case_total += sum(1 for val in gold.values() if not isinstance(val, list))
        for f, val in reading.to_case_findings().items():
            if f not in gold:
                unsupported += 1
            elif gold[f] == val or (
                isinstance(val, int | float)
                and isinstance(gold[f], int | float)
                and abs(gold[f] - val) <= 0.1 * max(1, abs(gold[f]))
            ):
                agree += 1
            else:
                disagree += 1
                contradictions.append({"id": v.get("id"), "finding": f, "read": val, "case": gold[f]})
        for lst, regions in reading.regions_mentioned().items():
            for r in regions:
                if r in (gold.get(lst) or []):
                    region_agree += 1
                else:
                    region_extra += 1
        if case.get("side"):
            side_total += 1
            side_ok += reading.side == case.get("side")
    return {
        "vignettes": len(data),
        "agreement": round(agree / (agree + disagree), 4) if agree + disagree else None,
        "agree": agree,
        "disagree": disagree,
        "not_in_case": unsupported,
        "coverage_of_case_findings": round(agree / case_total, 4) if case_total else None,
        "region_precision": round(region_agree / (region_agree + region_extra), 4)
        if region_agree + region_extra
        else None,
        "side_accuracy": round(side_ok / side_total, 4) if side_total else None,
        "contradictions": contradictions,
    }
