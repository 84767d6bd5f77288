"""Triage: deterministic red-flag rules, then probability escalation, then the usual level.

Red-flag findings act on urgency only through the rules; the probability-based parts are
computed without them, so no red-flag answer (present or absent) can lower the level
(docs/model.md, "Triage"; tested by property tests).
"""

from __future__ import annotations

from hamstring_dx.case.model import Case
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.reasoning import rules
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import Posterior, infer, without_units
from hamstring_dx.reasoning.network import Network
from hamstring_dx.reasoning.result import Triage, TriageReason


def case_view(case: Case) -> rules.CaseView:
    data = case.to_dict()
    return rules.CaseView(findings=data["findings"], patient=data["patient"], setting=case.setting)


def red_flag_findings(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(f.id for f in kb.findings.values() if f.red_flag)


def fired_rules(kb: KnowledgeBase, case: Case) -> list[TriageReason]:
    """Red-flag rules whose condition is true for the case (unknown never fires)."""
    view = case_view(case)
    out = []
    for rule in kb.red_flags:
        if rules.evaluate(rule.when, view) is True:
            out.append(
                TriageReason(
                    rule=rule.id,
                    text=rule.clinician_text,
                    source=kb.cite(rule),
                    patient_text=rule.patient_text,
                    condition=rule.condition,
                )
            )
    return out


def full_posterior_nodes(post: Posterior) -> set[str]:
    return {u.node for u in post.units}


def _level_of(kb: KnowledgeBase, reason: TriageReason) -> str:
    for rule in kb.red_flags:
        if rule.id == reason.rule:
            return rule.level
    raise KeyError(reason.rule)


def assess_triage(kb: KnowledgeBase, net: Network, case: Case, extra_evidence: dict[str, str] | None = None,
                  full_posterior: Posterior | None = None) -> Triage:
    """The triage level of `case` and every reason that sets or supports it.

    `full_posterior` (the posterior on all evidence) is reused when the case holds no red-flag finding.
    """
    vocab = kb.vocabulary
    rank = vocab.urgency_rank
    reasons: list[tuple[str, TriageReason]] = [(_level_of(kb, r), r) for r in fired_rules(kb, case)]

    red = red_flag_findings(kb)
    evidence = network_evidence(case, net, exclude=red)
    for node, state in (extra_evidence or {}).items():
        if node not in evidence and net.nodes[node].spec.finding not in red:
            evidence[node] = state
    if full_posterior is not None:  # exact, and cheaper than a second inference
        red_nodes = {n for n in full_posterior_nodes(full_posterior) if net.nodes[n].spec.finding in red}
        red_nodes |= {n for n in (extra_evidence or {}) if net.nodes[n].spec.finding in red}
        post = without_units(net, full_posterior, red_nodes)
    else:
        post = infer(net, evidence)
    marg = post.condition_marginals(net)
    for ci, cid in enumerate(net.conditions):
        esc = kb.conditions[cid].escalation
        if esc is not None and marg[ci] >= esc.threshold:
            reasons.append((esc.level, TriageReason(
                rule=f"escalation:{cid}",
                text=(f"{kb.conditions[cid].name}: probability {marg[ci]:.2f} without red-flag findings "
                      f"reaches the escalation threshold {esc.threshold:.2f}"),
                source=kb.cite(esc),
                patient_text="",
                condition=cid,
            )))

    key = "self_assessment" if case.setting == "self_assessment" else "clinical"
    mass: dict[str, float] = {}
    leading: dict[str, tuple[float, str]] = {}
    p_none = float(post.set_marginals()[0])
    entries = [(cid, float(marg[i]), getattr(kb.conditions[cid].usual_triage, key))
               for i, cid in enumerate(net.conditions)]
    entries.append(("other", p_none, getattr(kb.triage_policy.other, key)))
    total = sum(p for _, p, _ in entries)
    for cid, p, level in entries:
        mass[level] = mass.get(level, 0.0) + p / total
        if level not in leading or p > leading[level][0]:
            leading[level] = (p, cid)
    cumulative = 0.0
    usual = vocab.triage_levels[-1]
    for level in vocab.triage_levels:  # most urgent first
        cumulative += mass.get(level, 0.0)
        if cumulative >= kb.triage_policy.usual_mass.value:
            usual = level
            break
    p_lead, lead = leading.get(usual, (0.0, "other"))
    name = kb.conditions[lead].name if lead in kb.conditions else "no modelled condition"
    reasons.append((usual, TriageReason(
        rule=f"usual:{lead}",
        text=(f"Usual level when the differential is led by conditions managed at this level "
              f"(here {name}, p={p_lead:.2f}); no red flag needed for it"),
        source=kb.cite(kb.conditions[lead].usual_triage if lead in kb.conditions else kb.triage_policy.other),
        patient_text="",
        condition=lead if lead in kb.conditions else None,
    )))
    level = vocab.most_urgent([lv for lv, _ in reasons])
    ordered = sorted(reasons, key=lambda lr: -rank[lr[0]])
    return Triage(level=level, reasons=[r for _, r in ordered])
