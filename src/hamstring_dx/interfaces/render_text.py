"""Readable terminal rendering of an assessment (clinician voice)."""

from __future__ import annotations

import math

from hamstring_dx.reasoning.result import Assessment

TOP_CONDITIONS = 8
EVIDENCE_SHOWN = 4


def render_assessment(a: Assessment, vocab_levels: dict[str, str]) -> str:
    """Multi-line text: triage and reasons, differential with evidence, roots, next findings."""
    lines = [f"Case {a.case_id or '(no id)'}  ·  knowledge base {a.kb_version}", ""]
    lines.append(f"TRIAGE: {a.triage.level.upper()}  ({vocab_levels.get(a.triage.level, '')})")
    for r in a.triage.reasons:
        lines.append(f"  - [{r.rule}] {r.text}")
        lines.append(f"      source: {r.source}")
    lines += ["", "DIFFERENTIAL (probability each condition is present; two may coexist)"]
    for d in a.differential[:TOP_CONDITIONS]:
        lines.append(f"  {d.probability:6.1%}  {d.name}  [{d.condition}]")
        for e in d.evidence[:EVIDENCE_SHOWN]:
            arrow = "+" if e.log_lr > 0 else "-"
            lr = math.exp(e.log_lr)
            lines.append(f"           {arrow} {e.finding} = {e.value}  (LR {lr:.2f}; {e.source})")
    rest = a.differential[TOP_CONDITIONS:]
    if rest:
        lines.append("  others: " + ", ".join(f"{d.condition} {d.probability:.1%}" for d in rest))
    lines += ["", "NERVE ROOT (probability that this root is affected)"]
    lines.append("  " + "   ".join(f"{r.root} {r.probability:.0%}" for r in a.roots))
    lines += ["", "EXAMINE OR ASK NEXT (expected information gain, nats)"]
    for n in a.next_findings[:6]:
        lines.append(f"  {n.expected_information_gain:.3f}  {n.finding}")
    return "\n".join(lines) + "\n"
