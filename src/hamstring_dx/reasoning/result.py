"""Typed results of an assessment; `.to_dict()` gives the JSON form of `assess --json`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class TriageReason:
    rule: str  # red-flag rule id, `escalation:<condition>` or `usual:<condition>`
    text: str  # clinician wording
    source: str  # formatted citation of the basis
    patient_text: str = ""
    condition: str | None = None


@dataclass(frozen=True)
class Triage:
    level: str  # one of the vocabulary triage levels
    reasons: list[TriageReason]


@dataclass(frozen=True)
class Evidence:
    finding: str  # network node id, e.g. `straight_leg_raise` or `pain_regions__calf`
    value: str  # the node state entered
    log_lr: float  # natural log of P(value | condition) / P(value | not condition)
    source: str  # citation(s) behind the link, or "baseline" when the condition has no link


@dataclass(frozen=True)
class DifferentialEntry:
    condition: str
    probability: float
    name: str
    plain_name: str
    evidence: list[Evidence]  # sorted by |log_lr|, largest first


@dataclass(frozen=True)
class RootProbability:
    root: str
    probability: float


@dataclass(frozen=True)
class NextFinding:
    finding: str  # vocabulary finding id (for list findings the list id)
    expected_information_gain: float  # nats
    node: str = ""  # the network node behind the figure


@dataclass(frozen=True)
class Assessment:
    case_id: str | None
    kb_version: str
    triage: Triage
    differential: list[DifferentialEntry]
    roots: list[RootProbability]
    next_findings: list[NextFinding]
    network_evidence: dict[str, str]
    read_from_text: dict[str, Any] | None = None  # what free text added (findings, regions, red flags to confirm)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the shape of `hamstring-dx assess --json`)."""
        return asdict(self)

    def probability(self, condition: str) -> float:
        """Posterior probability that `condition` is present."""
        for entry in self.differential:
            if entry.condition == condition:
                return entry.probability
        raise KeyError(condition)
