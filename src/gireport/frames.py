"""Tidy data: reports and audits as pandas DataFrames, with stable columns.

This docstring is the reference for every column (``docs/data.md`` repeats
it with examples).  Column names and their order are a **contract**: they
are the tuples ``FINDING_COLUMNS``, ``CLAIM_COLUMNS``, ``TABLE_COLUMNS``,
``COVERAGE_COLUMNS`` and ``VERDICT_COLUMNS`` below, and new columns are only
ever appended.

Every builder takes one :class:`~gireport.Report` / :class:`~gireport.Audit`
or an iterable of them (an Audit stands for its report), so frames of many
reports concatenate without ``pd.concat``; the ``file`` column tells the
reports apart.  The ``*_rows`` functions return the same rows as plain dicts
(no pandas needed).  pandas is imported only when a frame is asked for.

Offsets (``start``, ``end``) are character offsets into the report's
normalised text (``report.text``), so ``report.text[start:end]`` is the
span; ``page`` is the 1-based page (``<NA>`` for unpaged formats: txt, md,
html, docx).

Findings — ``audit.to_frame()``, ``findings_frame(audits)``
-----------------------------------------------------------
One row per finding; the Finding record (``gireport.audit.FINDING_COLUMNS``,
the same fields as JSON, JSONL, CSV and SARIF output):

=============== ===========================================================
``file``        the input path as given (None for in-memory input)
``code``        stable rule code, e.g. ``GR201``
``name``        rule name, e.g. ``share-mismatch``
``severity``    ``error`` | ``warning`` | ``info``
``message``     message in Chinese
``message_en``  message in English
``evidence``    list of ``{start, end, page, text}`` dicts (for a table
                finding one per cell, ``text`` = "row label | column label
                | printed value")
``reported``    the printed value found (text) or None
``expected``    the recomputed value or interval (text) or None
``section``     canonical kind of the section the first evidence sits in
``fingerprint`` stable hash of code + evidence text (baselines, diffs)
=============== ===========================================================

Claims — ``report.claims_frame()``, ``claims_frame(reports)``
-------------------------------------------------------------
One row per claim (``report.claims``, in text order).  The claim's numbers
are flattened into *role* columns: ``<role>`` holds the number as printed
("155条", "7.2%", "30余万条"), ``<role>_value`` its value as float64 (NaN when
the claim has no such number).  Values are in base units with percents as
percents ("1.2万" → 12000.0, "7.2%" → 7.2); for a hedged or range number
("30余万", "两三个") the value is the lower end of what was printed — the
``approx`` column flags claims with such numbers.  Exact values are the
``Decimal`` objects on the claim (``claim.part.value``); the floats are the
nearest doubles (exact for up to 15 significant digits).

============================== ================================================
``file``                       the report's path
``claim``                      position of the claim in ``report.claims`` (0-based)
``type``                       ``share`` | ``breakdown`` | ``enumeration`` | ``change``
                               | ``zero``
``start``/``end``              span of the sentence(s) the claim was read from
``page``                       page of ``start`` (nullable Int64)
``section``                    canonical section kind (``preamble`` before the first
                               heading)
``subject``                    the noun phrase counted, or None
``text``                       ``report.text[start:end]``
``part``/``part_value``        share: the part ("155条")
``percent``/``percent_value``  share: the percentage ("7.2%")
``whole``                      share: the whole as printed, None when it is not a
                               printed number
``whole_value``                share: the whole — the printed whole's value, or the sum
                               of a breakdown's parts when no whole is printed
``whole_source``               share: ``explicit`` | ``breakdown`` | ``parts-total`` |
                               ``parts-sum`` | ``scope`` | ``unresolved``
``total``/``total_value``      breakdown: the total
``parts``                      breakdown: the parts as printed, joined by " + "
``parts_value``                breakdown: the sum of the parts' values
``n_parts``                    breakdown: number of parts (nullable Int64)
``shares``                     breakdown: the parts' shares joined by " + " ("-" where a
                               part has none; None when no part has one)
``complete``                   breakdown: the text says the parts cover the total
                               (nullable boolean)
``count``/``count_value``      enumeration: the stated count ("八项", value 8)
``items``                      enumeration: the items listed, joined by " | "
``n_items``                    enumeration: number of items listed (nullable Int64)
``style``                      enumeration: ``titles`` | ``list`` | ``markers`` |
                               ``parenthetical`` | ``parts``
``before``/``before_value``    change: last year's figure
``after``/``after_value``      change: this year's figure
``delta``/``delta_value``      change: the absolute change
``rate``/``rate_value``        change: the percentage change
``points``/``points_value``    change: the change in percentage points
``direction``                  change: +1 (增加 …) or -1 (减少 …) (nullable Int64)
``topics``                     zero: what is denied, comma-separated (``review``,
                               ``litigation``, ``fees``, ``applications``,
                               ``complaints``)
``cue``                        the cue word(s) the claim was read from (breakdown,
                               change, zero), or None
``approx``                     True when any number of the claim is hedged (约, 余, 多,
                               几, ranges, 超过 …)
============================== ================================================

Each of ``part``, ``percent``, ``whole``, ``total``, ``count``, ``before``,
``after``, ``delta``, ``rate`` and ``points`` has its ``_value`` column.

Tables — ``report.tables_frame()``, ``tables_frame(reports)``
-------------------------------------------------------------
The standard tables' cells in long form, one row per cell
(``report.tables``); nothing is recomputed into a cell.

================== ========================================================
``file``           the report's path
``table``          ``proactive`` | ``applications`` | ``review`` |
                   ``old_stats``
``row``            canonical row key (``new``, ``denied.state_secret``,
                   ``review`` …)
``col``            canonical column key (``natural`` … ``total``, ``upheld``
                   …, ``made``/``repealed``/``valid`` …)
``text``           the cell as printed
``value``          the printed value as float64 (NaN unless ``state`` is
                   ``number`` or ``zero``)
``state``          ``number`` | ``zero`` | ``blank`` | ``na`` (/, —, 无) |
                   ``text``
``start``/``end``  span of the cell's text in ``report.text``
``page``           page of the cell (nullable Int64)
``row_label``      the row's label as printed (or the block key)
``col_label``      the column's label (or the column key)
``source``         ``grid`` (a real table) or ``text`` (read from flattened
                   text)
``layout``         template the table's labels follow: ``old`` | ``2019`` |
                   ``2021``
``ambiguous``      True when the numbers could not be assigned to cells
                   uniquely (no rule checks such a table)
================== ========================================================

Coverage — ``audit.coverage_frame()``, ``coverage_frame(audits)``
-----------------------------------------------------------------
One row per rule that ran on a report.

====================== ====================================================
``file``               the report's path
``code``               rule code
``name``               rule name
``family``             rule family (``structure``, ``shares`` …)
``checked``            claims the rule checked (each could have failed)
``failed``             of those, how many failed (findings)
``untestable``         claims the rule could not decide (never a pass)
``untestable_reasons`` "reason=n; …" (empty string when none)
====================== ====================================================

The counts are those of the rule's verdicts: checked = pass + fail.

Verdicts — ``audit.verdicts_frame()``, ``verdicts_frame(audits)``
-----------------------------------------------------------------
One row per verdict (``audit.verdicts``): what a rule concluded about one
claim it looked at, in the order the rules ran (by code), then the order the
rule recorded them.

================= =========================================================
``file``          the report's path
``code``          rule code
``name``          rule name
``status``        ``pass`` | ``fail`` | ``untestable``
``severity``      for ``fail``: the finding's severity; otherwise None
``reason``        for ``untestable``: why the claim could not be decided
``reading``       the reading of the claim that decided the verdict ("whole =
                  办结总数 1,234 (stated earlier in the sentence)"); for
                  ``fail`` the readings tried, joined by "; "; None when the
                  rule did not say
``subject``       what was checked: a claim kind, a table cell or identity
                  ("表三 自然人列 I-1"); None when the rule did not say
``section``       canonical section kind of the first evidence span
``start``/``end`` span of the first evidence in ``report.text`` (nullable
                  Int64: <NA> for an anonymous verdict, one only counted)
``page``          page of the first evidence (nullable Int64)
``evidence``      list of ``{start, end, page, text}`` dicts, as in findings
``fingerprint``   for ``fail``: the finding's fingerprint (join with the
                  findings frame on it); otherwise None
================= =========================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .audit.finding import FINDING_COLUMNS, VERDICT_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .audit.engine import Audit
    from .report import Report

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_ROLES",
    "COVERAGE_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FINDING_COLUMNS",
    "FINDINGS_FRAME_COLUMNS",
    "TABLE_COLUMNS",
    "VERDICT_COLUMNS",
    "claim_rows",
    "claims_frame",
    "coverage_frame",
    "coverage_rows",
    "document_rows",
    "documents_frame",
    "finding_rows",
    "findings_frame",
    "table_rows",
    "tables_frame",
    "verdict_rows",
    "verdicts_frame",
]

#: Single-number roles of a claim; each has a text and a ``_value`` column.
CLAIM_ROLES = ("part", "percent", "whole", "total", "count", "before", "after", "delta", "rate", "points")

#: Claims frame columns, in order.
CLAIM_COLUMNS = (
    "file",
    "claim",
    "type",
    "start",
    "end",
    "page",
    "section",
    "subject",
    "text",
    "part",
    "part_value",
    "percent",
    "percent_value",
    "whole",
    "whole_value",
    "whole_source",
    "total",
    "total_value",
    "parts",
    "parts_value",
    "n_parts",
    "shares",
    "complete",
    "count",
    "count_value",
    "items",
    "n_items",
    "style",
    "before",
    "before_value",
    "after",
    "after_value",
    "delta",
    "delta_value",
    "rate",
    "rate_value",
    "points",
    "points_value",
    "direction",
    "topics",
    "cue",
    "approx",
)

#: Tables frame columns, in order.
TABLE_COLUMNS = (
    "file",
    "table",
    "row",
    "col",
    "text",
    "value",
    "state",
    "start",
    "end",
    "page",
    "row_label",
    "col_label",
    "source",
    "layout",
    "ambiguous",
)

#: Coverage frame columns, in order.
COVERAGE_COLUMNS = ("file", "code", "name", "family", "checked", "failed", "untestable", "untestable_reasons")

_FLOAT_CLAIM = tuple(c for c in CLAIM_COLUMNS if c.endswith("_value"))
_INT_CLAIM = ("n_parts", "n_items", "direction")


# --------------------------------------------------------------- helpers
def _reports(obj: Any) -> list[Report]:
    """One Report/Audit or an iterable of them → list of Reports."""
    from .audit.engine import Audit
    from .report import Report

    if isinstance(obj, Report):
        return [obj]
    if isinstance(obj, Audit):
        return [obj.report]
    out = []
    for o in obj:
        if isinstance(o, Audit):
            out.append(o.report)
        elif isinstance(o, Report):
            out.append(o)
        else:
            raise TypeError(f"expected a Report or an Audit, not {type(o).__name__}")
    return out


def _audits(obj: Any) -> list[Audit]:
    from .audit.engine import Audit

    if isinstance(obj, Audit):
        return [obj]
    out = list(obj)
    for o in out:
        if not isinstance(o, Audit):
            raise TypeError(f"expected an Audit, not {type(o).__name__}")
    return out


def _f(v: Decimal | None) -> float | None:
    return float(v) if v is not None else None


def _pd():  # type: ignore[no-untyped-def]
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover
        raise ImportError("gireport's frames need pandas: pip install pandas") from e
    return pd


# ------------------------------------------------------------------ rows
def _claim_row(report: Report, i: int, c: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CLAIM_COLUMNS)
    text = report.text
    row.update(
        file=report.path,
        claim=i,
        type=c.type,
        start=c.start,
        end=c.end,
        page=report.document.page_at(c.start),
        section=c.section,
        subject=c.subject,
        text=text[c.start : c.end],
        cue=getattr(c, "cue", None) or None,
        approx=any(n.approx for n in c.numbers),
    )
    for role in CLAIM_ROLES:
        n = getattr(c, role, None)
        if n is not None and hasattr(n, "text"):
            row[role] = n.text
            row[role + "_value"] = float(n.value)
    fill = _TYPE_COLUMNS.get(c.type)
    if fill is not None:
        fill(row, c)
    return row


def _share_columns(row: dict[str, Any], c: Any) -> None:
    """A share's whole (exact value) and where it was read."""
    row["whole_value"] = _f(c.whole_exact)
    row["whole_source"] = c.whole_source


def _breakdown_columns(row: dict[str, Any], c: Any) -> None:
    """A breakdown's parts, their sum and count, their shares (``-`` for a
    part without one) and whether the list is complete."""
    row["parts"] = " + ".join(p.text for p in c.parts) or None
    row["parts_value"] = float(sum((p.value for p in c.parts), Decimal(0))) if c.parts else None
    row["n_parts"] = len(c.parts)
    if any(s is not None for s in c.shares):
        row["shares"] = " + ".join(s.text if s is not None else "-" for s in c.shares)
    row["complete"] = bool(c.complete)


def _enumeration_columns(row: dict[str, Any], c: Any) -> None:
    """An enumeration's items, their count and the list's style."""
    row["items"] = " | ".join(it.text for it in c.items) or None
    row["n_items"] = len(c.items)
    row["style"] = c.style or None


def _change_columns(row: dict[str, Any], c: Any) -> None:
    """A change's direction."""
    row["direction"] = c.direction


def _zero_columns(row: dict[str, Any], c: Any) -> None:
    """A zero statement's topics."""
    row["topics"] = ",".join(c.topics) or None


#: The columns only one type of claim fills, by type.
_TYPE_COLUMNS: dict[str, Callable[[dict[str, Any], Any], None]] = {
    "share": _share_columns,
    "breakdown": _breakdown_columns,
    "enumeration": _enumeration_columns,
    "change": _change_columns,
    "zero": _zero_columns,
}


def claim_rows(reports: Any) -> list[dict[str, Any]]:
    """The claims frame's rows as dicts (keys: ``CLAIM_COLUMNS``)."""
    return [_claim_row(r, i, c) for r in _reports(reports) for i, c in enumerate(r.claims)]


def table_rows(reports: Any) -> list[dict[str, Any]]:
    """The tables frame's rows as dicts (keys: ``TABLE_COLUMNS``)."""
    rows = []
    for r in _reports(reports):
        for t in r.tables:
            for cell in t.cells.values():
                rows.append(
                    {
                        "file": r.path,
                        "table": t.kind,
                        "row": cell.row,
                        "col": cell.col,
                        "text": cell.text,
                        "value": _f(cell.numeric),
                        "state": cell.state,
                        "start": cell.start,
                        "end": cell.end,
                        "page": cell.page if cell.page is not None else r.document.page_at(cell.start),
                        "row_label": cell.row_label,
                        "col_label": cell.col_label,
                        "source": t.source,
                        "layout": t.layout,
                        "ambiguous": bool(t.ambiguous),
                    }
                )
    return rows


def finding_rows(audits: Any) -> list[dict[str, Any]]:
    """The findings frame's rows (``Finding.to_dict()``; keys: ``FINDING_COLUMNS``)."""
    return [f.to_dict() for a in _audits(audits) for f in a.findings]


def coverage_rows(audits: Any) -> list[dict[str, Any]]:
    """The coverage frame's rows as dicts (keys: ``COVERAGE_COLUMNS``)."""
    from .audit.registry import REGISTRY

    rows = []
    for a in _audits(audits):
        for rc in a.rule_coverage:
            rule = REGISTRY.get(rc.code)
            rows.append(
                {
                    "file": a.path,
                    "code": rc.code,
                    "name": rule.name if rule else None,
                    "family": rule.family if rule else None,
                    "checked": rc.checked,
                    "failed": rc.failed,
                    "untestable": rc.untestable,
                    "untestable_reasons": "; ".join(f"{k}={v}" for k, v in rc.reasons.items()),
                }
            )
    return rows


def verdict_rows(audits: Any) -> list[dict[str, Any]]:
    """The verdicts frame's rows as dicts (keys: ``VERDICT_COLUMNS``)."""
    return [v.row() for a in _audits(audits) for v in a.verdicts]


# ---------------------------------------------------------------- frames
def claims_frame(reports: Report | Audit | Iterable[Report | Audit]) -> pd.DataFrame:
    """One row per claim; columns ``CLAIM_COLUMNS`` (see the module docstring)."""
    pd = _pd()
    df = pd.DataFrame(claim_rows(reports), columns=list(CLAIM_COLUMNS))
    for c in _FLOAT_CLAIM:
        df[c] = df[c].astype("float64")
    for c in _INT_CLAIM + ("page",):
        df[c] = df[c].astype("Int64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    df["claim"] = df["claim"].astype("int64")
    df["complete"] = df["complete"].astype("boolean")
    df["approx"] = df["approx"].astype("bool")
    return df


def tables_frame(reports: Report | Audit | Iterable[Report | Audit]) -> pd.DataFrame:
    """Standard table cells in long form; columns ``TABLE_COLUMNS``."""
    pd = _pd()
    df = pd.DataFrame(table_rows(reports), columns=list(TABLE_COLUMNS))
    df["value"] = df["value"].astype("float64")
    df["page"] = df["page"].astype("Int64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    df["ambiguous"] = df["ambiguous"].astype("bool")
    return df


#: The findings frame's columns: the Finding record's, then the report's
#: agency, year and template (for grouping without a join).
FINDINGS_FRAME_COLUMNS = (*FINDING_COLUMNS, "agency", "year", "template")

#: The documents frame's columns, in order.
DOCUMENT_COLUMNS = (
    "file", "status", "agency", "agency_key", "year", "template", "is_report", "format", "pages", "chars",
    "errors", "warnings", "info", "claims", "checked", "untestable",
)


def _report_facts(a: Audit) -> dict[str, Any]:
    md = a.report.metadata
    return {"agency": md.agency, "year": md.year, "template": a.report.template.name if getattr(a.report, "template", None) is not None else None}


def findings_frame(audits: Audit | Iterable[Audit]) -> pd.DataFrame:
    """One row per finding of one or many audits; columns
    ``FINDINGS_FRAME_COLUMNS``: the Finding record's (``Audit.to_frame()``
    has those alone) and the report's ``agency``, ``year`` and
    ``template``."""
    pd = _pd()
    rows = [{**f.to_dict(), **_report_facts(a)} for a in _audits(audits) for f in a.findings]
    df = pd.DataFrame(rows, columns=list(FINDINGS_FRAME_COLUMNS))
    df["year"] = df["year"].astype("Int64")
    return df


def document_rows(audits: Any) -> list[dict[str, Any]]:
    """The documents frame's rows as dicts (keys: ``DOCUMENT_COLUMNS``)."""
    rows = []
    for a in _audits(audits):
        r = a.report
        md = r.metadata
        src = r.document.source
        sev = {k: 0 for k in ("error", "warning", "info")}
        for f in a.findings:
            sev[f.severity] += 1
        cov = a.coverage
        rows.append({
            "file": a.path, "status": "ok", "agency": md.agency, "agency_key": getattr(md, "agency_key", None), "year": md.year,
            "template": _report_facts(a)["template"], "is_report": getattr(r, "is_report", None), "format": src.format,
            "pages": src.pages, "chars": len(r.text), "errors": sev["error"], "warnings": sev["warning"], "info": sev["info"],
            "claims": sum(cov["claims"].values()), "checked": cov["checked"], "untestable": cov["untestable"],
        })
    return rows


def documents_frame(audits: Audit | Iterable[Audit]) -> pd.DataFrame:
    """One row per audited document: path, status, agency (and its key),
    year, template, whether it reads as an annual report, format, pages,
    characters, findings by severity, claims, checked and untestable
    claims; columns ``DOCUMENT_COLUMNS``.  (A batch store's documents, every
    path with its status, come from ``gireport.load_results(db).documents``.)"""
    pd = _pd()
    df = pd.DataFrame(document_rows(audits), columns=list(DOCUMENT_COLUMNS))
    for c in ("year", "pages", "chars", "errors", "warnings", "info", "claims", "checked", "untestable"):
        df[c] = df[c].astype("Int64")
    return df


def coverage_frame(audits: Audit | Iterable[Audit]) -> pd.DataFrame:
    """One row per rule per audit; columns ``COVERAGE_COLUMNS``."""
    pd = _pd()
    df = pd.DataFrame(coverage_rows(audits), columns=list(COVERAGE_COLUMNS))
    for c in ("checked", "failed", "untestable"):
        df[c] = df[c].astype("int64")
    return df


def verdicts_frame(audits: Audit | Iterable[Audit]) -> pd.DataFrame:
    """One row per verdict of one or many audits; columns ``VERDICT_COLUMNS``."""
    pd = _pd()
    df = pd.DataFrame(verdict_rows(audits), columns=list(VERDICT_COLUMNS))
    for c in ("start", "end", "page"):
        df[c] = df[c].astype("Int64")
    return df
