"""Load and validate the text lexicon and the ConText rules (data in knowledge/data/nlp/).

Every problem is collected and raised together as one :class:`KnowledgeBaseError` whose lines
name the file and the entry (``lexicon.yaml: findings.worse_sitting.phrases[3]: ...``).

The phrase syntax (documented at the top of lexicon.yaml) compiles to spaCy Matcher token
patterns with :func:`compile_phrase`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hamstring_dx.errors import KnowledgeBaseError

DATA_PACKAGE = "hamstring_dx.knowledge.data"
FINDING_KINDS = ("boolean", "test", "reflex", "number")
CONTEXT_CATEGORIES = ("NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY")
DIRECTIONS = ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO")
DEFAULT_GAP = 3

# Contractions: the tokenizer splits "can't" into "ca" + "n't"; patients also type "cant".
_TOKEN_VARIANTS = {
    "ca": ["ca", "can"],
    "n't": ["n't", "nt", "not"],
    "wo": ["wo", "will"],
    "'ve": ["'ve", "ve", "have"],
    "'m": ["'m", "m", "am"],
    "'s": ["'s", "s", "is"],
    "'re": ["'re", "re", "are"],
    "'d": ["'d", "d", "would"],
    "'ll": ["'ll", "ll", "will"],
}


@dataclass(frozen=True)
class Phrase:
    text: str
    pattern: tuple[dict[str, Any], ...]
    value: str | None = None  # "absent" for wordings that state absence


@dataclass(frozen=True)
class FindingEntry:
    finding: str
    kind: str
    phrases: tuple[Phrase, ...]
    topics: tuple[Phrase, ...] = ()
    screen: tuple[Phrase, ...] = ()  # words that put a red flag on the table, to be confirmed
    blocked_by: tuple[Phrase, ...] = ()  # wordings in which this finding's words mean something else
    yields_to: tuple[str, ...] = ()  # findings that, read present in the same sentence, take its place


@dataclass(frozen=True)
class ContextGroup:
    name: str
    category: str
    direction: str
    phrases: tuple[Phrase, ...]
    max_scope: int | None = None
    allowed_types: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DerivedSpec:
    """A finding read from regions of a region list (`derived:` in lexicon.yaml)."""

    source: str  # the region-list finding
    regions: tuple[str, ...]
    absent_region: bool = True  # a negated region is read as such, not only as the derived finding
    implies_region: bool = False  # the finding read from its own words also reads its (single) region


@dataclass(frozen=True)
class Lexicon:
    findings: dict[str, FindingEntry]
    regions: dict[str, tuple[Phrase, ...]]  # "_none" blocks
    region_kinds: dict[str, tuple[str, tuple[Phrase, ...]]]  # kind -> (list finding, phrases)
    derived: dict[str, DerivedSpec]
    value_words: dict[str, dict[str, tuple[Phrase, ...]]]  # test|reflex -> value -> phrases
    value_window: int
    red_flags: frozenset[str]
    past_inclusive: frozenset[str]
    gap_stop_words: tuple[str, ...]
    context_groups: tuple[ContextGroup, ...] = field(default=())
    finding_types: dict[str, str] = field(default_factory=dict)  # from the vocabulary
    side_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # left|right|both -> words
    not_side: tuple[str, ...] = ()  # wordings in which a side word is not a side ("right now")
    dated_events: frozenset[str] = frozenset()  # their sentence's duration is not the complaint's
    episode_events: frozenset[str] = frozenset()  # a bare day word in their clause dates that episode only
    recovered: tuple[Phrase, ...] = ()  # "but it went away": what came before in the sentence is over
    generic_kinds: frozenset[str] = frozenset()  # kinds used only when no other kind word is in the sentence
    # movement id -> phrases ("EHL", "ankle DF"); list finding; value words ("4/5" weak, "5/5" normal)
    movements: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    movement_list: str = ""
    movement_values: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    movement_window: int = 4
    anaphora: frozenset[str] = frozenset()  # sentence openers that refer back ("it's deep in my buttock")
    fragment_words: frozenset[str] = frozenset()  # words a region-only fragment may hold ("and into the")
    proxy: tuple[Phrase, ...] = ()  # "writing for my dad", "my son is 12": the text is about that person
    proxy_persons: frozenset[str] = frozenset()  # the words that name that person (dad, son, ...)
    # a proxy account with no proxy wording: see `proxy.account` in lexicon.yaml
    writer: tuple[Phrase, ...] = ()  # what the writer says as the writer ("I'm worried", "my husband")
    first_person: frozenset[str] = frozenset()  # any other of these words: the writer tells of themself
    not_patients: frozenset[str] = frozenset()  # relatives who are never the patient of an account


class PhraseError(ValueError):
    pass


def _split_tokens(word: str) -> list[str]:
    """Split a word with an apostrophe as spaCy's English tokenizer would."""
    return [t.text.lower() for t in _tokenizer()(word)]


@lru_cache(maxsize=1)
def _tokenizer():
    from spacy.lang.en import English

    return English().tokenizer


# "pre*" is expanded to the word forms English builds from a stem (a set lookup per token is many
# times faster in spaCy's Matcher than a regular expression per token).
_SUFFIXES = (
    "",
    "s",
    "es",
    "e",
    "ed",
    "d",
    "ing",
    "in",
    "er",
    "ers",
    "est",
    "y",
    "ey",
    "ie",
    "ies",
    "ness",
    "nes",
    "ly",
    "ful",
    "ings",
    "ish",
    "ic",
    "ical",
    "al",
    "ous",
    "ation",
    "ations",
    "ment",
    "ments",
    "ey",
    "iness",
    "le",
    "les",
    "ling",
    "led",
    "ity",
    "ia",
    "ic",
    "a",
    "ae",
    "is",
    "ed",
    "able",
    "ive",
)
_DOUBLED = ("ing", "ed", "er", "ers", "y", "in", "ie", "ies")


def expand_prefix(stem: str) -> list[str]:
    forms = {stem + suf for suf in _SUFFIXES}
    if stem and stem[-1] not in "aeiouy":
        forms |= {stem + stem[-1] + suf for suf in _DOUBLED}
    if stem.endswith("e"):
        forms |= {stem[:-1] + suf for suf in ("ing", "in", "y", "ies", "ied")}
    return sorted(forms)


def _alternatives_spec(alts: list[str]) -> dict[str, Any]:
    expanded: list[str] = []
    for a in alts:
        if a.endswith("*"):
            expanded.extend(expand_prefix(a[:-1]))
            continue
        if "*" in a:
            raise PhraseError(f"'*' is only allowed at the end of a word: {a!r}")
        expanded.extend(_TOKEN_VARIANTS.get(a, [a]))
    if len(expanded) == 1:
        return {"LOWER": expanded[0]}
    return {"LOWER": {"IN": sorted(set(expanded))}}


_PUNCT_WORDS = {"#lpar": "(", "#rpar": ")"}
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")
MAX_GROUP_EXPANSIONS = 1000


def expand_groups(text: str) -> list[str]:
    """Expand "(a b|c)" groups (alternatives of several words; "(...)?" = optional) into phrases.

    "(came on|started) suddenly" -> ["came on suddenly", "started suddenly"]. Groups do not nest.
    """
    if not isinstance(text, str):
        raise PhraseError("a phrase must be a non-empty string")
    m = _GROUP.search(text)
    if m is None:
        if "(" in text or ")" in text:
            raise PhraseError("unbalanced or nested parentheses")
        return [" ".join(text.split())]
    alts = [a.strip() for a in m.group(1).split("|")]
    if any(not a for a in alts):
        raise PhraseError(f"empty alternative in group {m.group(0)!r}")
    if all(len(a.split()) == 1 and "'" not in a for a in alts):
        # one-word alternatives stay one token position ("(a|b)" = "a|b"): no expansion needed
        token = "|".join(alts) + ("?" if m.group(2) else "")
        return expand_groups(text[: m.start()] + " " + token + " " + text[m.end() :])
    if m.group(2):
        alts.append("")
    out: list[str] = []
    for a in alts:
        for rest in expand_groups(text[: m.start()] + " " + a + " " + text[m.end() :]):
            out.append(" ".join(rest.split()))
            if len(out) > MAX_GROUP_EXPANSIONS:
                raise PhraseError(f"groups expand to more than {MAX_GROUP_EXPANSIONS} phrases")
    return out


def compile_phrase(text: str, gap_stop_words: tuple[str, ...] = ()) -> tuple[dict[str, Any], ...]:
    """Compile one phrase of the lexicon syntax into a spaCy Matcher pattern."""
    if not isinstance(text, str) or not text.strip():
        raise PhraseError("a phrase must be a non-empty string")
    pattern: list[dict[str, Any]] = []
    for raw in text.lower().split():
        if re.fullmatch(r"~\d*", raw):
            n = int(raw[1:]) if len(raw) > 1 else DEFAULT_GAP
            if not 1 <= n <= 10:
                raise PhraseError(f"gap {raw!r} must be ~1..~10")
            if not pattern:
                raise PhraseError("a phrase cannot start with a gap")
            pattern.append({"LOWER": {"NOT_IN": list(gap_stop_words)}, "OP": f"{{0,{n}}}"})
            continue
        if raw == "#num":
            pattern.append({"LIKE_NUM": True})
            continue
        if raw in _PUNCT_WORDS:  # "(" and ")" are group syntax, so a phrase names them by word
            pattern.append({"LOWER": _PUNCT_WORDS[raw]})
            continue
        optional = len(raw) > 1 and raw.endswith("?")
        word = raw[:-1] if optional else raw
        alts = [a for a in word.split("|")]
        if any(not a for a in alts):
            raise PhraseError(f"empty alternative in {raw!r}")
        if len(alts) == 1 and "'" in word and "*" not in word:
            subs = _split_tokens(word)
            specs = [_alternatives_spec([s]) for s in subs]
            if optional:
                specs = [{**s, "OP": "?"} for s in specs]
            # "cannot" is one word for people but two tokens ("can", "not") for spaCy: covered by variants.
            pattern.extend(specs)
            continue
        for a in alts:
            if "'" in a and len(_split_tokens(a)) != 1:
                raise PhraseError(f"alternative {a!r} splits into several tokens; write it as its own phrase")
        spec = _alternatives_spec(alts)
        if optional:
            spec["OP"] = "?"
        pattern.append(spec)
    if pattern and pattern[-1].get("OP", "").startswith("{"):
        raise PhraseError("a phrase cannot end with a gap")
    if all(p.get("OP") for p in pattern):
        raise PhraseError("a phrase needs at least one required token")
    return tuple(pattern)


MAX_VARIANTS = 20_000


def expand_pattern(
    pattern: tuple[dict[str, Any], ...] | list[dict[str, Any]], limit: int = MAX_VARIANTS
) -> list[tuple[str, ...]] | None:
    """The plain token sequences a compiled pattern matches, or None when it cannot be listed.

    Patterns made only of words, alternatives, expanded prefixes and optional words match a finite
    set of lower-case token sequences: those go to spaCy's PhraseMatcher (a hash lookup per token
    instead of spaCy's Matcher trying every pattern at every token). Gaps (``~``), ``#num`` and
    patterns with more than `limit` sequences return None and stay with the token Matcher.
    """
    seqs: list[tuple[str, ...]] = [()]
    for spec in pattern:
        lower = spec.get("LOWER")
        if lower is None or set(spec) - {"LOWER", "OP"}:
            return None
        op = spec.get("OP")
        if op not in (None, "?"):
            return None
        if isinstance(lower, str):
            words = [lower]
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            words = list(lower["IN"])
        else:
            return None
        nxt = [(*s, w) for s in seqs for w in words]
        if op == "?":
            nxt += seqs
        if len(nxt) > limit:
            return None
        seqs = nxt
    return sorted({s for s in seqs if s})


def _data_path(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def _load_yaml(path: Path, issues: list[str]) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        issues.append(f"{path.name}: file not found ({path})")
    except yaml.YAMLError as exc:
        issues.append(f"{path.name}: not valid YAML: {exc}")
    return None


def _vocabulary(issues: list[str], path: Path | None = None) -> tuple[dict[str, str], set[str], set[str]]:
    vocab = _load_yaml(path or _data_path("vocabulary.yaml"), issues) or {}
    types = {k: (v or {}).get("type", "boolean") for k, v in (vocab.get("findings") or {}).items()}
    return types, set((vocab.get("regions") or {}).keys()), set((vocab.get("movements") or {}).keys())


_CLASS_REF = re.compile(r"@([a-z_]+)(\?)?")
_CLASS_NAME = re.compile(r"[a-z_]+")


def substitute_classes(text: str, classes: dict[str, tuple[str, ...]]) -> str:
    """Replace each ``@name`` (``@name?``: optional) by the alternatives of the word class `name`.

    One-word classes become one token position (``a|b|c``); classes with several-word alternatives
    become a group (``(a b|c)``), which cannot sit inside another group.
    """
    if not isinstance(text, str) or "@" not in text:
        return text

    def repl(m: re.Match) -> str:
        name, optional = m.group(1), m.group(2) or ""
        if name not in classes:
            raise PhraseError(f"unknown word class @{name}")
        alts = classes[name]
        if all(len(a.split()) == 1 and "'" not in a for a in alts):
            return "|".join(alts) + optional
        return "(" + "|".join(alts) + ")" + optional

    return _CLASS_REF.sub(repl, text)


def _word_classes(raw: Any, where: str, issues: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    if raw is None:
        return out
    if not isinstance(raw, dict):
        issues.append(f"{where}: must be a mapping of class name -> list of alternatives")
        return out
    for name, alts in raw.items():
        if not isinstance(name, str) or not _CLASS_NAME.fullmatch(name):
            issues.append(f"{where}.{name}: a class name is lower-case letters and '_'")
            continue
        if not isinstance(alts, list) or not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            issues.append(f"{where}.{name}: must be a non-empty list of words or phrases")
            continue
        bad = [a for a in alts if any(c in a for c in "()|~@#")]
        if bad:
            issues.append(f"{where}.{name}: alternatives are plain words or phrases, got {bad}")
            continue
        out[name] = tuple(" ".join(a.lower().split()) for a in alts)
    return out


def _phrases(
    items: Any,
    where: str,
    gaps: tuple[str, ...],
    issues: list[str],
    allow_value: bool,
    classes: dict[str, tuple[str, ...]] | None = None,
) -> list[Phrase]:
    out: list[Phrase] = []
    if not isinstance(items, list):
        issues.append(f"{where}: must be a list of phrases")
        return out
    for i, item in enumerate(items):
        value = None
        text = item
        if isinstance(item, dict):
            extra = set(item) - {"phrase", "value"}
            if extra or not allow_value:
                issues.append(f"{where}[{i}]: unknown keys {sorted(extra or item)}")
                continue
            text, value = item.get("phrase"), item.get("value")
            if value not in (None, "absent", "positive"):
                issues.append(f"{where}[{i}]: value must be 'absent' or 'positive' (got {value!r})")
                continue
        try:
            for variant in expand_groups(substitute_classes(text, classes or {})):
                out.append(Phrase(text=variant, pattern=compile_phrase(variant, gaps), value=value))
        except PhraseError as exc:
            issues.append(f"{where}[{i}] {text!r}: {exc}")
    return out


def _check_keys(obj: Any, allowed: set[str], where: str, issues: list[str]) -> dict:
    if not isinstance(obj, dict):
        issues.append(f"{where}: must be a mapping")
        return {}
    extra = set(obj) - allowed
    if extra:
        issues.append(f"{where}: unknown keys {sorted(extra)}")
    return obj


def load_lexicon(
    lexicon_path: Path | None = None,
    rules_path: Path | None = None,
    vocabulary_path: Path | None = None,
) -> Lexicon:
    """Load lexicon.yaml and context_rules.yaml; raise KnowledgeBaseError listing every issue."""
    issues: list[str] = []
    lp = Path(lexicon_path) if lexicon_path else _data_path("nlp/lexicon.yaml")
    rp = Path(rules_path) if rules_path else _data_path("nlp/context_rules.yaml")
    ftypes, region_ids, movement_ids = _vocabulary(issues, vocabulary_path)
    ln = lp.name
    raw = _check_keys(
        _load_yaml(lp, issues) or {},
        {
            "version",
            "gap_stop_words",
            "red_flags",
            "past_inclusive",
            "region_kinds",
            "regions",
            "derived",
            "value_words",
            "findings",
            "side_words",
            "dated_events",
            "episode_events",
            "recovered",
            "word_classes",
            "proxy",
            "movements",
            "anaphora",
            "fragment_words",
        },
        ln,
        issues,
    )
    gaps = tuple(str(g).lower() for g in raw.get("gap_stop_words") or [])
    classes = _word_classes(raw.get("word_classes"), f"{ln}: word_classes", issues)

    def known_finding(fid: Any, where: str) -> bool:
        if fid not in ftypes:
            issues.append(f"{where}: unknown finding id {fid!r} (not in the vocabulary)")
            return False
        return True

    red = [f for i, f in enumerate(raw.get("red_flags") or []) if known_finding(f, f"{ln}: red_flags[{i}]")]
    past = [
        f
        for i, f in enumerate(raw.get("past_inclusive") or [])
        if known_finding(f, f"{ln}: past_inclusive[{i}]")
    ]
    episodes = [
        f
        for i, f in enumerate(raw.get("episode_events") or [])
        if known_finding(f, f"{ln}: episode_events[{i}]")
    ]
    dated = [
        f
        for i, f in enumerate(raw.get("dated_events") or [])
        if known_finding(f, f"{ln}: dated_events[{i}]")
    ]

    regions: dict[str, tuple[Phrase, ...]] = {}
    for rid, items in (
        _check_keys(raw.get("regions") or {}, set(region_ids) | {"_none"}, f"{ln}: regions", issues)
    ).items():
        if rid not in region_ids and rid != "_none":
            issues.append(f"{ln}: regions.{rid}: unknown region id")
            continue
        regions[rid] = tuple(_phrases(items, f"{ln}: regions.{rid}", gaps, issues, False, classes))

    kinds: dict[str, tuple[str, tuple[Phrase, ...]]] = {}
    generic: set[str] = set()
    for kind, spec in (raw.get("region_kinds") or {}).items():
        where = f"{ln}: region_kinds.{kind}"
        spec = _check_keys(spec, {"list", "phrases", "generic"}, where, issues)
        if spec.get("generic"):
            generic.add(kind)
        lst = spec.get("list")
        if lst == "_none":
            pass  # words that keep a region from being read ("swollen", "bruised")
        elif known_finding(lst, f"{where}.list") and ftypes.get(lst) != "region_list":
            issues.append(f"{where}.list: {lst!r} is not a region_list finding")
        phrases = _phrases(spec.get("phrases"), f"{where}.phrases", gaps, issues, False, classes)
        kinds[kind] = (lst, tuple(phrases))

    derived: dict[str, DerivedSpec] = {}
    for fid, spec in (raw.get("derived") or {}).items():
        where = f"{ln}: derived.{fid}"
        spec = _check_keys(spec, {"from", "regions", "absent_region", "implies_region"}, where, issues)
        known_finding(fid, where)
        bad = [r for r in spec.get("regions") or [] if r not in region_ids]
        if bad:
            issues.append(f"{where}.regions: unknown region ids {bad}")
        for flag in ("absent_region", "implies_region"):
            if flag in spec and not isinstance(spec[flag], bool):
                issues.append(f"{where}.{flag}: must be true or false")
        if spec.get("implies_region") and len(spec.get("regions") or ()) != 1:
            issues.append(f"{where}.implies_region: needs exactly one region")
        derived[fid] = DerivedSpec(
            spec.get("from"),
            tuple(spec.get("regions") or ()),
            bool(spec.get("absent_region", True)),
            bool(spec.get("implies_region", False)),
        )

    vw_raw = _check_keys(
        raw.get("value_words") or {}, {"window", "test", "reflex"}, f"{ln}: value_words", issues
    )
    value_words: dict[str, dict[str, tuple[Phrase, ...]]] = {}
    allowed_values = {"test": {"positive", "negative"}, "reflex": {"normal", "reduced", "absent"}}
    for kind in ("test", "reflex"):
        value_words[kind] = {}
        for val, items in (vw_raw.get(kind) or {}).items():
            if val not in allowed_values[kind]:
                issues.append(
                    f"{ln}: value_words.{kind}.{val}: not a {kind} value {sorted(allowed_values[kind])}"
                )
                continue
            value_words[kind][val] = tuple(
                _phrases(items, f"{ln}: value_words.{kind}.{val}", gaps, issues, False, classes)
            )

    findings: dict[str, FindingEntry] = {}
    for fid, spec in (raw.get("findings") or {}).items():
        where = f"{ln}: findings.{fid}"
        if not known_finding(fid, where):
            continue
        spec = _check_keys(spec, {"phrases", "topics", "screen", "blocked_by", "kind", "yields_to"}, where, issues)
        kind = spec.get("kind", "boolean")
        if kind not in FINDING_KINDS:
            issues.append(f"{where}.kind: {kind!r} is not one of {FINDING_KINDS}")
            continue
        vtype = ftypes[fid]
        expected = {"boolean": "boolean", "test": "test", "reflex": "reflex", "number": "number"}[kind]
        if vtype != expected:
            issues.append(f"{where}.kind: {kind!r} does not match the vocabulary type {vtype!r}")
        stated = [x.get("value") for x in spec.get("phrases") or [] if isinstance(x, dict)]
        if kind != "test" and "positive" in stated:
            issues.append(f"{where}.phrases: value 'positive' is only for tests")
        findings[fid] = FindingEntry(
            finding=fid,
            kind=kind,
            phrases=tuple(_phrases(spec.get("phrases", []), f"{where}.phrases", gaps, issues, True, classes)),
            topics=tuple(_phrases(spec.get("topics", []), f"{where}.topics", gaps, issues, False, classes)),
            screen=tuple(_phrases(spec.get("screen", []), f"{where}.screen", gaps, issues, False, classes)),
            blocked_by=tuple(
                _phrases(spec.get("blocked_by", []), f"{where}.blocked_by", gaps, issues, False, classes)
            ),
            yields_to=tuple(
                f for i, f in enumerate(spec.get("yields_to") or []) if known_finding(f, f"{where}.yields_to[{i}]")
            ),
        )

    sides_raw = _check_keys(
        raw.get("side_words") or {}, {"left", "right", "both", "not_side"}, f"{ln}: side_words", issues
    )
    side_words = {k: tuple(str(w).lower() for w in v or []) for k, v in sides_raw.items()}
    not_side = side_words.pop("not_side", ())

    proxy_raw = _check_keys(raw.get("proxy") or {}, {"phrases", "persons", "account"}, f"{ln}: proxy", issues)
    proxy = _phrases(proxy_raw.get("phrases") or [], f"{ln}: proxy.phrases", gaps, issues, False, classes)
    persons_class = proxy_raw.get("persons")
    if proxy_raw and persons_class not in classes:
        issues.append(f"{ln}: proxy.persons: {persons_class!r} is not a word class")
    persons = frozenset(w for w in classes.get(persons_class, ()) if " " not in w)
    account = _check_keys(
        proxy_raw.get("account") or {}, {"writer_phrases", "first_person", "not_patients"}, f"{ln}: proxy.account",
        issues,
    )
    writer = _phrases(account.get("writer_phrases") or [], f"{ln}: proxy.account.writer_phrases", gaps, issues,
                      False, classes)
    first_person = frozenset(str(w).lower() for w in account.get("first_person") or [])
    not_patients = frozenset(str(w).lower() for w in account.get("not_patients") or [])
    bad = sorted(not_patients - persons)
    if bad:
        issues.append(f"{ln}: proxy.account.not_patients: {bad} are not words of the persons class")

    mv_raw = _check_keys(
        raw.get("movements") or {}, {"list", "window", "items", "weak", "normal"}, f"{ln}: movements", issues
    )
    movements: dict[str, tuple[Phrase, ...]] = {}
    mv_values: dict[str, tuple[Phrase, ...]] = {}
    mv_list = mv_raw.get("list", "")
    if mv_raw:
        if known_finding(mv_list, f"{ln}: movements.list") and ftypes.get(mv_list) != "movement_list":
            issues.append(f"{ln}: movements.list: {mv_list!r} is not a movement_list finding")
        for mid, items in (mv_raw.get("items") or {}).items():
            if mid not in movement_ids:
                issues.append(f"{ln}: movements.items.{mid}: unknown movement id")
                continue
            movements[mid] = tuple(_phrases(items, f"{ln}: movements.items.{mid}", gaps, issues, False, classes))
        for val in ("weak", "normal"):
            mv_values[val] = tuple(
                _phrases(mv_raw.get(val) or [], f"{ln}: movements.{val}", gaps, issues, False, classes)
            )

    groups = _load_rules(rp, gaps, issues, classes)
    if issues:
        raise KnowledgeBaseError(issues)
    return Lexicon(
        findings=findings,
        regions=regions,
        region_kinds=kinds,
        generic_kinds=frozenset(generic),
        movements=movements,
        movement_list=mv_list,
        movement_values=mv_values,
        movement_window=int(mv_raw.get("window", 4)),
        anaphora=frozenset(str(w).lower() for w in raw.get("anaphora") or []),
        fragment_words=frozenset(str(w).lower() for w in raw.get("fragment_words") or []),
        proxy=tuple(proxy),
        proxy_persons=persons,
        writer=tuple(writer),
        first_person=first_person,
        not_patients=not_patients,
        derived=derived,
        value_words=value_words,
        value_window=int(vw_raw.get("window", 5)),
        red_flags=frozenset(red),
        past_inclusive=frozenset(past),
        dated_events=frozenset(dated),
        episode_events=frozenset(episodes),
        recovered=tuple(_phrases(raw.get("recovered") or [], f"{ln}: recovered", gaps, issues, False, classes)),
        gap_stop_words=gaps,
        context_groups=tuple(groups),
        finding_types=ftypes,
        side_words=side_words,
        not_side=not_side,
    )


def _load_rules(
    path: Path, gaps: tuple[str, ...], issues: list[str], classes: dict[str, tuple[str, ...]] | None = None
) -> list[ContextGroup]:
    rn = path.name
    raw = _check_keys(_load_yaml(path, issues) or {}, {"version", "groups"}, rn, issues)
    groups: list[ContextGroup] = []
    for i, g in enumerate(raw.get("groups") or []):
        where = f"{rn}: groups[{i}]"
        g = _check_keys(g, {"name", "category", "direction", "phrases", "max_scope"}, where, issues)
        if not g:
            continue
        where = f"{rn}: groups[{i}] ({g.get('name', '?')})"
        cat, direction = g.get("category"), g.get("direction")
        if direction == "TERMINATE":
            # a category on a TERMINATE group ends only that category's scope ("I have ..." ends "my mum ...")
            cat = cat or "TERMINATE"
            if cat != "TERMINATE" and cat not in CONTEXT_CATEGORIES:
                issues.append(f"{where}.category: {cat!r} is not TERMINATE or one of {CONTEXT_CATEGORIES}")
        elif cat not in CONTEXT_CATEGORIES:
            issues.append(f"{where}.category: {cat!r} is not one of {CONTEXT_CATEGORIES}")
        if direction not in DIRECTIONS:
            issues.append(f"{where}.direction: {direction!r} is not one of {DIRECTIONS}")
        scope = g.get("max_scope")
        if scope is not None and (not isinstance(scope, int) or scope < 1):
            issues.append(f"{where}.max_scope: must be a positive integer")
        types = None
        phrases = _phrases(g.get("phrases"), f"{where}.phrases", gaps, issues, False, classes)
        groups.append(
            ContextGroup(
                name=str(g.get("name", f"group {i}")),
                category=str(cat),
                direction=str(direction),
                phrases=tuple(phrases),
                max_scope=scope,
                allowed_types=tuple(types) if types else None,
            )
        )
    return groups


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon and rules (cached)."""
    return load_lexicon()
