"""Fixtures of the care-plan tests."""

from __future__ import annotations

import pytest
import yaml

from hdx_paths import PUBLIC_VIGNETTES


@pytest.fixture(scope="session")
def vignettes() -> dict[str, dict]:
    return {v["id"]: v for v in yaml.safe_load(PUBLIC_VIGNETTES.read_text(encoding="utf-8"))}
