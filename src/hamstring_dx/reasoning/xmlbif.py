"""Write the compiled network in XMLBIF 0.3 (readable by pgmpy, SamIam, Weka ...).

Deterministic nodes: one per condition (`absent`/`present` given `condition_set`). Table order
follows XMLBIF: parents' configurations in row-major order (first parent slowest), child
states fastest.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from hamstring_dx.reasoning.evidence import SETTING_NODE
from hamstring_dx.reasoning.network import Network

SET_NODE = "condition_set"
ROOT_NODE = "root"


def _fmt(values: np.ndarray) -> str:
    return " ".join(repr(float(v)) for v in values.ravel())


def _variable(name: str, states: tuple[str, ...] | list[str]) -> str:
    outcomes = "".join(f"<OUTCOME>{escape(s)}</OUTCOME>" for s in states)
    return f'<VARIABLE TYPE="nature"><NAME>{escape(name)}</NAME>{outcomes}</VARIABLE>\n'


def _definition(name: str, parents: list[str], table: np.ndarray) -> str:
    given = "".join(f"<GIVEN>{escape(p)}</GIVEN>" for p in parents)
    return f"<DEFINITION><FOR>{escape(name)}</FOR>{given}<TABLE>{_fmt(table)}</TABLE></DEFINITION>\n"


def to_xmlbif(net: Network) -> str:
    """The whole network as an XMLBIF 0.3 document."""
    kb = net.kb
    settings = list(kb.vocabulary.settings)
    variables = [_variable(SETTING_NODE, settings), _variable(SET_NODE, list(net.set_names)),
                 _variable(ROOT_NODE, list(net.roots))]
    defs = [
        _definition(SETTING_NODE, [], np.full(len(settings), 1 / len(settings))),
        _definition(SET_NODE, [SETTING_NODE], np.stack([net.prior[s] for s in settings])),
        _definition(ROOT_NODE, [SET_NODE], net.root_cpt),
    ]
    for ci, cid in enumerate(net.conditions):
        variables.append(_variable(cid, ("absent", "present")))
        present = net.membership[:, ci]
        defs.append(_definition(cid, [SET_NODE], np.stack([1 - present, present], axis=1)))
    for sign in net.signs.values():
        variables.append(_variable(sign.id, ("absent", "present")))
        defs.append(_definition(sign.id, [SET_NODE], np.stack([1 - sign.p_present, sign.p_present], axis=1)))
    for node in net.nodes.values():
        variables.append(_variable(node.id, node.states))
        table = node.table  # [k, S, R or 1] (sign members: [k, 2, 1])
        if node.sign is not None:
            defs.append(_definition(node.id, [node.sign], table[:, :, 0].T))
        elif node.uses_root:
            defs.append(_definition(node.id, [SET_NODE, ROOT_NODE], np.transpose(table, (1, 2, 0))))
        else:
            defs.append(_definition(node.id, [SET_NODE], table[:, :, 0].T))
    return (
        '<?xml version="1.0"?>\n<!-- hamstring-dx knowledge base '
        f"{escape(kb.version)} ({kb.content_hash}); generated, do not edit -->\n"
        '<BIF VERSION="0.3">\n<NETWORK>\n<NAME>hamstring_dx</NAME>\n'
        + "".join(variables) + "".join(defs) + "</NETWORK>\n</BIF>\n"
    )


def write_xmlbif(net: Network, path: str | Path) -> None:
    Path(path).write_text(to_xmlbif(net), encoding="utf-8")
