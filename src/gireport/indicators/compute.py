"""Computing the catalogue's definitions on one document's cells, and the
change of 新收 on last year's report of the same organ in a run."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from .catalogue import Definition, Term, definitions_for
from .model import SMALL_SAMPLE, Cell, Cells, Indicator

__all__ = ["compute", "year_on_year"]


class _Untestable(Exception):
    """Why a term has no value."""


def _rows(cells: Cells, term: Term) -> list[tuple[str, int]]:
    """(row key, sign) of every row a term sums."""
    out: list[tuple[str, int]] = []
    present = cells.rows(term.table)
    if term.regex:
        start = 0
        if term.after:
            idx = next((i for i, r in enumerate(present) if re.search(term.after, r)), None)
            if idx is None:
                raise _Untestable(f"no row {term.after} in {term.table}")
            start = idx + 1
        for pat in term.rows:
            row = next((r for r in present[start:] if re.search(pat, r)), None)
            if row is None:
                raise _Untestable(f"no row {pat} in {term.table}")
            out.append((row, 1))
        return out
    for key in term.rows:
        sign = -1 if key.startswith("-") else 1
        key = key.lstrip("-")
        if key.endswith("*"):
            stem = key[:-1]
            found = [r for r in present if r == stem.rstrip(".") or r.startswith(stem if stem.endswith(".") else stem + ".")]
            if not found:
                raise _Untestable(f"no {key} rows in {term.table}")
            out += [(r, sign) for r in found]
        else:
            out.append((key, sign))
    return out


def _sum(cells: Cells, terms: Sequence[Term], used: list[Cell]) -> Decimal:
    total = Decimal(0)
    for term in terms:
        if not cells.has(term.table):
            raise _Untestable(f"no {term.table} table")
        if cells.ambiguous(term.table):
            raise _Untestable(f"the {term.table} table could not be read unambiguously")
        for row, sign in _rows(cells, term):
            c = cells.get(term.table, row, term.col)
            if c is None:
                raise _Untestable(f"no cell {term.table}/{row}/{term.col}")
            used.append(c)
            if c.numeric is None:
                what = {"blank": "blank", "na": "not applicable", "text": "not a number"}.get(c.state, c.state)
                raise _Untestable(f"cell {term.table}/{row}/{term.col} is {what} ({c.text!r}); blank is not zero")
            total += sign * c.numeric
    return total


def _one(d: Definition, cells: Cells) -> Indicator:
    ind = Indicator(d.indicator, d.variant, d.label, d.kind, unit=d.unit)
    used: list[Cell] = []
    try:
        ind.numerator = _sum(cells, d.numerator, used)
        if d.kind != "rate":
            ind.value = Fraction(ind.numerator)
        else:
            ind.denominator = _sum(cells, d.denominator, used)
            if ind.denominator == 0:
                raise _Untestable("the denominator is 0")
            ind.value = Fraction(ind.numerator) / Fraction(ind.denominator)
            ind.small_sample = d.per_application and ind.denominator < SMALL_SAMPLE
    except _Untestable as e:
        ind.untestable = str(e)
        ind.value = None
    ind.cells = [c.ref() for c in used]
    return ind


def compute(cells: Cells, template: str | None) -> list[Indicator]:
    """Every definition for ``template`` computed on ``cells``, in
    catalogue order."""
    return [_one(d, cells) for d in definitions_for(template)]


def year_on_year(docs: Iterable[tuple[str | None, int | None, list[Indicator]]]) -> dict[int, Indicator]:
    """The change of 新收 on the same organ's report of the year before, for
    each document (by position) — ``docs``: (organ key, year, its
    indicators).  Untestable when that report is not in the run, or either
    count is."""
    docs = list(docs)
    counts: dict[tuple[str, int], Indicator] = {}
    for key, year, inds in docs:
        new = next((i for i in inds if i.indicator == "new_applications"), None)
        if key and year is not None and new is not None:
            counts.setdefault((key, year), new)
    out: dict[int, Indicator] = {}
    for pos, (key, year, inds) in enumerate(docs):
        this = next((i for i in inds if i.indicator == "new_applications"), None)
        if this is None:
            continue
        ind = Indicator("new_applications_change", "on_last_year", "新收申请数同比变化:(本年−上年)/上年", "change")
        prev = counts.get((key, year - 1)) if key and year is not None else None
        if prev is None:
            ind.untestable = "last year's report of this organ is not in the run"
        elif this.value is None or prev.value is None:
            ind.untestable = "新收 is untestable in this or last year's report"
        elif prev.value == 0:
            ind.untestable = "last year's 新收 is 0"
        else:
            ind.numerator = this.numerator - prev.numerator  # type: ignore[operator]
            ind.denominator = prev.numerator
            ind.value = (this.value - prev.value) / prev.value
            ind.small_sample = prev.numerator < SMALL_SAMPLE  # type: ignore[operator]
            ind.cells = this.cells + [f"{year - 1 if year else '?'}: {c}" for c in prev.cells]
        out[pos] = ind
    return out
