"""Round 9 of the reader: proxy accounts without proxy wording, the saddle region conventions, findings
told as over ("but it went away"), day words that date an episode, list negation in notes, and wordings.

Sentences are written here for these tests; none is copied from a corpus part.
"""


import pytest
from readings import SAT, duration, keys

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.lexicon import load_lexicon
from hamstring_dx.text.values import find_durations

# -- the person written about -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Grandma's left leg has got weaker every day this week.", "progressive_weakness"),
        ("My wife takes tacrolimus after her liver transplant and for two days she's had a fever.", "fever"),
        ("Dad's right calf is swollen and red and it hurts him to walk.", "leg_swelling"),
    ],
)
def test_an_account_of_one_relatives_symptoms_is_about_the_patient(text, finding):
    assert (finding, None, "present", "asserted") in keys(text)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My grandad had bowel cancer.", "history_of_cancer"),  # a history, nothing now
        ("My sister gets night sweats, and my own back is killing me.", "night_sweats"),  # the writer's own body
        ("My friend's calf is swollen after his flight.", "leg_swelling"),  # a friend is not an account
    ],
)
def test_a_relative_stays_someone_else_when_the_text_is_not_their_account(text, finding):
    assert (finding, None, "present", "other_person") in keys(text)


def test_the_writer_speaking_as_the_writer_does_not_stop_an_account():
    got = keys("I'm really worried about my husband. His legs are getting weaker by the day.")
    assert ("progressive_weakness", None, "present", "asserted") in got


def test_two_relatives_make_no_account():
    got = keys("My aunt had foot drop after a stroke, and my mum's foot slaps the floor now.")
    assert not any(k[0] == "foot_drop" and k[3] == "asserted" for k in got)


# -- saddle region conventions (lexicon `derived`) -------------------------------------------------


def test_a_negated_saddle_numbness_is_read_once_without_its_region():
    got = keys("Denies saddle anaesthesia.")
    assert ("saddle_numbness", None, "absent", "asserted") in got
    assert not any(k[1] == "saddle" for k in got)


def test_saddle_numbness_told_in_its_own_words_also_names_the_region():
    got = keys("When I wipe I can't feel the paper at all.")
    assert ("saddle_numbness", None, "present", "asserted") in got
    assert ("numbness_regions", "saddle", "present", "asserted") in got


def test_an_examination_finding_of_the_saddle_keeps_its_own_region_list():
    got = keys("Perianal sensation reduced to pinprick.")
    assert not any(k[0] == "numbness_regions" for k in got)


def test_implies_region_needs_exactly_one_region(tmp_path):
    from pathlib import Path

    import hamstring_dx.text.lexicon as lexmod

    src = Path(lexmod.__file__).parent.parent / "knowledge" / "data" / "nlp" / "lexicon.yaml"
    text = src.read_text(encoding="utf-8").replace(
        "saddle_numbness: {from: numbness_regions, regions: [saddle],",
        "saddle_numbness: {from: numbness_regions, regions: [saddle, buttock],",
    )
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="implies_region"):
        load_lexicon(lexicon_path=bad)


# -- told as over; episodes; durations ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I had a foot drop after my hip operation but it recovered.", "foot_drop"),
        ("Had a temperature with the flu last month but that's long gone.", "fever"),
        ("The fever's gone now but my back still hurts.", "fever"),
        ("My toes went blue on the cold walk home. It's pink and warm again now.", "cold_pale_foot"),
    ],
)
def test_a_finding_told_as_over_is_historical(text, finding):
    got = keys(text)
    assert (finding, None, "present", "historical") in got
    assert (finding, None, "present", "asserted") not in got


def test_relief_is_not_recovery():
    got = keys("A dull ache in my bum when I sit, it goes away when I stand up.")
    assert ("pain_regions", "buttock", "present", "asserted") in got


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("I wet the bed last night and my back is agony.", None),  # the day dates the accident
        ("I fell off the trampoline yesterday and my bum hurts.", 1),  # the day dates the injury
        ("Back pain, the past week, now a fever too.", 7),
        ("Hamstring strain, 11 days post, tender mid belly.", 11),
        ("This flare-up is a week old.", 7),
        ("My foot went white about an hour ago.", 0),
        ("Sore back since yday.", 1),
    ],
)
def test_durations_of_round9(text, days):
    assert duration(text) == days


def test_an_age_is_not_a_duration():
    assert find_durations("my 45 year old husband", SAT) == []


# -- context wordings -----------------------------------------------------------------------------


def test_denies_negates_a_long_list_in_a_note():
    got = keys("Denies saddle anaesthesia, bladder or bowel sx, fevers, night sweats, wt loss.")
    for f in ("fever", "weight_loss", "night_sweats"):
        assert (f, None, "absent", "asserted") in got


def test_not_dieting_is_not_a_negation_of_what_follows():
    got = keys("Lost 6 kg not dieting, drenched in sweat at night.")
    assert ("night_sweats", None, "present", "asserted") in got


def test_current_medication_after_a_history_heading_is_current():
    got = keys("PMH: Crohn's on weekly methotrexate.")
    assert ("immunosuppressed", None, "present", "asserted") in got


def test_a_heading_query_is_about_the_diagnosis_not_the_findings():
    got = keys("Discitis query: T 38.4, increasing LBP.")
    assert ("fever", None, "present", "asserted") in got


def test_hypothetically_is_hypothetical():
    got = keys("Hypothetically, if my calf swelled up after the flight, is that a clot?")
    assert ("leg_swelling", None, "present", "hypothetical") in got


def test_a_plan_conditional_on_new_signs_is_hypothetical():
    got = keys("If new signs of leg swelling, repeat the scan.")
    assert ("leg_swelling", None, "present", "hypothetical") in got


# -- wordings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My back is wrecked.", ("pain_regions", "low_back", "present", "asserted")),
        ("Pain at the sitting bone, not below knee.", ("pain_below_knee", None, "absent", "asserted")),
        ("Got a hockey stick across the back of my thigh.", ("direct_blow", None, "present", "asserted")),
        ("Reduced anal tone, perianal sensation absent.", ("reduced_anal_tone", None, "positive", "asserted")),
        ("ABPI 0.5, pulses absent.", ("ankle_brachial_index_low", None, "positive", "asserted")),
        ("Trouble getting my water started.", ("bladder_change", None, "present", "asserted")),
        ("My leg is weak but not getting any weaker.", ("subjective_weakness", None, "present", "asserted")),
        ("Worse running hills.", ("worse_running", None, "present", "asserted")),
        ("Since the birth of our baby I've had buttock pain.", ("pregnant_or_postpartum", None, "present", "asserted")),
    ],
)
def test_round9_wordings(text, expected):
    assert expected in keys(text)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Since my back went I can't get an erection.", "onset_sudden"),
        ("The flight back from Rome was long.", "pain_regions"),
        ("Bending forward over the trolley eases it.", "worse_bending_forward"),
        ("My thigh has blown up like a balloon.", "leg_swelling"),
        ("The chairs at work are rock hard.", "thigh_swelling_tense"),
        ("Reduced sensation to light touch over the sole.", "touch_painful"),
        ("I had a water infection last month.", "bladder_change"),
        ("I keep tripping over my toes.", "minor_trauma"),
    ],
)
def test_round9_wordings_that_are_not_the_finding(text, finding):
    assert not any(k[0] == finding for k in keys(text))


# -- rounds 10 and 11 ---------------------------------------------------------------------------


def test_a_finding_yields_to_the_graver_one_in_its_sentence():
    got = keys("Fell off the shed roof, about 3 metres, landed on my backside.")
    assert ("major_trauma", None, "present", "asserted") in got
    assert not any(k[0] == "minor_trauma" for k in got)
    assert ("minor_trauma", None, "present", "asserted") in keys("Slipped on the ice and landed on my backside.")


def test_a_history_heading_in_a_note_is_the_present_complaint():
    got = keys("Hx: 2/52 R posterior thigh pain, worse sitting.")
    assert ("pain_regions", "posterior_thigh", "present", "asserted") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pain over the buttock, nothing below the knee.", ("pain_below_knee", None, "absent", "asserted")),
        ("Cannae feel anything down below.", ("saddle_numbness", None, "present", "asserted")),
        ("SIJ provocation 1/5.", ("sij_cluster_positive", None, "negative", "asserted")),
        ("SIJ provocation 4/5 positive.", ("sij_cluster_positive", None, "positive", "asserted")),
        ("Hamstring origin tender on the left.", ("tenderness_sitting_bone", None, "positive", "asserted")),
        ("My legs are like jelly.", ("subjective_weakness", None, "present", "asserted")),
    ],
)
def test_round10_and_11_wordings(text, expected):
    assert expected in keys(text)


def test_power_normal_throughout_says_nothing_of_felt_weakness():
    assert not any(k[0] == "subjective_weakness" for k in keys("Power 5/5 throughout."))
