"""Indicators: the rates and counts researchers compute from these reports,
with their definitions and variants, from the printed cells.

* :func:`indicators` — one report (a Report, an Audit or a path): every
  indicator that applies to its template, as :class:`Indicator` records.
* :func:`indicators_frame` — many: audits, reports, paths, batch results
  or stored documents; one row per document × indicator × variant
  (:data:`INDICATOR_COLUMNS`), with the change of 新收 on the same organ's
  report of the year before when that report is in the run.  The top-level
  ``gireport.indicators_frame`` (``gireport.api``) also reads a result
  store; this stage imports nothing of the batch stage.

Every value is an exact :class:`~fractions.Fraction` of printed cells (and
a float for plotting); a value that cannot be computed — a missing or blank
cell, a denominator of 0, an ambiguous table — is untestable with the
reason, never 0 or NaN.  Definitions: :mod:`.catalogue` and
docs/indicators.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .catalogue import DEFINITIONS, Definition, Term, definitions_for
from .compute import compute, year_on_year
from .model import INDICATOR_COLUMNS, SMALL_SAMPLE, Cell, Cells, Indicator
from .narrative import merge, narrative_indicators

__all__ = [
    "indicators", "indicators_frame", "indicator_rows", "Indicator", "Cells", "Cell", "Definition", "Term", "DEFINITIONS",
    "INDICATOR_COLUMNS", "SMALL_SAMPLE", "definitions_for",
]


def _report(item: Any) -> Any:
    if hasattr(item, "report"):  # an Audit
        return item.report
    if hasattr(item, "tables") and hasattr(item, "metadata"):  # a Report
        return item
    from ..report import parse

    return parse(item)


def _stamp(inds: list[Indicator], file: str | None, agency: str | None, year: int | None, template: str | None) -> list[Indicator]:
    for i in inds:
        i.file, i.agency, i.year, i.template = file, agency, year, template
    return inds


def indicators(item: Any) -> list[Indicator]:
    """Every indicator of one report (a Report, an Audit, or a path/bytes
    ``gireport.parse`` reads) that applies to its template."""
    r = _report(item)
    md = r.metadata
    inds = merge(compute(Cells.of_report(r), r.template.name), narrative_indicators(r.text, r.template.name))
    return _stamp(inds, r.path, md.agency, md.year, r.template.name)


def _docs_of(items: Any) -> Iterable[tuple[str | None, str | None, str | None, int | None, str | None, Cells, str]]:
    """(file, agency, organ key, year, template, cells, prose text) of every
    document: audits, reports and paths are parsed here; an audit record
    carrying its packed facts (a batch result) and a stored document
    (``gireport.batch.results.DocumentFacts``: facts and texts as dicts)
    are read from their facts."""
    from ..audit.record import unpack
    from ..structure import agency_key

    for item in items:
        if getattr(item, "status", "ok") != "ok":
            continue
        facts, texts = getattr(item, "facts", None), getattr(item, "texts", None)
        if isinstance(facts, (bytes, bytearray)):  # a batch result carrying its facts
            facts, texts = unpack(facts) or {}, unpack(texts) or {}
        if isinstance(facts, dict):
            f = facts
            prose = "\n".join((texts or {}).values()) if isinstance(texts, dict) else ""
            yield item.file, f.get("agency"), f.get("agency_key"), f.get("year"), f.get("template"), Cells.of_facts(f), prose
            continue
        r = _report(item)
        md = r.metadata
        yield r.path, md.agency, agency_key(md.agency), md.year, r.template.name, Cells.of_report(r), r.text


def indicator_rows(items: Any) -> list[Indicator]:
    """Every indicator of every document of ``items`` (audits, reports,
    paths, batch results with facts, stored documents), the change of 新收
    on last year's report after each document's own.  A result store is
    read by :func:`gireport.indicators_frame` (``gireport.api``)."""
    per_doc = []
    for file, agency, key, year, template, cells, prose in _docs_of(items):
        inds = merge(compute(cells, template), narrative_indicators(prose, template))
        per_doc.append((key, year, _stamp(inds, file, agency, year, template)))
    changes = year_on_year(per_doc)
    out: list[Indicator] = []
    for pos, (_key, _year, inds) in enumerate(per_doc):
        out += inds
        if pos in changes:
            first = inds[0]
            out += _stamp([changes[pos]], first.file, first.agency, first.year, first.template)
    return out


def indicators_frame(items: Any) -> Any:
    """One row per document × indicator × variant (pandas), columns
    :data:`INDICATOR_COLUMNS`; ``value`` is the exact fraction as text
    (``"171/316"``), ``value_float`` the same as a float.  (The top-level
    :func:`gireport.indicators_frame` also takes a result store.)"""
    import pandas as pd

    df = pd.DataFrame([i.row() for i in indicator_rows(items)], columns=list(INDICATOR_COLUMNS))
    df["year"] = df["year"].astype("Int64")
    return df


class _IndicatorsModule(__import__("types").ModuleType):
    """``gireport.indicators`` is both this package and the function
    ``gireport.indicators(report)``: calling the module calls
    :func:`indicators`."""

    def __call__(self, item: Any) -> list[Indicator]:
        return indicators(item)


__import__("sys").modules[__name__].__class__ = _IndicatorsModule
