"""Rank unasked findings by expected information gain on the differential.

The differential's uncertainty is the entropy (nats) of the posterior over `condition_set`.
A list finding (regions, movements) is scored by its most informative item: a lower bound on
what the whole list would tell (docs/model.md, "Next findings").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hamstring_dx.reasoning.inference import Posterior
from hamstring_dx.reasoning.network import Network
from hamstring_dx.reasoning.result import NextFinding

ALL_KINDS = ("history", "exam", "investigation")
# Condition sets below this posterior are left out of the entropy sums: one answer changes a set's
# probability by at most ~1000x (tables are bounded to [0.001, 0.999]), so their share stays < 1e-8 nats.
NEGLIGIBLE = 1e-12


@dataclass(frozen=True)
class _Stack:
    """Tables of many nodes stacked row by row: one row per (node, state)."""

    table: np.ndarray  # [rows, S] or [rows, H] (rooted nodes, over the support)
    node_of_row: np.ndarray  # [rows] index into `nodes`
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class _Index:
    indep: _Stack  # nodes that depend on condition_set only
    rooted: _Stack  # nodes that also depend on the root
    members: tuple[str, ...]  # sign members: their table depends on the group's answers
    finding_of: dict[str, str]
    kind_of: dict[str, str]
    findings: tuple[str, ...]  # every finding with a node, for the index arrays below
    finding_index: dict[str, int]
    kind_array: np.ndarray  # [F] the kind of each finding
    fidx: dict[str, np.ndarray]  # "indep" / "rooted" / "members" -> [nodes] finding index of each node


_INDEX: dict[int, _Index] = {}


def _stack(net: Network, ids: list[str], rooted: bool) -> _Stack:
    rows, owner = [], []
    for i, nid in enumerate(ids):
        node = net.nodes[nid]
        t = node.table_h if rooted else node.table[:, :, 0]
        rows.append(t)
        owner += [i] * t.shape[0]  # type: ignore[union-attr]
    shape = (0, len(net.support_set)) if rooted else (0, net.n_sets)
    table = np.concatenate(rows) if rows else np.zeros(shape)
    return _Stack(table, np.array(owner, dtype=int), tuple(ids))


def _index(net: Network) -> _Index:
    idx = _INDEX.get(id(net))
    if idx is None or idx is not _INDEX.get(id(net)):
        finding_nodes = [n for n in net.nodes.values() if n.spec.finding is not None]
        members = tuple(n.id for n in finding_nodes if n.sign is not None)
        indep = [n.id for n in finding_nodes if n.sign is None and not n.uses_root]
        rooted = [n.id for n in finding_nodes if n.sign is None and n.uses_root]
        finding_of = {n.id: n.spec.finding or n.id for n in finding_nodes}
        kind_of = {fid: f.kind for fid, f in net.kb.findings.items()}
        findings = tuple(dict.fromkeys(finding_of.values()))
        position = {fid: i for i, fid in enumerate(findings)}
        idx = _Index(
            indep=_stack(net, indep, False),
            rooted=_stack(net, rooted, True),
            members=members,
            finding_of=finding_of,
            kind_of=kind_of,
            findings=findings,
            finding_index=position,
            kind_array=np.array([kind_of.get(f, "") for f in findings]),
            fidx={
                name: np.array([position[finding_of[n]] for n in ids], dtype=int)
                for name, ids in (("indep", indep), ("rooted", rooted), ("members", members))
            },
        )
        _INDEX[id(net)] = idx
    return idx


def _entropy(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-300, 1.0)
    return -(p * np.log(p)).sum(axis=-1)


def _member_tables(net: Network, members: list[str], post: Posterior) -> list[np.ndarray]:
    """P(state | condition_set, answers of the same sign group so far) for each member: [k, S] each."""
    by_sign: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    out = []
    for node_id in members:
        node = net.nodes[node_id]
        sign = node.sign or ""
        if sign not in by_sign:
            with_sign = np.ones(1)
            without = np.ones(1)
            for member, k in post.sign_obs.get(sign, []):
                t = net.nodes[member].table
                without = without * t[k, 0, 0]
                with_sign = with_sign * t[k, 1, 0]
            p = net.signs[sign].p_present
            group = p * with_sign + (1 - p) * without
            by_sign[sign] = (p * with_sign / group, (1 - p) * without / group, p, group)
        a, b, _, _ = by_sign[sign]
        t = node.table[:, :, 0]  # [k, 2]: rows per state, columns sign absent / present
        out.append(a[None] * t[:, 1:2] + b[None] * t[:, 0:1])
    return out


def _expected_entropy(joint: np.ndarray, owner: np.ndarray, n_nodes: int) -> np.ndarray:
    """Σ_state P(state) H(S | state) per node, from rows of P(state, S)."""
    pk = joint.sum(axis=1)
    hk = _entropy(joint / np.maximum(pk, 1e-300)[:, None])
    return np.bincount(owner, weights=pk * hk, minlength=n_nodes)


def rank_next_findings(
    net: Network,
    post: Posterior,
    asked: set[str],
    kinds: tuple[str, ...] = ALL_KINDS,
    limit: int | None = 10,
) -> list[NextFinding]:
    """Unasked findings of the given kinds, most informative first (EIG in nats)."""
    idx = _index(net)
    full_set_post = post.set_marginals()
    active = np.flatnonzero(full_set_post > NEGLIGIBLE)
    set_post = full_set_post[active]
    h0 = float(_entropy(set_post))
    h_active = np.flatnonzero(full_set_post[net.support_set] > NEGLIGIBLE)
    sets_of_h = net.support_set[h_active]
    seg_starts = np.flatnonzero(np.r_[True, sets_of_h[1:] != sets_of_h[:-1]])
    joint_h = post.joint_h[h_active]
    open_finding = np.isin(idx.kind_array, kinds)
    for fid in asked:
        i = idx.finding_index.get(fid)
        if i is not None:
            open_finding[i] = False
    names: list[str] = []
    gains: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    for stack, key in ((idx.indep, "indep"), (idx.rooted, "rooted")):
        keep_node = open_finding[idx.fidx[key]]
        if not keep_node.any():
            continue
        rows = keep_node[stack.node_of_row]
        if key == "rooted":
            table = np.take(stack.table[rows], h_active, axis=1)
            joint = np.add.reduceat(table * joint_h[None], seg_starts, axis=1)
        else:
            joint = np.take(stack.table[rows], active, axis=1) * set_post[None]
        expected = _expected_entropy(joint, stack.node_of_row[rows], len(stack.nodes))
        keep = np.flatnonzero(keep_node)
        names += [stack.nodes[i] for i in keep.tolist()]
        gains.append(h0 - expected[keep])
        owners.append(idx.fidx[key][keep])
    open_members = [nid for nid, fi in zip(idx.members, idx.fidx["members"].tolist(), strict=True) if open_finding[fi]]
    if open_members:
        tables = [q[:, active] for q in _member_tables(net, open_members, post)]
        owner = np.concatenate([np.full(len(q), i) for i, q in enumerate(tables)])
        joint = np.concatenate(tables) * set_post[None]
        names += open_members
        gains.append(h0 - _expected_entropy(joint, owner, len(open_members)))
        owners.append(np.array([idx.finding_index[idx.finding_of[n]] for n in open_members], dtype=int))
    if not names:
        return []
    gain = np.maximum(np.concatenate(gains), 0.0)
    owner_f = np.concatenate(owners)
    # best node per finding: sort by gain (descending), keep each finding's first node
    order = np.lexsort((owner_f, -gain))
    _, first = np.unique(owner_f[order], return_index=True)
    best = order[first]
    best = best[np.lexsort((owner_f[best], -gain[best]))]
    if limit:
        best = best[:limit]
    ranked = [(idx.findings[owner_f[i]], (float(gain[i]), names[i])) for i in best.tolist()]
    return [NextFinding(fid, round(g, 6), nid) for fid, (g, nid) in ranked]
