"""The closed rule-expression language of the knowledge base, in three-valued (Kleene) logic.

An expression (the `when:` of a red-flag rule) is a small tree of mappings, described in
docs/knowledge-base.md ("Rule expressions"). :func:`evaluate` gives ``True``, ``False`` or ``None``
(unknown) for a case; a rule fires only on ``True``, so a finding that is unknown never fires a rule
and never blocks one by itself. :func:`validate_expression` and :func:`red_flag_polarity_problems`
check expressions against the vocabulary and against the red-flag polarity rule.

The module holds no clinical fact: every finding, threshold and level comes from the data.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from hamstring_dx.errors import KnowledgeBaseError

__all__ = [
    "CaseView",
    "NormalisedCaseView",
    "evaluate",
    "red_flag_polarity_problems",
    "validate_expression",
]

Truth = bool | None

UNKNOWN = "unknown"
ABNORMAL = "abnormal"  # reflexes: matches `reduced` and `absent`
REFLEX_ABNORMAL = frozenset({"reduced", "absent"})
SEXES = ("female", "male", "other")  # case format v1, `patient.sex`

OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}
RISING_OPS = frozenset({">", ">="})  # thresholds that rise with severity

# vocabulary finding type -> states allowed in `is:` and the positive (severity-raising) ones
IS_STATES: dict[str, frozenset[str]] = {
    "boolean": frozenset({"present", "absent"}),
    "test": frozenset({"positive", "negative"}),
    "reflex": frozenset({"normal", "reduced", "absent", ABNORMAL}),
}
POSITIVE_STATES: dict[str, frozenset[str]] = {
    "boolean": frozenset({"present"}),
    "test": frozenset({"positive"}),
    "reflex": frozenset({"reduced", "absent", ABNORMAL}),
}
ANY_TYPE_POSITIVE = frozenset({"present", "positive", "reduced", ABNORMAL})  # type not known
LIST_ITEMS = {"region_list": "regions", "movement_list": "movements"}

_COMPOSITES = ("all", "any", "not", "at_least")
_PATIENT_KEYS = {"age": "number", "sex": "sex", "activity": "activity"}


class NormalisedCaseView(Protocol):
    """What the evaluator reads from a case (case format v1, already checked).

    `findings` maps finding ids to values as in the case format: a state string, a number or a
    list of region/movement ids. A finding left out, or given as ``"unknown"``, is unknown.
    """

    @property
    def findings(self) -> Mapping[str, object]: ...

    @property
    def patient(self) -> Mapping[str, object]: ...

    @property
    def setting(self) -> str | None: ...


@dataclass(frozen=True)
class CaseView:
    """A plain :class:`NormalisedCaseView`, e.g. for a rule's partial example case."""

    findings: Mapping[str, object] = field(default_factory=dict)
    patient: Mapping[str, object] = field(default_factory=dict)
    setting: str | None = None

    @classmethod
    def from_dict(cls, case: Mapping[str, Any]) -> CaseView:
        """Build a view from a (partial) case mapping with `findings`, `patient`, `setting` keys."""
        return cls(
            findings=dict(case.get("findings") or {}),
            patient=dict(case.get("patient") or {}),
            setting=case.get("setting"),
        )


# --------------------------------------------------------------------------- evaluation


def evaluate(expr: Mapping[str, Any], case: NormalisedCaseView) -> Truth:
    """Evaluate a rule expression on a case: ``True``, ``False`` or ``None`` (unknown).

    Kleene logic: `all` is false if any part is false, else unknown if any is unknown; `any` is
    true if any part is true, else unknown if any is unknown; `not` keeps unknown; `at_least N of`
    is true once N parts are true and false once N cannot be reached even if every unknown part
    were true. An atom on an unknown finding (left out or ``"unknown"``) is unknown.

    Raises :class:`~hamstring_dx.errors.KnowledgeBaseError` for a malformed expression.
    """
    return compile_expression(expr)(case)


_COMPILED: dict[int, tuple[Mapping[str, Any], Callable[[NormalisedCaseView], Truth]]] = {}


def compile_expression(expr: Mapping[str, Any]) -> Callable[[NormalisedCaseView], Truth]:
    """The expression as a function of a case (built once per expression object, then reused)."""
    hit = _COMPILED.get(id(expr))
    if hit is not None and hit[0] is expr:
        return hit[1]
    fn = _compile(expr, "when")
    _COMPILED[id(expr)] = (expr, fn)  # keeps `expr` alive, so its id is not reused
    return fn


def _compile(expr: Any, path: str) -> Callable[[NormalisedCaseView], Truth]:
    if not isinstance(expr, Mapping):
        raise _fail(path, f"expression must be a mapping, got {type(expr).__name__}")
    if "all" in expr:
        parts = [_compile(e, f"{path}.all[{i}]") for i, e in enumerate(expr["all"])]
        return lambda case: _all([p(case) for p in parts])
    if "any" in expr:
        parts = [_compile(e, f"{path}.any[{i}]") for i, e in enumerate(expr["any"])]
        return lambda case: _any([p(case) for p in parts])
    if "not" in expr:
        inner = _compile(expr["not"], f"{path}.not")

        def negate(case: NormalisedCaseView) -> Truth:
            value = inner(case)
            return None if value is None else not value

        return negate
    if "at_least" in expr:
        n = int(expr["at_least"])
        parts = [_compile(e, f"{path}.of[{i}]") for i, e in enumerate(expr.get("of") or [])]
        return lambda case: _at_least(n, [p(case) for p in parts])
    if "finding" in expr:
        fid = expr["finding"]
        return lambda case: _finding_atom(expr, case.findings.get(fid), path)
    if "patient" in expr:
        key = expr["patient"]
        return lambda case: _patient_atom(expr, case.patient.get(key), path)
    if "setting" in expr:
        allowed = expr["setting"]
        allowed_set = {allowed} if isinstance(allowed, str) else set(allowed)
        return lambda case: None if case.setting is None else case.setting in allowed_set
    raise _fail(path, f"unknown operator in {sorted(expr)}")


def _fail(path: str, message: str) -> KnowledgeBaseError:
    return KnowledgeBaseError([f"{path}: {message}"])


def _all(values: list[Truth]) -> Truth:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _any(values: list[Truth]) -> Truth:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _at_least(n: int, values: list[Truth]) -> Truth:
    true = sum(v is True for v in values)
    unknown = sum(v is None for v in values)
    if true >= n:
        return True
    return False if true + unknown < n else None


def _states(expr: Mapping[str, Any]) -> list[str]:
    states = expr["is"]
    return [states] if isinstance(states, str) else list(states)


def _finding_atom(expr: Mapping[str, Any], value: object, path: str) -> Truth:
    if value is None or value == UNKNOWN:
        return None
    if "is" in expr:
        if not isinstance(value, str):
            raise _fail(path, f"`is` needs a state-valued finding, got {value!r}")
        wanted = set(_states(expr))
        if ABNORMAL in wanted:
            wanted |= REFLEX_ABNORMAL
        return value in wanted
    if "op" in expr:
        return _compare(expr, value, path)
    if "includes" in expr or "includes_any" in expr:
        if not isinstance(value, list | tuple | set | frozenset):
            raise _fail(path, f"`includes` needs a list finding, got {value!r}")
        items = [expr["includes"]] if "includes" in expr else list(expr["includes_any"])
        return any(item in value for item in items)
    raise _fail(path, "a finding atom needs `is`, `op`/`value`, `includes` or `includes_any`")


def _patient_atom(expr: Mapping[str, Any], value: object, path: str) -> Truth:
    if value is None or value == UNKNOWN:
        return None
    if "is" in expr:
        return value in _states(expr)
    if "op" in expr:
        return _compare(expr, value, path)
    raise _fail(path, "a patient atom needs `is` or `op`/`value`")


def _compare(expr: Mapping[str, Any], value: object, path: str) -> bool:
    op = OPS.get(expr["op"])
    if op is None:
        raise _fail(path, f"unknown op {expr['op']!r}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, f"`op` needs a number, got {value!r}")
    return bool(op(value, expr["value"]))


# --------------------------------------------------------------------------- validation


def validate_expression(expr: Any, vocabulary: Mapping[str, Any], path: str = "when") -> list[str]:
    """List the problems of an expression against the vocabulary, each as ``"path: message"``.

    Checks operators and their keys, finding ids, value types for each finding's vocabulary
    type, region / movement / setting / activity ids, comparison ops and `at_least` counts.
    `vocabulary` is the parsed vocabulary.yaml. An empty list means the expression is valid.
    """
    problems: list[str] = []
    _validate(expr, vocabulary, path, problems)
    return problems


def _keys_problem(expr: Mapping[str, Any], allowed: set[str], path: str) -> list[str]:
    extra = sorted(set(expr) - allowed)
    return [f"{path}: unexpected key(s) {extra}"] if extra else []


def _validate(expr: Any, vocab: Mapping[str, Any], path: str, out: list[str]) -> None:
    if not isinstance(expr, Mapping):
        out.append(f"{path}: expression must be a mapping, got {type(expr).__name__}")
        return
    heads = [k for k in (*_COMPOSITES, "finding", "patient", "setting") if k in expr]
    if len(heads) != 1:
        what = f"several operators {heads}" if heads else f"unknown operator in {sorted(expr)}"
        out.append(f"{path}: {what}")
        return
    head = heads[0]
    if head in ("all", "any"):
        out += _keys_problem(expr, {head}, path)
        _validate_list(expr[head], vocab, f"{path}.{head}", out)
    elif head == "not":
        out += _keys_problem(expr, {"not"}, path)
        _validate(expr["not"], vocab, f"{path}.not", out)
    elif head == "at_least":
        out += _keys_problem(expr, {"at_least", "of"}, path)
        parts = expr.get("of")
        n = expr["at_least"]
        _validate_list(parts, vocab, f"{path}.of", out)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            out.append(f"{path}.at_least: must be a positive integer, got {n!r}")
        elif isinstance(parts, list) and n > len(parts):
            out.append(f"{path}.at_least: {n} is more than the {len(parts)} parts in `of`")
    elif head == "finding":
        _validate_finding(expr, vocab, path, out)
    elif head == "patient":
        _validate_patient(expr, vocab, path, out)
    else:
        out += _keys_problem(expr, {"setting"}, path)
        settings = expr["setting"]
        settings = [settings] if isinstance(settings, str) else settings
        if not isinstance(settings, list) or not settings:
            out.append(f"{path}.setting: must be a setting id or a non-empty list of them")
        else:
            out += _unknown_ids(settings, vocab.get("settings") or [], "setting", f"{path}.setting")


def _validate_list(parts: Any, vocab: Mapping[str, Any], path: str, out: list[str]) -> None:
    if not isinstance(parts, list) or not parts:
        out.append(f"{path}: must be a non-empty list of expressions")
        return
    for i, part in enumerate(parts):
        _validate(part, vocab, f"{path}[{i}]", out)


def _unknown_ids(items: Any, known: Collection[str], kind: str, path: str) -> list[str]:
    if not isinstance(items, list) or not items:
        return [f"{path}: must be a non-empty list of {kind} ids"]
    bad = [item for item in items if item not in known]
    return [f"{path}: unknown {kind} id(s) {bad}"] if bad else []


def _validate_is(states: Any, allowed: Collection[str], path: str) -> list[str]:
    states = [states] if isinstance(states, str) else states
    if not isinstance(states, list) or not states:
        return [f"{path}: must be a state or a non-empty list of states"]
    bad = [s for s in states if s not in allowed]
    return [f"{path}: state(s) {bad} not among {sorted(allowed)}"] if bad else []


def _validate_compare(expr: Mapping[str, Any], path: str) -> list[str]:
    problems = []
    if expr.get("op") not in OPS:
        problems.append(f"{path}.op: unknown op {expr.get('op')!r}, expected one of {list(OPS)}")
    value = expr.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{path}.value: must be a number, got {value!r}")
    return problems


def _validate_finding(expr: Mapping[str, Any], vocab: Mapping[str, Any], path: str, out: list[str]) -> None:
    fid = expr["finding"]
    spec = (vocab.get("findings") or {}).get(fid)
    if spec is None:
        out.append(f"{path}.finding: unknown finding id {fid!r}")
        return
    ftype = spec.get("type")
    tests = [k for k in ("is", "op", "includes", "includes_any") if k in expr]
    if len(tests) != 1:
        out.append(f"{path}: a finding atom needs exactly one of is / op+value / includes / includes_any")
        return
    test = tests[0]
    if test == "is":
        out += _keys_problem(expr, {"finding", "is"}, path)
        if ftype not in IS_STATES:
            out.append(f"{path}.is: finding {fid!r} is a {ftype}; `is` needs boolean, test or reflex")
        else:
            out += _validate_is(expr["is"], IS_STATES[ftype], f"{path}.is")
    elif test == "op":
        out += _keys_problem(expr, {"finding", "op", "value"}, path)
        if ftype != "number":
            out.append(f"{path}.op: finding {fid!r} is a {ftype}; `op` needs a number finding")
        out += _validate_compare(expr, path)
    else:
        out += _keys_problem(expr, {"finding", test}, path)
        if ftype not in LIST_ITEMS:
            out.append(f"{path}.{test}: finding {fid!r} is a {ftype}; `{test}` needs a region/movement list")
            return
        items = [expr[test]] if test == "includes" else expr[test]
        kind = LIST_ITEMS[ftype]
        out += _unknown_ids(items, vocab.get(kind) or {}, kind[:-1], f"{path}.{test}")


def _validate_patient(expr: Mapping[str, Any], vocab: Mapping[str, Any], path: str, out: list[str]) -> None:
    key = expr["patient"]
    kind = _PATIENT_KEYS.get(key)
    if kind is None:
        out.append(f"{path}.patient: unknown patient key {key!r}, expected one of {list(_PATIENT_KEYS)}")
        return
    if kind == "number":
        out += _keys_problem(expr, {"patient", "op", "value"}, path)
        out += _validate_compare(expr, path)
    else:
        out += _keys_problem(expr, {"patient", "is"}, path)
        allowed = SEXES if kind == "sex" else (vocab.get("activities") or [])
        if "is" not in expr:
            out.append(f"{path}: patient {key!r} needs `is`")
        else:
            out += _validate_is(expr["is"], allowed, f"{path}.is")


# --------------------------------------------------------------------------- polarity


def red_flag_polarity_problems(
    expr: Any,
    red_flag_findings: Collection[str],
    vocabulary: Mapping[str, Any] | None = None,
    path: str = "when",
) -> list[str]:
    """List places where a red-flag finding appears in other than positive form.

    Positive forms: ``is`` present / positive / abnormal (``reduced`` or ``absent`` for a
    reflex), ``includes`` / ``includes_any``, and ``>`` / ``>=`` thresholds; never under ``not``.
    Without `vocabulary` the finding types are unknown and ``is: absent`` always counts as
    negative. Each problem is ``"path: message"``.
    """
    findings = (vocabulary or {}).get("findings") or {}
    problems: list[str] = []

    def walk(node: Any, where: str, negated: bool) -> None:
        if not isinstance(node, Mapping):
            return
        for key in ("all", "any"):
            for i, part in enumerate(node.get(key) or []):
                walk(part, f"{where}.{key}[{i}]", negated)
        for i, part in enumerate(node.get("of") or []):
            walk(part, f"{where}.of[{i}]", negated)
        if "not" in node:
            walk(node["not"], f"{where}.not", True)
        fid = node.get("finding")
        if fid not in red_flag_findings:
            return
        if negated:
            problems.append(f"{where}: red-flag finding {fid!r} under `not`")
        if "is" in node:
            positive = POSITIVE_STATES.get((findings.get(fid) or {}).get("type"), ANY_TYPE_POSITIVE)
            bad = [s for s in _states(node) if s not in positive]
            if bad:
                problems.append(f"{where}.is: red-flag finding {fid!r} in non-positive state(s) {bad}")
        elif "op" in node and node["op"] not in RISING_OPS:
            problems.append(f"{where}.op: red-flag finding {fid!r} needs a rising threshold (> or >=)")

    walk(expr, path, False)
    return problems
