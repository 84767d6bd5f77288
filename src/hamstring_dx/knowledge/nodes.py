"""The observable nodes of the network and how case values map onto their states.

Naming and state conventions are documented in docs/knowledge-base.md ("The network").
"""

from __future__ import annotations

from dataclasses import dataclass

from hamstring_dx.knowledge.vocabulary import LIST_TYPES, Vocabulary

# States of two-state nodes by vocabulary type: (negative, positive).
TWO_STATE = {
    "boolean": ("absent", "present"),
    "test": ("negative", "positive"),
    "reflex": ("normal", "abnormal"),
    "region_list": ("absent", "present"),
    "movement_list": ("absent", "present"),
    "sign": ("absent", "present"),
}
ITEM_SEPARATOR = "__"


@dataclass(frozen=True)
class NodeSpec:
    id: str
    states: tuple[str, ...]
    kind: str  # two_state | categorical
    finding: str | None  # vocabulary finding id (None for context and sign nodes)
    item: str | None = None  # region or movement for list items
    role: str = "finding"  # finding | context | sign

    @property
    def two_state(self) -> bool:
        return self.kind == "two_state"


def item_node(finding: str, item: str) -> str:
    return f"{finding}{ITEM_SEPARATOR}{item}"


def finding_nodes(vocab: Vocabulary, bins: dict[str, tuple[str, ...]]) -> dict[str, NodeSpec]:
    """Nodes for every vocabulary finding; `bins` gives the states of number findings."""
    nodes: dict[str, NodeSpec] = {}
    for fid, ftype in vocab.findings.items():
        if ftype.type in LIST_TYPES:
            for item in vocab.items_of(fid):
                nid = item_node(fid, item)
                nodes[nid] = NodeSpec(nid, TWO_STATE[ftype.type], "two_state", fid, item)
        elif ftype.type == "number":
            nodes[fid] = NodeSpec(fid, bins.get(fid, ()), "categorical", fid)
        else:
            nodes[fid] = NodeSpec(fid, TWO_STATE[ftype.type], "two_state", fid)
    return nodes


def bin_state(value: float, bins: list[tuple[str, float | None]]) -> str:
    """The state of the first bin whose upper bound exceeds `value`."""
    for state, below in bins:
        if below is None or value < below:
            return state
    raise ValueError(f"no bin holds {value}")  # bins end with an open bin; kb check ensures it
