"""Golden sentences for each context type, values, regions, side and the case view."""

from datetime import date

import pytest

from hamstring_dx.text import read_text

SAT = date(2026, 11, 21)


def keys(text):
    return {m.key() for m in read_text(text, today=SAT).mentions}


def test_issue_example():
    r = read_text(
        "sharp pain down the back of my left leg when I sit, my big toe feels numb, no problems peeing"
    )
    k = {m.key() for m in r.mentions}
    assert ("worse_sitting", None, "present", "asserted") in k
    assert ("pain_regions", "posterior_thigh", "present", "asserted") in k
    assert ("numbness_regions", "foot_top", "present", "asserted") in k
    assert ("bladder_change", None, "absent", "asserted") in k
    assert r.side == "left"
    span = next(m for m in r.mentions if m.finding == "bladder_change")
    assert r.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No numbness.", ("pins_and_needles", None, "absent", "asserted")),
        ("Maybe a bit weak in the leg.", ("subjective_weakness", None, "present", "uncertain")),
        ("I smoked in my twenties.", ("smoker", None, "present", "historical")),
        ("My dad had cancer.", ("history_of_cancer", None, "present", "other_person")),
        ("If I sit down it gets worse.", ("worse_sitting", None, "present", "asserted")),
        (
            "What should I do if I lose control of my bladder?",
            ("bladder_change", None, "present", "hypothetical"),
        ),
        ("I had sciatica about ten years ago.", ("previous_episodes_back_pain", None, "present", "asserted")),
    ],
)
def test_context_golden(text, expected):
    assert expected in keys(text)


def test_historical_flag_kept_for_past_inclusive_findings():
    m = next(
        m
        for m in read_text("I had sciatica years ago.").mentions
        if m.finding == "previous_episodes_back_pain"
    )
    assert m.historical and m.asserted


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't feel the toilet paper when I wipe.", "saddle_numbness"),
        ("I wet myself in the supermarket today.", "bladder_change"),
        ("I can't pee properly.", "bladder_change"),
    ],
)
def test_everyday_red_flags(text, finding):
    r = read_text(text)
    assert r.to_case_findings().get(finding) == "present"
    assert finding in {m.finding for m in r.red_flag_mentions()}


def test_negated_red_flag_still_listed_for_confirmation():
    r = read_text("No numbness down below and no problems peeing.")
    flags = {m.finding: m.value for m in r.red_flag_mentions()}
    assert flags.get("bladder_change") == "absent"
    assert r.to_case_findings()["bladder_change"] == "absent"


def test_numbers_and_regions():
    r = read_text("Pain in my sitting bone for 3 weeks, about 7/10.", today=SAT)
    f = r.to_case_findings()
    assert f["duration_days"] == 21 and f["pain_nrs"] == 7
    assert "pain_regions" not in f  # lists are never entered from text
    assert r.regions_mentioned() == {"pain_regions": ["sitting_bone"]}


def test_non_assertive_not_entered():
    f = read_text("My mum has diabetes. Maybe I have a temperature.").to_case_findings()
    assert "diabetes" not in f and "fever" not in f


def test_clinical_note():
    r = read_text("SLR positive at 40 degrees. Ankle jerk reduced. Slump negative.")
    f = r.to_case_findings()
    assert f["straight_leg_raise"] == "positive"
    assert f["ankle_jerk"] == "reduced"
    assert f["slump_test"] == "negative"


def test_to_dict_and_empty():
    assert read_text("").mentions == ()
    d = read_text("No fever").to_dict()
    assert d["findings"] == {"fever": "absent"}
    assert d["mentions"][0]["span"]["text"]


def test_type_error():
    with pytest.raises(TypeError):
        read_text(None)  # type: ignore[arg-type]
