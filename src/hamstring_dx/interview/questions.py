"""Turn a finding into a question: wording for the mode, answer type and options.

Every question offers "not sure", which is recorded as `unknown` (asked, not known) and never as
"no". Region and movement questions take lists of vocabulary ids and list them by plain name.
A `group` question (the red-flag screen's related flags, like Infermedica's `group_multiple`)
shows several single items on one screen; each item is answered on its own and written into the
case as that item's finding, each with its own "not sure".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hamstring_dx.interview.config import InterviewConfig
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.knowledge.vocabulary import LIST_TYPES, UNKNOWN, VALUES_BY_TYPE

# Question types of the step (the `type` of a question): one choice, a number, or a list of ids.
SINGLE, NUMBER, REGIONS, MOVEMENTS, GROUP = "single", "number", "regions", "movements", "group"
LIST_QUESTION = {"region_list": REGIONS, "movement_list": MOVEMENTS}
NONE_OF_THESE: list[str] = []  # the answer "none of these" to a list question (a given list is complete)


@dataclass(frozen=True)
class Option:
    value: Any  # what is written into the case: a state, "unknown", [] (none), or a region/movement id
    label: str
    exclusive: bool = False  # list questions: this option is the whole answer (none / not sure)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "label": self.label}
        if self.exclusive:
            out["exclusive"] = True
        return out


@dataclass(frozen=True)
class Question:
    finding: str | None  # None for a group question (its items carry the findings)
    text: str
    help: str
    type: str  # single | number | regions | movements | group
    options: tuple[Option, ...]
    why: str
    kind: str = "history"  # history | exam | investigation
    phase: str = "gain"  # screen | safety | gain
    unit: str | None = None  # number questions
    minimum: float | None = None
    maximum: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    group: str | None = None  # group questions: the screen group id
    items: tuple[Question, ...] = ()  # group questions: one single question per finding, in order

    @property
    def findings(self) -> tuple[str, ...]:
        """The findings this question records: its items' for a group, else its own."""
        if self.type == GROUP:
            return tuple(i.finding for i in self.items if i.finding is not None)
        return (self.finding,) if self.finding is not None else ()

    def to_dict(self) -> dict[str, Any]:
        if self.type == GROUP:
            return {
                "finding": None,
                "group": self.group,
                "text": self.text,
                "help": self.help,
                "type": GROUP,
                "options": [],
                "items": [
                    {k: v for k, v in i.to_dict().items() if k not in ("kind", "phase")} for i in self.items
                ],
                "why": self.why,
                "kind": self.kind,
                "phase": self.phase,
            }
        out: dict[str, Any] = {
            "finding": self.finding,
            "text": self.text,
            "help": self.help,
            "type": self.type,
            "options": [o.to_dict() for o in self.options],
            "why": self.why,
            "kind": self.kind,
            "phase": self.phase,
        }
        if self.type == NUMBER:
            out.update({"unit": self.unit, "min": self.minimum, "max": self.maximum})
        return out


def askable(kb: KnowledgeBase, finding: str, mode: str) -> bool:
    """Whether `finding` can be put to the person in `mode` (patients need a plain question)."""
    fdef = kb.findings.get(finding)
    if fdef is None or finding not in kb.vocabulary.findings:
        return False
    if mode == "patient":
        return fdef.kind == "history" and bool(fdef.patient_question)
    return True


def _limits(finding: str) -> tuple[float | None, float | None]:
    from hamstring_dx.case.model import _limits as case_limits  # the case format's own bounds

    lim = case_limits().get(f"findings.{finding}")
    return (lim["min"], lim["max"]) if lim else (0, None)


def make_question(
    kb: KnowledgeBase, cfg: InterviewConfig, finding: str, mode: str, why: str, phase: str = "gain"
) -> Question:
    """The question that asks `finding` in `mode`, with its options (always including not sure)."""
    fdef = kb.findings[finding]
    ftype = kb.vocabulary.findings[finding]
    labels = cfg.answer_labels[mode]
    if mode == "patient" and fdef.patient_question:
        text, help_text = fdef.patient_question, fdef.patient_help or ""
    else:
        text = fdef.clinician_text
        label = (kb.vocabulary.raw.get("findings", {}).get(finding) or {}).get("label", "")
        help_text = label if label and label.lower() not in text.lower() else ""
    unsure = Option(UNKNOWN, labels[UNKNOWN], exclusive=True)
    unit = lo = hi = None
    if ftype.type in VALUES_BY_TYPE:
        qtype = SINGLE
        options = (*(Option(v, labels.get(v, v)) for v in VALUES_BY_TYPE[ftype.type]), unsure)
    elif ftype.type == "number":
        qtype, unit = NUMBER, ftype.unit
        lo, hi = _limits(finding)
        options = (unsure,)
    elif ftype.type in LIST_TYPES:
        qtype = LIST_QUESTION[ftype.type]
        names = cfg.region_names if qtype == REGIONS else cfg.movement_names
        items = tuple(Option(i, names.get(i, i)) for i in kb.vocabulary.items_of(finding))
        options = (*items, Option(NONE_OF_THESE, labels["none"], exclusive=True), unsure)
    else:  # pragma: no cover - the vocabulary has no other types
        raise ValueError(f"finding type {ftype.type!r} cannot be asked")
    return Question(finding, text, help_text, qtype, options, why, fdef.kind, phase, unit, lo, hi)


def make_group_question(
    kb: KnowledgeBase,
    cfg: InterviewConfig,
    group: str,
    text: str,
    help_text: str,
    findings: list[tuple[str, str]],
    mode: str,
    why: str,
    phase: str = "screen",
) -> Question:
    """One screen asking several single (yes / no / not sure) findings: `findings` is a list of
    (finding id, the item's own reason). Every item keeps its own "not sure" option."""
    items = tuple(make_question(kb, cfg, fid, mode, item_why, phase) for fid, item_why in findings)
    for item in items:
        if item.type != SINGLE:
            raise ValueError(f"{item.finding}: only single-choice findings can be grouped, not {item.type}")
    return Question(None, text, help_text, GROUP, (), why, items[0].kind, phase, group=group, items=items)


_UNSURE_WORDS = {"?", "not sure", "unsure", "unknown", "dont know", "don't know", "idk", "ns"}
_YES = {"y", "yes"}
_NO = {"n", "no"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def is_not_sure(raw: str) -> bool:
    """Whether `raw` is one of the ways of typing "not sure"."""
    return _norm(raw) in _UNSURE_WORDS


def parse_answer(q: Question, raw: str) -> Any:
    """Read a typed answer: an option number, a label, y/n, `?` for not sure; lists by numbers or names.

    Raises ValueError with a message the person can act on.
    """
    text = _norm(raw)
    if not text:
        raise ValueError("please type an answer (or ? if you are not sure)")
    if text in _UNSURE_WORDS or text == _norm(q.options[-1].label):
        return UNKNOWN
    if q.type == SINGLE:
        choices = [o for o in q.options if o.value != UNKNOWN]
        if text.isdigit() and 1 <= int(text) <= len(q.options):
            return q.options[int(text) - 1].value
        positive = choices[0].value
        negative = choices[1].value
        if text in _YES:
            return positive
        if text in _NO and len(choices) == 2:
            return negative
        for o in choices:
            if text in (_norm(o.label), o.value):
                return o.value
        raise ValueError(f"please choose 1-{len(q.options)}")
    if q.type == NUMBER:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise ValueError("please type a number (or ? if you are not sure)") from None
        if (q.minimum is not None and value < q.minimum) or (q.maximum is not None and value > q.maximum):
            raise ValueError(f"please type a number between {q.minimum:g} and {q.maximum:g}")
        return int(value) if value == int(value) else value
    # list questions
    items = [o for o in q.options if not o.exclusive]
    none_opt = next(o for o in q.options if o.exclusive and o.value == NONE_OF_THESE)
    if text in ("0", "none", "no", "n", _norm(none_opt.label)):
        return []
    chosen: list[str] = []
    for part in [p for p in re.split(r"[,;]+|\s+(?=\d)|(?<=\d)\s+", text) if p.strip()]:
        part = part.strip()
        if part.isdigit():
            k = int(part)
            if not 1 <= k <= len(items):
                raise ValueError(f"there is no number {k}; choose 1-{len(items)}, 0 for none, ? if not sure")
            value = items[k - 1].value
        else:
            match = [o for o in items if part in (o.value, _norm(o.label))]
            if not match:
                raise ValueError(f"{part!r} is not on the list; type the numbers, 0 for none, ? if not sure")
            value = match[0].value
        if value not in chosen:
            chosen.append(value)
    return chosen


def parse_group_answer(q: Question, raw: str) -> list[Any]:
    """Read one line answering every item of a group question in order, e.g. `n n ?` or `2 2 3`.

    Raises ValueError when the line does not hold exactly one valid answer per item.
    """
    parts = [p for p in re.split(r"[\s,;]+", raw.strip()) if p]
    if len(parts) != len(q.items):
        raise ValueError(
            f"please answer all {len(q.items)} items in order (y = yes, n = no, ? = not sure), "
            f"e.g. {' '.join(['n'] * (len(q.items) - 1) + ['?'])}"
        )
    return [parse_answer(item, part) for item, part in zip(q.items, parts, strict=True)]


def describe_answer(q: Question, value: Any) -> str:
    """A short readable form of an answer (for summaries and the edit list)."""
    if value == UNKNOWN:
        return q.options[-1].label
    if q.type == SINGLE:
        return next((o.label for o in q.options if o.value == value), str(value))
    if q.type == NUMBER:
        return f"{value:g} {q.unit or ''}".strip()
    if not value:
        return next(o.label for o in q.options if o.exclusive and o.value == NONE_OF_THESE)
    names = {o.value: o.label for o in q.options if not o.exclusive}
    return ", ".join(names.get(v, v) for v in value)
