"""Case format v1: parsing and validation of one case into an immutable `Case`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hamstring_dx.errors import CaseError
from hamstring_dx.knowledge.vocabulary import LIST_TYPES, UNKNOWN, VALUES_BY_TYPE, Vocabulary

FindingValue = str | float | int | tuple[str, ...]
CASE_KEYS = ("case_format", "id", "setting", "side", "patient", "findings", "free_text")
PATIENT_KEYS = ("age", "sex", "activity")
SEXES = ("female", "male", "other")
SIDES = ("left", "right", "both")


@dataclass(frozen=True)
class Patient:
    age: float | None  # None only for text-only assessments (`assess --text` without --age)
    sex: str | None = None
    activity: str | None = None


@dataclass(frozen=True)
class Case:
    """One validated presentation. `findings` holds known values and explicit `unknown`s."""

    case_id: str | None
    setting: str
    side: str | None
    patient: Patient
    findings: dict[str, FindingValue] = field(default_factory=dict)
    free_text: str | None = None

    def known(self) -> dict[str, FindingValue]:
        """Findings with a known value (explicit `unknown` left out)."""
        return {k: v for k, v in self.findings.items() if v != UNKNOWN}

    def with_findings(self, updates: dict[str, FindingValue]) -> Case:
        merged = dict(self.findings)
        merged.update(updates)
        return Case(self.case_id, self.setting, self.side, self.patient, merged, self.free_text)

    def to_dict(self) -> dict[str, Any]:
        """Case format v1 dictionary (lists as lists)."""
        out: dict[str, Any] = {"case_format": 1}
        if self.case_id is not None:
            out["id"] = self.case_id
        out["setting"] = self.setting
        if self.side is not None:
            out["side"] = self.side
        patient: dict[str, Any] = {} if self.patient.age is None else {"age": self.patient.age}
        if self.patient.sex is not None:
            patient["sex"] = self.patient.sex
        if self.patient.activity is not None:
            patient["activity"] = self.patient.activity
        out["patient"] = patient
        out["findings"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.findings.items()}
        if self.free_text is not None:
            out["free_text"] = self.free_text
        return out


@cache
def _limits() -> dict[str, dict[str, float]]:
    text = resources.files("hamstring_dx.knowledge").joinpath("data/case_limits.yaml").read_text()
    return yaml.safe_load(text)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _check_number(path: str, value: object, source: str | None) -> float:
    if not _is_number(value):
        raise CaseError(path, f"must be a number, got {value!r}", source)
    limit = _limits().get(path)
    if limit and not (limit["min"] <= value <= limit["max"]):  # type: ignore[operator]
        raise CaseError(path, f"must be between {limit['min']} and {limit['max']}, got {value!r}", source)
    return value  # type: ignore[return-value]


def _choice(path: str, value: object, allowed: tuple[str, ...], source: str | None) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise CaseError(path, f"must be one of {', '.join(allowed)}; got {value!r}", source)
    return value


def _finding_value(fid: str, value: object, vocab: Vocabulary, source: str | None) -> FindingValue:
    path = f"findings.{fid}"
    if value == UNKNOWN:
        return UNKNOWN
    kind = vocab.findings[fid].type
    if kind in VALUES_BY_TYPE:
        return _choice(path, value, (*VALUES_BY_TYPE[kind], UNKNOWN), source)
    if kind == "number":
        return _check_number(path, value, source)
    if kind in LIST_TYPES:
        if not isinstance(value, list | tuple):
            raise CaseError(path, f"must be a list of ids (or 'unknown'), got {value!r}", source)
        allowed = vocab.items_of(fid)
        bad = [v for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            what = "region" if kind == "region_list" else "movement"
            raise CaseError(path, f"unknown {what} id(s): {', '.join(map(str, bad))}", source)
        if len(set(value)) != len(value):
            raise CaseError(path, "lists an id twice", source)
        return tuple(value)
    raise CaseError(path, f"finding type {kind!r} is not supported", source)  # pragma: no cover


def parse_case(data: object, vocab: Vocabulary, source: str | None = None, *, require_age: bool = True) -> Case:
    """Validate a case-format v1 mapping; raise `CaseError` naming the first bad field.

    `require_age=False` is for text-only assessments, where an age nobody gave stays unknown.
    """
    if not isinstance(data, dict):
        raise CaseError("(case)", f"a case must be a mapping, got {type(data).__name__}", source)
    extra = sorted(set(map(str, data)) - set(CASE_KEYS))
    if extra:
        raise CaseError(extra[0], f"unknown key(s) {', '.join(extra)}; allowed: {', '.join(CASE_KEYS)}", source)
    if data.get("case_format") != 1:
        raise CaseError("case_format", f"must be 1, got {data.get('case_format')!r}", source)
    case_id = data.get("id")
    if case_id is not None and not isinstance(case_id, str | int):
        raise CaseError("id", f"must be text, got {case_id!r}", source)
    setting = _choice("setting", data.get("setting", "self_assessment"), vocab.settings, source)
    side = data.get("side")
    if side is not None:
        side = _choice("side", side, SIDES, source)

    patient_data = data.get("patient")
    if not isinstance(patient_data, dict):
        raise CaseError("patient", "is required: a mapping with age (and optionally sex, activity)", source)
    extra = sorted(set(map(str, patient_data)) - set(PATIENT_KEYS))
    if extra:
        raise CaseError(f"patient.{extra[0]}", f"unknown key; allowed: {', '.join(PATIENT_KEYS)}", source)
    if "age" not in patient_data and require_age:
        raise CaseError("patient.age", "is required", source)
    age = _check_number("patient.age", patient_data["age"], source) if "age" in patient_data else None
    sex = patient_data.get("sex")
    if sex is not None:
        sex = _choice("patient.sex", sex, SEXES, source)
    activity = patient_data.get("activity")
    if activity is not None:
        activity = _choice("patient.activity", activity, vocab.activities, source)

    raw = data.get("findings") or {}
    if not isinstance(raw, dict):
        raise CaseError("findings", f"must be a mapping of finding id to value, got {raw!r}", source)
    unknown_ids = sorted(str(k) for k in raw if k not in vocab.findings)
    if unknown_ids:
        raise CaseError(f"findings.{unknown_ids[0]}", f"unknown finding id(s): {', '.join(unknown_ids)}", source)
    findings = {fid: _finding_value(fid, value, vocab, source) for fid, value in raw.items()}

    free_text = data.get("free_text")
    if free_text is not None and not isinstance(free_text, str):
        raise CaseError("free_text", "must be text", source)
    return Case(
        case_id=None if case_id is None else str(case_id),
        setting=setting,
        side=side,
        patient=Patient(age=age, sex=sex, activity=activity),
        findings=findings,
        free_text=free_text,
    )
