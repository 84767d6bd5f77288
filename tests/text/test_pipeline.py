"""The fast target finder must find exactly what spaCy's token Matcher finds for the same patterns."""

from pathlib import Path

import pytest
import spacy
import yaml
from spacy.matcher import Matcher

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.lexicon import PhraseError, expand_groups, expand_pattern, load_lexicon
from hamstring_dx.text.pipeline import SPAN_GROUP, GapMatcher, _target_patterns, default_pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def texts():
    items = yaml.safe_load((ROOT / "validation" / "text-corpus" / "dev.yaml").read_text())["items"]
    extra = [
        "I cant sit, can't sit and cannot sit for 20 minutes; 3 weeks, 2/52.",
        "no pain no pain no numbness down below, not not",
        "",
    ]
    return [it["text"] for it in items][:120] + extra


def test_target_finder_matches_spacy_matcher(texts):
    """Every (label, start, end) of spaCy's Matcher over all lexicon patterns, and nothing else."""
    nlp, _ = default_pipeline()
    reference = Matcher(nlp.vocab)
    for label, patterns in _target_patterns(load_lexicon()).items():
        reference.add(label, [list(p) for p in patterns])
    for text in texts:
        doc = nlp(text)
        want = {(nlp.vocab.strings[m], s, e) for m, s, e in reference(doc)}
        got = {(sp.label_, sp.start, sp.end) for sp in doc.spans[SPAN_GROUP]}
        assert got == want, text


def test_gap_matcher_optional_first_and_numbers():
    nlp = spacy.blank("en")
    gm = GapMatcher(nlp.vocab)
    gm.add("x", [[{"LOWER": "lower", "OP": "?"}, {"LOWER": "back"}], [{"LIKE_NUM": True}, {"LOWER": "days"}]])
    doc = nlp("my lower back for 3 days")
    found = {(nlp.vocab.strings[k], s, e) for k, s, e in gm(doc)}
    assert found == {("x", 1, 3), ("x", 2, 3), ("x", 4, 6)}


def test_expand_pattern():
    pat = [{"LOWER": {"IN": ["a", "b"]}}, {"LOWER": "c", "OP": "?"}]
    assert expand_pattern(pat) == [("a",), ("a", "c"), ("b",), ("b", "c")]
    assert expand_pattern([{"LOWER": "a"}, {"LOWER": {"NOT_IN": ["x"]}, "OP": "{0,3}"}, {"LOWER": "b"}]) is None
    assert expand_pattern([{"LIKE_NUM": True}]) is None
    assert expand_pattern([{"LOWER": {"IN": ["a", "b"]}}] * 3, limit=4) is None


def test_expand_groups():
    assert expand_groups("(came on|started) suddenly") == ["came on suddenly", "started suddenly"]
    assert expand_groups("(a|b) c") == ["a|b c"]  # one-word alternatives stay one token position
    assert expand_groups("x (in my)? leg") == ["x in my leg", "x leg"]
    for bad in ["(a|) b", "a (b"]:
        with pytest.raises(PhraseError):
            expand_groups(bad)


def test_bad_group_names_file_and_entry(tmp_path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("version: 1\nfindings:\n  worse_sitting:\n    phrases: ['(sit|) down', 'ok']\n")
    with pytest.raises(KnowledgeBaseError) as exc:
        load_lexicon(lexicon_path=bad)
    assert "lexicon.yaml: findings.worse_sitting.phrases[0]" in str(exc.value)
