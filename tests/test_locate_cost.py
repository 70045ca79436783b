"""Locating an offset — its section, its page, the paragraphs of a section —
reads a logarithmic number of items, not every section, page or paragraph:
every claim and verdict is located, so on a report with thousands of
sections a scan per lookup would make the audit quadratic.  Work is counted
(items read), not timed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gireport.audit.rules.structure import _paragraphs_in
from gireport.document import Document, Source
from gireport.structure import Outline, Paragraph, Section

N = 4096
LOOKUPS = 200
#: Items one lookup may read: a binary search over N items reads about
#: log2(N) = 12; a scan reads N / 2 on average.
BUDGET = 3 * 12 + 4


class _Counted(Sequence[Any]):
    """A read-only sequence that counts the items read from it."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.reads = 0

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return self.items[i]
        self.reads += 1
        return self.items[i]


def _section(i: int, kind: str = "unknown") -> Section:
    return Section(title=f"第{i}部分", marker="", number=i, level=1, start=10 * i, end=10 * i + 10, body_start=10 * i + 2, kind=kind)


def _offsets() -> list[int]:
    return [(k * 7919) % (10 * N) for k in range(LOOKUPS)]


def test_the_section_at_an_offset_is_found_by_binary_search():
    sections = _Counted([_section(i, kind="proactive" if i % 2 else "on_request") for i in range(N)])
    outline = Outline(headings=[], sections=sections, template=None, metadata=None)  # type: ignore[arg-type]
    for off in _offsets():
        assert outline.kind_at(off) == ("proactive" if (off // 10) % 2 else "on_request")
        assert outline.section_at(off) is sections.items[off // 10]
    assert sections.reads <= 2 * LOOKUPS * BUDGET, sections.reads
    assert outline.kind_at(10 * N + 5) == "unknown"


def test_a_page_is_found_by_binary_search():
    starts = _Counted([(100 * i, i + 1) for i in range(N)])
    doc = Document(text="", blocks=[], tables=[], source=Source(path=None, format="pdf", sha256="", size=0), page_starts=starts)  # type: ignore[arg-type]
    for off in _offsets():
        assert doc.page_at(off) == off // 100 + 1
    assert starts.reads <= LOOKUPS * BUDGET, starts.reads


def test_the_paragraphs_of_a_section_are_found_by_binary_search():
    paragraphs = _Counted([Paragraph(start=10 * i, end=10 * i + 8, text="段落") for i in range(N)])
    for off in _offsets():
        got = _paragraphs_in(paragraphs, off, off + 35)  # type: ignore[arg-type]
        assert [p.start for p in got] == [s for s in range(0, 10 * N, 10) if off <= s < off + 35]
    assert paragraphs.reads <= 2 * LOOKUPS * BUDGET, paragraphs.reads
