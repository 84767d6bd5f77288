"""Where a piece of evidence's weight comes from: the citations behind the tables it used."""

from __future__ import annotations

from functools import cache

from hamstring_dx.knowledge import schema as s
from hamstring_dx.knowledge.loader import KnowledgeBase


@cache
def _link_index(kb: KnowledgeBase) -> dict[tuple[str, str], s.Link]:
    return {(cid, link.node): link for cid, links in kb.likelihoods.items() for link in links}


@cache
def _root_effects(kb: KnowledgeBase) -> dict[str, list[tuple[str, s.RootEffect]]]:
    out: dict[str, list[tuple[str, s.RootEffect]]] = {}
    for rmap in kb.roots.values():
        for e in rmap.effects:
            out.setdefault(e.node, []).append((rmap.root, e))
    return out


@cache
def _sign_of(kb: KnowledgeBase) -> dict[str, tuple[s.Sign, s.SignMember]]:
    return {m.finding: (g, m) for g in kb.signs.values() for m in g.members}


@cache
def evidence_source(kb: KnowledgeBase, condition: str, node: str) -> str:
    """Citation(s) for how `node` bears on `condition`; names the route (direct, sign, root)."""
    links = _link_index(kb)
    parts: list[str] = []
    member = _sign_of(kb).get(node)
    if member is not None:
        sign, m = member
        link = links.get((condition, sign.id))
        if link is not None:
            parts.append(f"via {sign.id}: {kb.cite(link)}")
        parts.append(f"test given {sign.id}: {kb.cite(m)}")
    elif (link := links.get((condition, node))) is not None:
        parts.append(kb.cite(link))
    cond = kb.conditions.get(condition)
    if cond is not None and cond.root_distribution and node in _root_effects(kb):
        for root, effect in _root_effects(kb)[node]:
            parts.append(f"via root {root}: {kb.cite(effect)}")
    if not parts:
        parts.append("no direct link: baseline for this condition; weight comes from the other conditions")
    return " | ".join(parts)
