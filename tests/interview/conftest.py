from __future__ import annotations

from pathlib import Path

import pytest

from hamstring_dx.interview.config import load_config

TOY_CONFIG = Path(__file__).parent / "toy_interview.yaml"


@pytest.fixture(scope="session")
def toy_cfg_path() -> Path:
    return TOY_CONFIG


@pytest.fixture(scope="session")
def toy_cfg():
    return load_config(TOY_CONFIG)
