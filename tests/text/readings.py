"""Shared helpers of the reader's wording tests: the rule reader's tuples for a text, on a fixed date."""

from datetime import date

from hamstring_dx.text.reader import read_text

SAT = date(2026, 11, 21)  # a Saturday: the corpus bench's reference date


def keys(text: str) -> set[tuple]:
    """(finding, region, value, context) of every mention the rules read (no learned screen)."""
    reading = read_text(text, today=SAT, learned_screen=False)
    return {(m.finding, m.region, m.value, m.context) for m in reading.mentions}


def duration(text: str):
    """The duration in days the rules read, or None."""
    found = [k for k in keys(text) if k[0] == "duration_days"]
    return found[0][2] if found else None
