"""Write knowledge/data/nlp/red_flag_screen.yaml: the learned red-flag screen's training sentences.

Usage (from the repo root, after scripts/test or scripts/bootstrap):
    .venv/bin/python scripts/build_red_flag_screen.py dev dev2 dev3 test test2 ... > /dev/null

Each corpus item is cut into sentences the way the reader cuts it. A red flag annotated in the item (in
any context) labels the sentence where the rules read it; in a one-sentence item, that sentence. A red
flag the rules did not place in any sentence of a longer item is `unknown` for its sentences (left out
of that flag's training, neither positive nor negative). The settings block is kept from the current
file (it holds how they were chosen). Never list a held-out part here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from hamstring_dx.text.bench import REFERENCE_DATE, load_corpus
from hamstring_dx.text.lexicon import default_lexicon
from hamstring_dx.text.reader import _reader, read_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/hamstring_dx/knowledge/data/nlp/red_flag_screen.yaml"
CORPUS = ROOT / "validation/text-corpus"


def sentences_of(part: str) -> list[dict]:
    red = set(default_lexicon().red_flags)
    nlp = _reader().nlp
    out = []
    for item in load_corpus(CORPUS / f"{part}.yaml"):
        reading = read_text(item["text"], today=REFERENCE_DATE, learned_screen=False)
        sents = [s for s in nlp(reading.text).sents if s.text.strip()]
        gold = sorted({k[0] for k in item["gold"] if k[0] in red})
        placed: dict[int, set[str]] = {}
        for m in reading.mentions:
            if m.finding in gold:
                j = next((j for j, s in enumerate(sents) if s.start_char <= m.start < s.end_char), None)
                if j is not None:
                    placed.setdefault(j, set()).add(m.finding)
        seen = {f for fs in placed.values() for f in fs}
        for j, s in enumerate(sents):
            flags = sorted(gold) if len(sents) == 1 else sorted(placed.get(j, ()))
            unknown = [] if len(sents) == 1 else sorted(set(gold) - seen)
            row = {"text": s.text.strip(), "red_flags": flags}
            if unknown:
                row["unknown"] = unknown
            row["source"] = f"{part}:{item['id']}"
            out.append(row)
    return out


def main(parts: list[str]) -> None:
    if not parts:
        sys.exit(__doc__)
    current = yaml.safe_load(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    settings = current.get("settings")
    if settings is None:
        sys.exit(f"{OUT}: write the settings block first")
    rows = [r for p in parts for r in sentences_of(p)]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    header = (
        "# Training sentences of the learned red-flag screen (text/screen_model.py), written by\n"
        "# scripts/build_red_flag_screen.py from the annotated corpus parts "
        f"{', '.join(parts)}\n# (validation/text-corpus; the rules' reading at commit {commit.stdout.strip()} "
        "places each red flag in its sentence).\n# Held-out parts are never listed. Regenerate, do not edit by hand.\n"
    )
    body = yaml.safe_dump({"version": 1, "settings": settings, "sentences": rows}, sort_keys=False,
                          allow_unicode=True, width=120)
    OUT.write_text(header + body, encoding="utf-8")
    n_pos = sum(bool(r["red_flags"]) for r in rows)
    print(f"{OUT}: {len(rows)} sentences, {n_pos} with a red flag", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
