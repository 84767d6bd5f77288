"""Score the engine on a vignette file (top-1/top-3 diagnosis, triage, root)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

import yaml

from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.reasoning.result import Assessment
from hamstring_dx.workflow import assess_case

OTHER = "other"
NO_ROOT = "none"


@dataclass(frozen=True)
class VignetteResult:
    id: str
    gold_diagnosis: str
    accepted: tuple[str, ...]
    top3: tuple[str, ...]
    top1_ok: bool | None  # None: gold is `other`, scored for triage only
    top3_ok: bool | None
    gold_triage: str
    triage: str
    triage_exact: bool
    triage_safe: bool  # not under-triaged
    gold_root: str
    root: str
    root_ok: bool
    history_only: bool


def predicted_root(a: Assessment) -> str:
    """The most probable root, or `none` when no root is more likely than no root at all."""
    p_none = 1 - sum(r.probability for r in a.roots)
    best = max(a.roots, key=lambda r: r.probability)
    return best.root if best.probability > p_none else NO_ROOT


def score_vignette(v: dict[str, Any], kb: KnowledgeBase, read_free_text: bool = True) -> VignetteResult:
    gold = v["gold"]
    a = assess_case(v["case"], kb, read_free_text=read_free_text, source=f"vignette {v['id']}")
    top = tuple(d.condition for d in a.differential[:3])
    accepted = (gold["diagnosis"], *gold.get("acceptable_alternatives", []))
    scored = gold["diagnosis"] != OTHER
    rank = kb.vocabulary.urgency_rank
    return VignetteResult(
        id=v["id"],
        gold_diagnosis=gold["diagnosis"],
        accepted=tuple(accepted),
        top3=top,
        top1_ok=(top[0] in accepted) if scored else None,
        top3_ok=bool(set(top) & set(accepted)) if scored else None,
        gold_triage=gold["triage"],
        triage=a.triage.level,
        triage_exact=a.triage.level == gold["triage"],
        triage_safe=rank[a.triage.level] >= rank[gold["triage"]],
        gold_root=str(gold.get("root", NO_ROOT)),
        root=predicted_root(a),
        root_ok=predicted_root(a) == str(gold.get("root", NO_ROOT)),
        history_only=bool(v.get("history_only")),
    )


def bench_vignettes(path: str | Path, kb: KnowledgeBase | None = None, read_free_text: bool = True) -> dict[str, Any]:
    """Summary figures and the per-case table for a vignette file."""
    kb = kb or load_kb()
    vignettes = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    results = [score_vignette(v, kb, read_free_text) for v in vignettes]
    dx = [r for r in results if r.top1_ok is not None]
    urgent = [r for r in results if r.gold_triage in ("emergency", "urgent")]

    def rate(xs: list[bool]) -> float:
        return sum(xs) / len(xs) if xs else float("nan")

    return {
        "cases": len(results),
        "diagnosis_scored": len(dx),
        "top1": rate([bool(r.top1_ok) for r in dx]),
        "top3": rate([bool(r.top3_ok) for r in dx]),
        "triage_exact": rate([r.triage_exact for r in results]),
        "triage_safe": rate([r.triage_safe for r in results]),
        "urgent_or_emergency_under_triaged": sum(not r.triage_safe for r in urgent),
        "over_triaged": sum(not r.triage_exact and r.triage_safe for r in results),
        "root_accuracy": rate([r.root_ok for r in results]),
        "median_top3_size": median(len(r.top3) for r in results) if results else 0,
        "results": results,
    }


def format_report(report: dict[str, Any]) -> str:
    rows = [f"{'id':5} {'gold dx':37} {'top-3 (engine)':68}  t1 t3 | gold triage -> engine      | root gold/engine"]
    for r in report["results"]:
        mark = {True: "ok", False: "--", None: "na"}
        rows.append(
            f"{r.id:5} {r.gold_diagnosis:37} {', '.join(r.top3):68}  {mark[r.top1_ok]} {mark[r.top3_ok]} | "
            f"{r.gold_triage:9} -> {r.triage:9} {'=' if r.triage_exact else ('+' if r.triage_safe else 'UNDER')} | "
            f"{r.gold_root}/{r.root}"
        )
    s = report
    rows += [
        "",
        f"cases {s['cases']} (diagnosis scored on {s['diagnosis_scored']})",
        f"top-1 {s['top1']:.1%}   top-3 {s['top3']:.1%}",
        f"triage exact {s['triage_exact']:.1%}   safe (not under-triaged) {s['triage_safe']:.1%}   "
        f"emergency/urgent under-triaged: {s['urgent_or_emergency_under_triaged']}   over-triaged: {s['over_triaged']}",
        f"root accuracy {s['root_accuracy']:.1%}",
    ]
    return "\n".join(rows) + "\n"
