"""Property: whatever the case and assessment, no plan recommends a do-not-offer medicine,
and no exercise programme or delaying home care is given when danger is suspected."""

from __future__ import annotations

from care_helpers import case, conditions, make_assessment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_dx.care import build_plan
from hamstring_dx.care.loader import load_care
from hamstring_dx.care.safety import forbidden_medicines, plan_violations

CONDS = conditions()
LEVELS = ["emergency", "urgent", "soon", "routine", "self_care"]
BOOLS = [
    "diabetes",
    "smoker",
    "felt_pop",
    "fever",
    "progressive_weakness",
    "foot_drop",
    "cold_pale_foot",
    "previous_hamstring_injury",
    "bladder_change",
    "obesity",
]

probs = st.dictionaries(st.sampled_from(CONDS), st.floats(0.0, 1.0), min_size=1, max_size=4)
findings = st.fixed_dictionaries(
    {},
    optional={
        "duration_days": st.integers(0, 800),
        "pain_nrs": st.integers(0, 10),
        **{b: st.sampled_from(["present", "absent", "unknown"]) for b in BOOLS},
        "palpable_gap": st.sampled_from(["positive", "negative"]),
    },
)
reasons = st.lists(
    st.tuples(st.sampled_from(["usual:x", "red_flag_rule", "escalation:y"]), st.sampled_from([None, *CONDS])),
    min_size=1,
    max_size=3,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    probs=probs,
    f=findings,
    level=st.sampled_from(LEVELS),
    rs=reasons,
    activity=st.sampled_from(["sprint_or_kicking_sport", "desk_work", None]),
)
def test_plans_never_break_the_safety_rules(probs, f, level, rs, activity):
    care = load_care()
    c = case(f)
    if activity:
        c["patient"]["activity"] = activity
    p = build_plan(c, make_assessment(probs, level, rs))
    assert plan_violations(p, care) == []
    banned = forbidden_medicines(care, [x.condition for x in p.conditions], p.phase)
    for m in p.medications:
        if m.medicine in banned:
            assert m.recommendation == "do_not_offer"
    if p.withheld:
        assert p.exercise_programme is None
        assert not [t for t in p.treatments if t.kind == "self_care"]
    if level != "self_care":
        assert any(r.timing == "now" and r.urgency == level for r in p.referrals)
