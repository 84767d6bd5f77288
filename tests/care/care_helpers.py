"""Helpers for the care-plan tests: hand-built assessments and cases (a plain module)."""

from __future__ import annotations

from hamstring_dx.care.loader import load_care
from hamstring_dx.reasoning.result import Assessment, DifferentialEntry, Triage, TriageReason


def conditions() -> list[str]:
    return list(load_care().vocabulary["conditions"])


def make_assessment(
    probs: dict[str, float],
    level: str = "routine",
    reasons: list[tuple[str, str | None]] | None = None,
    case_id: str = "t",
) -> Assessment:
    """An assessment with the given posteriors (others 0.01) and triage reasons (rule, condition)."""
    diff = [
        DifferentialEntry(c, probs.get(c, 0.01), c.replace("_", " ").capitalize(), c.replace("_", " "), [])
        for c in conditions()
    ]
    diff.sort(key=lambda e: -e.probability)
    if reasons is None:
        top = diff[0].condition
        reasons = [(f"usual:{top}", top)]
    tr = [TriageReason(rule, f"reason {rule}", "test", "", cond) for rule, cond in reasons]
    return Assessment(case_id, "test", Triage(level, tr), diff, [], [], {})


def case(findings: dict | None = None, age: float = 35, setting: str = "primary_care") -> dict:
    return {
        "case_format": 1,
        "id": "t",
        "setting": setting,
        "patient": {"age": age, "sex": "female"},
        "findings": findings or {},
    }
