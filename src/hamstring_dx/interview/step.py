"""The stateless interview step shared by every front end.

`next_question(case, mode)` looks only at the case so far and returns either the next question or
the final result. Order of business (docs/interview.md):

0. findings read from the person's free text are confirmed first, red flags before anything else
   (a red flag read from text already counts for the triage level while it is being confirmed);
1. an emergency triage from the answers so far ends the interview at once;
2. the question cap;
3. the fixed red-flag screen of the mode, in its order; related flags are one grouped question
   (`type: group`, policy data in interview.yaml) that counts as one question;
4. safety follow-up: the red-flag questions of any dangerous condition whose probability has
   reached `safety.follow_up_probability`;
5. the confident-and-stable stop;
6. otherwise the unasked question with the highest expected information gain per unit of cost,
   unless none is worth asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from hamstring_dx.case.model import Case, parse_case
from hamstring_dx.interview.config import (
    MODE_KINDS,
    MODES,
    InterviewConfig,
    config_for,
)
from hamstring_dx.interview.questions import Question, askable, make_group_question, make_question
from hamstring_dx.interview.safety import is_positive, next_follow_up
from hamstring_dx.interview.stopping import questions_asked, stability, stop_explanation
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import Posterior, infer
from hamstring_dx.reasoning.network import Network
from hamstring_dx.reasoning.next_findings import rank_next_findings
from hamstring_dx.reasoning.result import Assessment, NextFinding


@dataclass(frozen=True)
class Progress:
    asked: int  # question screens answered so far (a grouped question counts once)
    max_questions: int
    screen_asked: int  # screen questions (groups) fully answered
    screen_total: int  # screen questions (groups) of the mode
    phase: str  # confirm | screen | safety | gain | done
    answers: int = 0  # findings recorded so far (a group records one per item)

    def to_dict(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "answers": self.answers,
            "max_questions": self.max_questions,
            "screen_asked": self.screen_asked,
            "screen_total": self.screen_total,
            "phase": self.phase,
        }


@dataclass(frozen=True)
class Step:
    done: bool
    progress: Progress
    triage_level: str  # the triage level of the answers so far (red flags escalate at once)
    question: Question | None = None
    stop_reason: str | None = None
    stop_explanation: str | None = None
    assessment: Assessment | None = None

    def to_dict(self) -> dict[str, Any]:
        """`{"done": false, "question": {...}}` or `{"done": true, "stop_reason", "assessment"}`."""
        if not self.done:
            assert self.question is not None
            return {
                "done": False,
                "question": self.question.to_dict(),
                "progress": self.progress.to_dict(),
                "triage_level": self.triage_level,
            }
        assert self.assessment is not None
        return {
            "done": True,
            "stop_reason": self.stop_reason,
            "stop_explanation": self.stop_explanation,
            "assessment": self.assessment.to_dict(),
            "progress": self.progress.to_dict(),
        }


@dataclass(frozen=True)
class Candidate:
    finding: str
    node: str
    gain: float  # expected information gain, nats
    cost: float
    kind: str

    @property
    def score(self) -> float:
        return self.gain / self.cost


def rank_candidates(
    net: Network, post: Posterior, case: Case, mode: str, cfg: InterviewConfig
) -> list[Candidate]:
    """Unasked, askable findings of the mode, best expected gain per unit of cost first."""
    kb = net.kb
    ranked: list[NextFinding] = rank_next_findings(
        net, post, set(case.findings), MODE_KINDS[mode], limit=None
    )
    out = []
    for nf in ranked:
        if not askable(kb, nf.finding, mode):
            continue
        kind = kb.findings[nf.finding].kind
        out.append(Candidate(nf.finding, nf.node, nf.expected_information_gain, cfg.costs.of(kind), kind))
    out.sort(key=lambda c: (-c.score, c.finding))
    return out


def _most_moved(net: Network, evidence: dict[str, str], node: str, marg: np.ndarray) -> list[int]:
    """Conditions whose probability the answer to `node` could move most, largest first."""
    moved = np.zeros_like(marg)
    for state in net.nodes[node].states:
        m = infer(net, {**evidence, node: state}).condition_marginals(net)
        moved = np.maximum(moved, np.abs(m - marg))
    return [int(i) for i in np.argsort(-moved, kind="stable")[:2] if moved[i] > 1e-6]


def _condition_name(kb: KnowledgeBase, cid: str, mode: str) -> str:
    cond = kb.conditions[cid]
    if mode == "patient":  # used inside a sentence: "... tell apart two likely causes: pulled hamstring ..."
        return cond.plain_name[:1].lower() + cond.plain_name[1:]
    return cond.name


def _gain_why(
    net: Network, cfg: InterviewConfig, mode: str, cand: Candidate, evidence: dict[str, str], marg: np.ndarray
) -> str:
    kb = net.kb
    names = [
        _condition_name(kb, net.conditions[i], mode) for i in _most_moved(net, evidence, cand.node, marg)
    ]
    t = cfg.why[mode]
    common = {"gain": f"{cand.gain:.3f}", "cost": f"{cand.cost:g}", "kind": cand.kind}
    if len(names) >= 2:
        return t.gain.format(first=names[0], second=names[1], **common)
    first = names[0] if names else _condition_name(kb, net.conditions[int(np.argmax(marg))], mode)
    return t.gain_one.format(first=first, **common)


def next_question(
    case: dict[str, Any] | Case,
    mode: str = "patient",
    kb: KnowledgeBase | None = None,
    config: InterviewConfig | None = None,
    source: str | None = None,
) -> Step:
    """The next question for `case` in `mode` (`patient` or `clinician`), or the final result.

    Raises `CaseError` naming the field when the case is invalid, ValueError for an unknown mode.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    net = network_for(kb)
    kb = net.kb
    cfg = config or config_for(kb)
    parsed = case if isinstance(case, Case) else parse_case(case, kb.vocabulary, source)
    pending, quotes, working, confirmed = _read_free_text(parsed, kb, mode)
    cap = getattr(cfg.stop.max_questions, mode).value
    groups = []  # the screen as question screens: (group, its askable items)
    for g in cfg.screen_groups(mode):
        items = [item for item in g.items if askable(kb, item.finding, mode)]
        if items:
            groups.append((g, items))
    group_of = {item.finding: g.group for g, items in groups if len(g.items) > 1 for item in items}
    # findings read from free text are confirmed on (at most) two grouped screens: red flags, then the rest
    group_of.update({fid: _confirm_group(kb, fid) for fid in confirmed if _groupable(kb, fid)})
    n_asked = questions_asked(parsed, group_of, [fid for fid in confirmed if not _groupable(kb, fid)])
    screen_asked = sum(all(item.finding in parsed.findings for item in items) for _, items in groups)

    def progress(phase: str) -> Progress:
        return Progress(n_asked, cap, screen_asked, len(groups), phase, len(parsed.findings))

    def finish(reason: str) -> Step:
        from hamstring_dx.workflow import assess_case  # free text read, explicit answers win

        result = assess_case(parsed, kb)
        level = result.triage.level
        return Step(
            True,
            progress("done"),
            level,
            stop_reason=reason,
            stop_explanation=stop_explanation(cfg, mode, reason, level),
            assessment=result,
        )

    from hamstring_dx.reasoning.triage import assess_triage

    level = assess_triage(kb, net, working).level

    def item_why(fid: str) -> str:
        template = cfg.why[mode].confirm_red_flag if kb.findings[fid].red_flag else cfg.why[mode].confirm
        return template.format(quote=quotes[fid])

    def confirm(fids: list[str]) -> Step:
        group = [fid for fid in fids if _groupable(kb, fid)]
        if len(group) >= 2:
            t = cfg.why[mode]
            q = make_group_question(kb, cfg, _confirm_group(kb, group[0]), t.confirm_caption, t.confirm_help,
                                    [(fid, item_why(fid)) for fid in group], mode, t.confirm_caption, phase="confirm")
        else:
            fid = group[0] if group else fids[0]
            q = make_question(kb, cfg, fid, mode, item_why(fid), phase="confirm")
        return Step(False, progress("confirm"), level, question=q)

    red_pending = [fid for fid in pending if kb.findings[fid].red_flag]
    if red_pending:
        return confirm(red_pending)
    if level in cfg.stop.stop_at_triage:
        return finish("emergency")
    if n_asked >= cap:
        return finish("max_questions")
    if pending:
        return confirm(pending)

    for g, items in groups:
        todo = [item for item in items if item.finding not in working.findings]
        if not todo:
            continue
        if len(g.items) == 1 or len(todo) == 1:  # a single question (or what is left of a group)
            item = todo[0]
            why = cfg.why[mode].screen.format(reason=item.why)
            q = make_question(kb, cfg, item.finding, mode, why, phase="screen")
        else:
            why = cfg.why[mode].screen.format(reason=g.why)
            findings = [(item.finding, item.why) for item in todo]
            q = make_group_question(kb, cfg, g.group, g.text, g.help, findings, mode, why, phase="screen")
        return Step(False, progress("screen"), level, question=q)

    evidence = network_evidence(working, net)
    post = infer(net, evidence)
    marg = post.condition_marginals(net)
    candidates = rank_candidates(net, post, working, mode, cfg)

    follow = _safety_question(net, cfg, working, mode, post, candidates, level)
    if follow is not None:
        return Step(False, progress("safety"), level, question=follow)

    if stability(net, working, marg, level, cfg).stable:
        return finish("confident")
    if not candidates:
        return finish("all_asked")
    best = candidates[0]
    if best.score < cfg.stop.min_gain_per_cost.value:
        return finish("no_useful_question")
    why = _gain_why(net, cfg, mode, best, evidence, marg)
    return Step(False, progress("gain"), level, question=make_question(kb, cfg, best.finding, mode, why))


def _groupable(kb: KnowledgeBase, fid: str) -> bool:
    """Yes / no / not sure findings can share a confirmation screen."""
    return kb.vocabulary.findings[fid].type in ("boolean", "test")


def _confirm_group(kb: KnowledgeBase, fid: str) -> str:
    return "confirm_red_flags" if kb.findings[fid].red_flag else "confirm_from_text"


def _read_free_text(
    case: Case, kb: KnowledgeBase, mode: str
) -> tuple[list[str], dict[str, str], Case, frozenset[str]]:
    """Findings read from the case's free text and not yet answered (askable ones, red flags first),
    the words each was read from, the case with them entered provisionally, and every finding the
    text gives rise to a confirmation question for (answered or not; for counting questions)."""
    if not case.free_text or not case.free_text.strip():
        return [], {}, case, frozenset()
    from hamstring_dx.text.merge import merge_text  # the NLP layer loads only when there is text

    merged = merge_text(case, case.free_text, kb)
    quotes: dict[str, str] = {}
    mentioned: set[str] = set()
    for m in merged.reading.mentions:
        mentioned.add(m.finding)
        if m.finding in merged.added and m.finding not in quotes:
            quotes[m.finding] = m.text
    pending = [fid for fid in merged.added if fid in quotes and askable(kb, fid, mode)]
    pending.sort(key=lambda fid: not kb.findings[fid].red_flag)
    # what the text would add to a case holding none of its findings (merge_text's rule: a red flag
    # read as negated is not added, so it is asked in the screen, not confirmed)
    confirmed = frozenset(
        fid
        for fid, value in merged.reading.to_case_findings().items()
        if fid in kb.findings
        and fid in mentioned
        and askable(kb, fid, mode)
        and (not kb.findings[fid].red_flag or is_positive(kb, fid, value))
    )
    return pending, quotes, merged.case, confirmed


def _safety_question(
    net: Network,
    cfg: InterviewConfig,
    case: Case,
    mode: str,
    post: Posterior,
    candidates: list[Candidate],
    level: str,
) -> Question | None:
    kb = net.kb
    follow = next_follow_up(net, post, case, level, mode, cfg, {c.finding: c.score for c in candidates})
    if follow is None:
        return None
    cid = follow.condition
    name = _condition_name(kb, cid, mode) if cid in kb.conditions else cfg.why[mode].emergency_name
    why = cfg.why[mode].safety.format(condition=name)
    return make_question(kb, cfg, follow.finding, mode, why, phase="safety")
