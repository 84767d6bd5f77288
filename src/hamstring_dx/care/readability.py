"""Readability (Flesch-Kincaid grade, textstat 0.7.8, offline) of every patient text in the KB.

Health-literacy guidance asks for grade 6-8; the project target is an average of 7 or below with
no text above 9. The grade formula is meaningless for a label of a few words ("Sciatica" alone
scores above 30), so texts shorter than `MIN_WORDS` are pooled per source and scored together,
one label per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from statistics import mean

import textstat
import yaml

MIN_WORDS = 10
TARGET_AVERAGE = 7.0
MAX_GRADE = 9.0


@dataclass(frozen=True)
class Scored:
    label: str  # where the text lives
    grade: float
    words: int
    text: str


def prepare_markdown(md: str) -> str:
    """Markdown to plain prose: each heading, list item or table cell ends as its own sentence."""
    lines: list[str] = []
    for raw in md.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|-: "):
            continue
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
        line = re.sub(r"^#+\s*|^[-*+]\s+|^\d+\.\s+|^>\s*", "", line)
        line = line.replace("**", "").replace("__", "").replace("*", "").replace("`", "")
        cells = [c.strip() for c in line.split("|") if c.strip()] if "|" in line else [line]
        for cell in cells:
            lines.append(cell if cell.endswith((".", "!", "?", ":")) else cell + ".")
    return " ".join(lines).replace(":.", ":")


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text."""
    return float(textstat.flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _data(path: str) -> object:
    node = resources.files("hamstring_dx.knowledge").joinpath("data").joinpath(path)
    if not node.is_file():
        return None
    return yaml.safe_load(node.read_text(encoding="utf-8"))


# keys whose string values are patient-facing, in the care data
PATIENT_KEYS = frozenset(
    {
        "patient",
        "patient_text",
        "patient_why",
        "patient_when",
        "plain_name",
        "plain",
        "instructions",
        "goal",
        "progress_when",
        "return_criteria",
        "title",
    }
)


def _walk(obj: object, path: str, patient: bool = False) -> Iterator[tuple[str, str]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, f"{path}.{k}", patient or k in PATIENT_KEYS)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, f"{path}[{i}]", patient)
    elif isinstance(obj, str) and patient:
        yield path, obj


def patient_texts() -> list[tuple[str, str, str]]:
    """(group, label, text) for every patient text in the knowledge base.

    Groups: each care file, `texts.yaml` headings, each guide page, `conditions.yaml`
    (patient_description, plain_name), `red_flags.yaml` (patient_text).
    """
    out: list[tuple[str, str, str]] = []
    care_dir = resources.files("hamstring_dx.knowledge").joinpath("data").joinpath("care")
    for node in sorted(care_dir.iterdir(), key=lambda n: n.name):
        if node.name.endswith(".yaml"):
            data = yaml.safe_load(node.read_text(encoding="utf-8"))
            for label, text in _walk(data, f"care/{node.name}"):
                out.append((f"care/{node.name}", label, text))
            if node.name == "texts.yaml":
                for k, v in (data.get("headings") or {}).items():
                    out.append(("care/texts.yaml", f"care/texts.yaml.headings.{k}", v))
            if node.name == "programmes.yaml":
                for ex in data.get("exercises") or []:
                    out.append(("care/programmes.yaml", f"care/programmes.yaml.exercise.{ex['id']}.name", ex["name"]))
    guide_dir = resources.files("hamstring_dx.knowledge").joinpath("data").joinpath("guide")
    for node in sorted(guide_dir.iterdir(), key=lambda n: n.name):
        if node.name.endswith(".md"):
            out.append((f"guide/{node.name}", f"guide/{node.name}", prepare_markdown(node.read_text(encoding="utf-8"))))
    conditions = _data("conditions.yaml") or {}
    for c in conditions.get("conditions") or []:  # type: ignore[union-attr]
        for key in ("patient_description", "plain_name"):
            if c.get(key):
                out.append(("conditions.yaml", f"conditions.yaml.{c['id']}.{key}", c[key]))
    flags = _data("red_flags.yaml") or {}
    for r in flags.get("rules") or []:  # type: ignore[union-attr]
        if r.get("patient_text"):
            out.append(("red_flags.yaml", f"red_flags.yaml.{r['id']}.patient_text", r["patient_text"]))
    findings = _data("findings.yaml") or {}
    for f in findings.get("findings") or []:  # type: ignore[union-attr]
        for key in ("patient_question", "patient_help"):
            if f.get(key):
                out.append(("findings.yaml", f"findings.yaml.{f['id']}.{key}", f[key]))
    interview = _data("interview.yaml") or {}
    for label, text in _interview_patient_texts(interview):  # type: ignore[arg-type]
        out.append(("interview.yaml", label, _fill_placeholders(text)))
    return out


def _interview_patient_texts(data: dict) -> Iterator[tuple[str, str]]:
    """The patient-mode texts of the interview policy: screen captions and reasons, why templates,
    stop explanations."""
    for i, group in enumerate((data.get("screen") or {}).get("patient") or []):
        for key in ("text", "help", "why"):
            if group.get(key):
                yield f"interview.yaml.screen.patient[{i}].{key}", group[key]
        for j, item in enumerate(group.get("items") or []):
            if item.get("why"):
                yield f"interview.yaml.screen.patient[{i}].items[{j}].why", item["why"]
    for key, text in ((data.get("why") or {}).get("patient") or {}).items():
        yield f"interview.yaml.why.patient.{key}", text
    for key, text in ((data.get("stop_text") or {}).get("patient") or {}).items():
        yield f"interview.yaml.stop_text.patient.{key}", text


def _fill_placeholders(text: str) -> str:
    """Templates are scored with a plain word in each `{placeholder}`."""
    return re.sub(r"\{[a-z_]+\}", "it", text)


def score_all(items: list[tuple[str, str, str]] | None = None) -> list[Scored]:
    """Score every text; texts under `MIN_WORDS` words are pooled per group."""
    items = patient_texts() if items is None else items
    scored: list[Scored] = []
    pools: dict[str, list[str]] = {}
    seen: set[str] = set()
    for group, label, text in items:
        if text in seen:  # the same sentence reused in several entries counts once
            continue
        seen.add(text)
        if word_count(text) < MIN_WORDS:
            pools.setdefault(group, []).append(_sentence(text))
        else:
            scored.append(Scored(label, grade(text), word_count(text), text))
    for group, parts in pools.items():
        text = " ".join(parts)
        scored.append(Scored(f"{group} (short texts pooled: {len(parts)})", grade(text), word_count(text), text))
    return scored


def summary(scored: list[Scored]) -> dict[str, object]:
    grades = [s.grade for s in scored]
    return {
        "texts": len(scored),
        "average_grade": round(mean(grades), 2) if grades else 0.0,
        "max_grade": round(max(grades), 2) if grades else 0.0,
        "over_9": [(s.label, round(s.grade, 1)) for s in scored if s.grade > MAX_GRADE],
    }


if __name__ == "__main__":  # python -m hamstring_dx.care.readability
    results = score_all()
    print(summary(results))
    for s in sorted(results, key=lambda s: -s.grade)[:15]:
        print(f"{s.grade:5.1f}  {s.label}")
