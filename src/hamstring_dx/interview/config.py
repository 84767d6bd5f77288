"""The interview policy file (knowledge/data/interview.yaml): its shape, loading and checks.

Every number the interview acts on (question costs, stop thresholds, question caps) and every
fixed list (the red-flag screen) lives in the data file with its provenance; the code holds none.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hamstring_dx.knowledge.schema import Sourced
from hamstring_dx.knowledge.vocabulary import VALUES_BY_TYPE

if TYPE_CHECKING:
    from hamstring_dx.knowledge.loader import KnowledgeBase

FILE_NAME = "interview.yaml"
MODES = ("patient", "clinician")
KINDS = ("history", "exam", "investigation")
MODE_KINDS: dict[str, tuple[str, ...]] = {"patient": ("history",), "clinician": KINDS}
# The documented stop reasons (docs/interview.md, "Stop rules"); the step returns one of these.
STOP_REASONS = ("emergency", "confident", "no_useful_question", "max_questions", "all_asked")
PHASES = ("screen", "safety", "gain")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScreenItem(Sourced):
    """One red-flag screen question: why it is on the screen (plain words) and the source."""

    finding: str
    why: str  # plain words, shown to the person as the reason for asking


class ScreenGroup(Sourced):
    """Related red flags asked together as one question screen (like Infermedica's `group_multiple`):
    each item is still answered yes / no / not sure on its own. The provenance fields say why the
    items belong together; `rationale` says it in words (documentation, not shown)."""

    group: str  # id, unique within the mode's screen
    text: str  # the caption shown above the items, e.g. "Since this pain began, have you had ...?"
    help: str = ""
    why: str  # plain words, shown as the reason for asking the whole group
    rationale: str  # why these items are asked together
    items: list[ScreenItem] = Field(min_length=1)


class Number(Sourced):
    value: float = Field(gt=0)


class Fraction(Sourced):
    value: float = Field(gt=0, lt=1)


class Count(Sourced):
    value: int = Field(ge=1)


class Costs(_Frozen):
    history: Number
    exam: Number
    investigation: Number

    def of(self, kind: str) -> float:
        return float(getattr(self, kind).value)


class PerMode(_Frozen):
    patient: Count
    clinician: Count


class StopRules(_Frozen):
    stop_at_triage: list[str]  # triage levels that end the interview at once
    confidence: Fraction  # the leading condition's probability must reach this ...
    stability_answers: Count  # ... and the leader must not have changed over this many last answers
    stability_max_change: Fraction  # ... nor its probability moved by more than this over them
    min_gain_per_cost: Number  # nats per unit of cost; below it no question is worth asking
    max_questions: PerMode  # question screens answered (a grouped question counts once)


class Safety(_Frozen):
    escalation_probability: Fraction  # chance per unit of cost that an answer raises the triage level


class WhyTemplates(_Frozen):
    screen: str  # {reason}
    safety: str  # {condition}
    emergency_name: str  # {condition} when a rule screens for no modelled condition
    gain: str  # {first}, {second}, {gain}, {cost}, {kind}
    gain_one: str  # {first}, {gain}, {cost}, {kind}
    confirm: str  # {quote}: a finding read from the person's free text, to confirm
    confirm_red_flag: str  # {quote}: a red flag read from free text (confirmed first)
    confirm_caption: str  # caption of the one screen that confirms several findings read from text
    confirm_help: str


class InterviewConfig(_Frozen):
    version: int
    screen: dict[str, list[ScreenGroup | ScreenItem]]  # mode -> ordered screen: groups and single items
    costs: Costs
    stop: StopRules
    safety: Safety
    why: dict[str, WhyTemplates]  # mode -> templates
    stop_text: dict[str, dict[str, str]]  # mode -> stop reason -> plain explanation ({...} numbers)
    answer_labels: dict[str, dict[str, str]]  # mode -> value -> label
    region_names: dict[str, str]  # region id -> plain name
    movement_names: dict[str, str]  # movement id -> plain name

    def screen_for(self, mode: str) -> list[ScreenItem]:
        """Every red-flag finding of the mode's screen, in order (groups flattened)."""
        return [item for entry in self.screen_groups(mode) for item in entry.items]

    def screen_groups(self, mode: str) -> list[ScreenGroup]:
        """The mode's screen as question screens: groups as written, a single item as a group of one
        (its own reason; `group` is its finding id)."""
        out = []
        for entry in self.screen.get(mode, []):
            if isinstance(entry, ScreenGroup):
                out.append(entry)
            else:
                out.append(
                    ScreenGroup(
                        group=entry.finding, text="", why=entry.why, rationale="", items=[entry],
                        ref=entry.ref, basis=entry.basis, locator=entry.locator, note=entry.note,
                    )
                )
        return out

    def group_of(self, mode: str) -> dict[str, str]:
        """finding id -> id of the screen group (of two or more items) that asks it."""
        return {
            item.finding: g.group
            for g in self.screen_groups(mode)
            if len(g.items) > 1
            for item in g.items
        }


class InterviewConfigError(ValueError):
    """The interview policy file is invalid; `issues` lists `interview.yaml: path: message` lines."""

    def __init__(self, issues: list[str]) -> None:
        self.issues = list(issues)
        super().__init__("interview policy invalid:\n  " + "\n  ".join(self.issues))


def _packaged_path() -> Any:
    return resources.files("hamstring_dx.knowledge").joinpath("data").joinpath(FILE_NAME)


def read_config(path: str | Path | None = None) -> tuple[InterviewConfig | None, list[str]]:
    """Parse and validate the policy file; return it (None if unusable) and the issues found."""
    node = _packaged_path() if path is None else Path(path)
    try:
        data = yaml.safe_load(node.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{FILE_NAME}: file is missing"]
    except yaml.YAMLError as exc:
        return None, [f"{FILE_NAME}: not valid YAML: {exc}".replace("\n", " ")]
    try:
        return InterviewConfig.model_validate(data), []
    except ValidationError as exc:
        return None, [f"{FILE_NAME}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]


def load_config(path: str | Path | None = None) -> InterviewConfig:
    """The validated policy (the packaged file by default); raises `InterviewConfigError`."""
    if path is None:
        return _packaged()
    cfg, issues = read_config(path)
    if cfg is None:
        raise InterviewConfigError(issues)
    return cfg


@cache
def _packaged() -> InterviewConfig:
    cfg, issues = read_config(None)
    if cfg is None:
        raise InterviewConfigError(issues)
    return cfg


def config_for(kb: KnowledgeBase | None) -> InterviewConfig:
    """The policy that goes with `kb`: the packaged file, or `interview.yaml` beside a KB folder."""
    if kb is None:
        return _packaged()
    beside = Path(kb.source) / FILE_NAME
    if beside.is_file():
        return load_config(beside)
    return _packaged()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_WHY_FIELDS = {
    "screen": {"reason"},
    "safety": {"condition"},
    "gain": {"first", "second", "gain", "cost", "kind"},
    "gain_one": {"first", "gain", "cost", "kind"},
    "emergency_name": set(),
    "confirm": {"quote"},
    "confirm_red_flag": {"quote"},
    "confirm_caption": set(),
    "confirm_help": set(),
}
_STOP_FIELDS = {"level", "confidence", "answers", "change", "min_gain", "max_questions"}


def check_interview_data(kb: KnowledgeBase, path: str | Path | None = None) -> list[str]:
    """Every problem of the interview policy against `kb` (one line each; empty when fine)."""
    if path is None and kb is not None and (Path(kb.source) / FILE_NAME).is_file():
        path = Path(kb.source) / FILE_NAME
    cfg, issues = read_config(path)
    if cfg is None:
        return issues
    f = FILE_NAME
    vocab = kb.vocabulary
    for mode in cfg.screen:
        if mode not in MODES:
            issues.append(f"{f}: screen.{mode}: unknown mode; modes are {', '.join(MODES)}")
    for mode in MODES:
        items = cfg.screen_for(mode)
        if not items:
            issues.append(f"{f}: screen.{mode}: the red-flag screen is empty")
        seen: set[str] = set()
        places = [
            (f"{f}: screen.{mode}[{gi}]" + (f".items[{ii}]" if isinstance(entry, ScreenGroup) else ""), item)
            for gi, entry in enumerate(cfg.screen.get(mode, []))
            for ii, item in enumerate(entry.items if isinstance(entry, ScreenGroup) else [entry])
        ]
        for where, item in places:
            fid = item.finding
            if fid in seen:
                issues.append(f"{where}: {fid} is listed twice")
            seen.add(fid)
            fdef = kb.findings.get(fid)
            if fid not in vocab.findings or fdef is None:
                issues.append(f"{where}: unknown finding id {fid!r}")
                continue
            if fdef.kind not in MODE_KINDS[mode]:
                issues.append(f"{where}: {fid} is a {fdef.kind} finding, not asked in {mode} mode")
            if mode == "patient" and (fdef.kind != "history" or not fdef.patient_question):
                issues.append(f"{where}: {fid} has no plain patient question (patient_question)")
            if not fdef.red_flag:
                issues.append(f"{where}: {fid} is not a red-flag finding (findings.yaml red_flag)")
            if item.ref and item.ref not in kb.references:
                issues.append(f"{where}.ref: unknown reference id {item.ref!r}")
            if not item.why.strip():
                issues.append(f"{where}.why: empty")
        groups = cfg.screen_groups(mode)
        ids = [g.group for g in groups]
        for gi, g in enumerate(groups):
            if ids.count(g.group) > 1:
                issues.append(f"{f}: screen.{mode}[{gi}].group: {g.group!r} is used twice")
            if len(g.items) > 1:
                for item in g.items:
                    ftype = vocab.findings.get(item.finding)
                    if ftype is not None and ftype.type not in VALUES_BY_TYPE:
                        issues.append(
                            f"{f}: screen.{mode}[{gi}]: {item.finding} is a {ftype.type} finding; "
                            "only single-choice findings can be grouped"
                        )
                for key in ("text", "why", "rationale"):
                    if not getattr(g, key).strip():
                        issues.append(f"{f}: screen.{mode}[{gi}].{key}: empty")
                if g.ref and g.ref not in kb.references:
                    issues.append(f"{f}: screen.{mode}[{gi}].ref: unknown reference id {g.ref!r}")
        if len(groups) >= getattr(cfg.stop.max_questions, mode).value:
            issues.append(
                f"{f}: stop.max_questions.{mode}: must exceed the number of screen questions ({len(groups)})"
            )
    for kind in KINDS:
        ref = getattr(cfg.costs, kind).ref
        if ref and ref not in kb.references:
            issues.append(f"{f}: costs.{kind}.ref: unknown reference id {ref!r}")
    if not cfg.costs.of("history") <= cfg.costs.of("exam") <= cfg.costs.of("investigation"):
        issues.append(f"{f}: costs: must not decrease from history to exam to investigation")
    for level in cfg.stop.stop_at_triage:
        if level not in vocab.triage_levels:
            issues.append(f"{f}: stop.stop_at_triage: unknown triage level {level!r}")
    for name in ("confidence", "stability_answers", "stability_max_change", "min_gain_per_cost"):
        ref = getattr(cfg.stop, name).ref
        if ref and ref not in kb.references:
            issues.append(f"{f}: stop.{name}.ref: unknown reference id {ref!r}")
    for mode in MODES:
        if mode not in cfg.why:
            issues.append(f"{f}: why.{mode}: templates missing")
            continue
        for key, allowed in _WHY_FIELDS.items():
            extra = _fields(getattr(cfg.why[mode], key)) - allowed
            if extra:
                issues.append(f"{f}: why.{mode}.{key}: unknown placeholder(s) {', '.join(sorted(extra))}")
        texts = cfg.stop_text.get(mode, {})
        for reason in STOP_REASONS:
            if reason not in texts:
                issues.append(f"{f}: stop_text.{mode}.{reason}: missing")
            elif _fields(texts[reason]) - _STOP_FIELDS:
                issues.append(f"{f}: stop_text.{mode}.{reason}: unknown placeholder(s)")
        for reason in texts:
            if reason not in STOP_REASONS:
                issues.append(
                    f"{f}: stop_text.{mode}.{reason}: not a stop reason ({', '.join(STOP_REASONS)})"
                )
        labels = cfg.answer_labels.get(mode, {})
        for value in ("present", "absent", "positive", "negative", "normal", "reduced", "unknown", "none"):
            if value not in labels:
                issues.append(f"{f}: answer_labels.{mode}.{value}: missing")
    for region in vocab.regions:
        if not cfg.region_names.get(region, "").strip():
            issues.append(f"{f}: region_names.{region}: no plain name")
    for movement in vocab.movements:
        if not cfg.movement_names.get(movement, "").strip():
            issues.append(f"{f}: movement_names.{movement}: no plain name")
    for rid in cfg.region_names:
        if rid not in vocab.regions:
            issues.append(f"{f}: region_names.{rid}: not a vocabulary region")
    for mid in cfg.movement_names:
        if mid not in vocab.movements:
            issues.append(f"{f}: movement_names.{mid}: not a vocabulary movement")
    if cfg.safety.escalation_probability.ref and cfg.safety.escalation_probability.ref not in kb.references:
        issues.append(f"{f}: safety.escalation_probability.ref: unknown reference id")
    return issues
