"""Renderers and the `plan` command: Markdown, HTML, PDF (read back with pypdf), JSON lines."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from hamstring_dx.care import plan
from hamstring_dx.care.render import render_html, render_markdown, render_pdf
from hamstring_dx.interfaces.cli_plan import plan_command


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(scope="module")
def ces(vignettes):
    return plan(vignettes["v012"]["case"])


@pytest.fixture(scope="module")
def sciatica(vignettes):
    return plan(vignettes["v026"]["case"])


def test_markdown_both_voices(sciatica):
    md = render_markdown(sciatica, "clinician")
    assert "| Test | When | Why | Source |" in md and "do not offer" in md and "nice_ng59" in md
    pt = render_markdown(sciatica, "patient")
    assert "## Get help now if" in pt and "guide/anatomy.md" in pt and "Source" not in pt


def test_html_is_escaped_and_complete(sciatica):
    html = render_html(sciatica, "clinician")
    assert html.startswith("<!DOCTYPE html>") and "<table>" in html and "Working diagnosis" in html
    assert "<script" not in html


def test_pdf_patient_renders_back_to_text(ces):
    text = _pdf_text(render_pdf(ces, "patient"))
    assert "Your care plan" in text
    assert "Go to an emergency department now" in text
    assert "Do not start an exercise plan yet" in text


def test_pdf_clinician_renders_back_to_text(sciatica):
    text = _pdf_text(render_pdf(sciatica, "clinician"))
    for needle in ("Work-up", "Referral", "Medicines", "do not offer", "Rehabilitation", "Safety-netting"):
        assert needle in text, needle


def test_cli_json_lines_and_pdf(tmp_path, vignettes):
    cases = tmp_path / "cases.yaml"
    cases.write_text(yaml.safe_dump([vignettes["v026"]["case"], vignettes["v032"]["case"]]))
    runner = CliRunner()
    res = runner.invoke(plan_command, [str(cases), "--format", "json"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert [json.loads(line)["case_id"] for line in lines] == ["v026", "v032"]
    out = tmp_path / "p.pdf"
    res = runner.invoke(plan_command, [str(cases), "--format", "pdf", "--audience", "clinician", "-o", str(out)])
    assert res.exit_code == 0 and "v032" in _pdf_text(out.read_bytes())


def test_cli_bad_input_exit_2_names_field_and_file(tmp_path, vignettes):
    bad = dict(vignettes["v026"]["case"])
    bad["findings"] = {**bad["findings"], "pain_nrs": 42}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad))
    out = tmp_path / "out.json"
    res = CliRunner().invoke(plan_command, [str(path), "--format", "json", "-o", str(out)])
    assert res.exit_code == 2
    assert "findings.pain_nrs" in res.output and "bad.yaml" in res.output
    assert not out.exists()
