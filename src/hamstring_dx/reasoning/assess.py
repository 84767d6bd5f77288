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
           source: str | None = None, extra_evidence: dict[str, str] | None = None,
           read_from_text: dict[str, Any] | None = None) -> Assessment:
    """Assess one case (a case-format v1 mapping or a parsed `Case`); free text is not read here.

    `extra_evidence` adds network nodes the case format cannot state (single list items read from
    text); case findings win. Raises `CaseError` naming the field when the case is invalid.
    """
    net = network_for(kb)
    kb = net.kb
    parsed = case if isinstance(case, Case) else parse_case(case, kb.vocabulary, source)
    evidence = network_evidence(parsed, net)
    extra = {k: v for k, v in (extra_evidence or {}).items() if k not in evidence}
    evidence.update(extra)
    post = infer(net, evidence)
    marg = post.condition_marginals(net)
    llr = log_likelihood_ratios(net, post)

    differential = []
    order = np.argsort(-np.abs(llr), axis=0, kind="stable")[:EVIDENCE_PER_CONDITION].T.tolist()  # [C][k]
    llr_list = np.round(llr, 4).tolist()
    units = post.units
    for ci in np.argsort(-marg, kind="stable").tolist():
        cid = net.conditions[ci]
        ev = [
            Evidence(units[u].node, units[u].state, llr_list[u][ci], evidence_source(kb, cid, units[u].node))
            for u in order[ci]
            if abs(llr_list[u][ci]) >= 1e-4
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
        triage=assess_triage(kb, net, parsed, extra, post),
        differential=differential,
        roots=roots,
        next_findings=next_findings,
        network_evidence=evidence,
        read_from_text=read_from_text,
    )
