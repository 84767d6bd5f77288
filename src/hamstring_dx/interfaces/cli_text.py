"""CLI pieces for the text reader (wired into the main `hamstring-dx` group by interfaces/cli.py).

hamstring-dx read "TEXT" | -          [--json]
hamstring-dx bench read CORPUS        [--vignettes PATH] [--details]
"""

from __future__ import annotations

import json
import sys

import click

from hamstring_dx.errors import HamstringDxError


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command("read")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def read_command(text: str, as_json: bool) -> None:
    """Read TEXT (or '-' for standard input) into findings, with the words each came from."""
    from hamstring_dx.text.reader import read_text

    if text == "-":
        text = click.get_text_stream("stdin").read()
    if not text or not text.strip():
        _fail("no text given (pass TEXT or '-' to read standard input)")
    reading = read_text(text)
    if as_json:
        click.echo(json.dumps(reading.to_dict(), ensure_ascii=False))
        return
    click.echo(f"side: {reading.side or 'not stated'}")
    if not reading.mentions:
        click.echo("no findings read")
    for m in reading.mentions:
        region = f" [{m.region}]" if m.region else ""
        flags = [] if m.asserted or m.proposed else [m.context]
        if m.red_flag:
            flags.append("RED FLAG: confirm")
        if m.proposed:
            flags.append(f"learned screen, p={m.probability:.2f}, told as {m.context}")
        extra = f"  ({', '.join(flags)})" if flags else ""
        click.echo(f'{m.finding}{region} = {m.value}{extra}  <- "{m.text}" [{m.start}:{m.end}]')
    regions = reading.regions_mentioned()
    if regions:
        click.echo(
            "regions mentioned (not complete lists): "
            + "; ".join(f"{k}: {', '.join(v)}" for k, v in regions.items())
        )


@click.command("read")
@click.argument("corpus", type=click.Path())
@click.option(
    "--vignettes", type=click.Path(), default=None, help="Also score vignette narratives (YAML list)."
)
@click.option("--details", is_flag=True, help="List every item the reader got wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_read_command(corpus: str, vignettes: str | None, details: bool, as_json: bool) -> None:
    """Score the text reader on an annotated CORPUS (see validation/text-corpus/GUIDE.md)."""
    from hamstring_dx.text.bench import bench_read, bench_vignettes

    try:
        result = bench_read(corpus, details=details)
        if vignettes:
            result["vignette_narratives"] = bench_vignettes(vignettes)
    except (HamstringDxError, ValueError) as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    o = result["overall"]
    click.echo(f"corpus: {result['corpus']} ({result['items']} items)")
    click.echo(
        f"micro  P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
        f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})"
    )
    click.echo(
        f"red-flag recall {result['red_flag_recall']} (strict {result['red_flag_recall_strict']}, "
        f"{result['red_flag_gold']} gold)"
    )
    click.echo(f"negation accuracy {result['negation_accuracy']} ({result['negation_compared']} compared)")
    click.echo(f"side accuracy {result['side_accuracy']} ({result['side_compared']} compared)")
    click.echo("per finding (P R F1 tp/fp/fn):")
    for f, m in result["per_finding"].items():
        click.echo(
            f"  {f:38s} {m['precision']:.2f} {m['recall']:.2f} {m['f1']:.2f}  {m['tp']}/{m['fp']}/{m['fn']}"
        )
    for e in result.get("errors", []):
        click.echo(f"  x {e['id']}: {e['text']}\n      missed {e['missed']}\n      extra  {e['extra']}")
    v = result.get("vignette_narratives")
    if v:
        click.echo(
            f"vignette narratives: {v['vignettes']}; agreement {v['agreement']} ({v['agree']} agree, "
            f"{v['disagree']} disagree, {v['not_in_case']} not in case); coverage of case findings "
            f"{v['coverage_of_case_findings']}; region precision {v['region_precision']}; "
            f"side accuracy {v['side_accuracy']}"
        )
        for c in v["contradictions"]:
            click.echo(f"  contradiction {c['id']}: {c['finding']} read {c['read']}, case {c['case']}")
