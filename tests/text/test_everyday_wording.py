"""Everyday wording of red flags and context, written while developing (not taken from any corpus part)."""

import pytest

from hamstring_dx.text import read_text

CASES = [
 # (text, finding, value, context)
 ("I've had a couple of accidents where I wet my knickers.", "bladder_change", "present", "asserted"),
 ("I need to strain really hard to pass urine now.", "bladder_change", "present", "asserted"),
 ("I've not had a wee since yesterday lunchtime.", "bladder_change", "present", "asserted"),
 ("My bladder feels full but nothing comes out.", "bladder_change", "present", "asserted"),
 ("I leaked urine when I stood up.", "bladder_change", "present", "asserted"),
 ("Peeing is normal.", "bladder_change", "absent", "asserted"),
 ("no problems with my waterworks", "bladder_change", "absent", "asserted"),
 ("I don't have any trouble going to the toilet.", "bladder_change", "absent", "asserted"),
 ("I've lost control of my bowels twice.", "bowel_change", "present", "asserted"),
 ("I messed myself without knowing.", "bowel_change", "present", "asserted"),
 ("Bowels are fine.", "bowel_change", "absent", "asserted"),
 ("My back passage feels numb.", "saddle_numbness", "present", "asserted"),
 ("It's numb between my legs.", "saddle_numbness", "present", "asserted"),
 ("Toilet paper feels strange, like I can't feel it properly.", "saddle_numbness", "present", "asserted"),
 ("No numbness in my private area.", "saddle_numbness", "absent", "asserted"),
 ("My foot is getting weaker each day.", "progressive_weakness", "present", "asserted"),
 ("I keep catching my toes on the carpet.", "foot_drop", "present", "asserted"),
 ("My foot just flops when I walk.", "foot_drop", "present", "asserted"),
 ("I've got it in both legs now.", "symptoms_both_legs", "present", "asserted"),
 ("I've had the shivers and a high temperature.", "fever", "present", "asserted"),
 ("no temperature", "fever", "absent", "asserted"),
 ("I've lost about a stone without trying.", "weight_loss", "present", "asserted"),
 ("My weight is stable.", "weight_loss", "absent", "asserted"),
 ("Soaking the sheets with sweat at night.", "night_sweats", "present", "asserted"),
 ("I had a melanoma removed years ago.", "history_of_cancer", "present", "asserted"),
 ("I've never had cancer.", "history_of_cancer", "absent", "asserted"),
 ("My auntie had breast cancer.", "history_of_cancer", "present", "other_person"),
 ("The pain is worse lying in bed at night.", "pain_at_night", "present", "asserted"),
 ("It keeps me up most of the night.", "pain_at_night", "present", "asserted"),
 ("I was knocked off my bike by a van.", "major_trauma", "present", "asserted"),
 ("I fell off a wall about two metres high.", "major_trauma", "present", "asserted"),
 ("I had a DVT in 2019.", "previous_dvt", "present", "asserted"),
 ("I've had a blood clot on my lung before.", "previous_dvt", "present", "asserted"),
 ("My calf is swollen and tight.", "leg_swelling", "present", "asserted"),
 ("No swelling.", "leg_swelling", "absent", "asserted"),
 ("I get breathless walking to the car.", "chest_pain_or_breathlessness", "present", "asserted"),
 ("My foot has gone pale and cold.", "cold_pale_foot", "present", "asserted"),
 ("I can't weight bear on the left.", "unable_to_bear_weight", "present", "asserted"),
 ("I'm on steroids for my arthritis.", "immunosuppressed", "present", "asserted"),
 ("I inject drugs.", "iv_drug_use", "present", "asserted"),
 ("I had an epidural injection last month.", "recent_infection_or_spinal_procedure", "present", "asserted"),
 ("Maybe some weakness in my foot?", "subjective_weakness", "present", "uncertain"),
 ("If I ever lose feeling down below, what should I do?", "saddle_numbness", "present", "hypothetical"),
 ("My husband has diabetes.", "diabetes", "present", "other_person"),
 ("My partner says I've been tripping over my foot.", "foot_drop", "present", "asserted"),
 ("I used to smoke.", "smoker", "present", "historical"),
 ("I can't sit for more than ten minutes.", "worse_sitting", "present", "asserted"),
 ("Coughing sends a jolt down my leg.", "worse_cough_sneeze", "present", "asserted"),
 ("I feel hot and sweaty and unwell.", "fever", "present", "asserted"),
 ("I've gone off my food and lost weight.", "weight_loss", "present", "asserted"),
 ("I'm having chemotherapy.", "active_cancer_treatment", "present", "asserted"),
 ("I have had bladder problems since the fall.", "bladder_change", "present", "asserted"),
 ("Not had any bowel or bladder issues.", "bladder_change", "absent", "asserted"),
 ("Not had any bowel or bladder issues.", "bowel_change", "absent", "asserted"),
 ("I don't think I've lost weight.", "weight_loss", "present", "uncertain"),
 ("There's no numbness or weakness.", "subjective_weakness", "absent", "asserted"),
 ("I wake up at 2am with the pain.", "pain_at_night", "present", "asserted"),
 ("It's numb around my anus.", "saddle_numbness", "present", "asserted"),
 ("My leg gave way on the stairs.", "subjective_weakness", "present", "asserted"),
 ("I'm pregnant, 30 weeks.", "pregnant_or_postpartum", "present", "asserted"),
 # notes and more everyday wording (written while developing, not from any corpus part)
 ("Urinary retention 800ml on bladder scan.", "bladder_change", "present", "asserted"),
 ("Perianal sensation reduced.", "saddle_numbness", "present", "asserted"),
 ("c/o bilateral leg weakness, worse over 48h.", "progressive_weakness", "present", "asserted"),
 ("Bladder/bowels NAD.", "bladder_change", "absent", "asserted"),
 ("Afebrile.", "fever", "absent", "asserted"),
 ("Fell from scaffolding approx 3m yesterday.", "major_trauma", "present", "asserted"),
 ("I keep needing to go for a wee but nothing comes out.", "bladder_change", "present", "asserted"),
 ("My pee doesn't come out properly, it's just a dribble.", "bladder_change", "present", "asserted"),
 ("Sometimes I don't realise I've been to the toilet until I see it.", "bladder_change", "present", "asserted"),
 ("My toes drag on the ground.", "foot_drop", "present", "asserted"),
 ("Last year I had a bad bout of sciatica but it settled.", "previous_episodes_back_pain", "present", "asserted"),
 ("The GP said if I ever can't pee I should go straight to A&E.", "bladder_change", "present", "hypothetical"),
 ("My mum had a blood clot after her hip operation.", "previous_dvt", "present", "other_person"),
 ("Not sure if I've got a temperature.", "fever", "present", "uncertain"),
 ("I can't feel my foot properly.", "numbness_regions", "present", "asserted"),
]


@pytest.mark.parametrize(("text", "finding", "value", "context"), CASES)
def test_everyday_wording(text, finding, value, context):
    keys = {(m.finding, m.value, m.context) for m in read_text(text).mentions}
    assert (finding, value, context) in keys, sorted(keys)


NOT_PRESENT = [
    ("I cough a lot because of my asthma.", "worse_cough_sneeze"),
    ("I sit at a desk all day for work.", "worse_sitting"),
    ("My dad fell off a ladder last year.", "major_trauma"),
    ("The physio said to come back if my foot gets weak.", "subjective_weakness"),
    ("I'm worried it might be cancer.", "history_of_cancer"),
    ("I walk the dog at night.", "pain_at_night"),
    ("My calf cramps up at night.", "pain_at_night"),
    ("My foot feels like it's asleep all the time.", "pain_at_night"),
    ("I run 5k three times a week.", "worse_running"),
    ("My wife is pregnant.", "pregnant_or_postpartum"),
    ("I stopped taking warfarin last year.", "anticoagulant_use"),
    ("No blood clots in the family.", "previous_dvt"),
    ("Nothing wrong with my bladder.", "bladder_change"),
    ("Denies fever, night sweats, weight loss.", "weight_loss"),
    ("My sitting bone has been sore since Tuesday.", "worse_sitting"),
    ("My friend said it was a slipped disc.", "minor_trauma"),
    ("I used to have numbness in my foot years ago but it went.", "onset_sudden"),
    ("It hurts when I sprint but not when I jog.", "onset_sprinting"),
    ("My thigh is rock hard and swollen.", "leg_swelling"),
]


@pytest.mark.parametrize(("text", "finding"), NOT_PRESENT)
def test_not_read_as_present(text, finding):
    assert read_text(text).to_case_findings().get(finding) != "present"


@pytest.mark.parametrize(
    ("text", "side"),
    [("Right now the pain is a 6/10.", None), ("It goes right down my left leg.", "left"), ("R leg", "right")],
)
def test_side_words_that_are_not_sides(text, side):
    assert read_text(text).side == side


def test_negation_inside_a_finding_does_not_negate_its_neighbours():
    r = read_text("i jus cant sit down for long its killin me")
    assert ("worse_sitting", "absent") not in {(m.finding, m.value) for m in r.mentions}
    regions = read_text("sciatic pain rite leg, cant feel my foot proper").regions_mentioned()
    assert "foot_sole" in regions.get("numbness_regions", [])
