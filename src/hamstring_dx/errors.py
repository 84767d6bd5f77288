"""The one exception hierarchy of hamstring-dx.

    HamstringDxError
      CaseError (ValueError)            bad input case: names the field (and the file)
      KnowledgeBaseError (ValueError)   knowledge-base data failed validation: lists every issue
"""

from __future__ import annotations


class HamstringDxError(Exception):
    """Base class of every error hamstring-dx raises on purpose."""


class CaseError(HamstringDxError, ValueError):
    """A case is malformed: `field` is a dotted path such as `findings.pain_nrs`."""

    def __init__(self, field: str, message: str, source: str | None = None) -> None:
        self.field = field
        self.message = message
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{field}: {message}")

    def __reduce__(self):  # keep picklable (batch workers)
        return (CaseError, (self.field, self.message, self.source))


class KnowledgeBaseError(HamstringDxError, ValueError):
    """The knowledge base is invalid; `issues` lists `file: path: message` lines."""

    def __init__(self, issues: list[str]) -> None:
        self.issues = list(issues)
        shown = "\n  ".join(self.issues[:50])
        more = f"\n  ... and {len(self.issues) - 50} more" if len(self.issues) > 50 else ""
        super().__init__(f"knowledge base invalid ({len(self.issues)} issues):\n  {shown}{more}")

    def __reduce__(self):
        return (KnowledgeBaseError, (self.issues,))
