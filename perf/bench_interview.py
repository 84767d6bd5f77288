"""Time to choose the next interview question (issue 4 target: median under 20 ms).

Replays every simulated interview of the public vignettes (both modes) and times each call of
`next_question` that returns a question (the final-result calls, which also build the full
assessment, are reported separately). Run:

    .venv/bin/python perf/bench_interview.py [VIGNETTES]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from hamstring_dx.interview.config import config_for
from hamstring_dx.interview.simulate import start_case
from hamstring_dx.interview.step import next_question
from hamstring_dx.knowledge.loader import load_kb
from hamstring_dx.knowledge.vocabulary import UNKNOWN
from hamstring_dx.reasoning.assess import network_for

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.yaml"


def main(path: Path) -> None:
    kb = load_kb()
    network_for(None)  # compile once, outside the timings
    cfg = config_for(kb)
    vignettes = yaml.safe_load(path.read_text(encoding="utf-8"))
    for mode in ("patient", "clinician"):
        question_ms: list[float] = []
        final_ms: list[float] = []
        for v in vignettes:
            answers = v["case"].get("findings") or {}
            case = start_case(v["case"])
            while True:
                t0 = time.perf_counter()
                step = next_question(case, mode, kb, cfg)
                ms = (time.perf_counter() - t0) * 1000
                if step.done:
                    final_ms.append(ms)
                    break
                question_ms.append(ms)
                for fid in step.question.findings:  # a grouped question: every item
                    case["findings"][fid] = answers.get(fid, UNKNOWN)
        q = sorted(question_ms)
        print(
            f"{mode:9} next question: median {statistics.median(q):.1f} ms, "
            f"90th percentile {q[int(0.9 * (len(q) - 1))]:.1f} ms, max {q[-1]:.1f} ms over {len(q)} calls; "
            f"final step (with full assessment): median {statistics.median(final_ms):.1f} ms"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
