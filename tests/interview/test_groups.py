"""Grouped red-flag questions (`type: group`) on the packaged knowledge base.

A group is one question screen that asks several single findings; each item is answered on its
own, each with its own "not sure", which is recorded as `unknown` and never acts as "no".
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_dx.case.model import parse_case
from hamstring_dx.interview import STOP_REASONS, next_question
from hamstring_dx.interview.config import _packaged_path, check_interview_data, config_for
from hamstring_dx.interview.questions import GROUP, make_group_question, parse_answer, parse_group_answer
from hamstring_dx.interview.stopping import questions_asked
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer
from hamstring_dx.reasoning.triage import assess_triage

SCREEN = ["bladder_change", "saddle_numbness", "bowel_change", "fever", "history_of_cancer", "cold_pale_foot"]
VALUES = ["present", "absent", "unknown"]


def start(**findings):
    return {"case_format": 1, "id": "g", "setting": "self_assessment", "patient": {"age": 45},
            "findings": dict(findings)}


@pytest.fixture()
def group_q(kb):
    cfg = config_for(kb)
    return make_group_question(
        kb, cfg, "g", "Any of these?", "", [("fever", "why 1"), ("history_of_cancer", "why 2")], "patient", "why"
    )


def test_group_question_shape(group_q):
    d = group_q.to_dict()
    assert d["type"] == GROUP and d["finding"] is None and d["group"] == "g" and d["options"] == []
    assert [i["finding"] for i in d["items"]] == ["fever", "history_of_cancer"]
    for item in d["items"]:
        assert item["type"] == "single"
        assert [o["value"] for o in item["options"]] == ["present", "absent", "unknown"]
    assert group_q.findings == ("fever", "history_of_cancer")


def test_group_answer_line(group_q):
    assert parse_group_answer(group_q, "y n") == ["present", "absent"]
    assert parse_group_answer(group_q, "? n") == ["unknown", "absent"]
    assert parse_group_answer(group_q, "3, 1") == ["unknown", "present"]
    for bad in ("y", "y n ?", "y maybe"):
        with pytest.raises(ValueError):
            parse_group_answer(group_q, bad)
    assert parse_answer(group_q.items[1], "?") == "unknown"


def test_only_single_choice_findings_can_be_grouped(kb):
    with pytest.raises(ValueError):
        make_group_question(kb, config_for(kb), "g", "x", "", [("fever", "a"), ("pain_regions", "b")], "patient", "w")


def _policy_with(tmp_path, edit):
    data = yaml.safe_load(_packaged_path().read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "interview.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_group_problems_are_reported(kb, tmp_path):
    def edit(d):
        groups = d["screen"]["patient"]
        groups[0]["rationale"] = " "
        groups[1]["group"] = groups[0]["group"]
        groups[1]["items"].append({"finding": "pain_regions", "why": "x", "ref": groups[0]["ref"]})

    text = "\n".join(check_interview_data(kb, _policy_with(tmp_path, edit)))
    assert "screen.patient[0].rationale: empty" in text
    assert "is used twice" in text
    assert "only single-choice findings can be grouped" in text


def test_ungrouped_policy_still_works(kb, tmp_path):
    """A screen written as single items (no groups) asks one finding per screen, as before."""
    from hamstring_dx.interview.config import load_config

    def edit(d):
        for mode in ("patient", "clinician"):
            d["screen"][mode] = [item for g in d["screen"][mode] for item in g["items"]]

    cfg = load_config(_policy_with(tmp_path, edit))
    case = start()
    for fid in SCREEN:
        step = next_question(case, "patient", kb, cfg)
        assert step.question.type == "single" and step.question.finding == fid
        case["findings"][fid] = "absent"
    assert next_question(case, "patient", kb, cfg).progress.asked == 6


def test_counting_rule():
    """A run of one group's findings counts once; a finding confirmed from free text stands alone."""
    from hamstring_dx.case.model import Case, Patient

    group_of = {f: ("ce" if i < 3 else "sys") for i, f in enumerate(SCREEN)}

    def count(findings, confirmed=()):
        case = Case("c", "self_assessment", None, Patient(age=40), dict.fromkeys(findings, "absent"))
        return questions_asked(case, group_of, confirmed)

    assert count(SCREEN) == 2
    assert count([*SCREEN, "onset_sudden"]) == 3
    assert count(SCREEN[:3]) == 1
    assert count(["bladder_change", *SCREEN[1:]], confirmed={"bladder_change"}) == 3  # confirm + 2 groups
    assert count(["onset_sudden", *SCREEN]) == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.sampled_from(["patient", "clinician"]), screen=st.lists(st.sampled_from(VALUES), min_size=6,
       max_size=6), later=st.lists(st.sampled_from(VALUES), min_size=1, max_size=8))
def test_group_items_recorded_as_answered_and_never_asked_twice(kb, mode, screen, later):
    answers = dict(zip(SCREEN, screen, strict=True))
    case = start()
    shown: list[tuple[str, ...]] = []
    for i in range(40):
        step = next_question(case, mode, kb)
        assert step.progress.asked == len(shown)
        if step.done:
            break
        q = step.question
        for fid in q.findings:
            assert fid not in case["findings"], f"{fid} asked twice"
            if fid in answers:
                case["findings"][fid] = answers[fid]
            else:  # later questions: a drawn yes / no / not sure where it fits, else not sure
                fits = q.type == "single" and later[i % len(later)] in [o.value for o in q.options]
                case["findings"][fid] = later[i % len(later)] if fits else "unknown"
        shown.append(q.findings)
    else:
        raise AssertionError("the interview did not end")
    assert step.stop_reason in STOP_REASONS
    # the screen came first, two grouped screens (or one, when an emergency ended it)
    assert shown[0] == tuple(SCREEN[:3])
    assert (len(shown) == 1 and step.stop_reason == "emergency") or shown[1] == tuple(SCREEN[3:])
    for fid in SCREEN[: 3 * min(2, len(shown))]:
        assert case["findings"][fid] == answers[fid]  # "not sure" stays unknown, never "absent"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mode=st.sampled_from(["patient", "clinician"]), screen=st.lists(st.sampled_from(VALUES), min_size=6,
       max_size=6), target=st.integers(0, 5))
def test_not_sure_on_any_item_is_never_no(kb, mode, screen, target):
    """An item answered "not sure" leaves the posterior and the triage exactly as if it had not been
    answered, and the next step never treats it as "no" (it is not asked again either)."""
    net = network_for(kb)
    values = dict(zip(SCREEN, screen, strict=True))
    values[SCREEN[target]] = "unknown"
    with_unknown = parse_case(start(**values), kb.vocabulary)
    without = parse_case(start(**{f: v for f, v in values.items() if f != SCREEN[target]}), kb.vocabulary)
    np.testing.assert_allclose(
        infer(net, network_evidence(with_unknown, net)).joint, infer(net, network_evidence(without, net)).joint
    )
    assert assess_triage(kb, net, with_unknown).level == assess_triage(kb, net, without).level
    step = next_question(copy.deepcopy(start(**values)), mode, kb)
    if not step.done:
        assert SCREEN[target] not in step.question.findings
    # and "no" does differ from "not sure" somewhere: a present answer elsewhere is not cancelled
    as_no = parse_case(start(**{**values, SCREEN[target]: "absent"}), kb.vocabulary)
    p_unknown = infer(net, network_evidence(with_unknown, net)).joint
    p_no = infer(net, network_evidence(as_no, net)).joint
    assert not np.allclose(p_unknown, p_no)
