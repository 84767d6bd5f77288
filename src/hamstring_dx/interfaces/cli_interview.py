"""`hamstring-dx interview` and `hamstring-dx bench interview` (registered by interfaces/cli.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hamstring_dx.errors import CaseError, KnowledgeBaseError

EXIT_BAD_INPUT = 2
MODES = ("patient", "clinician")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _read_one(path: Path) -> tuple[str, object]:
    from hamstring_dx.case.io import read_case_documents

    docs = read_case_documents(path)
    if len(docs) != 1:
        raise CaseError(
            "(file)", f"must hold exactly one case for the interview, found {len(docs)}", str(path)
        )
    return docs[0]


def _step_text(data: dict) -> str:
    if not data["done"]:
        q = data["question"]
        lines = [q["text"]]
        if q["help"]:
            lines.append(f"  ({q['help']})")
        lines.append(f"  why: {q['why']}")
        if q["type"] == "group":  # one screen, each item answered on its own into its finding
            lines.append(f"  answer every item (group {q['group']}):")
            for item in q["items"]:
                lines.append(
                    f"  - {item['text']} (finding {item['finding']}): "
                    + " | ".join(f"{o['value']!s}={o['label']}" for o in item["options"])
                )
        else:
            lines.append(
                f"  answer ({q['type']}, finding {q['finding']}): "
                + " | ".join(f"{o['value']!s}={o['label']}" for o in q["options"])
            )
        return "\n".join(lines) + "\n"
    a = data["assessment"]
    top = ", ".join(f"{d['condition']} {d['probability']:.0%}" for d in a["differential"][:3])
    return (
        f"done: {data['stop_reason']} - {data['stop_explanation']}\n"
        f"triage: {a['triage']['level']}\ntop 3: {top}\n"
    )


@click.command("interview")
@click.option(
    "--next",
    "next_case",
    type=click.Path(path_type=Path),
    default=None,
    help="Print the next step for this case file (stateless) instead of running interactively.",
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="patient",
    show_default=True,
    help="patient: history questions in plain words; clinician: history, examination, investigations.",
)
@click.option("--json", "as_json", is_flag=True, help="With --next: print the step as one JSON object.")
@click.option(
    "--case",
    "start",
    type=click.Path(path_type=Path),
    default=None,
    help="Interactive: start from this (partial) case file.",
)
@click.option(
    "--save",
    type=click.Path(path_type=Path),
    default=None,
    help="Interactive: write the final case (YAML) to this file.",
)
def interview_command(
    next_case: Path | None, mode: str, as_json: bool, start: Path | None, save: Path | None
) -> None:
    """Adaptive interview: red-flag screen, then the most useful question, until a documented stop."""
    from hamstring_dx.interview.config import InterviewConfigError
    from hamstring_dx.interview.step import next_question

    if next_case is not None:
        try:
            source, raw = _read_one(next_case)
            step = next_question(raw, mode, source=source)  # type: ignore[arg-type]
        except (CaseError, KnowledgeBaseError, InterviewConfigError) as exc:
            _fail(str(exc))
        data = step.to_dict()
        click.echo(json.dumps(data, ensure_ascii=False) if as_json else _step_text(data), nl=as_json)
        return

    from hamstring_dx.interview.terminal import run_interview

    try:
        case = None
        if start is not None:
            case = _read_one(start)[1]
        final = run_interview(mode, case)  # type: ignore[arg-type]
    except (CaseError, KnowledgeBaseError, InterviewConfigError) as exc:
        _fail(str(exc))
    if final is None:
        sys.exit(1)
    if save is not None:
        import yaml

        save.write_text(yaml.safe_dump(final, sort_keys=False, allow_unicode=True), encoding="utf-8")
        click.echo(f"case saved to {save}")


@click.command("interview")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--mode", type=click.Choice(MODES), default="patient", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--free-text", "with_text", is_flag=True, help="Start each interview from the vignette's narrative.")
def bench_interview_command(path: Path, mode: str, as_json: bool, with_text: bool) -> None:
    """Simulate each vignette's patient through the interview; questions, accuracy and triage at the stop."""
    from hamstring_dx.interview.simulate import bench_interview, format_report, report_dict

    try:
        report = bench_interview(path, mode, with_text=with_text)
    except CaseError as exc:
        _fail(str(exc))
    click.echo(json.dumps(report_dict(report)) if as_json else format_report(report), nl=as_json)
