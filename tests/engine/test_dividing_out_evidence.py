"""Triage's red-flag-free posterior is obtained by dividing evidence out; it must equal a fresh inference."""

from __future__ import annotations

import numpy as np
import pytest

from hamstring_dx.case import parse_case
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer, without_units
from hamstring_dx.reasoning.triage import red_flag_findings

CASES = [
    {"saddle_numbness": "present", "numbness_regions": ["saddle", "calf"], "symptoms_both_legs": "absent",
     "pain_regions": ["both_legs"], "straight_leg_raise": "positive", "bladder_change": "present"},
    {"fever": "present", "iv_drug_use": "present", "pain_at_night": "absent", "duration_days": 9},
    {"onset_sprinting": "present", "tenderness_muscle_belly": "positive", "cold_pale_foot": "absent"},
]


@pytest.mark.parametrize("findings", CASES)
def test_dividing_out_red_flags_equals_inference_without_them(kb, findings):
    net = network_for(None)
    case = parse_case({"case_format": 1, "patient": {"age": 50}, "findings": findings}, kb.vocabulary)
    red = red_flag_findings(kb)
    full = infer(net, network_evidence(case, net))
    nodes = {u.node for u in full.units if net.nodes[u.node].spec.finding in red}
    divided = without_units(net, full, nodes)
    fresh = infer(net, network_evidence(case, net, exclude=red))
    assert np.allclose(divided.joint_h, fresh.joint_h, atol=1e-12)
