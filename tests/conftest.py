from __future__ import annotations

import pytest

from hamstring_dx.knowledge.loader import KnowledgeBase, load_kb
from hdx_paths import TOY_KB


@pytest.fixture(scope="session")
def toy_kb() -> KnowledgeBase:
    return load_kb(TOY_KB)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


def minimal_case(**findings) -> dict:
    return {"case_format": 1, "id": "t", "patient": {"age": 40}, "findings": dict(findings)}


@pytest.fixture(scope="session")
def vocab():
    from importlib import resources

    import yaml

    from hamstring_dx.knowledge.vocabulary import Vocabulary

    text = resources.files("hamstring_dx.knowledge").joinpath("data/vocabulary.yaml").read_text()
    return Vocabulary.from_dict(yaml.safe_load(text))
