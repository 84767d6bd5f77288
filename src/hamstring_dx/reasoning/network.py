"""Compile the knowledge base into the Bayesian network's probability tables.

The structure and the parameterisation are documented in docs/model.md and docs/knowledge-base.md.
The hidden part is `condition_set` (S states: no modelled condition, one, or two at once) and
`root` (R states); every observable node's table is indexed [state, S, R] (R = 1 when the node
does not depend on the root), so inference is a sum of table rows over a small joint space.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

import numpy as np

from hamstring_dx.knowledge import schema as s
from hamstring_dx.knowledge.check import all_nodes
from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.knowledge.nodes import NodeSpec

NO_ROOT = "none"
SET_SEPARATOR = "+"
# No finding is treated as impossible or certain: every table entry is kept inside these bounds,
# so one surprising answer cannot zero out a condition (documented in docs/model.md).
P_MIN, P_MAX = 0.001, 0.999


@dataclass(frozen=True)
class CompiledNode:
    spec: NodeSpec
    table: np.ndarray  # [k, S, R or 1]: P(state | condition_set, root); sign members: [k, 2, 1]
    log_table: np.ndarray
    uses_root: bool
    sign: str | None  # parent sign for sign members
    table_h: np.ndarray | None = None  # rooted nodes: [k, H] over the support of (set, root)
    log_table_h: np.ndarray | None = None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def states(self) -> tuple[str, ...]:
        return self.spec.states


@dataclass(frozen=True)
class CompiledSign:
    id: str
    p_present: np.ndarray  # [S]: P(sign present | condition_set)
    members: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # identity: hashable for caches
class Network:
    kb: KnowledgeBase
    conditions: tuple[str, ...]
    sets: tuple[tuple[int, ...], ...]
    set_names: tuple[str, ...]
    membership: np.ndarray  # [S, C] 0/1
    roots: tuple[str, ...]  # ("none", "L3", ...)
    prior: dict[str, np.ndarray]  # setting -> [S]
    root_cpt: np.ndarray  # [S, R]
    nodes: dict[str, CompiledNode]
    signs: dict[str, CompiledSign]
    # The support of P(condition_set, root): H pairs with root_cpt > 0, ordered by set. Inference
    # works on these H states only (a third of S x R: only radicular sets have a root).
    support_set: np.ndarray  # [H] set index
    support_root: np.ndarray  # [H] root index
    set_starts: np.ndarray  # [S] first support index of each set
    log_base: dict[str, np.ndarray]  # setting -> [H] log P(set) + log P(root | set)
    # every (node, state) row in one matrix, for vectorised evidence weights (`row_of[(node, k)]`)
    flat_inverse: np.ndarray  # [rows, S] 1 / P(state | set) of root-independent, non-sign nodes
    rooted_table: np.ndarray  # [rows, H] P(state | set, root) of rooted nodes
    row_of: dict[tuple[str, int], int]

    @property
    def n_sets(self) -> int:
        return len(self.sets)

    def to_sets(self, values: np.ndarray) -> np.ndarray:
        """Sum values over the support [..., H] into condition sets [..., S]."""
        return np.add.reduceat(values, self.set_starts, axis=-1)


def _clip(p: np.ndarray) -> np.ndarray:
    return np.clip(p, P_MIN, P_MAX)


def _condition_sets(kb: KnowledgeBase) -> tuple[tuple[int, ...], ...]:
    conds = list(kb.conditions)
    banned = {frozenset(p.pair) for p in kb.priors.incompatible_pairs}
    pairs = [
        (i, j) for i, j in combinations(range(len(conds)), 2) if frozenset((conds[i], conds[j])) not in banned
    ]
    return ((), *((i,) for i in range(len(conds))), *pairs)


def _set_prior(kb: KnowledgeBase, sets: tuple[tuple[int, ...], ...], setting: str) -> np.ndarray:
    sp = kb.priors.settings[setting]
    p = np.array([sp.conditions[c].p for c in kb.conditions])
    other, comorbidity = sp.other.p, kb.priors.comorbidity.p
    singles = np.array([p[c[0]] if len(c) == 1 else 0.0 for c in sets])
    pairs = np.array([p[c[0]] * p[c[1]] if len(c) == 2 else 0.0 for c in sets])
    prior = np.zeros(len(sets))
    prior[0] = other
    prior += (1 - other) * (1 - comorbidity) * singles / singles.sum()
    prior += (1 - other) * comorbidity * pairs / pairs.sum()
    return prior


def _root_cpt(kb: KnowledgeBase, sets, roots: tuple[str, ...]) -> np.ndarray:
    conds = list(kb.conditions.values())
    cpt = np.zeros((len(sets), len(roots)))
    for si, members in enumerate(sets):
        dists = [conds[i].root_distribution for i in members if conds[i].root_distribution]
        if not dists:
            cpt[si, 0] = 1.0
            continue
        for dist in dists:
            for root, share in dist.items():
                cpt[si, roots.index(root)] += share.p / len(dists)
    return cpt


def _noisy_or(baseline: float, cause_p: list[float]) -> float:
    """P(positive) under the generalised noisy-OR of docs/knowledge-base.md."""
    q = 1 - baseline
    for p in cause_p:
        q *= (1 - p) / (1 - baseline)
    return 1 - min(1.0, q)


def _links_by_node(kb: KnowledgeBase) -> dict[str, dict[int, s.Link]]:
    out: dict[str, dict[int, s.Link]] = {}
    for ci, cid in enumerate(kb.conditions):
        for link in kb.likelihoods.get(cid, ()):
            out.setdefault(link.node, {})[ci] = link
    return out


def _baseline_p(kb: KnowledgeBase, spec: NodeSpec) -> float:
    if spec.role == "sign":
        return kb.signs[spec.id].baseline.p
    fdef = kb.findings[spec.finding or ""]
    if spec.item and fdef.item_baselines and spec.item in fdef.item_baselines:
        return fdef.item_baselines[spec.item].p
    assert isinstance(fdef.baseline, s.Prob)
    return fdef.baseline.p


def _baseline_dist(kb: KnowledgeBase, spec: NodeSpec) -> dict[str, float]:
    if spec.role == "context":
        return kb.context[spec.id].baseline.distribution
    fdef = kb.findings[spec.finding or ""]
    assert isinstance(fdef.baseline, s.Distribution)
    return fdef.baseline.distribution


def _two_state_table(
    baseline: float, links: dict[int, s.Link], sets, root_p: list[float] | None, n_roots: int
) -> np.ndarray:
    width = n_roots if root_p is not None else 1
    pos = np.zeros((len(sets), width))
    for si, members in enumerate(sets):
        causes = [links[i].p for i in members if i in links]
        for r in range(width):
            extra = [root_p[r]] if root_p is not None and root_p[r] > 0 else []
            pos[si, r] = _noisy_or(baseline, [*causes, *extra])  # type: ignore[list-item]
    pos = _clip(pos)
    return np.stack([1 - pos, pos])


def _categorical_table(base: dict[str, float], links: dict[int, s.Link], sets, states) -> np.ndarray:
    base_v = np.array([base[x] for x in states])
    table = np.zeros((len(sets), len(states)))
    for si, members in enumerate(sets):
        if not members:
            table[si] = base_v
            continue
        rows = [
            np.array([links[i].distribution[x] for x in states]) if i in links else base_v  # type: ignore[index]
            for i in members
        ]
        table[si] = np.mean(rows, axis=0)
    table = _clip(table)
    table /= table.sum(axis=1, keepdims=True)
    return table.T[:, :, None]


def compile_network(kb: KnowledgeBase) -> Network:
    """Build every probability table of the network from the knowledge base."""
    conditions = tuple(kb.conditions)
    sets = _condition_sets(kb)
    membership = np.zeros((len(sets), len(conditions)))
    for si, members in enumerate(sets):
        membership[si, list(members)] = 1.0
    roots = (NO_ROOT, *kb.vocabulary.roots)
    links = _links_by_node(kb)
    root_effects: dict[str, list[float]] = {}
    for rmap in kb.roots.values():
        for effect in rmap.effects:
            root_effects.setdefault(effect.node, [0.0] * len(roots))[roots.index(rmap.root)] = effect.p

    specs = all_nodes(kb)
    nodes: dict[str, CompiledNode] = {}
    signs: dict[str, CompiledSign] = {}
    for sign in kb.signs.values():
        table = _two_state_table(sign.baseline.p, links.get(sign.id, {}), sets, None, len(roots))
        signs[sign.id] = CompiledSign(sign.id, table[1, :, 0], tuple(m.finding for m in sign.members))
        for m in sign.members:
            pos = _clip(np.array([m.p_if_no_sign, m.p_if_sign]))
            member_table = np.stack([1 - pos, pos])[:, :, None]
            nodes[m.finding] = CompiledNode(
                specs[m.finding], member_table, np.log(member_table), False, sign.id
            )
    for nid, spec in specs.items():
        if spec.role == "sign" or nid in nodes:
            continue
        if spec.two_state:
            rp = root_effects.get(nid)
            table = _two_state_table(_baseline_p(kb, spec), links.get(nid, {}), sets, rp, len(roots))
            nodes[nid] = CompiledNode(spec, table, np.log(table), rp is not None, None)
        else:
            table = _categorical_table(_baseline_dist(kb, spec), links.get(nid, {}), sets, spec.states)
            nodes[nid] = CompiledNode(spec, table, np.log(table), False, None)

    cond_names = list(conditions)
    set_names = tuple(SET_SEPARATOR.join(cond_names[i] for i in m) if m else NO_ROOT for m in sets)
    root_cpt = _root_cpt(kb, sets, roots)
    support_set, support_root = np.nonzero(root_cpt)  # row-major: ordered by set
    set_starts = np.searchsorted(support_set, np.arange(len(sets)))
    priors = {st: _set_prior(kb, sets, st) for st in kb.vocabulary.settings}
    with np.errstate(divide="ignore"):
        log_base = {st: np.log(p[support_set]) + np.log(root_cpt[support_set, support_root])
                    for st, p in priors.items()}
    for nid, node in list(nodes.items()):
        if node.uses_root:
            th = node.table[:, support_set, support_root]
            nodes[nid] = CompiledNode(node.spec, node.table, node.log_table, True, None, th, np.log(th))
    flat_rows: list[np.ndarray] = []
    rooted_rows: list[np.ndarray] = []
    row_of: dict[tuple[str, int], int] = {}
    for nid, node in nodes.items():
        if node.sign is not None:
            continue
        for k in range(len(node.states)):
            if node.uses_root:
                row_of[(nid, k)] = len(rooted_rows)
                rooted_rows.append(node.table_h[k])  # type: ignore[index]
            else:
                row_of[(nid, k)] = len(flat_rows)
                flat_rows.append(1.0 / node.table[k, :, 0])
    return Network(
        kb=kb,
        conditions=conditions,
        sets=sets,
        set_names=set_names,
        membership=membership,
        roots=roots,
        prior=priors,
        root_cpt=root_cpt,
        nodes=nodes,
        signs=signs,
        support_set=support_set,
        support_root=support_root,
        set_starts=set_starts,
        log_base=log_base,
        flat_inverse=np.array(flat_rows),
        rooted_table=np.array(rooted_rows),
        row_of=row_of,
    )


@cache
def default_network() -> Network:
    """The network compiled from the packaged knowledge base (built once per process)."""
    return compile_network(load_kb())
