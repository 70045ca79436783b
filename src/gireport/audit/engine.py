"""Running rules over a report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from ..numbers import ROUNDING_MODES as _NUMBER_ROUNDING_MODES
from .finding import (
    FINDING_COLUMNS,
    Evidence,
    Finding,
    RuleCoverage,
    Verdict,
    coverage_from_verdicts,
    severity_rank,
)
from .registry import Rule, select_rules

if TYPE_CHECKING:  # pragma: no cover
    from .record import AuditRecord
    from ..report import Report

__all__ = ["AuditConfig", "RuleContext", "Audit", "run_audit", "ROUNDING_MODES", "ROUNDING_CONVENTIONS", "CONVENTION", "DEFAULT_ROUNDING"]

#: The rounding policy that accepts both printing conventions in use: a
#: figure rounded half up (四舍五入) or truncated (截尾) is consistent; rules
#: grade what only truncation explains as an info note, a figure one unit off
#: in its last printed digit beyond both as a warning, anything larger as an
#: error.  The other modes are strict: exactly that one rounding is assumed.
CONVENTION = "convention"

#: The rounding modes an audit accepts: ``convention`` and every mode the
#: numbers package knows how to round (``half_up`` is the strict 四舍五入).
ROUNDING_MODES: tuple[str, ...] = (CONVENTION,) + tuple(m for m in _NUMBER_ROUNDING_MODES if m != CONVENTION)

#: For each mode, the numbers-package rounding modes it accepts as printing
#: conventions, the primary one first (``RuleContext.rounding_modes``).
ROUNDING_CONVENTIONS: dict[str, tuple[str, ...]] = {
    CONVENTION: ("half_up", "truncate"),
    **{m: (m,) for m in _NUMBER_ROUNDING_MODES if m != CONVENTION},
}

#: The rounding mode of an audit when none is given (API, CLI, batch runs).
DEFAULT_ROUNDING = "convention"

#: A span given to ``ok`` / ``untestable`` / ``fail``: (start, end) offsets
#: into the report text, or a ready :class:`Evidence`.
Span = Union[tuple[int, int], Evidence]


@dataclass
class AuditConfig:
    """What to run and how.  ``select``/``ignore`` take codes, code prefixes
    (``GR2``), names or families; ``rounding`` is how the report is assumed to
    have rounded its printed figures (one of :data:`ROUNDING_MODES`);
    ``options`` maps a rule code or name to that rule's option overrides."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    rounding: str = DEFAULT_ROUNDING
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"rounding must be one of {', '.join(ROUNDING_MODES)}, not {self.rounding!r}")


def _joined(reading: str | Iterable[str] | None) -> str | None:
    """A reading, or several readings tried, as one string."""
    if reading is None or isinstance(reading, str):
        return reading
    parts = [str(r) for r in reading if r]
    return "; ".join(parts) if parts else None


class RuleContext:
    """What a rule function gets besides the report: its options, the
    rounding mode, and the three ways to report an outcome — each records
    verdicts (``Audit.verdicts``), from which coverage is counted:

    * ``ok(n=1, *, spans=None, reading=None, subject=None)`` — ``n`` claims
      checked and consistent (``pass``);
    * ``untestable(reason, n=1, *, spans=None, reading=None, subject=None)``
      — ``n`` claims that could not be decided (never a pass);
    * ``fail(spans, *, reported=None, expected=None, severity=None,
      reading=None, subject=None, **args)`` — a violation: a Finding and a
      ``fail`` verdict carrying its fingerprint.

    ``spans`` are (start, end) offsets into the report text or ready
    :class:`Evidence`; ``reading`` is the reading of the claim that decided
    the verdict (for a fail, the readings tried: a string or a list of
    strings); ``subject`` names what was checked ("表三 自然人列 I-1", a
    claim kind).  With ``n`` > 1 the ``n`` verdicts share spans, reading and
    subject; with no spans they are anonymous (counted, not located)."""

    def __init__(self, rule: Rule, report: Report, config: AuditConfig) -> None:
        self.rule = rule
        self.report = report
        #: The rounding policy: ``convention`` (half up or truncation, graded
        #: by the rules) or a strict numbers mode such as ``half_up``.
        self.rounding = config.rounding
        #: The numbers-package rounding modes accepted as printing
        #: conventions under ``rounding``, the primary first: under
        #: ``convention`` ("half_up", "truncate"), otherwise (rounding,).
        self.rounding_modes: tuple[str, ...] = ROUNDING_CONVENTIONS[config.rounding]
        self.options = dict(rule.options)
        self.options.update(config.options.get(rule.code, {}))
        self.options.update(config.options.get(rule.name, {}))
        self.findings: list[Finding] = []
        # Verdicts in the order recorded; a fail is kept as its Finding until
        # the rule returns (a rule may still adjust the finding it got back).
        self._records: list[Verdict | tuple[Finding, str | None, str | None]] = []

    # --- helpers --------------------------------------------------------
    def evidence(self, spans: Span | Iterable[Span] | None) -> list[Evidence]:
        """Evidence for (start, end) spans (or Evidence passed through);
        a single (start, end) pair is accepted as one span."""
        if spans is None:
            return []
        if isinstance(spans, Evidence):
            return [spans]
        if isinstance(spans, tuple) and len(spans) == 2 and isinstance(spans[0], int) and isinstance(spans[1], int):
            spans = [spans]  # type: ignore[list-item]
        doc = self.report.document
        out: list[Evidence] = []
        for sp in spans:  # type: ignore[union-attr]
            if isinstance(sp, Evidence):
                out.append(sp)
            else:
                s, e = sp
                out.append(Evidence(s, e, doc.page_at(s), doc.text[s:e]))
        return out

    def _section(self, evidence: Sequence[Evidence]) -> str | None:
        return self.report.outline.kind_at(evidence[0].start) if evidence else None

    def _record(self, status: str, n: int, spans: Any, reason: str | None, reading: Any, subject: str | None) -> None:
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"rule {self.rule.code}: n must be a non-negative int, not {n!r}")
        if n == 0:
            return
        ev = tuple(self.evidence(spans))
        v = Verdict(
            code=self.rule.code,
            name=self.rule.name,
            status=status,
            reason=reason,
            reading=_joined(reading),
            subject=subject,
            evidence=ev,
            section=self._section(ev),
            file=self.report.document.source.path,
        )
        self._records.extend([v] * n)

    # --- outcomes -------------------------------------------------------
    def ok(
        self,
        n: int = 1,
        *,
        spans: Span | Iterable[Span] | None = None,
        reading: str | Iterable[str] | None = None,
        subject: str | None = None,
    ) -> None:
        """``n`` claims were checked and are consistent (``pass``)."""
        self._record("pass", n, spans, None, reading, subject)

    def untestable(
        self,
        reason: str,
        n: int = 1,
        *,
        spans: Span | Iterable[Span] | None = None,
        reading: str | Iterable[str] | None = None,
        subject: str | None = None,
    ) -> None:
        """``n`` claims could not be decided (never a pass, never a finding);
        ``reason`` is counted in the coverage's untestable reasons."""
        self._record("untestable", n, spans, "unspecified" if reason is None else str(reason), reading, subject)

    def fail(
        self,
        spans: Span | Iterable[Span],
        *,
        reported: str | None = None,
        expected: str | None = None,
        severity: str | None = None,
        counted: bool = True,
        reading: str | Iterable[str] | None = None,
        subject: str | None = None,
        **args: Any,
    ) -> Finding:
        """Report a violation.  ``spans`` are (start, end) offsets into the
        report text (or ready :class:`Evidence`); ``args`` fill the rule's
        message templates (so do ``reading`` and ``subject`` when given).
        ``reading`` — the reading(s) of the claim that were tried — goes to
        the verdict and to ``Finding.args["reading"]``.  With
        ``counted=False`` (a second finding on a claim already counted) no
        verdict is recorded."""
        doc = self.report.document
        evidence = self.evidence(spans)
        reading_s = _joined(reading)
        extra = {k: v for k, v in (("reading", reading_s), ("subject", subject)) if v is not None}
        args = {"reported": reported, "expected": expected, **extra, **args}
        try:
            msg = self.rule.message.format(**args)
            msg_en = self.rule.message_en.format(**args)
        except (KeyError, IndexError) as e:  # a rule author's template error
            raise ValueError(f"rule {self.rule.code}: message template needs {e}") from e
        f = Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=severity or self.rule.severity,
            message=msg,
            message_en=msg_en,
            evidence=evidence,
            reported=reported,
            expected=expected,
            section=self._section(evidence),
            file=doc.source.path,
            args={k: v for k, v in args.items() if isinstance(v, (str, int, float)) or v is None},
        )
        self.findings.append(f)
        if counted:
            self._records.append((f, reading_s, subject))
        return f

    # --- results --------------------------------------------------------
    @property
    def verdicts(self) -> list[Verdict]:
        """Every verdict recorded so far, in order (a fail verdict takes its
        finding's evidence, section, severity and fingerprint)."""
        out: list[Verdict] = []
        for r in self._records:
            if isinstance(r, Verdict):
                out.append(r)
                continue
            f, reading, subject = r
            out.append(
                Verdict(
                    code=f.code,
                    name=f.name,
                    status="fail",
                    reading=reading,
                    subject=subject,
                    evidence=tuple(f.evidence),
                    section=f.section,
                    fingerprint=f.fingerprint,
                    severity=f.severity,
                    file=f.file,
                )
            )
        return out

    @property
    def coverage(self) -> RuleCoverage:
        """This rule's coverage so far, counted from its verdicts."""
        return coverage_from_verdicts(self.verdicts, [self.rule.code])[0]


class Audit:
    """The result of auditing one report: ``findings`` (sorted by position),
    ``verdicts`` (one per claim a rule looked at: pass / fail / untestable,
    in the order the rules ran), ``coverage`` (claims found, and per rule:
    checked / failed / untestable — counted from the verdicts) and the
    ``report`` itself."""

    def __init__(
        self,
        report: Report,
        findings: list[Finding],
        rule_coverage: list[RuleCoverage],
        config: AuditConfig,
        verdicts: list[Verdict] | None = None,
    ) -> None:
        self.report = report
        self.findings = findings
        self.config = config
        self.verdicts: list[Verdict] = list(verdicts) if verdicts is not None else []
        # Without verdicts (an Audit built by hand) the coverage given is kept.
        self._rule_codes = [rc.code for rc in rule_coverage]
        self._fixed_coverage = None if verdicts is not None else list(rule_coverage)

    @property
    def path(self) -> str | None:
        return self.report.path

    @property
    def rule_coverage(self) -> list[RuleCoverage]:
        """Per rule that ran: checked (= pass + fail verdicts), failed,
        untestable and the untestable verdicts' reasons."""
        if self._fixed_coverage is not None:
            return self._fixed_coverage
        return coverage_from_verdicts(self.verdicts, self._rule_codes)

    def verdict_counts(self) -> dict[str, int]:
        """Verdicts by status: ``{"pass": …, "fail": …, "untestable": …}``."""
        out = {"pass": 0, "fail": 0, "untestable": 0}
        for v in self.verdicts:
            out[v.status] += 1
        return out

    @property
    def coverage(self) -> dict[str, Any]:
        cov = dict(self.report.claims.coverage)
        rcs = self.rule_coverage
        checked = sum(r.checked for r in rcs)
        failed = sum(r.failed for r in rcs)
        untestable = sum(r.untestable for r in rcs)
        cov.update(
            checked=checked,
            failed=failed,
            passed=checked - failed,
            untestable=untestable,
            testable_rate=(round(checked / (checked + untestable), 4) if checked + untestable else None),
            rules={r.code: r.to_dict() for r in rcs if r.checked or r.untestable},
        )
        return cov

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def at_least(self, severity: str) -> list[Finding]:
        r = severity_rank(severity)
        return [f for f in self.findings if severity_rank(f.severity) >= r]

    def to_dict(self) -> dict[str, Any]:
        src = self.report.document.source
        md = self.report.metadata
        return {
            "file": src.path,
            "sha256": src.sha256,
            "format": src.format,
            "agency": md.agency,
            "year": md.year,
            "template": self.report.template.name,
            "is_report": md.is_report,
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts(),
            "coverage": self.coverage,
            "rounding": self.config.rounding,
            "verdicts": [v.to_dict() for v in self.verdicts],
        }

    def record(self, *, path: str | None = None) -> AuditRecord:
        """This audit as the record every output reads (see
        :mod:`gireport.audit.record`); ``path``: the name to show."""
        from .record import record_of

        return record_of(self, path=path)

    def to_frame(self):  # type: ignore[no-untyped-def]
        """One row per finding, with the Finding record's columns (pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover
            raise ImportError("Audit.to_frame() needs pandas: pip install pandas") from e
        rows = [f.to_dict() for f in self.findings]
        return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))

    def coverage_frame(self):  # type: ignore[no-untyped-def]
        """One row per rule that ran (pandas); columns
        ``gireport.frames.COVERAGE_COLUMNS``."""
        from ..frames import coverage_frame

        return coverage_frame(self)

    def verdicts_frame(self):  # type: ignore[no-untyped-def]
        """One row per verdict (pandas); columns
        ``gireport.frames.VERDICT_COLUMNS``."""
        from ..frames import verdicts_frame

        return verdicts_frame(self)

    def _repr_html_(self) -> str:
        """Notebook view: counts, coverage, each finding with its evidence
        highlighted in its sentence or table, and the report's outline."""
        from ..display import audit_html

        return audit_html(self)

    def __repr__(self) -> str:
        c = self.counts()
        name = self.path or "<memory>"
        return f"<Audit {name}: {c['error']} errors, {c['warning']} warnings, {c['info']} info>"


def run_audit(report: Report, config: AuditConfig | None = None) -> Audit:
    config = config or AuditConfig()
    rules = select_rules(config.select, config.ignore)
    if config.options:
        from .registry import REGISTRY

        known = set(REGISTRY) | {r.name for r in REGISTRY.values()}
        unknown = [k for k in config.options if k not in known and k.upper() not in known]
        if unknown:
            raise KeyError(f"options for unknown rules: {', '.join(unknown)}; `gireport rules` lists them")
    findings: list[Finding] = []
    verdicts: list[Verdict] = []
    for r in rules:
        ctx = RuleContext(r, report, config)
        r.check(report, ctx)
        findings.extend(ctx.findings)
        verdicts.extend(ctx.verdicts)
    findings.sort(key=lambda f: (f.start if f.start is not None else -1, f.code))
    return Audit(report, findings, [RuleCoverage(r.code) for r in rules], config, verdicts)
