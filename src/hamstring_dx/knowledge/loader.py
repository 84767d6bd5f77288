"""Load the knowledge-base data files into one validated, immutable `KnowledgeBase`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hamstring_dx.errors import KnowledgeBaseError
from hamstring_dx.knowledge import schema as s
from hamstring_dx.knowledge.vocabulary import Vocabulary

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, eq=False)  # identity: hashable for caches
class KnowledgeBase:
    """Everything the engine knows, validated. Built only by `load_kb`."""

    manifest: s.Manifest
    vocabulary: Vocabulary
    references: dict[str, s.Reference]
    conditions: dict[str, s.Condition]  # vocabulary order
    findings: dict[str, s.FindingDef]
    context: dict[str, s.ContextNode]
    signs: dict[str, s.Sign]
    priors: s.PriorFile
    likelihoods: dict[str, tuple[s.Link, ...]]  # condition id -> links
    roots: dict[str, s.RootMap]
    red_flags: tuple[s.RedFlagRule, ...]
    triage_policy: s.TriagePolicy
    content_hash: str
    source: str  # where the data came from

    @property
    def version(self) -> str:
        return self.manifest.kb_version

    def cite(self, sourced: s.Sourced) -> str:
        """Short human-readable provenance of a number or rule."""
        parts: list[str] = []
        if sourced.ref:
            ref = self.references.get(sourced.ref)
            parts.append(short_citation(ref) if ref else sourced.ref)
        if sourced.locator:
            parts.append(sourced.locator)
        if sourced.basis is s.Basis.expert_estimate:
            parts.append(f"expert estimate: {sourced.note}")
        elif sourced.basis is not s.Basis.measured:
            parts.append(sourced.basis.value)
        if sourced.unverified:
            parts.append("unverified")
        return "; ".join(parts)


def short_citation(ref: s.Reference) -> str:
    """`First-author-ish text, year` with DOI or PMID when known."""
    head = ref.citation.split(".")[0].strip()
    if len(head) > 60:
        head = head[:57].rstrip() + "..."
    ident = f" doi:{ref.doi}" if ref.doi else (f" PMID {ref.pmid}" if ref.pmid else "")
    return f"{head} ({ref.year}){ident}"


def data_root(path: str | Path | None) -> Traversable:
    """The knowledge-base data folder: the packaged one, or `path`."""
    if path is None:
        return resources.files("hamstring_dx.knowledge").joinpath("data")
    return Path(path)  # type: ignore[return-value]


def read_yaml(node: Traversable, issues: list[str], label: str) -> Any:
    """Parse one YAML file; on failure add `label: message` to `issues` and return None."""
    try:
        return yaml.safe_load(node.read_text(encoding="utf-8"))
    except FileNotFoundError:
        issues.append(f"{label}: file is missing")
    except yaml.YAMLError as exc:
        issues.append(f"{label}: not valid YAML: {exc}".replace("\n", " "))
    return None


def validate_model(model: type[M], data: Any, label: str, issues: list[str]) -> M | None:
    """Validate data against a pydantic model; each error becomes `label: path: message`."""
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            issues.append(f"{label}: {loc}: {err['msg']}")
    return None


def _yaml_files(folder: Traversable) -> list[Traversable]:
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def read_kb(path: str | Path | None = None) -> tuple[KnowledgeBase | None, list[str]]:
    """Read and validate every data file; return the KB (None if unusable) and all issues found."""
    from hamstring_dx.knowledge.check import integrity_issues

    root = data_root(path)
    issues: list[str] = []
    digest = hashlib.sha256()

    def load(name: str, model: type[M]) -> M | None:
        node = root.joinpath(name)
        data = read_yaml(node, issues, name)
        if data is not None:
            digest.update(name.encode() + node.read_bytes())
        return validate_model(model, data, name, issues)

    vocab_data = read_yaml(root.joinpath("vocabulary.yaml"), issues, "vocabulary.yaml")
    if vocab_data is None:
        return None, issues
    digest.update(root.joinpath("vocabulary.yaml").read_bytes())
    vocabulary = Vocabulary.from_dict(vocab_data)

    manifest = load("kb.yaml", s.Manifest)
    conditions = load("conditions.yaml", s.ConditionFile)
    findings = load("findings.yaml", s.FindingFile)
    context = load("context.yaml", s.ContextFile)
    signs = load("signs.yaml", s.SignFile)
    priors = load("priors.yaml", s.PriorFile)
    roots = load("roots.yaml", s.RootFile)
    red_flags = load("red_flags.yaml", s.RedFlagFile)
    policy = load("triage.yaml", s.TriagePolicy)

    references: dict[str, s.Reference] = {}
    ref_file = load("references.yaml", s.ReferenceFile)
    for i, ref in enumerate(ref_file.references if ref_file else []):
        if ref.id in references:
            issues.append(f"references.yaml: references[{i}].id: duplicate reference id {ref.id!r}")
        references[ref.id] = ref

    likelihoods: dict[str, tuple[s.Link, ...]] = {}
    for f in _yaml_files(root.joinpath("likelihoods")):
        label = f"likelihoods/{f.name}"
        digest.update(label.encode() + f.read_bytes())
        lik = validate_model(s.LikelihoodFile, read_yaml(f, issues, label), label, issues)
        if lik is None:
            continue
        if f.name != f"{lik.condition}.yaml":
            issues.append(f"{label}: condition: file name must be <condition>.yaml, got {lik.condition!r}")
        likelihoods[lik.condition] = tuple(lik.links)

    parts = (manifest, conditions, findings, context, signs, priors, roots, red_flags, policy)
    if any(p is None for p in parts):
        return None, issues
    assert manifest and conditions and findings and context and signs and priors and roots and red_flags
    assert policy
    by_id = {c.id: c for c in conditions.conditions}
    kb = KnowledgeBase(
        manifest=manifest,
        vocabulary=vocabulary,
        references=references,
        conditions={cid: by_id[cid] for cid in vocabulary.conditions if cid in by_id},
        findings={f.id: f for f in findings.findings},
        context={c.id: c for c in context.context},
        signs={g.id: g for g in signs.signs},
        priors=priors,
        likelihoods=likelihoods,
        roots={r.root: r for r in roots.roots},
        red_flags=tuple(red_flags.rules),
        triage_policy=policy,
        content_hash=digest.hexdigest()[:16],
        source=str(root),
    )
    issues.extend(integrity_issues(kb, conditions.conditions, findings.findings))
    return kb, issues


def _validated(path: str | Path | None) -> KnowledgeBase:
    kb, issues = read_kb(path)
    if issues or kb is None:
        raise KnowledgeBaseError(issues)
    return kb


@cache
def _default_kb() -> KnowledgeBase:
    return _validated(None)


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """The validated knowledge base (the packaged one by default); raises `KnowledgeBaseError`."""
    return _default_kb() if path is None else _validated(path)
