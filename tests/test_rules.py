"""Tests of the rule-expression evaluator (reasoning/rules.py) and of the red-flag rules data.

The evaluator is tested on a toy vocabulary; the real red_flags.yaml is checked separately
(expressions valid against the real vocabulary, polarity, references, and every stored example).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.knowledge.schema import RedFlagFile, ReferenceFile
from hamstring_dx.reasoning.rules import (
    CaseView,
    evaluate,
    red_flag_polarity_problems,
    validate_expression,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "hamstring_dx" / "knowledge" / "data"
T, F, U = True, False, None
TRUTHS = (T, F, U)

TOY_VOCAB = {
    "settings": ["self_assessment", "primary_care", "emergency_department"],
    "activities": ["desk_work", "other"],
    "regions": {"low_back": "", "calf": "", "saddle": ""},
    "movements": {"knee_flexion": "", "ankle_dorsiflexion": ""},
    "findings": {
        "a": {"type": "boolean"},
        "b": {"type": "boolean"},
        "c": {"type": "boolean"},
        "t": {"type": "test"},
        "jerk": {"type": "reflex"},
        "n": {"type": "number"},
        "regions": {"type": "region_list"},
        "moves": {"type": "movement_list"},
    },
}


def case(findings=None, patient=None, setting=None) -> CaseView:
    return CaseView(findings=findings or {}, patient=patient or {}, setting=setting)


def atom(fid: str) -> dict:
    return {"finding": fid, "is": "present"}


def as_finding(truth: bool | None) -> str | None:
    """A boolean finding value whose `is: present` atom has the given truth."""
    return {T: "present", F: "absent", U: None}[truth]


def truths_case(*truths: bool | None) -> CaseView:
    names = ("a", "b", "c")
    return case({n: as_finding(v) for n, v in zip(names, truths, strict=False) if v is not None})


# --------------------------------------------------------------------------- atoms


class TestAtoms:
    def test_is_present_absent_unknown(self):
        expr = atom("a")
        assert evaluate(expr, case({"a": "present"})) is True
        assert evaluate(expr, case({"a": "absent"})) is False
        assert evaluate(expr, case({})) is None
        assert evaluate(expr, case({"a": "unknown"})) is None

    def test_is_list_of_states(self):
        expr = {"finding": "t", "is": ["positive", "negative"]}
        assert evaluate(expr, case({"t": "negative"})) is True

    def test_reflex_abnormal_matches_reduced_and_absent(self):
        expr = {"finding": "jerk", "is": "abnormal"}
        assert evaluate(expr, case({"jerk": "reduced"})) is True
        assert evaluate(expr, case({"jerk": "absent"})) is True
        assert evaluate(expr, case({"jerk": "normal"})) is False
        assert evaluate(expr, case({})) is None

    @pytest.mark.parametrize(
        ("op", "value", "expected"),
        [
            ("<", 5, True),
            ("<=", 4, True),
            (">", 4, False),
            (">=", 4, True),
            ("==", 4, True),
            ("==", 3, False),
        ],
    )
    def test_number_ops(self, op, value, expected):
        assert evaluate({"finding": "n", "op": op, "value": value}, case({"n": 4})) is expected

    def test_number_unknown(self):
        assert evaluate({"finding": "n", "op": ">", "value": 0}, case({})) is None
        assert evaluate({"finding": "n", "op": ">", "value": 0}, case({"n": "unknown"})) is None

    def test_includes_given_list_is_two_valued(self):
        assert evaluate({"finding": "regions", "includes": "calf"}, case({"regions": ["calf"]})) is True
        assert evaluate({"finding": "regions", "includes": "calf"}, case({"regions": []})) is False
        assert evaluate(
            {"finding": "regions", "includes_any": ["saddle", "calf"]}, case({"regions": ["calf"]})
        )
        assert (
            evaluate({"finding": "regions", "includes_any": ["saddle"]}, case({"regions": ["calf"]})) is False
        )

    def test_includes_list_not_given_is_unknown(self):
        assert evaluate({"finding": "regions", "includes": "calf"}, case({})) is None
        assert evaluate({"finding": "regions", "includes": "calf"}, case({"regions": "unknown"})) is None

    def test_patient_and_setting(self):
        older = case(patient={"age": 72, "sex": "female"}, setting="primary_care")
        assert evaluate({"patient": "age", "op": ">=", "value": 70}, older) is True
        assert evaluate({"patient": "sex", "is": "male"}, older) is False
        assert evaluate({"patient": "sex", "is": ["female", "other"]}, older) is True
        assert evaluate({"patient": "activity", "is": "desk_work"}, older) is None
        assert evaluate({"setting": ["primary_care", "emergency_department"]}, older) is True
        assert evaluate({"setting": "self_assessment"}, older) is False
        assert evaluate({"setting": ["primary_care"]}, case()) is None
        assert evaluate({"patient": "age", "op": ">=", "value": 70}, case()) is None

    def test_case_view_from_dict(self):
        view = CaseView.from_dict(
            {"findings": {"a": "present"}, "patient": {"age": 40}, "setting": "primary_care"}
        )
        assert evaluate({"all": [atom("a"), {"setting": "primary_care"}]}, view) is True
        assert CaseView.from_dict({}).findings == {}


# --------------------------------------------------------------------------- Kleene logic


def kleene_and(values):
    return F if F in values else (U if U in values else T)


def kleene_or(values):
    return T if T in values else (U if U in values else F)


class TestKleene:
    @pytest.mark.parametrize("x", TRUTHS)
    @pytest.mark.parametrize("y", TRUTHS)
    def test_all_any_truth_tables(self, x, y):
        c = truths_case(x, y)
        assert evaluate({"all": [atom("a"), atom("b")]}, c) is kleene_and([x, y])
        assert evaluate({"any": [atom("a"), atom("b")]}, c) is kleene_or([x, y])

    def test_all_any_tables_spelled_out(self):
        assert evaluate({"all": [atom("a"), atom("b")]}, truths_case(F, U)) is False
        assert evaluate({"all": [atom("a"), atom("b")]}, truths_case(T, U)) is None
        assert evaluate({"any": [atom("a"), atom("b")]}, truths_case(T, U)) is True
        assert evaluate({"any": [atom("a"), atom("b")]}, truths_case(F, U)) is None

    @pytest.mark.parametrize(("x", "expected"), [(T, F), (F, T), (U, U)])
    def test_not(self, x, expected):
        assert evaluate({"not": atom("a")}, truths_case(x)) is expected

    @pytest.mark.parametrize("x", TRUTHS)
    @pytest.mark.parametrize("y", TRUTHS)
    @pytest.mark.parametrize("z", TRUTHS)
    @pytest.mark.parametrize("n", [1, 2, 3])
    def test_at_least(self, x, y, z, n):
        values = [x, y, z]
        true, unknown = values.count(T), values.count(U)
        expected = T if true >= n else (F if true + unknown < n else U)
        expr = {"at_least": n, "of": [atom("a"), atom("b"), atom("c")]}
        assert evaluate(expr, truths_case(x, y, z)) is expected

    def test_at_least_examples(self):
        expr = {"at_least": 2, "of": [atom("a"), atom("b"), atom("c")]}
        assert evaluate(expr, truths_case(T, T, F)) is True
        assert evaluate(expr, truths_case(T, U, F)) is None
        assert evaluate(expr, truths_case(T, F, F)) is False
        assert evaluate(expr, truths_case(U, F, F)) is False

    def test_unknown_never_fires(self):
        exprs = [
            atom("a"),
            {"any": [atom("a"), atom("b")]},
            {"all": [atom("a"), atom("b")]},
            {"at_least": 1, "of": [atom("a"), atom("b")]},
            {"finding": "regions", "includes": "calf"},
            {"finding": "n", "op": ">=", "value": 0},
        ]
        for expr in exprs:
            assert evaluate(expr, case({})) is not True

    def test_malformed_expression_raises(self):
        with pytest.raises(KnowledgeBaseError, match=r"when: unknown operator"):
            evaluate({"bogus": 1}, case())
        with pytest.raises(KnowledgeBaseError, match=r"when.all\[0\]"):
            evaluate({"all": [{"finding": "n", "op": "~", "value": 1}]}, case({"n": 3}))
        with pytest.raises(KnowledgeBaseError, match="needs a list finding"):
            evaluate({"finding": "a", "includes": "calf"}, case({"a": "present"}))


# --------------------------------------------------------------------------- monotonicity

NAMES = ("f0", "f1", "f2", "f3", "f4")
positive_atoms = st.sampled_from(NAMES).map(atom)


def _extend(children):
    lists = st.lists(children, min_size=1, max_size=4)
    return st.one_of(
        lists.map(lambda xs: {"all": xs}),
        lists.map(lambda xs: {"any": xs}),
        lists.flatmap(lambda xs: st.integers(1, len(xs)).map(lambda n: {"at_least": n, "of": xs})),
    )


positive_exprs = st.recursive(positive_atoms, _extend, max_leaves=12)
assignments = st.fixed_dictionaries({n: st.sampled_from(["present", "absent", None]) for n in NAMES})
RANK = {F: 0, U: 1, T: 2}


@settings(max_examples=400, deadline=None)
@given(expr=positive_exprs, values=assignments, which=st.sampled_from(NAMES))
def test_positive_expressions_are_monotone(expr, values, which):
    """Turning an unknown atom true never lowers the result (so True stays True)."""
    before = evaluate(expr, case({k: v for k, v in values.items() if v is not None}))
    if values[which] is not None:
        return
    after = evaluate(expr, case({**{k: v for k, v in values.items() if v is not None}, which: "present"}))
    assert RANK[after] >= RANK[before]
    if before is True:
        assert after is True


@settings(max_examples=200, deadline=None)
@given(expr=positive_exprs)
def test_positive_expressions_never_fire_on_an_empty_case(expr):
    assert evaluate(expr, case({})) is None


# --------------------------------------------------------------------------- validation


class TestValidation:
    def test_valid_expression_has_no_problems(self):
        expr = {
            "all": [
                atom("a"),
                {"finding": "t", "is": ["positive"]},
                {"finding": "jerk", "is": "abnormal"},
                {"finding": "n", "op": ">=", "value": 7},
                {"finding": "regions", "includes_any": ["calf", "saddle"]},
                {"finding": "moves", "includes": "knee_flexion"},
                {"patient": "age", "op": ">", "value": 70},
                {"patient": "sex", "is": "female"},
                {"patient": "activity", "is": ["desk_work"]},
                {"setting": ["primary_care"]},
                {"not": atom("b")},
                {"at_least": 2, "of": [atom("a"), atom("b"), atom("c")]},
            ]
        }
        assert validate_expression(expr, TOY_VOCAB) == []

    @pytest.mark.parametrize(
        ("expr", "fragment"),
        [
            ({"bogus": []}, "when: unknown operator"),
            ({"all": [atom("a")], "any": [atom("b")]}, "when: several operators"),
            ({"all": []}, "when.all: must be a non-empty list"),
            ({"all": [{"finding": "zzz", "is": "present"}]}, "when.all[0].finding: unknown finding id 'zzz'"),
            ({"finding": "a", "is": "positive"}, "when.is: state(s) ['positive']"),
            ({"finding": "t", "is": "present"}, "when.is: state(s) ['present']"),
            ({"finding": "n", "is": "present"}, "`is` needs boolean, test or reflex"),
            ({"finding": "a", "op": ">", "value": 1}, "`op` needs a number finding"),
            ({"finding": "n", "op": "=>", "value": 1}, "when.op: unknown op '=>'"),
            ({"finding": "n", "op": ">", "value": "high"}, "when.value: must be a number"),
            ({"finding": "n", "op": ">", "value": True}, "when.value: must be a number"),
            ({"finding": "a", "includes": "calf"}, "needs a region/movement list"),
            ({"finding": "regions", "includes": "moon"}, "when.includes: unknown region id(s) ['moon']"),
            ({"finding": "moves", "includes_any": ["calf"]}, "unknown movement id(s) ['calf']"),
            ({"finding": "a"}, "needs exactly one of"),
            ({"finding": "a", "is": "present", "op": ">"}, "needs exactly one of"),
            ({"finding": "a", "is": "present", "why": 1}, "unexpected key(s) ['why']"),
            ({"at_least": 3, "of": [atom("a"), atom("b")]}, "3 is more than the 2 parts"),
            ({"at_least": 0, "of": [atom("a")]}, "must be a positive integer"),
            ({"patient": "height", "op": ">", "value": 1}, "unknown patient key 'height'"),
            ({"patient": "sex", "is": "robot"}, "when.is: state(s) ['robot']"),
            ({"patient": "activity", "is": "chess"}, "state(s) ['chess']"),
            ({"setting": ["moon_base"]}, "when.setting: unknown setting id(s) ['moon_base']"),
            ({"not": {"finding": "zzz", "is": "present"}}, "when.not.finding: unknown finding id"),
            ("a", "when: expression must be a mapping"),
        ],
    )
    def test_problems_name_path_and_cause(self, expr, fragment):
        problems = validate_expression(expr, TOY_VOCAB)
        assert any(fragment in p for p in problems), problems

    def test_custom_root_path(self):
        assert validate_expression({"bogus": 1}, TOY_VOCAB, path="rules[3].when")[0].startswith(
            "rules[3].when:"
        )


class TestPolarity:
    RED: ClassVar[frozenset[str]] = frozenset({"a", "t", "jerk", "n", "regions"})

    def test_positive_forms_pass(self):
        expr = {
            "any": [
                atom("a"),
                {"finding": "t", "is": "positive"},
                {"finding": "jerk", "is": ["reduced", "absent"]},
                {"finding": "jerk", "is": "abnormal"},
                {"finding": "n", "op": ">=", "value": 3},
                {"finding": "regions", "includes": "calf"},
                {"at_least": 1, "of": [{"finding": "n", "op": ">", "value": 3}]},
                {"not": {"finding": "b", "is": "present"}},  # b is not a red flag
            ]
        }
        assert red_flag_polarity_problems(expr, self.RED, TOY_VOCAB) == []

    @pytest.mark.parametrize(
        ("expr", "fragment"),
        [
            (
                {"finding": "a", "is": "absent"},
                "when.is: red-flag finding 'a' in non-positive state(s) ['absent']",
            ),
            ({"finding": "t", "is": ["positive", "negative"]}, "['negative']"),
            ({"finding": "jerk", "is": "normal"}, "['normal']"),
            (
                {"finding": "n", "op": "<", "value": 3},
                "when.op: red-flag finding 'n' needs a rising threshold",
            ),
            ({"finding": "n", "op": "==", "value": 3}, "needs a rising threshold"),
            ({"not": atom("a")}, "when.not: red-flag finding 'a' under `not`"),
            ({"all": [{"not": {"any": [{"finding": "regions", "includes": "calf"}]}}]}, "under `not`"),
        ],
    )
    def test_negative_forms_are_reported(self, expr, fragment):
        problems = red_flag_polarity_problems(expr, self.RED, TOY_VOCAB)
        assert any(fragment in p for p in problems), problems

    def test_without_vocabulary_absent_counts_as_negative(self):
        assert red_flag_polarity_problems({"finding": "t", "is": "positive"}, self.RED) == []
        assert red_flag_polarity_problems({"finding": "jerk", "is": "absent"}, self.RED)
        assert red_flag_polarity_problems({"finding": "jerk", "is": "absent"}, self.RED, TOY_VOCAB) == []


# --------------------------------------------------------------------------- the red-flag rules data


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def vocab() -> dict:
    return _load(DATA / "vocabulary.yaml")


@pytest.fixture(scope="module")
def red_flags() -> RedFlagFile:
    return RedFlagFile.model_validate(_load(DATA / "red_flags.yaml"))


LEVELS = ("emergency", "urgent", "soon")


def fired_levels(red_flags: RedFlagFile, view: CaseView) -> list[str]:
    return [r.level for r in red_flags.rules if evaluate(r.when, view) is True]


def most_urgent(levels: list[str], order: list[str]) -> int:
    return min((order.index(level) for level in levels), default=len(order))


def test_rule_ids_levels_conditions(red_flags, vocab):
    ids = [r.id for r in red_flags.rules]
    assert len(ids) == len(set(ids))
    for rule in red_flags.rules:
        assert rule.id.startswith("rf_"), rule.id
        assert rule.level in vocab["triage_levels"] and rule.level in LEVELS, rule.id
        assert rule.condition is None or rule.condition in vocab["conditions"], rule.id
        assert rule.clinician_text.strip() and rule.patient_text.strip(), rule.id
        assert len(rule.examples.fires) >= 2 and len(rule.examples.silent) >= 2, rule.id


def test_rule_expressions_are_valid(red_flags, vocab):
    problems = [p for r in red_flags.rules for p in validate_expression(r.when, vocab, path=f"{r.id}.when")]
    assert problems == []


def test_rules_use_every_finding_in_positive_form(red_flags, vocab):
    """Stricter than required: no state or list finding appears negated or in a negative state.

    Number findings are exempt: a falling threshold can be the urgent side (a short duration).
    """
    every_finding = {fid for fid, spec in vocab["findings"].items() if spec["type"] != "number"}
    problems = [
        p
        for r in red_flags.rules
        for p in red_flag_polarity_problems(r.when, every_finding, vocab, f"{r.id}.when")
    ]
    assert problems == []


def test_rules_respect_findings_yaml_red_flags(red_flags, vocab):
    path = DATA / "findings.yaml"
    if not path.exists():
        pytest.skip("findings.yaml not written yet")
    red = {f["id"] for f in _load(path)["findings"] if f.get("red_flag")}
    problems = [
        p for r in red_flags.rules for p in red_flag_polarity_problems(r.when, red, vocab, f"{r.id}.when")
    ]
    assert problems == []


def test_rule_references_exist(red_flags):
    known = {ref.id for ref in ReferenceFile.model_validate(_load(DATA / "references.yaml")).references}
    missing = sorted({r.ref for r in red_flags.rules if r.ref and r.ref not in known})
    assert missing == []


def test_reference_ids_are_unique():
    ids = [ref.id for ref in ReferenceFile.model_validate(_load(DATA / "references.yaml")).references]
    assert len(ids) == len(set(ids))


def _examples(kind: str):
    data = RedFlagFile.model_validate(_load(DATA / "red_flags.yaml"))
    return [
        pytest.param(rule.when, example, id=f"{rule.id}-{kind}{i}")
        for rule in data.rules
        for i, example in enumerate(getattr(rule.examples, kind))
    ]


@pytest.mark.parametrize(("when", "example"), _examples("fires"))
def test_fires_examples(when, example):
    assert evaluate(when, CaseView.from_dict(example)) is True


@pytest.mark.parametrize(("when", "example"), _examples("silent"))
def test_silent_examples(when, example):
    assert evaluate(when, CaseView.from_dict(example)) is not True


def test_examples_use_vocabulary_ids(red_flags, vocab):
    for rule in red_flags.rules:
        for example in [*rule.examples.fires, *rule.examples.silent]:
            assert set(example) <= {"findings", "patient", "setting"}, rule.id
            assert set(example.get("findings", {})) <= set(vocab["findings"]), rule.id
            assert example.get("setting", "self_assessment") in vocab["settings"], rule.id


def test_no_rule_fires_on_an_empty_case(red_flags):
    assert fired_levels(red_flags, CaseView.from_dict({"patient": {"age": 80, "sex": "female"}})) == []


CES_FEATURES = [
    {"bladder_change": "present"},
    {"bowel_change": "present"},
    {"saddle_numbness": "present"},
    {"sexual_dysfunction_new": "present"},
    {"reduced_anal_tone": "positive"},
    {"post_void_residual_over_200ml": "positive"},
    {"mri_cauda_equina_compression": "positive"},
    {"numbness_regions": ["saddle"]},
    {"sensory_loss_regions": ["saddle"]},
]


@pytest.mark.parametrize("feature", CES_FEATURES)
def test_ces_feature_with_leg_symptoms_is_emergency(red_flags, vocab, feature):
    view = CaseView.from_dict(
        {"findings": {**feature, "pain_regions": ["posterior_thigh"]}, "patient": {"age": 40}}
    )
    order = list(vocab["triage_levels"])
    assert most_urgent(fired_levels(red_flags, view), order) == order.index("emergency")


@settings(max_examples=150, deadline=None)
@given(
    feature=st.sampled_from(CES_FEATURES),
    others=st.fixed_dictionaries(
        {},
        optional={
            "pain_below_knee": st.sampled_from(["present", "absent", "unknown"]),
            "pain_regions": st.lists(st.sampled_from(["low_back", "posterior_thigh", "calf"]), unique=True),
            "symptoms_both_legs": st.sampled_from(["present", "absent"]),
            "pain_nrs": st.integers(0, 10),
            "straight_leg_raise": st.sampled_from(["positive", "negative"]),
        },
    ),
)
def test_any_ces_feature_is_never_below_urgent(red_flags, vocab, feature, others):
    """Product requirement: any cauda equina feature (with or without known leg symptoms) is >= urgent."""
    view = CaseView.from_dict({"findings": {**others, **feature}, "patient": {"age": 45, "sex": "male"}})
    order = list(vocab["triage_levels"])
    assert most_urgent(fired_levels(red_flags, view), order) <= order.index("urgent")
