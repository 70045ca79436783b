"""The Finding record (a **contract**: one schema for JSON, JSONL, CSV,
SARIF and DataFrame output) and per-rule coverage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Evidence", "Finding", "RuleCoverage", "SEVERITIES", "severity_rank", "FINDING_COLUMNS"]

SEVERITIES = ("info", "warning", "error")


def severity_rank(s: str) -> int:
    return SEVERITIES.index(s)


@dataclass(frozen=True)
class Evidence:
    """A span of the report's normalised text.  For a table finding ``text``
    holds the row label, the column label and the cell value."""

    start: int
    end: int
    page: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "page": self.page, "text": self.text}


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    message: str
    message_en: str
    evidence: list[Evidence] = field(default_factory=list)
    reported: str | None = None
    expected: str | None = None
    section: str | None = None
    file: str | None = None
    #: The message template's arguments, for tools that re-render messages.
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Stable across runs and file moves: rule code + the evidence text."""
        h = hashlib.sha256()
        h.update(self.code.encode())
        for ev in self.evidence:
            h.update(b"\x00" + "".join(ev.text.split()).encode("utf-8"))
        # Two findings of one rule on the same span differ by what they report.
        h.update(b"\x01" + "".join((self.reported or "").split()).encode("utf-8"))
        return h.hexdigest()[:16]

    @property
    def start(self) -> int | None:
        return self.evidence[0].start if self.evidence else None

    @property
    def page(self) -> int | None:
        return self.evidence[0].page if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "message_en": self.message_en,
            "evidence": [e.to_dict() for e in self.evidence],
            "reported": self.reported,
            "expected": self.expected,
            "section": self.section,
            "fingerprint": self.fingerprint,
        }

    def __repr__(self) -> str:
        return f"<Finding {self.code} {self.severity} {self.message_en!r}>"


#: DataFrame / CSV columns, in order.
FINDING_COLUMNS = (
    "file",
    "code",
    "name",
    "severity",
    "message",
    "message_en",
    "evidence",
    "reported",
    "expected",
    "section",
    "fingerprint",
)


@dataclass
class RuleCoverage:
    """How many claims a rule looked at: checked (could have failed) of which
    failed, and untestable (could not fail: no whole, approximate numbers …)."""

    code: str
    checked: int = 0
    failed: int = 0
    untestable: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "checked": self.checked, "failed": self.failed, "untestable": self.untestable, "untestable_reasons": dict(self.reasons)}
