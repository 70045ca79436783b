"""Word ``.docx`` files.

python-docx opens the package; the body is then read directly from its XML
so that paragraphs and tables come out in document order (``w:p`` and
``w:tbl`` children of ``w:body``, looking through content controls
``w:sdt`` and ``w:customXml`` wrappers).

* **Paragraphs.**  The text of runs (``w:t``), tabs, line breaks, field
  results and hyperlinks; deleted text and field codes are not text.
  Automatic list numbering (``w:numPr``: a heading numbered "一、" by Word
  rather than typed) is rendered from ``numbering.xml`` and put in front of
  the paragraph text, so that the structure stage sees the numbers a reader
  sees.  Bullets are dropped.
* **Headings.**  A paragraph whose style is a heading style ("Heading 1",
  "heading 2", "标题 1", "标题1", "Title"), directly or through the style it
  is based on, or that has an outline level, becomes a heading of that level.
  Style ids are resolved through ``styles.xml``: WPS writes numeric ids.
* **Tables.**  Rows of ``w:tc`` cells; a horizontal merge (``w:gridSpan``,
  legacy ``w:hMerge``) is a ``colspan``, a vertical merge (``w:vMerge``
  restart / continue) a ``rowspan``; each merged cell is emitted once.
  Cells skipped at the start of a row (``w:gridBefore``) become an empty
  cell so that the columns stay aligned.  A table nested in a cell is
  flattened into that cell's text.
* **Text boxes** (``w:txbxContent``) are read after the paragraph that
  anchors them; the VML fallback copy of the same box is skipped.

Headers, footers, footnotes and comments are not read.  Pages are not
known in a .docx (``page`` is None everywhere).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, DocumentBuilder, RawCell, Source
from ..errors import CorruptFileError, EmptyFileError, UnsupportedFormatError
from .. import lazyre

__all__ = ["load_docx"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


W_BODY, W_P, W_TBL, W_TR, W_TC = _w("body"), _w("p"), _w("tbl"), _w("tr"), _w("tc")
W_T, W_TAB, W_BR, W_CR = _w("t"), _w("tab"), _w("br"), _w("cr")
W_PPR, W_TCPR, W_TRPR = _w("pPr"), _w("tcPr"), _w("trPr")
W_SDT, W_SDTCONTENT, W_CUSTOMXML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_TXBX = _w("txbxContent")
W_VAL = _w("val")
MC_FALLBACK = f"{{{_MC}}}Fallback"

# Subtrees whose text is not part of the paragraph's visible text.
_SKIP = frozenset(
    {
        _w("pPr"), _w("rPr"), _w("delText"), _w("instrText"), _w("delInstrText"), _w("del"), _w("moveFrom"),
        _w("footnoteReference"), _w("endnoteReference"), _w("commentReference"), _w("rt"),
        W_TXBX, MC_FALLBACK,
    }
)


# --------------------------------------------------------------------------
# Styles and numbering
# --------------------------------------------------------------------------

_HEADING_NAME_RE = lazyre.compile_std(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


@dataclass
class _Style:
    """A paragraph style of ``styles.xml``: its parent and the outline level
    and list numbering it gives."""

    name: str
    based_on: str | None
    outline: int | None  # outline level from the style's pPr (0-8; 9 = body text)
    num: tuple[str, int] | None  # (numId, ilvl) from the style's pPr


def _ppr_outline(ppr: Any) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(_w("outlineLvl"))
    if el is None:
        return None
    try:
        v = int(el.get(W_VAL, ""))
    except ValueError:
        return None
    return v if 0 <= v <= 9 else None  # 0-8: heading levels 1-9; 9: body text


def _ppr_num(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    numpr = ppr.find(_w("numPr"))
    if numpr is None:
        return None
    nid = numpr.find(_w("numId"))
    lvl = numpr.find(_w("ilvl"))
    if nid is None:
        return None
    try:
        ilvl = int(lvl.get(W_VAL, "0")) if lvl is not None else 0
    except ValueError:
        ilvl = 0
    return nid.get(W_VAL, "0"), max(0, min(ilvl, 8))


class _Styles:
    def __init__(self, root: Any | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for st in root.iter(_w("style")):
            if st.get(_w("type"), "paragraph") != "paragraph":
                continue
            sid = st.get(_w("styleId"), "")
            name_el = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            ppr = st.find(W_PPR)
            self.styles[sid] = _Style(
                name=(name_el.get(W_VAL, "") if name_el is not None else sid),
                based_on=based.get(W_VAL) if based is not None else None,
                outline=_ppr_outline(ppr),
                num=_ppr_num(ppr),
            )
            if st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            st = self.styles[sid]
            yield st
            sid = st.based_on

    def heading_level(self, sid: str | None) -> int | None:
        for st in self._chain(sid):
            name = st.name.strip()
            m = _HEADING_NAME_RE.match(name)
            if m:
                return int(m.group(1))
            if name.lower() == "title" or name == "标题":
                return 1
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else None
        return None

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        for st in self._chain(sid):
            if st.num is not None:
                return st.num
        return None


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百", lead_one: bool = False) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (up to 999)."""
    if not 0 <= n < 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        t, u = divmod(n, 10)
        return (digits[t] if t > 1 or lead_one else "") + ten + (digits[u] if u else "")
    h, rest = divmod(n, 100)
    s = digits[h] + hundred
    if rest == 0:
        return s
    if rest < 10:
        return s + digits[0] + digits[rest]
    t, u = divmod(rest, 10)
    return s + digits[t] + ten + (digits[u] if u else "")


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: a ... z, aa ... zz, aaa ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseDigitalTenThousand"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾", "佰", lead_one=True)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    """One level of a list numbering definition: start value, number format,
    level text, restart and legal numbering."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level
    legal: bool = False


@dataclass
class _Numbering:
    """Renders automatic list numbers (``numbering.xml``)."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @staticmethod
    def _levels(parent: Any) -> dict[int, _Level]:
        out: dict[int, _Level] = {}
        for lvl in parent.iter(_w("lvl")):
            try:
                ilvl = int(lvl.get(_w("ilvl"), "0"))
            except ValueError:
                continue
            lv = _Level()
            el = lvl.find(_w("start"))
            if el is not None:
                try:
                    lv.start = int(el.get(W_VAL, "1"))
                except ValueError:
                    pass
            el = lvl.find(_w("numFmt"))
            if el is not None:
                lv.fmt = el.get(W_VAL, "decimal")
            el = lvl.find(_w("lvlText"))
            if el is not None:
                lv.text = el.get(W_VAL, "")
            el = lvl.find(_w("lvlRestart"))
            if el is not None:
                try:
                    lv.restart = int(el.get(W_VAL, ""))
                except ValueError:
                    pass
            el = lvl.find(_w("isLgl"))
            lv.legal = el is not None and el.get(W_VAL, "1") not in ("0", "false", "off")
            out[ilvl] = lv
        return out

    @classmethod
    def from_xml(cls, root: Any | None) -> _Numbering:
        self = cls()
        if root is None:
            return self
        for an in root.iter(_w("abstractNum")):
            self.abstract[an.get(_w("abstractNumId"), "")] = cls._levels(an)
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"), "")
            aid_el = num.find(_w("abstractNumId"))
            aid = aid_el.get(W_VAL, "") if aid_el is not None else ""
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.iter(_w("lvlOverride")):
                try:
                    ilvl = int(ov.get(_w("ilvl"), "0"))
                except ValueError:
                    continue
                so = ov.find(_w("startOverride"))
                if so is not None:
                    try:
                        starts[ilvl] = int(so.get(W_VAL, "1"))
                    except ValueError:
                        pass
                levels.update(cls._levels(ov))
            self.nums[nid] = (aid, starts, levels)
        return self

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the number text
        a reader sees ("一、", "(二)", "3."); "" for bullets and no list."""
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        aid, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(aid, {}), **overrides}
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        # List instances of one abstract list continue each other's numbers
        # unless an instance restarts them (w:startOverride).
        key = aid if aid in self.abstract else f"num:{num_id}"
        counters = self.counters.setdefault(key, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, st in starts.items():
                if 0 <= lv < 9:
                    counters[lv] = st - 1
        cur = counters[ilvl]
        counters[ilvl] = lvl.start if cur is None else cur + 1
        # Deeper levels restart when this level advances (w:lvlRestart can
        # limit that to some levels, or turn it off with 0).
        for deeper in range(ilvl + 1, 9):
            dl = levels.get(deeper)
            if dl is None or dl.restart is None or (dl.restart > 0 and ilvl < dl.restart):
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return ""

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters[k]
            fmt = "decimal" if (lvl.legal and k != ilvl) else lv.fmt
            return _format_number(lv.start if n is None else n, fmt)

        return re.sub(r"%([1-9])", repl, lvl.text)


# --------------------------------------------------------------------------
# The body
# --------------------------------------------------------------------------


@dataclass
class _Ctx:
    """What reading one document's body needs: its styles, numbering, the
    document being built and the notes on what was repaired or left
    unread."""

    styles: _Styles
    numbering: _Numbering
    builder: DocumentBuilder
    notes: list[str]
    textboxes: int = 0


def _para_text(p: Any, ctx: _Ctx, boxes: list[Any] | None = None) -> str:
    """Visible text of one ``w:p``; text boxes met on the way are appended
    to ``boxes`` (when given) instead of being read inline."""
    out: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            if tag == W_TXBX and boxes is not None:
                boxes.append(el)
            continue
        if tag == W_T:
            out.append(el.text or "")
        elif tag == W_TAB:
            out.append(" ")
        elif tag == W_BR:
            if el.get(_w("type"), "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == W_CR:
            out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == W_P or tag == W_TBL:
            continue  # nested block content (in a text box): not inline text
        else:
            stack.extend(reversed(list(el)))
    return "".join(out)


def _para(p: Any, ctx: _Ctx, boxes: list[Any] | None = None) -> tuple[str, int | None]:
    """(text with its list number, heading level) of one paragraph."""
    ppr = p.find(W_PPR)
    sid: str | None = None
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        if ps is not None:
            sid = ps.get(W_VAL)
    if sid is None:
        sid = ctx.styles.default_para
    outline = _ppr_outline(ppr)  # direct formatting wins over the style
    if outline is not None:
        level = outline + 1 if outline < 9 else None
    else:
        level = ctx.styles.heading_level(sid)
    text = _para_text(p, ctx, boxes)
    num = _ppr_num(ppr) or ctx.styles.numbering(sid)
    if num is not None:
        # Word numbers an empty list paragraph too: advance the counter so
        # that the following items keep the numbers a reader sees.
        label = ctx.numbering.label(*num)
        if label and text.strip() and not text.lstrip().startswith(label):
            text = label + text
    return text, level


def _block_children(parent: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` children, looking through wrappers."""
    for el in parent:
        tag = el.tag
        if tag in (W_P, W_TBL):
            yield el
        elif tag in (W_SDT, W_CUSTOMXML, _w("ins"), _w("moveTo")):
            inner = el.find(W_SDTCONTENT) if tag == W_SDT else el
            if inner is not None:
                yield from _block_children(inner)
        elif tag == _w("altChunk"):
            yield el


def _read_blocks(parent: Any, ctx: _Ctx) -> None:
    for el in _block_children(parent):
        if el.tag == W_P:
            boxes: list[Any] = []
            text, level = _para(el, ctx, boxes)
            ctx.builder.add_paragraph(text, level=level)
            for box in boxes:
                ctx.textboxes += 1
                _read_blocks(box, ctx)
        elif el.tag == W_TBL:
            ctx.builder.add_table(_table_rows(el, ctx))
        else:
            ctx.notes.append("docx: an embedded alternative-format chunk (w:altChunk) was not read")


def _int_attr(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, str(default)))
    except ValueError:
        return default


def _cell_text(tc: Any, ctx: _Ctx) -> str:
    """All text of a cell, its paragraphs and any nested tables flattened
    into one line."""
    parts: list[str] = []
    for p in tc.iter(W_P):
        if any(True for _ in p.iterancestors(MC_FALLBACK)):
            continue
        text, _ = _para(p, ctx)
        if text.strip():
            parts.append(text.replace("\n", " "))
    return " ".join(parts)


def _rows_of(tbl: Any) -> Iterator[Any]:
    for el in tbl:
        if el.tag == W_TR:
            yield el
        elif el.tag in (W_SDT, W_CUSTOMXML):
            inner = el.find(W_SDTCONTENT) if el.tag == W_SDT else el
            if inner is not None:
                yield from _rows_of(inner)


def _cells_of(tr: Any) -> Iterator[Any]:
    for el in tr:
        if el.tag == W_TC:
            yield el
        elif el.tag in (W_SDT, W_CUSTOMXML):
            inner = el.find(W_SDTCONTENT) if el.tag == W_SDT else el
            if inner is not None:
                yield from _cells_of(inner)


def _table_rows(tbl: Any, ctx: _Ctx) -> list[list[RawCell]]:
    """Rows of printed cells with their spans.  A vertically merged cell is
    emitted in its first row, with ``rowspan`` the number of rows it covers."""
    rows: list[list[RawCell]] = []
    # grid column -> (the RawCell covering it in the previous row, its row)
    above: dict[int, tuple[RawCell, int]] = {}
    for r, tr in enumerate(_rows_of(tbl)):
        trpr = tr.find(W_TRPR)
        before = _int_attr(trpr.find(_w("gridBefore")) if trpr is not None else None, 0)
        row: list[RawCell] = []
        here: dict[int, tuple[RawCell, int]] = {}
        col = 0
        if before > 0:
            filler = RawCell("", 1, before)
            row.append(filler)
            col = before
        prev: RawCell | None = None
        for tc in _cells_of(tr):
            tcpr = tc.find(W_TCPR)
            span = 1
            vmerge: str | None = None
            hmerge: str | None = None
            if tcpr is not None:
                span = max(1, min(_int_attr(tcpr.find(_w("gridSpan")), 1), 1000))
                vm = tcpr.find(_w("vMerge"))
                if vm is not None:
                    vmerge = vm.get(W_VAL, "continue")
                hm = tcpr.find(_w("hMerge"))
                if hm is not None:
                    hmerge = hm.get(W_VAL, "continue")
            if hmerge == "continue" and prev is not None:
                prev.colspan += span  # legacy horizontal merge
                for k in range(col, col + span):
                    here[k] = (prev, r)
                col += span
                continue
            if vmerge == "continue" and col in above and above[col][1] + above[col][0].rowspan == r:
                owner, orow = above[col]  # the merge goes on from the row above
                owner.rowspan += 1
                for k in range(col, col + span):
                    here[k] = (owner, orow)
                col += span
                prev = None
                continue
            cell = RawCell(_cell_text(tc, ctx), 1, span)
            row.append(cell)
            for k in range(col, col + span):
                here[k] = (cell, r)
            col += span
            prev = cell
        rows.append(row)
        above = here
    return rows


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def _xml_of(part: Any) -> Any:
    el = getattr(part, "element", None)
    if el is not None:
        return el
    from docx.oxml.parser import parse_xml

    return parse_xml(part.blob)


def _related_xml(part: Any, reltype: str) -> Any | None:
    try:
        rel_part = part.part_related_by(reltype)
    except KeyError:
        return None
    return _xml_of(rel_part)


#: python-docx reads every part of the package into memory and lxml needs
#: several times an XML part's size to parse it: a package whose zip
#: directory declares more than 1/4 of the memory the process may still
#: map is refused before any part is inflated.
_UNZIP_FACTOR = 4


def _check_zip_size(data: bytes, label: str, budget: int | None = None) -> None:
    """Refuse a zip bomb from its directory alone (``ZipInfo.file_size``,
    which also bounds what ``zipfile`` will inflate of each member)."""
    if budget is None:
        from ..limits import memory_budget

        budget = memory_budget()
    if budget is None:
        return
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        return  # Package.open reports the damage
    total = sum(max(0, i.file_size) for i in infos)
    if total * _UNZIP_FACTOR > budget:
        from ..errors import MemoryLimitError

        biggest = max(infos, key=lambda i: i.file_size)
        raise MemoryLimitError(
            label,
            f"the .docx unpacks to {total // (1 << 20)} MB ({biggest.filename}: {biggest.file_size // (1 << 20)} MB from "
            f"{biggest.compress_size // 1024} KB compressed), beyond what the memory limit allows "
            f"(about {budget // (1 << 20)} MB left to this process); refused before unpacking",
        )


def load_docx(data: bytes, path: str | None, label: str) -> Document:
    """Read a ``.docx`` report into a :class:`Document`."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package
    from lxml import etree

    _check_zip_size(data, label)
    try:
        package = Package.open(io.BytesIO(data))
        main = package.part_related_by(_RT_OFFICE_DOCUMENT)
        root = _xml_of(main)
        styles = _Styles(_related_xml(main, _RT_STYLES))
        numbering = _Numbering.from_xml(_related_xml(main, _RT_NUMBERING))
    except PackageNotFoundError as e:
        raise CorruptFileError(label, f"not a valid .docx: not a readable Word package ({e})") from e
    except KeyError as e:
        raise CorruptFileError(label, f"not a valid .docx: a required part is missing ({e})") from e
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise CorruptFileError(label, f"not a valid .docx: the zip archive is damaged ({e})") from e
    except etree.XMLSyntaxError as e:
        raise CorruptFileError(label, f"not a valid .docx: malformed XML ({e})") from e
    except (NotImplementedError, RuntimeError) as e:  # zipfile: encrypted or exotic members
        raise CorruptFileError(label, f"not a valid .docx: unsupported or encrypted zip data ({e})") from e
    except (ValueError, OSError) as e:
        raise CorruptFileError(label, f"not a valid .docx: {e}") from e

    if isinstance(root.tag, str) and root.tag.startswith(f"{{{_W_STRICT}}}"):
        raise UnsupportedFormatError(label, "a Strict Open XML .docx; save it as a standard Word document (.docx) first")
    body = root.find(W_BODY)
    if body is None:
        raise CorruptFileError(label, "not a valid .docx: the main document has no body")

    b = DocumentBuilder()
    ctx = _Ctx(styles, numbering, b, b.notes)
    _read_blocks(body, ctx)
    if ctx.textboxes:
        b.notes.append(f"docx: {ctx.textboxes} text box(es) read after their anchoring paragraph")
    doc = b.build(Source.of(data, path, "docx"))
    if not doc.text.strip():
        raise EmptyFileError(label, "the .docx has no text")
    return doc
