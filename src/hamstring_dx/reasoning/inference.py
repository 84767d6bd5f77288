"""Exact inference in the compiled network: posterior over (condition_set, root), marginals,
and each finding's weight of evidence for each condition."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hamstring_dx.reasoning.evidence import SETTING_NODE
from hamstring_dx.reasoning.network import Network

TINY = 1e-300


@dataclass(frozen=True)
class Unit:
    """One piece of entered evidence and its likelihood over the hidden space."""

    node: str
    state: str
    likelihood: np.ndarray  # [S, R or 1]: P(this observation | hidden state, earlier group members)


@dataclass(frozen=True)
class Posterior:
    joint: np.ndarray  # [S, R], sums to 1
    units: tuple[Unit, ...]
    sign_obs: dict[str, list[tuple[str, int]]]  # sign -> observed (member, state index)

    def condition_marginals(self, net: Network) -> np.ndarray:
        """P(condition present) for each condition, in `net.conditions` order."""
        return self.joint.sum(axis=1) @ net.membership

    def root_marginals(self) -> np.ndarray:
        return self.joint.sum(axis=0)

    def set_marginals(self) -> np.ndarray:
        return self.joint.sum(axis=1)


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
    with np.errstate(divide="ignore"):
        log_joint = np.log(net.prior[setting])[:, None] + np.log(net.root_cpt)
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
        log_joint = log_joint + node.log_table[k]
        units.append(Unit(node_id, state, node.table[k]))
    for sign, observed in sign_obs.items():
        previous = np.ones(net.n_sets)
        for i in range(len(observed)):
            # chain rule inside the group: P(member_i | set, members before it)
            upto = _sign_likelihood(net, sign, observed[: i + 1])
            units.append(Unit(observed[i][0], net.nodes[observed[i][0]].states[observed[i][1]],
                              (upto / previous)[:, None]))
            previous = upto
        log_joint = log_joint + np.log(previous)[:, None]
    joint = np.exp(log_joint - log_joint.max())
    joint /= joint.sum()
    return Posterior(joint, tuple(units), sign_obs)


def log_likelihood_ratios(net: Network, post: Posterior) -> np.ndarray:
    """[U, C] natural-log LR of each evidence unit for each condition, given all other evidence.

    LR = P(obs | condition present, rest) / P(obs | condition absent, rest), computed exactly by
    dividing the unit out of the posterior (docs/model.md, "Weight of evidence").
    """
    if not post.units:
        return np.zeros((0, len(net.conditions)))
    set_post = post.set_marginals()
    w = np.empty((len(post.units), net.n_sets))  # [U, S]: sum over roots of post / lik
    for i, u in enumerate(post.units):
        if u.likelihood.shape[1] == 1:  # root-independent: the root sums out first
            w[i] = set_post / u.likelihood[:, 0]
        else:
            w[i] = (post.joint / u.likelihood).sum(axis=1)
    a = w @ net.membership  # [U, C]: sum over sets holding c of post / lik
    b = w.sum(axis=1, keepdims=True) - a
    m = post.condition_marginals(net)[None]
    num = np.log(np.maximum(m, TINY)) - np.log(np.maximum(a, TINY))
    den = np.log(np.maximum(1 - m, TINY)) - np.log(np.maximum(b, TINY))
    return num - den
