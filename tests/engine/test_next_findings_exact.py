"""Expected information gain equals the brute-force value computed with full inference per answer."""

from __future__ import annotations

import numpy as np
import pytest

from hamstring_dx.case import parse_case
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer
from hamstring_dx.reasoning.next_findings import rank_next_findings


def _entropy(p):
    p = p[p > 1e-300]
    return float(-(p * np.log(p)).sum())


def _brute_force(net, evidence, node):
    post = infer(net, evidence)
    h0 = _entropy(post.set_marginals())
    expected = 0.0
    for state in net.nodes[node].states:
        # P(state | evidence) from the normalising constants of the two inferences
        with_state = {**evidence, node: state}
        p_state = _marginal_likelihood(net, with_state) / _marginal_likelihood(net, evidence)
        expected += p_state * _entropy(infer(net, with_state).set_marginals())
    return h0 - expected


def _marginal_likelihood(net, evidence):
    """P(evidence | setting) by direct summation over the support (small networks only)."""
    from hamstring_dx.reasoning.evidence import SETTING_NODE

    setting = evidence.get(SETTING_NODE, net.kb.vocabulary.settings[0])
    log_h = net.log_base[setting].copy()
    post = infer(net, evidence)
    for u in post.units:
        log_h += np.log(u.likelihood if u.rooted else u.likelihood[net.support_set])
    return float(np.exp(log_h).sum())


@pytest.mark.parametrize("findings", [{}, {"test_a": "positive"}, {"sudden": "present", "pain_regions": ["shin"]}])
def test_gain_matches_brute_force_on_toy_network(toy_kb, findings):
    net = network_for(toy_kb)
    case = parse_case({"case_format": 1, "patient": {"age": 60}, "findings": findings}, toy_kb.vocabulary)
    evidence = network_evidence(case, net)
    post = infer(net, evidence)
    ranked = rank_next_findings(net, post, set(case.findings), limit=None)
    assert ranked
    for nf in ranked:
        assert nf.expected_information_gain == pytest.approx(_brute_force(net, evidence, nf.node), abs=1e-5)
