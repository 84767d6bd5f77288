"""Round 5 of the reader: the mechanisms added (word classes, screen words, blocked wordings, clause
breaks, proxy writers, graded movements, not-felt region words, day-word durations).

Sentences are written here for these tests; none is copied from a corpus part.
"""

from datetime import date
from pathlib import Path

import pytest

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.lexicon import PhraseError, load_lexicon, substitute_classes
from hamstring_dx.text.reader import read_text
from hamstring_dx.text.values import find_durations

TODAY = date(2026, 11, 21)


def keys(text: str) -> set[tuple]:
    return {(m.finding, m.region, m.value, m.context) for m in read_text(text, today=TODAY).mentions}


def findings(text: str) -> set[str]:
    return {m.finding for m in read_text(text, today=TODAY).mentions}


def rule_findings(text: str) -> set[str]:
    """What the rules read (the learned red-flag screen left out: it may propose a red flag to confirm)."""
    return {m.finding for m in read_text(text, today=TODAY, learned_screen=False).mentions}


# -- word classes ---------------------------------------------------------------------------------


def test_word_class_one_word_alternatives_stay_one_token():
    assert substitute_classes("@w ~2 x", {"w": ("a", "b")}) == "a|b ~2 x"
    assert substitute_classes("@w? x", {"w": ("a", "b")}) == "a|b? x"


def test_word_class_with_phrases_becomes_a_group():
    assert substitute_classes("@w x", {"w": ("can't", "unable to")}) == "(can't|unable to) x"


def test_unknown_word_class_is_an_error():
    with pytest.raises(PhraseError, match="@nope"):
        substitute_classes("@nope x", {})


def test_invalid_word_class_named_in_error(tmp_path: Path):
    src = Path(__file__).resolve().parents[2] / "src/hamstring_dx/knowledge/data/nlp"
    text = (src / "lexicon.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(text.replace("word_classes:\n", "word_classes:\n  Bad-Name: [x]\n", 1), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        load_lexicon(lexicon_path=bad, rules_path=src / "context_rules.yaml")
    assert "word_classes.Bad-Name" in str(exc.value)


def test_class_wordings_read():
    assert ("bowel_change", None, "present", "asserted") in keys(
        "For a week now I haven't been able to tell when I need a number two."
    )
    assert ("bladder_change", None, "present", "asserted") in keys("The wee leaks have started this week.")


# -- screen words: a red-flag word no phrase reads is put to the person as uncertain -----------------


def test_screen_word_reads_uncertain_red_flag():
    assert ("bladder_change", None, "present", "uncertain") in keys("The nurse asked about my bladder.")


def test_screen_word_negated_is_absent():
    assert ("bladder_change", None, "absent", "asserted") in keys("Nothing wrong with the bladder.")


def test_screen_word_inside_another_finding_is_not_read():
    assert "bladder_change" not in rule_findings("I had bladder cancer removed in 2015.")


def test_screen_word_not_used_when_a_phrase_already_reads_the_sentence():
    got = keys("Since Monday I have been wetting myself and my bladder is weird.")
    assert ("bladder_change", None, "present", "asserted") in got
    assert ("bladder_change", None, "present", "uncertain") not in got


# -- blocked wordings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_read"),
    [
        ("I've been burning up all evening.", "pain_burning"),
        ("My immune system is weak from the tablets.", "subjective_weakness"),
        ("Crossed SLR negative on the right.", "straight_leg_raise"),
        ("My foot is freezing to touch.", "touch_painful"),
    ],
)
def test_blocked_wordings(text, not_read):
    assert not_read not in findings(text)


def test_absence_wording_beats_a_looser_present_reading():
    got = keys("Sleeping ok, the ache settles at night.")
    assert ("pain_at_night", None, "absent", "asserted") in got
    assert ("pain_at_night", None, "present", "asserted") not in got


# -- clause breaks end a negation even when its window ends before the sentence ---------------------


def test_but_ends_a_negation_with_a_short_window():
    got = keys("I have never had a tumour but my grandfather had lymphoma in his sixties.")
    assert ("history_of_cancer", None, "absent", "asserted") in got
    assert ("history_of_cancer", None, "present", "other_person") in got


# -- proxy writers -------------------------------------------------------------------------------------


def test_person_written_for_is_the_patient():
    got = keys("Writing for my grandad. He gets pins and needles in his feet at night.")
    assert ("pins_and_needles", None, "present", "asserted") in got


def test_age_makes_the_relative_the_patient_but_others_stay_someone_else():
    got = keys("My daughter is 14, she has a fever. My sister had sciatica once.")
    assert ("fever", None, "present", "asserted") in got
    assert ("previous_episodes_back_pain", None, "present", "other_person") in got


def test_a_relative_mentioned_beside_the_writers_own_complaint_is_someone_else():
    got = keys("My husband has a fever and now my back hurts too.")
    assert ("fever", None, "present", "other_person") in got
    assert ("pain_regions", "low_back", "present", "asserted") in got


def test_reporter_is_not_the_subject():
    assert ("night_sweats", None, "present", "asserted") in keys("Partner reports drenching night sweats.")


# -- graded movements --------------------------------------------------------------------------------------


def test_power_grades_fill_weak_movements():
    got = keys("Power: EHL 3/5, hip abduction 4/5, plantarflexion 5/5.")
    assert ("weak_movements", "great_toe_extension", "present", "asserted") in got
    assert ("weak_movements", "hip_abduction", "present", "asserted") in got
    assert ("weak_movements", "ankle_plantarflexion", "absent", "asserted") in got


def test_low_dorsiflexion_grade_is_foot_drop():
    assert "foot_drop" in findings("Ankle DF 1/5 on the left.")
    assert "foot_drop" not in rule_findings("Ankle DF 4/5 on the left.")


def test_a_movement_without_a_grade_is_not_read():
    assert "weak_movements" not in findings("The physio tested my hip flexion today.")


def test_movements_enter_a_case_as_list_items():
    regions = read_text("EHL 4/5 on the right.").regions_mentioned()
    assert regions.get("weak_movements") == ["great_toe_extension"]


# -- regions ---------------------------------------------------------------------------------------------


def test_not_felt_word_keeps_a_region_from_being_pain():
    got = keys("Since the fall there is a big bruise on my calf.")
    assert ("pain_regions", "calf", "present", "asserted") not in got


def test_felt_word_close_by_still_counts():
    assert ("pain_regions", "calf", "present", "asserted") in keys("My calf is swollen and sore.")


def test_specific_word_beats_movement_word():
    got = keys("Tell us if the tingling spreads to your saddle area.")
    assert ("numbness_regions", "saddle", "present", "hypothetical") in got


def test_note_abbreviations_for_regions():
    got = keys("4/52 hx of L post thigh pain.")
    assert ("pain_regions", "posterior_thigh", "present", "asserted") in got
    assert ("duration_days", None, 28, "asserted") in got


# -- durations ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Weakness developing over 36 hours.", 2),
        ("Fell off a horse yesterday.", 1),
        ("Pain began 4h ago.", 0),
        ("It has been 5 days like this.", 5),
    ],
)
def test_day_words(text, days):
    assert [d.value for d in find_durations(text, TODAY)][:1] == [days]


def test_an_hour_of_activity_is_no_duration():
    assert find_durations("I can walk for an hour.", TODAY) == []


def test_a_dated_day_word_does_not_override_a_stated_duration():
    assert [d.value for d in find_durations("Pain for 3 weeks, saw the GP yesterday.", TODAY)][:1] == [21]


# -- questions in notes -----------------------------------------------------------------------------------


def test_question_answered_no_is_absent():
    got = keys("Screening. Night sweats? no. Weight loss? nil.")
    assert ("night_sweats", None, "absent", "asserted") in got
    assert ("weight_loss", None, "absent", "asserted") in got


def test_query_mark_on_a_word_is_doubt():
    assert ("iv_drug_use", None, "present", "uncertain") in keys("Triage: ?IVDU, marks on both forearms.")


def test_question_about_a_symptom_states_it():
    assert ("pain_cramping", None, "present", "asserted") in keys("Is it normal to get a cramp in my calf?")
