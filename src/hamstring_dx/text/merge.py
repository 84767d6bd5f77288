"""Merge what free text says into a case: explicit case findings always win.

- Findings read as asserted enter the case when the case does not give them.
- A red-flag finding read as negated is NOT entered as absent: it stays unknown, so the
  interview still asks it; one read as present enters at once (and escalates through the rules).
- Regions mentioned are not complete lists: they enter as single present items of the network
  (`pain_regions__calf = present`), the other regions staying unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hamstring_dx.case.model import Case, parse_case
from hamstring_dx.knowledge.loader import KnowledgeBase
from hamstring_dx.knowledge.nodes import item_node
from hamstring_dx.text.reader import TextReading, read_text

POSITIVE = ("present", "positive", "reduced", "absent_reflex")


@dataclass(frozen=True)
class TextMerge:
    case: Case
    added: dict[str, object]  # findings entered from the text
    item_evidence: dict[str, str]  # partial list items (network nodes) entered from the text
    reading: TextReading
    to_confirm: tuple[str, ...] = field(default=())  # red flags mentioned in any form

    def summary(self) -> dict[str, object]:
        return {"findings": self.added, "regions": self.item_evidence, "side": self.reading.side,
                "red_flags_to_confirm": list(self.to_confirm)}


def _is_positive(kb: KnowledgeBase, fid: str, value: object) -> bool:
    t = kb.vocabulary.findings[fid].type
    return (t == "boolean" and value == "present") or (t == "test" and value == "positive") or (
        t == "reflex" and value in ("reduced", "absent"))


def merge_text(case: Case, text: str, kb: KnowledgeBase) -> TextMerge:
    """`case` with what `text` adds; nothing the case states explicitly is overridden."""
    reading = read_text(text)
    added: dict[str, object] = {}
    for fid, value in reading.to_case_findings().items():
        if fid in case.findings or fid not in kb.findings:
            continue
        if kb.findings[fid].red_flag and not _is_positive(kb, fid, value):
            continue  # a negated red flag is asked again, never recorded as absent from text
        added[fid] = value
    items: dict[str, str] = {}
    for finding, regions in reading.regions_mentioned().items():
        if finding in case.findings:
            continue
        for region in regions:
            items[item_node(finding, region)] = "present"
    merged = case.with_findings(added)
    if merged.side is None and reading.side in ("left", "right", "both"):
        data = merged.to_dict()
        data["side"] = reading.side
        merged = parse_case(data, kb.vocabulary, require_age=False)
    # validate what the reader produced against the case format (a reader bug must not pass silently)
    parse_case(merged.to_dict(), kb.vocabulary, source="(read from text)", require_age=False)
    confirm = tuple(sorted({m.finding for m in reading.red_flag_mentions()}))
    return TextMerge(merged, added, items, reading, confirm)


def case_from_text(text: str, kb: KnowledgeBase, age: float | None = None, sex: str | None = None) -> Case:
    """A self-assessment case holding only the text (age and sex stay unknown unless given)."""
    patient: dict[str, object] = {}
    if age is not None:
        patient["age"] = age
    if sex is not None:
        patient["sex"] = sex
    data = {"case_format": 1, "setting": "self_assessment", "patient": patient, "free_text": text}
    return parse_case(data, kb.vocabulary, source="--text", require_age=False)
