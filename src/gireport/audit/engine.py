"""Running rules over a report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .finding import FINDING_COLUMNS, Evidence, Finding, RuleCoverage, severity_rank
from .registry import Rule, select_rules

if TYPE_CHECKING:  # pragma: no cover
    from ..report import Report

__all__ = ["AuditConfig", "RuleContext", "Audit", "run_audit", "ROUNDING_MODES"]

from ..numbers import ROUNDING_MODES  # the modes numbers know how to round


@dataclass
class AuditConfig:
    """What to run and how.  ``select``/``ignore`` take codes, code prefixes
    (``GR2``), names or families; ``rounding`` is how the report is assumed to
    have rounded its printed figures; ``options`` maps a rule code or name to
    that rule's option overrides."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    rounding: str = "half_up"
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"rounding must be one of {', '.join(ROUNDING_MODES)}, not {self.rounding!r}")


class RuleContext:
    """What a rule function gets besides the report: its options, the
    rounding mode, and the three ways to report an outcome."""

    def __init__(self, rule: Rule, report: Report, config: AuditConfig) -> None:
        self.rule = rule
        self.report = report
        self.rounding = config.rounding
        self.options = dict(rule.options)
        self.options.update(config.options.get(rule.code, {}))
        self.options.update(config.options.get(rule.name, {}))
        self.findings: list[Finding] = []
        self.coverage = RuleCoverage(rule.code)

    # --- outcomes -------------------------------------------------------
    def ok(self, n: int = 1) -> None:
        """``n`` claims were checked and are consistent."""
        self.coverage.checked += n

    def untestable(self, reason: str, n: int = 1) -> None:
        """``n`` claims could not be decided (never a pass, never a finding)."""
        self.coverage.untestable += n
        self.coverage.reasons[reason] = self.coverage.reasons.get(reason, 0) + n

    def fail(
        self,
        spans: Iterable[tuple[int, int]] | Iterable[Evidence],
        *,
        reported: str | None = None,
        expected: str | None = None,
        severity: str | None = None,
        counted: bool = True,
        **args: Any,
    ) -> Finding:
        """Report a violation.  ``spans`` are (start, end) offsets into the
        report text (or ready :class:`Evidence`); ``args`` fill the rule's
        message templates."""
        doc = self.report.document
        evidence: list[Evidence] = []
        for sp in spans:
            if isinstance(sp, Evidence):
                evidence.append(sp)
            else:
                s, e = sp
                evidence.append(Evidence(s, e, doc.page_at(s), doc.text[s:e]))
        args = {"reported": reported, "expected": expected, **args}
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
            section=self.report.outline.kind_at(evidence[0].start) if evidence else None,
            file=doc.source.path,
            args={k: v for k, v in args.items() if isinstance(v, (str, int, float)) or v is None},
        )
        self.findings.append(f)
        if counted:
            self.coverage.checked += 1
            self.coverage.failed += 1
        return f


class Audit:
    """The result of auditing one report: ``findings`` (sorted by position),
    ``coverage`` (claims found, and per rule: checked / failed / untestable)
    and the ``report`` itself."""

    def __init__(self, report: Report, findings: list[Finding], rule_coverage: list[RuleCoverage], config: AuditConfig) -> None:
        self.report = report
        self.findings = findings
        self.rule_coverage = rule_coverage
        self.config = config

    @property
    def path(self) -> str | None:
        return self.report.path

    @property
    def coverage(self) -> dict[str, Any]:
        cov = dict(self.report.claims.coverage)
        checked = sum(r.checked for r in self.rule_coverage)
        untestable = sum(r.untestable for r in self.rule_coverage)
        cov.update(
            checked=checked,
            failed=sum(r.failed for r in self.rule_coverage),
            untestable=untestable,
            testable_rate=(round(checked / (checked + untestable), 4) if checked + untestable else None),
            rules={r.code: r.to_dict() for r in self.rule_coverage if r.checked or r.untestable},
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
        }

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
    coverage: list[RuleCoverage] = []
    for r in rules:
        ctx = RuleContext(r, report, config)
        r.check(report, ctx)
        findings.extend(ctx.findings)
        coverage.append(ctx.coverage)
    findings.sort(key=lambda f: (f.start if f.start is not None else -1, f.code))
    return Audit(report, findings, coverage, config)
