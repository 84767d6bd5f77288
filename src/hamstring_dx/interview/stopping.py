"""The documented stop rules of the interview (docs/interview.md, "Stop rules").

The interview ends, and the step returns one of these reasons, when:

- `emergency`: the triage level of the answers so far is one of `stop.stop_at_triage` (an
  emergency): nothing else should be asked before the person acts.
- `max_questions`: `stop.max_questions.<mode>` questions have been answered (question screens:
  a grouped red-flag question counts once, see `questions_asked`).
- `confident`: the leading condition's probability is at least `stop.confidence`, and over the
  last `stop.stability_answers` answers neither the leader, nor the triage level changed, nor did
  the leader's probability move by more than `stop.stability_max_change`.
- `all_asked`: no finding of the mode is left to ask.
- `no_useful_question`: the best remaining question's expected information gain per unit of cost
  is below `stop.min_gain_per_cost`.

The red-flag screen always runs first, and the safety follow-up questions of a dangerous
condition are asked before `confident`, `all_asked` or `no_useful_question` may end the interview.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from hamstring_dx.case.model import Case
from hamstring_dx.interview.config import STOP_REASONS, InterviewConfig
from hamstring_dx.reasoning.evidence import network_evidence
from hamstring_dx.reasoning.inference import infer
from hamstring_dx.reasoning.network import Network
from hamstring_dx.reasoning.triage import assess_triage


@dataclass(frozen=True)
class Stability:
    leader: str
    probability: float
    confident: bool  # leader's probability reaches the confidence threshold
    stable: bool  # leader, its probability and the triage level held over the last k answers


def questions_asked(
    case: Case, group_of: Mapping[str, str] | None = None, confirmed: Collection[str] = ()
) -> int:
    """Question screens answered so far, derived from the case alone (the step is stateless).

    Every finding recorded counts as one question (a list answer counts once), except that a run of
    findings recorded one after another that belong to the same screen group (`group_of`: finding ->
    group id) counts once: the group question writes its items together, in order. A finding in
    `confirmed` (read from the person's free text, so asked on its own confirmation screen) never
    joins a run.
    """
    group_of = group_of or {}
    count = 0
    previous: str | None = None
    for fid in case.findings:
        group = None if fid in confirmed else group_of.get(fid)
        if group is None or group != previous:
            count += 1
        previous = group
    return count


def without_last(case: Case, n: int) -> Case:
    """The case as it was `n` answers ago (findings are kept in the order they were recorded)."""
    items = list(case.findings.items())
    return Case(
        case.case_id, case.setting, case.side, case.patient, dict(items[: len(items) - n]), case.free_text
    )


def stability(net: Network, case: Case, marg: np.ndarray, level: str, cfg: InterviewConfig) -> Stability:
    """Is the differential confident, and has it been stable over the last k answers?"""
    lead = int(np.argmax(marg))
    p = float(marg[lead])
    confident = p >= cfg.stop.confidence.value
    k = cfg.stop.stability_answers.value
    stable = confident and len(case.findings) >= k
    j = 1
    while stable and j <= k:
        earlier = without_last(case, j)
        m = infer(net, network_evidence(earlier, net)).condition_marginals(net)
        if (
            int(np.argmax(m)) != lead
            or abs(float(m[lead]) - p) > cfg.stop.stability_max_change.value
            or assess_triage(net.kb, net, earlier).level != level
        ):
            stable = False
        j += 1
    return Stability(net.conditions[lead], p, confident, stable)


def stop_explanation(cfg: InterviewConfig, mode: str, reason: str, level: str = "") -> str:
    """The plain-words explanation of a stop reason, with the policy numbers filled in."""
    if reason not in STOP_REASONS:
        raise ValueError(f"unknown stop reason {reason!r}")
    s = cfg.stop
    template = cfg.stop_text[mode][reason]
    return template.format(
        level=level,
        confidence=f"{s.confidence.value:.0%}",
        answers=s.stability_answers.value,
        change=f"{s.stability_max_change.value:.0%}",
        min_gain=f"{s.min_gain_per_cost.value:g}",
        max_questions=getattr(s.max_questions, mode).value,
    )
