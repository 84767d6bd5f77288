"""Throughput of the rule-based text reader: narratives per second on one core.

Run: taskset -c 0 .venv/bin/python perf/bench_text.py [VIGNETTES.yaml] [--runs N] [--rounds N] [--rules-only]
(uses the public vignette narratives, repeated; --rules-only leaves the learned red-flag screen out).
Reports, per run, wall-clock narratives/second and
CPU time per narrative (time.process_time, less sensitive to a busy shared machine), then the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import yaml

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", nargs="?", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--rules-only", action="store_true", help="the rule path alone (no learned red-flag screen)")
    args = ap.parse_args()

    t_load = time.perf_counter()
    from hamstring_dx.text.reader import read_text

    here = Path(__file__).resolve().parent.parent
    path = Path(args.path) if args.path else here.parent / "shared" / "vignettes" / "public.yaml"
    if not path.exists():
        path = Path("/work/shared/vignettes/public.yaml")
    narratives = [v["narrative"] for v in yaml.safe_load(path.read_text(encoding="utf-8"))]
    learned = not args.rules_only
    read_text("warm up", learned_screen=learned)
    print(f"import and pipeline build: {time.perf_counter() - t_load:.2f} s")
    rates, cpu_ms = [], []
    for run in range(args.runs):
        count = args.rounds * len(narratives)
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.rounds):
            for n in narratives:
                read_text(n, learned_screen=learned)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rates.append(count / wall)
        cpu_ms.append(1000 * cpu / count)
        print(
            f"run {run + 1}: {count} narratives in {wall:.2f} s: {count / wall:.0f} narratives/second, "
            f"{cpu_ms[-1]:.2f} ms CPU per narrative"
        )
    print(
        f"median of {args.runs}: {statistics.median(rates):.0f} narratives/second (one process), "
        f"{statistics.median(cpu_ms):.2f} ms CPU per narrative "
        f"(= {1000 / statistics.median(cpu_ms):.0f} narratives per CPU-second)"
    )


if __name__ == "__main__":
    main()
