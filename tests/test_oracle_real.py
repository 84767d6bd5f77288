"""Cross-check the engine's posteriors on the real network against pgmpy (test-only dependency)."""

from __future__ import annotations

import warnings

import pytest
import yaml

from hamstring_dx.reasoning.assess import assess
from hamstring_dx.reasoning.network import default_network
from hamstring_dx.reasoning.xmlbif import write_xmlbif
from hdx_paths import PUBLIC_VIGNETTES


@pytest.fixture(scope="module")
def pgmpy_real(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgmpy.inference import VariableElimination
        from pgmpy.readwrite import XMLBIFReader
    path = tmp_path_factory.mktemp("net") / "hamstring_dx.xml"
    write_xmlbif(default_network(), path)
    model = XMLBIFReader(str(path)).get_model()
    model.check_model()
    return VariableElimination(model)


def _cases():
    import random

    from hamstring_dx.knowledge.loader import load_kb

    kb = load_kb()
    rng = random.Random(20261121)
    out = []
    if PUBLIC_VIGNETTES.exists():
        vignettes = yaml.safe_load(PUBLIC_VIGNETTES.read_text())
        out += [v["case"] for v in rng.sample(vignettes, 3)]
    two_state = [f for f, t in kb.vocabulary.findings.items() if t.type in ("boolean", "test")]
    for _ in range(3):
        findings = {}
        for fid in rng.sample(two_state, 10):
            t = kb.vocabulary.findings[fid].type
            findings[fid] = rng.choice(["present", "absent"] if t == "boolean" else ["positive", "negative"])
        findings["pain_regions"] = rng.sample(list(kb.vocabulary.regions), 2)
        findings["ankle_jerk"] = rng.choice(["normal", "reduced"])
        out.append({"case_format": 1, "patient": {"age": rng.randint(18, 90), "sex": "female"},
                    "setting": rng.choice(kb.vocabulary.settings), "findings": findings})
    return out


@pytest.mark.slow
@pytest.mark.parametrize("case", _cases())
def test_posteriors_match_pgmpy(pgmpy_real, case):
    a = assess(case)
    net = default_network()
    q = pgmpy_real.query(list(net.conditions), evidence=a.network_evidence, joint=False, show_progress=False)
    for cid in net.conditions:
        assert q[cid].get_value(**{cid: "present"}) == pytest.approx(a.probability(cid), abs=1e-9)
    roots = pgmpy_real.query(["root"], evidence=a.network_evidence, show_progress=False)
    for r in a.roots:
        assert roots.get_value(root=r.root) == pytest.approx(r.probability, abs=1e-9)
