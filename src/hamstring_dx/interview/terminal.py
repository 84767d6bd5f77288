"""The interactive interview in a terminal: one question at a time, built on the stateless step.

Commands at any question: `?` not sure, `b` back (re-ask the previous question), `u` change an
earlier answer, `h` help, `q` quit. A grouped question (the red-flag screen) shows its items as a
short list, answered on one line (`n n ?`) or one item at a time. An emergency ends the interview
at once with what to do.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import Any

from hamstring_dx.case.model import SEXES, SIDES, parse_case
from hamstring_dx.interview.config import InterviewConfig, config_for
from hamstring_dx.interview.questions import (
    GROUP,
    MOVEMENTS,
    REGIONS,
    Question,
    describe_answer,
    is_not_sure,
    make_question,
    parse_answer,
    parse_group_answer,
)
from hamstring_dx.interview.step import Step, next_question
from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.reasoning.result import Assessment

# A small text map of the body regions (back view; numbers as in the list below it).
BODY_MAP = r"""
              ( )
              /|\          1 low back        2 buttock       3 sitting bone
             / 1 \         4 back of thigh   5 outer thigh   6 front of thigh
            | 2 2 |        7 inner thigh     8 groin         18 between the legs
            |  3  |
           /4\18 /4\       9 front of knee  10 back of knee  11 calf
          5 | 7 7 | 5     12 outer shin     13 inner shin
            10   10       14 top of foot    15 sole          16 outer foot edge
            11   11       17 heel           19 both legs
           12|13 13|12
            14    14
           15 17 17 15
"""

HELP = (
    "Type the number of your answer (or the word). ? = not sure, b = back, "
    "u = change an earlier answer, h = help, q = quit."
)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Quit(Exception):
    """The person typed q (or input ended)."""


def _ask(prompt: str, read: Callable[[str], str]) -> str:
    try:
        return read(prompt)
    except EOFError:
        raise Quit from None


class TerminalInterview:
    def __init__(
        self,
        mode: str,
        kb: KnowledgeBase | None = None,
        config: InterviewConfig | None = None,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
    ) -> None:
        self.mode = mode
        self.kb = kb or load_kb()
        self.cfg = config or config_for(self.kb)
        self.read = read
        self.write = write
        self.case: dict[str, Any] = {}
        self.order: list[tuple[str, ...]] = []  # question screens answered in this session: their findings
        self.asked = 0  # question screens answered so far (from the last step's progress)

    # ------------------------------------------------------------------ start
    def start(self, case: dict[str, Any] | None) -> None:
        if case is not None:
            parse_case(case, self.kb.vocabulary)
            self.case = {**case, "findings": dict(case.get("findings") or {})}
            return
        self.write("First, a few details about you." if self.mode == "patient" else "Patient details.")
        age = self._number("Age in years: ", 0, 120)
        patient: dict[str, Any] = {"age": age}
        sex = self._choice("Sex", SEXES, allow_skip=True)
        if sex:
            patient["sex"] = sex
        side = self._choice("Which leg hurts", SIDES, allow_skip=True)
        setting = "self_assessment"
        if self.mode == "clinician":
            settings = [s for s in self.kb.vocabulary.settings if s != "self_assessment"] or [
                "self_assessment"
            ]
            setting = self._choice("Setting", tuple(settings), allow_skip=False)
        self.case = {"case_format": 1, "setting": setting, "patient": patient, "findings": {}}
        if side:
            self.case["side"] = side
        prompt = (
            "In your own words, what is the problem? (press Enter to skip)\n> "
            if self.mode == "patient"
            else "Free-text note, if any (Enter to skip)\n> "
        )
        text = _ask(prompt, self.read).strip()
        if text.lower() == "q":
            raise Quit
        if text:  # read into findings by the step, which confirms what it read before anything else
            self.case["free_text"] = text

    def _number(self, prompt: str, lo: float, hi: float) -> float:
        while True:
            raw = _ask(prompt, self.read).strip()
            if raw.lower() == "q":
                raise Quit
            try:
                value = float(raw)
            except ValueError:
                self.write(f"  Please type a number between {lo:g} and {hi:g}.")
                continue
            if lo <= value <= hi:
                return int(value) if value == int(value) else value
            self.write(f"  Please type a number between {lo:g} and {hi:g}.")

    def _choice(self, label: str, values: tuple[str, ...], allow_skip: bool) -> str | None:
        options = "  ".join(f"{i}) {v.replace('_', ' ')}" for i, v in enumerate(values, 1))
        skip = "  ? = rather not say" if allow_skip else ""
        while True:
            raw = _ask(f"{label}: {options}{skip}\n> ", self.read).strip().lower()
            if raw == "q":
                raise Quit
            if allow_skip and raw in ("?", ""):
                return None
            if raw.isdigit() and 1 <= int(raw) <= len(values):
                return values[int(raw) - 1]
            if raw.replace(" ", "_") in values:
                return raw.replace(" ", "_")
            self.write(f"  Please choose 1-{len(values)}.")

    # ------------------------------------------------------------------ loop
    def run(self) -> Step:
        level_before: str | None = None
        while True:
            step = next_question(self.case, self.mode, self.kb, self.cfg)
            self.asked = step.progress.asked
            if step.done:
                self._show_result(step)
                return step
            self._show_escalation(level_before, step.triage_level)
            level_before = step.triage_level
            self._ask_question(step.question, step)

    def _show_escalation(self, before: str | None, now: str) -> None:
        rank = self.kb.vocabulary.urgency_rank
        if before is not None and rank[now] > rank[before] and now in ("urgent", "soon"):
            text = self.kb.vocabulary.triage_descriptions.get(now, now)
            self.write("")
            self.write(f"!! Because of your answer, you should get care: {now.upper()} ({text}).")
            self.write("!! A few more questions help us tell you more.")

    def _show_question(self, q: Question, step: Step | None, number: int) -> None:
        self.write("")
        if step is not None:
            p = step.progress
            phase = (
                f" · red-flag screen {p.screen_asked + 1} of {p.screen_total}"
                if p.phase == "screen"
                else " · safety check"
                if p.phase == "safety"
                else ""
            )
            self.write(f"Question {number} (at most {p.max_questions}){phase}")
        width = max(40, min(100, shutil.get_terminal_size((100, 40)).columns - 2))
        self.write(textwrap.fill(q.text, width))
        if q.help:
            self.write(textwrap.fill(f"({q.help})", width, initial_indent="  ", subsequent_indent="   "))
        if q.why:
            self.write(textwrap.fill(f"Why we ask: {q.why}", width, initial_indent="  ", subsequent_indent="    "))
        if q.type == GROUP:
            for letter, item in zip(_LETTERS, q.items, strict=False):
                self.write(textwrap.fill(f"{letter}) {item.text}", width, initial_indent="  ",
                                         subsequent_indent="     "))
            labels = " / ".join(o.label for o in q.items[0].options)
            self.write(f"  Answer each ({labels}): one line like "
                       f"\"{' '.join(['n'] * (len(q.items) - 1) + ['?'])}\" (y = yes, n = no, ? = not sure), "
                       "or one at a time.")
        elif q.type in (REGIONS, MOVEMENTS):
            if q.type == REGIONS and self.mode == "patient":
                self.write(BODY_MAP.rstrip("\n"))
            items = [o for o in q.options if not o.exclusive]
            for i, o in enumerate(items, 1):
                self.write(f"  {i:2d}) {o.label}")
            self.write("   0) none of these    ?) not sure")
            self.write("  Type the numbers of all that apply, e.g. 2 4")
        elif q.type == "number":
            unit = f" ({q.unit})" if q.unit else ""
            self.write(f"  Type a number{unit}, or ? if not sure")
        else:
            self.write("  " + "   ".join(f"{i}) {o.label}" for i, o in enumerate(q.options, 1)))

    def _ask_question(self, q: Question, step: Step | None, replace: bool = False) -> None:
        self._show_question(q, step, self.asked + 1)
        while True:
            raw = _ask("> ", self.read).strip()
            cmd = raw.lower()
            if cmd == "q":
                raise Quit
            if cmd == "h":
                self.write(HELP)
                continue
            if cmd == "b" and not replace:
                if self._back():
                    return
                continue
            if cmd == "u" and not replace:
                if self._edit():
                    return
                continue
            if q.type == GROUP:
                values = self._group_answers(q, raw)
                if values is None:
                    continue
            else:
                try:
                    values = [parse_answer(q, raw)]
                except ValueError as exc:
                    self.write(f"  {exc}")
                    continue
            targets = q.items if q.type == GROUP else (q,)
            for k, (item, value) in enumerate(zip(targets, values, strict=True)):
                self.case["findings"][item.finding] = value
                label = f"{_LETTERS[k]}) " if q.type == GROUP else ""
                self.write(f"  -> {label}{describe_answer(item, value)}")
            if not replace:
                self.order.append(q.findings)
            return

    def _group_answers(self, q: Question, raw: str) -> list[Any] | None:
        """Every item's answer, in order: one line answering all (`n n ?`), or the first item's
        answer followed by one prompt per remaining item (`b` there re-asks the item before).

        None (after a message) when the answer cannot be read; the group is then asked again.
        """
        if len(raw.split()) > 1 and not is_not_sure(raw):
            try:
                return parse_group_answer(q, raw)
            except ValueError as exc:
                self.write(f"  {exc}")
                return None
        values: list[Any] = []
        answer = raw
        while True:
            k = len(values)
            try:
                values.append(parse_answer(q.items[k], answer))
            except ValueError as exc:
                self.write(f"  {_LETTERS[k]}) {exc}")
                if k == 0 and answer is raw:
                    return None
            if len(values) == len(q.items):
                return values
            while True:
                k = len(values)
                answer = _ask(f"  {_LETTERS[k]}) {q.items[k].text}\n  > ", self.read).strip()
                cmd = answer.lower()
                if cmd == "q":
                    raise Quit
                if cmd == "h":
                    self.write(HELP)
                    continue
                if cmd == "b":
                    if values:
                        values.pop()
                    continue
                break

    def _back(self) -> bool:
        if not self.order:
            self.write("  There is no earlier answer in this interview.")
            return False
        for finding in self.order.pop():
            self.case["findings"].pop(finding, None)
        self.write("  Going back one question.")
        return True

    def _edit(self) -> bool:
        if not self.order:
            self.write("  There is no earlier answer to change.")
            return False
        self.write("  Your answers so far:")
        answered = [f for screen in self.order for f in screen]  # every item of a group on its own
        questions = {f: make_question(self.kb, self.cfg, f, self.mode, "") for f in answered}
        for i, f in enumerate(answered, 1):
            q = questions[f]
            self.write(f"  {i:2d}) {q.text}  -> {describe_answer(q, self.case['findings'][f])}")
        while True:
            raw = _ask("  Number of the answer to change (Enter to cancel): ", self.read).strip()
            if not raw:
                return False
            if raw.isdigit() and 1 <= int(raw) <= len(answered):
                break
            self.write(f"  Please choose 1-{len(answered)}.")
        f = answered[int(raw) - 1]
        q = make_question(self.kb, self.cfg, f, self.mode, "You are changing an earlier answer.")
        self._ask_question(q, None, replace=True)
        return True

    # ------------------------------------------------------------------ result
    def _show_result(self, step: Step) -> None:
        a = step.assessment
        assert a is not None
        levels = self.kb.vocabulary.triage_descriptions
        self.write("")
        self.write("=" * 70)
        if step.stop_reason == "emergency":
            self.write(f"EMERGENCY: {levels.get(a.triage.level, a.triage.level).upper()}.")
            self.write(
                "Go to the emergency department now, or call your emergency number (999, 112 or 911)."
                if self.mode == "patient"
                else "Act now: emergency referral."
            )
            for r in a.triage.reasons:
                text = r.patient_text if self.mode == "patient" and r.patient_text else r.text
                if text and not r.rule.startswith("usual:"):
                    self.write(f"  - {text}")
        self.write(f"Interview ended: {step.stop_explanation}")
        self.write(f"Questions answered: {step.progress.asked} ({step.progress.answers} answers)")
        self.write("")
        if self.mode == "clinician":
            from hamstring_dx.interfaces.render_text import render_assessment

            self.write(render_assessment(a, levels).rstrip("\n"))
        else:
            self._patient_summary(a, levels)
        self._show_plan()
        self.write("=" * 70)

    def _patient_summary(self, a: Assessment, levels: dict[str, str]) -> None:
        self.write(
            f"WHAT TO DO: {a.triage.level.replace('_', ' ').upper()} - {levels.get(a.triage.level, '')}"
        )
        for r in a.triage.reasons:
            if r.patient_text:
                self.write(f"  - {r.patient_text}")
        self.write("")
        self.write("MOST LIKELY CAUSES (chance each one is present):")
        for d in a.differential[:4]:
            self.write(f"  {d.probability:4.0%}  {d.plain_name}")

    def _show_plan(self) -> None:
        self.write("")
        try:
            from hamstring_dx.care import plan  # type: ignore[attr-defined]
        except ImportError:
            self.write("CARE PLAN: not available in this installation.")
            return
        try:
            result = plan(self.case, audience=self.mode)
        except Exception as exc:  # the plan layer is optional; its failure must not hide the result
            self.write(f"CARE PLAN: could not be made ({type(exc).__name__}: {exc}).")
            return
        self.write("CARE PLAN:")
        self.write(_plan_text(result, self.mode).rstrip("\n"))


def _plan_text(result: Any, mode: str) -> str:
    """The care plan as text: the care layer's Markdown rendering when it has one, else its data."""
    try:
        from hamstring_dx.care.render import render_markdown  # type: ignore[import-not-found]

        return str(render_markdown(result, mode))
    except ImportError:
        pass
    import yaml

    data = result.to_dict() if hasattr(result, "to_dict") else result
    return (
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        if isinstance(data, dict | list)
        else str(data)
    )


def run_interview(
    mode: str = "patient",
    case: dict[str, Any] | None = None,
    kb: KnowledgeBase | None = None,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> dict[str, Any] | None:
    """Run the interactive interview; return the final case (None when the person quit)."""
    ti = TerminalInterview(mode, kb, read=read, write=write)
    if case is None or not case.get("free_text"):
        from hamstring_dx.text.reader import warm_up

        warm_up()  # the reader builds while the person answers the first questions
    ti.write(f"hamstring-dx interview ({mode} mode). {HELP}")
    ti.write("This tool does not replace a clinician. If you feel very unwell, seek care now.")
    try:
        ti.start(case)
        ti.run()
    except Quit:
        ti.write("")
        ti.write("Interview stopped before the end; no result was made.")
        return None
    return ti.case
