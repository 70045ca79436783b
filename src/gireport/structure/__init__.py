"""Stage 2 — structure: headings, canonical sections, template and metadata.

``build_outline(document) -> Outline`` reads only the :class:`~gireport.Document`
(its text and blocks); later stages read only the :class:`Outline`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter

import regex as re

from ..document import Document
from .agency import agency_key, clean_agency, link_keys
from .headings import Heading, find_headings
from .metadata import DeclaredOutline, Metadata, extract_metadata, issuer_kind
from .sections import KINDS, Section, classify
from .template import TemplateInfo, detect_template, expected_template

__all__ = [
    "Outline",
    "Paragraph",
    "build_outline",
    "Heading",
    "Section",
    "Metadata",
    "DeclaredOutline",
    "TemplateInfo",
    "KINDS",
    "classify",
    "issuer_kind",
    "expected_template",
    "agency_key",
    "clean_agency",
    "link_keys",
]


@dataclass(frozen=True)
class Paragraph:
    """Body text between headings: a span of the document text."""

    start: int
    end: int
    text: str
    page: int | None = None
    section: str = "unknown"  # canonical kind of the top-level section it sits in


@dataclass
class Outline:
    """A report's structure: its headings, nested sections, template,
    metadata and paragraphs, with look-ups by text offset."""

    headings: list[Heading]
    sections: list[Section]  # top-level sections, each with its children
    template: TemplateInfo
    metadata: Metadata
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: Repairs and doubts the structure stage wants a reader to know about.
    notes: list[str] = field(default_factory=list)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset``."""
        found = None
        level = self.sections
        while (inner := _containing(level, offset)) is not None:
            found = inner
            level = inner.children
        return found

    def kind_at(self, offset: int) -> str:
        return _kind_at(self.sections, offset)


_START = attrgetter("start")


def _containing(level: Sequence[Section], offset: int) -> Section | None:
    """The section of ``level`` containing ``offset``.  The sections of one
    level are ordered and disjoint (each ends at or before the next one's
    start: :func:`_build_tree`), so a binary search finds it: locating every
    claim and verdict stays cheap on a report with thousands of sections."""
    i = bisect_right(level, offset, key=_START) - 1
    if i >= 0 and offset < level[i].end:
        return level[i]
    return None


def _kind_at(sections: Sequence[Section], offset: int) -> str:
    s = _containing(sections, offset)
    if s is not None:
        return s.kind
    return "preamble" if sections and offset < sections[0].start else "unknown"


def _build_tree(headings: list[Heading], body_end: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    for h in headings:
        sec = Section(h.title, h.marker, h.number, h.level, h.start, body_end, h.end, page=h.page)
        while stack and stack[-1].level >= h.level:
            stack.pop().end = h.start
        if stack:
            stack[-1].children.append(sec)
        else:
            # A new top-level section ends every open one.
            roots.append(sec)
        stack.append(sec)
    # Close ends of ancestors properly: a section ends where its next sibling
    # at the same or a higher level starts.
    def close(secs: list[Section], end: int) -> None:
        for i, s in enumerate(secs):
            s.end = secs[i + 1].start if i + 1 < len(secs) else end
            close(s.children, s.end)

    close(roots, body_end)
    return roots


def _drop_appendix_labels(headings: list[Heading], text: str) -> list[Heading]:
    """Row labels of an appended statistics table ("一、主动公开情况" …) look
    like top-level headings when the table is flattened.  After a short
    caption line naming a 统计表/附表, top-level headings that restart the
    numbering at 一 are table labels, not parts of the report."""
    tops = [h for h in headings if h.level == 1 and h.number is not None]
    for i in range(1, len(tops)):
        if tops[i].number == 1 and (tops[i - 1].number or 0) >= 2:
            lo, hi = tops[i - 1].end, tops[i].start
            between = text[lo:hi]
            if "统计表" not in between and "附表" not in between:
                continue  # no caption: the pattern below would scan every position for nothing
            caption = None
            for m in re.finditer(r"[^\n]{0,40}(?:统计表|附表)[^\n]{0,20}", between):
                caption = m
            if caption is None:
                continue
            start = tops[i].start
            return [h for h in headings if h.start < start]
    return headings


def build_outline(doc: Document) -> Outline:
    text = doc.text
    headings = _drop_appendix_labels(find_headings(doc), text)
    # The signature block is not part of the last section's body.
    body_end = len(text)
    sections = _build_tree(headings, body_end)
    for s in sections:
        s.kind = classify(s.title)
    notes: list[str] = []
    sections = _repair(sections, notes)
    kinds = [s.kind for s in sections]
    md = extract_metadata(doc, kinds)
    if md.signature_span and sections and md.signature_span[0] > sections[-1].start:
        # Cut the last section before the signature lines.
        sig_line_start = text.rfind("\n", 0, md.signature_span[0]) + 1
        if md.signature_agency:
            ag = text.rfind(md.signature_agency, sections[-1].body_start, md.signature_span[0])
            if ag >= 0:
                sig_line_start = min(sig_line_start, ag)
        _truncate(sections[-1], sig_line_start)
    template = detect_template(text, md.year, kinds)
    paragraphs = _paragraphs(doc, headings, sections)
    return Outline(headings, sections, template, md, paragraphs, notes)


def _repair(sections: list[Section], notes: list[str]) -> list[Section]:
    """Two repairs for reports whose conversion lost or renumbered headings
    (both seen in real reports converted from PDF).  Each leaves a note.

    * Top-level numbering restarts at 一 while the first run, after its first
      section, holds no standard part: that run was the sub-topics of the
      first section (总体情况), numbered with the top-level style.
    * A top-level number is skipped and the section before the gap ends
      with sub-sections about problems: those sub-sections are the missing
      part, which gets an implied section (``implied=True``, no heading).
    """
    return _fold_statistics_rows(_repair_skipped_number(_repair_restarted_numbering(sections, notes), notes), notes)


def _repair_restarted_numbering(sections: list[Section], notes: list[str]) -> list[Section]:
    """Where the top-level numbering first restarts at 一, read the run
    before it as the first section's sub-sections when that run holds no
    standard part besides the first and what follows does."""
    for i in range(2, len(sections)):
        if sections[i].number == 1 and (sections[i - 1].number or 0) >= 2:
            if not _is_overview_run(sections[:i], sections[i:]):
                return sections
            first_run = sections[:i]
            head = first_run[0]
            for s in first_run[1:]:
                _demote(s)
                head.children.append(s)
            head.end = sections[i].start
            notes.append(
                f"top-level numbering restarts at 一 after {first_run[-1].marker}: "
                f"{first_run[1].marker}…{first_run[-1].marker} read as sub-sections of {head.heading}"
            )
            return [head] + sections[i:]
    return sections


def _is_overview_run(first_run: list[Section], rest: list[Section]) -> bool:
    """Whether ``first_run`` (the sections before the numbering restarts)
    is an overview with its sub-topics numbered like parts: it opens with
    the overview, holds an unknown section and nothing beyond the first
    parts' kinds, and a standard part follows the restart."""
    return (
        first_run[0].kind == "overview"
        and all(s.kind in ("unknown", "overview", "proactive", "on_request") for s in first_run[1:])
        and any(s.kind == "unknown" for s in first_run[1:])
        and any(s.kind in ("proactive", "on_request", "review_litigation") for s in rest)
    )


def _repair_skipped_number(sections: list[Section], notes: list[str]) -> list[Section]:
    """After a section followed by a skipped top-level number, add the
    missing part as an implied section when the section ends with
    sub-sections about problems and the report has no such part."""
    out: list[Section] = []
    for i, s in enumerate(sections):
        out.append(s)
        nxt = sections[i + 1] if i + 1 < len(sections) else None
        if nxt is None or s.number is None or nxt.number is None or nxt.number - s.number != 2:
            continue
        k = _problems_tail(s, sections)
        if k is None:
            continue
        moved = s.children[k:]
        del s.children[k:]
        implied = Section("", "", s.number + 1, s.level, moved[0].start, s.end, moved[0].start, kind="problems", page=moved[0].page, children=moved, implied=True)
        s.end = moved[0].start
        out.append(implied)
        notes.append(
            f"no heading for part {_CN_NUM.get(s.number + 1, s.number + 1)}: sub-sections {moved[0].heading!r}… "
            f"read as its content (kind problems)"
        )
    return out


def _fold_statistics_rows(sections: list[Section], notes: list[str]) -> list[Section]:
    """An old statistics table printed as lines of text numbers its rows
    like parts ("八、政府信息公开情况统计表" then "一、主动公开情况",
    "二、回应解读情况" …): the run numbered from 一 right after the part that
    holds the table is the table's rows, read as its sub-sections (a part
    numbered on from the table's, "九、…", stays a part)."""
    for i, stats in enumerate(sections[:-1]):
        if stats.kind != "statistics" or sections[i + 1].number != 1 or (stats.number or 0) < 2:
            continue
        k = i + 1
        while k < len(sections) and sections[k].number == k - i:
            k += 1
        rows = sections[i + 1 : k]
        for r in rows:
            _demote(r)
            stats.children.append(r)
        stats.end = rows[-1].end
        notes.append(
            f"numbering restarts at 一 after {stats.marker} (the statistics table): "
            f"{rows[0].marker}…{rows[-1].marker} read as the table's rows"
        )
        return sections[: i + 1] + sections[k:]
    return sections


def _problems_tail(s: Section, sections: list[Section]) -> int | None:
    """Where the sub-sections about problems that end ``s`` begin (the
    index of the first), or None when ``s`` does not end with them or the
    report already has a part on problems."""
    tail = [c for c in s.children if classify(c.title) == "problems"]
    if not tail or "problems" in [x.kind for x in sections]:
        return None
    k = s.children.index(tail[0])
    if any(classify(c.title) != "problems" for c in s.children[k:]):
        return None
    return k


_CN_NUM = dict(enumerate("零一二三四五六七八九十"))


def _demote(s: Section) -> None:
    s.level += 1
    s.kind = "unknown"
    for c in s.children:
        _demote(c)


def _truncate(sec: Section, end: int) -> None:
    if end <= sec.body_start:
        return
    sec.end = end
    for c in sec.children:
        if c.end > end:
            _truncate(c, end)


def _paragraphs(doc: Document, headings: list[Heading], sections: list[Section]) -> list[Paragraph]:
    """Body text of every paragraph block with heading spans cut out."""
    text = doc.text
    out: list[Paragraph] = []
    hi = 0
    hs = sorted(headings, key=lambda h: h.start)

    for b in doc.blocks:
        if b.kind == "table":
            continue
        pos = b.start
        while hi < len(hs) and hs[hi].end <= b.start:
            hi += 1
        j = hi
        pieces: list[tuple[int, int]] = []
        while j < len(hs) and hs[j].start < b.end:
            if hs[j].start > pos:
                pieces.append((pos, hs[j].start))
            pos = max(pos, hs[j].end)
            j += 1
        if pos < b.end:
            pieces.append((pos, b.end))
        for s, e in pieces:
            # Paragraph text is one logical line; split multi-line blocks.
            seg = text[s:e]
            off = s
            for line in seg.split("\n"):
                ls = off
                off += len(line) + 1
                stripped = line.strip()
                if not stripped:
                    continue
                lead = len(line) - len(line.lstrip())
                out.append(Paragraph(ls + lead, ls + lead + len(stripped), stripped, b.page, _kind_at(sections, ls)))
    return out
