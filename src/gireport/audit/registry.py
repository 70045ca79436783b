"""Rules as data: a registry of rules with stable codes, names, families,
default severities, message templates and documentation.

A rule is a function ``check(report, ctx)`` registered with :func:`rule`.  It
reports through ``ctx``: ``ctx.fail(...)`` for a violation, ``ctx.ok()`` for
a claim it checked and found consistent, ``ctx.untestable(reason)`` for a
claim it could not decide.  Each call records a verdict (``Audit.verdicts``);
give it ``spans=`` (the claim's (start, end) offsets), ``reading=`` (the
reading that decided it) and ``subject=`` (what was checked) so the verdict
points at its claim.  User rules register the same way and behave like
built-in ones::

    @gireport.rule("GR901", name="no-empty-problems", family="custom",
                   severity="warning",
                   message="{heading} 为空", message_en="{heading} is empty")
    def no_empty_problems(report, ctx):
        '''What it does: …'''
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .finding import SEVERITIES
from .. import lazyre

__all__ = ["Rule", "rule", "REGISTRY", "get_rule", "select_rules", "DOC_SECTIONS"]

#: Documentation sections, in order, as they appear in rule docstrings.
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Consistent example", "Known exceptions", "Options")


@dataclass
class Rule:
    """A registered rule: its stable code and name, family, default
    severity, message templates, the check it runs, and its options."""

    code: str
    name: str
    family: str
    severity: str
    message: str
    message_en: str
    check: Callable[..., None]
    #: the check's docstring, read into ``summary`` and ``doc`` when first asked for
    docstring: str | None = field(default=None, repr=False)
    options: dict[str, Any] = field(default_factory=dict)
    builtin: bool = True

    @cached_property
    def _parsed(self) -> tuple[str, dict[str, str]]:
        return _parse_doc(self.docstring)

    @property
    def summary(self) -> str:
        """The documentation's first paragraph."""
        return self._parsed[0]

    @property
    def doc(self) -> dict[str, str]:
        """The documentation's sections (:data:`DOC_SECTIONS`) by name."""
        return self._parsed[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "summary": self.summary,
            "doc": dict(self.doc),
            "options": {k: repr(v) for k, v in self.options.items()},
        }

    def render_doc(self) -> str:
        """The rule's documentation as plain text (``gireport rule CODE``)."""
        lines = [f"{self.code} ({self.name})", f"family: {self.family}    default severity: {self.severity}", ""]
        if self.summary:
            lines += [self.summary, ""]
        for sec in DOC_SECTIONS:
            if sec in self.doc:
                lines.append(f"## {sec}")
                lines.append(self.doc[sec].rstrip())
                lines.append("")
        if self.options:
            lines.append("## Option defaults")
            for k, v in self.options.items():
                lines.append(f"  {k} = {v!r}")
            lines.append("")
        lines.append(f"message (zh): {self.message}")
        lines.append(f"message (en): {self.message_en}")
        return "\n".join(lines).rstrip() + "\n"


REGISTRY: dict[str, Rule] = {}
_CODE_RE = lazyre.compile_std(r"^[A-Z]{1,4}\d{3}$")
_NAME_RE = lazyre.compile_std(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _parse_doc(doc: str | None) -> tuple[str, dict[str, str]]:
    if not doc:
        return "", {}
    doc = inspect.cleandoc(doc)
    heads = "|".join(re.escape(s) for s in DOC_SECTIONS)
    parts = re.split(rf"^({heads}):?\s*$", doc, flags=re.M)
    summary = parts[0].strip()
    out: dict[str, str] = {}
    for i in range(1, len(parts) - 1, 2):
        out[parts[i]] = inspect.cleandoc(parts[i + 1]).strip()
    return summary, out


def rule(
    code: str,
    *,
    name: str,
    family: str,
    severity: str,
    message: str,
    message_en: str,
    options: dict[str, Any] | None = None,
    builtin: bool = False,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``check(report, ctx)`` as a rule.  The function's docstring
    is the rule's documentation: a summary line, then the sections of
    :data:`DOC_SECTIONS` as ``Section name:`` lines."""
    if not _CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be letters then three digits, like GR201")
    if not _NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")

    if not builtin:
        _ensure_builtin()  # a user rule must not take a built-in's code or name

    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        if code in REGISTRY and REGISTRY[code].check is not fn:
            raise ValueError(f"rule code {code} is already registered ({REGISTRY[code].name})")
        clash = next((r for r in REGISTRY.values() if r.name == name and r.code != code), None)
        if clash is not None:
            raise ValueError(f"rule name {name!r} is already used by {clash.code}")
        REGISTRY[code] = Rule(code, name, family, severity, message, message_en, fn, fn.__doc__, dict(options or {}), builtin)
        return fn

    return deco


def get_rule(code_or_name: str) -> Rule:
    """A rule by code (``GR201``) or name (``share-mismatch``)."""
    _ensure_builtin()
    key = code_or_name.strip()
    if key.upper() in REGISTRY:
        return REGISTRY[key.upper()]
    for r in REGISTRY.values():
        if r.name == key:
            return r
    raise KeyError(f"no rule {code_or_name!r}; `gireport rules` lists them")


def _matches(r: Rule, sel: str) -> bool:
    s = sel.strip()
    return r.code.startswith(s.upper()) or r.name == s or r.family == s


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
    """Rules chosen by code, code prefix (``GR2``), name or family; ``ignore``
    wins over ``select``."""
    _ensure_builtin()
    sel = [s for s in (select or []) if s.strip()]
    ign = [s for s in (ignore or []) if s.strip()]
    for s in sel + ign:
        if not any(_matches(r, s) for r in REGISTRY.values()):
            raise KeyError(f"--select/--ignore: {s!r} matches no rule code, prefix, name or family")
    out = []
    for r in sorted(REGISTRY.values(), key=lambda r: r.code):
        if sel and not any(_matches(r, s) for s in sel):
            continue
        if any(_matches(r, s) for s in ign):
            continue
        out.append(r)
    return out


#: Modules whose import registers built-in rules, imported by
#: :func:`_ensure_builtin` before rules are listed, chosen or run.  The
#: package adds the batch stage's cross-year rules here (``gireport``'s
#: ``__init__``), so this stage never imports a later one.
RULE_MODULES: list[str] = [f"{__package__}.rules"]


def _ensure_builtin() -> None:
    import importlib

    for name in RULE_MODULES:
        importlib.import_module(name)  # registers its rules


# --------------------------------------------------------------------------
# Additions for batch runs: corpus (cross-report) rules and the ruleset version
# --------------------------------------------------------------------------

#: Corpus checks by rule code: rules that need more than one report (the
#: cross-year family).  Each is registered in :data:`REGISTRY` like any rule,
#: so ``gireport rules`` lists it and ``--select``/``--ignore`` choose it, but
#: its single-report ``check`` does nothing: the batch runner
#: (:mod:`gireport.batch`) calls the function kept here once per run, over
#: every report in the store.
CORPUS_CHECKS: dict[str, Callable[..., None]] = {}


def _corpus_stub(fn: Callable[..., None]) -> Callable[..., None]:
    stub = getattr(fn, "_gireport_stub", None)
    if stub is None:

        def stub(report: Any, ctx: Any) -> None:  # a single report: nothing to compare with
            return None

        stub.__doc__ = fn.__doc__
        stub.__name__ = getattr(fn, "__name__", "corpus_rule")
        fn._gireport_stub = stub  # type: ignore[attr-defined]
    return stub


def corpus_rule(
    code: str,
    *,
    name: str,
    family: str,
    severity: str,
    message: str,
    message_en: str,
    options: dict[str, Any] | None = None,
    builtin: bool = False,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``check(corpus, ctx)`` as a rule over many reports.

    The rule joins :data:`REGISTRY` (documented from the function's docstring
    like any rule); single-report audits run a no-op in its place, and the
    batch runner runs ``check`` after every file is audited (see
    :class:`gireport.batch.crossyear.Corpus` and ``CorpusContext``)."""

    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        rule(code, name=name, family=family, severity=severity, message=message, message_en=message_en, options=options, builtin=builtin)(_corpus_stub(fn))
        CORPUS_CHECKS[code] = fn
        return fn

    return deco


def is_corpus_rule(r: Rule) -> bool:
    """True for a rule that runs over many reports (see :func:`corpus_rule`)."""
    return r.code in CORPUS_CHECKS and getattr(CORPUS_CHECKS[r.code], "_gireport_stub", None) is r.check


def ruleset_version() -> str:
    """``<gireport version>+<hash>``: the hash covers every registered rule's
    code, name, family, default severity, messages and option defaults, so it
    changes whenever a rule is added, removed, renamed or re-graded (a batch
    store re-audits a file when it does)."""
    import hashlib

    from .. import __version__

    _ensure_builtin()
    h = hashlib.sha256()
    for r in sorted(REGISTRY.values(), key=lambda r: r.code):
        h.update("\x1f".join([r.code, r.name, r.family, r.severity, r.message, r.message_en, repr(sorted(r.options.items()))]).encode("utf-8"))
        h.update(b"\x1e")
    return f"{__version__}+{h.hexdigest()[:12]}"
