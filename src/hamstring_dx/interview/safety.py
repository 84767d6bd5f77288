"""Safety follow-up: red-flag questions asked out of the information-gain order.

Two documented rules (docs/interview.md, "Safety follow-up"):

1. Half-triggered rule. When a red-flag finding is positive, a red-flag rule naming it is still
   undecided (unknown in three-valued logic), and the rule would raise the triage level if it
   fired, the unasked findings of that rule are asked next (cheapest first, then most informative),
   until the rule is decided.
2. Escalation chance. An unasked red-flag question is asked when the probability that its answer
   is positive *and* fires a rule that raises the triage level, per unit of question cost, reaches
   `safety.escalation_probability`. The probability is the engine's predictive probability of
   the positive answer given everything answered so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from hamstring_dx.case.model import Case
from hamstring_dx.interview.config import MODE_KINDS, InterviewConfig
from hamstring_dx.interview.questions import askable
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.reasoning import rules
from hamstring_dx.reasoning.inference import Posterior
from hamstring_dx.reasoning.network import Network

# The answer that makes a red-flag finding positive, by vocabulary type.
POSITIVE_VALUE = {"boolean": "present", "test": "positive", "reflex": "absent"}
_POSITIVE = {"boolean": ("present",), "test": ("positive",), "reflex": ("reduced", "absent")}


@dataclass(frozen=True)
class FollowUp:
    finding: str
    condition: str | None  # the condition the rule screens for
    rule: str
    reason: str  # half_triggered | escalation_chance
    probability: float = 0.0  # escalation chance (rule 2)


def rule_findings(node: Any, acc: list[str] | None = None) -> list[str]:
    """Finding ids named anywhere in a rule expression, in order of appearance."""
    acc = [] if acc is None else acc
    if isinstance(node, dict):
        fid = node.get("finding")
        if isinstance(fid, str) and fid not in acc:
            acc.append(fid)
        for value in node.values():
            rule_findings(value, acc)
    elif isinstance(node, list):
        for item in node:
            rule_findings(item, acc)
    return acc


@cache
def _rules_naming(kb: KnowledgeBase) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for i, rule in enumerate(kb.red_flags):
        for f in rule_findings(rule.when):
            out.setdefault(f, []).append(i)
    return {f: tuple(v) for f, v in out.items()}


def is_positive(kb: KnowledgeBase, finding: str, value: object) -> bool:
    ftype = kb.vocabulary.findings[finding].type
    if ftype in ("region_list", "movement_list"):
        return isinstance(value, tuple | list) and len(value) > 0
    return value in _POSITIVE.get(ftype, ())


def _view(case: Case, extra: dict[str, object] | None = None) -> rules.CaseView:
    findings = {k: list(v) if isinstance(v, tuple) else v for k, v in case.findings.items()}
    if extra:
        findings.update(extra)
    patient = {"age": case.patient.age, "sex": case.patient.sex, "activity": case.patient.activity}
    return rules.CaseView(
        findings=findings, patient={k: v for k, v in patient.items() if v is not None}, setting=case.setting
    )


def _askable_in(kb: KnowledgeBase, finding: str, mode: str) -> bool:
    return askable(kb, finding, mode) and kb.findings[finding].kind in MODE_KINDS[mode]


def _entry_conditions(kb: KnowledgeBase, case: Case, finding: str) -> set[str]:
    """Conditions for which a positive `finding` alone (nothing else known) fires a red-flag rule."""
    ftype = kb.vocabulary.findings[finding].type
    if ftype not in POSITIVE_VALUE:
        return set()
    alone = Case(case.case_id, case.setting, case.side, case.patient, {})
    view = _view(alone, {finding: POSITIVE_VALUE[ftype]})
    return {
        kb.red_flags[i].condition or ""
        for i in _rules_naming(kb).get(finding, ())
        if rules.evaluate(kb.red_flags[i].when, view)
    }


def half_triggered(kb: KnowledgeBase, case: Case, level: str, mode: str) -> list[FollowUp]:
    """Rule 1: unasked findings of undecided rules that a positive red-flag answer has started.

    A positive red-flag answer starts a rule when it names the finding and the finding alone is an
    entry to the rule's condition: on its own it fires some red-flag rule for that condition
    (bladder change alone fires a cauda equina rule, so the emergency cauda equina rule, which also
    needs leg symptoms, is started; foot drop alone fires a disc rule, not a cauda equina one).
    """
    rank = kb.vocabulary.urgency_rank
    view = _view(case)
    positives = [
        f
        for f, v in case.findings.items()
        if f in kb.findings and kb.findings[f].red_flag and is_positive(kb, f, v)
    ]
    entries = {f: _entry_conditions(kb, case, f) for f in positives}
    out: list[FollowUp] = []
    seen: set[str] = set()
    for rule in sorted(kb.red_flags, key=lambda r: -rank[r.level]):
        if rank[rule.level] <= rank[level]:
            continue
        named = rule_findings(rule.when)
        started = any(f in named and (rule.condition or "") in entries[f] for f in positives)
        if not started or rules.evaluate(rule.when, view) is not None:
            continue
        for f in named:
            if f not in case.findings and f not in seen and _askable_in(kb, f, mode):
                seen.add(f)
                out.append(FollowUp(f, rule.condition, rule.id, "half_triggered"))
    return out


def positive_probability(net: Network, post: Posterior, finding: str) -> float:
    """Predictive probability that two-state `finding` is positive given the evidence so far.

    Exact: P(positive) = sum over hidden states of P(positive | hidden, earlier evidence) times
    their posterior; a member of a latent sign group is conditioned on the group's observed members.
    """
    node = net.nodes.get(finding)
    if node is None or len(node.states) != 2:
        return 0.0
    if node.sign is None:
        table = node.table[1]  # [S, R or 1]
        if table.shape[1] == 1:
            return float((table[:, 0] * post.set_marginals()).sum())
        return float((table * post.joint).sum())
    with_sign = np.ones(1)
    without = np.ones(1)
    for member, k in post.sign_obs.get(node.sign, []):
        t = net.nodes[member].table
        with_sign = with_sign * t[k, 1, 0]
        without = without * t[k, 0, 0]
    p = net.signs[node.sign].p_present  # [S]
    t = node.table
    pos = (p * with_sign * t[1, 1, 0] + (1 - p) * without * t[1, 0, 0]) / (p * with_sign + (1 - p) * without)
    return float((pos * post.set_marginals()).sum())


def escalation_chances(
    net: Network, post: Posterior, case: Case, level: str, mode: str, cfg: InterviewConfig
) -> list[FollowUp]:
    """Rule 2: red-flag questions whose chance of raising the triage level per cost reaches the bar."""
    kb = net.kb
    rank = kb.vocabulary.urgency_rank
    naming = _rules_naming(kb)
    bar = cfg.safety.escalation_probability.value
    out: list[FollowUp] = []
    for fid, fdef in kb.findings.items():
        if not fdef.red_flag or fid in case.findings or not _askable_in(kb, fid, mode):
            continue
        ftype = kb.vocabulary.findings[fid].type
        if ftype not in POSITIVE_VALUE:
            continue
        view = _view(case, {fid: POSITIVE_VALUE[ftype]})
        raising = [
            kb.red_flags[i]
            for i in naming.get(fid, ())
            if rank[kb.red_flags[i].level] > rank[level] and rules.evaluate(kb.red_flags[i].when, view)
        ]
        if not raising:
            continue
        p = positive_probability(net, post, fid)
        if p / cfg.costs.of(fdef.kind) >= bar:
            top = max(raising, key=lambda r: rank[r.level])
            out.append(FollowUp(fid, top.condition, top.id, "escalation_chance", p))
    out.sort(key=lambda f: (-f.probability / cfg.costs.of(kb.findings[f.finding].kind), f.finding))
    return out


def next_follow_up(
    net: Network,
    post: Posterior,
    case: Case,
    level: str,
    mode: str,
    cfg: InterviewConfig,
    score: dict[str, float],
) -> FollowUp | None:
    """The safety follow-up to ask now, if any (rule 1 before rule 2)."""
    kb = net.kb
    pending = half_triggered(kb, case, level, mode)
    if pending:
        return min(
            pending, key=lambda f: (cfg.costs.of(kb.findings[f.finding].kind), -score.get(f.finding, 0.0))
        )
    chances = escalation_chances(net, post, case, level, mode, cfg)
    return chances[0] if chances else None
