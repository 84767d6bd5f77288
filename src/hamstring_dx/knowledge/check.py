"""Cross-file integrity checks of the knowledge base (`hamstring-dx kb check`).

Each issue is one line `file: path: message`. Shape errors are found by the pydantic models on
load; these checks find what one file cannot know alone (ids, sums, sources, coverage).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel

from hamstring_dx.knowledge import schema as s
from hamstring_dx.knowledge.nodes import TWO_STATE, NodeSpec, finding_nodes
from hamstring_dx.knowledge.vocabulary import LIST_TYPES

if TYPE_CHECKING:
    from hamstring_dx.knowledge.loader import KnowledgeBase

SUM_TOLERANCE = 1e-6


def all_nodes(kb: KnowledgeBase) -> dict[str, NodeSpec]:
    """Every observable or latent node a likelihood or root effect may name."""
    bins = {f.id: tuple(b.state for b in f.bins) for f in kb.findings.values() if f.bins}
    nodes = finding_nodes(kb.vocabulary, bins)
    for ctx in kb.context.values():
        states = tuple(b.state for b in ctx.bins) if ctx.bins else tuple(ctx.states or ())
        nodes[ctx.id] = NodeSpec(ctx.id, states, "categorical", None, role="context")
    for sign in kb.signs.values():
        nodes[sign.id] = NodeSpec(sign.id, TWO_STATE["sign"], "two_state", None, role="sign")
    return nodes


def iter_sourced(obj: object, path: str = "") -> Iterator[tuple[str, s.Sourced]]:
    """Every `Sourced` record inside a model (or list/dict of them), with its dotted path."""
    if isinstance(obj, s.Sourced):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_sourced(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from iter_sourced(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from iter_sourced(item, f"{path}.{key}")


def _sum_issue(label: str, dist: dict[str, float], states: tuple[str, ...]) -> list[str]:
    out = []
    if set(dist) != set(states):
        out.append(f"{label}: states must be exactly {', '.join(states)}; got {', '.join(dist)}")
    if any(not (0 <= v <= 1) for v in dist.values()):
        out.append(f"{label}: probabilities must lie in [0, 1]")
    if abs(sum(dist.values()) - 1) > SUM_TOLERANCE:
        out.append(f"{label}: must sum to 1, sums to {sum(dist.values()):.6f}")
    return out


def _check_bins(label: str, bins: list[s.Bin] | None) -> list[str]:
    if not bins:
        return [f"{label}: bins are required"]
    out = []
    bounds = [b.below for b in bins]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
        out.append(f"{label}: only the last bin is open (below: null)")
    closed = [b for b in bounds if b is not None]
    if closed != sorted(set(closed)):
        out.append(f"{label}: bin bounds must increase")
    return out


def integrity_issues(
    kb: KnowledgeBase, raw_conditions: list[s.Condition], raw_findings: list[s.FindingDef]
) -> list[str]:
    """All integrity problems of a knowledge base that passed the shape checks."""
    vocab = kb.vocabulary
    levels = set(vocab.triage_levels)
    issues: list[str] = []

    # --- conditions
    ids = [c.id for c in raw_conditions]
    for cid in vocab.conditions:
        if ids.count(cid) != 1:
            issues.append(f"conditions.yaml: {cid}: must appear exactly once (found {ids.count(cid)})")
    for i, c in enumerate(raw_conditions):
        label = f"conditions.yaml: conditions[{i}] ({c.id})"
        if c.id not in vocab.conditions:
            issues.append(f"{label}: id is not a vocabulary condition")
        if not c.icd10cm:
            issues.append(f"{label}: icd10cm: at least one code is required")
        for key in ("self_assessment", "clinical"):
            if getattr(c.usual_triage, key) not in levels:
                issues.append(f"{label}: usual_triage.{key}: not a triage level")
        if c.escalation and c.escalation.level not in levels:
            issues.append(f"{label}: escalation.level: not a triage level")
        if c.dangerous and not c.escalation:
            issues.append(f"{label}: escalation: a dangerous condition needs an escalation threshold")
        if c.root_distribution:
            bad = set(c.root_distribution) - {*vocab.roots, "none"}
            if bad:
                issues.append(f"{label}: root_distribution: unknown roots {sorted(bad)}")
            total = sum(r.p for r in c.root_distribution.values())
            if abs(total - 1) > SUM_TOLERANCE:
                issues.append(f"{label}: root_distribution: must sum to 1, sums to {total:.6f}")

    # --- findings
    fids = [f.id for f in raw_findings]
    for fid in vocab.findings:
        if fids.count(fid) != 1:
            issues.append(f"findings.yaml: {fid}: must appear exactly once (found {fids.count(fid)})")
    nodes = all_nodes(kb)
    for i, f in enumerate(raw_findings):
        label = f"findings.yaml: findings[{i}] ({f.id})"
        ftype = vocab.findings.get(f.id)
        if ftype is None:
            issues.append(f"{label}: id is not a vocabulary finding")
            continue
        if f.kind not in ("history", "exam", "investigation"):
            issues.append(f"{label}: kind: must be history, exam or investigation")
        if f.kind == "history" and not f.patient_question:
            issues.append(f"{label}: patient_question: history findings need a plain question")
        if f.sign:
            sign = kb.signs.get(f.sign)
            if sign is None:
                issues.append(f"{label}: sign: unknown sign {f.sign!r}")
            elif f.id not in {m.finding for m in sign.members}:
                issues.append(f"{label}: sign: not listed as a member of {f.sign}")
            continue
        if ftype.type == "number":
            issues.extend(_check_bins(label, f.bins))
            if not isinstance(f.baseline, s.Distribution):
                issues.append(f"{label}: baseline: a number finding needs a distribution over its bins")
            elif f.bins:
                issues.extend(
                    _sum_issue(f"{label}: baseline", f.baseline.distribution, tuple(b.state for b in f.bins))
                )
        elif not isinstance(f.baseline, s.Prob):
            issues.append(f"{label}: baseline: a two-state finding needs `p`")
        elif not 0 < f.baseline.p < 1:
            issues.append(f"{label}: baseline.p: must lie strictly between 0 and 1")
        if f.item_baselines:
            if ftype.type not in LIST_TYPES:
                issues.append(f"{label}: item_baselines: only for region and movement lists")
            else:
                bad = set(f.item_baselines) - set(vocab.items_of(f.id))
                if bad:
                    issues.append(f"{label}: item_baselines: unknown items {sorted(bad)}")

    # --- context
    for name in ("age_band", "sex", "activity"):
        if name not in kb.context:
            issues.append(f"context.yaml: {name}: missing")
    for ctx in kb.context.values():
        label = f"context.yaml: {ctx.id}"
        if ctx.source_key not in ("age", "sex", "activity"):
            issues.append(f"{label}: source_key: must be age, sex or activity")
        if ctx.bins:
            issues.extend(_check_bins(label, ctx.bins))
        elif ctx.source_key == "activity" and tuple(ctx.states or ()) != vocab.activities:
            issues.append(f"{label}: states: must be the vocabulary activities in order")
        issues.extend(_sum_issue(f"{label}: baseline", ctx.baseline.distribution, nodes[ctx.id].states))

    # --- signs (members are findings with `sign:`, or single items of a region/movement list)
    seen_members: set[str] = set()
    for sign in kb.signs.values():
        for j, m in enumerate(sign.members):
            label = f"signs.yaml: {sign.id}.members[{j}]"
            spec = nodes.get(m.finding)
            if m.finding in seen_members:
                issues.append(f"{label}: {m.finding} is a member of two signs")
            seen_members.add(m.finding)
            if spec is None or not spec.two_state or spec.role != "finding":
                issues.append(f"{label}: {m.finding} must be a two-state finding node")
            elif spec.item is None and kb.findings[m.finding].sign != sign.id:
                issues.append(f"{label}: {m.finding} must be a finding with sign: {sign.id}")

    # --- priors
    pri = kb.priors
    for setting in vocab.settings:
        sp = pri.settings.get(setting)
        if sp is None:
            issues.append(f"priors.yaml: settings.{setting}: missing")
            continue
        missing = set(vocab.conditions) - set(sp.conditions)
        extra = set(sp.conditions) - set(vocab.conditions)
        if missing or extra:
            issues.append(f"priors.yaml: settings.{setting}: missing {sorted(missing)}, unknown {sorted(extra)}")
        total = sp.other.p + sum(p.p for p in sp.conditions.values())
        if abs(total - 1) > SUM_TOLERANCE:
            issues.append(f"priors.yaml: settings.{setting}: other + conditions must sum to 1, sums to {total:.6f}")
        zero = [c for c, p in sp.conditions.items() if p.p <= 0]
        if zero:
            issues.append(f"priors.yaml: settings.{setting}: priors must be > 0 (got 0 for {zero})")
    for setting in set(pri.settings) - set(vocab.settings):
        issues.append(f"priors.yaml: settings.{setting}: not a vocabulary setting")
    for i, pair in enumerate(pri.incompatible_pairs):
        if not set(pair.pair) <= set(vocab.conditions) or pair.pair[0] == pair.pair[1]:
            issues.append(f"priors.yaml: incompatible_pairs[{i}]: needs two different condition ids")

    # --- likelihoods
    members = {m.finding for g in kb.signs.values() for m in g.members}
    root_nodes = {e.node for r in kb.roots.values() for e in r.effects}
    for cid in vocab.conditions:
        if cid not in kb.likelihoods:
            issues.append(f"likelihoods/{cid}.yaml: missing (every condition needs its likelihoods)")
    for cid, links in kb.likelihoods.items():
        file = f"likelihoods/{cid}.yaml"
        if cid not in vocab.conditions:
            issues.append(f"{file}: condition: not a vocabulary condition")
        seen: set[str] = set()
        radicular = bool(kb.conditions.get(cid) and kb.conditions[cid].root_distribution)
        for j, link in enumerate(links):
            label = f"{file}: links[{j}] ({link.node})"
            if link.node in seen:
                issues.append(f"{label}: node linked twice")
            seen.add(link.node)
            spec = nodes.get(link.node)
            if spec is None:
                issues.append(f"{label}: unknown node")
                continue
            if link.node in members:
                issues.append(f"{label}: a sign member; link the sign node instead")
            if radicular and link.node in root_nodes:
                issues.append(f"{label}: a root effect; radicular conditions act on it through `root`")
            if spec.two_state and link.p is None:
                issues.append(f"{label}: a two-state node needs `p`")
            if not spec.two_state:
                if link.distribution is None:
                    issues.append(f"{label}: a categorical node needs `distribution`")
                else:
                    issues.extend(_sum_issue(f"{label}: distribution", link.distribution, spec.states))

    # --- roots
    for r in kb.roots.values():
        if r.root not in vocab.roots:
            issues.append(f"roots.yaml: {r.root}: not a vocabulary root")
        for j, e in enumerate(r.effects):
            spec = nodes.get(e.node)
            if spec is None or not spec.two_state or e.node in members:
                issues.append(f"roots.yaml: {r.root}.effects[{j}] ({e.node}): must be a two-state finding node")

    # --- triage policy
    for key in ("self_assessment", "clinical"):
        if getattr(kb.triage_policy.other, key) not in levels:
            issues.append(f"triage.yaml: other.{key}: not a triage level")

    # --- red flags
    issues.extend(_red_flag_issues(kb))

    # --- every number and rule sourced from a known reference
    groups: list[tuple[str, object]] = [
        ("conditions.yaml", raw_conditions),
        ("findings.yaml", raw_findings),
        ("context.yaml", list(kb.context.values())),
        ("signs.yaml", list(kb.signs.values())),
        ("priors.yaml", kb.priors),
        ("roots.yaml", list(kb.roots.values())),
        ("red_flags.yaml", list(kb.red_flags)),
        ("triage.yaml", kb.triage_policy),
    ]
    groups += [(f"likelihoods/{cid}.yaml", list(links)) for cid, links in kb.likelihoods.items()]
    for file, obj in groups:
        for path, src in iter_sourced(obj, ""):
            if src.ref and src.ref not in kb.references:
                issues.append(f"{file}: {path}.ref: unknown reference {src.ref!r}")
    return issues


def _red_flag_issues(kb: KnowledgeBase) -> list[str]:
    from hamstring_dx.reasoning import rules  # the generic expression evaluator

    issues: list[str] = []
    levels = set(kb.vocabulary.triage_levels)
    red = {f.id for f in kb.findings.values() if f.red_flag}
    seen: set[str] = set()
    for i, rule in enumerate(kb.red_flags):
        label = f"red_flags.yaml: rules[{i}] ({rule.id})"
        if rule.id in seen:
            issues.append(f"{label}: duplicate rule id")
        seen.add(rule.id)
        if rule.level not in levels:
            issues.append(f"{label}: level: not a triage level")
        if rule.condition and rule.condition not in kb.vocabulary.conditions:
            issues.append(f"{label}: condition: not a vocabulary condition")
        problems = rules.validate_expression(rule.when, kb.vocabulary.raw)
        problems += rules.red_flag_polarity_problems(rule.when, red)
        issues.extend(f"{label}: when.{p}" for p in problems)
        if problems:
            continue
        for kind, expected in (("fires", True), ("silent", False)):
            for j, example in enumerate(getattr(rule.examples, kind)):
                try:
                    view = rules.CaseView.from_dict(example)
                    got = rules.evaluate(rule.when, view)
                except Exception as exc:  # a broken example is a data issue, reported not raised
                    issues.append(f"{label}: examples.{kind}[{j}]: {exc}")
                    continue
                if (got is True) != expected:
                    issues.append(f"{label}: examples.{kind}[{j}]: evaluates to {got}, expected {expected}")
        if not rule.examples.fires or not rule.examples.silent:
            issues.append(f"{label}: examples: needs at least one `fires` and one `silent` example")
    return issues


def count_sources(kb: KnowledgeBase) -> dict[str, int]:
    """How many sourced numbers and rules the KB holds, by basis (and how many are unverified)."""
    counts: dict[str, int] = {}
    objs: list[object] = [list(kb.conditions.values()), list(kb.findings.values()), list(kb.context.values()),
                          list(kb.signs.values()), kb.priors, list(kb.roots.values()), list(kb.red_flags),
                          *[list(v) for v in kb.likelihoods.values()]]
    for obj in objs:
        for _, src in iter_sourced(obj, ""):
            counts[src.basis.value] = counts.get(src.basis.value, 0) + 1
            if src.unverified:
                counts["unverified"] = counts.get("unverified", 0) + 1
    return counts
