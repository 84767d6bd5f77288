"""Shapes of the care-pathway data files (`knowledge/data/care/*.yaml`), validated on load.

Every model is frozen and rejects unknown keys. Cross-file checks (condition, test, exercise,
medicine, specialist and reference ids; rule expressions; stances) are in :func:`check_care_data`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hamstring_dx.knowledge.schema import Sourced

Stance = Literal["offer", "consider", "do_not_offer"]
STANCES = ("offer", "consider", "do_not_offer")
Timing = Literal["now", "later", "not_now"]
Level = Literal["emergency", "urgent", "soon", "routine", "self_care"]
PhaseId = Literal["acute", "subacute", "chronic"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ----------------------------------------------------------------------------- settings, texts


class Phase(_Frozen):
    id: PhaseId
    below_days: int | None = None  # upper bound (exclusive); None for the last phase
    plain: str


class CareSettings(_Frozen):
    phases: list[Phase]
    phase_source: Sourced
    coexisting_min_probability: float = Field(gt=0, lt=1)
    coexisting_source: Sourced
    max_planned_conditions: int = Field(ge=1)
    no_exercise_conditions: list[str]
    no_exercise_source: Sourced


class Voices(_Frozen):
    clinician: str = ""
    patient: str


class Texts(_Frozen):
    triage: dict[Level, Voices]
    headings: dict[str, str]
    no_programme: Voices
    no_self_care: Voices
    medicines_after_assessment: Voices  # when care must come first: no home medicine list
    guidelines_win: Voices
    disclaimer: Voices


# ----------------------------------------------------------------------------- work-up


class Test(_Frozen):
    id: str
    name: str
    plain_name: str


class WorkupRule(_Frozen):
    test: str
    conditions: list[str] = Field(min_length=1)
    when: dict | None = None
    timing: Timing
    urgency: Level | None = None
    when_text: str
    patient_when: str
    why: str
    patient_why: str
    source: Sourced


class WorkupFile(_Frozen):
    tests: list[Test]
    rules: list[WorkupRule]


# ----------------------------------------------------------------------------- treatment


class Medicine(_Frozen):
    id: str
    name: str
    plain_name: str
    drug_class: str


class MedicineStance(_Frozen):
    medicine: str
    conditions: list[str] = Field(min_length=1)
    phases: list[PhaseId] | None = None  # None: every phase
    stance: Stance
    why: str
    patient_text: str
    source: Sourced


class MedicineFile(_Frozen):
    medicines: list[Medicine]
    stances: list[MedicineStance]


class Treatment(_Frozen):
    id: str
    kind: Literal["self_care", "physiotherapy", "psychological", "device", "injection", "procedure"]
    conditions: list[str] = Field(min_length=1)
    phases: list[PhaseId] | None = None
    when: dict | None = None
    stance: Stance
    name: str
    why: str
    patient_text: str
    source: Sourced


class TreatmentFile(_Frozen):
    treatments: list[Treatment]


class Statement(_Frozen):
    text: str
    patient_text: str | None = None
    source: Sourced


class Surgery(_Frozen):
    id: str
    conditions: list[str] = Field(min_length=1)
    stance: Stance
    procedure: str
    plain_name: str
    indications: Statement
    timing: Statement
    outcomes: list[Statement]
    risks: list[Statement]
    patient_text: str


class SurgeryFile(_Frozen):
    surgery: list[Surgery]


# ----------------------------------------------------------------------------- referral


class Specialist(_Frozen):
    id: str
    name: str
    plain_name: str


class TriageRoute(_Frozen):
    to: str
    why: str
    patient_why: str
    source: Sourced


class Route(_Frozen):
    to: str
    conditions: list[str] = Field(min_length=1)
    when: dict | None = None
    urgency: Level
    timing: Literal["now", "later"]
    when_text: str
    why: str
    patient_why: str
    source: Sourced


class ReferralFile(_Frozen):
    specialists: list[Specialist]
    triage_routes: dict[Literal["emergency", "urgent", "soon", "routine"], TriageRoute]
    routes: list[Route]


# ----------------------------------------------------------------------------- rehabilitation


class Exercise(_Frozen):
    id: str
    name: str
    instructions: str


class Dose(_Frozen):
    sets: int | None = Field(default=None, ge=1)
    reps: str | None = None
    hold_seconds: int | str | None = None
    duration: str | None = None
    frequency: str
    load: str | None = None

    @model_validator(mode="after")
    def _some_amount(self) -> Dose:
        if not (self.sets or self.reps or self.hold_seconds or self.duration):
            raise ValueError("a dose needs sets, reps, a hold or a duration")
        return self


class PhaseExercise(_Frozen):
    exercise: str
    dose: Dose


class ProgrammePhase(_Frozen):
    name: str
    goal: str
    exercises: list[PhaseExercise] = Field(min_length=1)
    progress_when: list[str] = Field(min_length=1)
    source: Sourced


class Programme(_Frozen):
    id: str
    conditions: list[str] = Field(min_length=1)
    name: str
    source: Sourced
    phases: list[ProgrammePhase] = Field(min_length=1)
    return_criteria: list[str] = Field(min_length=1)
    return_source: Sourced


class ProgrammeFile(_Frozen):
    exercises: list[Exercise]
    programmes: list[Programme]


# ----------------------------------------------------------------------------- prognosis, prevention, safety


class Recurrence(_Frozen):
    text: str
    patient_text: str
    source: Sourced


class ConditionPrognosis(_Frozen):
    condition: str
    expected_days: tuple[int, int] | None = None
    text: str
    patient_text: str
    source: Sourced
    recurrence: Recurrence

    @model_validator(mode="after")
    def _ordered(self) -> ConditionPrognosis:
        if self.expected_days and not 0 < self.expected_days[0] <= self.expected_days[1]:
            raise ValueError("expected_days must be [low, high] with 0 < low <= high")
        return self


class Factor(_Frozen):
    id: str
    when: dict | None = None  # None: always shown
    text: str
    patient_text: str
    source: Sourced


class PrognosisFile(_Frozen):
    conditions: list[ConditionPrognosis]
    factors: list[Factor]


class PreventionItem(_Frozen):
    id: str
    conditions: list[str] | None = None
    when: dict | None = None
    title: str
    text: str
    patient_text: str
    source: Sourced


class PreventionFile(_Frozen):
    items: list[PreventionItem]


class SafetyItem(_Frozen):
    id: str
    action: Level
    conditions: list[str] | None = None
    patient_text: str
    clinician_text: str
    source: Sourced


class SafetyNetFile(_Frozen):
    items: list[SafetyItem]


class GuidePage(_Frozen):
    id: str
    file: str
    title: str
    conditions: list[str] = []


class GuideIndex(_Frozen):
    pages: list[GuidePage]


def check_care_data(path: str | None = None) -> list[str]:
    """Every problem in the care data as ``file: path: message`` lines (empty when valid).

    Called by `kb check`. Checks shapes, then cross-references: condition ids against the
    vocabulary, test / medicine / specialist / exercise ids, reference ids against
    `references.yaml`, rule expressions with the shared evaluator's validator, stances.
    """
    from hamstring_dx.care.loader import care_issues

    return care_issues(path)
