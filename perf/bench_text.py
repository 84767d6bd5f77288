"""Throughput of the rule-based text reader: narratives per second on one core.

Run: .venv/bin/python perf/bench_text.py  (uses the public vignette narratives, repeated)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import yaml

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    from hamstring_dx.text.reader import read_text

    here = Path(__file__).resolve().parent.parent
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "vignettes" / "public.yaml"
    if not path.exists():
        path = Path("/work/shared/vignettes/public.yaml")
    narratives = [v["narrative"] for v in yaml.safe_load(path.read_text(encoding="utf-8"))]
    read_text("warm up")
    rounds = 10
    t0 = time.perf_counter()
    for _ in range(rounds):
        for n in narratives:
            read_text(n)
    elapsed = time.perf_counter() - t0
    count = rounds * len(narratives)
    print(f"{count} narratives in {elapsed:.2f} s: {count / elapsed:.0f} narratives/second (one process)")


if __name__ == "__main__":
    main()
