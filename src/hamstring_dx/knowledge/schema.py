"""Shapes of the knowledge-base data files, validated on load.

Every model is frozen and rejects unknown keys, so a typo in a data file is an error
with a path, never a silently ignored field. Cross-file checks (ids that must exist,
distributions that must sum to one) live in :mod:`hamstring_dx.knowledge.check`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Basis(StrEnum):
    """How a number was obtained."""

    measured = "measured"  # reported by the cited study
    calculated = "calculated"  # computed from the cited study's figures (e.g. LR from sens/spec)
    secondary = "secondary"  # taken from a secondary summary of the cited study
    expert_estimate = "expert_estimate"  # no study gives it; `note` says why this value


class Sourced(_Frozen):
    """Provenance carried by every number and rule in the knowledge base."""

    ref: str | None = None  # id in references.yaml
    basis: Basis = Basis.measured
    locator: str | None = None  # table, page, figure or section in the source
    note: str | None = None  # one-line reason; required for expert estimates
    unverified: bool = False  # the figure could not be checked against its source

    @model_validator(mode="after")
    def _needs_reason_or_ref(self) -> Sourced:
        if self.basis is Basis.expert_estimate:
            if not self.note:
                raise ValueError("an expert estimate needs a one-line `note` giving the reason")
        elif not self.ref:
            raise ValueError(f"basis {self.basis.value!r} needs `ref` (a reference id)")
        return self


class Reference(_Frozen):
    id: str
    citation: str  # full formatted citation: authors, title, journal, year, volume, pages
    year: int
    # guideline | systematic_review | cohort | case_control | case_series | trial | textbook
    # | expert_consensus | code_set | other
    kind: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    note: str | None = None


class ReferenceFile(_Frozen):
    references: list[Reference]


class Code(_Frozen):
    code: str
    title: str
    checked: bool = False  # True when confirmed in the CMS tabular list


class Escalation(Sourced):
    """A dangerous condition whose probability reaches `threshold` sets triage to at least `level`."""

    threshold: float = Field(gt=0, lt=1)
    level: str


class UsualTriage(Sourced):
    """Triage level when this condition explains the presentation and no red flag fires."""

    self_assessment: str
    clinical: str


class RootShare(Sourced):
    p: float = Field(ge=0, le=1)


class Condition(_Frozen):
    id: str
    name: str  # clinician name
    plain_name: str  # patient name, plain words
    icd10cm: list[Code]
    snomed_ct: str | None = None
    clinician_description: str
    patient_description: str
    dangerous: bool = False
    usual_triage: UsualTriage
    escalation: Escalation | None = None
    root_distribution: dict[str, RootShare] | None = None  # radicular conditions only


class ConditionFile(_Frozen):
    conditions: list[Condition]


class Prob(Sourced):
    p: float = Field(ge=0, le=1)


class Distribution(Sourced):
    distribution: dict[str, float]


class Bin(_Frozen):
    state: str
    below: float | None = None  # upper bound (exclusive); None for the last bin


class FindingDef(_Frozen):
    """Presentation and network role of one vocabulary finding."""

    id: str
    kind: str  # history | exam | investigation
    red_flag: bool = False  # acts on triage only through red-flag rules
    clinician_text: str
    patient_question: str | None = None  # history findings: plain question
    patient_help: str | None = None
    sign: str | None = None  # member of a latent sign group (signs.yaml)
    baseline: Prob | Distribution | None = None  # P(positive | no modelled condition)
    item_baselines: dict[str, Prob] | None = None  # list findings: per region/movement overrides
    bins: list[Bin] | None = None  # number findings: discretisation into network states


class FindingFile(_Frozen):
    findings: list[FindingDef]


class ContextNode(_Frozen):
    """Patient characteristics entered as evidence nodes (age band, sex, activity)."""

    id: str
    source_key: str  # key under case.patient: age | sex | activity
    bins: list[Bin] | None = None
    states: list[str] | None = None
    baseline: Distribution


class ContextFile(_Frozen):
    context: list[ContextNode]


class SignMember(Sourced):
    finding: str
    p_if_sign: float = Field(gt=0, lt=1)  # sensitivity of the test for the latent sign
    p_if_no_sign: float = Field(gt=0, lt=1)  # false-positive rate without the sign


class Sign(_Frozen):
    """A latent clinical sign shared by tests that measure the same thing."""

    id: str
    description: str
    baseline: Prob  # P(sign | no modelled condition)
    members: list[SignMember]


class SignFile(_Frozen):
    signs: list[Sign]


class Link(Sourced):
    """P(node | condition alone): `p` for two-state nodes, `distribution` for categorical ones."""

    node: str
    p: float | None = Field(default=None, ge=0, le=1)
    distribution: dict[str, float] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Link:
        if (self.p is None) == (self.distribution is None):
            raise ValueError("give exactly one of `p` or `distribution`")
        return self


class LikelihoodFile(_Frozen):
    condition: str
    links: list[Link]


class RootEffect(Sourced):
    node: str
    p: float = Field(ge=0, le=1)


class RootMap(_Frozen):
    root: str
    effects: list[RootEffect]


class RootFile(_Frozen):
    roots: list[RootMap]


class PairNote(_Frozen):
    pair: tuple[str, str]
    note: str


class SettingPriors(_Frozen):
    other: Prob  # no modelled condition explains the pain
    conditions: dict[str, Prob]


class PriorFile(_Frozen):
    comorbidity: Prob  # share of presentations with two modelled conditions at once
    incompatible_pairs: list[PairNote] = []
    settings: dict[str, SettingPriors]


class RuleExamples(_Frozen):
    fires: list[dict] = []
    silent: list[dict] = []


class RedFlagRule(Sourced):
    id: str
    level: str
    when: dict
    clinician_text: str
    patient_text: str
    condition: str | None = None  # the condition the rule screens for
    examples: RuleExamples


class RedFlagFile(_Frozen):
    rules: list[RedFlagRule]


class Manifest(_Frozen):
    kb_version: str
    schema_version: int
    released: str
    description: str


class Share(Sourced):
    value: float = Field(gt=0, lt=1)


class TriagePolicy(_Frozen):
    """How the differential sets a triage level when no red flag fires (triage.yaml)."""

    other: UsualTriage  # usual level when no modelled condition explains the pain
    usual_mass: Share  # the usual level is the most urgent one holding at least this share of the differential
