"""Text normalisation shared by every loader.

Every span gireport reports is an offset into the *normalised* text, so the
normalisation is defined once, here:

* circled list markers (①, ⑴, ❶) become "(1)"; then
* Unicode NFKC (full-width digits and letters become ASCII, ``（一）`` becomes
  ``(一)``, the ideographic space becomes a space);
* quote variants unified to the curly pairs “” ‘’ (corner brackets included),
  dashes unified (hyphen-like characters become ``-``, long dashes ``—``);
* whitespace: runs collapse to one space, and a space next to a CJK character
  or CJK punctuation is dropped (PDF extraction and hand-typed reports put
  spaces in "2023 年", "邮 编 ："), while a space between two ASCII tokens
  ("1 2 3" in a flattened table row) is kept.

:func:`join_lines` re-joins hard-wrapped lines the way Chinese needs: no space
is inserted between CJK characters, and a number is never split.
"""

from __future__ import annotations

import re
import unicodedata

import regex
from collections.abc import Iterable, Sequence
from . import lazyre

__all__ = [
    "normalize",
    "normalize_chars",
    "normalize_spaces",
    "is_cjk",
    "join_lines",
    "display_width",
    "line_of",
    "sentence_span",
    "context_lines",
    "context_segments",
    "HEADING_START_RE",
]

# Double quotes: “ ” „ ‟ 「 」 『 』 〝 〞 ＂ → “ / ” pairs are kept distinct
# from ASCII so that Chinese text stays readable; every *variant* maps to the
# curly pair.  Corner brackets are quotation marks in Chinese typography.
_QUOTES = {
    "„": "“",
    "‟": "“",
    "〝": "“",
    "〞": "”",
    "「": "“",
    "」": "”",
    "『": "“",
    "』": "”",
    "‚": "‘",
    "‛": "‘",
    "\u2032": "'",
    "\u2033": '"',
}
_DASHES = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2212": "-",  # minus sign
    "\ufe63": "-",
    "\u2014": "—",  # em dash
    "\u2015": "—",  # horizontal bar
    "\u2500": "—",  # box drawing light horizontal (used as a dash in PDFs)
    "\u2501": "—",
    "\u30fc": "—",  # katakana long vowel mark, a common OCR/typing substitute
}
# Circled and parenthesised numbers are list markers; NFKC would turn "①" into
# a bare "1" glued to the text, so they become "(1)" first.
_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}
_CIRCLED.update({chr(0x2474 + i): f"({i + 1})" for i in range(20)})  # ⑴…⒇
_CIRCLED.update({chr(0x2776 + i): f"({i + 1})" for i in range(10)})  # ❶…❿
_PRE = str.maketrans(_CIRCLED)
_TRANS = str.maketrans({**_QUOTES, **_DASHES, "\u00a0": " ", "\u200b": "", "\ufeff": "", "\u00ad": ""})

# CJK ideographs, CJK punctuation and full-width forms that survive NFKC.
_CJK_CLASS = (
    "\u2e80-\u2fdf"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation (、。〈〉《》【】〔〕 ...)
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf"  # extension A
    "\u4e00-\u9fff"  # unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\ufe30-\ufe4f"  # compatibility forms
    "\u2018-\u201f"  # curly quotes, used as CJK punctuation here
    "\u2014\u2026\u00b7"  # — … ·
)
# Classes of wide Unicode ranges are compiled with the regex module: re's
# compiler walks every code point of a range (milliseconds per pattern at
# start-up), regex takes the range whole.
_CJK_RE = lazyre.compile(f"[{_CJK_CLASS}]")
_SPACE_RUN_RE = lazyre.compile_std(r"[ \t\r\f\v]+")
# A space with a CJK character on at least one side, a space after an opening
# bracket or a colon-like mark, or a space before a closing or separating mark
# (NFKC turns the full-width forms of these into ASCII).  A space after "," or
# "." is kept: "1, 234" must not become the number "1,234".
_SPACE_CJK_RE = lazyre.compile(rf"(?<=[{_CJK_CLASS}:;?!(\[]) | (?=[{_CJK_CLASS},.;:?!)\]%‰])")

#: A line that starts with a heading marker (一、 (一) 1、 1. (1) 第一部分 ...).
HEADING_START_RE = lazyre.compile_std(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|\d{1,2}\s*[、.．](?!\d)|[(（]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}部分)"
)


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph or CJK punctuation character."""
    return bool(_CJK_RE.match(ch))


def normalize_chars(text: str) -> str:
    """The character-level half of :func:`normalize`: circled markers, NFKC,
    quotes and dashes, line ends.  Idempotent; a loader may apply it to a
    whole file once and then only :func:`normalize_spaces` per block."""
    if not text:
        return ""
    if _PRE_RE.search(text):
        text = text.translate(_PRE)
    text = _nfkc(text)
    if _TRANS_RE.search(text):
        text = _TRANS_RE.sub(_trans_one, text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Unified ideographs (and extension A) have no compatibility decomposition and
# never compose with a neighbour, so NFKC of a text is NFKC of the runs between
# them; Chinese text is mostly such ideographs, and skipping them is several
# times faster than normalising the whole text.
_NOT_IDEOGRAPHS_RE = lazyre.compile_std(r"[^\u3400-\u4dbf\u4e00-\u9fff]+")


def _nfkc_run(m: re.Match[str]) -> str:
    s = m.group()
    return s if s.isascii() else unicodedata.normalize("NFKC", s)


def _nfkc(text: str) -> str:
    if text.isascii():
        return text
    return _NOT_IDEOGRAPHS_RE.sub(_nfkc_run, text)


_PRE_RE = lazyre.compile_std("[" + "".join(_CIRCLED) + "]")
_TRANS_TABLE = {**_QUOTES, **_DASHES, "\u00a0": " ", "\u200b": "", "\ufeff": "", "\u00ad": ""}
_TRANS_RE = lazyre.compile_std("[" + re.escape("".join(_TRANS_TABLE)) + "]")


def _trans_one(m: re.Match[str]) -> str:
    return _TRANS_TABLE[m.group()]


def normalize(text: str) -> str:
    """Normalise one block of text (no newlines are added or removed except
    that CR/CRLF become LF)."""
    return normalize_spaces(normalize_chars(text))


def normalize_spaces(text: str) -> str:
    """The whitespace half of :func:`normalize`: runs of spaces collapse, a
    space next to a CJK character goes."""
    if " " not in text and "\t" not in text and "\f" not in text and "\v" not in text:
        return text  # nothing to collapse or drop (most Chinese text)
    lines = []
    for line in text.split("\n"):
        if " " in line or "\t" in line or "\f" in line or "\v" in line:
            line = _SPACE_RUN_RE.sub(" ", line)
            line = _SPACE_CJK_RE.sub("", line).strip()
        lines.append(line)
    return "\n".join(lines)


_WIDE_RE = lazyre.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


# ------------------------------------------------------------ evidence context
_STOPS = "。!?;\n"


def sentence_span(text: str, start: int, end: int, limit: int = 120) -> tuple[int, int, bool, bool]:
    """The sentence around ``text[start:end]``: (lo, hi, clipped_left,
    clipped_right).  A sentence ends at 。!?; or a line break; at most
    ``limit`` characters are taken on either side."""
    lo = start
    floor = max(0, start - limit)
    while lo > floor and text[lo - 1] not in _STOPS:
        lo -= 1
    clipped_left = lo > 0 and text[lo - 1] not in _STOPS
    hi = end
    ceil = min(len(text), end + limit)
    if not (end > start and text[end - 1] in _STOPS):
        while hi < ceil:
            hi += 1
            if text[hi - 1] in _STOPS:
                break
    clipped_right = hi < len(text) and text[hi - 1] not in _STOPS
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi, clipped_left, clipped_right


def context_lines(text: str, spans: Sequence[tuple[int, int]], width: int = 50, max_lines: int = 3) -> list[str]:
    """The lines of ``text`` holding ``spans``, each cut to ``width``
    characters around its spans, the spans marked «…» — what the linter-style
    text output prints under a finding."""
    by_line: dict[int, list[tuple[int, int]]] = {}
    for a, b in spans:
        ls = text.rfind("\n", 0, a) + 1
        by_line.setdefault(ls, []).append((a, b))
    out = []
    for ls in sorted(by_line)[:max_lines]:
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        found = sorted(set(by_line[ls]))
        lo = max(ls, found[0][0] - width)
        hi = min(le, max(e for _, e in found) + width)
        if hi - lo > 4 * width:  # evidence far apart on one long line
            hi = min(le, found[0][1] + width)
        pieces, pos = [], lo
        for a, b in found:
            if a < pos or b > hi:
                continue
            pieces.append(text[pos:a])
            pieces.append("«" + text[a:b] + "»")
            pos = b
        pieces.append(text[pos:hi])
        snippet = "".join(pieces).replace("\t", " ")
        out.append(("…" if lo > ls else "") + snippet + ("…" if hi < le else ""))
    return out


def _marked_segments(text: str, lo: int, hi: int, spans: Iterable[tuple[int, int]]) -> list[list[object]]:
    """``text[lo:hi]`` as ``[piece, marked]`` segments, each span marked (an
    empty span, a blank cell, as an empty marked segment)."""
    merged: list[list[int]] = []
    for a, b in sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out: list[list[object]] = []
    pos = lo
    for a, b in merged:
        if b <= a:
            out += [[text[pos:a], False], ["", True]]
            pos = a
            continue
        out += [[text[pos:a], False], [text[a:b], True]]
        pos = b
    out.append([text[pos:hi], False])
    return [s for s in out if s[0] or s[1]]


class _Group:
    """The sentence around one or more evidence spans (see
    :func:`context_segments`): its bounds, whether it was cut on either
    side, and the spans it holds."""

    __slots__ = ("clipped_left", "clipped_right", "hi", "lo", "spans")

    def __init__(self, lo: int, hi: int, clipped_left: bool, clipped_right: bool, spans: list[tuple[int, int]]) -> None:
        self.lo, self.hi = lo, hi
        self.clipped_left, self.clipped_right = clipped_left, clipped_right
        self.spans = spans


def context_segments(text: str, spans: Sequence[tuple[int, int]], *, width: int = 40, full: int = 200, max_blocks: int = 8) -> list[list[list[object]]]:
    """Each sentence holding one of ``spans``, in text order, as a list of
    ``[piece, marked]`` segments (an ellipsis where a sentence is cut).
    Clauses that follow each other make one block; a sentence longer than
    ``full`` characters is cut to ``width`` characters around each cluster
    of spans; after ``max_blocks`` blocks one more block says how many were
    left out (``[["… N more", False]]``)."""
    joined = _join_adjacent(_sentence_groups(text, spans))
    blocks = [_block(text, g, _windows(g, width, full)) for g in joined[:max_blocks]]
    if len(joined) > max_blocks:
        blocks.append([[f"… {len(joined) - max_blocks} more", False]])
    return blocks


def _sentence_groups(text: str, spans: Sequence[tuple[int, int]]) -> list[_Group]:
    """The sentences around ``spans`` (clamped to the text), in text
    order, each with the spans it holds; a span inside a sentence already
    found joins it."""
    n = len(text)
    groups: list[_Group] = []
    for a, b in sorted(spans):
        a, b = max(0, min(a, n)), max(0, min(b, n))
        for g in groups:
            if g.lo <= a and b <= g.hi:
                g.spans.append((a, b))
                break
        else:
            lo, hi, cl, cr = sentence_span(text, a, b, 600)
            groups.append(_Group(lo, hi, cl, cr, [(a, b)]))
    groups.sort(key=lambda g: g.lo)
    return groups


def _join_adjacent(groups: list[_Group]) -> list[_Group]:
    """Sentences that follow each other (at most one character apart, 400
    characters together at the most) made one group."""
    joined: list[_Group] = []
    for g in groups:
        prev = joined[-1] if joined else None
        if prev is not None and 0 <= g.lo - prev.hi <= 1 and g.hi - prev.lo <= 400:
            prev.hi, prev.clipped_right = max(prev.hi, g.hi), g.clipped_right
            prev.spans.extend(g.spans)
        else:
            joined.append(g)
    return joined


def _windows(g: _Group, width: int, full: int) -> list[tuple[int, int]]:
    """The stretches of ``g`` to show: all of it when it is at most
    ``full`` characters long, else ``width`` characters around each
    cluster of its spans."""
    if g.hi - g.lo <= full:
        return [(g.lo, g.hi)]
    clusters: list[list[int]] = []
    for a, b in sorted(g.spans):
        if clusters and a - clusters[-1][1] <= 2 * width + 20:
            clusters[-1][1] = max(clusters[-1][1], b)
        else:
            clusters.append([a, b])
    return [(max(g.lo, a - width), min(g.hi, b + width)) for a, b in clusters]


def _block(text: str, g: _Group, windows: list[tuple[int, int]]) -> list[list[object]]:
    """The segments of one block: each window's text with its spans
    marked, an ellipsis where the window or sentence is cut."""
    segs: list[list[object]] = []
    for i, (wlo, whi) in enumerate(windows):
        left = "…" if (wlo > g.lo or g.clipped_left) and i == 0 else ""
        right = "…" if whi < g.hi or g.clipped_right else ""
        lead = ("" if i == 0 else " ") + left
        if lead:
            segs.append([lead, False])
        segs += _marked_segments(text, wlo, whi, g.spans)
        if right:
            segs.append([right, False])
    return segs


def display_width(s: str) -> int:
    """Width in half-width cells: a wide (CJK) character counts two."""
    return len(s) + len(_WIDE_RE.findall(s))


def _glue(a: str, b: str) -> str:
    """Join two wrapped line fragments: no space unless both sides are Latin
    letters (an English word broken at a line end keeps its separation)."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


_SENTENCE_END = "。！？!?;；:：”\"》)）"


def join_lines(lines: Sequence[str], breaks: Iterable[bool] | None = None) -> list[str]:
    """Re-join hard-wrapped lines into paragraphs.

    ``breaks`` may give, per line, whether a paragraph ends after it (a PDF
    loader knows this from the line's right edge).  Without it the wrap width
    is inferred: when a clear majority of long lines share one width, the text
    is hard-wrapped and a line at (nearly) that width continues into the next,
    unless the next line starts a heading.  Text whose lines vary in length
    (one paragraph per line) is returned line by line.
    """
    lines = [ln.strip() for ln in lines]
    if breaks is None:
        breaks_list = _infer_breaks(lines)
    else:
        breaks_list = list(breaks)
    out: list[str] = []
    cur = ""
    for i, line in enumerate(lines):
        if not line:
            if cur:
                out.append(cur)
                cur = ""
            continue
        if cur and HEADING_START_RE.match(line):
            out.append(cur)
            cur = ""
        cur = _glue(cur, line) if cur else line
        if breaks_list[i]:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _infer_breaks(lines: Sequence[str]) -> list[bool]:
    widths = [display_width(ln) for ln in lines]
    long = sorted(w for w in widths if w >= 20)
    if len(long) < 4:
        return [True] * len(lines)
    # The wrap width: the 80th percentile of long lines.  The text counts as
    # hard-wrapped when at least half of the long lines sit within 12% of it.
    wrap = long[int(len(long) * 0.8) - 1 if len(long) > 1 else 0]
    near = sum(1 for w in long if w >= wrap * 0.88)
    if wrap > 160 or near < len(long) * 0.5:
        return [True] * len(lines)
    out = []
    for i, (line, w) in enumerate(zip(lines, widths)):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        cont = (
            w >= wrap * 0.85
            and bool(nxt)
            and not HEADING_START_RE.match(nxt)
            and not nxt.startswith("|")
            and not line.startswith("|")
            and not (line[-1] in "。！？" and w < wrap * 0.93)
        )
        out.append(not cont)
    return out
