"""Indicators: the rates and counts researchers compute from these reports,
with their definitions and variants, from the printed cells.

* :func:`indicators` — one report (a Report, an Audit or a path): every
  indicator that applies to its template, as :class:`Indicator` records.
* :func:`indicators_frame` — many: audits, reports, paths, batch results, or
  a result store; one row per document × indicator × variant
  (:data:`INDICATOR_COLUMNS`), with the change of 新收 on the same organ's
  report of the year before when that report is in the run.

Every value is an exact :class:`~fractions.Fraction` of printed cells (and
a float for plotting); a value that cannot be computed — a missing or blank
cell, a denominator of 0, an ambiguous table — is untestable with the
reason, never 0 or NaN.  Definitions: :mod:`.catalogue` and
docs/indicators.md.
"""

from __future__ import annotations

import os
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
    document."""
    from ..structure import agency_key

    if isinstance(items, (str, os.PathLike)) and _is_store(items):
        yield from _store_docs(items)
        return
    for item in items:
        facts = getattr(item, "facts", None)
        if getattr(item, "status", "ok") != "ok":
            continue
        if isinstance(facts, (bytes, bytearray)):  # a batch result carrying its facts
            from ..batch.worker import unpack

            f = unpack(facts) or {}
            prose = "\n".join((unpack(getattr(item, "texts", None)) or {}).values())
            yield item.file, f.get("agency"), f.get("agency_key"), f.get("year"), f.get("template"), Cells.of_facts(f), prose
            continue
        r = _report(item)
        md = r.metadata
        yield r.path, md.agency, agency_key(md.agency), md.year, r.template.name, Cells.of_report(r), r.text


def _is_store(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _store_docs(db: str | os.PathLike[str]) -> Iterable[tuple[str | None, str | None, str | None, int | None, str | None, Cells, str]]:
    from ..batch.results import iter_paths
    from ..batch.store import Store
    from ..batch.worker import unpack

    paths = [(r.file, r.sha256) for r in iter_paths(db, audits=False) if r.status == "ok"]
    with Store(db, lock=False) as st:
        rs = st.latest_ruleset()
        for path, sha in paths:
            row = st.db.execute("SELECT facts, texts FROM documents WHERE sha256 = ? AND ruleset = ?", (sha, rs)).fetchone()
            f = unpack(row[0]) if row and row[0] else {}
            prose = "\n".join((unpack(row[1]) if row and row[1] else {}).values())
            yield path, f.get("agency"), f.get("agency_key"), f.get("year"), f.get("template"), Cells.of_facts(f), prose


def indicator_rows(items: Any) -> list[Indicator]:
    """Every indicator of every document of ``items`` (audits, reports,
    paths, batch results with facts, or a result store's path), the change
    of 新收 on last year's report after each document's own."""
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
    (``"171/316"``), ``value_float`` the same as a float."""
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
