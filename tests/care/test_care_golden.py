"""Golden tests over the public vignettes with the real engine (`hamstring_dx.reasoning.assess`)."""

from __future__ import annotations

import pytest

from hamstring_dx.care import plan
from hamstring_dx.care.loader import load_care
from hamstring_dx.care.safety import forbidden_medicines, plan_violations

DANGEROUS = {
    "cauda_equina_syndrome",
    "spinal_malignancy",
    "spinal_infection",
    "fracture",
    "deep_vein_thrombosis",
    "proximal_hamstring_avulsion",
}


@pytest.fixture(scope="module")
def plans(vignettes):
    return {vid: plan(v["case"]) for vid, v in vignettes.items()}


def test_cauda_equina_emergency_referral_no_programme_no_delaying_advice(plans):
    p = plans["v012"]
    assert p.triage["level"] == "emergency"
    assert p.referrals[0].to == "emergency_department" and p.referrals[0].urgency == "emergency"
    assert p.exercise_programme is None
    assert not [t for t in p.treatments if t.kind in ("self_care", "physiotherapy")]
    assert not [r for r in p.referrals if r.timing == "later"]
    assert "Go to an emergency department now" in p.patient_summary


def test_avulsion_orthopaedic_review_within_days(plans):
    p = plans["v032"]
    ortho = [r for r in p.referrals if r.to == "orthopaedic_surgeon" and r.timing == "now"]
    assert ortho and ortho[0].urgency in ("urgent", "soon")
    assert "within days" in ortho[0].when
    assert p.exercise_programme is None
    assert any(w.test == "mri_thigh_pelvis" and w.timing == "now" for w in p.workup)


def test_early_sciatica_without_red_flags(plans):
    p = plans["v026"]  # 4 days of L5 radicular pain, no red flags
    assert p.triage["level"] == "self_care"
    mri = next(w for w in p.workup if w.test == "mri_lumbar")
    assert mri.timing == "later"
    assert "6 weeks" in mri.when and ("surgery" in mri.when or "injection" in mri.when)
    assert not [w for w in p.workup if w.timing == "now"]
    assert any(s.id == "microdiscectomy" for s in p.surgery)
    assert p.exercise_programme is not None


@pytest.mark.parametrize("vid", ["v012", "v029", "v032", "v045", "v046"])
def test_no_programme_when_danger_is_suspected(plans, vignettes, vid):
    assert vignettes[vid]["gold"]["diagnosis"] in DANGEROUS
    assert plans[vid].exercise_programme is None


def test_no_guideline_do_not_offer_medicine_is_ever_recommended(plans):
    care = load_care()
    for vid, p in plans.items():
        assert plan_violations(p, care) == [], vid
        banned = forbidden_medicines(care, [c.condition for c in p.conditions], p.phase)
        assert not [m for m in p.medications if m.medicine in banned and m.recommendation != "do_not_offer"]


def test_first_referral_matches_triage(plans):
    for vid, p in plans.items():
        level = p.triage["level"]
        if level != "self_care":
            assert any(r.timing == "now" and r.urgency == level for r in p.referrals), vid


def test_strain_plan_has_rehab_and_no_routine_imaging(plans):
    p = plans["v035"]
    assert p.working_diagnosis.condition == "hamstring_strain"
    assert next(w for w in p.workup if w.test == "mri_thigh_pelvis").timing == "not_now"
    assert p.exercise_programme and p.exercise_programme.id == "hamstring_strain_rehab"
