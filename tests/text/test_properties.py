from hypothesis import given, settings
from hypothesis import strategies as st

from hamstring_dx.text import read_text

SYMPTOMS = [
    "fever",
    "numbness down below",
    "weight loss",
    "night sweats",
    "tingling",
    "leg swelling",
    "problems peeing",
    "chest pain",
    "weakness",
    "burning pain",
]
PREFIXES = ["", "I have ", "There is ", "Now "]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SYMPTOMS), st.sampled_from(PREFIXES))
def test_adding_no_never_makes_a_symptom_present(symptom, prefix):
    """Putting "no " before a symptom never yields an asserted present finding that was not there."""
    plain = read_text(f"{prefix}{symptom}.").to_case_findings()
    negated = read_text(f"{prefix}no {symptom}.").to_case_findings()
    for finding, value in negated.items():
        if value == "present":
            assert plain.get(finding) == "present", (symptom, finding)
    assert "present" not in {negated.get(f) for f in plain if plain[f] == "present"}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_without_error(text):
    r = read_text(text)
    for m in r.mentions:
        assert 0 <= m.start <= m.end <= len(r.text)
