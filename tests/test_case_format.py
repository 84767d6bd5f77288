"""Case format v1 validation: every bad input names its field."""

from __future__ import annotations

import pytest

from hamstring_dx.case import parse_case, read_case_documents
from hamstring_dx.errors import CaseError


def case(**over):
    base = {"case_format": 1, "id": "c1", "patient": {"age": 40, "sex": "female"}, "findings": {}}
    base.update(over)
    return base


def test_valid_case_keeps_values_and_unknowns(vocab):
    c = parse_case(case(findings={"onset_sudden": "present", "pain_regions": ["buttock"],
                                  "straight_leg_raise": "unknown", "pain_nrs": 6}), vocab)
    assert c.findings["pain_regions"] == ("buttock",)
    assert c.known() == {"onset_sudden": "present", "pain_regions": ("buttock",), "pain_nrs": 6}
    assert c.setting == "self_assessment"


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"findings": {"no_such_thing": "present"}}, "findings.no_such_thing", "unknown finding"),
        ({"findings": {"onset_sudden": "yes"}}, "findings.onset_sudden", "one of present, absent"),
        ({"findings": {"onset_sudden": False}}, "findings.onset_sudden", "one of"),
        ({"findings": {"pain_nrs": 11}}, "findings.pain_nrs", "between 0 and 10"),
        ({"findings": {"pain_nrs": "7"}}, "findings.pain_nrs", "number"),
        ({"findings": {"pain_regions": ["moon"]}}, "findings.pain_regions", "unknown region"),
        ({"findings": {"weak_movements": ["buttock"]}}, "findings.weak_movements", "unknown movement"),
        ({"findings": {"straight_leg_raise": "present"}}, "findings.straight_leg_raise", "positive, negative"),
        ({"patient": {"age": 300}}, "patient.age", "between 0 and 120"),
        ({"patient": {"sex": "female"}}, "patient.age", "required"),
        ({"patient": {"age": 40, "sex": "x"}}, "patient.sex", "one of"),
        ({"setting": "moon_clinic"}, "setting", "one of"),
        ({"case_format": 2}, "case_format", "must be 1"),
        ({"colour": "red"}, "colour", "unknown key"),
    ],
)
def test_bad_input_names_the_field(vocab, over, field, words):
    with pytest.raises(CaseError) as err:
        parse_case(case(**over), vocab, source="x.yaml")
    assert err.value.field == field
    assert words in str(err.value)
    assert str(err.value).startswith("x.yaml: ")


def test_malformed_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_format: 1\npatient: {age: 40\n")
    with pytest.raises(CaseError) as err:
        read_case_documents(bad)
    assert "bad.yaml" in str(err.value)


def test_reads_lists_and_folders(tmp_path):
    (tmp_path / "a.yaml").write_text("- {case_format: 1, patient: {age: 30}}\n- {case_format: 1, patient: {age: 31}}\n")
    (tmp_path / "b.json").write_text('{"case_format": 1, "patient": {"age": 32}}')
    docs = read_case_documents(tmp_path)
    assert [d[1]["patient"]["age"] for d in docs] == [30, 31, 32]
    assert docs[0][0].endswith("a.yaml[0]")
