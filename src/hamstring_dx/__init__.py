"""hamstring-dx: decision support for nerve pain in the back of the thigh.

Public API: `assess`, `load_kb`, `parse_case` (and `plan`, `next_question`, `read_text` from the
care, interview and text layers when installed).
"""

from __future__ import annotations

from typing import Any

from hamstring_dx.case.model import Case, parse_case
from hamstring_dx.errors import CaseError, HamstringDxError, KnowledgeBaseError
from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.reasoning.result import Assessment

__version__ = "0.1.0"


def assess(case: dict[str, Any] | Case, kb: KnowledgeBase | None = None, *, text: str | None = None,
           read_free_text: bool = True) -> Assessment:
    """Triage, differential, roots and next findings for one case-format v1 case.

    The case's `free_text` (and `text`) are read into findings the case does not state.
    """
    from hamstring_dx.workflow import assess_case

    return assess_case(case, kb, text=text, read_free_text=read_free_text)


def __getattr__(name: str) -> Any:
    # The other layers are imported on first use so that `import hamstring_dx` stays light.
    lazy = {
        "plan": ("hamstring_dx.care", "plan"),
        "next_question": ("hamstring_dx.interview", "next_question"),
        "read_text": ("hamstring_dx.text", "read_text"),
    }
    if name in lazy:
        import importlib

        module, attr = lazy[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)


__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "HamstringDxError",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "assess",
    "load_kb",
    "next_question",
    "parse_case",
    "plan",
    "read_text",
]
