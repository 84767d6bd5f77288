"""Round 8 of the reader: proxy writers named with an age, durations tied to their clause, weekday
and short-form durations, literal brackets in phrases, and context wordings (hedged amounts, safety
netting, "said if", "not currently on").

Sentences are written here for these tests; none is copied from a corpus part.
"""


import pytest
from readings import SAT, duration, keys

from hamstring_dx.text.lexicon import PhraseError, compile_phrase, expand_groups
from hamstring_dx.text.reader import clause_of
from hamstring_dx.text.values import days_since_weekday, find_durations

# -- the person written about -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Grandad (79) has had bowel cancer and now his back aches.",
        "My nan's 88 and she has had bowel cancer, now her back aches.",
        "My 17yo lad has had bowel cancer and now his back aches.",
    ],
)
def test_a_relative_given_with_an_age_is_the_patient(text):
    assert ("history_of_cancer", None, "present", "asserted") in keys(text)


def test_a_relative_without_an_age_is_someone_else():
    assert ("history_of_cancer", None, "present", "other_person") in keys("My grandad had bowel cancer.")


def test_literal_brackets_in_a_phrase():
    assert compile_phrase("#lpar #num #rpar") == ({"LOWER": "("}, {"LIKE_NUM": True}, {"LOWER": ")"})
    with pytest.raises(PhraseError):
        expand_groups("(a|b")  # a bracket is group syntax, so a literal one is written #lpar


# -- durations ----------------------------------------------------------------------------------


def test_clause_of_splits_at_commas_and_turns():
    text = "I broke my wrist 2 years ago, and now my thigh hurts"
    start, end = clause_of(text, (0, len(text)), text.index("2 years"))
    assert text[start:end] == "I broke my wrist 2 years ago"


@pytest.mark.parametrize(
    "text",
    [
        "I had bowel cancer 4 years ago, and now the back of my thigh aches.",
        "Had an epidural 8 days ago and now my back is sore.",
        "Knee replacement 3 weeks ago, calf sore today.",
    ],
)
def test_a_duration_dating_an_earlier_event_is_not_the_complaints(text):
    assert duration(text) not in (1460, 8, 21)


def test_a_duration_dating_the_symptom_is_kept():
    assert duration("Had my operation 3 weeks ago and since then my leg has been numb.") == 21
    assert duration("The back of my thigh has ached for 5 days.") == 5


@pytest.mark.parametrize(
    "text, days",
    [
        ("my hamstring's been sore, had it like 6 days", 6),
        ("pain in the sit bone, been going 3 months", 90),
        ("Pain is there 2 month.", 60),
        ("from 4 days my leg is very painful", 4),
        ("a 6 weeks' history of buttock pain", 42),
    ],
)
def test_more_duration_wordings(text, days):
    found = find_durations(text, SAT)
    assert found and found[0].value == days


def test_weekday_short_forms_and_bare_weekdays():
    assert days_since_weekday("wed", SAT) == 3
    assert find_durations("sore since training on weds", SAT)[0].value == 3
    assert find_durations("hamstring went at football Thursday", SAT)[0].value == 2
    # a bare weekday is only a fallback: a stated duration wins
    assert find_durations("tweaked it Thursday, sore for 3 weeks on and off", SAT)[0].value == 21


def test_a_note_duration_before_post_op_dates_the_operation():
    # the operation is a dated event in the lexicon, so its clause's duration is not the complaint's
    assert duration("4/52 post laminectomy, wound red") is None
    assert duration("2/7 post sprint injury, sore hamstring") == 2


# -- context ------------------------------------------------------------------------------------


def test_a_hedged_amount_is_not_doubt_about_the_finding():
    assert ("weight_loss", None, "present", "asserted") in keys("I've lost weight, maybe 6 kilos.")
    assert ("subjective_weakness", None, "present", "uncertain") in keys("Maybe my leg is a bit weak.")


def test_safety_netting_in_a_note_is_hypothetical():
    got = keys("Safety-netted re: saddle numbness and urinary retention.")
    assert ("bladder_change", None, "present", "hypothetical") in got


def test_advice_reported_with_if_is_hypothetical():
    got = keys("the nurse said if my calf swells up to come straight back")
    assert ("leg_swelling", None, "present", "hypothetical") in got


def test_not_currently_on_is_a_negation():
    assert ("active_cancer_treatment", None, "absent", "asserted") in keys("Not currently having chemotherapy.")


def test_describing_a_pain_as_sort_of_burning_is_not_doubt():
    assert ("pain_burning", None, "present", "asserted") in keys("It's a sort of burning pain in my bum.")


def test_travel_home_is_not_back_pain():
    got = keys("Flew back from Spain on Monday and now my calf is swollen.")
    assert ("pain_regions", "low_back", "present", "asserted") not in got
    assert ("recent_immobilisation_or_surgery", None, "present", "asserted") in got
