"""`hamstring-dx` command line: assess, kb check/export, bench (and the commands of other layers)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from hamstring_dx.case.io import read_case_documents
from hamstring_dx.case.model import parse_case
from hamstring_dx.errors import CaseError, KnowledgeBaseError
from hamstring_dx.knowledge.loader import load_kb, read_kb

EXIT_BAD_INPUT = 2


def fail(message: str) -> None:
    """Print an input error to stderr and exit 2 (nothing else printed)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hamstring-dx")
def main() -> None:
    """Clinical decision support for nerve pain in the back of the thigh."""


@main.command("assess")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per case, one per line.")
@click.option("--text", "text", default=None, help="The patient's own words ('-' reads stdin).")
@click.option("--age", type=float, default=None, help="Age for a text-only assessment.")
@click.option("--sex", type=click.Choice(["female", "male", "other"]), default=None)
@click.option("--no-free-text", is_flag=True, help="Do not read the cases' free_text fields.")
def assess_command(file: Path | None, as_json: bool, text: str | None, age: float | None, sex: str | None,
                   no_free_text: bool) -> None:
    """Assess a case file, a list of cases, a folder of case files, or free text."""
    from hamstring_dx.interfaces.render_text import render_assessment
    from hamstring_dx.workflow import assess_case

    if text == "-":
        text = sys.stdin.read()
    try:
        kb = load_kb()
        if file is None and not text:
            fail("give a case FILE or --text")
        if file is not None:
            cases = [parse_case(raw, kb.vocabulary, source) for source, raw in read_case_documents(file)]
        else:
            from hamstring_dx.text.merge import case_from_text

            cases = [case_from_text(text or "", kb, age=age, sex=sex)]
            text = None  # it is the case's free text now
        # every assessment is computed before anything is printed: an error leaves no half output
        results = [assess_case(c, kb, text=text, read_free_text=not no_free_text) for c in cases]
    except (CaseError, KnowledgeBaseError) as exc:
        fail(str(exc))
    levels = kb.vocabulary.triage_descriptions
    if as_json:
        click.echo("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in results), nl=False)
    else:
        click.echo("\n".join(render_assessment(a, levels) for a in results), nl=False)


@main.group("kb")
def kb_group() -> None:
    """Check or export the knowledge base."""


@kb_group.command("check")
@click.option("--path", type=click.Path(path_type=Path), default=None, help="A knowledge-base folder.")
def kb_check(path: Path | None) -> None:
    """Validate every data file: schema, ids, sums, sources, rule examples."""
    kb, issues = read_kb(path)
    extra: list[str] = []
    if kb is not None and path is None:
        try:
            from hamstring_dx.care.schema import check_care_data
        except ImportError:  # the care layer is optional for a bare engine install
            check_care_data = None
        if check_care_data is not None:
            extra = check_care_data()
    issues = [*issues, *extra]
    if issues:
        for line in issues:
            click.echo(line, err=True)
        click.echo(f"{len(issues)} issue(s)", err=True)
        sys.exit(1)
    assert kb is not None
    n_links = sum(len(v) for v in kb.likelihoods.values())
    from hamstring_dx.knowledge.check import count_sources

    counts = count_sources(kb)
    click.echo(
        f"knowledge base {kb.version} ({kb.content_hash}) OK: {len(kb.conditions)} conditions, "
        f"{len(kb.findings)} findings, {n_links} likelihood links, {len(kb.red_flags)} red-flag rules, "
        f"{len(kb.references)} references; numbers by basis: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )


@kb_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["xmlbif"]), default="xmlbif", show_default=True)
@click.argument("file", type=click.Path(path_type=Path))
def kb_export(fmt: str, file: Path) -> None:
    """Write the Bayesian network in a standard format."""
    from hamstring_dx.reasoning.network import default_network
    from hamstring_dx.reasoning.xmlbif import write_xmlbif

    write_xmlbif(default_network(), file)
    click.echo(f"wrote {file}")


@main.group("bench")
def bench_group() -> None:
    """Measure quality on benchmark sets."""


@bench_group.command("vignettes")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--no-free-text", is_flag=True, help="Ignore the cases' free_text (structured findings only).")
def bench_vignettes_command(path: Path, as_json: bool, no_free_text: bool) -> None:
    """Top-1/top-3 diagnosis, triage and root accuracy on a vignette file."""
    from hamstring_dx.bench.vignettes import bench_vignettes, format_report

    try:
        report = bench_vignettes(path, read_free_text=not no_free_text)
    except CaseError as exc:
        fail(str(exc))
    if as_json:
        data = {k: v for k, v in report.items() if k != "results"}
        data["results"] = [asdict(r) for r in report["results"]]
        click.echo(json.dumps(data))
    else:
        click.echo(format_report(report), nl=False)


def _register_optional() -> None:
    """Commands of the other layers (care plan, text reader, interview) when installed."""
    import importlib

    for module, names, group in (
        ("hamstring_dx.interfaces.cli_plan", ("plan_command",), main),
        ("hamstring_dx.interfaces.cli_text", ("read_command",), main),
        ("hamstring_dx.interfaces.cli_text", ("bench_read_command",), bench_group),
        ("hamstring_dx.interfaces.cli_interview", ("interview_command",), main),
        ("hamstring_dx.interfaces.cli_interview", ("bench_interview_command",), bench_group),
    ):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in names:
            cmd = getattr(mod, name, None)
            if cmd is not None:
                group.add_command(cmd)


_register_optional()
