"""Examination, test and investigation wordings (round 5): sentences written for this test, one per line
in data/exam_findings_checks.txt as `TEXT => finding=value[@context], ...` or `TEXT => !finding`."""

from pathlib import Path

import pytest

from hamstring_dx.text.reader import read_text

CHECKS = Path(__file__).parent / "data" / "exam_findings_checks.txt"


def _cases() -> list[tuple[str, str]]:
    out = []
    for line in CHECKS.read_text(encoding="utf-8").splitlines():
        if " => " in line and not line.lstrip().startswith("#"):
            text, expect = line.split(" => ", 1)
            out.append((text.strip(), expect.strip()))
    return out


@pytest.mark.parametrize(("text", "expect"), _cases())
def test_exam_wording(text: str, expect: str):
    got = {(m.finding, str(m.value), m.context) for m in read_text(text).mentions}
    for item in (x.strip() for x in expect.split(",") if x.strip()):
        if item.startswith("!"):
            assert item[1:] not in {g[0] for g in got}, (text, item, got)
            continue
        finding, _, rest = item.partition("=")
        value, _, context = rest.partition("@")
        assert (finding, value, context or "asserted") in got, (text, item, got)
