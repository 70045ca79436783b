"""Where a span of gireport's text is in the original file: line and column.

Offsets in findings count characters of the normalised document text
(``report.text``: NFKC, spaces collapsed, tables written cell by cell); a
code-scanning viewer needs the line and column of the file on disk.  For the
formats that have lines — plain text, Markdown and HTML — the file is read
again and both texts are compared with whitespace removed and the same
character normalisation applied (tags skipped and entities decoded in HTML,
table pipes and rule lines skipped in Markdown); a span is found by its
text with a little context around it, the occurrence nearest its relative
place in the document deciding between repeats.

:class:`SourceLines` does this for one document; :meth:`SourceLines.locate`
returns ``(start_line, start_column, end_line, end_column)``, 1-based, columns
in Unicode code points, or None when the span cannot be placed (the file is
gone, changed, or the span is not text of the file).
"""

from __future__ import annotations

import bisect
import html
import os
import re

from ..text import normalize_chars
from .. import lazyre

__all__ = ["SourceLines", "LINE_FORMATS"]

#: Formats whose files have lines a viewer can show.
LINE_FORMATS = ("txt", "md", "html")

_TAG_OR_ENTITY = lazyre.compile_std(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});", re.S | re.I)
_MD_RULE = lazyre.compile_std(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)


def _squash_doc(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            pos.append(i)
    return "".join(chars), pos


class SourceLines:
    """The original file of one document, ready to place spans of its text."""

    def __init__(self, original: str, fmt: str, doc_text: str) -> None:
        self.original = original
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", original)]
        self._orig, self._orig_pos = self._squash_original(original, fmt)
        self._doc, self._doc_pos = _squash_doc(doc_text)
        self._doc_index = self._doc_pos  # doc offset -> squashed index by bisect

    @classmethod
    def of(cls, path: str | None, fmt: str, encoding: str | None, doc_text: str) -> SourceLines | None:
        """The file at ``path`` read with its encoding, or None when it has
        no lines (pdf, docx) or cannot be read."""
        if not path or fmt not in LINE_FORMATS or not os.path.isfile(path):
            return None
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        for enc in [e for e in (encoding, "utf-8", "gb18030") if e]:
            try:
                return cls(data.decode(enc), fmt, doc_text)
            except (UnicodeDecodeError, LookupError):
                continue
        return None

    @staticmethod
    def _squash_original(original: str, fmt: str) -> tuple[str, list[int]]:
        chars: list[str] = []
        pos: list[int] = []
        skip: list[tuple[int, int, str]] = []  # (start, end, replacement)
        if fmt == "html":
            for m in _TAG_OR_ENTITY.finditer(original):
                tok = m.group()
                skip.append((m.start(), m.end(), html.unescape(tok) if tok.startswith("&") else ""))
        elif fmt == "md":
            skip.extend((m.start(), m.end(), "") for m in _MD_RULE.finditer(original))
        k = 0
        i = 0
        n = len(original)
        while i < n:
            if k < len(skip) and skip[k][0] == i:
                s, e, rep = skip[k]
                for ch in normalize_chars(rep):
                    if not ch.isspace():
                        chars.append(ch)
                        pos.append(s)
                i = e
                k += 1
                continue
            while k < len(skip) and skip[k][0] < i:
                k += 1
            ch = original[i]
            if fmt == "md" and ch == "|" or ch.isspace():
                pass
            elif ch < "\x80" or "\u4e00" <= ch <= "\u9fff":  # ASCII and ideographs normalise to themselves
                chars.append(ch)
                pos.append(i)
            else:
                for c in normalize_chars(ch):
                    if not c.isspace():
                        chars.append(c)
                        pos.append(i)
            i += 1
        return "".join(chars), pos

    def _doc_range(self, start: int, end: int) -> tuple[int, int]:
        a = bisect.bisect_left(self._doc_pos, start)
        b = bisect.bisect_left(self._doc_pos, end)
        return a, b

    def _find(self, needle: str, expected: float) -> int | None:
        best: int | None = None
        i = self._orig.find(needle)
        while i >= 0:
            if best is None or abs(i - expected) < abs(best - expected):
                best = i
            i = self._orig.find(needle, i + 1)
        return best

    def offset_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the original text that holds document text
        ``[start, end)``, or None."""
        a, b = self._doc_range(start, end)
        if b <= a or not self._orig:
            return None
        scale = len(self._orig) / max(1, len(self._doc))
        for ctx in (12, 6, 0):
            lo, hi = max(0, a - ctx), min(len(self._doc), b + ctx)
            needle = self._doc[lo:hi]
            at = self._find(needle, lo * scale)
            if at is not None:
                s = at + (a - lo)
                e = s + (b - a) - 1
                return self._orig_pos[s], self._orig_pos[e] + 1
        return None

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """``(start_line, start_column, end_line, end_column)`` of document
        text ``[start, end)`` in the original file (1-based, the end column
        one past the last character), or None."""
        r = self.offset_range(start, end)
        if r is None:
            return None
        sl, sc = self._line_col(r[0])
        el, ec = self._line_col(r[1] - 1)
        return sl, sc, el, ec + 1
