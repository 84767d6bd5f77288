"""Each finding's log likelihood ratio, checked against its definition computed the slow way."""

from __future__ import annotations

import numpy as np
import pytest

from hamstring_dx.case import parse_case
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer, log_likelihood_ratios


def _reference(net, post):
    """log P(obs | c, rest) - log P(obs | not c, rest), with `rest` = the posterior without the unit."""
    member_h = net.membership[net.support_set]  # [H, C]
    out = np.zeros((len(post.units), len(net.conditions)))
    for i, u in enumerate(post.units):
        lik = u.likelihood if u.rooted else u.likelihood[net.support_set]
        rest = post.joint_h / lik
        rest /= rest.sum()
        for c in range(len(net.conditions)):
            has = member_h[:, c] > 0
            p_with = (rest[has] * lik[has]).sum() / rest[has].sum()
            p_without = (rest[~has] * lik[~has]).sum() / rest[~has].sum()
            out[i, c] = np.log(p_with) - np.log(p_without)
    return out


@pytest.mark.parametrize("findings", [
    {"sudden": "present", "test_a": "positive", "test_b": "negative", "pain_regions": ["shin"]},
    {"alarm": "present", "duration_days": 30, "ankle_jerk": "reduced", "weak_movements": ["toe_up"]},
])
def test_log_lr_matches_definition(toy_kb, findings):
    net = network_for(toy_kb)
    case = parse_case({"case_format": 1, "patient": {"age": 55, "sex": "female"}, "findings": findings},
                      toy_kb.vocabulary)
    post = infer(net, network_evidence(case, net))
    assert np.allclose(log_likelihood_ratios(net, post), _reference(net, post), atol=1e-9)
