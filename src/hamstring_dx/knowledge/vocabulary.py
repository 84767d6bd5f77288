"""The shared case-format vocabulary (ids of settings, conditions, findings, regions ...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# The value sets below are the case format's own grammar (shared/case-format/vocabulary.yaml,
# "Value conventions"), not clinical knowledge.
VALUES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "boolean": ("present", "absent"),
    "test": ("positive", "negative"),
    "reflex": ("normal", "reduced", "absent"),
}
LIST_TYPES = ("region_list", "movement_list")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class FindingType:
    id: str
    type: str  # boolean | test | reflex | number | region_list | movement_list
    label: str
    unit: str | None = None


@dataclass(frozen=True, eq=False)  # identity: hashable for caches
class Vocabulary:
    """Ids of case format v1, in the order the vocabulary file gives them."""

    settings: tuple[str, ...]
    activities: tuple[str, ...]
    triage_levels: tuple[str, ...]  # most to least urgent
    triage_descriptions: dict[str, str]
    conditions: tuple[str, ...]
    condition_labels: dict[str, str]
    roots: tuple[str, ...]
    regions: tuple[str, ...]
    region_labels: dict[str, str]
    movements: tuple[str, ...]
    findings: dict[str, FindingType]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the file as read

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vocabulary:
        findings = {
            fid: FindingType(fid, spec["type"], spec.get("label", fid.replace("_", " ")), spec.get("unit"))
            for fid, spec in data["findings"].items()
        }
        return cls(
            settings=tuple(data["settings"]),
            activities=tuple(data["activities"]),
            triage_levels=tuple(data["triage_levels"]),
            triage_descriptions=dict(data["triage_levels"]),
            conditions=tuple(data["conditions"]),
            condition_labels=dict(data["conditions"]),
            roots=tuple(data["roots"]),
            regions=tuple(data["regions"]),
            region_labels=dict(data["regions"]),
            movements=tuple(data["movements"]),
            findings=findings,
            raw=data,
        )

    def items_of(self, finding_id: str) -> tuple[str, ...]:
        """Regions or movements a list finding can hold."""
        kind = self.findings[finding_id].type
        return self.regions if kind == "region_list" else self.movements

    @cached_property
    def urgency_rank(self) -> dict[str, int]:
        """Higher is more urgent: self_care 0 ... emergency 4."""
        n = len(self.triage_levels)
        return {level: n - 1 - i for i, level in enumerate(self.triage_levels)}

    def most_urgent(self, levels: list[str]) -> str:
        return max(levels, key=self.urgency_rank.__getitem__)
