"""Round 12 of the reader: a context break of one category (the writer's own statement ends what is
said of someone else), a longer reach for someone else, and wordings.

Sentences are written here for these tests; none is copied from a corpus part.
"""

import pytest
from readings import keys

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.lexicon import load_lexicon

# -- someone else, and where it stops ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My auntie got really thin for months before they found her bowel cancer.", "history_of_cancer"),
        ("My cousin was on crutches for weeks and ended up with his calf swollen right up.", "leg_swelling"),
    ],
)
def test_someone_else_reaches_a_finding_later_in_a_long_sentence(text, finding):
    assert (finding, None, "present", "other_person") in keys(text)


@pytest.mark.parametrize(
    ("text", "finding", "region"),
    [
        ("My sister had a clot in her leg last spring, I just have a sore hamstring from netball.", "pain_regions",
         "posterior_thigh"),
        ("My brother tore his hamstring at rugby and I've got this ache in my bum now.", "pain_regions", "buttock"),
        ("My husband says I should write: I have pain in my lower back when I stand.", "pain_regions", "low_back"),
    ],
)
def test_the_writers_own_statement_ends_what_is_said_of_someone_else(text, finding, region):
    assert (finding, region, "present", "asserted") in keys(text)


def test_a_break_of_one_category_leaves_the_others_alone():
    # "I have" ends a relative's scope, not the doubt that stands before it
    found = keys("Possibly I have some numbness in my left foot.")
    assert ("numbness_regions", "foot_sole", "present", "uncertain") in found


def test_a_terminate_group_names_a_real_category(tmp_path):
    from pathlib import Path

    import hamstring_dx.text.lexicon as lexmod

    src = Path(lexmod.__file__).parent.parent / "knowledge" / "data" / "nlp" / "context_rules.yaml"
    text = src.read_text(encoding="utf-8")
    family_break = "    category: FAMILY\n    direction: TERMINATE"
    bad_text = text.replace(family_break, family_break.replace("FAMILY", "RELATIVES"))
    assert bad_text != text
    bad = tmp_path / "context_rules.yaml"
    bad.write_text(bad_text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="RELATIVES"):
        load_lexicon(rules_path=bad)


# -- wordings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding", "value", "context"),
    [
        ("Since Friday I can't feel my bits at all and my back is agony.", "saddle_numbness", "present", "asserted"),
        ("Is it normal to not be able to feel the paper when wiping?", "saddle_numbness", "present", "asserted"),
        ("Drenching sweats, LOW 8 kg since summer.", "weight_loss", "present", "asserted"),
        ("The leg aches so much I couldnt sleep last night.", "pain_at_night", "present", "asserted"),
        ("I get up in the night and pace about because lying hurts.", "pain_at_night", "present", "asserted"),
        ("Came off my trail bike on a jump and landed on my back.", "major_trauma", "present", "asserted"),
        ("He can't feel his legs properly since the fall.", "symptoms_both_legs", "present", "asserted"),
        ("Back pain and I've been peeing funny since Tuesday.", "bladder_change", "present", "asserted"),
        ("Known myeloma on lenalidomide, new thoracic pain.", "active_cancer_treatment", "present", "asserted"),
        ("GP said to get it checked if it starts waking me at night.", "pain_at_night", "present", "hypothetical"),
        ("My toes went white and cold in the snow but it's fine now.", "cold_pale_foot", "present", "historical"),
        ("Saddle sensation altered on the left, pt unsure.", "saddle_numbness", "present", "uncertain"),
        ("Lost a stone without even trying and I'm soaked every night.", "night_sweats", "present", "asserted"),
    ],
)
def test_round12_wordings(text, finding, value, context):
    assert (finding, None, value, context) in keys(text)
