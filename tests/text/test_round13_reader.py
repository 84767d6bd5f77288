"""Round 13 of the reader: region-only fragments, ages written as one word, a note's history source, and
wordings.

Sentences are written here for these tests; none is copied from a corpus part.
"""

import pytest
from readings import keys

# -- a sentence that only lists places takes what the sentence before says is felt --------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("It aches all the time. Right glute.", "buttock"),
        ("The pain is worst when I bend. Lower back and down into the back of the knee.", "knee_back"),
        ("It throbs after football. Back of the left thigh mostly.", "posterior_thigh"),
    ],
)
def test_a_fragment_of_places_takes_the_feeling_of_the_sentence_before(text, region):
    assert ("pain_regions", region, "present", "asserted") in keys(text)


def test_a_fragment_is_only_places_a_sentence_with_its_own_words_is_not():
    # "bruised" says something of its own: the calf is not read as painful from the sentence before
    assert ("pain_regions", "calf", "present", "asserted") not in keys("It aches all the time. Calf bruised.")
    assert ("pain_regions", "buttock", "present", "asserted") not in keys("Right glute.")


# -- an age written as one word ----------------------------------------------------------------


@pytest.mark.parametrize("age", ["14yo", "14y/o", "14 yo"])
def test_an_age_written_as_one_word_still_names_the_patient_a_parent_writes_for(age):
    text = f"My {age} son plays rugby, he felt a pop at the back of his thigh."
    assert ("onset_sudden", None, "present", "asserted") in keys(text)


# -- a note's source of history is not a past event ------------------------------------------------


def test_history_obtained_from_a_relative_is_not_a_past_event():
    text = "Hx taken from wife: new urinary incontinence since this morning."
    assert ("bladder_change", None, "present", "asserted") in keys(text)
    assert ("history_of_cancer", None, "present", "asserted") in keys("Hx of bowel Ca.")


# -- wordings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("I keep tripping over my own left foot and it kind of slaps down.", "foot_drop", "present"),
        ("Nocturnal pain, unrelieved by rest.", "pain_at_night", "present"),
        ("My calf has gone huge since the flight.", "leg_swelling", "present"),
        ("Diminished perianal pinprick on the left.", "saddle_numbness", "present"),
        ("The weight has just been dropping off me.", "weight_loss", "present"),
        ("He flipped the quad bike on the farm this morning.", "major_trauma", "present"),
        ("My other leg tingles a bit as well now.", "symptoms_both_legs", "present"),
        ("Since the back went it's been hard to get it up.", "sexual_dysfunction_new", "present"),
        ("I'm not feeling when I need to poo any more.", "bowel_change", "present"),
        ("Lymphoma, on R-CHOP, cycle 3.", "active_cancer_treatment", "present"),
        ("My toes went a bit blue this morning.", "cold_pale_foot", "present"),
        ("It gets worse the longer I sit.", "worse_sitting", "present"),
        ("Felt it in the final 20 metres of the race.", "onset_sprinting", "present"),
    ],
)
def test_round13_wordings(text, finding, value):
    assert (finding, None, value, "asserted") in keys(text), sorted(keys(text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Sudden pain at 60 m, could not finish the race.", "sexual_dysfunction_new"),
        ("Rehab plan: sprint drills from week 4.", "onset_sprinting"),
    ],
)
def test_round13_wordings_not_read_too_widely(text, finding):
    assert finding not in {k[0] for k in keys(text)}
