from __future__ import annotations

from pathlib import Path

import yaml

from hamstring_dx.interview.config import check_interview_data, read_config


def test_toy_policy_is_clean(toy_kb, toy_cfg_path):
    assert check_interview_data(toy_kb, toy_cfg_path) == []


def test_packaged_policy_is_clean(kb):
    assert check_interview_data(kb) == []


TOY_CONFIG = Path(__file__).parent / "toy_interview.yaml"


def _broken(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(TOY_CONFIG.read_text())
    edit(data)
    path = tmp_path / "interview.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_unknown_key_is_rejected(tmp_path):
    path = _broken(tmp_path, lambda d: d["stop"].update(confidance=0.5))
    cfg, issues = read_config(path)
    assert cfg is None and any("confidance" in i for i in issues)


def test_screen_problems_are_reported(toy_kb, tmp_path):
    def edit(d):
        d["screen"]["patient"] = [
            {"finding": "nosuch", "why": "x", "ref": "toy_2020"},
            {"finding": "test_a", "why": "x", "ref": "toy_2020"},  # exam: not a patient question
            {"finding": "sudden", "why": "x", "ref": "missing_ref"},  # not a red flag, bad ref
        ]
    issues = check_interview_data(toy_kb, _broken(tmp_path, edit))
    text = "\n".join(issues)
    assert "unknown finding id 'nosuch'" in text
    assert "test_a is a exam finding" in text or "test_a has no plain patient question" in text
    assert "sudden is not a red-flag finding" in text
    assert "missing_ref" in text


def test_costs_must_not_decrease(toy_kb, tmp_path):
    path = _broken(tmp_path, lambda d: d["costs"]["exam"].update(value=0.5))
    assert any("costs" in i for i in check_interview_data(toy_kb, path))


def test_every_region_needs_a_plain_name(toy_kb, tmp_path):
    path = _broken(tmp_path, lambda d: d["region_names"].pop("shin"))
    assert any("region_names.shin" in i for i in check_interview_data(toy_kb, path))
