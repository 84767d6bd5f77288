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


@dataclass(frozen=True)
class _Index:
    node_ids: tuple[str, ...]
    finding_of: dict[str, str]
    kind_of: dict[str, str]


_INDEX: dict[int, _Index] = {}


def _index(net: Network) -> _Index:
    idx = _INDEX.get(id(net))
    if idx is None:
        ids = tuple(n.id for n in net.nodes.values() if n.spec.finding is not None)
        finding_of = {nid: net.nodes[nid].spec.finding or nid for nid in ids}
        kind_of = {fid: f.kind for fid, f in net.kb.findings.items()}
        idx = _INDEX[id(net)] = _Index(ids, finding_of, kind_of)
    return idx


def _entropy(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-300, 1.0)
    return -(p * np.log(p)).sum(axis=-1)


def _conditional_table(net: Network, node_id: str, post: Posterior) -> np.ndarray:
    """P(state | hidden, evidence so far) as [k, S, R or 1]."""
    node = net.nodes[node_id]
    if node.sign is None:
        return node.table
    observed = post.sign_obs.get(node.sign, [])
    with_sign = np.ones(1)
    without = np.ones(1)
    for member, k in observed:
        t = net.nodes[member].table
        without = without * t[k, 0, 0]
        with_sign = with_sign * t[k, 1, 0]
    p = net.signs[node.sign].p_present
    group = p * with_sign + (1 - p) * without
    t = node.table
    rows = [(p * with_sign * t[k, 1, 0] + (1 - p) * without * t[k, 0, 0]) / group for k in range(len(node.states))]
    return np.stack(rows)[:, :, None]


def rank_next_findings(
    net: Network,
    post: Posterior,
    asked: set[str],
    kinds: tuple[str, ...] = ("history", "exam", "investigation"),
    limit: int | None = 10,
) -> list[NextFinding]:
    """Unasked findings of the given kinds, most informative first (EIG in nats)."""
    idx = _index(net)
    set_post = post.set_marginals()
    h0 = float(_entropy(set_post))
    best: dict[str, tuple[float, str]] = {}
    indep_rows: list[np.ndarray] = []
    root_rows: list[np.ndarray] = []
    indep_owner: list[str] = []
    root_owner: list[str] = []
    for nid in idx.node_ids:
        fid = idx.finding_of[nid]
        if fid in asked or idx.kind_of.get(fid) not in kinds:
            continue
        table = _conditional_table(net, nid, post)
        if table.shape[2] == 1:
            indep_rows.append(table[:, :, 0])
            indep_owner.extend([nid] * table.shape[0])
        else:
            root_rows.append(table)
            root_owner.extend([nid] * table.shape[0])
    gains: dict[str, float] = {}
    for rows, owners, is_root in ((indep_rows, indep_owner, False), (root_rows, root_owner, True)):
        if not rows:
            continue
        q = np.concatenate(rows)
        joint = (q * post.joint[None]).sum(axis=2) if is_root else q * set_post[None]  # [rows, S]
        pk = joint.sum(axis=1)
        hk = _entropy(joint / np.maximum(pk, 1e-300)[:, None])
        contrib = pk * hk
        for owner, value in zip(owners, contrib, strict=True):
            gains[owner] = gains.get(owner, 0.0) + float(value)
    for nid, expected_h in gains.items():
        fid = idx.finding_of[nid]
        gain = max(0.0, h0 - expected_h)
        if fid not in best or gain > best[fid][0]:
            best[fid] = (gain, nid)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    out = [NextFinding(fid, round(g, 6), nid) for fid, (g, nid) in ranked]
    return out[:limit] if limit else out
