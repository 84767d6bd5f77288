"""Build the medspaCy pipeline from the project's data.

blank English tokenizer -> spaCy sentencizer (line breaks end sentences too) -> target finder (every
lexicon phrase, overlapping matches kept in a span group) -> medspaCy ConText (our rules only).

The target finder replaces medspaCy's TargetMatcher for speed: every phrase that lists as a finite
set of plain token sequences (words, alternatives, expanded prefixes, optional words; see
lexicon.expand_pattern) goes to spaCy's PhraseMatcher on LOWER, a hash lookup per token; only the
phrases with gaps (``~``) or ``#num`` stay with spaCy's token Matcher, which tries every pattern at
every token (that was about 70% of the reading time). ConText rules are given to medspaCy the same
way: plain ones as literals (its PhraseMatcher), the rest as token patterns.

spaCy's rule-based sentencizer is used instead of PyRuSH: it measured about 6x faster here and
patient text is short, plainly punctuated sentences.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from hamstring_dx.text.lexicon import Lexicon, default_lexicon, expand_pattern

SPAN_GROUP = "hamstring_dx_targets"
END_OF = "END_OF_"  # category prefix of a TERMINATE cue that ends one context category only


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


class GapMatcher:
    """Token patterns with gaps, matched from an index on their first word.

    Handles what compile_phrase produces: word sets ({"LOWER": w} or {"LOWER": {"IN": [...]}}, optionally
    "OP": "?"), gaps ({"LOWER": {"NOT_IN": [...]}, "OP": "{0,n}"}) and {"LIKE_NUM": True}. Returns every
    (label, start, end) that spaCy's Matcher would return for these patterns, but only tries a pattern
    where its first word occurs instead of at every token. Words are compared as the vocabulary's
    hashes of their lower-case forms (read for the whole doc at once with ``Doc.to_array``).
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.by_first: dict[int, list[tuple[int, tuple]]] = {}
        self.num_first: list[tuple[int, tuple]] = []

    def _step(self, spec: dict) -> tuple:
        lower, op = spec.get("LOWER"), spec.get("OP")
        if spec.get("LIKE_NUM"):
            return ("num", None, 1, 1)
        if isinstance(lower, dict) and "NOT_IN" in lower:
            n = int(op.strip("{}").split(",")[1])
            return ("gap", frozenset(self.vocab.strings.add(w) for w in lower["NOT_IN"]), 0, n)
        words = frozenset(self.vocab.strings.add(w) for w in ([lower] if isinstance(lower, str) else lower["IN"]))
        return ("word", words, 0 if op == "?" else 1, 1)

    def add(self, label: str, patterns: list[list[dict]]) -> None:
        key = self.vocab.strings.add(label)
        for pattern in patterns:
            steps = tuple(self._step(spec) for spec in pattern)
            kind, words, low, _high = steps[0]
            if kind == "word" and low == 1:
                for w in words:
                    self.by_first.setdefault(w, []).append((key, steps[1:]))
            elif kind == "num":
                self.num_first.append((key, steps[1:]))
            else:  # a pattern starting with an optional word: index both readings
                self.add(label, [pattern[1:]])
                self.add(label, [[{k: v for k, v in pattern[0].items() if k != "OP"}, *pattern[1:]]])

    def _ends(self, lowers, nums, steps, i, out) -> None:
        if not steps:
            out.add(i)
            return
        kind, words, low, high = steps[0]
        rest = steps[1:]
        n = len(lowers)
        if kind == "word":
            if low == 0:
                self._ends(lowers, nums, rest, i, out)
            if i < n and lowers[i] in words:
                self._ends(lowers, nums, rest, i + 1, out)
        elif kind == "num":
            if i < n and nums[i]:
                self._ends(lowers, nums, rest, i + 1, out)
        else:
            j = i
            while True:
                self._ends(lowers, nums, rest, j, out)
                if j - i >= high or j >= n or lowers[j] in words:
                    break
                j += 1

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        lowers = doc.to_array("LOWER").tolist()
        nums = doc.to_array("LIKE_NUM").tolist() if self.num_first else []
        matches = []
        for i, w in enumerate(lowers):
            cands = self.by_first.get(w, [])
            if self.num_first and nums[i]:
                cands = cands + self.num_first
            for key, steps in cands:
                ends: set[int] = set()
                self._ends(lowers, nums, steps, i + 1, ends)
                matches.extend((key, i, e) for e in ends)
        return matches


PHRASE_VARIANTS = 256


class TargetFinder:
    """Finds every lexicon target in a doc and stores them, overlaps included, in the span group.

    Labels are the span labels of :func:`target_label`. Plain phrases: spaCy's PhraseMatcher (attr
    LOWER); phrases with gaps or numbers: :class:`GapMatcher`. Matches are de-duplicated per
    (label, start, end).
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.matcher = GapMatcher(vocab)
        self.n_phrase_patterns = 0
        self.n_token_patterns = 0

    def add(self, label: str, patterns: list[list[dict]]) -> None:
        docs: list[Doc] = []
        token_patterns: list[list[dict]] = []
        for pattern in patterns:
            # a pattern that lists as a few plain sequences goes to the PhraseMatcher; one that lists as
            # thousands (word classes of numbers, "PVR 450 ml") is cheaper as token sets in GapMatcher
            variants = expand_pattern(pattern, limit=PHRASE_VARIANTS)
            if variants is None:
                token_patterns.append(list(pattern))
            else:
                docs.extend(Doc(self.vocab, words=list(v)) for v in variants)
        if docs:
            self.phrase_matcher.add(label, docs)
            self.n_phrase_patterns += len(docs)
        if token_patterns:
            self.matcher.add(label, token_patterns)
            self.n_token_patterns += len(token_patterns)

    def __call__(self, doc: Doc) -> Doc:
        seen: set[tuple[int, int, int]] = set()
        spans = []
        for match in [*self.phrase_matcher(doc), *self.matcher(doc)]:
            if match not in seen and match[2] > match[1]:
                seen.add(match)
                spans.append(Span(doc, match[1], match[2], label=match[0]))
        spans.sort(key=lambda sp: (sp.start, sp.end))
        doc.spans[SPAN_GROUP] = spans
        return doc


_ANSWERS = frozenset({"no", "nil", "none", "neg", "negative", "nope", "denies", "denied", "yes", "yep", "y", "n"})


@Language.component("hamstring_dx_query_marks")
def _query_marks(doc: Doc) -> Doc:
    """A question mark written onto a word in a note ("?DVT", "ED: ?IVDU") queries that word: it does not
    end a sentence, and it opens one when it follows a sentence end or a colon. A one-word answer after a
    question mark ("Fever? no.") stays in the question's sentence (context_rules.yaml reads "? no")."""
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if tok.text == "?" and nxt.lower_ in _ANSWERS and (i + 2 == len(doc) or not doc[i + 2].is_alpha):
            nxt.is_sent_start = False  # "Fever? no." is one statement: the answer stays with its question
            continue
        if tok.text == "?" and not tok.whitespace_ and nxt.is_alpha:
            nxt.is_sent_start = False
            if i > 0 and (doc[i - 1].text in (".", ":", ";", "-", ",", "!") or doc[i - 1].is_space):
                tok.is_sent_start = doc[i - 1].text not in (",", "-")
    return doc


@Language.factory("hamstring_dx_targets")
def _make_target_finder(nlp: Language, name: str) -> TargetFinder:
    return TargetFinder(nlp.vocab)


def _target_patterns(lex: Lexicon) -> dict[str, list[list[dict]]]:
    """label -> token patterns for every finding, topic, screen, region and region-word phrase."""
    out: dict[str, list[list[dict]]] = {}
    for fid, entry in lex.findings.items():
        role = "test" if entry.kind in ("test", "reflex") else "finding"
        for p in entry.phrases:
            out.setdefault(target_label(role, fid, p.value), []).append(list(p.pattern))
        for p in entry.topics:
            out.setdefault(target_label("topic", fid), []).append(list(p.pattern))
        for p in entry.screen:
            out.setdefault(target_label("screen", fid), []).append(list(p.pattern))
        for p in entry.blocked_by:
            out.setdefault(target_label("block", fid), []).append(list(p.pattern))
    for mid, phrases in lex.movements.items():
        for p in phrases:
            out.setdefault(target_label("movement", mid), []).append(list(p.pattern))
    for val, phrases in lex.movement_values.items():
        for p in phrases:
            out.setdefault(target_label("movement_value", val), []).append(list(p.pattern))
    for p in lex.proxy:
        out.setdefault(target_label("proxy"), []).append(list(p.pattern))
    for p in lex.writer:
        out.setdefault(target_label("writer"), []).append(list(p.pattern))
    for p in lex.recovered:
        out.setdefault(target_label("recovered"), []).append(list(p.pattern))
    side_spec = {"LOWER": {"IN": sorted({w for ws in lex.side_words.values() for w in ws})}, "OP": "?"}
    for rid, phrases in lex.regions.items():
        label = target_label("region", "" if rid == "_none" else rid)
        for p in phrases:
            out.setdefault(label, []).append(_with_sides(p.pattern, side_spec))
    for kind, (_lst, phrases) in lex.region_kinds.items():
        for p in phrases:
            out.setdefault(target_label("region_word", kind), []).append(list(p.pattern))
    return out


def _context_rules(lex: Lexicon, tokenizer):
    """medspaCy ConText rules: plain phrases as literals (PhraseMatcher), others as token patterns."""
    from medspacy.context import ConTextRule

    rules = []
    for g in lex.context_groups:
        kwargs = {"direction": g.direction}
        category = g.category
        if g.direction == "TERMINATE" and g.category != "TERMINATE":
            # medspaCy would end every scope at it: kept as a marker the reader applies to one category
            category, kwargs = f"{END_OF}{g.category}", {"direction": "PSEUDO"}
        if g.max_scope:
            kwargs["max_scope"] = g.max_scope
        for p in g.phrases:
            variants = expand_pattern(p.pattern, limit=500)
            literals = []
            for v in variants or []:
                text = " ".join(v)
                if [t.lower_ for t in tokenizer(text)] != list(v):
                    literals = []  # a variant the tokenizer would split differently: keep the pattern
                    break
                literals.append(text)
            if literals:
                rules.extend(ConTextRule(text, category, **kwargs) for text in literals)
            else:
                rules.append(ConTextRule(p.text, category, pattern=list(p.pattern), **kwargs))
    return rules


def build_pipeline(lex: Lexicon | None = None) -> Language:
    """A fresh pipeline for `lex` (default: the packaged lexicon)."""
    lex = lex or default_lexicon()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import medspacy  # noqa: F401  (registers the medspacy_* factories)
    nlp = spacy.blank("en")
    # an age written as one word ("13yo", "52yo", "16y/o") is split into the number and its unit, as
    # spaCy already does for "5kg" or "100m"
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[0-9])(?:yo|y/o|yrs|yr)$"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # spaCy's default sentence-final characters, plus line breaks (a new line in a note ends a sentence).
    punct = [*Sentencizer.default_punct_chars, "\n", "\n\n"]
    nlp.add_pipe("sentencizer", config={"punct_chars": punct})
    nlp.add_pipe("hamstring_dx_query_marks")
    finder = nlp.add_pipe("hamstring_dx_targets")
    for label, patterns in _target_patterns(lex).items():
        finder.add(label, patterns)
    context = nlp.add_pipe(
        "medspacy_context",
        config={
            "rules": None,
            "input_span_type": "group",
            "span_group_name": SPAN_GROUP,
            "prune_on_modifier_overlap": False,
        },
    )
    context.add(_context_rules(lex, nlp.tokenizer))
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
