"""The learned red-flag screen: a sentence classifier that catches red flags told in words no lexicon
phrase has yet.

It is a second net under the rules, never a replacement: a red flag it proposes (only when the rules read
nothing of that red flag in the text) is a mention of source ``model``, placed on the word the classifier
weighs most, with the context the rules' cues give that word (negated, uncertain, someone else's, ...). It
is to be confirmed with the person or the clinician: it can add a confirmation question but never a
finding, a value or an escalation.

Model: for every red flag, a logistic regression (scikit-learn) on character n-gram TF-IDF features of
one sentence, fitted when the reader is built from the annotated sentences in
``knowledge/data/nlp/red_flag_screen.yaml`` (sentences of the project's free-text corpus, labelled from
its gold annotations; see ``scripts/build_red_flag_screen.py``). The settings and the threshold, with
the measurement that chose them, are in the same file. Character n-grams were chosen over the MiniLM
sentence embedding: they measured the same on held-out text without torch (docs/adr/0008).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hamstring_dx.errors import KnowledgeBaseError

SCREEN_FILE = "nlp/red_flag_screen.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScreenSettings(_Strict):
    """How the classifier is built and when it speaks."""

    analyzer: str = Field(pattern="^(char_wb|char|word)$")
    ngram_min: int = Field(ge=1, le=8)
    ngram_max: int = Field(ge=1, le=8)
    min_df: int = Field(ge=1)
    C: float = Field(gt=0)
    threshold: float = Field(gt=0, lt=1)
    min_positive: int = Field(ge=1)  # a red flag with fewer example sentences gets no classifier
    basis: str = Field(min_length=20)  # how the settings were chosen, with the measurement

    @model_validator(mode="after")
    def _ngrams(self) -> ScreenSettings:
        if self.ngram_max < self.ngram_min:
            raise ValueError("ngram_max must be >= ngram_min")
        return self


class ScreenSentence(_Strict):
    """One sentence and the red flags it tells of (in any context); `unknown`: flags whose gold
    annotation belongs to its item but could not be placed in a sentence (left out of their training)."""

    text: str = Field(min_length=1)
    red_flags: list[str] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list)
    source: str = Field(min_length=3)  # corpus part:item id


class ScreenData(_Strict):
    version: int
    settings: ScreenSettings
    sentences: list[ScreenSentence] = Field(min_length=50)


def load_screen_data(path: Path | None = None, red_flags: frozenset[str] | None = None) -> ScreenData:
    """Read and validate the screen's data file; every problem is raised together, naming the field."""
    p = Path(path) if path else Path(str(resources.files("hamstring_dx.knowledge.data").joinpath(SCREEN_FILE)))
    try:
        raw = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError as exc:
        raise KnowledgeBaseError([f"{p.name}: file not found ({p})"]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError([f"{p.name}: not valid YAML: {exc}"]) from exc
    try:
        data = ScreenData.model_validate(raw)
    except ValidationError as exc:
        raise KnowledgeBaseError(
            [f"{p.name}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        ) from exc
    if red_flags is not None:
        issues = [
            f"{p.name}: sentences[{i}].{key}: {fid!r} is not a red-flag finding of the lexicon"
            for i, s in enumerate(data.sentences)
            for key in ("red_flags", "unknown")
            for fid in getattr(s, key)
            if fid not in red_flags
        ]
        if issues:
            raise KnowledgeBaseError(issues)
    return data


@dataclass(frozen=True)
class ScreenHit:
    finding: str
    probability: float


class RedFlagScreen:
    """Fitted classifiers; :meth:`screen` gives, per sentence, the red flags at or above the threshold."""

    def __init__(self, data: ScreenData) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        s = data.settings
        self.settings = s
        self.threshold = s.threshold
        texts = [x.text for x in data.sentences]
        self._vectorizer = TfidfVectorizer(
            analyzer=s.analyzer, ngram_range=(s.ngram_min, s.ngram_max), min_df=s.min_df, sublinear_tf=True,
            lowercase=True, dtype=np.float64,
        )
        x_all = self._vectorizer.fit_transform(texts)
        flags = sorted({f for x in data.sentences for f in x.red_flags})
        weights, bias, kept = [], [], []
        for fid in flags:
            rows = [i for i, x in enumerate(data.sentences) if fid not in x.unknown]
            y = np.array([fid in data.sentences[i].red_flags for i in rows])
            if y.sum() < s.min_positive:
                continue
            clf = LogisticRegression(C=s.C, class_weight="balanced", solver="liblinear", max_iter=5000)
            clf.fit(x_all[rows], y)
            weights.append(clf.coef_[0])
            bias.append(clf.intercept_[0])
            kept.append(fid)
        self.findings: tuple[str, ...] = tuple(kept)
        # the fitted models stacked: one sparse-dense product scores every flag of every sentence at once
        self._w = np.array(weights).T if weights else np.zeros((x_all.shape[1], 0))
        self._b = np.array(bias)

    def probabilities(self, sentences: list[str]) -> np.ndarray:
        """P(sentence tells of the red flag), one row per sentence, one column per :attr:`findings`."""
        if not sentences:
            return np.zeros((0, len(self.findings)))
        z = self._vectorizer.transform(sentences) @ self._w + self._b
        return 1.0 / (1.0 + np.exp(-z))

    def key_word(self, words: list[str], finding: str) -> int:
        """Index of the word among `words` (one sentence's) that weighs most towards `finding`: where the
        proposal is placed, so that the rules' context cues can say how the sentence tells of it."""
        j = self.findings.index(finding)
        weights = self._vectorizer.transform(words) @ self._w[:, j]
        return int(np.argmax(weights))

    def screen(self, sentences: list[str]) -> list[list[ScreenHit]]:
        """Per sentence, the red flags whose probability reaches the threshold (most probable first)."""
        out: list[list[ScreenHit]] = []
        for row in self.probabilities(sentences):
            pairs = zip(self.findings, row, strict=True)
            hits = [ScreenHit(f, round(float(p), 3)) for f, p in pairs if p >= self.threshold]
            out.append(sorted(hits, key=lambda h: -h.probability))
        return out


@lru_cache(maxsize=1)
def default_screen() -> RedFlagScreen:
    """The packaged screen, fitted once per process."""
    from hamstring_dx.text.lexicon import default_lexicon

    return RedFlagScreen(load_screen_data(red_flags=frozenset(default_lexicon().red_flags)))
