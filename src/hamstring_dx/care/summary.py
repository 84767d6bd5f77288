"""The plan in plain words for the patient (`patient_summary`), built only from patient texts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamstring_dx.care.loader import CareData
    from hamstring_dx.care.planner import CarePlan


def _cap(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    text = _cap(text)
    return text if text.endswith((".", "!", "?")) else text + "."


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in items if not (i in seen or seen.add(i))]


def summary_sections(plan: CarePlan, care: CareData) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of the patient text; shared by the plain summary and the renderers."""
    h = care.texts.headings
    out: list[tuple[str, list[str]]] = [("", [plan.triage["patient_text"]])]
    likely = [f"{_sentence(plan.working_diagnosis.plain_name)}"]
    out.append((h["likely"], likely))
    others = [c for c in plan.conditions[1:]]
    if others:
        out.append((h["also"], [_sentence(c.plain_name) for c in others]))
    now: list[str] = []
    if plan.withheld:
        now.append(care.texts.no_self_care.patient)
    now += [t.patient_text for t in plan.treatments if t.kind == "self_care" and t.recommendation != "do_not_offer"]
    if now:
        out.append((h["now"], now))
    tests_now = [w for w in plan.workup if w.timing != "not_now"]
    if tests_now:
        out.append(
            (
                h["tests"],
                [f"{_sentence(w.plain_name + ': ' + w.patient_when)} {w.patient_why}" for w in tests_now],
            )
        )
    not_now = [w for w in plan.workup if w.timing == "not_now"]
    if not_now:
        out.append((h["no_tests"], [f"{_sentence(w.plain_name)} {w.patient_why}" for w in not_now]))
    if plan.referrals:
        refs = []
        for r in plan.referrals:
            when = "now" if r.timing == "now" else "later"
            lead = f"See {r.plain_name}" if when == "now" else f"Later, see {r.plain_name} if needed"
            refs.append(f"{lead}. {r.patient_why}")
        out.append((h["referral"], refs))
    yes = [m for m in plan.medications if m.recommendation != "do_not_offer"]
    no = [m for m in plan.medications if m.recommendation == "do_not_offer"]
    if plan.withheld and plan.triage["level"] in ("emergency", "urgent"):
        # care comes first: a list of pills to try at home could delay it
        out.append((h["medicines"], [care.texts.medicines_after_assessment.patient]))
    elif yes:
        out.append((h["medicines"], [m.patient_text for m in yes]))
    if no:
        out.append((h["avoid_medicines"], [m.patient_text for m in no] + [care.texts.guidelines_win.patient]))
    other = [t for t in plan.treatments if t.kind != "self_care"]
    if other:
        out.append((h["treatments"], [t.patient_text for t in other]))
    if plan.surgery:
        out.append((h["surgery"], [s.patient_text for s in plan.surgery]))
    if plan.exercise_programme is None:
        if plan.withheld:
            out.append((h["exercise"], [care.texts.no_programme.patient]))
    else:
        prog = plan.exercise_programme
        first = prog.phases[0]
        lines = [f"Your plan has {len(prog.phases)} stages. Start with stage 1. {first.goal}"]
        lines += [f"{e.name}: {e.instructions} Dose: {e.dose}." for e in first.exercises]
        lines.append("Move on when: " + " ".join(first.progress_when))
        out.append((h["exercise"], lines))
    prog_lines = [plan.prognosis.patient_text] + [f.patient_text for f in plan.prognosis.factors]
    prog_lines.append(plan.prognosis.recurrence.patient_text)
    out.append((h["recovery"], prog_lines))
    if plan.prevention:
        out.append((h["prevention"], [p.patient_text for p in plan.prevention]))
    out.append((h["safety_net"], [s.patient_text for s in plan.safety_net]))
    out.append(("", [care.texts.disclaimer.patient]))
    return [(h, _unique(p)) for h, p in out]


def patient_summary(plan: CarePlan, care: CareData) -> str:
    """The patient text as plain text: headings on their own line, one paragraph per item."""
    blocks: list[str] = []
    for heading, paras in summary_sections(plan, care):
        lines = ([heading] if heading else []) + [_sentence(p) for p in paras if p.strip()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
