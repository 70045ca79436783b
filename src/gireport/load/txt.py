"""Plain text and Markdown.

Decoding never guesses silently: UTF-8 (with or without BOM) and UTF-16 with a
BOM are taken as they are; otherwise GB18030 (a superset of GBK and GB2312) is
tried and accepted only when the result reads like Chinese, measured by the
share of the 3,755 most common characters (GB2312 level 1) among the Chinese
characters.  Text that was already garbled before it was saved as UTF-8
(GBK bytes shown as UTF-8 and saved again, "鏀垮簻淇℃伅") is repaired when the
repair is exact, and refused otherwise.

A table in plain text is read from its columns: cells are separated by a
tab or two or more spaces, and when the lines are aligned on the page (in
display columns, a CJK character two wide) a row that leaves cells blank
keeps its values under their columns, with blank cells where the wide gaps
are (see :func:`_place_blanks`); in a tab-separated table with the same
number of fields on every line, an empty field is a blank cell in its
column; rows that do not line up keep their cells in order.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import regex
from functools import lru_cache

from ..document import Document, DocumentBuilder, RawCell, Source
from ..errors import DecodeError, UnsupportedFormatError
from ..text import join_lines, normalize_chars
from .. import lazyre

__all__ = ["load_text", "decode_text"]


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 hanzi of GB2312 (rows 0xB0–0xD7), each row decoded
    at once, character by character only where a row has unassigned codes."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        row = bytes(b for lo in range(0xA1, 0xFF) for b in (hi, lo))
        try:
            chars.update(row.decode("gb2312"))
        except UnicodeDecodeError:
            for lo in range(0xA1, 0xFF):
                try:
                    chars.add(bytes((hi, lo)).decode("gb2312"))
                except UnicodeDecodeError:
                    pass
    return frozenset(chars)


_HAN_RE = lazyre.compile("[\u3400-\u9fff\uf900-\ufaff]")  # regex: a wide range compiles at once
_CTRL_RE = lazyre.compile_std("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _hanzi_stats(text: str, limit: int = 800) -> tuple[int, float]:
    """(number of CJK ideographs sampled, share of them that are common)."""
    common = _common_hanzi()
    chars = _HAN_RE.findall(text, 0, 4 * limit)  # usually enough; else the first 40,000 characters
    if len(chars) < limit:
        chars = _HAN_RE.findall(text, 0, 40000)
    chars = chars[:limit]
    if not chars:
        return 0, 1.0
    hits = sum(1 for ch in chars if ch in common)
    return len(chars), hits / len(chars)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CTRL_RE.findall(sample)) / len(sample)


def _repair_mojibake(text: str) -> str | None:
    """Undo GBK-read-as-UTF-8 garbling when the round trip is exact."""
    for enc in ("gb18030", "gbk"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        n, share = _hanzi_stats(fixed)
        if n >= 5 and share >= 0.8:
            return fixed
    return None


def decode_text(data: bytes, label: str) -> tuple[str, str]:
    """Decode report text; return ``(text, encoding)`` or raise a typed error."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), enc, label), enc
            except UnicodeDecodeError as e:
                raise DecodeError(label, f"starts with a {enc} byte-order mark but is not valid {enc} ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:4096]:
        # UTF-16 without BOM puts a NUL in every other byte of ASCII text.
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        half = len(data[:4096]) // 2 or 1
        enc = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else "utf-16-be" if even > 0.3 * half and odd < 0.05 * half else None
        if enc is None:
            raise UnsupportedFormatError(label, "binary data, not text (NUL bytes in the content)")
        try:
            return _checked(data.decode(enc), enc, label), enc
        except UnicodeDecodeError as e:
            raise UnsupportedFormatError(label, "binary data, not text") from e
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise DecodeError(label, f"undecodable text: neither UTF-8 nor GB18030/GBK (invalid byte at offset {e.start})") from e
        enc = "gb18030"
        n, share = _hanzi_stats(text)
        if n >= 20 and share < 0.75:
            raise DecodeError(label, f"undecodable text: not UTF-8, and read as GB18030 only {share:.0%} of its Chinese characters are common ones (garbled or another encoding)")
        return _checked(text, enc, label), enc
    return _checked(text, enc, label), enc


def _checked(text: str, enc: str, label: str) -> str:
    if _control_share(text) > 0.01:
        raise UnsupportedFormatError(label, f"binary data, not text (control characters in the {enc}-decoded content)")
    n, share = _hanzi_stats(text)
    if n >= 20 and share < 0.6:
        fixed = _repair_mojibake(text)
        if fixed is not None:
            return fixed
        raise DecodeError(label, f"text is garbled (mojibake): only {share:.0%} of its Chinese characters are common ones")
    return text


_WORD_COMMENT_RE = lazyre.compile_std(r"<!--\[(?:if [^\]]*|endif)\]-->|<!\[(?:if [^\]]*|endif)\]>")
_MD_SEP_RE = lazyre.compile_std(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING_RE = lazyre.compile_std(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


# Cells of a space-aligned table: separated by a tab or by two or more spaces
# (a single space separates words or numbers inside one cell).
_CELL_SEP_RE = lazyre.compile_std(r"\t+|[ \u3000]{2,}")


def _cells(line: str) -> int:
    st = line.strip()
    return len(_CELL_SEP_RE.split(st)) if st else 0


_HEADING_START_RE = lazyre.compile_std(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def _wrapped_fragment(lines: list[str], k: int) -> bool:
    """A one-cell line inside a table: a row label wrapped around its values
    (text copied out of a PDF: "2.其他法律行政法规禁止公" / values / "开").
    Short, no sentence, no heading, between two lines of cells."""
    st = lines[k].strip()
    if not st or len(st) > 16 or "。" in st or _HEADING_START_RE.match(st):
        return False
    if re.search(r"\d", re.sub(r"^\d[.、]", "", st)):
        return False
    return k + 1 < len(lines) and _cells(lines[k + 1]) >= 2


def _aligned_run(lines: list[str], i: int) -> int:
    """Length of a space-aligned table starting at line ``i`` (0 if none):
    at least two consecutive lines of two or more cells, one of them holding
    a number."""
    if _cells(lines[i]) < 2:
        return 0
    k = i
    while k < len(lines) and len(lines[k].strip()) <= 200:
        c = _cells(lines[k])
        if c >= 2 or (k > i and _wrapped_fragment(lines, k)):
            k += 1
            continue
        break
    n = k - i
    if n >= 2 and any(re.search(r"\d", lines[j]) for j in range(i, k)):
        return n
    return 0


_VALUE_CELL_RE = lazyre.compile_std(r"^(?:[-+]?\d[\d,]*(?:\.\d+)?%?|/|-|—|无)$")


def _width(ch: str) -> int:
    return 2 if ord(ch) > 0x7F and unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


_WIDTHS: dict[str, int] = {}


def _str_width(s: str) -> int:
    """Display width of ``s`` (the sum of :func:`_width`), memoised by character."""
    if s.isascii():
        return len(s)
    w = 0
    for ch in s:
        cw = _WIDTHS.get(ch)
        if cw is None:
            cw = _WIDTHS[ch] = _width(ch)
        w += cw
    return w


def _extents(line: str) -> list[tuple[str, int, int]]:
    """The cells of a space-aligned line with their columns on the page, in
    display columns (a CJK or full-width character two wide, as monospaced
    text and ``pdftotext -layout`` print it).  Text padded by character
    counts instead rarely lines up under this measure, and its lines keep
    their cells in order."""
    out: list[tuple[str, int, int]] = []
    col = 0
    pos = 0
    for m in re.finditer(r"\S+(?: \S+)*", line):
        gap = line[pos : m.start()]
        col += _str_width(gap)
        w = _str_width(m.group())
        out.append((m.group(), col, col + w))
        col += w
        pos = m.end()
    return out


def _columns(rows: list[list[tuple[str, int, int]]]) -> list[tuple[int, int]]:
    """The columns of a space-aligned table: the cells of its fullest line,
    and the label cells of other lines that stand clear of every column so
    far (a header printed on two lines); a label under one column only
    widens it.  A cell overlapping two columns (a merged heading) makes
    none."""
    if not rows:
        return []
    cols = [(a, b) for _, a, b in max(rows, key=len)]
    for row in sorted(rows, key=len, reverse=True):
        hits = [[j for j, (s, e) in enumerate(cols) if a < e and s < b] for _, a, b in row]
        for (t, a, b), h in zip(row, hits):
            if _VALUE_CELL_RE.match(t):
                continue
            if not h and all(not (a - 1 < e and s < b + 1) for s, e in cols):
                cols.append((a, b))
            elif len(h) == 1:  # a wider label of the same column
                s, e = cols[h[0]]
                ns, ne = min(s, a), max(e, b)
                if all(not (ns - 1 < e2 and s2 < ne + 1) for i, (s2, e2) in enumerate(cols) if i != h[0]):
                    cols[h[0]] = (ns, ne)
        cols.sort()
    return cols


def _column_of(cell: tuple[str, int, int], cols: list[tuple[int, int]]) -> int | None:
    """The column a cell stands under: it lies within the column's stretch of
    the line (up to the middle of the gaps beside it) and is left-aligned,
    right-aligned or centred with it (one column's slack)."""
    _, a, b = cell
    for j, (s, e) in enumerate(cols):
        lo = (cols[j - 1][1] + s) / 2 if j else float("-inf")
        hi = (e + cols[j + 1][0]) / 2 if j + 1 < len(cols) else float("inf")
        if lo <= a and b <= hi:
            return j if abs(a - s) <= 1 or abs(b - e) <= 1 or abs((a + b) - (s + e)) <= 2 else None
    return None


def _spanned(cell: tuple[str, int, int], cols: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(first column, number of columns) of a label cell that starts at a
    column and reaches into later ones (a label merged across the label
    columns: 一、本年新收… beside a 三、本年度办理结果 | (一)予以公开 pair)."""
    t, a, b = cell
    if _VALUE_CELL_RE.match(t):
        return None
    j = next((i for i, (s, _) in enumerate(cols) if abs(a - s) <= 1), None)
    if j is None:
        return None
    k = max(i for i, (s, _) in enumerate(cols) if s < b)
    hi = (cols[k][1] + cols[k + 1][0]) / 2 if k + 1 < len(cols) else float("inf")
    return (j, k - j + 1) if k > j and b <= hi else None


def _place_blanks(lines: list[str], geometry: list[str]) -> list[list[RawCell]] | None:
    """The rows of a space-aligned table with the blank cells kept in their
    columns: a line with fewer cells than the table has columns, each of
    its cells under a column of its own (in order; a label may span the
    label columns), and a wide gap (four spaces or more) wherever it skips
    a column, has its cells put in those columns and blanks in the others.
    Lines that do not line up so (merged headings, cells separated by two
    spaces without alignment) keep their cells in order.  None when no
    line gains a blank this way."""
    rows = [_extents(g) for g in geometry]
    if any(len(r) != len(_CELL_SEP_RE.split(ln.strip())) for r, ln in zip(rows, lines)):
        return None
    cols = _columns(rows)
    out: list[list[RawCell]] = []
    placed = 0
    for ln, row in zip(lines, rows):
        texts = _CELL_SEP_RE.split(ln.strip())
        where = _line_places(row, cols) if 2 <= len(row) < len(cols) else []
        if where and any(j != (where[n - 1][0] + where[n - 1][1] if n else 0) for n, (j, _) in enumerate(where)):
            out.append(_with_blanks(where, texts))
            placed += 1
        else:
            out.append([RawCell(t) for t in texts])
    return out if placed else None


def _line_places(row: list[tuple[str, int, int]], cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first column, columns spanned) of each cell of a line with fewer
    cells than the table has columns, or [] when the cells do not line up:
    a cell under no column, out of order, or skipping a column across a
    gap narrower than four spaces."""
    where: list[tuple[int, int]] = []
    for k, cell in enumerate(row):
        j = _column_of(cell, cols)
        at = (j, 1) if j is not None else _spanned(cell, cols)
        nxt = where[-1][0] + where[-1][1] if where else 0
        if at is None or at[0] < nxt or (at[0] > nxt and k and cell[1] - row[k - 1][2] < 4):
            return []
        where.append(at)
    return where


def _with_blanks(where: list[tuple[int, int]], texts: list[str]) -> list[RawCell]:
    """A line's cells put in their columns (``where``), with a blank cell
    in each column it skips."""
    cells: list[RawCell] = []
    for (j, span), t in zip(where, texts):
        cells += [RawCell("")] * (j - sum(c.colspan for c in cells)) + [RawCell(t, colspan=span)]
    return cells


def _tab_rows(lines: list[str]) -> list[list[RawCell]] | None:
    """The rows of a tab-separated table (copied from a spreadsheet): when
    every line holds the same number of tab-separated fields, an empty
    field between two tabs is a blank cell in its column.  None for lines
    aligned by runs of tabs or spaces (their field counts differ)."""
    fields = [ln.rstrip("\r\n").split("\t") for ln in lines]
    k = len(fields[0])
    if k < 3 or any(len(f) != k for f in fields) or any(re.search(r"[ \u3000]{2,}", ln.strip()) for ln in lines):
        return None
    if not any(not c.strip() for f in fields for c in f[1:-1]):
        return None  # no blank cell inside a row: the plain split is the same
    return [[RawCell(c.strip()) for c in f] for f in fields]


def load_text(data: bytes, path: str | None, label: str, *, markdown: bool = False) -> Document:
    """A plain-text (or, with ``markdown``, Markdown) report as a
    Document: paragraphs joined from wrapped lines, and tables from
    space- or tab-aligned runs of lines (Markdown: pipe tables, and # headings)."""
    text, enc = decode_text(data, label)
    if not text.strip():
        from ..errors import EmptyFileError

        raise EmptyFileError(label, "empty file (only whitespace)")
    # Conditional comments that web crawlers copy from Word-made pages.
    text = _WORD_COMMENT_RE.sub("", text)
    # Characters are normalised once for the whole file; whitespace is
    # normalised per block, after Markdown syntax ("# 标题", "| a | b |") and
    # space-aligned columns have been read (it collapses runs of spaces).
    b = DocumentBuilder(prenormalized=True)
    lines = normalize_chars(text).split("\n")
    if markdown:
        _markdown_blocks(b, lines)
    else:
        # the lines as printed, for the columns of space-aligned tables (NFKC
        # narrows full-width characters); when the counts differ, the
        # normalised lines
        raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        _text_blocks(b, lines, raw if len(raw) == len(lines) else lines)
    fmt = "md" if markdown else "txt"
    return b.build(Source.of(data, path, fmt, encoding=enc))


def _text_blocks(b: DocumentBuilder, lines: list[str], raw: list[str]) -> None:
    """Add a plain-text report's paragraphs and aligned tables to ``b``
    (``raw``: the lines as printed, for the columns)."""
    buf: list[str] = []
    i = 0
    while i < len(lines):
        run = _aligned_run(lines, i)
        if not run:
            buf.append(lines[i])
            i += 1
            continue
        for para in join_lines(buf):
            b.add_paragraph(para)
        buf.clear()
        b.add_table(_aligned_rows(lines[i : i + run], raw[i : i + run]))
        i += run
    for para in join_lines(buf):
        b.add_paragraph(para)


def _aligned_rows(part: list[str], raw: list[str]) -> list[list[RawCell]]:
    """The rows of an aligned run of lines: blank cells kept in their
    columns when the printed lines are space-aligned (:func:`_place_blanks`)
    or all tab-separated (:func:`_tab_rows`), else the cells in order."""
    rows = None
    if not any("\t" in ln for ln in raw):
        rows = _place_blanks(part, [ln.replace("\u3000", "  ") for ln in raw])
    elif all("\t" in ln for ln in part):
        rows = _tab_rows(part)
    if rows is None:
        rows = [[RawCell(c) for c in _CELL_SEP_RE.split(ln.strip())] for ln in part]
    return rows


def _markdown_blocks(b: DocumentBuilder, lines: list[str]) -> None:
    """Add a Markdown report's paragraphs, # headings (with their level)
    and pipe tables (without their separator lines) to ``b``."""
    buf: list[str] = []

    def flush() -> None:
        for para in join_lines(buf):
            b.add_paragraph(para)
        buf.clear()

    i = 0
    while i < len(lines):
        st = lines[i].strip()
        if st.startswith("|") and st.count("|") >= 2:
            flush()
            rows: list[list[RawCell]] = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not _MD_SEP_RE.match(lines[i].strip()):
                    rows.append([RawCell(c) for c in _split_row(lines[i])])
                i += 1
            b.add_table(rows)
            continue
        m = _MD_HEADING_RE.match(st)
        if m:
            flush()
            b.add_paragraph(m.group(2), level=len(m.group(1)))
        else:
            buf.append(lines[i])
        i += 1
    flush()
