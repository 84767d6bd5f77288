"""Benchmark (not a test): median time to produce one care plan, over the 24 public vignettes.

Run: .venv/bin/python perf/bench_plan.py [--repeat N]
Prints the median time of `build_plan` alone (assessment given), of `plan` (assess + build),
and of each renderer, per plan.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from hamstring_dx.care import build_plan, plan
from hamstring_dx.care.loader import load_care
from hamstring_dx.care.render import render_html, render_markdown, render_pdf
from hamstring_dx.reasoning.assess import assess

VIGNETTES = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.yaml"


def _median_ms(fn, items, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        for item in items:
            t0 = time.perf_counter()
            fn(item)
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cases = [v["case"] for v in yaml.safe_load(VIGNETTES.read_text(encoding="utf-8"))]
    t0 = time.perf_counter()
    load_care()
    plan(cases[0])  # warm caches: care data, KB, network
    print(f"first plan incl. loading data and compiling the network: {(time.perf_counter() - t0) * 1000:.0f} ms")
    pairs = [(c, assess(c)) for c in cases]
    plans = [build_plan(c, a) for c, a in pairs]
    rows = [
        ("build_plan (assessment given)", _median_ms(lambda ca: build_plan(*ca), pairs, args.repeat)),
        ("plan = assess + build_plan", _median_ms(plan, cases, args.repeat)),
        ("render_markdown (patient)", _median_ms(lambda p: render_markdown(p, "patient"), plans, args.repeat)),
        ("render_html (clinician)", _median_ms(lambda p: render_html(p, "clinician"), plans, args.repeat)),
        ("render_pdf (clinician)", _median_ms(lambda p: render_pdf(p, "clinician"), plans, args.repeat)),
    ]
    print(f"{len(cases)} public vignettes x {args.repeat} repeats; median per plan:")
    for name, ms in rows:
        print(f"  {name:32s} {ms:8.2f} ms")


if __name__ == "__main__":
    main()
