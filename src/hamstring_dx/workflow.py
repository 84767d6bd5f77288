"""The one assessment workflow every interface calls: parse, read free text, assess."""

from __future__ import annotations

from typing import Any

from hamstring_dx.case.model import Case, parse_case
from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hamstring_dx.reasoning.assess import assess as assess_parsed
from hamstring_dx.reasoning.result import Assessment


def prepare_case(case: dict[str, Any] | Case, kb: KnowledgeBase, *, text: str | None = None,
                 read_free_text: bool = True, source: str | None = None):
    """The parsed case with free text merged in, the extra list-item evidence, and a text summary."""
    parsed = case if isinstance(case, Case) else parse_case(case, kb.vocabulary, source)
    texts = [t for t in ((parsed.free_text if read_free_text else None), text) if t and t.strip()]
    if not texts:
        return parsed, {}, None
    from hamstring_dx.text.merge import merge_text  # the NLP layer loads only when text is given

    merged = merge_text(parsed, "\n".join(texts), kb)
    return merged.case, merged.item_evidence, merged.summary()


def assess_case(case: dict[str, Any] | Case, kb: KnowledgeBase | None = None, *, text: str | None = None,
                read_free_text: bool = True, source: str | None = None) -> Assessment:
    """Assess a case; its `free_text` (and `text`) are read into findings the case does not give."""
    kb = kb or load_kb()
    parsed, items, summary = prepare_case(case, kb, text=text, read_free_text=read_free_text, source=source)
    return assess_parsed(parsed, kb, extra_evidence=items, read_from_text=summary)
