"""The care data is valid and complete: `check_care_data` finds nothing."""

from __future__ import annotations

from hamstring_dx.care.loader import load_care
from hamstring_dx.care.schema import STANCES, check_care_data


def test_check_care_data_is_clean():
    assert check_care_data() == []


def test_every_condition_has_prognosis_and_a_guide_page():
    care = load_care()
    conds = set(care.vocabulary["conditions"])
    assert {p.condition for p in care.prognosis.conditions} == conds
    assert conds <= {c for page in care.guide.pages for c in page.conditions}


def test_stances_are_the_three_guideline_words():
    care = load_care()
    used = {s.stance for s in care.medicines.stances} | {t.stance for t in care.treatments.treatments}
    assert used <= set(STANCES)


def test_ng59_sciatica_drug_list_is_do_not_offer():
    care = load_care()
    for med in ("gabapentinoid", "other_antiepileptic", "oral_corticosteroid", "benzodiazepine"):
        stance = [
            s for s in care.medicines.stances if s.medicine == med and "lumbar_radiculopathy_disc" in s.conditions
        ]
        assert stance and all(s.stance == "do_not_offer" for s in stance), med
    chronic = [
        s
        for s in care.medicines.stances
        if s.medicine == "strong_opioid" and "lumbar_radiculopathy_disc" in s.conditions
    ]
    assert any(s.stance == "do_not_offer" and (not s.phases or "chronic" in s.phases) for s in chronic)


def test_no_programme_for_unsafe_conditions():
    care = load_care()
    unsafe = set(care.settings.no_exercise_conditions)
    assert {
        "cauda_equina_syndrome",
        "fracture",
        "deep_vein_thrombosis",
        "spinal_infection",
        "spinal_malignancy",
        "proximal_hamstring_avulsion",
    } <= unsafe
    for p in care.programmes.programmes:
        assert not unsafe & set(p.conditions), p.id


def test_a_bad_cross_reference_is_reported(tmp_path):
    import shutil
    from importlib import resources

    src = resources.files("hamstring_dx.knowledge").joinpath("data")
    dst = tmp_path / "data"
    shutil.copytree(str(src), dst)
    path = dst / "care" / "medicines.yaml"
    path.write_text(path.read_text().replace("medicine: gabapentinoid", "medicine: gabapentinoidz", 1))
    issues = check_care_data(str(dst))
    assert any("unknown medicine 'gabapentinoidz'" in i for i in issues)
