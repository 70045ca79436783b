"""gireport — parse and audit Chinese government information disclosure
annual reports (政府信息公开工作年度报告).

The pipeline, one stage per subpackage::

    load       path | bytes | str  ->  Document   (gireport.load)
    structure  Document            ->  Outline    (gireport.structure)
    claims     Report              ->  Claims     (report.claims, lazy)
    audit      Report + rules      ->  Audit      (gireport.audit)
"""

from __future__ import annotations

from .document import Block, Cell, Document, Source, Table
from .errors import (
    CorruptFileError,
    DecodeError,
    EmptyFileError,
    EncryptedPDFError,
    FileNotFound,
    GireportError,
    LoadError,
    MemoryLimitError,
    MojibakeError,
    NeedsOCRError,
    ResourceLimitError,
    TimeLimitError,
    UnsupportedFormatError,
)
from .load import Text, load
from .api import audit as _audit_function
from .api import audit_frame
from .audit import Audit, AuditConfig, AuditRecord, Finding, Verdict, rule
from . import audit  # the audit stage, callable as gireport.audit(source, …)
from .report import Report, parse
from .audit.registry import RULE_MODULES as _RULE_MODULES

# The cross-year rules (GR701–GR705) belong to the batch stage; the registry
# imports them with the built-in rules when rules are first listed or run, so
# that ``import gireport`` does not load the batch machinery
# (multiprocessing, the result store) a single audit never uses.
if "gireport.batch.crossyear" not in _RULE_MODULES:
    _RULE_MODULES.append("gireport.batch.crossyear")

#: Names imported on first use (``import gireport`` stays light).
_LAZY = {
    "audit_many": ("gireport.batch", "audit_many"),
    "load_results": ("gireport.batch", "load_results"),
    "AuditResult": ("gireport.batch", "AuditResult"),
    "indicators": ("gireport.indicators", None),  # the package, callable: gireport.indicators(report)
    "indicators_frame": ("gireport.api", "indicators_frame"),
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        mod = importlib.import_module(module)
        value = mod if attr is None else getattr(mod, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gireport' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "load",
    "parse",
    "audit",
    "audit_frame",
    "audit_many",
    "load_results",
    "indicators",
    "indicators_frame",
    "AuditResult",
    "AuditRecord",
    "rule",
    "Audit",
    "AuditConfig",
    "Finding",
    "Verdict",
    "Report",
    "Document",
    "Block",
    "Cell",
    "Table",
    "Source",
    "GireportError",
    "LoadError",
    "FileNotFound",
    "EmptyFileError",
    "UnsupportedFormatError",
    "DecodeError",
    "CorruptFileError",
    "EncryptedPDFError",
    "NeedsOCRError",
    "MojibakeError",
    "ResourceLimitError",
    "TimeLimitError",
    "MemoryLimitError",
    "Text",
]

# ``gireport.audit`` is the audit stage's module, and calling it audits a
# report (gireport.audit.__call__ → gireport.api.audit); help() and
# inspect.signature() show the function's.
audit.__signature__ = __import__("inspect").signature(_audit_function)  # type: ignore[attr-defined]
audit.__doc__ = (_audit_function.__doc__ or "") + "\n\n" + (audit.__doc__ or "")
