"""Paths the tests share (a plain module: `tests` is not a package, see ADR 0004)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TOY_KB = Path(__file__).parent / "fixtures" / "toy_kb"
PUBLIC_VIGNETTES = SHARED / "vignettes" / "public.yaml"
