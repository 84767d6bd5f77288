"""Engine behaviour on a toy knowledge base of fictional conditions (independent of real content)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamstring_dx.reasoning.assess import assess, network_for

BASE = {"case_format": 1, "patient": {"age": 30, "activity": "sport"}}


def run(kb, **findings):
    return assess({**BASE, "findings": findings}, kb)


def test_unknown_changes_nothing(toy_kb):
    a = run(toy_kb, sudden="present")
    b = run(toy_kb, sudden="present", test_a="unknown", pain_regions="unknown")
    assert [d.probability for d in a.differential] == [d.probability for d in b.differential]
    assert "test_a" not in b.network_evidence


def test_two_conditions_can_both_be_likely(toy_kb):
    a = run(toy_kb, sudden="present", pain_regions=["thigh"], test_a="positive", test_b="positive",
            ankle_jerk="reduced")
    assert a.probability("examplitis") > 0.5
    assert a.probability("radiculoma") > 0.5


def test_tests_of_one_sign_are_not_independent(toy_kb):
    """A second positive test of the same latent sign adds less than it would alone."""
    alone = run(toy_kb, test_b="positive")
    after_a = run(toy_kb, test_a="positive", test_b="positive")
    lr_alone = next(e.log_lr for e in alone.differential[0].evidence if e.finding == "test_b")
    d_after = next(d for d in after_a.differential if d.condition == alone.differential[0].condition)
    lr_after = next(e.log_lr for e in d_after.evidence if e.finding == "test_b")
    assert abs(lr_after) < abs(lr_alone)


def test_list_given_is_complete(toy_kb):
    a = run(toy_kb, pain_regions=["thigh"])
    assert a.network_evidence["pain_regions__shin"] == "absent"
    assert a.network_evidence["pain_regions__thigh"] == "present"


def test_roots_follow_dermatomes(toy_kb):
    a = run(toy_kb, test_a="positive", pain_regions=["sole"], ankle_jerk="absent")
    roots = {r.root: r.probability for r in a.roots}
    assert roots["S1"] > roots["L5"]


def test_next_findings_are_unasked_and_ranked(toy_kb):
    a = run(toy_kb, sudden="present", alarm="unknown")
    names = [n.finding for n in a.next_findings]
    assert "sudden" not in names and "alarm" not in names
    gains = [n.expected_information_gain for n in a.next_findings]
    assert gains == sorted(gains, reverse=True) and all(g >= 0 for g in gains)


def test_red_flag_rule_sets_triage(toy_kb):
    assert run(toy_kb, alarm="present").triage.level == "emergency"
    assert run(toy_kb, alarm="absent").triage.level != "emergency"


def test_escalation_threshold(toy_kb):
    a = run(toy_kb, duration_days=60, sudden="present")
    p = a.probability("dangerosis")
    assert (a.triage.level in ("urgent", "emergency")) == (p >= 0.2) or a.triage.level == "urgent"


values = st.fixed_dictionaries(
    {},
    optional={
        "sudden": st.sampled_from(["present", "absent", "unknown"]),
        "alarm": st.sampled_from(["present", "absent"]),
        "duration_days": st.integers(0, 400),
        "pain_regions": st.lists(st.sampled_from(["thigh", "shin", "sole"]), unique=True),
        "numbness_regions": st.lists(st.sampled_from(["thigh", "shin", "sole"]), unique=True),
        "weak_movements": st.lists(st.sampled_from(["toe_up", "toe_down"]), unique=True),
        "ankle_jerk": st.sampled_from(["normal", "reduced", "absent"]),
        "test_a": st.sampled_from(["positive", "negative"]),
        "test_b": st.sampled_from(["positive", "negative"]),
    },
)


@settings(max_examples=60, deadline=None)
@given(values)
def test_posteriors_are_probabilities(toy_kb, findings):
    a = run(toy_kb, **findings)
    for d in a.differential:
        assert 0 <= d.probability <= 1
    assert sum(r.probability for r in a.roots) <= 1 + 1e-9
    assert all(math.isfinite(e.log_lr) for d in a.differential for e in d.evidence)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(values)
def test_matches_pgmpy_on_toy_network(toy_kb, pgmpy_toy, findings):
    a = run(toy_kb, **findings)
    ve = pgmpy_toy
    net = network_for(toy_kb)
    for cid in net.conditions:
        q = ve.query([cid], evidence=a.network_evidence, show_progress=False)
        assert q.get_value(**{cid: "present"}) == pytest.approx(a.probability(cid), abs=1e-9)
    q = ve.query(["root"], evidence=a.network_evidence, show_progress=False)
    for r in a.roots:
        assert q.get_value(root=r.root) == pytest.approx(r.probability, abs=1e-9)
    assert np.isfinite(a.differential[0].probability)
