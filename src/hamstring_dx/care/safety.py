"""Safety exclusions of a care plan, and a checker that a finished plan keeps them.

Rules (issue 3):
- no exercise programme and no self-care advice that could delay care when a dangerous condition
  is suspected (in the plan, or named by a triage reason) or a red flag fired;
- never recommend (`offer` / `consider`) a medicine that a guideline says not to offer for any
  condition in the plan (`do_not_offer` wins over every other stance).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hamstring_dx.reasoning.result import Assessment

if TYPE_CHECKING:
    from hamstring_dx.care.loader import CareData
    from hamstring_dx.care.planner import CarePlan

# treatment kinds a patient could start at home instead of getting checked
DELAYING_KINDS = frozenset({"self_care", "physiotherapy", "psychological", "device"})
_URGENT = frozenset({"emergency", "urgent"})


def danger_reasons(assessment: Assessment, planned: Iterable[str], care: CareData) -> list[str]:
    """Why exercise and home care are withheld (empty list: nothing withholds them)."""
    reasons: list[str] = []
    for r in assessment.triage.reasons:
        if not r.rule.startswith("usual:"):
            reasons.append(f"triage rule {r.rule} fired ({r.text})")
    unsafe = set(care.settings.no_exercise_conditions)
    for c in planned:
        if c in unsafe:
            reasons.append(f"{c} is suspected; exercise is unsafe until it is assessed")
    if assessment.triage.level in _URGENT and not reasons:
        reasons.append(f"triage level is {assessment.triage.level}")
    return reasons


def forbidden_medicines(care: CareData, conditions: Iterable[str], phase: str) -> dict[str, str]:
    """Medicine id -> the condition for which a guideline says `do_not_offer` (in this phase)."""
    conds = set(conditions)
    out: dict[str, str] = {}
    for s in care.medicines.stances:
        if s.stance != "do_not_offer" or (s.phases and phase not in s.phases):
            continue
        hit = next((c for c in s.conditions if c in conds), None)
        if hit is not None:
            out.setdefault(s.medicine, hit)
    return out


def plan_violations(plan: CarePlan, care: CareData) -> list[str]:
    """Every broken safety rule of a finished plan (empty when the plan is safe)."""
    problems: list[str] = []
    planned = [c.condition for c in plan.conditions]
    banned = forbidden_medicines(care, planned, plan.phase)
    for m in plan.medications:
        if m.recommendation in ("offer", "consider") and m.medicine in banned:
            problems.append(f"{m.medicine} is recommended but do_not_offer for {banned[m.medicine]}")
    if plan.withheld:
        if plan.exercise_programme is not None:
            problems.append("an exercise programme is given although a dangerous condition is suspected")
        for t in plan.treatments:
            if t.kind in DELAYING_KINDS and t.recommendation != "do_not_offer":
                problems.append(f"home or therapy advice {t.id!r} is given although care must come first")
    for c in planned:
        if c in care.settings.no_exercise_conditions and plan.exercise_programme is not None:
            problems.append(f"an exercise programme is given with {c} suspected")
    return problems
