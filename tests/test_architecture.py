"""The architecture rules: one generic engine, clinical facts only in data, layers import downwards."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from hdx_paths import ROOT

PKG = ROOT / "src" / "hamstring_dx"
ENGINE = ("reasoning", "knowledge", "case")  # must hold no clinical fact
UPPER = ("care", "interview", "text", "interfaces", "bench", "workflow")


def _modules(folder: str) -> list[Path]:
    return sorted((PKG / folder).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_engine_code_holds_no_condition_or_finding_ids():
    vocab = yaml.safe_load((PKG / "knowledge" / "data" / "vocabulary.yaml").read_text())
    ids = set(vocab["conditions"]) | set(vocab["findings"]) | set(vocab["regions"]) | set(vocab["movements"])
    hits = []
    for folder in ENGINE:
        for path in _modules(folder):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                    hits.append(f"{path.relative_to(PKG)}:{node.lineno}: {node.value}")
    assert hits == []


def test_engine_does_not_import_upper_layers():
    bad = []
    for folder in ENGINE:
        for path in _modules(folder):
            for mod in _imports(path):
                if any(mod.startswith(f"hamstring_dx.{u}") for u in UPPER):
                    bad.append(f"{path.relative_to(PKG)} imports {mod}")
    assert bad == []


def test_triage_rules_are_separate_from_inference_internals():
    """Red-flag rules are evaluated without the network: rules.py imports no inference code."""
    mods = _imports(PKG / "reasoning" / "rules.py")
    assert not any(m.startswith("hamstring_dx.reasoning.") for m in mods)
    assert "numpy" not in mods
