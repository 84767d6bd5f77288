"""Map a validated case onto network evidence `{node: state}`. Unknown findings enter nothing."""

from __future__ import annotations

from hamstring_dx.case.model import Case
from hamstring_dx.knowledge.nodes import TWO_STATE, bin_state, item_node
from hamstring_dx.knowledge.vocabulary import LIST_TYPES, UNKNOWN
from hamstring_dx.reasoning.network import Network

SETTING_NODE = "setting"
# Reflex grades enter as normal / abnormal: accuracy studies report "reflex change" ungraded.
REFLEX_STATE = {"normal": "normal", "reduced": "abnormal", "absent": "abnormal"}


def network_evidence(case: Case, net: Network, exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """The evidence the engine enters for `case`; findings in `exclude` are left out."""
    kb = net.kb
    evidence: dict[str, str] = {SETTING_NODE: case.setting}
    patient = {"age": case.patient.age, "sex": case.patient.sex, "activity": case.patient.activity}
    for ctx in kb.context.values():
        value = patient.get(ctx.source_key)
        if value is None:
            continue
        if ctx.bins:
            evidence[ctx.id] = bin_state(float(value), [(b.state, b.below) for b in ctx.bins])
        else:
            evidence[ctx.id] = str(value)
    for fid, value in case.findings.items():
        if value == UNKNOWN or fid in exclude:
            continue
        ftype = kb.vocabulary.findings[fid].type
        if ftype in LIST_TYPES:
            given = set(value)  # type: ignore[arg-type]
            neg, pos = TWO_STATE[ftype]
            for item in kb.vocabulary.items_of(fid):
                evidence[item_node(fid, item)] = pos if item in given else neg
        elif ftype == "number":
            bins = kb.findings[fid].bins or []
            evidence[fid] = bin_state(float(value), [(b.state, b.below) for b in bins])  # type: ignore[arg-type]
        elif ftype == "reflex":
            evidence[fid] = REFLEX_STATE[str(value)]
        else:
            evidence[fid] = str(value)
    return evidence
