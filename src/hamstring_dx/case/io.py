"""Reading case files: one case, a list of cases, or a folder of them (YAML or JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from hamstring_dx.errors import CaseError

SUFFIXES = (".yaml", ".yml", ".json")


def _load_file(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        message = f"is not valid {path.suffix[1:].upper()}: {exc}".replace("\n", " ")
        raise CaseError("(file)", message, str(path)) from None


def read_case_documents(path: str | Path) -> list[tuple[str, Any]]:
    """Return `(source, raw_case)` pairs from a file or a folder; sources name file and list index."""
    p = Path(path)
    if not p.exists():
        raise CaseError("(file)", "does not exist", str(p))
    files = sorted(f for f in p.iterdir() if f.suffix in SUFFIXES) if p.is_dir() else [p]
    if p.is_dir() and not files:
        raise CaseError("(folder)", "holds no .yaml, .yml or .json case files", str(p))
    out: list[tuple[str, Any]] = []
    for f in files:
        data = _load_file(f)
        if isinstance(data, list):
            out.extend((f"{f}[{i}]", item) for i, item in enumerate(data))
        else:
            out.append((str(f), data))
    return out
