"""Every patient text in the KB reads at grade 7 or below on average and none above grade 9."""

from __future__ import annotations

from statistics import mean

import pytest

from hamstring_dx.care.readability import MAX_GRADE, TARGET_AVERAGE, grade, prepare_markdown, score_all


def _report(scored, limit):
    return "\n".join(f"  {s.grade:5.1f}  {s.label}: {s.text[:120]}" for s in scored if s.grade > limit)


def test_patient_texts_of_the_whole_kb():
    scored = score_all()
    labels = " ".join(s.label for s in scored)
    assert "guide/anatomy.md" in labels and "care/" in labels
    average = mean(s.grade for s in scored)
    offenders = [s for s in scored if s.grade > MAX_GRADE]
    assert not offenders, f"patient texts above grade {MAX_GRADE}:\n{_report(scored, MAX_GRADE)}"
    assert average <= TARGET_AVERAGE, f"average grade {average:.2f} > {TARGET_AVERAGE}"


def test_other_teams_texts_are_included():
    labels = [s.label for s in score_all()]
    assert any(label.startswith("conditions.yaml") for label in labels)


def test_prepare_markdown_makes_sentences():
    text = prepare_markdown("# Title\n\n- one item\n- [a link](x.md)\n\n| a | b |\n|---|---|\n| c | d |")
    assert text == "Title. one item. a link. a. b. c. d."


@pytest.mark.parametrize("vid", ["v012", "v026", "v032", "v035", "v052", "v067"])
def test_patient_summary_of_vignette_plans(vignettes, vid):
    from hamstring_dx.care import plan

    summary = plan(vignettes[vid]["case"]).patient_summary
    g = grade(prepare_markdown(summary))
    assert g <= MAX_GRADE, f"{vid}: patient summary grade {g:.1f}"
