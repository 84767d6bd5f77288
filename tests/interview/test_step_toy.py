"""The stateless step on the toy knowledge base (fictional conditions)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_dx.case.model import parse_case
from hamstring_dx.errors import CaseError
from hamstring_dx.interview import STOP_REASONS, next_question
from hamstring_dx.interview.questions import NUMBER, REGIONS, SINGLE
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer


def toy_case(**findings) -> dict:
    return {"case_format": 1, "id": "toy", "setting": "primary_care", "patient": {"age": 40},
            "findings": dict(findings)}


TOY_VALUES = {
    "sudden": ["present", "absent", "unknown"],
    "alarm": ["absent", "unknown"],  # present ends the interview (tested separately)
    "duration_days": [3, 30, "unknown"],
    "pain_regions": [["thigh"], ["shin", "sole"], [], "unknown"],
    "numbness_regions": [["shin"], [], "unknown"],
    "weak_movements": [["toe_up"], [], "unknown"],
    "ankle_jerk": ["normal", "reduced", "absent", "unknown"],
    "test_a": ["positive", "negative", "unknown"],
    "test_b": ["positive", "negative", "unknown"],
}
HISTORY = {"sudden", "alarm", "duration_days", "pain_regions", "numbness_regions"}


def answer_of(question, draw_index: int):
    values = TOY_VALUES[question.finding]
    return values[draw_index % len(values)]


def run(toy_kb, toy_cfg, mode, choices):
    case = toy_case()
    asked = []
    for i in range(50):
        step = next_question(case, mode, toy_kb, toy_cfg)
        if step.done:
            return case, asked, step
        f = step.question.finding
        asked.append(f)
        case["findings"][f] = answer_of(step.question, choices[i % len(choices)] if choices else 0)
    raise AssertionError("the interview did not end")


def test_screen_comes_first(toy_kb, toy_cfg):
    step = next_question(toy_case(), "patient", toy_kb, toy_cfg)
    assert not step.done
    assert step.question.finding == "alarm"
    assert step.question.phase == "screen"
    assert step.progress.screen_total == 1


def test_emergency_answer_stops_at_once(toy_kb, toy_cfg):
    step = next_question(toy_case(alarm="present"), "patient", toy_kb, toy_cfg)
    assert step.done and step.stop_reason == "emergency"
    assert step.assessment.triage.level == "emergency"
    data = step.to_dict()
    assert data["done"] is True and data["stop_reason"] == "emergency"
    assert data["assessment"]["triage"]["level"] == "emergency"


def test_step_dict_shape(toy_kb, toy_cfg):
    data = next_question(toy_case(alarm="absent"), "clinician", toy_kb, toy_cfg).to_dict()
    assert data["done"] is False
    assert {"finding", "text", "help", "type", "options", "why"} <= set(data["question"])
    assert data["question"]["options"][-1] == {"value": "unknown", "label": "Not sure", "exclusive": True}
    assert data["question"]["why"]


def test_patient_mode_asks_history_only(toy_kb, toy_cfg):
    _, asked, _ = run(toy_kb, toy_cfg, "patient", [0, 1, 2])
    assert set(asked) <= HISTORY


def test_invalid_case_names_the_field(toy_kb, toy_cfg):
    with pytest.raises(CaseError) as err:
        next_question(toy_case(sudden="maybe"), "patient", toy_kb, toy_cfg)
    assert err.value.field == "findings.sudden"
    with pytest.raises(ValueError):
        next_question(toy_case(), "doctor", toy_kb, toy_cfg)


def test_unknown_counts_as_asked(toy_kb, toy_cfg):
    step = next_question(toy_case(alarm="unknown"), "patient", toy_kb, toy_cfg)
    assert step.question.finding != "alarm"


def test_question_types(toy_kb, toy_cfg):
    from hamstring_dx.interview.questions import make_question

    assert make_question(toy_kb, toy_cfg, "sudden", "patient", "w").type == SINGLE
    num = make_question(toy_kb, toy_cfg, "duration_days", "patient", "w")
    assert num.type == NUMBER and num.to_dict()["unit"] == "days"
    reg = make_question(toy_kb, toy_cfg, "pain_regions", "patient", "w")
    assert reg.type == REGIONS
    labels = [o.label for o in reg.options]
    assert "sole of the foot" in labels and "Not sure" in labels


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.sampled_from(["patient", "clinician"]), choices=st.lists(st.integers(0, 3), min_size=1, max_size=12))
def test_never_asked_twice_and_documented_stop(toy_kb, toy_cfg, mode, choices):
    case, asked, step = run(toy_kb, toy_cfg, mode, choices)
    assert len(asked) == len(set(asked))
    assert step.stop_reason in STOP_REASONS
    assert step.stop_explanation
    assert asked[0] == "alarm"  # the screen first
    assert len(case["findings"]) <= getattr(toy_cfg.stop.max_questions, mode).value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_not_sure_is_never_no(toy_kb, data):
    """Answering `unknown` leaves the posterior exactly as if the question had not been asked."""
    net = network_for(toy_kb)
    known = {f: data.draw(st.sampled_from([v for v in vals if v != "unknown"]))
             for f, vals in TOY_VALUES.items() if data.draw(st.booleans())}
    target = data.draw(st.sampled_from([f for f in TOY_VALUES if f not in known] or ["sudden"]))
    known.pop(target, None)
    base = parse_case(toy_case(**known), toy_kb.vocabulary)
    with_unknown = parse_case(toy_case(**known, **{target: "unknown"}), toy_kb.vocabulary)
    p0 = infer(net, network_evidence(base, net)).joint
    p1 = infer(net, network_evidence(with_unknown, net)).joint
    np.testing.assert_allclose(p0, p1)
    # and "no" is different from "not sure" whenever the finding carries information
    no = {"sudden": "absent", "test_a": "negative"}.get(target)
    if no is not None:
        p_no = infer(net, network_evidence(parse_case(toy_case(**known, **{target: no}), toy_kb.vocabulary),
                                           net)).joint
        assert not np.allclose(p0, p_no)


def test_predictive_probability_is_exact_in_sign_groups(toy_kb):
    """P(a) P(b | a) == P(b) P(a | b) for two members of one latent sign (chain rule)."""
    from hamstring_dx.interview.safety import positive_probability

    net = network_for(toy_kb)
    e = {"setting": "primary_care"}
    post = infer(net, e)
    pa = positive_probability(net, post, "test_a")
    pb = positive_probability(net, post, "test_b")
    pb_given_a = positive_probability(net, infer(net, {**e, "test_a": "positive"}), "test_b")
    pa_given_b = positive_probability(net, infer(net, {**e, "test_b": "positive"}), "test_a")
    assert pa * pb_given_a == pytest.approx(pb * pa_given_b)
