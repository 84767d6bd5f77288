"""Simulate vignette patients through the interview (`hamstring-dx bench interview`).

Each vignette's patient answers from its case: the case's value when the case gives the finding,
`unknown` ("not sure") when it does not; a grouped question is answered item by item the same way.
`questions` counts the question screens shown (a grouped question once). At the stop the
differential and triage are scored against the vignette's gold labels, and compared with the same
engine given every finding at once:
- `full_mode`: every finding of the case that the mode can ask (history only in patient mode),
  the ceiling an interview in that mode can reach;
- `full_case`: the whole case (examination and investigations included).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
import yaml

from hamstring_dx.bench.vignettes import OTHER
from hamstring_dx.case.model import parse_case
from hamstring_dx.interview.config import MODE_KINDS, InterviewConfig, config_for
from hamstring_dx.interview.step import next_question
from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.knowledge.vocabulary import UNKNOWN
from hamstring_dx.reasoning.assess import assess
from hamstring_dx.reasoning.result import Assessment

URGENT_LEVELS = ("emergency", "urgent")


@dataclass(frozen=True)
class Simulated:
    id: str
    gold_diagnosis: str
    gold_triage: str
    questions: int  # question screens shown (a grouped question counts once)
    asked: tuple[str, ...]  # findings asked, in order (every item of a group)
    stop_reason: str
    top3: tuple[str, ...]
    top1_ok: bool | None  # None when the gold diagnosis is `other`
    top3_ok: bool | None
    full_mode_top1_ok: bool | None
    full_mode_top3_ok: bool | None
    full_case_top1_ok: bool | None
    full_case_top3_ok: bool | None
    triage: str
    triage_safe: bool  # not under-triaged at the stop
    full_case_triage: str


def start_case(case: dict[str, Any], with_text: bool = False) -> dict[str, Any]:
    """The interview's starting point: who and where, no findings (and the person's own words)."""
    keep = ("case_format", "id", "setting", "side", "patient", *(("free_text",) if with_text else ()))
    return {**{k: case[k] for k in keep if k in case}, "findings": {}}


def simulate(case: dict[str, Any], mode: str, kb: KnowledgeBase, cfg: InterviewConfig, with_text: bool = False):
    """Run one simulated interview; return (final case dict, final step, findings asked in order,
    number of question screens shown)."""
    answers = case.get("findings") or {}
    current = start_case(case, with_text)
    asked: list[str] = []
    screens = 0
    while True:
        step = next_question(current, mode, kb, cfg)
        if step.done:
            return current, step, asked, screens
        screens += 1
        for fid in step.question.findings:  # a group: every item, each from the case
            if fid in current["findings"]:  # pragma: no cover - guarded by the step; a loop would be a bug
                raise RuntimeError(f"{fid} asked twice")
            current["findings"][fid] = answers.get(fid, UNKNOWN)
            asked.append(fid)


def _hits(a: Assessment, accepted: tuple[str, ...], scored: bool) -> tuple[bool | None, bool | None]:
    if not scored:
        return None, None
    top = [d.condition for d in a.differential[:3]]
    return top[0] in accepted, bool(set(top) & set(accepted))


def score(v: dict[str, Any], mode: str, kb: KnowledgeBase, cfg: InterviewConfig, with_text: bool = False) -> Simulated:
    gold = v["gold"]
    case = v["case"]
    parse_case(case, kb.vocabulary, f"vignette {v['id']}")  # a bad vignette is reported by id
    _, step, asked, screens = simulate(case, mode, kb, cfg, with_text)
    accepted = (gold["diagnosis"], *gold.get("acceptable_alternatives", []))
    scored = gold["diagnosis"] != OTHER
    at_stop = step.assessment
    kinds = MODE_KINDS[mode]
    mode_findings = {f: x for f, x in (case.get("findings") or {}).items() if kb.findings[f].kind in kinds}
    full_mode = assess({**case, "findings": mode_findings}, kb)
    full_case = assess(case, kb)
    rank = kb.vocabulary.urgency_rank
    t1, t3 = _hits(at_stop, accepted, scored)
    m1, m3 = _hits(full_mode, accepted, scored)
    c1, c3 = _hits(full_case, accepted, scored)
    return Simulated(
        id=v["id"],
        gold_diagnosis=gold["diagnosis"],
        gold_triage=gold["triage"],
        questions=screens,
        asked=tuple(asked),
        stop_reason=step.stop_reason or "",
        top3=tuple(d.condition for d in at_stop.differential[:3]),
        top1_ok=t1,
        top3_ok=t3,
        full_mode_top1_ok=m1,
        full_mode_top3_ok=m3,
        full_case_top1_ok=c1,
        full_case_top3_ok=c3,
        triage=at_stop.triage.level,
        triage_safe=rank[at_stop.triage.level] >= rank[gold["triage"]],
        full_case_triage=full_case.triage.level,
    )


def _rate(xs: list[bool | None]) -> float:
    vals = [bool(x) for x in xs if x is not None]
    return sum(vals) / len(vals) if vals else float("nan")


def bench_interview(
    path: str | Path,
    mode: str = "patient",
    kb: KnowledgeBase | None = None,
    config: InterviewConfig | None = None,
    with_text: bool = False,
) -> dict[str, Any]:
    """Simulate every vignette of `path` in `mode`; summary figures and the per-case rows.

    `with_text`: the simulated person first types their narrative (the vignette's `free_text`);
    what the reader finds is confirmed by questions answered from the case.
    """
    kb = kb or load_kb()
    cfg = config or config_for(kb)
    vignettes = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = [score(v, mode, kb, cfg, with_text) for v in vignettes]
    q = [r.questions for r in rows]
    reasons: dict[str, int] = {}
    for r in rows:
        reasons[r.stop_reason] = reasons.get(r.stop_reason, 0) + 1
    urgent = [r for r in rows if r.gold_triage in URGENT_LEVELS]
    return {
        "mode": mode,
        "cases": len(rows),
        "questions_median": float(median(q)) if q else 0.0,
        "questions_p90": float(np.percentile(q, 90)) if q else 0.0,
        "questions_max": max(q) if q else 0,
        "top1_at_stop": _rate([r.top1_ok for r in rows]),
        "top3_at_stop": _rate([r.top3_ok for r in rows]),
        "top1_full_mode": _rate([r.full_mode_top1_ok for r in rows]),
        "top3_full_mode": _rate([r.full_mode_top3_ok for r in rows]),
        "top1_full_case": _rate([r.full_case_top1_ok for r in rows]),
        "top3_full_case": _rate([r.full_case_top3_ok for r in rows]),
        "triage_exact_at_stop": _rate([r.triage == r.gold_triage for r in rows]),
        "triage_safe_at_stop": _rate([r.triage_safe for r in rows]),
        "urgent_or_emergency_under_triaged_at_stop": sum(not r.triage_safe for r in urgent),
        "stop_reasons": reasons,
        "results": rows,
    }


def report_dict(report: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready form of a report."""
    return {
        **{k: v for k, v in report.items() if k != "results"},
        "results": [asdict(r) for r in report["results"]],
    }


def format_report(report: dict[str, Any]) -> str:
    mark = {True: "ok", False: "--", None: "na"}
    rows = [
        f"{'id':5} {'gold dx':38} {'n':>3} {'stop':19} {'t1':2} {'t3':2} | full {'t1':2} {'t3':2} | "
        f"gold triage -> at stop"
    ]
    for r in report["results"]:
        rows.append(
            f"{r.id:5} {r.gold_diagnosis:38} {r.questions:3d} {r.stop_reason:19} "
            f"{mark[r.top1_ok]} {mark[r.top3_ok]} | "
            f"     {mark[r.full_mode_top1_ok]} {mark[r.full_mode_top3_ok]} | "
            f"{r.gold_triage:9} -> {r.triage:9} "
            f"{'' if r.triage_safe else 'UNDER'}"
        )
    s = report
    rows += [
        "",
        f"mode {s['mode']}: {s['cases']} simulated interviews",
        f"questions asked: median {s['questions_median']:g}, 90th percentile {s['questions_p90']:g}, "
        f"max {s['questions_max']}",
        f"top-1 at stop {s['top1_at_stop']:.1%} "
        f"(every {s['mode']}-mode finding known {s['top1_full_mode']:.1%}; "
        f"whole case {s['top1_full_case']:.1%})",
        f"top-3 at stop {s['top3_at_stop']:.1%} "
        f"(every {s['mode']}-mode finding known {s['top3_full_mode']:.1%}; "
        f"whole case {s['top3_full_case']:.1%})",
        f"triage at stop: exact {s['triage_exact_at_stop']:.1%}, safe {s['triage_safe_at_stop']:.1%}, "
        f"emergency/urgent under-triaged {s['urgent_or_emergency_under_triaged_at_stop']}",
        "stop reasons: " + ", ".join(f"{k} {v}" for k, v in sorted(s["stop_reasons"].items())),
    ]
    return "\n".join(rows) + "\n"
