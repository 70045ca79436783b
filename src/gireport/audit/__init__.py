"""Stage 4 — audit: a registry of rules run over a parsed report.

``run_audit(report, config) -> Audit``.  Rules read only the Report's public
objects (document text, outline, claims) and report through a RuleContext,
which records a Verdict (pass / fail / untestable) for every claim checked.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .engine import CONVENTION, DEFAULT_ROUNDING, ROUNDING_CONVENTIONS, ROUNDING_MODES, Audit, AuditConfig, RuleContext, run_audit
from .finding import (
    FINDING_COLUMNS,
    SEVERITIES,
    VERDICT_COLUMNS,
    VERDICT_STATUSES,
    Evidence,
    Finding,
    RuleCoverage,
    Verdict,
    coverage_from_verdicts,
    severity_rank,
)
from .record import RECORD_STATUSES, AuditRecord, Shown, record_of
from .registry import REGISTRY, Rule, get_rule, rule, select_rules

__all__ = [
    "AuditRecord",
    "Shown",
    "record_of",
    "RECORD_STATUSES",
    "Audit",
    "AuditConfig",
    "RuleContext",
    "run_audit",
    "ROUNDING_MODES",
    "ROUNDING_CONVENTIONS",
    "CONVENTION",
    "DEFAULT_ROUNDING",
    "Finding",
    "Verdict",
    "VERDICT_COLUMNS",
    "VERDICT_STATUSES",
    "coverage_from_verdicts",
    "Evidence",
    "RuleCoverage",
    "FINDING_COLUMNS",
    "SEVERITIES",
    "severity_rank",
    "Rule",
    "rule",
    "REGISTRY",
    "get_rule",
    "select_rules",
    "all_rules",
]


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    return select_rules()


class _AuditModule(types.ModuleType):
    """``gireport.audit`` is both this stage (its rules, registry and engine:
    ``gireport.audit.select_rules``, ``gireport.audit.REGISTRY`` …) and the
    top-level function ``gireport.audit(source, …)``: calling the module
    calls :func:`gireport.api.audit`."""

    def __call__(self, *args: Any, **kw: Any) -> Audit:
        from ..api import audit

        return audit(*args, **kw)


sys.modules[__name__].__class__ = _AuditModule
