"""Stage 3 — claims: numbers in the report and what they assert.

``extract(report)`` reads the Document text and the Outline's paragraphs and
returns a :class:`Claims` bundle: every claim, and coverage figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from ..numbers import Number
from .extract import compatible_units, declared_parts, extract_claims, unit_family
from .model import CLAIM_TYPES, Breakdown, Change, Claim, Enumeration, Item, Share, Zero

__all__ = [
    "Claims",
    "extract",
    "Claim",
    "Share",
    "Breakdown",
    "Enumeration",
    "Change",
    "Zero",
    "Item",
    "CLAIM_TYPES",
    "compatible_units",
    "unit_family",
]


@dataclass
class Claims(Sequence[Claim]):
    """All claims of a report, in text order, with coverage figures (numbers
    found, numbers that are quantities, claims by type, claims whose whole
    is unresolved).  A sequence: ``len(claims)``, ``claims[0]``,
    ``claims[:3]`` (a list), iteration, ``in``."""

    items: list[Claim] = field(default_factory=list)
    #: Every number found in the narrative (quantities and non-quantities).
    found: list[Number] = field(default_factory=list)

    @property
    def numbers(self) -> int:
        return len(self.found)

    @property
    def quantities(self) -> int:
        return sum(1 for n in self.found if n.is_quantity)

    def of(self, kind: type[Claim] | str) -> list[Claim]:
        name = kind if isinstance(kind, str) else kind.type
        return [c for c in self.items if c.type == name]

    @property
    def coverage(self) -> dict[str, Any]:
        by_type = {t: 0 for t in CLAIM_TYPES}
        for c in self.items:
            by_type[c.type] += 1
        unresolved = sum(1 for c in self.items if isinstance(c, Share) and not c.resolved)
        return {"numbers": self.numbers, "quantities": self.quantities, "claims": by_type, "unresolved_shares": unresolved}

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, i: int) -> Claim: ...
    @overload
    def __getitem__(self, i: slice) -> list[Claim]: ...
    def __getitem__(self, i: int | slice) -> Claim | list[Claim]:
        return self.items[i]

    def __repr__(self) -> str:
        cov = self.coverage
        parts = ", ".join(f"{k}={v}" for k, v in cov["claims"].items() if v)
        return f"<Claims {len(self.items)} ({parts}); numbers={self.numbers} quantities={self.quantities}>"


def extract(text: str, paragraphs: list[Any], declared: Any = None) -> Claims:
    """Claims of the narrative ``paragraphs``; ``declared`` is the preamble's
    declared outline (``Outline.metadata.declared``), read as an enumeration."""
    items, found = extract_claims(text, paragraphs)
    items = declared_parts(text, declared) + items
    items.sort(key=lambda c: (c.start, c.type))
    return Claims(items, found)
