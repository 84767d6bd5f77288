"""Load and cross-check the care-pathway data (`knowledge/data/care/*.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from hamstring_dx.care import schema as cs
from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.knowledge.check import iter_sourced
from hamstring_dx.knowledge.loader import data_root, read_yaml, validate_model
from hamstring_dx.knowledge.schema import Basis, Reference, ReferenceFile, Sourced

M = TypeVar("M", bound=BaseModel)

FILES: dict[str, type[BaseModel]] = {
    "settings.yaml": cs.CareSettings,
    "texts.yaml": cs.Texts,
    "workup.yaml": cs.WorkupFile,
    "medicines.yaml": cs.MedicineFile,
    "treatments.yaml": cs.TreatmentFile,
    "surgery.yaml": cs.SurgeryFile,
    "referrals.yaml": cs.ReferralFile,
    "programmes.yaml": cs.ProgrammeFile,
    "prognosis.yaml": cs.PrognosisFile,
    "prevention.yaml": cs.PreventionFile,
    "safety_net.yaml": cs.SafetyNetFile,
}


@dataclass(frozen=True)
class CareData:
    """The validated care data plus what it refers to (references, vocabulary)."""

    settings: cs.CareSettings
    texts: cs.Texts
    workup: cs.WorkupFile
    medicines: cs.MedicineFile
    treatments: cs.TreatmentFile
    surgery: cs.SurgeryFile
    referrals: cs.ReferralFile
    programmes: cs.ProgrammeFile
    prognosis: cs.PrognosisFile
    prevention: cs.PreventionFile
    safety_net: cs.SafetyNetFile
    references: dict[str, Reference]
    vocabulary: dict[str, Any]
    guide: cs.GuideIndex

    @property
    def tests(self) -> dict[str, cs.Test]:
        return {t.id: t for t in self.workup.tests}

    @property
    def medicine_by_id(self) -> dict[str, cs.Medicine]:
        return {m.id: m for m in self.medicines.medicines}

    @property
    def specialists(self) -> dict[str, cs.Specialist]:
        return {s.id: s for s in self.referrals.specialists}

    @property
    def exercises(self) -> dict[str, cs.Exercise]:
        return {e.id: e for e in self.programmes.exercises}

    def cite(self, src: Sourced) -> str:
        """Short provenance text: citation head and year, locator, basis, markers."""
        parts: list[str] = []
        if src.ref:
            ref = self.references.get(src.ref)
            if ref is None:
                parts.append(src.ref)
            else:
                head = ref.citation.split(". ")[0].strip()
                if len(head) > 60:
                    head = head[:57].rstrip() + "..."
                parts.append(f"{head} ({ref.year}) [{ref.id}]")
        if src.locator:
            parts.append(src.locator)
        if src.basis is Basis.expert_estimate:
            parts.append(f"expert estimate: {src.note}")
        elif src.basis is not Basis.measured:
            parts.append(src.basis.value)
        if src.unverified:
            parts.append("unverified")
        return "; ".join(parts)


def read_care(path: str | Path | None = None) -> tuple[CareData | None, list[str]]:
    """Read and shape-check every care file; return the data (None if unusable) and issues."""
    root = data_root(path)
    issues: list[str] = []
    loaded: dict[str, Any] = {}
    for name, model in FILES.items():
        label = f"care/{name}"
        raw = read_yaml(root.joinpath("care").joinpath(name), issues, label)
        loaded[name] = validate_model(model, raw, label, issues)
    refs: dict[str, Reference] = {}
    label = "references.yaml"
    rf = validate_model(ReferenceFile, read_yaml(root.joinpath(label), issues, label), label, issues)
    for ref in rf.references if rf else []:
        if ref.id in refs:
            issues.append(f"{label}: reference id {ref.id!r} is defined twice")
        refs[ref.id] = ref
    vocab = read_yaml(root.joinpath("vocabulary.yaml"), issues, "vocabulary.yaml") or {}
    guide_dir = root.joinpath("guide")
    guide = validate_model(
        cs.GuideIndex,
        read_yaml(guide_dir.joinpath("index.yaml"), issues, "guide/index.yaml"),
        "guide/index.yaml",
        issues,
    )
    for page in guide.pages if guide else []:
        if not guide_dir.joinpath(page.file).is_file():
            issues.append(f"guide/index.yaml: {page.id}: file {page.file!r} is missing")
    if guide is None or any(v is None for v in loaded.values()):
        return None, issues
    data = CareData(
        *(loaded[name] for name in FILES),  # type: ignore[arg-type]
        references=refs,
        vocabulary=vocab,
        guide=guide,
    )
    return data, issues


def _cross_issues(d: CareData) -> list[str]:
    from hamstring_dx.reasoning.rules import validate_expression

    issues: list[str] = []
    conditions = set((d.vocabulary.get("conditions") or {}).keys())

    def cond(label: str, ids: list[str] | None) -> None:
        for c in ids or []:
            if c not in conditions:
                issues.append(f"{label}: unknown condition id {c!r}")

    def expr(label: str, when: dict | None) -> None:
        if when is not None:
            issues.extend(f"{label}: {p}" for p in validate_expression(when, d.vocabulary, "when"))

    def unique(label: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                issues.append(f"{label}: id {i!r} is used twice")
            seen.add(i)

    unique("care/workup.yaml: tests", [t.id for t in d.workup.tests])
    unique("care/medicines.yaml: medicines", [m.id for m in d.medicines.medicines])
    unique("care/treatments.yaml: treatments", [t.id for t in d.treatments.treatments])
    unique("care/programmes.yaml: exercises", [e.id for e in d.programmes.exercises])
    unique("care/programmes.yaml: programmes", [p.id for p in d.programmes.programmes])
    unique("care/referrals.yaml: specialists", [s.id for s in d.referrals.specialists])

    cond("care/settings.yaml: no_exercise_conditions", d.settings.no_exercise_conditions)
    if [p.id for p in d.settings.phases] != ["acute", "subacute", "chronic"]:
        issues.append("care/settings.yaml: phases must be acute, subacute, chronic in that order")
    for i, r in enumerate(d.workup.rules):
        label = f"care/workup.yaml: rules[{i}]"
        if r.test not in d.tests:
            issues.append(f"{label}: unknown test {r.test!r}")
        cond(label, r.conditions)
        expr(label, r.when)
    for i, s in enumerate(d.medicines.stances):
        label = f"care/medicines.yaml: stances[{i}]"
        if s.medicine not in d.medicine_by_id:
            issues.append(f"{label}: unknown medicine {s.medicine!r}")
        if s.stance not in cs.STANCES:
            issues.append(f"{label}: stance {s.stance!r} not in {cs.STANCES}")
        cond(label, s.conditions)
    for t in d.treatments.treatments:
        label = f"care/treatments.yaml: {t.id}"
        cond(label, t.conditions)
        expr(label, t.when)
    for s in d.surgery.surgery:
        cond(f"care/surgery.yaml: {s.id}", s.conditions)
    for level, tr in d.referrals.triage_routes.items():
        if tr.to not in d.specialists:
            issues.append(f"care/referrals.yaml: triage_routes.{level}: unknown specialist {tr.to!r}")
    for i, r in enumerate(d.referrals.routes):
        label = f"care/referrals.yaml: routes[{i}]"
        if r.to not in d.specialists:
            issues.append(f"{label}: unknown specialist {r.to!r}")
        cond(label, r.conditions)
        expr(label, r.when)
    no_ex = set(d.settings.no_exercise_conditions)
    for p in d.programmes.programmes:
        label = f"care/programmes.yaml: {p.id}"
        cond(label, p.conditions)
        for c in set(p.conditions) & no_ex:
            issues.append(f"{label}: condition {c!r} is in no_exercise_conditions")
        for j, ph in enumerate(p.phases):
            for pe in ph.exercises:
                if pe.exercise not in d.exercises:
                    issues.append(f"{label}: phases[{j}]: unknown exercise {pe.exercise!r}")
    prog_conditions = [c.condition for c in d.prognosis.conditions]
    unique("care/prognosis.yaml: conditions", prog_conditions)
    cond("care/prognosis.yaml", prog_conditions)
    for c in sorted(conditions - set(prog_conditions)):
        issues.append(f"care/prognosis.yaml: no prognosis for condition {c!r}")
    for f in d.prognosis.factors:
        expr(f"care/prognosis.yaml: factors.{f.id}", f.when)
    for it in d.prevention.items:
        cond(f"care/prevention.yaml: {it.id}", it.conditions)
        expr(f"care/prevention.yaml: {it.id}", it.when)
    for it in d.safety_net.items:
        cond(f"care/safety_net.yaml: {it.id}", it.conditions)
    for page in d.guide.pages:
        cond(f"guide/index.yaml: {page.id}", page.conditions)
    covered = {c for page in d.guide.pages for c in page.conditions}
    for c in sorted(conditions - covered):
        issues.append(f"guide/index.yaml: no guide page covers condition {c!r}")

    # every condition has a route or an exercise programme or is excluded from exercise
    for name, model in (
        ("workup.yaml", d.workup),
        ("medicines.yaml", d.medicines),
        ("treatments.yaml", d.treatments),
        ("surgery.yaml", d.surgery),
        ("referrals.yaml", d.referrals),
        ("programmes.yaml", d.programmes),
        ("prognosis.yaml", d.prognosis),
        ("prevention.yaml", d.prevention),
        ("safety_net.yaml", d.safety_net),
        ("settings.yaml", d.settings),
    ):
        for where, src in iter_sourced(model, ""):
            if src.ref and src.ref not in d.references:
                issues.append(f"care/{name}: {where}: unknown reference id {src.ref!r}")
    return issues


def care_issues(path: str | Path | None = None) -> list[str]:
    """All shape and cross-reference problems of the care data."""
    data, issues = read_care(path)
    if data is not None:
        issues += _cross_issues(data)
    return issues


def _validated(path: str | Path | None) -> CareData:
    data, issues = read_care(path)
    if data is None or issues:
        raise KnowledgeBaseError(issues)
    return data


@cache
def _default() -> CareData:
    return _validated(None)


def load_care(path: str | Path | None = None) -> CareData:
    """The validated care data (cached for the packaged data); raises `KnowledgeBaseError`."""
    return _default() if path is None else _validated(path)
