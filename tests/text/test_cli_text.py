import json
from pathlib import Path

import click
from click.testing import CliRunner

from hamstring_dx.interfaces.cli_text import bench_read_command, read_command

ROOT = Path(__file__).resolve().parents[2]


def test_read_text_and_json():
    r = CliRunner().invoke(read_command, ["No fever, pain in my left buttock"])
    assert r.exit_code == 0, r.output
    assert "fever = absent" in r.output and "side: left" in r.output
    r = CliRunner().invoke(read_command, ["--json", "-"], input="I wet myself")
    data = json.loads(r.output)
    assert data["findings"]["bladder_change"] == "present"
    assert data["red_flags"][0]["finding"] == "bladder_change"


def test_read_empty_is_exit_2():
    r = CliRunner().invoke(read_command, ["-"], input="  ")
    assert r.exit_code == 2
    assert "no text" in r.output


def test_bench_read(tmp_path):
    corpus = tmp_path / "c.yaml"
    corpus.write_text("items:\n- id: a\n  text: No fever.\n  findings: [fever=absent]\n")
    r = CliRunner().invoke(bench_read_command, ["--json", str(corpus)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["overall"]["f1"] == 1.0


def test_bench_bad_input_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("items:\n- id: a\n  text: x\n  findings: [no_such_finding]\n")
    for args in (["/nonexistent.yaml"], [str(bad)]):
        r = CliRunner().invoke(bench_read_command, args)
        assert r.exit_code == 2, r.output
        assert "error:" in r.output


def test_commands_are_click_commands():
    assert isinstance(read_command, click.Command) and isinstance(bench_read_command, click.Command)


def test_read_shows_what_the_learned_screen_proposed_and_how_sure_it_is():
    text = "My waterworks have gone haywire since the back went."
    out = CliRunner().invoke(read_command, [text]).output
    line = next(x for x in out.splitlines() if x.startswith("bladder_change"))
    assert "RED FLAG: confirm" in line and "learned screen, p=0." in line
    data = json.loads(CliRunner().invoke(read_command, ["--json", text]).output)
    [m] = [m for m in data["mentions"] if m["finding"] == "bladder_change"]
    assert m["source"] == "model" and 0.2 <= m["probability"] <= 1
