"""Build the care plan for a case and its assessment, from the care data alone.

The planner holds no clinical fact: which tests, referrals, medicines, treatments, exercises and
texts apply comes from `knowledge/data/care/*.yaml`; conditions in rules are evaluated with the
shared rule-expression evaluator (`reasoning/rules.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from hamstring_dx.care import safety
from hamstring_dx.care import schema as cs
from hamstring_dx.care.loader import CareData, load_care
from hamstring_dx.reasoning.result import Assessment
from hamstring_dx.reasoning.rules import CaseView, evaluate

LEVELS = ("emergency", "urgent", "soon", "routine", "self_care")
RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
TIMING_RANK = {"now": 0, "later": 1, "not_now": 2}
STANCE_RANK = {"offer": 0, "consider": 1, "do_not_offer": 2}


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class PlannedCondition:
    condition: str
    name: str
    plain_name: str
    probability: float
    role: str  # working_diagnosis | coexisting | must_exclude


@dataclass(frozen=True)
class WorkupItem:
    test: str
    name: str
    plain_name: str
    timing: str  # now | later | not_now
    when: str
    patient_when: str
    why: str
    patient_why: str
    source: str
    condition: str
    urgency: str | None = None


@dataclass(frozen=True)
class Referral:
    to: str
    name: str
    plain_name: str
    urgency: str
    timing: str  # now | later
    when: str
    why: str
    patient_why: str
    source: str
    condition: str | None = None


@dataclass(frozen=True)
class Medication:
    medicine: str
    name: str
    plain_name: str
    drug_class: str
    recommendation: str
    why: str
    patient_text: str
    source: str
    conditions: list[str]
    note: str = ""


@dataclass(frozen=True)
class TreatmentItem:
    id: str
    kind: str
    name: str
    recommendation: str
    why: str
    patient_text: str
    source: str
    condition: str


@dataclass(frozen=True)
class SourcedText:
    text: str
    patient_text: str
    source: str


@dataclass(frozen=True)
class SurgeryOption:
    id: str
    condition: str
    procedure: str
    plain_name: str
    recommendation: str
    indications: SourcedText
    timing: SourcedText
    outcomes: list[SourcedText]
    risks: list[SourcedText]
    patient_text: str


@dataclass(frozen=True)
class PlanExercise:
    id: str
    name: str
    instructions: str
    dose: str
    dose_detail: dict[str, Any]


@dataclass(frozen=True)
class PlanPhase:
    name: str
    goal: str
    exercises: list[PlanExercise]
    progress_when: list[str]
    source: str


@dataclass(frozen=True)
class ExerciseProgramme:
    id: str
    name: str
    condition: str
    phases: list[PlanPhase]
    return_criteria: list[str]
    return_source: str
    source: str


@dataclass(frozen=True)
class Prognosis:
    condition: str
    expected_days: list[int] | None
    text: str
    patient_text: str
    source: str
    factors: list[SourcedText]
    recurrence: SourcedText


@dataclass(frozen=True)
class PreventionAdvice:
    id: str
    title: str
    text: str
    patient_text: str
    source: str


@dataclass(frozen=True)
class SafetyNetItem:
    id: str
    action: str
    patient_text: str
    clinician_text: str
    source: str


@dataclass(frozen=True)
class GuideLink:
    id: str
    title: str
    file: str


@dataclass(frozen=True)
class CarePlan:
    case_id: str | None
    kb_version: str
    audience: str
    triage: dict[str, Any]
    working_diagnosis: PlannedCondition
    conditions: list[PlannedCondition]
    phase: str
    withheld: list[str]  # why exercise and home care are withheld (empty: not withheld)
    workup: list[WorkupItem]
    referrals: list[Referral]
    medications: list[Medication]
    treatments: list[TreatmentItem]
    surgery: list[SurgeryOption]
    exercise_programme: ExerciseProgramme | None
    exercise_note: str
    prognosis: Prognosis
    prevention: list[PreventionAdvice]
    safety_net: list[SafetyNetItem]
    guide: list[GuideLink]
    notes: list[str] = field(default_factory=list)
    patient_summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (one object per case in `plan --format json`)."""
        return asdict(self)


# ----------------------------------------------------------------------------- helpers


def _case_dict(case: Any) -> dict[str, Any]:
    if isinstance(case, Mapping):
        return dict(case)
    if hasattr(case, "to_dict"):
        return case.to_dict()
    raise TypeError(f"a case must be a mapping or a parsed Case, got {type(case).__name__}")


def _view(case: dict[str, Any]) -> CaseView:
    findings = {k: list(v) if isinstance(v, tuple) else v for k, v in (case.get("findings") or {}).items()}
    return CaseView(findings=findings, patient=dict(case.get("patient") or {}), setting=case.get("setting"))


def _holds(when: dict | None, view: CaseView) -> bool:
    return when is None or evaluate(when, view) is True


def _phase(care: CareData, case: dict[str, Any]) -> str:
    days = (case.get("findings") or {}).get("duration_days")
    if not isinstance(days, int | float) or isinstance(days, bool):
        return care.settings.phases[0].id
    for p in care.settings.phases:
        if p.below_days is None or days < p.below_days:
            return p.id
    return care.settings.phases[-1].id


def _planned(assessment: Assessment, care: CareData) -> list[PlannedCondition]:
    diff = sorted(assessment.differential, key=lambda e: -e.probability)
    by_id = {e.condition: e for e in diff}
    out: list[PlannedCondition] = []

    def add(cid: str, role: str) -> None:
        if cid in by_id and all(p.condition != cid for p in out):
            e = by_id[cid]
            out.append(PlannedCondition(cid, e.name, e.plain_name, round(e.probability, 4), role))

    if diff:
        add(diff[0].condition, "working_diagnosis")
    for r in assessment.triage.reasons:
        if r.condition and not r.rule.startswith("usual:"):
            add(r.condition, "must_exclude")
    limit = care.settings.max_planned_conditions
    for e in diff[1:]:
        if e.probability >= care.settings.coexisting_min_probability and len(out) < limit:
            add(e.condition, "coexisting")
    return out


def dose_text(d: cs.Dose) -> str:
    """Plain dose wording, e.g. `3 sets of 12, twice a day (short of pain)`."""
    parts: list[str] = []
    if d.sets and d.reps:
        parts.append(f"{d.sets} sets of {d.reps}")
    elif d.sets and d.hold_seconds:
        parts.append(f"{d.sets} holds of {d.hold_seconds} seconds")
    elif d.sets:
        parts.append(f"{d.sets} sets")
    elif d.reps:
        parts.append(f"{d.reps} times")
    if d.hold_seconds and not (d.sets and not d.reps):
        parts.append(f"hold {d.hold_seconds} seconds")
    if d.duration:
        parts.append(d.duration)
    parts.append(d.frequency)
    text = ", ".join(parts)
    return f"{text} ({d.load})" if d.load else text


# ----------------------------------------------------------------------------- sections


def _workup(care: CareData, planned: list[str], view: CaseView) -> list[WorkupItem]:
    chosen: dict[tuple[str, str], cs.WorkupRule] = {}
    for rule in care.workup.rules:
        for c in rule.conditions:
            if c in planned and (rule.test, c) not in chosen and _holds(rule.when, view):
                chosen[(rule.test, c)] = rule
    best: dict[str, tuple[cs.WorkupRule, str]] = {}
    for c in planned:  # plan order breaks ties
        for (test, cond), rule in chosen.items():
            if cond != c:
                continue
            cur = best.get(test)
            if cur is None or TIMING_RANK[rule.timing] < TIMING_RANK[cur[0].timing]:
                best[test] = (rule, c)
    tests = care.tests
    items = [
        WorkupItem(
            test=test,
            name=tests[test].name,
            plain_name=tests[test].plain_name,
            timing=rule.timing,
            when=rule.when_text,
            patient_when=rule.patient_when,
            why=rule.why,
            patient_why=rule.patient_why,
            source=care.cite(rule.source),
            condition=c,
            urgency=rule.urgency,
        )
        for test, (rule, c) in best.items()
    ]
    items.sort(key=lambda w: (TIMING_RANK[w.timing], RANK.get(w.urgency or "routine", 3)))
    return items


def _referrals(care: CareData, planned: list[str], view: CaseView, level: str, withheld: bool) -> list[Referral]:
    spec = care.specialists
    found: dict[tuple[str, str], Referral] = {}
    for c in planned:
        for r in care.referrals.routes:
            if c not in r.conditions or not _holds(r.when, view):
                continue
            key = (r.to, r.timing)
            old = found.get(key)
            if old is not None and RANK[old.urgency] <= RANK[r.urgency]:
                continue
            found[key] = Referral(
                to=r.to,
                name=spec[r.to].name,
                plain_name=spec[r.to].plain_name,
                urgency=r.urgency,
                timing=r.timing,
                when=r.when_text,
                why=r.why,
                patient_why=r.patient_why,
                source=care.cite(r.source),
                condition=c,
            )
    out = list(found.values())
    if level == "self_care":  # self-care first: routine contacts become an option for later
        out = [
            replace(r, timing="later", when=f"if you would like support, or if not improving ({r.when})")
            if r.timing == "now"
            else r
            for r in out
        ]
    if withheld:  # care comes first: only routes at least as urgent as the triage level, and now
        out = [r for r in out if r.timing == "now" and RANK[r.urgency] <= RANK[level]]
    if level != "self_care" and not any(r.timing == "now" and r.urgency == level for r in out):
        tr = care.referrals.triage_routes[level]  # type: ignore[index]
        out.append(
            Referral(
                to=tr.to,
                name=spec[tr.to].name,
                plain_name=spec[tr.to].plain_name,
                urgency=level,
                timing="now",
                when="now",
                why=tr.why,
                patient_why=tr.patient_why,
                source=care.cite(tr.source),
            )
        )
    out.sort(key=lambda r: (r.timing != "now", RANK[r.urgency]))
    return out


def _medications(care: CareData, planned: list[str], phase: str) -> list[Medication]:
    meds = care.medicine_by_id
    grouped: dict[str, list[tuple[cs.MedicineStance, str]]] = {}
    for c in planned:
        for s in care.medicines.stances:
            if c in s.conditions and (not s.phases or phase in s.phases):
                grouped.setdefault(s.medicine, []).append((s, c))
    out: list[Medication] = []
    for mid, stances in grouped.items():
        stances.sort(key=lambda sc: -STANCE_RANK[sc[0].stance])  # do_not_offer first
        top, _ = stances[0]
        if top.stance != "do_not_offer":
            top = min((s for s, _ in stances), key=lambda s: STANCE_RANK[s.stance])
        conds = sorted({c for s, c in stances if s.stance == top.stance})
        note = ""
        others = sorted({c for s, c in stances if s.stance != top.stance})
        if top.stance == "do_not_offer" and others:
            note = (
                f"Guidelines differ across the conditions in this plan ({', '.join(others)}); "
                "the do-not-offer recommendation wins."
            )
        m = meds[mid]
        out.append(
            Medication(
                medicine=mid,
                name=m.name,
                plain_name=m.plain_name,
                drug_class=m.drug_class,
                recommendation=top.stance,
                why=top.why,
                patient_text=top.patient_text,
                source=care.cite(top.source),
                conditions=conds,
                note=note,
            )
        )
    out.sort(key=lambda m: STANCE_RANK[m.recommendation])
    return out


def _treatments(care: CareData, planned: list[str], phase: str, view: CaseView, withheld: bool) -> list[TreatmentItem]:
    out: dict[str, TreatmentItem] = {}
    for c in planned:
        for t in care.treatments.treatments:
            if t.id in out or c not in t.conditions:
                continue
            if (t.phases and phase not in t.phases) or not _holds(t.when, view):
                continue
            if withheld and t.kind in safety.DELAYING_KINDS and t.stance != "do_not_offer":
                continue
            out[t.id] = TreatmentItem(t.id, t.kind, t.name, t.stance, t.why, t.patient_text, care.cite(t.source), c)
    return sorted(out.values(), key=lambda t: STANCE_RANK[t.recommendation])


def _st(care: CareData, s: cs.Statement) -> SourcedText:
    return SourcedText(s.text, s.patient_text or "", care.cite(s.source))


def _surgery(care: CareData, planned: list[str]) -> list[SurgeryOption]:
    out: list[SurgeryOption] = []
    for c in planned:
        for s in care.surgery.surgery:
            if c in s.conditions and all(o.id != s.id for o in out):
                out.append(
                    SurgeryOption(
                        s.id,
                        c,
                        s.procedure,
                        s.plain_name,
                        s.stance,
                        _st(care, s.indications),
                        _st(care, s.timing),
                        [_st(care, o) for o in s.outcomes],
                        [_st(care, r) for r in s.risks],
                        s.patient_text,
                    )
                )
    return out


def _programme(care: CareData, planned: list[str]) -> ExerciseProgramme | None:
    ex = care.exercises
    for c in planned:
        for p in care.programmes.programmes:
            if c not in p.conditions:
                continue
            phases = [
                PlanPhase(
                    name=ph.name,
                    goal=ph.goal,
                    exercises=[
                        PlanExercise(
                            pe.exercise,
                            ex[pe.exercise].name,
                            ex[pe.exercise].instructions,
                            dose_text(pe.dose),
                            pe.dose.model_dump(exclude_none=True),
                        )
                        for pe in ph.exercises
                    ],
                    progress_when=list(ph.progress_when),
                    source=care.cite(ph.source),
                )
                for ph in p.phases
            ]
            return ExerciseProgramme(
                p.id,
                p.name,
                c,
                phases,
                list(p.return_criteria),
                care.cite(p.return_source),
                care.cite(p.source),
            )
    return None


def _prognosis(care: CareData, condition: str, view: CaseView) -> Prognosis:
    entry = next(p for p in care.prognosis.conditions if p.condition == condition)
    factors = [
        SourcedText(f.text, f.patient_text, care.cite(f.source)) for f in care.prognosis.factors if _holds(f.when, view)
    ]
    rec = entry.recurrence
    return Prognosis(
        condition=condition,
        expected_days=list(entry.expected_days) if entry.expected_days else None,
        text=entry.text,
        patient_text=entry.patient_text,
        source=care.cite(entry.source),
        factors=factors,
        recurrence=SourcedText(rec.text, rec.patient_text, care.cite(rec.source)),
    )


def _prevention(care: CareData, planned: list[str], view: CaseView, withheld: bool) -> list[PreventionAdvice]:
    out: list[PreventionAdvice] = []
    for it in care.prevention.items:
        if it.conditions is not None and not set(it.conditions) & set(planned):
            continue
        if it.conditions is None and withheld:
            continue
        if not _holds(it.when, view):
            continue
        out.append(PreventionAdvice(it.id, it.title, it.text, it.patient_text, care.cite(it.source)))
    return out


def _safety_net(care: CareData, planned: list[str]) -> list[SafetyNetItem]:
    items = [
        SafetyNetItem(it.id, it.action, it.patient_text, it.clinician_text, care.cite(it.source))
        for it in care.safety_net.items
        if it.conditions is None or set(it.conditions) & set(planned)
    ]
    return sorted(items, key=lambda i: RANK[i.action])


def _guide(care: CareData, planned: list[str]) -> list[GuideLink]:
    return [
        GuideLink(p.id, p.title, p.file)
        for p in care.guide.pages
        if not p.conditions or set(p.conditions) & set(planned)
    ]


# ----------------------------------------------------------------------------- entry


def build_plan(
    case: Any, assessment: Assessment, *, audience: str = "patient", care: CareData | None = None
) -> CarePlan:
    """The care plan for `case` (mapping or parsed `Case`) given its `assessment`."""
    from hamstring_dx.care.summary import patient_summary

    care = care or load_care()
    cdict = _case_dict(case)
    view = _view(cdict)
    conditions = _planned(assessment, care)
    if not conditions:
        raise ValueError("the assessment has an empty differential")
    planned = [c.condition for c in conditions]
    level = assessment.triage.level
    phase = _phase(care, cdict)
    withheld = safety.danger_reasons(assessment, planned, care)

    programme = None if withheld else _programme(care, planned)
    note = care.texts.no_programme.clinician if withheld else ""
    if not withheld and programme is None:
        note = "No home programme in the data for these conditions; physiotherapy assessment first."
    focus = next((c.condition for c in conditions if c.role == "must_exclude"), planned[0])
    notes = [care.texts.guidelines_win.clinician, care.texts.disclaimer.clinician]
    triage = {
        "level": level,
        "text": care.texts.triage[level].clinician,  # type: ignore[index]
        "patient_text": care.texts.triage[level].patient,  # type: ignore[index]
        "reasons": [asdict(r) for r in assessment.triage.reasons],
    }
    plan = CarePlan(
        case_id=assessment.case_id if assessment.case_id is not None else cdict.get("id"),
        kb_version=assessment.kb_version,
        audience=audience,
        triage=triage,
        working_diagnosis=conditions[0],
        conditions=conditions,
        phase=phase,
        withheld=withheld,
        workup=_workup(care, planned, view),
        referrals=_referrals(care, planned, view, level, bool(withheld)),
        medications=_medications(care, planned, phase),
        treatments=_treatments(care, planned, phase, view, bool(withheld)),
        surgery=_surgery(care, planned),
        exercise_programme=programme,
        exercise_note=note,
        prognosis=_prognosis(care, focus, view),
        prevention=_prevention(care, planned, view, bool(withheld)),
        safety_net=_safety_net(care, planned),
        guide=_guide(care, planned),
        notes=notes,
    )
    return _with_summary(plan, patient_summary(plan, care))


def _with_summary(plan: CarePlan, text: str) -> CarePlan:
    return replace(plan, patient_summary=text)
