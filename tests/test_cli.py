"""The command line as a user runs it (click's runner, real files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamstring_dx.interfaces.cli import main
from hdx_paths import PUBLIC_VIGNETTES, ROOT

EXAMPLE = ROOT / "examples" / "sprinter.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_assess_prints_a_readable_assessment():
    r = run("assess", str(EXAMPLE))
    assert r.exit_code == 0
    assert "TRIAGE:" in r.output and "DIFFERENTIAL" in r.output and "NERVE ROOT" in r.output


def test_assess_json_has_the_documented_fields(kb):
    r = run("assess", str(EXAMPLE), "--json")
    assert r.exit_code == 0
    lines = r.output.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert {"case_id", "kb_version", "triage", "differential", "roots", "next_findings",
            "network_evidence"} <= set(obj)
    assert obj["triage"]["level"] in kb.vocabulary.triage_levels
    assert {r["rule"] for r in obj["triage"]["reasons"]} and all(r["source"] for r in obj["triage"]["reasons"])
    assert {d["condition"] for d in obj["differential"]} == set(kb.vocabulary.conditions)
    probs = [d["probability"] for d in obj["differential"]]
    assert probs == sorted(probs, reverse=True)
    e = obj["differential"][0]["evidence"][0]
    assert {"finding", "value", "log_lr", "source"} <= set(e)
    assert [r["root"] for r in obj["roots"]] and all(0 <= r["probability"] <= 1 for r in obj["roots"])
    assert {"finding", "expected_information_gain"} <= set(obj["next_findings"][0])


def test_assess_many_cases_one_line_each(tmp_path):
    (tmp_path / "two.yaml").write_text(
        "- {case_format: 1, id: a, patient: {age: 30}}\n- {case_format: 1, id: b, patient: {age: 70}}\n")
    r = run("assess", str(tmp_path), "--json")
    ids = [json.loads(line)["case_id"] for line in r.output.strip().splitlines()]
    assert ids == ["a", "b"]


def test_bad_input_exits_2_names_field_and_file_and_prints_nothing(tmp_path):
    good = tmp_path / "a_good.yaml"
    good.write_text("case_format: 1\nid: ok\npatient: {age: 40}\n")
    bad = tmp_path / "b_bad.yaml"
    bad.write_text("case_format: 1\npatient: {age: 40}\nfindings: {pain_nrs: 11}\n")
    r = CliRunner().invoke(main, ["assess", str(tmp_path), "--json"])
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "b_bad.yaml" in r.stderr and "findings.pain_nrs" in r.stderr


def test_unknown_id_and_malformed_file(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("case_format: 1\npatient: {age: 40}\nfindings: {tingly_toes: present}\n")
    r = CliRunner().invoke(main, ["assess", str(f)])
    assert r.exit_code == 2 and "tingly_toes" in r.stderr
    f.write_text("case_format: 1\npatient: [age: 40\n")
    r = CliRunner().invoke(main, ["assess", str(f)])
    assert r.exit_code == 2 and "c.yaml" in r.stderr


def test_kb_check_and_export(tmp_path):
    r = run("kb", "check")
    assert r.exit_code == 0 and "OK" in r.output
    out = tmp_path / "net.xml"
    r = run("kb", "export", "--format", "xmlbif", str(out))
    assert r.exit_code == 0
    text = out.read_text()
    assert "<BIF VERSION=\"0.3\">" in text and "<NAME>cauda_equina_syndrome</NAME>" in text


@pytest.mark.skipif(not PUBLIC_VIGNETTES.exists(), reason="shared/vignettes not beside the repo")
def test_bench_vignettes_reports_figures():
    r = run("bench", "vignettes", str(PUBLIC_VIGNETTES))
    assert r.exit_code == 0
    assert "top-1" in r.output and "triage exact" in r.output and "root accuracy" in r.output
    assert Path(PUBLIC_VIGNETTES).name  # the file named is what was scored
