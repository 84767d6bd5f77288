"""`hamstring-dx plan CASE`: the care plan of each case (issue 3). Wired into the main group by the lead."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hamstring_dx.errors import CaseError, KnowledgeBaseError

EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


@click.command("plan")
@click.argument("case", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "html", "pdf"]),
    default="markdown",
    show_default=True,
    help="json: one object per case, one per line.",
)
@click.option(
    "--audience",
    type=click.Choice(["patient", "clinician"]),
    default="patient",
    show_default=True,
    help="Plain words for patients, precise wording with sources for clinicians.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write to FILE.")
def plan_command(case: Path, fmt: str, audience: str, output: Path | None) -> None:
    """Print the care plan for a case file, a list of cases, or a folder of case files."""
    from hamstring_dx.care import plan
    from hamstring_dx.care.render import render_html, render_markdown, render_pdf
    from hamstring_dx.case.io import read_case_documents

    try:
        docs = read_case_documents(case)
        plans = [plan(raw, audience, source=source) for source, raw in docs]  # all before any output
    except CaseError as exc:
        _fail(str(exc))
    except KnowledgeBaseError as exc:
        _fail(str(exc))
    if fmt == "pdf":
        data: bytes | str = render_pdf(plans, audience)
    elif fmt == "json":
        data = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in plans)
    elif fmt == "html":
        data = "\n".join(render_html(p, audience) for p in plans)
    else:
        data = "\n---\n\n".join(render_markdown(p, audience) for p in plans)
    if output is not None:
        tmp = output.with_name(output.name + ".part")
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(output)  # nothing half-written
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(data, nl=False)
