"""Plain text and Markdown.

Decoding never guesses silently: UTF-8 (with or without BOM) and UTF-16 with a
BOM are taken as they are; otherwise GB18030 (a superset of GBK and GB2312) is
tried and accepted only when the result reads like Chinese, measured by the
share of the 3,755 most common characters (GB2312 level 1) among the Chinese
characters.  Text that was already garbled before it was saved as UTF-8
(GBK bytes shown as UTF-8 and saved again, "鏀垮簻淇℃伅") is repaired when the
repair is exact, and refused otherwise.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from ..document import Document, DocumentBuilder, RawCell, Source
from ..errors import DecodeError, UnsupportedFormatError
from ..text import join_lines, normalize_chars

__all__ = ["load_text", "decode_text"]


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


_HAN_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_CTRL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _hanzi_stats(text: str, limit: int = 800) -> tuple[int, float]:
    """(number of CJK ideographs sampled, share of them that are common)."""
    common = _common_hanzi()
    chars = [m.group() for m, _ in zip(_HAN_RE.finditer(text, 0, 40000), range(limit))]
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


_WORD_COMMENT_RE = re.compile(r"<!--\[(?:if [^\]]*|endif)\]-->|<!\[(?:if [^\]]*|endif)\]>")
_MD_SEP_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


# Cells of a space-aligned table: separated by a tab or by two or more spaces
# (a single space separates words or numbers inside one cell).
_CELL_SEP_RE = re.compile(r"\t+|[ \u3000]{2,}")


def _cells(line: str) -> int:
    st = line.strip()
    return len(_CELL_SEP_RE.split(st)) if st else 0


_HEADING_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


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


def load_text(data: bytes, path: str | None, label: str, *, markdown: bool = False) -> Document:
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
    if not markdown:
        buf_txt: list[str] = []
        i = 0
        while i < len(lines):
            run = _aligned_run(lines, i)
            if run:
                for para in join_lines(buf_txt):
                    b.add_paragraph(para)
                buf_txt.clear()
                b.add_table([[RawCell(c) for c in _CELL_SEP_RE.split(lines[k].strip())] for k in range(i, i + run)])
                i += run
                continue
            buf_txt.append(lines[i])
            i += 1
        for para in join_lines(buf_txt):
            b.add_paragraph(para)
    else:
        buf: list[str] = []

        def flush() -> None:
            for para in join_lines(buf):
                b.add_paragraph(para)
            buf.clear()

        i = 0
        while i < len(lines):
            line = lines[i]
            st = line.strip()
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
                buf.append(line)
            i += 1
        flush()
    fmt = "md" if markdown else "txt"
    return b.build(Source.of(data, path, fmt, encoding=enc))
