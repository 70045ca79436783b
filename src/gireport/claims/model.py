"""Typed numeric claims.

A claim ties printed numbers together by what the sentence asserts: a share of
a whole, a total and its parts, a stated count and the items listed, a change
from last year, or an explicit "nothing happened".  Every claim keeps the
:class:`~gireport.numbers.Number` objects it was built from (printed text,
span, interval), the span of the sentence it sits in, and the section kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from ..numbers import Number

__all__ = ["Claim", "Share", "Breakdown", "Enumeration", "Change", "Zero", "Item", "CLAIM_TYPES"]


def _num(n: Number | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {"text": n.text, "value": str(n.value), "unit": n.unit, "start": n.start, "end": n.end, "approx": n.approx}


def _t(n: Number | None) -> str:
    """A number's printed text for a repr ("?" when missing)."""
    return n.text if n is not None else "?"


def _short(s: str, n: int = 24) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _seq(parts: list[str], sep: str, limit: int = 6) -> str:
    if len(parts) > limit:
        return sep.join(parts[: limit - 1]) + f"{sep}… (+{len(parts) - limit + 1})"
    return sep.join(parts)


@dataclass
class Claim:
    """Common fields: ``start``/``end`` span the sentence (or sentences) the
    claim was read from; ``subject`` is the noun phrase it counts; ``section``
    the canonical kind of the top-level section."""

    type: ClassVar[str] = "claim"
    start: int
    end: int
    subject: str | None = None
    section: str = "unknown"

    @property
    def numbers(self) -> list[Number]:
        return []

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "start": self.start, "end": self.end, "subject": self.subject, "section": self.section}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.start}:{self.end}] {self.section}>"


def _get_subject(self: Claim) -> str | None:
    v = self.__dict__.get("_subject")
    if v is not None and not isinstance(v, str):  # a LazySubject: segmented on first use
        v = v.resolve()
        self.__dict__["_subject"] = v
    return v


def _set_subject(self: Claim, value: Any) -> None:
    self.__dict__["_subject"] = value


#: ``subject`` is read through a property: it may be given as a
#: :class:`~gireport.claims.subject.LazySubject`, resolved when first read.
Claim.subject = property(_get_subject, _set_subject)  # type: ignore[assignment]


@dataclass
class Share(Claim):
    """``part`` is ``percent`` of a whole.  The whole is a printed number
    (``whole``), or the sum of a breakdown's parts (``whole_value``), or
    unresolved (``whole_source == "unresolved"``) — then the claim cannot be
    checked and the auditor counts it untestable."""

    type: ClassVar[str] = "share"
    percent: Number | None = None
    part: Number | None = None
    whole: Number | None = None
    whole_value: Decimal | None = None
    #: explicit | breakdown | parts-total | parts-sum | scope | context | unresolved
    whole_source: str = "unresolved"
    whole_note: str = ""
    #: other plausible wholes (a share is consistent when any reading fits).
    alt_wholes: list[Number] = field(default_factory=list)
    #: the listed counts whose sum is the part ("…29件,…5件,合计占51.5%"):
    #: ``part`` then stands for their sum (value and span of the run).
    summed: list[Number] = field(default_factory=list)
    #: other plausible parts: the sum of a 、-joined list of counts the part
    #: closes, when the share follows the list after a comma ("同意公开60件、
    #: 部分公开12件,占办结总数150件的48.0%").
    alt_parts: list[Number] = field(default_factory=list)
    #: the whole named in words after 占 ("占全部答复的" → "答复"), if any.
    whole_named: str = ""

    @property
    def resolved(self) -> bool:
        return self.whole is not None or self.whole_value is not None

    @property
    def whole_exact(self) -> Decimal | None:
        if self.whole is not None:
            return self.whole.value
        return self.whole_value

    @property
    def numbers(self) -> list[Number]:
        return [n for n in (self.part, self.percent, self.whole) if n is not None]

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(
            percent=_num(self.percent),
            part=_num(self.part),
            whole=_num(self.whole),
            whole_value=str(self.whole_value) if self.whole_value is not None else None,
            whole_source=self.whole_source,
            whole_note=self.whole_note,
        )
        return d

    def __repr__(self) -> str:
        if self.whole is not None:
            whole = self.whole.text
        elif self.whole_value is not None:
            whole = f"{self.whole_value}(sum)"
        else:
            whole = "?"
        return f"<Share {_t(self.part)} = {_t(self.percent)} of {whole} [{self.whole_source}]>"


@dataclass
class Breakdown(Claim):
    """A total and its parts ("总数3521条。其中…2304条,…1217条").  ``shares``
    runs parallel to ``parts`` (None where a part has no share).  ``complete``
    is True when the text signals that the parts cover the total (the parts
    are introduced by 分别, end with 其他/其余, carry shares, or exceed it)."""

    type: ClassVar[str] = "breakdown"
    total: Number | None = None
    parts: list[Number] = field(default_factory=list)
    shares: list[Number | None] = field(default_factory=list)
    complete: bool = False
    cue: str = ""
    #: the parts may overlap (counts per publication channel): their sum may
    #: exceed the total.
    overlap: bool = False
    #: ``complete`` rests on the shape of the list (three or more parallel
    #: parts closing the sentence), not on a word of the text.
    inferred: bool = False
    #: the total is not stated with the list but read from the text before
    #: it (a classification "按申请方式分,…" of a count stated earlier): a
    #: contradiction rests on that reading.
    total_inferred: bool = False
    #: how the reading was made (for messages and reviewers).
    note: str = ""

    @property
    def numbers(self) -> list[Number]:
        return ([self.total] if self.total else []) + list(self.parts)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(
            total=_num(self.total),
            parts=[_num(p) for p in self.parts],
            shares=[_num(s) for s in self.shares],
            complete=self.complete,
            cue=self.cue,
        )
        return d

    def __repr__(self) -> str:
        parts = _seq([p.text for p in self.parts], " + ")
        flag = "complete" if self.complete else "partial"
        cue = f", {self.cue}" if self.cue else ""
        return f"<Breakdown {_t(self.total)} = {parts or '?'} [{flag}{cue}]>"


@dataclass(frozen=True)
class Item:
    """One item of an enumeration, with its span in the report text."""

    text: str
    start: int
    end: int

    def __repr__(self) -> str:
        return f"<Item {_short(self.text)!r} [{self.start}:{self.end}]>"


@dataclass
class Enumeration(Claim):
    """A stated count and the items listed ("八项具体制度" after eight 《…》)."""

    type: ClassVar[str] = "enumeration"
    count: Number | None = None
    items: list[Item] = field(default_factory=list)
    style: str = ""  # titles | list | markers | parenthetical | parts

    @property
    def numbers(self) -> list[Number]:
        return [self.count] if self.count else []

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(count=_num(self.count), items=[{"text": i.text, "start": i.start, "end": i.end} for i in self.items], style=self.style)
        return d

    def __repr__(self) -> str:
        items = _seq([_short(i.text, 12) for i in self.items], "、", 4)
        style = f" [{self.style}]" if self.style else ""
        return f"<Enumeration {_t(self.count)}: {len(self.items)} listed ({items}){style}>"


@dataclass
class Change(Claim):
    """A year-on-year statement.  ``direction`` is +1 (增加/增长/提高/上升) or
    -1 (减少/下降/降低); ``delta`` an absolute change, ``rate`` a percentage
    change, ``points`` a change in percentage points."""

    type: ClassVar[str] = "change"
    direction: int = 1
    after: Number | None = None
    before: Number | None = None
    delta: Number | None = None
    rate: Number | None = None
    points: Number | None = None
    cue: str = ""
    #: other plausible readings of this year's value (the main total of the
    #: clause before its 其中 list, or the nearest count of that list); a
    #: rule fails only when no reading fits
    alt_afters: list[Number] = field(default_factory=list)

    @property
    def base_stated(self) -> bool:
        """Last year's value is printed (otherwise a rate can only be checked
        from this year's value and the absolute change)."""
        return self.before is not None

    @property
    def numbers(self) -> list[Number]:
        return [n for n in (self.after, self.before, self.delta, self.rate, self.points) if n is not None]

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(
            direction=self.direction,
            after=_num(self.after),
            before=_num(self.before),
            delta=_num(self.delta),
            rate=_num(self.rate),
            points=_num(self.points),
            cue=self.cue,
        )
        return d

    def __repr__(self) -> str:
        bits = [f"{k} {getattr(self, k).text}" for k in ("before", "after", "delta", "rate", "points") if getattr(self, k) is not None]
        sign = "+" if self.direction >= 0 else "-"
        return f"<Change {self.cue or '?'} ({sign}): {', '.join(bits) or 'no numbers'}>"


@dataclass
class Zero(Claim):
    """An explicit nothing-happened statement ("没有发生…行政复议").
    ``topics`` lists what it denies: review, litigation, fees, applications,
    complaints."""

    type: ClassVar[str] = "zero"
    topics: tuple[str, ...] = ()
    cue: str = ""
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(topics=list(self.topics), cue=self.cue, text=self.text)
        return d

    def __repr__(self) -> str:
        return f"<Zero {self.cue or '?'}: {', '.join(self.topics) or '-'}>"


CLAIM_TYPES = {c.type: c for c in (Share, Breakdown, Enumeration, Change, Zero)}
