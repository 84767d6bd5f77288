"""`assess`: triage, differential, roots and next findings for one case."""

from __future__ import annotations

from typing import Any

import numpy as np

from hamstring_dx.case.model import Case, parse_case
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.explain import evidence_source
from hamstring_dx.reasoning.inference import infer, log_likelihood_ratios
from hamstring_dx.reasoning.network import Network, compile_network, default_network
from hamstring_dx.reasoning.next_findings import rank_next_findings
from hamstring_dx.reasoning.result import (
    Assessment,
    DifferentialEntry,
    Evidence,
    NextFinding,
    RootProbability,
)
from hamstring_dx.reasoning.triage import assess_triage

EVIDENCE_PER_CONDITION = 8
_NETWORKS: dict[int, Network] = {}


def network_for(kb: KnowledgeBase | None) -> Network:
    """The compiled network of `kb` (the packaged KB when None), compiled once per KB."""
    if kb is None:
        return default_network()
    net = _NETWORKS.get(id(kb))
    if net is None or net.kb is not kb:
        net = _NETWORKS[id(kb)] = compile_network(kb)
    return net


def assess(case: dict[str, Any] | Case, kb: KnowledgeBase | None = None, *, next_limit: int = 10,
           source: str | None = None) -> Assessment:
    """Assess one case (a case-format v1 mapping or a parsed `Case`).

    Raises `CaseError` naming the field when the case is invalid.
    """
    net = network_for(kb)
    kb = net.kb
    parsed = case if isinstance(case, Case) else parse_case(case, kb.vocabulary, source)
    evidence = network_evidence(parsed, net)
    post = infer(net, evidence)
    marg = post.condition_marginals(net)
    llr = log_likelihood_ratios(net, post)

    differential = []
    for ci in np.argsort(-marg, kind="stable"):
        cid = net.conditions[ci]
        order = np.argsort(-np.abs(llr[:, ci]), kind="stable")[:EVIDENCE_PER_CONDITION]
        ev = [
            Evidence(post.units[u].node, post.units[u].state, round(float(llr[u, ci]), 4),
                     evidence_source(kb, cid, post.units[u].node))
            for u in order
            if abs(llr[u, ci]) >= 1e-4
        ]
        cond = kb.conditions[cid]
        differential.append(DifferentialEntry(cid, float(marg[ci]), cond.name, cond.plain_name, ev))

    root_p = post.root_marginals()
    roots = [RootProbability(r, float(root_p[i])) for i, r in enumerate(net.roots) if i > 0]
    roots.sort(key=lambda r: -r.probability)
    asked = set(parsed.findings)
    next_findings: list[NextFinding] = rank_next_findings(net, post, asked, limit=next_limit)
    return Assessment(
        case_id=parsed.case_id,
        kb_version=kb.version,
        triage=assess_triage(kb, net, parsed),
        differential=differential,
        roots=roots,
        next_findings=next_findings,
        network_evidence=evidence,
    )
