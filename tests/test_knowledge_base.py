"""The packaged knowledge base: complete, sourced, consistent with the shared vocabulary."""

from __future__ import annotations

import pytest
import yaml

from hamstring_dx.knowledge.check import count_sources
from hamstring_dx.knowledge.loader import read_kb
from hdx_paths import SHARED


def test_kb_has_no_issues():
    kb, issues = read_kb()
    assert kb is not None
    assert issues == []


def test_covers_every_condition_and_finding(kb):
    assert list(kb.conditions) == list(kb.vocabulary.conditions)
    assert set(kb.findings) == set(kb.vocabulary.findings)
    assert set(kb.likelihoods) == set(kb.vocabulary.conditions)


def test_every_condition_has_codes_and_plain_words(kb):
    for c in kb.conditions.values():
        assert c.icd10cm and c.plain_name and c.patient_description


def test_every_red_flag_finding_is_used_by_a_rule(kb):
    used = set()

    def walk(expr):
        if isinstance(expr, dict):
            if "finding" in expr:
                used.add(expr["finding"])
            for v in expr.values():
                walk(v)
        elif isinstance(expr, list):
            for v in expr:
                walk(v)

    for rule in kb.red_flags:
        walk(rule.when)
    missing = {f.id for f in kb.findings.values() if f.red_flag} - used
    assert missing == set()


def test_expert_estimates_are_counted_and_labelled(kb):
    counts = count_sources(kb)
    assert counts.get("expert_estimate", 0) > 0
    assert counts.get("measured", 0) + counts.get("calculated", 0) + counts.get("secondary", 0) > 0


@pytest.mark.skipif(not (SHARED / "case-format" / "vocabulary.yaml").exists(), reason="shared/ not beside the repo")
def test_packaged_vocabulary_equals_shared(kb):
    shared = yaml.safe_load((SHARED / "case-format" / "vocabulary.yaml").read_text())
    assert kb.vocabulary.raw == shared


def test_check_reports_broken_data(tmp_path):
    import shutil
    from importlib import resources

    src = resources.files("hamstring_dx.knowledge").joinpath("data")
    dst = tmp_path / "kb"
    shutil.copytree(str(src), dst)
    lik = dst / "likelihoods" / "hamstring_strain.yaml"
    data = yaml.safe_load(lik.read_text())
    data["links"][0]["ref"] = "no_such_reference"
    data["links"][0]["basis"] = "measured"
    data["links"].append({"node": "no_such_node", "p": 0.5, "basis": "expert_estimate", "note": "x"})
    lik.write_text(yaml.safe_dump(data))
    _, issues = read_kb(dst)
    text = "\n".join(issues)
    assert "unknown reference 'no_such_reference'" in text
    assert "no_such_node): unknown node" in text
    (dst / "priors.yaml").write_text((dst / "priors.yaml").read_text().replace("comorbidity:", "comorbidity_:", 1))
    kb, issues = read_kb(dst)
    assert kb is None
    assert "priors.yaml: comorbidity: Field required" in issues
