"""Build the medspaCy pipeline from the project's data.

blank English tokenizer -> spaCy sentencizer (line breaks end sentences too) -> medspaCy TargetMatcher (every
lexicon phrase, overlapping matches kept in a span group) -> medspaCy ConText (our rules only).

spaCy's rule-based sentencizer is used instead of PyRuSH: it measured about 6x faster here and
patient text is short, plainly punctuated sentences.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer

from hamstring_dx.text.lexicon import Lexicon, default_lexicon

SPAN_GROUP = "hamstring_dx_targets"


def _with_sides(pattern, side_spec) -> list:
    """Accept an optional side word after 'my'/'the' in a region phrase."""
    out = []
    for spec in pattern:
        out.append(spec)
        lower = spec.get("LOWER")
        words = lower.get("IN", []) if isinstance(lower, dict) else [lower]
        if "my" in words or "the" in words:
            out.append(side_spec)
    return out


def target_label(role: str, ident: str = "", value: str | None = None) -> str:
    """Span label carrying what a target is. Labels, not span extensions, carry this: spaCy keys span
    extensions by character offsets, so two targets on the same words would share them."""
    return f"{role}|{ident}|{value or ''}"


def parse_label(label: str) -> tuple[str, str, str | None]:
    role, ident, value = label.split("|")
    return role, ident, value or None


def _target_rules(lex: Lexicon):
    from medspacy.target_matcher import TargetRule

    rules = []
    for fid, entry in lex.findings.items():
        role = "test" if entry.kind in ("test", "reflex") else "finding"
        for p in entry.phrases:
            rules.append(TargetRule(p.text, target_label(role, fid, p.value), pattern=list(p.pattern)))
        for p in entry.topics:
            rules.append(TargetRule(p.text, target_label("topic", fid), pattern=list(p.pattern)))
    side_spec = {"LOWER": {"IN": sorted({w for ws in lex.side_words.values() for w in ws})}, "OP": "?"}
    for rid, phrases in lex.regions.items():
        for p in phrases:
            rules.append(
                TargetRule(
                    p.text,
                    target_label("region", "" if rid == "_none" else rid),
                    pattern=_with_sides(p.pattern, side_spec),
                )
            )
    for kind, (_lst, phrases) in lex.region_kinds.items():
        for p in phrases:
            rules.append(TargetRule(p.text, target_label("region_word", kind), pattern=list(p.pattern)))
    return rules


def _context_rules(lex: Lexicon):
    from medspacy.context import ConTextRule

    rules = []
    for g in lex.context_groups:
        for p in g.phrases:
            kwargs = {}
            if g.max_scope:
                kwargs["max_scope"] = g.max_scope
            rules.append(
                ConTextRule(p.text, g.category, pattern=list(p.pattern), direction=g.direction, **kwargs)
            )
    return rules


def build_pipeline(lex: Lexicon | None = None) -> Language:
    """A fresh pipeline for `lex` (default: the packaged lexicon)."""
    lex = lex or default_lexicon()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import medspacy  # noqa: F401  (registers the medspacy_* factories)
    nlp = spacy.blank("en")
    # spaCy's default sentence-final characters, plus line breaks (a new line in a note ends a sentence).
    punct = [*Sentencizer.default_punct_chars, "\n", "\n\n"]
    nlp.add_pipe("sentencizer", config={"punct_chars": punct})
    matcher = nlp.add_pipe(
        "medspacy_target_matcher",
        config={"result_type": "group", "span_group_name": SPAN_GROUP, "prune": False},
    )
    matcher.add(_target_rules(lex))
    context = nlp.add_pipe(
        "medspacy_context",
        config={
            "rules": None,
            "input_span_type": "group",
            "span_group_name": SPAN_GROUP,
            "prune_on_modifier_overlap": False,
        },
    )
    context.add(_context_rules(lex))
    return nlp


def build_value_matcher(nlp: Language, lex: Lexicon) -> Matcher:
    """Matcher for test/reflex value words; match ids are 'kind:value'."""
    m = Matcher(nlp.vocab)
    for kind, values in lex.value_words.items():
        for val, phrases in values.items():
            m.add(f"{kind}:{val}", [list(p.pattern) for p in phrases])
    return m


@lru_cache(maxsize=1)
def default_pipeline() -> tuple[Language, Matcher]:
    lex = default_lexicon()
    nlp = build_pipeline(lex)
    return nlp, build_value_matcher(nlp, lex)
