"""Golden cases: the public vignettes (measured, never tuned on; see docs/validation.md)."""

from __future__ import annotations

import pytest
import yaml

from hamstring_dx import assess
from hamstring_dx.bench.vignettes import bench_vignettes
from hdx_paths import PUBLIC_VIGNETTES

pytestmark = pytest.mark.skipif(not PUBLIC_VIGNETTES.exists(), reason="shared/vignettes not beside the repo")


@pytest.fixture(scope="module")
def report(kb):
    return bench_vignettes(PUBLIC_VIGNETTES, kb)


def test_no_emergency_or_urgent_case_is_under_triaged(report):
    assert report["urgent_or_emergency_under_triaged"] == 0


def test_issue_targets_hold(report):
    """Regression guard at the issue's targets (top-3 >= 90%, top-1 >= 75%, triage exact >= 80%)."""
    assert report["top3"] >= 0.90
    assert report["top1"] >= 0.75
    assert report["triage_exact"] >= 0.80


def _vignettes():
    if not PUBLIC_VIGNETTES.exists():
        return []
    return yaml.safe_load(PUBLIC_VIGNETTES.read_text())


@pytest.mark.parametrize("v", _vignettes(), ids=lambda v: v["id"])
def test_every_condition_is_in_the_differential_and_reasons_are_sourced(v):
    a = assess(v["case"])
    assert len(a.differential) == 22
    assert all(r.source for r in a.triage.reasons)
    assert a.kb_version


def test_two_coexisting_conditions_both_show():
    """A sprinter with an acute hamstring strain who also has disc sciatica signs."""
    case = {
        "case_format": 1, "setting": "sports_medicine", "side": "left",
        "patient": {"age": 24, "sex": "male", "activity": "sprint_or_kicking_sport"},
        "findings": {
            "onset_sudden": "present", "onset_sprinting": "present", "duration_days": 3,
            "tenderness_muscle_belly": "positive", "pain_resisted_knee_flexion": "positive",
            "bruising_posterior_thigh": "positive",
            "pain_below_knee": "present", "worse_cough_sneeze": "present", "straight_leg_raise": "positive",
            "slump_test": "positive", "ankle_jerk": "reduced", "numbness_regions": ["foot_lateral", "foot_sole"],
        },
    }
    a = assess(case)
    top = {d.condition: d.probability for d in a.differential[:3]}
    assert "hamstring_strain" in top and "lumbar_radiculopathy_disc" in top
    assert a.probability("hamstring_strain") > 0.3 and a.probability("lumbar_radiculopathy_disc") > 0.3
    assert max(a.roots, key=lambda r: r.probability).root == "S1"
