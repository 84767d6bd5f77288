"""Free text feeding an assessment: explicit findings win, red flags are never silently dropped."""

from __future__ import annotations

from hamstring_dx import assess
from hamstring_dx.case import parse_case
from hamstring_dx.text.merge import case_from_text, merge_text


def case(findings=None, text=None):
    c = {"case_format": 1, "id": "w", "patient": {"age": 45}, "findings": findings or {}}
    if text:
        c["free_text"] = text
    return c


def test_explicit_findings_win_over_text(kb):
    c = parse_case(case({"worse_sitting": "absent"}), kb.vocabulary)
    merged = merge_text(c, "It is much worse when I sit.", kb)
    assert merged.case.findings["worse_sitting"] == "absent"
    assert "worse_sitting" not in merged.added


def test_red_flag_read_from_text_escalates(kb):
    a = assess(case(text="Since yesterday I wet myself and I can't feel the toilet paper when I wipe."))
    assert a.triage.level == "emergency"
    assert a.read_from_text and a.read_from_text["red_flags_to_confirm"]


def test_negated_red_flag_stays_unknown_so_it_is_asked(kb):
    c = parse_case(case(), kb.vocabulary)
    merged = merge_text(c, "No problems peeing at all.", kb)
    assert "bladder_change" not in merged.case.findings
    assert "bladder_change" in merged.to_confirm


def test_regions_from_text_are_not_complete_lists(kb):
    a = assess(case(text="The pain is at the back of my thigh."))
    ev = a.network_evidence
    assert ev.get("pain_regions__posterior_thigh") == "present"
    assert "pain_regions__calf" not in ev  # not mentioned: unknown, not absent


def test_text_only_case_leaves_age_unknown(kb):
    c = case_from_text("Pain in my buttock when I sit.", kb)
    assert c.patient.age is None
    a = assess(c)
    assert "age_band" not in a.network_evidence


def test_reading_can_be_switched_off(kb):
    a = assess(case(text="I wet myself."), read_free_text=False)
    assert a.read_from_text is None
    assert "bladder_change" not in a.network_evidence
