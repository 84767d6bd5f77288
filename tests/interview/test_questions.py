from __future__ import annotations

import pytest

from hamstring_dx.interview.questions import describe_answer, make_question, parse_answer


@pytest.fixture()
def q(toy_kb, toy_cfg):
    return lambda f, mode="patient": make_question(toy_kb, toy_cfg, f, mode, "why")


def test_single_answers(q):
    s = q("sudden")
    assert [o.label for o in s.options] == ["Yes", "No", "Not sure"]
    assert parse_answer(s, "1") == "present"
    assert parse_answer(s, "y") == "present"
    assert parse_answer(s, "No") == "absent"
    assert parse_answer(s, "3") == "unknown"
    assert parse_answer(s, "?") == "unknown"
    assert parse_answer(s, "not sure") == "unknown"
    with pytest.raises(ValueError):
        parse_answer(s, "7")
    with pytest.raises(ValueError):
        parse_answer(s, "")


def test_reflex_has_no_yes_no(q):
    r = q("ankle_jerk", "clinician")
    assert parse_answer(r, "2") == "reduced"
    assert parse_answer(r, "normal") == "normal"
    assert parse_answer(r, "?") == "unknown"


def test_number_answers(q):
    n = q("duration_days")
    assert parse_answer(n, "14") == 14
    assert parse_answer(n, "2.5") == 2.5
    assert parse_answer(n, "?") == "unknown"
    with pytest.raises(ValueError):
        parse_answer(n, "-3")
    with pytest.raises(ValueError):
        parse_answer(n, "soon")


def test_region_answers(q):
    r = q("pain_regions")
    assert parse_answer(r, "1 3") == ["thigh", "sole"]
    assert parse_answer(r, "3, 1, 3") == ["sole", "thigh"]
    assert parse_answer(r, "sole of the foot") == ["sole"]
    assert parse_answer(r, "0") == []
    assert parse_answer(r, "none") == []
    assert parse_answer(r, "?") == "unknown"
    with pytest.raises(ValueError):
        parse_answer(r, "9")
    assert describe_answer(r, ["thigh", "sole"]) == "thigh, sole of the foot"
    assert describe_answer(r, []) == "None of these"
    assert describe_answer(r, "unknown") == "Not sure"
