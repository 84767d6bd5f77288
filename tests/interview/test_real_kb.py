"""The interview on the packaged knowledge base: order, CLI, and the issue's measured targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hamstring_dx.interview import STOP_REASONS, next_question
from hamstring_dx.interview.config import config_for
from hamstring_dx.interview.simulate import bench_interview

ROOT = Path(__file__).resolve().parents[2]
VIGNETTES = ROOT.parent / "shared" / "vignettes" / "public.yaml"
CLI = [str(ROOT / ".venv" / "bin" / "hamstring-dx")]


def start(**findings):
    return {"case_format": 1, "id": "t", "patient": {"age": 35}, "findings": dict(findings)}


@pytest.mark.parametrize("mode", ["patient", "clinician"])
def test_screen_is_asked_first_in_order(kb, mode):
    """The same six red flags, in the same order, first, as two grouped question screens."""
    cfg = config_for(kb)
    case = start()
    asked = []
    for group in cfg.screen_groups(mode):
        step = next_question(case, mode, kb)
        q = step.question
        assert q.phase == "screen" and q.type == "group" and q.group == group.group
        assert step.progress.asked == len(asked) and step.progress.screen_asked == len(asked)
        assert list(q.findings) == [item.finding for item in group.items]
        for item in q.items:
            assert item.type == "single" and item.options[-1].value == "unknown"  # each has "not sure"
            case["findings"][item.finding] = "absent"
        asked.append(q.group)
    assert [f for f in case["findings"]] == [i.finding for i in cfg.screen_for(mode)]
    assert [i.finding for i in cfg.screen_for(mode)] == [
        "bladder_change", "saddle_numbness", "bowel_change", "fever", "history_of_cancer", "cold_pale_foot"
    ]
    step = next_question(case, mode, kb)
    assert step.question.phase != "screen"
    assert step.progress.asked == 2 and step.progress.answers == 6  # two screens, six answers


def test_partly_answered_group_asks_the_rest(kb):
    step = next_question(start(bladder_change="absent"), "patient", kb)
    assert step.question.type == "group" and list(step.question.findings) == ["saddle_numbness", "bowel_change"]
    step = next_question(start(bladder_change="absent", bowel_change="unknown"), "patient", kb)
    assert step.question.type == "single" and step.question.finding == "saddle_numbness"


def test_patient_questions_are_plain(kb):
    step = next_question(start(), "patient", kb)
    assert step.question.why.startswith("We ask everyone this first")
    for item in step.question.items:
        assert item.text == kb.findings[item.finding].patient_question


def test_cauda_equina_answer_escalates_and_ends(kb):
    case = start(bladder_change="present")
    step = next_question(case, "patient", kb)
    assert step.triage_level in ("urgent", "emergency")
    case["findings"]["pain_below_knee"] = "present"  # a leg symptom completes the emergency rule
    step = next_question(case, "patient", kb)
    assert step.done and step.stop_reason == "emergency"
    assert step.assessment.triage.level == "emergency"


@pytest.fixture(scope="module")
def reports(kb):
    return {mode: bench_interview(VIGNETTES, mode, kb) for mode in ("patient", "clinician")}


@pytest.mark.parametrize("mode", ["patient", "clinician"])
def test_no_emergency_or_urgent_case_under_triaged(reports, mode):
    assert reports[mode]["urgent_or_emergency_under_triaged_at_stop"] == 0


@pytest.mark.parametrize("mode", ["patient", "clinician"])
def test_top3_at_stop_within_5_points_of_full_information(reports, mode):
    r = reports[mode]
    assert r["top3_at_stop"] >= r["top3_full_mode"] - 0.05
    assert r["top3_at_stop"] >= r["top3_full_case"] - 0.05


@pytest.mark.parametrize("mode", ["patient", "clinician"])
def test_simulated_interviews_are_well_formed(reports, mode):
    cap = {"patient": 20, "clinician": 30}[mode]
    for row in reports[mode]["results"]:
        assert row.stop_reason in STOP_REASONS
        assert len(row.asked) == len(set(row.asked))
        assert row.questions <= cap


def test_patient_median_at_most_12_questions(reports):
    """Issue 4 target; questions are question screens (a grouped red-flag question counts once)."""
    assert reports["patient"]["questions_median"] <= 12


@pytest.mark.parametrize("mode", ["patient", "clinician"])
@pytest.mark.parametrize("with_text", [False, True])
def test_counted_questions_are_the_screens_shown(kb, mode, with_text):
    """`progress.asked`, derived from the case alone, equals the question screens actually shown
    (the simulation counts the steps), with and without the person's free text first."""
    import yaml

    from hamstring_dx.interview.simulate import simulate

    cfg = config_for(kb)
    for v in yaml.safe_load(VIGNETTES.read_text(encoding="utf-8")):
        _, step, asked, screens = simulate(v["case"], mode, kb, cfg, with_text)
        assert step.progress.asked == screens, v["id"]
        assert len(asked) == len(set(asked)) == step.progress.answers
        if not with_text:  # the screen's six red flags come first (all, unless an emergency ends it)
            screen = [i.finding for i in cfg.screen_for(mode)]
            assert asked[: len(screen)] == screen[: len(asked)], v["id"]
            assert len(asked) >= len(screen) or step.stop_reason == "emergency", v["id"]


def _run(*args, **kw):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, **kw)


def test_cli_next_json(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(start(bladder_change="absent")))
    out = _run("interview", "--next", str(f), "--mode", "clinician", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["done"] is False
    q = data["question"]
    assert q["type"] == "group" and q["finding"] is None and q["group"] == "cauda_equina"
    assert [i["finding"] for i in q["items"]] == ["saddle_numbness", "bowel_change"]
    assert {"finding", "text", "help", "type", "options", "why", "items"} <= set(q)
    for item in q["items"]:
        assert {"finding", "text", "options"} <= set(item)
        assert item["options"][-1]["value"] == "unknown"
    assert data["progress"]["asked"] == 1 and data["progress"]["answers"] == 1


def test_cli_next_text_lists_group_items(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(start()))
    out = _run("interview", "--next", str(f))
    assert out.returncode == 0, out.stderr
    assert "(finding bladder_change)" in out.stdout and "(finding bowel_change)" in out.stdout


def test_cli_next_json_done(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(start(bladder_change="present", pain_below_knee="present")))
    data = json.loads(_run("interview", "--next", str(f), "--json").stdout)
    assert data["done"] is True and data["stop_reason"] == "emergency"
    assert data["assessment"]["triage"]["level"] == "emergency"
    assert "differential" in data["assessment"]


def test_cli_bad_input_exits_2_naming_field_and_file(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("case_format: 1\npatient: {age: 35}\nfindings: {fever: maybe}\n")
    out = _run("interview", "--next", str(f), "--json")
    assert out.returncode == 2
    assert "findings.fever" in out.stderr and "bad.yaml" in out.stderr
    assert out.stdout == ""


def test_cli_bench_interview():
    out = _run("bench", "interview", str(VIGNETTES), "--mode", "patient", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["cases"] == 24 and "questions_median" in data


def test_library_export():
    import hamstring_dx

    assert hamstring_dx.next_question is next_question
    assert sys.modules["hamstring_dx.interview"]
