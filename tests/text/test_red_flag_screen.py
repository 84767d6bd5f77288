"""The learned red-flag screen (text/screen_model.py): its data, its fit, and what it may change."""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.bench import load_corpus
from hamstring_dx.text.lexicon import default_lexicon
from hamstring_dx.text.reader import read_text
from hamstring_dx.text.screen_model import SCREEN_FILE, RedFlagScreen, default_screen, load_screen_data

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "validation" / "text-corpus"
DATA = ROOT / "src" / "hamstring_dx" / "knowledge" / "data" / SCREEN_FILE
HELD_OUT = ("test21", "test22", "test23", "test24")
RED = frozenset(default_lexicon().red_flags)


@pytest.fixture(scope="module")
def data():
    return load_screen_data(red_flags=RED)


def test_every_sentence_comes_from_a_tuning_part_and_keeps_its_gold(data):
    items = {}
    for sent in data.sentences:
        part, item_id = sent.source.split(":")
        assert part not in HELD_OUT, sent.source
        if part not in items:
            items[part] = {i["id"]: i for i in load_corpus(CORPUS / f"{part}.yaml")}
        item = items[part][item_id]
        assert sent.text in item["text"].replace("\u2019", "'"), sent.source
        gold_flags = {k[0] for k in item["gold"]} & RED
        assert set(sent.red_flags) <= gold_flags, sent.source
        assert set(sent.unknown) <= gold_flags, sent.source


def test_every_red_flag_has_a_classifier():
    assert set(default_screen().findings) == RED


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda d: d["settings"].update(threshold=1.5), "settings.threshold"),
        (lambda d: d["settings"].pop("basis"), "settings.basis"),
        (lambda d: d["sentences"][0].update(red_flags=["not_a_flag"]), "sentences[0].red_flags"),
        (lambda d: d["sentences"][1].update(source=""), "sentences.1.source"),
    ],
)
def test_bad_data_is_refused_naming_the_field(tmp_path, edit, named):
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    raw["sentences"] = raw["sentences"][:60]
    edit(raw)
    path = tmp_path / "red_flag_screen.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_screen_data(path, red_flags=RED)
    assert named in str(err.value)


def test_fit_is_deterministic(data):
    sentences = ["My waterworks have gone haywire since the back went.", "Sore hamstring after football."]
    a = RedFlagScreen(data).probabilities(sentences)
    b = RedFlagScreen(data).probabilities(sentences)
    assert (a == b).all()


def test_a_wording_no_rule_knows_is_proposed_to_confirm_never_entered():
    text = "My waterworks have gone haywire since the back went."
    assert "bladder_change" not in {m.finding for m in read_text(text, learned_screen=False).mentions}
    reading = read_text(text)
    [m] = [m for m in reading.mentions if m.finding == "bladder_change"]
    assert (m.source, m.context, m.value, m.red_flag) == ("model", "asserted", "present", True)
    assert m.proposed and not m.asserted and m not in reading.asserted()
    assert m.probability >= default_screen().threshold
    assert m.text and " " not in m.text and text[m.start : m.end] == m.text  # one word of the sentence
    assert "bladder_change" not in reading.to_case_findings()
    assert m in reading.red_flag_mentions()


@pytest.fixture(scope="module")
def made_up_reader(data):
    """A reader whose screen also learned a made-up word for a bladder change (no rule knows it), so that
    how a proposal takes its sentence's context is tested apart from the packaged data."""
    from hamstring_dx.text.pipeline import default_pipeline
    from hamstring_dx.text.reader import _Reader
    from hamstring_dx.text.screen_model import ScreenSentence

    extra = [
        ScreenSentence(text=t, red_flags=["bladder_change"], source="made-up:1")
        for t in ("my zorblat is acting up", "zorblat trouble since the fall", "the zorblat went wrong",
                  "zorblat problems", "zorblat is off", "noticed zorblat issues", "zorblat all over the place")
    ]
    made = data.model_copy(update={"sentences": [*data.sentences, *extra]})
    nlp, vm = default_pipeline()
    return _Reader(default_lexicon(), nlp, vm, screen=RedFlagScreen(made))


@pytest.mark.parametrize(
    ("text", "value", "context"),
    [
        ("My zorblat is acting up since Monday.", "present", "asserted"),
        ("No zorblat trouble at all.", "absent", "asserted"),
        ("Not sure about the zorblat, it might be acting up.", "present", "uncertain"),
        ("My dad had zorblat trouble, my leg pain is the thing.", "present", "other_person"),
    ],
)
def test_a_proposal_takes_the_context_its_sentence_gives(made_up_reader, text, value, context):
    reading = made_up_reader.read(text)
    assert "bladder_change" not in {m.finding for m in made_up_reader.read(text, learned_screen=False).mentions}
    [m] = [m for m in reading.mentions if m.finding == "bladder_change"]
    assert (m.source, m.text, m.value, m.context) == ("model", "zorblat", value, context)
    assert "bladder_change" not in reading.to_case_findings() and m in reading.red_flag_mentions()


def test_plain_hamstring_sentences_raise_nothing():
    for text in ("I have pain in the back of my thigh when I sprint.", "Sore hamstring after football, better rested."):
        assert not [m for m in read_text(text).mentions if m.source == "model"], text


def test_a_red_flag_the_rules_read_is_not_proposed_again():
    reading = read_text("No problems with my bladder, I pee fine.")
    assert [m.source for m in reading.mentions if m.finding == "bladder_change"] != []
    assert all(m.source != "model" for m in reading.mentions if m.finding == "bladder_change")


_TEXTS = sorted({i["text"] for p in ("dev3", "test7", "test8") for i in load_corpus(CORPUS / f"{p}.yaml")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_TEXTS), st.sampled_from(["", " Also my waterworks have gone haywire."]))
def test_the_screen_adds_confirmations_never_findings(text, tail):
    """Whatever the text, the learned screen keeps every rule mention and adds only proposed red flags
    the rules did not read: what enters a case is the rules' reading alone."""
    rules = read_text(text + tail, learned_screen=False)
    full = read_text(text + tail)
    assert set(rules.mentions) <= set(full.mentions)
    added = set(full.mentions) - set(rules.mentions)
    read = {m.finding for m in rules.mentions}
    assert all(m.source == "model" and m.proposed and not m.asserted and m.red_flag for m in added)
    assert not set(full.asserted()) - set(rules.asserted())
    assert not {m.finding for m in added} & read
    assert len({m.finding for m in added}) == len(added)
    assert full.to_case_findings() == rules.to_case_findings()
    assert full.regions_mentioned() == rules.regions_mentioned()
