"""Planner unit tests with hand-built assessments (no engine needed)."""

from __future__ import annotations

from care_helpers import case, make_assessment

from hamstring_dx.care import build_plan
from hamstring_dx.care.loader import load_care
from hamstring_dx.care.safety import plan_violations


def _plan(findings, probs, level="routine", reasons=None, **kw):
    return build_plan(case(findings, **kw), make_assessment(probs, level, reasons))


def test_cauda_equina_emergency_no_programme_no_self_care():
    p = _plan(
        {"bladder_change": "present", "saddle_numbness": "present", "duration_days": 10},
        {"lumbar_radiculopathy_disc": 0.9, "cauda_equina_syndrome": 0.6},
        "emergency",
        [("ces_bladder_saddle", "cauda_equina_syndrome")],
    )
    assert p.referrals[0].to == "emergency_department" and p.referrals[0].urgency == "emergency"
    assert p.exercise_programme is None and p.withheld
    assert not [t for t in p.treatments if t.kind == "self_care"]
    mri = next(w for w in p.workup if w.test == "mri_lumbar")
    assert mri.timing == "now" and mri.urgency == "emergency"
    assert all(r.timing == "now" for r in p.referrals)
    assert plan_violations(p, load_care()) == []


def test_avulsion_orthopaedic_review_within_days():
    p = _plan(
        {"felt_pop": "present", "palpable_gap": "positive", "duration_days": 3},
        {"proximal_hamstring_avulsion": 0.8},
        "soon",
        [("escalation:proximal_hamstring_avulsion", "proximal_hamstring_avulsion")],
    )
    ortho = [r for r in p.referrals if r.to == "orthopaedic_surgeon"]
    assert ortho and ortho[0].urgency == "soon" and ortho[0].timing == "now"
    assert "days" in ortho[0].when and "4-6 weeks" in ortho[0].when
    assert p.exercise_programme is None
    assert any(w.test == "mri_thigh_pelvis" and w.timing == "now" for w in p.workup)
    assert any(s.id == "avulsion_repair" for s in p.surgery)


def test_early_sciatica_no_mri_now_but_later():
    p = _plan({"duration_days": 14, "pain_below_knee": "present"}, {"lumbar_radiculopathy_disc": 0.9}, "self_care")
    mri = next(w for w in p.workup if w.test == "mri_lumbar")
    assert mri.timing == "later" and "6 weeks" in mri.when
    assert not any(w.timing == "now" for w in p.workup)
    assert any(s.id == "microdiscectomy" for s in p.surgery)
    assert p.exercise_programme is not None
    assert any(t.id == "stay_active" for t in p.treatments)
    assert not any(r.timing == "now" for r in p.referrals)  # self-care: contacts are for later


def test_persisting_sciatica_mri_now_and_chronic_opioids_not_offered():
    p = _plan({"duration_days": 100}, {"lumbar_radiculopathy_disc": 0.9})
    assert p.phase == "chronic"
    assert next(w for w in p.workup if w.test == "mri_lumbar").timing == "now"
    meds = {m.medicine: m.recommendation for m in p.medications}
    assert meds["strong_opioid"] == meds["weak_opioid"] == "do_not_offer"
    assert meds["gabapentinoid"] == "do_not_offer"


def test_do_not_offer_wins_over_offer_for_coexisting_conditions():
    p = _plan({"duration_days": 20}, {"lumbar_radiculopathy_disc": 0.8, "peripheral_neuropathy": 0.7})
    gaba = next(m for m in p.medications if m.medicine == "gabapentinoid")
    assert gaba.recommendation == "do_not_offer" and "wins" in gaba.note
    alone = _plan({"duration_days": 20}, {"peripheral_neuropathy": 0.9})
    assert next(m for m in alone.medications if m.medicine == "gabapentinoid").recommendation == "offer"


def test_strain_programme_has_phases_doses_and_return_criteria():
    p = _plan({"duration_days": 3, "onset_sprinting": "present"}, {"hamstring_strain": 0.9})
    prog = p.exercise_programme
    assert prog and len(prog.phases) == 3
    extender = next(e for e in prog.phases[0].exercises if e.id == "extender")
    assert extender.dose == "3 sets of 12, twice a day (from about day 5; short of pain)"
    assert all(ph.progress_when for ph in prog.phases) and prog.return_criteria
    mri = next(w for w in p.workup if w.test == "mri_thigh_pelvis")
    assert mri.timing == "not_now"
    assert p.prognosis.expected_days == [8, 28]
    assert any(x.id == "nordic_programme" for x in p.prevention)


def test_prognosis_factors_follow_the_case():
    p = _plan({"duration_days": 20, "diabetes": "present", "smoker": "present"}, {"lumbar_radiculopathy_disc": 0.9})
    texts = " ".join(f.text for f in p.prognosis.factors)
    assert "Diabetes" in texts and "Smoking" in texts


def test_dvt_urgent_same_day_tests():
    p = _plan(
        {"leg_swelling": "present"}, {"deep_vein_thrombosis": 0.6}, "urgent", [("dvt_wells", "deep_vein_thrombosis")]
    )
    assert p.referrals[0].urgency == "urgent"
    assert next(w for w in p.workup if w.test == "d_dimer_duplex").timing == "now"
    assert p.exercise_programme is None


def test_plan_to_dict_has_the_issue_fields():
    d = _plan({"duration_days": 3}, {"hamstring_strain": 0.9}).to_dict()
    for key in (
        "case_id",
        "triage",
        "working_diagnosis",
        "workup",
        "referrals",
        "medications",
        "exercise_programme",
        "prognosis",
        "prevention",
        "safety_net",
        "patient_summary",
    ):
        assert key in d
    assert set(d["workup"][0]) >= {"test", "when", "why", "source"}
    assert set(d["referrals"][0]) >= {"to", "urgency", "why", "source"}
    assert set(d["medications"][0]) >= {"name", "drug_class", "recommendation", "why", "source"}
    phase = d["exercise_programme"]["phases"][0]
    assert set(phase) >= {"name", "exercises", "progress_when"}
    assert set(phase["exercises"][0]) >= {"name", "instructions", "dose"}
    assert set(d["prognosis"]) >= {"expected_days", "factors", "recurrence", "source"}
