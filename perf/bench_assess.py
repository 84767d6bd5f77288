"""Benchmark one full `assess` in-process, and the same posterior queries through pgmpy.

Structured findings only (free text is benchmarked in perf/bench_text.py).
Run: .venv/bin/python perf/bench_assess.py [VIGNETTES]  (default ../shared/vignettes/public.yaml)
Prints the median and 90th percentile per assessment over every vignette case, repeated, and the
pgmpy variable-elimination time for the same 22 condition marginals + root on the exported network.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: BLAS threads only add overhead

import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import yaml

from hamstring_dx.reasoning.assess import assess
from hamstring_dx.reasoning.inference import infer
from hamstring_dx.reasoning.network import default_network
from hamstring_dx.reasoning.xmlbif import write_xmlbif

REPEATS = 20


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/vignettes/public.yaml")
    cases = [v["case"] for v in yaml.safe_load(path.read_text())]
    for c in cases:  # warm-up: compile the network, load the KB
        assess(c)
    times = []
    cpu0 = time.process_time()
    for _ in range(REPEATS):
        for c in cases:
            t0 = time.perf_counter()
            assess(c)
            times.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / len(times)
    times.sort()
    med = statistics.median(times)
    p90 = times[int(0.9 * len(times))]
    print(f"assess (triage + differential + evidence weights + roots + next findings): "
          f"median {med * 1e3:.3f} ms, p90 {p90 * 1e3:.3f} ms over {len(times)} runs; "
          f"mean CPU time {cpu * 1e3:.3f} ms")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgmpy.inference import VariableElimination
        from pgmpy.readwrite import XMLBIFReader
    net = default_network()
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "net.xml"
        write_xmlbif(net, f)
        ve = VariableElimination(XMLBIFReader(str(f)).get_model())
    pg_times, ours = [], []
    for c in cases[:8]:
        ev = assess(c).network_evidence
        t0 = time.perf_counter()
        ve.query([*net.conditions, "root"], evidence=ev, joint=False, show_progress=False)
        pg_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in range(REPEATS):
            post = infer(net, ev)
            post.condition_marginals(net), post.root_marginals()
        ours.append((time.perf_counter() - t0) / REPEATS)
    pg, us = statistics.median(pg_times), statistics.median(ours)
    print(f"same marginals (22 conditions + root): pgmpy VE median {pg * 1e3:.1f} ms, "
          f"hamstring-dx median {us * 1e3:.3f} ms, ratio {pg / us:.0f}x")


if __name__ == "__main__":
    main()
