"""Safety properties of triage on the real knowledge base (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_dx.knowledge.loader import load_kb
from hamstring_dx.reasoning.assess import assess

KB = load_kb()
V = KB.vocabulary
RANK = V.urgency_rank
RED = sorted(f.id for f in KB.findings.values() if f.red_flag)
CES_FEATURES = ["bladder_change", "bowel_change", "saddle_numbness", "sexual_dysfunction_new"]
LEG_SYMPTOMS = [{"pain_below_knee": "present"}, {"pain_regions": ["posterior_thigh"]},
                {"numbness_regions": ["calf"]}, {"pain_regions": ["calf", "posterior_thigh"]}]


def _value_strategy(fid: str):
    t = V.findings[fid].type
    if t == "boolean":
        return st.sampled_from(["present", "absent", "unknown"])
    if t == "test":
        return st.sampled_from(["positive", "negative"])
    if t == "reflex":
        return st.sampled_from(["normal", "reduced", "absent"])
    if t == "number":
        top = {"pain_nrs": 10, "duration_days": 400, "walking_distance_m": 3000}[fid]
        return st.integers(0, top)
    items = list(V.items_of(fid))
    return st.lists(st.sampled_from(items), unique=True, max_size=4)


findings_strategy = st.lists(st.sampled_from(sorted(V.findings)), unique=True, max_size=12).flatmap(
    lambda ids: st.fixed_dictionaries({fid: _value_strategy(fid) for fid in ids})
)
cases = st.builds(
    lambda age, sex, setting, findings: {
        "case_format": 1, "patient": {"age": age, "sex": sex}, "setting": setting, "findings": findings},
    st.integers(16, 95), st.sampled_from(["female", "male"]), st.sampled_from(V.settings), findings_strategy,
)


def _positive(fid: str):
    t = V.findings[fid].type
    return {"boolean": "present", "test": "positive", "reflex": "absent"}[t]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases, st.sampled_from(RED))
def test_adding_a_red_flag_never_lowers_urgency(case, red):
    before = assess(case, KB).triage.level
    after_case = {**case, "findings": {**case["findings"], red: _positive(red)}}
    after = assess(after_case, KB).triage.level
    assert RANK[after] >= RANK[before], (red, before, after)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases, st.sampled_from(CES_FEATURES), st.sampled_from(LEG_SYMPTOMS))
def test_cauda_equina_feature_with_leg_symptoms_is_never_below_urgent(case, feature, leg):
    findings = {**case["findings"], **leg, feature: "present"}
    level = assess({**case, "findings": findings}, KB).triage.level
    assert RANK[level] >= RANK["urgent"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases)
def test_unknown_is_not_absent(case):
    """Writing `unknown` for findings nobody asked about changes nothing."""
    a = assess(case, KB)
    extra = {fid: "unknown" for fid in list(V.findings)[:40] if fid not in case["findings"]}
    b = assess({**case, "findings": {**case["findings"], **extra}}, KB)
    assert a.triage.level == b.triage.level
    assert [d.probability for d in a.differential] == [d.probability for d in b.differential]
