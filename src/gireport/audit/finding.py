"""The Finding record (a **contract**: one schema for JSON, JSONL, CSV,
SARIF and DataFrame output), the Verdict record (one per checked claim) and
per-rule coverage, which is derived from the verdicts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Evidence",
    "Finding",
    "Verdict",
    "RuleCoverage",
    "SEVERITIES",
    "VERDICT_STATUSES",
    "severity_rank",
    "FINDING_COLUMNS",
    "VERDICT_COLUMNS",
    "coverage_from_verdicts",
]

SEVERITIES = ("info", "warning", "error")
#: What a rule concluded about one claim.
VERDICT_STATUSES = ("pass", "fail", "untestable")


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
    """One inconsistency a rule reports: its code, name and severity, the
    message in Chinese and English, the evidence spans, the reported and
    recomputed values, and the section and file it is in."""

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
    #: The message template's arguments, for tools that re-render messages
    #: (not part of a finding's identity, and not stored: a finding read
    #: back from a store equals the one audited).
    args: dict[str, Any] = field(default_factory=dict, compare=False)

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


@dataclass(frozen=True)
class Verdict:
    """What one rule concluded about one claim it looked at.

    ``status`` is ``pass`` (checked, consistent), ``fail`` (checked, a
    finding was reported — ``fingerprint`` is that finding's, so the two
    join) or ``untestable`` (could not be decided; ``reason`` says why; never
    a pass).  ``reading`` is the reading of the claim that decided it (for a
    fail: the readings that were tried), ``subject`` what was checked (a
    claim kind, a table cell or identity, e.g. "表三 自然人列 I-1").
    ``evidence`` uses the same :class:`Evidence` spans as findings; it is
    empty for an anonymous verdict (a rule that only counted).
    ``severity`` is the finding's severity for a fail, None otherwise."""

    code: str
    name: str
    status: str
    reason: str | None = None
    reading: str | None = None
    subject: str | None = None
    evidence: tuple[Evidence, ...] = ()
    section: str | None = None
    fingerprint: str | None = None
    severity: str | None = None
    file: str | None = None

    def __post_init__(self) -> None:
        if self.status not in VERDICT_STATUSES:
            raise ValueError(f"verdict status must be one of {', '.join(VERDICT_STATUSES)}, not {self.status!r}")

    @property
    def start(self) -> int | None:
        return self.evidence[0].start if self.evidence else None

    @property
    def end(self) -> int | None:
        return self.evidence[0].end if self.evidence else None

    @property
    def page(self) -> int | None:
        return self.evidence[0].page if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON record (keys: :data:`VERDICT_COLUMNS` without the
        flattened ``start``/``end``/``page``)."""
        return {
            "file": self.file,
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "severity": self.severity,
            "reason": self.reason,
            "reading": self.reading,
            "subject": self.subject,
            "section": self.section,
            "evidence": [e.to_dict() for e in self.evidence],
            "fingerprint": self.fingerprint,
        }

    def row(self) -> dict[str, Any]:
        """The DataFrame row (keys: :data:`VERDICT_COLUMNS`)."""
        d = self.to_dict()
        d.update(start=self.start, end=self.end, page=self.page)
        return {k: d[k] for k in VERDICT_COLUMNS}

    def __repr__(self) -> str:
        what = self.subject or (self.evidence[0].text if self.evidence else "")
        extra = f" ({self.reason})" if self.reason else ""
        return f"<Verdict {self.code} {self.status}{extra} {what!r}>"


#: Verdict DataFrame columns, in order (``Audit.verdicts_frame()``).
VERDICT_COLUMNS = (
    "file",
    "code",
    "name",
    "status",
    "severity",
    "reason",
    "reading",
    "subject",
    "section",
    "start",
    "end",
    "page",
    "evidence",
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


def coverage_from_verdicts(verdicts: Iterable[Verdict], codes: Iterable[str] = ()) -> list[RuleCoverage]:
    """Per-rule coverage counted from verdicts: checked = pass + fail,
    failed = fail, untestable = untestable, reasons from the untestable
    verdicts.  ``codes`` lists rules that ran (a rule with no verdict still
    gets a row); rules appear in the order of ``codes``, then of first
    verdict."""
    out: dict[str, RuleCoverage] = {c: RuleCoverage(c) for c in codes}
    for v in verdicts:
        rc = out.get(v.code)
        if rc is None:
            rc = out[v.code] = RuleCoverage(v.code)
        if v.status == "untestable":
            rc.untestable += 1
            reason = v.reason or "unspecified"
            rc.reasons[reason] = rc.reasons.get(reason, 0) + 1
        else:
            rc.checked += 1
            if v.status == "fail":
                rc.failed += 1
    return list(out.values())
