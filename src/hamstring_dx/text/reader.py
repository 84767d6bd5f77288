"""Read free text (a patient's words or a short clinical note) into case-format v1 findings.

``read_text(text)`` returns a :class:`TextReading`: every mention with the span it came from, its value
and its context (negated, uncertain, historical, about someone else, hypothetical), the side, and
numbers (duration, pain score, walking distance).

What a caller may enter into a case (``TextReading.to_case_findings()``):
  * only assertive mentions of the rules (not uncertain, hypothetical, historical or about someone else;
    for findings that are themselves about the past, e.g. history_of_cancer, historical wording counts),
    never a red flag proposed by the learned screen (``Mention.proposed``), whatever its context;
  * boolean findings as present/absent, tests as positive/negative, reflexes, numbers;
  * NOT the region lists: text names some regions, never all of them, while a region list given in a
    case is complete. Regions read are returned by ``regions_mentioned()`` for the caller to confirm.
Red-flag mentions, negated or not, are listed by ``red_flag_mentions()`` so that the caller confirms
them (a read red flag escalates at once; a negated one is still asked).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from hamstring_dx.text.lexicon import Lexicon, default_lexicon
from hamstring_dx.text.pipeline import END_OF, SPAN_GROUP, default_pipeline, parse_label
from hamstring_dx.text.screen_model import RedFlagScreen, default_screen
from hamstring_dx.text.values import find_durations, find_pain_scores, find_walking_distances

# The value a proposal of the learned screen takes, by finding type: (told present, told negated).
_POLARITY = {"boolean": ("present", "absent"), "test": ("positive", "negative")}
CONTEXTS = ("asserted", "uncertain", "historical", "other_person", "hypothetical")
# Which context names a mention when several apply (most removed from "the patient has it now" first).
_PRECEDENCE = ("other_person", "hypothetical", "historical", "uncertain")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
MAX_TEXT_CHARS = 20_000


@dataclass(frozen=True)
class Mention:
    """One finding read from the text."""

    finding: str
    value: Any  # present|absent, positive|negative, normal|reduced|absent, or a number
    start: int
    end: int
    text: str
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    other_person: bool = False
    hypothetical: bool = False
    region: str | None = None
    red_flag: bool = False
    past_inclusive: bool = False
    source: str = "lexicon"  # lexicon | region | derived | number | screen | model
    probability: float | None = None  # the learned screen's probability (source "model" only)

    @property
    def context(self) -> str:
        """asserted, or the one context that keeps the mention out of the case."""
        flags = {
            "other_person": self.other_person,
            "hypothetical": self.hypothetical,
            "historical": self.historical and not self.past_inclusive,
            "uncertain": self.uncertain,
        }
        for name in _PRECEDENCE:
            if flags[name]:
                return name
        return "asserted"

    @property
    def proposed(self) -> bool:
        """Proposed by the learned screen (source ``model``): a red flag to confirm, never a finding."""
        return self.source == "model"

    @property
    def asserted(self) -> bool:
        """Told as the patient's, now, by the rules: what may enter a case."""
        return self.context == "asserted" and not self.proposed

    def key(self) -> tuple:
        return (self.finding, self.region, self.value, self.context)

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "value": self.value,
            "region": self.region,
            "span": {"start": self.start, "end": self.end, "text": self.text},
            "context": self.context,
            "negated": self.negated,
            "uncertain": self.uncertain,
            "historical": self.historical,
            "other_person": self.other_person,
            "hypothetical": self.hypothetical,
            "red_flag": self.red_flag,
            "source": self.source,
            **({"probability": self.probability} if self.probability is not None else {}),
        }


@dataclass(frozen=True)
class TextReading:
    text: str
    mentions: tuple[Mention, ...]
    side: str | None = None
    side_span: tuple[int, int] | None = field(default=None)

    def asserted(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.asserted)

    def to_case_findings(self) -> dict[str, object]:
        """Case-format v1 finding values from assertive mentions (region lists excluded, see module doc).

        When the text says both (present and absent), present wins: it is the value to confirm.
        """
        out: dict[str, object] = {}
        for m in self.asserted():
            if m.region is not None:
                continue
            prev = out.get(m.finding)
            if prev is None or (prev == "absent" and m.value == "present"):
                out[m.finding] = m.value
        return out

    def regions_mentioned(self) -> dict[str, list[str]]:
        """Regions asserted present per list finding (pain_regions, ...); NOT complete lists."""
        out: dict[str, list[str]] = {}
        for m in self.asserted():
            if (
                m.region is not None
                and m.value == "present"
                and m.region not in out.setdefault(m.finding, [])
            ):
                out[m.finding].append(m.region)
        return out

    def red_flag_mentions(self) -> tuple[Mention, ...]:
        """Every red-flag mention, whatever its value or context: each must be confirmed."""
        return tuple(m for m in self.mentions if m.red_flag)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "side": self.side,
            "findings": self.to_case_findings(),
            "regions_mentioned": self.regions_mentioned(),
            "red_flags": [m.to_dict() for m in self.red_flag_mentions()],
            "mentions": [m.to_dict() for m in self.mentions],
        }


_CATEGORY_FLAG = {
    "NEGATED_EXISTENCE": "negated",
    "POSSIBLE_EXISTENCE": "uncertain",
    "HISTORICAL": "historical",
    "FAMILY": "other_person",
    "HYPOTHETICAL": "hypothetical",
}


def _terminated(mod, span, terms: tuple) -> bool:
    """True when a clause break ("but"), or a break of the modifier's own category, lies between the modifier
    and the target.

    medspaCy limits a modifier's scope at a TERMINATE cue only when their scopes overlap by its own
    test, which fails when the modifier's `max_scope` window ends before the sentence does ("I've never
    had cancer but my sister has leukaemia" kept "never" on "leukaemia"); this applies the rule directly.
    """
    m_start, m_end = mod.modifier_span
    for t_start, t_end, category in terms:
        if category and category != mod.category:
            continue
        if m_end <= t_start and t_end <= span.start:
            return True  # modifier ... but ... target
        if span.end <= t_start and t_end <= m_start:
            return True  # target ... but ... modifier
    return False


def _flags(
    span, cues: tuple = (), pseudo: tuple = (), terms: tuple = (), before_only: bool = False, modifiers=None
) -> dict[str, bool]:
    """Context flags from the ConText modifiers of `span` (`modifiers`: those of a span ConText did not
    see as a target, found with ``modifier.modifies(span)``).

    Ignored: a negation inside the target itself (the "n't" of "can't pee" is part of the finding);
    a negation inside a longer cue of its own (`cues`: another finding's words such as "can't feel" or
    "can't sit", or another context cue such as "not sure", "don't think"); and a modifier inside a
    PSEUDO phrase of its own category (`pseudo`: "not just", "my wife thinks"), which medspaCy keeps when overlapping
    modifiers are not pruned.
    """
    flags = dict.fromkeys(_CATEGORY_FLAG.values(), False)
    for mod in span._.modifiers if modifiers is None else modifiers:
        start, end = mod.modifier_span
        if any(a <= start and end <= b and mod.category == cat for a, b, cat in pseudo):
            continue
        if terms and _terminated(mod, span, terms):
            continue
        if before_only and start >= span.end:
            continue
        if mod.category == "NEGATED_EXISTENCE" and (
            (start >= span.start and end <= span.end) or any(a <= start and end <= b for a, b in cues)
        ):
            continue
        name = _CATEGORY_FLAG.get(mod.category)
        if name:
            flags[name] = True
    return flags


# Where a sentence turns from one event to the next ("I had cancer 6 years ago, and now the pain ..."):
# a duration belongs to the clause it stands in.
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and\s+)?(?:now|but)\s|\sand\s(?=i\b|i'm\b|my\b)")


def _sentence_at(sents: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The (start, end) character range among `sents` that holds `pos`, if any."""
    return next((s for s in sents if s[0] <= pos < s[1]), None)


def clause_of(text: str, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
    """The character range of the clause of `sentence` that holds `pos`."""
    a, b = sentence
    start, end = a, b
    for m in _CLAUSE_BREAK.finditer(text.lower(), a, b):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end


def _cue_spans(doc, spans, proxy_persons: frozenset[str] = frozenset()) -> tuple[tuple, tuple, tuple]:
    """(negation-holding spans, PSEUDO spans, clause breaks) of a doc, see :func:`_flags`.

    When the writer writes for someone ("my son is 12, he ..."), the words naming that person are not
    cues for someone else: their findings are the patient's. They are returned as PSEUDO spans.
    """
    cues: list[tuple[int, int]] = []
    pseudo: list[tuple[int, int, str]] = []
    terms: list[tuple[int, int, str | None]] = []
    graph = getattr(doc._, "context_graph", None)
    for mod in getattr(graph, "modifiers", None) or []:
        a, b = mod.modifier_span
        if mod.category == "FAMILY" and proxy_persons and any(t.lower_ in proxy_persons for t in doc[a:b]):
            pseudo.append((a, b, "FAMILY"))
        elif mod.category.startswith(END_OF):
            terms.append((a, b, mod.category.removeprefix(END_OF)))
        elif mod.direction == "PSEUDO":
            pseudo.append((a, b, mod.category))
        elif mod.direction == "TERMINATE":
            terms.append((a, b, None))
        elif mod.category != "NEGATED_EXISTENCE" and mod.direction != "TERMINATE" and b - a > 1:
            cues.append((a, b))
    tests = [(s.start, s.end) for s in spans if parse_label(s.label_)[0] == "test"]
    for mod in getattr(graph, "modifiers", None) or []:
        a, b = mod.modifier_span
        # "AJ absent", "SLR normal": a value word just after a test belongs to it, not to earlier words
        after_test = any(0 <= a - e <= 1 for _s, e in tests)
        if mod.category == "NEGATED_EXISTENCE" and mod.direction != "FORWARD" and after_test:
            pseudo.append((a, b, "NEGATED_EXISTENCE"))
    for s in spans:
        role, _ident, value = parse_label(s.label_)
        if role in ("finding", "test", "region_word") and value != "absent" and s.end - s.start > 1:
            cues.append((s.start, s.end))
    return tuple(cues), tuple(pseudo), tuple(terms)


def _or(a: dict[str, bool], b: dict[str, bool]) -> dict[str, bool]:
    return {k: a[k] or b[k] for k in a}


def _crosses_sentence(span) -> bool:
    return any(t.is_sent_start for t in span[1:])


def _longest_first(spans):
    """Non-overlapping spans, longest first (like spacy.util.filter_spans)."""
    kept, taken = [], set()
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(s.start, s.end)):
            kept.append(s)
            taken.update(range(s.start, s.end))
    return sorted(kept, key=lambda s: s.start)


class _Reader:
    def __init__(self, lex: Lexicon, nlp, value_matcher, screen: RedFlagScreen | None = None) -> None:
        self.lex = lex
        self.screen = screen
        self.nlp = nlp
        self.value_matcher = value_matcher
        self.side_of = {w: side for side, ws in lex.side_words.items() for w in ws}
        words = sorted(self.side_of, key=len, reverse=True)
        self.side_re = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
        not_side = sorted(lex.not_side, key=len, reverse=True)
        alts = [re.escape(w) + (r"\b" if w[-1].isalnum() else "") for w in not_side]
        self.not_side_re = re.compile(r"\b(?:" + "|".join(alts) + r")", re.IGNORECASE) if alts else None

    def _mention(
        self,
        finding: str,
        value: Any,
        span,
        flags: dict[str, bool],
        region: str | None = None,
        source: str = "lexicon",
    ) -> Mention:
        return Mention(
            finding=finding,
            value=value,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            region=region,
            red_flag=finding in self.lex.red_flags,
            past_inclusive=finding in self.lex.past_inclusive,
            source=source,
            **flags,
        )

    def read(self, text: str, today: date | None = None, learned_screen: bool = True) -> TextReading:
        if not isinstance(text, str):
            raise TypeError("read_text expects a str")
        today = today or date.today()
        text = text.translate(_APOSTROPHES)[:MAX_TEXT_CHARS]
        doc = self.nlp(text)
        spans = [s for s in doc.spans.get(SPAN_GROUP, []) if not _crosses_sentence(s)]
        by_role: dict[str, list] = {
            "finding": [], "test": [], "topic": [], "screen": [], "block": [], "proxy": [], "region": [],
            "region_word": [], "movement": [], "movement_value": [], "writer": [], "recovered": [],
        }
        for s in spans:
            by_role[parse_label(s.label_)[0]].append(s)
        # "burning up" is a fever, not burning pain: a finding's `blocked_by` wording removes its spans inside.
        blocks = [(b.start, b.end, parse_label(b.label_)[1]) for b in by_role.pop("block")]
        if blocks:
            for role in ("finding", "test", "topic", "screen"):
                by_role[role] = [
                    s
                    for s in by_role[role]
                    if not any(
                        a <= s.start and s.end <= b and fid == parse_label(s.label_)[1] for a, b, fid in blocks
                    )
                ]

        persons = self._proxy_persons(by_role.pop("proxy"))
        writer = by_role.pop("writer")
        mentions = self._mentions(doc, text, today, spans, by_role, persons)
        if not persons:
            # a proxy account with no proxy wording ("Mum's right leg has got weaker"): read again with that
            # relative as the patient
            account = self._proxy_account(doc, writer, mentions)
            if account:
                persons = account
                mentions = self._mentions(doc, text, today, spans, by_role, account)
        mentions = self._recovered(doc, by_role["recovered"], mentions)
        mentions = self._yield(doc, mentions)
        if learned_screen:
            mentions += self._learned_screen(doc, mentions, lambda: _cue_spans(doc, spans, persons))

        seen, unique = set(), []
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            if m.key() not in seen:
                seen.add(m.key())
                unique.append(m)
        side, side_span = self._side(doc, unique)
        return TextReading(text=text, mentions=tuple(unique), side=side, side_span=side_span)

    def _mentions(self, doc, text: str, today: date, spans, by_role, persons: frozenset[str]) -> list[Mention]:
        """Every mention the rules read, with `persons` naming the patient when a proxy writes."""
        cues = _cue_spans(doc, spans, persons)
        # A finding phrase that starts inside a body-place phrase of several words uses the word as a place
        # name ("my sitting bone is sore" is not "worse sitting"; "slipped disc" is not "slipped").
        places = [(r.start, r.end) for r in by_role["region"] if r.end - r.start > 1]
        findings = [
            s
            for s in by_role["finding"]
            if not any(a <= s.start < b and (s.end > b or b - a > s.end - s.start) for a, b in places)
        ]
        mentions: list[Mention] = []
        topics = [s for s in by_role["topic"] if not any(a <= s.start < b for a, b in places)]
        mentions += self._findings(doc, findings + by_role["test"], topics, cues, by_role["region"])
        mentions += self._regions(by_role["region"], by_role["region_word"], by_role["test"], cues)
        mentions += self._movements(by_role["movement"], by_role["movement_value"], cues)
        mentions += self._derived(mentions)
        mentions = self._drop_absent_regions(mentions)
        mentions += self._screen(by_role["screen"], mentions, cues, findings + by_role["test"])
        mentions += self._numbers(doc, text, today, mentions, by_role["region_word"])
        return mentions

    def _yield(self, doc, mentions: list[Mention]) -> list[Mention]:
        """A finding read present in a sentence that also reads, present, a finding it yields to (`yields_to`
        in lexicon.yaml: "fell off a ladder, about 3 metres, landed on my backside" is major trauma, not also
        minor) is dropped from that sentence."""
        sents = [(s.start_char, s.end_char) for s in doc.sents]

        def sent(pos: int) -> tuple[int, int] | None:
            return _sentence_at(sents, pos)

        present = {(m.finding, sent(m.start)) for m in mentions if m.value == "present" and m.asserted}
        out = []
        for m in mentions:
            entry = self.lex.findings.get(m.finding)
            if entry and entry.yields_to and m.value == "present" and any(
                (f, sent(m.start)) in present for f in entry.yields_to
            ):
                continue
            out.append(m)
        return out

    def _recovered(self, doc, spans, mentions: list[Mention]) -> list[Mention]:
        """Findings told as over ("... but it went away"): present findings before the wording, in its
        sentence or, when the wording opens its sentence, in the sentence before, become historical."""
        if not spans:
            return mentions
        sents = list(doc.sents)
        ranges = []
        for r in spans:
            k = next(i for i, s in enumerate(sents) if s.start <= r.start < s.end)
            first = k - 1 if k > 0 and r.start - sents[k].start <= 2 else k
            ranges.append((sents[first].start_char, doc[r.start].idx))
        return [
            replace(m, historical=True)
            if m.value == "present" and m.asserted and any(a <= m.start < b for a, b in ranges)
            else m
            for m in mentions
        ]

    def _proxy_account(self, doc, writer_spans, mentions: list[Mention]) -> frozenset[str]:
        """The relative a text is about when the writer tells only of them: one relative named (not one
        who is never the patient), no first-person word outside what the writer says as the writer ("I'm
        worried", "my husband"), and something they have now read as someone else's (a symptom, not a
        history item such as "my dad had cancer")."""
        relatives = {t.lower_ for t in doc if t.lower_ in self.lex.proxy_persons}
        if len(relatives) != 1 or relatives & self.lex.not_patients:
            return frozenset()
        covered = {i for s in writer_spans for i in range(s.start, s.end)}
        if any(t.lower_ in self.lex.first_person and t.i not in covered for t in doc):
            return frozenset()
        history = self.lex.past_inclusive | self.lex.dated_events
        if not any(m.other_person and m.finding not in history for m in mentions):
            return frozenset()
        return frozenset(relatives)

    # -- findings ---------------------------------------------------------------------------------
    def _findings(self, doc, finding_spans, topic_spans, cues, region_spans=()) -> list[Mention]:
        out: list[Mention] = []
        by_finding: dict[str, list] = {}
        for s in finding_spans:
            by_finding.setdefault(parse_label(s.label_)[1], []).append(s)
        covered: dict[str, set[int]] = {}
        for fid, group in by_finding.items():
            entry = self.lex.findings[fid]
            # a wording that states absence ("settles at night") beats a looser present reading of its words
            absent_spans = [(s.start, s.end) for s in group if parse_label(s.label_)[2] == "absent"]
            if absent_spans:
                group = [
                    s
                    for s in group
                    if parse_label(s.label_)[2] == "absent"
                    or not any(s.start < b and a < s.end for a, b in absent_spans)
                ]
            for s in _longest_first(group):
                covered.setdefault(fid, set()).update(range(s.start, s.end))
                flags = _flags(s, *cues)
                if entry.kind in ("test", "reflex"):
                    fixed = parse_label(s.label_)[2]
                    if fixed and entry.kind == "test":
                        # the wording states the result ("calf SNT" negative, "pedal pulses absent" positive)
                        before = _flags(s, *cues, before_only=True)["negated"]
                        value = "negative" if (fixed == "absent") != before else "positive"
                        flags["negated"] = value == "negative"
                        out.append(self._mention(fid, value, s, flags))
                        continue
                    value = self._test_value(doc, s, entry.kind, flags["negated"])
                    if value is None:
                        continue
                    flags["negated"] = value in ("negative", "absent", "normal")
                    out.append(self._mention(fid, value, s, flags))
                    continue
                phrase_value = parse_label(s.label_)[2]
                if phrase_value == "absent":
                    # only a negation before it turns an absence wording round ("not only one leg"); one
                    # after it is about what follows ("only the one leg, the other is fine")
                    if _flags(s, *cues, before_only=True)["negated"]:
                        continue
                    flags["negated"] = True
                value = "absent" if flags["negated"] else "present"
                out.append(self._mention(fid, value, s, flags))
        by_topic: dict[str, list] = {}
        for s in topic_spans:
            by_topic.setdefault(parse_label(s.label_)[1], []).append(s)
        longer = [(s.start, s.end) for s in finding_spans if s.end - s.start > 1]
        for s in [s for group in by_topic.values() for s in _longest_first(group)]:
            fid = parse_label(s.label_)[1]
            if covered.get(fid, set()) & set(range(s.start, s.end)):
                continue
            if any(a <= s.start and s.end <= b and b - a > s.end - s.start for a, b in longer):
                continue  # the topic word is part of another finding's phrase ("bowel cancer")
            sent = s.sent
            if any(
                m.finding == fid and m.value == "present" and sent.start_char <= m.start < sent.end_char
                for m in out
            ):
                continue  # "not numb but tingly": the phrase in the same sentence says more than the topic
            if any(0 <= r.start - s.end <= 2 and r.sent == sent for r in region_spans if parse_label(r.label_)[1]):
                continue  # "no numbness around my bottom" negates that place (read as a region), not everywhere
            flags = _flags(s, *cues)
            m = self._mention(fid, "absent" if flags["negated"] else "present", s, flags)
            if flags["negated"] or not m.asserted:
                out.append(m)
        return out

    def _movements(self, movement_spans, value_spans, cues) -> list[Mention]:
        """A movement named next to a power grade or weakness word ("EHL 4/5", "weak ankle DF")."""
        out: list[Mention] = []
        window = self.lex.movement_window
        for s in _longest_first(movement_spans):
            sent = s.sent
            best, best_dist = None, None
            for v in value_spans:
                if v.start < sent.start or v.end > sent.end or (v.start < s.end and v.end > s.start):
                    continue
                dist = v.start - s.end if v.start >= s.end else s.start - v.end
                if dist <= window and (best_dist is None or dist < best_dist):
                    best, best_dist = v, dist
            if best is None:
                continue
            flags = _or(_flags(s, *cues), _flags(best, *cues))
            if parse_label(best.label_)[1] != "weak":  # "EHL 5/5": a normal grade says the movement is not weak
                flags["negated"] = not flags["negated"]
            out.append(
                self._mention(
                    self.lex.movement_list,
                    "absent" if flags["negated"] else "present",
                    s,
                    flags,
                    region=parse_label(s.label_)[1],
                    source="region",
                )
            )
        return out

    def _proxy_persons(self, proxy_spans) -> frozenset[str]:
        """The words naming the person a proxy writer writes about ("writing for my dad" -> dad)."""
        return frozenset(
            t.lower_ for s in proxy_spans for t in s if t.lower_ in self.lex.proxy_persons
        )

    def _screen(self, screen_spans, mentions: list[Mention], cues, finding_spans=()) -> list[Mention]:
        """A red-flag word the phrases did not read ("the nurse asked about my bladder", "a crash") puts the
        flag on the table.

        It is read as `uncertain` (to be confirmed with the person), unless its context says more
        (negated, someone else, hypothetical, historical); only when the sentence holds no other
        mention of that finding.
        """
        out: list[Mention] = []
        longer = [(f.start, f.end) for f in finding_spans if f.end - f.start > 1]
        for s in _longest_first(screen_spans):
            fid = parse_label(s.label_)[1]
            if any(a <= s.start and s.end <= b and b - a > s.end - s.start for a, b in longer):
                continue  # part of another finding's wording ("bladder cancer")
            sent = s.sent
            if any(
                m.finding == fid and sent.start_char <= m.start < sent.end_char for m in (*mentions, *out)
            ):
                continue
            flags = _flags(s, *cues)
            if not any(flags.values()):
                flags["uncertain"] = True
            out.append(self._mention(fid, "absent" if flags["negated"] else "present", s, flags, source="screen"))
        return out

    def _learned_screen(self, doc, mentions: list[Mention], cues_of: Callable[[], tuple]) -> list[Mention]:
        """Red flags the rules did not read anywhere in the text, proposed by the learned screen: one per red
        flag, in its most probable sentence, on the word of that sentence the screen weighs most for it.

        The rules' context cues then say how the sentence tells of it (negated, uncertain, someone else's,
        ...), as for any finding; whatever that context, a proposal (source ``model``) is only ever a red
        flag to confirm: it never enters a case (:attr:`Mention.asserted` is false for it).
        """
        read = {m.finding for m in mentions}
        sents = [s for s in doc.sents if s.text.strip()]
        screen = self.screen if self.screen is not None else _screen_model()
        best: dict[str, tuple[float, Any]] = {}
        for sent, hits in zip(sents, screen.screen([s.text.strip() for s in sents]), strict=True):
            for h in hits:
                if h.finding not in read and h.probability > best.get(h.finding, (0.0, None))[0]:
                    best[h.finding] = (h.probability, sent)
        if not best:
            return []
        cues = cues_of()
        graph = getattr(doc._, "context_graph", None)
        modifiers = list(getattr(graph, "modifiers", None) or [])
        out = []
        for fid, (p, sent) in best.items():
            if self.lex.finding_types[fid] not in _POLARITY:
                continue  # a red flag told by a number or a reflex grade is the rules' to read
            words = [t for t in sent if not (t.is_punct or t.is_space)] or list(sent)
            k = screen.key_word([t.text for t in words], fid)
            word = doc[words[k].i : words[k].i + 1]
            flags = _flags(word, *cues, modifiers=[m for m in modifiers if m.modifies(word)])
            value = _POLARITY[self.lex.finding_types[fid]][bool(flags["negated"])]
            m = self._mention(fid, value, word, flags, source="model")
            out.append(replace(m, probability=p))
        return out

    def _test_value(self, doc, span, kind: str, negated: bool) -> str | None:
        sent = span.sent
        window = self.lex.value_window
        best, best_dist = None, None
        for match_id, start, end in self.value_matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            k, val = label.split(":")
            if k != kind or start < sent.start or end > sent.end:
                continue
            # a value word inside the mention counts ("PR - normal anal tone"), not one at its start or
            # one reaching outside it (those are part of the finding's own words or of another phrase)
            inside = span.start < start and end <= span.end
            if start < span.end and end > span.start and not inside:
                continue
            dist = 0 if inside else start - span.end if start >= span.end else span.start - end
            if dist <= window and (best_dist is None or dist < best_dist):
                best, best_dist = val, dist
        if best is not None:
            return best
        if kind == "test":
            return "negative" if negated else "positive"
        return None

    # -- regions ----------------------------------------------------------------------------------
    def _fragment(self, sent, region_spans) -> bool:
        """A sentence that only lists places ("Left glute.", "groin and front of thigh")."""
        inside = {i for r in region_spans if sent.start <= r.start < sent.end for i in range(r.start, r.end)}
        return bool(inside) and all(
            t.i in inside or t.is_punct or t.is_space or t.lower_ in self.lex.fragment_words
            or t.lower_ in self.side_of
            for t in sent
        )

    def _regions(self, region_spans, word_spans, test_spans, cues) -> list[Mention]:
        """A region is read when a word in its sentence says what is felt there (pain, numbness...)."""
        out: list[Mention] = []
        for r in _longest_first(region_spans):
            rid = parse_label(r.label_)[1]
            if not rid or any(t.start < r.end and t.end > r.start for t in test_spans):
                continue
            sent = r.sent
            best, best_dist = None, None
            candidates = [
                w
                for w in word_spans
                if sent.start <= w.start and w.end <= sent.end
                # the word is not the region phrase itself (unless it is exactly that phrase: "LBP")
                and not (
                    w.start < r.end
                    and w.end > r.start
                    and w.end - w.start >= r.end - r.start
                    and (w.start, w.end) != (r.start, r.end)
                )
            ]
            # a word inside a longer kind phrase is that phrase's ("dead" in "dead leg")
            candidates = [
                w
                for w in candidates
                if not any(
                    o.start <= w.start and w.end <= o.end and o.end - o.start > w.end - w.start for o in candidates
                )
            ]
            if not candidates and sent.start > 0 and (
                sent[0].lower_ in self.lex.anaphora or self._fragment(sent, region_spans)
            ):
                # "The pain wakes me at night. It's deep in my buttock": the kind word of the sentence before
                prev = r.doc[sent.start - 1].sent
                candidates = [w for w in word_spans if prev.start <= w.start and w.end <= prev.end]
            # a word saying what is felt beats a generic one ("if the numbness spreads to the saddle")
            specific = [w for w in candidates if parse_label(w.label_)[1] not in self.lex.generic_kinds]
            best_felt, felt_dist = None, None
            for w in specific or candidates:
                dist = w.start - r.end if w.start >= r.end else max(0, r.start - w.end)
                if best_dist is None or dist < best_dist:
                    best, best_dist = w, dist
                if self.lex.region_kinds[parse_label(w.label_)[1]][0] != "_none" and (
                    felt_dist is None or dist < felt_dist
                ):
                    best_felt, felt_dist = w, dist
            # "swollen and tender": a felt word close by still says what is felt there
            if best is not None and best is not best_felt and felt_dist is not None and felt_dist <= 4:
                best = best_felt
            if best is None:
                continue
            lst = self.lex.region_kinds[parse_label(best.label_)[1]][0]
            if lst == "_none":
                continue
            flags = _or(_flags(r, *cues), _flags(best, *cues))
            out.append(
                self._mention(
                    lst, "absent" if flags["negated"] else "present", r, flags, region=rid, source="region"
                )
            )
        return out

    def _derived(self, mentions: list[Mention]) -> list[Mention]:
        """Findings read from regions ("numb down below" -> saddle_numbness), and back: a derived finding
        read from its own words reads its region when the lexicon says it implies it (unless another region
        list, such as sensory loss on examination, already names that region)."""
        out = []
        for fid, spec in self.lex.derived.items():
            for m in mentions:
                if m.finding == spec.source and m.region in spec.regions:
                    out.append(replace(m, finding=fid, region=None, red_flag=fid in self.lex.red_flags,
                                       past_inclusive=fid in self.lex.past_inclusive, source="derived"))
            if spec.implies_region:
                for m in mentions:
                    if m.finding == fid and m.value == "present" and not any(
                        x.region in spec.regions and x.context == m.context for x in mentions
                    ):
                        out.append(replace(m, finding=spec.source, region=spec.regions[0], red_flag=False,
                                           past_inclusive=False, source="derived"))
        return [
            m
            for m in out
            if m.value == "present" or m.finding in self.lex.red_flags
        ]

    def _drop_absent_regions(self, mentions: list[Mention]) -> list[Mention]:
        """A negated region whose derived finding says it all ("no saddle anaesthesia") is read as the
        derived finding only, where the lexicon says so (`absent_region: false`)."""
        quiet = {(s.source, r) for s in self.lex.derived.values() if not s.absent_region for r in s.regions}
        return [m for m in mentions if not (m.value == "absent" and (m.finding, m.region) in quiet)]

    # -- numbers and side -------------------------------------------------------------------------
    def _numbers(self, doc, text: str, today: date, mentions: list[Mention], word_spans) -> list[Mention]:
        out: list[Mention] = []
        sents = [(s.start_char, s.end_char) for s in doc.sents]

        def sent_of(pos: int) -> tuple[int, int]:
            return _sentence_at(sents, pos) or (0, len(text))

        def dates_an_event(a: int, b: int) -> bool:
            has_symptom_word = any(a <= w.start_char < b for w in word_spans)
            past = any(
                a <= m.start < b
                and m.source == "lexicon"
                and (m.historical or m.finding in self.lex.dated_events)
                for m in mentions
            )
            return past and not has_symptom_word

        def about_the_past(pos: int) -> bool:
            sentence = sent_of(pos)
            return dates_an_event(*sentence) or dates_an_event(*clause_of(text, sentence, pos))

        def dates_an_episode(pos: int) -> bool:
            a, b = clause_of(text, sent_of(pos), pos)
            return any(a <= m.start < b and m.finding in self.lex.episode_events for m in mentions)

        durations = [
            d
            for d in find_durations(text, today)
            if not about_the_past(d.start) and not (d.weak and dates_an_episode(d.start))
        ]
        if durations:
            d = durations[0]
            out.append(Mention("duration_days", d.value, d.start, d.end, d.text, source="number"))
        for group in (find_pain_scores(text), find_walking_distances(text, sents)):
            if group:
                n = group[0]
                out.append(Mention(n.finding, n.value, n.start, n.end, n.text, source="number"))
        return out

    def _side(self, doc, mentions: list[Mention]) -> tuple[str | None, tuple[int, int] | None]:
        if any(m.finding == "symptoms_both_legs" and m.asserted and m.value == "present" for m in mentions):
            m = next(m for m in mentions if m.finding == "symptoms_both_legs")
            return "both", (m.start, m.end)
        counts: dict[str, int] = {}
        first: dict[str, tuple[int, int]] = {}
        blocked = [(b.start(), b.end()) for b in self.not_side_re.finditer(doc.text)] if self.not_side_re else []
        for m in self.side_re.finditer(doc.text):
            if any(a <= m.start() < b for a, b in blocked):
                continue
            word = m.group(0)
            side = self.side_of.get(word.lower())
            if side not in ("left", "right"):
                continue
            if len(word) == 1 and not word.isupper():
                continue  # "l"/"r" only as capitals in notes
            counts[side] = counts.get(side, 0) + 1
            first.setdefault(side, (m.start(), m.end()))
        if not counts:
            return None, None
        best = sorted(counts, key=lambda s: (-counts[s], first[s][0]))[0]
        return best, first[best]


_READER: _Reader | None = None
_BUILD = threading.Lock()  # a warm-up thread and the first reading may both ask for the reader
_FIT = threading.Lock()


def _reader() -> _Reader:
    global _READER
    with _BUILD:
        if _READER is None:
            nlp, vm = default_pipeline()
            _READER = _Reader(default_lexicon(), nlp, vm)  # the learned screen is fitted on first use
    return _READER


def _screen_model() -> RedFlagScreen:
    with _FIT:
        return default_screen()


def warm_up(learned_screen: bool = True) -> threading.Thread:
    """Build the reader (and fit the learned screen) in a background thread, so that an interactive
    session does not wait for it after the person has typed their text."""
    def build() -> None:
        _reader()
        if learned_screen:
            _screen_model()

    thread = threading.Thread(target=build, name="hamstring-dx-reader-warm-up", daemon=True)
    thread.start()
    return thread


def read_text(text: str, today: date | None = None, *, learned_screen: bool = True) -> TextReading:
    """Read `text` into findings. `today` anchors "since Tuesday" (default: the current date).

    `learned_screen=False` gives the rules alone (no red flags proposed by the learned screen)."""
    return _reader().read(text, today, learned_screen)
