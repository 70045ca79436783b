"""The indicator record and the cells it is computed from.

An :class:`Indicator` is one value of one definition for one document: its
numerator and denominator as printed cells add up, the value as an exact
fraction (and a float for plotting), or the reason it cannot be computed —
never a 0 or a NaN in its place.  ``cells`` name every cell used
(``table/row/col=printed text``), so a value can be checked against the
report by hand.

:class:`Cells` is what the definitions read: the standard tables' cells by
(table, row, column), from a parsed report or from the facts a batch run
keeps in its store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["Indicator", "Cells", "Cell", "INDICATOR_COLUMNS", "SMALL_SAMPLE"]

#: A rate on fewer applications than this carries ``small_sample``.
SMALL_SAMPLE = 30

#: Columns of :func:`gireport.indicators.indicators_frame`, in order.
INDICATOR_COLUMNS = (
    "file", "agency", "year", "template", "indicator", "variant", "label", "kind", "source",
    "numerator", "denominator", "value", "value_float", "unit", "untestable", "small_sample", "cells",
)


@dataclass(frozen=True)
class Cell:
    """One printed cell: its table, row and column keys, text, state
    (number, zero, blank, na, text) and value."""

    table: str
    row: str
    col: str
    text: str
    state: str
    value: Decimal | None

    @property
    def numeric(self) -> Decimal | None:
        return self.value if self.state in ("number", "zero") else None

    def ref(self) -> str:
        return f"{self.table}/{self.row}/{self.col}={self.text}"


class Cells:
    """The standard tables' cells of one document: ``get(table, row,
    col)``; ``rows(table)`` in printed order; ``layout(table)``; whether a
    table is ``ambiguous`` (its numbers could not be placed uniquely)."""

    def __init__(self, cells: Iterable[Cell] = (), layouts: dict[str, str] | None = None, ambiguous: Iterable[str] = ()) -> None:
        self._cells: dict[tuple[str, str, str], Cell] = {}
        for c in cells:
            self._cells.setdefault((c.table, c.row, c.col), c)
        self._layouts = dict(layouts or {})
        self._ambiguous = set(ambiguous)

    @classmethod
    def of_report(cls, report: Any) -> Cells:
        try:
            tables = report.tables
        except Exception:  # noqa: BLE001 - a table reader bug leaves the indicators untestable, not the run failed
            tables = []
        cells = [Cell(t.kind, c.row, c.col, c.text, c.state, c.value) for t in tables for c in t.cells.values()]
        return cls(cells, {t.kind: t.layout for t in tables}, [t.kind for t in tables if t.ambiguous])

    @classmethod
    def of_facts(cls, facts: dict[str, Any] | None) -> Cells:
        """From the facts a batch worker keeps (``tables`` → kind →
        ``cells`` "row|col" → [text, state, value, …])."""
        cells = []
        layouts = {}
        ambiguous = []
        for kind, t in ((facts or {}).get("tables") or {}).items():
            layouts[kind] = t.get("layout") or ""
            if t.get("ambiguous"):
                ambiguous.append(kind)
            for key, entry in (t.get("cells") or {}).items():
                row, col = key.split("|", 1)
                value = Decimal(entry[2]) if entry[2] is not None else None
                cells.append(Cell(kind, row, col, entry[0], entry[1], value))
        return cls(cells, layouts, ambiguous)

    def get(self, table: str, row: str, col: str) -> Cell | None:
        return self._cells.get((table, row, col))

    def rows(self, table: str) -> list[str]:
        seen: dict[str, None] = {}
        for t, r, _ in self._cells:
            if t == table:
                seen.setdefault(r, None)
        return list(seen)

    def has(self, table: str) -> bool:
        return any(t == table for t, _, _ in self._cells)

    def layout(self, table: str) -> str | None:
        return self._layouts.get(table)

    def ambiguous(self, table: str) -> bool:
        return table in self._ambiguous

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._cells.values())


@dataclass
class Indicator:
    """One indicator value of one document (see the module docstring).

    ``kind``: ``rate`` (a share of a whole), ``count`` or ``amount`` (one
    printed figure or a sum of them), ``change`` (on last year's report);
    ``source``: ``table`` (the standard or old statistics table) — values
    taken from the narrative are not computed; ``untestable``: why there is
    no value (a missing or blank cell, a denominator of 0, an ambiguous
    table, last year's report not in the run); ``small_sample``: a rate
    whose denominator counts fewer than :data:`SMALL_SAMPLE` applications."""

    indicator: str
    variant: str
    label: str
    kind: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Fraction | None = None
    unit: str = ""
    untestable: str | None = None
    small_sample: bool = False
    cells: list[str] = field(default_factory=list)
    source: str = "table"
    file: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None

    @property
    def value_float(self) -> float | None:
        return float(self.value) if self.value is not None else None

    def row(self) -> dict[str, Any]:
        """The frame row (keys: :data:`INDICATOR_COLUMNS`); numbers as
        printed decimals, the value as an exact fraction ``"171/316"``."""
        return {
            "file": self.file, "agency": self.agency, "year": self.year, "template": self.template,
            "indicator": self.indicator, "variant": self.variant, "label": self.label, "kind": self.kind, "source": self.source,
            "numerator": None if self.numerator is None else str(self.numerator),
            "denominator": None if self.denominator is None else str(self.denominator),
            "value": None if self.value is None else str(self.value),
            "value_float": self.value_float, "unit": self.unit, "untestable": self.untestable, "small_sample": self.small_sample,
            "cells": "; ".join(self.cells),
        }

    def __repr__(self) -> str:
        v = self.untestable and f"untestable ({self.untestable})" or f"{self.value} ≈ {self.value_float:.4g}"
        return f"<Indicator {self.indicator}[{self.variant}] {v}>"
