"""Care pathway and patient guide (issue 3): what to do next, with the basis of every step.

`plan(case_dict, audience=...)` assesses a case and returns its `CarePlan`;
`build_plan(case, assessment)` builds one from an existing assessment.
"""

from __future__ import annotations

from typing import Any

from hamstring_dx.care.planner import CarePlan, build_plan

__all__ = ["AUDIENCES", "CarePlan", "build_plan", "plan"]

AUDIENCES = ("patient", "clinician")


def plan(case: dict[str, Any], audience: str = "patient", *, source: str | None = None) -> CarePlan:
    """Assess `case` (case format v1 mapping or parsed `Case`) and build its care plan.

    Raises `CaseError` naming the field when the case is invalid.
    """
    from hamstring_dx.knowledge.loader import load_kb
    from hamstring_dx.reasoning.assess import assess
    from hamstring_dx.workflow import prepare_case

    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, got {audience!r}")
    kb = load_kb()
    # the case's free text is read as for `assess`: explicit findings win, negated red flags stay unknown
    parsed, items, summary = prepare_case(case, kb, source=source)
    assessment = assess(parsed, kb, extra_evidence=items, read_from_text=summary)
    return build_plan(parsed, assessment, audience=audience)
