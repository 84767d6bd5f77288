"""Exact inference in the compiled network: posterior over (condition_set, root), marginals,
and each finding's weight of evidence for each condition."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from hamstring_dx.reasoning.evidence import SETTING_NODE
from hamstring_dx.reasoning.network import Network

TINY = 1e-300


@dataclass(frozen=True)
class Unit:
    """One piece of entered evidence and its likelihood over the hidden space."""

    node: str
    state: str
    likelihood: np.ndarray  # [S] (root-independent) or [H] (rooted): P(obs | hidden, earlier group members)
    rooted: bool = False
    row: int = -1  # row in net.flat_inverse / net.rooted_table; -1 for sign-group members


@dataclass(frozen=True)
class Posterior:
    joint_h: np.ndarray  # [H] over the support of (condition_set, root), sums to 1
    units: tuple[Unit, ...]
    sign_obs: dict[str, list[tuple[str, int]]]  # sign -> observed (member, state index)
    net: Network

    @cached_property
    def joint(self) -> np.ndarray:
        """The posterior as a dense [S, R] table."""
        dense = np.zeros((self.net.n_sets, len(self.net.roots)))
        dense[self.net.support_set, self.net.support_root] = self.joint_h
        return dense

    @cached_property
    def _sets(self) -> np.ndarray:
        return self.net.to_sets(self.joint_h)

    def condition_marginals(self, net: Network | None = None) -> np.ndarray:
        """P(condition present) for each condition, in `net.conditions` order."""
        return self._sets @ self.net.membership

    def root_marginals(self) -> np.ndarray:
        return np.bincount(self.net.support_root, weights=self.joint_h, minlength=len(self.net.roots))

    def set_marginals(self) -> np.ndarray:
        return self._sets


def _sign_likelihood(net: Network, sign: str, observed: list[tuple[str, int]]) -> np.ndarray:
    """P(observed members | condition_set), summing the latent sign out. Shape [S]."""
    with_sign = np.ones(1)
    without = np.ones(1)
    for member, k in observed:
        table = net.nodes[member].table  # [k, 2, 1]: rows absent / present sign
        without = without * table[k, 0, 0]
        with_sign = with_sign * table[k, 1, 0]
    p = net.signs[sign].p_present
    return p * with_sign + (1 - p) * without


def infer(net: Network, evidence: dict[str, str]) -> Posterior:
    """Posterior of the hidden variables given `evidence` (node -> state), exactly."""
    setting = evidence.get(SETTING_NODE, net.kb.vocabulary.settings[0])
    log_h = net.log_base[setting].copy()
    log_sets = np.zeros(net.n_sets)  # root-independent evidence, spread over the support once
    units: list[Unit] = []
    sign_obs: dict[str, list[tuple[str, int]]] = {}
    for node_id, state in evidence.items():
        if node_id == SETTING_NODE:
            continue
        node = net.nodes[node_id]
        k = node.states.index(state)
        if node.sign is not None:
            sign_obs.setdefault(node.sign, []).append((node_id, k))
            continue
        row = net.row_of[(node_id, k)]
        if node.uses_root:
            log_h += node.log_table_h[k]  # type: ignore[index]
            units.append(Unit(node_id, state, node.table_h[k], rooted=True, row=row))  # type: ignore[index]
        else:
            log_sets += node.log_table[k, :, 0]
            units.append(Unit(node_id, state, node.table[k, :, 0], row=row))
    for sign, observed in sign_obs.items():
        previous = np.ones(net.n_sets)
        for i in range(len(observed)):
            # chain rule inside the group: P(member_i | set, members before it)
            upto = _sign_likelihood(net, sign, observed[: i + 1])
            member, k = observed[i]
            units.append(Unit(member, net.nodes[member].states[k], upto / previous))
            previous = upto
        log_sets += np.log(previous)
    log_h += log_sets[net.support_set]
    joint = np.exp(log_h - log_h.max())
    joint /= joint.sum()
    return Posterior(joint, tuple(units), sign_obs, net)


def without_units(net: Network, post: Posterior, nodes: set[str]) -> Posterior:
    """The posterior with the evidence of `nodes` divided out, exactly.

    A sign group's members are one joint factor: when any of them is dropped, the whole group's
    factor is divided out and the factor of its remaining members multiplied back in.
    """
    drop_signs = {net.nodes[u.node].sign for u in post.units if u.node in nodes} - {None}
    drop = [u for u in post.units if u.node in nodes or net.nodes[u.node].sign in drop_signs]
    if not drop:
        return post
    with np.errstate(divide="ignore"):
        log_h = np.log(post.joint_h)
    log_sets = np.zeros(net.n_sets)
    for u in drop:
        if u.rooted:
            log_h -= np.log(u.likelihood)
        else:
            log_sets -= np.log(u.likelihood)
    sign_obs = dict(post.sign_obs)
    for sign in drop_signs:
        kept = [(m, k) for m, k in post.sign_obs[sign] if m not in nodes]
        if kept:
            log_sets += np.log(_sign_likelihood(net, sign, kept))
            sign_obs[sign] = kept
        else:
            del sign_obs[sign]
    log_h += log_sets[net.support_set]
    joint = np.exp(log_h - log_h.max())
    joint /= joint.sum()
    dropped = {id(u) for u in drop}
    units = tuple(u for u in post.units if id(u) not in dropped)  # kept group members' units are not rebuilt
    return Posterior(joint, units, sign_obs, net)


def log_likelihood_ratios(net: Network, post: Posterior) -> np.ndarray:
    """[U, C] natural-log LR of each evidence unit for each condition, given all other evidence.

    LR = P(obs | condition present, rest) / P(obs | condition absent, rest), computed exactly by
    dividing the unit out of the posterior (docs/model.md, "Weight of evidence").
    """
    if not post.units:
        return np.zeros((0, len(net.conditions)))
    set_post = post.set_marginals()
    n = len(post.units)
    a = np.empty((n, len(net.conditions)))  # sum over sets holding c of post / lik
    total = np.empty((n, 1))
    flat = [i for i, u in enumerate(post.units) if not u.rooted]
    if flat:  # root-independent: sum_s post(s) / lik(s), the root summed out first
        rows = [post.units[i].row for i in flat]
        inverse = np.stack([net.flat_inverse[r] if r >= 0 else 1.0 / post.units[i].likelihood
                            for i, r in zip(flat, rows, strict=True)]) if min(rows) < 0 else net.flat_inverse[rows]
        a[flat] = inverse @ (set_post[:, None] * net.membership)
        total[flat, 0] = inverse @ set_post
    rooted = [i for i, u in enumerate(post.units) if u.rooted]
    if rooted:
        lik = net.rooted_table[[post.units[i].row for i in rooted]]  # [Ur, H]
        w = net.to_sets(post.joint_h[None] / lik)  # [Ur, S]
        a[rooted] = w @ net.membership
        total[rooted, 0] = w.sum(axis=1)
    b = total - a
    m = post.condition_marginals(net)[None]
    num = np.log(np.maximum(m, TINY)) - np.log(np.maximum(a, TINY))
    den = np.log(np.maximum(1 - m, TINY)) - np.log(np.maximum(b, TINY))
    return num - den
