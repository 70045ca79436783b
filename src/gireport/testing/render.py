r"""Render one synthetic report into every format gireport reads.

Tests need the *same* report as txt, md, html, docx and pdf, so that they can
check that every loader yields the same text and tables.  A report is written
once in a small source markup and :func:`render` produces each format::

    from gireport.testing.render import parse_source, render

    report = parse_source(source_text)
    pdf_bytes = render(report, "pdf")             # or render(source_text, "pdf")
    render(report, "html", path="out/r.html")     # also writes the file

Source markup
=============

Plain UTF-8 text, one paragraph per line.  Leading and trailing whitespace is
stripped and blank lines are ignored (except that a blank line ends a table).

``# 标题``
    A title line.  A title may take one or two such lines (real titles are
    often broken as "…2015年政府信息公开工作" / "年度报告"); all ``# `` lines
    of a file form the title, which every renderer puts first.

Headings
    Need no marker: a line starting with ``一、``, ``（一）``/``(一)``,
    ``1、``/``1.`` or ``（1）`` is a heading, rendered as a paragraph.
    Renderers may style it (bold in html/docx, ``##``/``###`` in md).  A
    *run-in* heading ("（一）主动公开方面。全年主动公开…") gets its lead-in,
    up to the first "。" or "：", styled and the rest rendered plainly.
    :func:`heading_level` gives the level a renderer uses.

Tables
    A block of consecutive lines starting with ``|``, one line per row,
    cells separated by ``|`` (the outer pipes are optional at the end).  A
    cell holding only ``^`` is merged with the cell above it, a cell holding
    only ``<`` with the cell to its left; every merged region must be a
    rectangle.  A row of dashes (``|---|---|``, as in Markdown) is ignored,
    so Markdown pipe tables can be pasted in.  Rows shorter than the widest
    row are padded with empty cells.  In a cell, ``\|`` is a literal pipe and
    a cell that is exactly ``\^`` or ``\<`` holds that character.

``: 表题``
    A caption: a line starting with ``: `` directly above a table (no blank
    line between).  Renderers print it as a centred line above the table.

``%key: value``
    A directive, kept in :attr:`SyntheticReport.meta`.  Renderers use
    ``%published: 2016-03-25`` (the page's 发布时间 in html, the docx
    creation date), ``%publisher: 青禾县人民政府办公室`` (the page's 来源,
    the docx/pdf author) and ``%site: 青禾县人民政府门户网站`` (the html
    site name) and ``%column: 政策文件`` (the last breadcrumb step, default
    年度报告).  Other keys are kept but unused.

``%% 注释``
    A comment line, ignored.

A paragraph that must start with one of the markers above (``#``, ``|``,
``:``, ``%``, ``\``) is written with a leading backslash, which is removed.

Example::

    %published: 2020-01-20
    # 示例市生态环境局2019年政府信息公开工作年度报告
    本报告依据《中华人民共和国政府信息公开条例》编制。
    一、总体情况
    : 表一  主动公开政府信息情况
    | 第二十条第（一）项 | < | < | < |
    | 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
    | 规章 | 0 | 0 | 0 |
    | 规范性文件 | 3 | 3 | 27 |

Output formats
==============

``txt``
    Title lines, then one paragraph per line; a caption is a line, and each
    table row a line of its printed cells separated by two spaces (a merged
    cell is written once, in the first row it covers).
``md``
    ``#`` title, ``##``/``###`` for standalone level-1/level-2 headings,
    paragraphs separated by blank lines, pipe tables (a merged cell's text in
    its first grid position, the positions it covers left empty).
``html``
    A government web page: site header, a navigation bar, the breadcrumb
    "当前位置：首页 > 政府信息公开 > 年度报告", the report in
    ``<div class="article_content">`` and a footer with 版权所有/网站地图/ICP
    备案号; tables use ``rowspan``/``colspan``; all text is escaped.
``docx``
    python-docx: centred title, body paragraphs with a two-character
    first-line indent, headings as normal paragraphs with bold runs, tables in
    the "Table Grid" style with merged cells.
``pdf``
    reportlab with the built-in ``STSong-Light`` CID font: A4, wrapped
    paragraphs with a two-character first-line indent, a "- N -" page
    footer, ruled tables with merged cells drawn as one box.  A table breaks
    across pages between rows, even inside a merged cell (whose text stays in
    the first part), as word processors do.  reportlab is a
    test-only dependency (``pip install gireport[test]``).

Rendering is deterministic: the same input gives the same bytes in every
format (fixed dates in docx/pdf metadata, fixed zip timestamps in docx,
reportlab's ``invariant`` mode for pdf).

This module imports nothing else from gireport.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from .. import lazyre

__all__ = [
    "FORMATS",
    "Paragraph",
    "SyntheticReport",
    "TableBlock",
    "TableCell",
    "heading_level",
    "parse_source",
    "render",
]

#: The formats :func:`render` produces.
FORMATS = ("txt", "md", "html", "docx", "pdf")

_PDF_HINT = "rendering PDF needs reportlab, a test-only dependency of gireport: pip install gireport[test]"


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TableCell:
    """One printed cell: its text, grid position and spans."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableBlock:
    """A table: printed cells in row-major order (each merged cell once, at
    its top-left grid position) and the grid size."""

    cells: list[TableCell]
    n_rows: int
    n_cols: int
    caption: str | None = None

    def rows(self) -> list[list[TableCell]]:
        """Printed cells grouped by the row they start in."""
        out: list[list[TableCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    def grid(self) -> list[list[str]]:
        """The expanded grid: every position holds the text of the cell
        covering it."""
        g = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    g[r][k] = c.text
        return g

    def origins(self) -> list[list[TableCell | None]]:
        """The grid with each printed cell at its top-left position and None
        at the positions it covers."""
        g: list[list[TableCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            g[c.row][c.col] = c
        return g

    def covered(self) -> set[tuple[int, int]]:
        """Grid positions covered by a merged cell but not its origin."""
        out = set()
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) != (c.row, c.col):
                        out.add((r, k))
        return out


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (headings included)."""

    text: str


Block = Paragraph | TableBlock


@dataclass
class SyntheticReport:
    """A parsed source: title lines, blocks in order, directives."""

    title: list[str]
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    @property
    def title_text(self) -> str:
        """The title lines joined (without a separator, as Chinese is)."""
        return "".join(self.title)

    def to_source(self) -> str:
        """Serialise back to the source markup; ``parse_source`` of the
        result equals this report."""
        out = [f"%{k}: {v}" for k, v in self.meta.items()]
        out += [f"# {t}" for t in self.title]
        prev_table = False
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(_escape_line(b.text))
                prev_table = False
                continue
            if prev_table:
                out.append("")
            if b.caption is not None:
                out.append(f": {b.caption}")
            origins = b.origins()
            owner: dict[tuple[int, int], TableCell] = {}
            for c in b.cells:
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        owner[(r, k)] = c
            for r in range(b.n_rows):
                cells = []
                for k in range(b.n_cols):
                    o = origins[r][k]
                    if o is not None:
                        cells.append(_escape_cell(o.text))
                    else:
                        cells.append("<" if owner[(r, k)].col < k else "^")
                out.append("| " + " | ".join(cells) + " |")
            prev_table = True
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Parsing the source markup
# ---------------------------------------------------------------------------

_SEP_CELL_RE = lazyre.compile_std(r"^:?-{3,}:?$")
_DIRECTIVE_RE = lazyre.compile_std(r"^%([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _escape_line(text: str) -> str:
    if text[:1] in "#|:%\\":
        return "\\" + text
    return text


def _escape_cell(text: str) -> str:
    t = text.replace("\\", "\\\\").replace("|", "\\|")
    if t in ("^", "<"):
        t = "\\" + t
    return t if t else ""


def _split_row(line: str, lineno: int) -> list[str]:
    """Split one ``| a | b |`` line into raw cell strings (escapes kept as
    markers so that ``\\^`` can be told from ``^``)."""
    s = line.strip()
    assert s.startswith("|")
    s = s[1:]
    cells: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            cur.append(s[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    tail = "".join(cur)
    if tail.strip():
        cells.append(tail)
    return cells


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw)


def _parse_table(lines: list[tuple[int, str]], caption: str | None) -> TableBlock:
    """A pipe table of the source markup: its rows without separator lines,
    padded to the widest, with ``^`` merging a cell into the one above and
    ``<`` into the one on its left; a ValueError naming the line for a table
    without rows, a merge off the table's edge, or a merged cell that is
    not a rectangle."""
    first = lines[0][0]
    raw_rows = _table_rows(lines)
    if not raw_rows:
        raise ValueError(f"line {first}: table has no rows")
    n_cols = max(len(r) for r in raw_rows)
    for r in raw_rows:
        r.extend([""] * (n_cols - len(r)))
    cells = [
        TableCell(_unescape(raw_rows[r0][c0]), r0, c0, rs, cs)
        for r0, c0, rs, cs in _merged_cells(_cell_owners(raw_rows, first), first)
    ]
    return TableBlock(cells, len(raw_rows), n_cols, caption)


def _table_rows(lines: list[tuple[int, str]]) -> list[list[str]]:
    """The stripped cells of each row, separator lines (``|---|``) left out."""
    raw_rows: list[list[str]] = []
    for lineno, line in lines:
        cells = [c.strip() for c in _split_row(line, lineno)]
        if cells and all(_SEP_CELL_RE.match(c) for c in cells):
            continue
        raw_rows.append(cells)
    return raw_rows


def _cell_owners(raw_rows: list[list[str]], first: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Each position's origin cell: itself, or through ``^`` / ``<`` the
    origin of the cell above / on the left."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(raw_rows):
        for c, raw in enumerate(row):
            if raw == "^":
                if r == 0:
                    raise ValueError(f"table at line {first}: '^' in the first row (row 1, column {c + 1})")
                owner[(r, c)] = owner[(r - 1, c)]
            elif raw == "<":
                if c == 0:
                    raise ValueError(f"table at line {first}: '<' in the first column (row {r + 1})")
                owner[(r, c)] = owner[(r, c - 1)]
            else:
                owner[(r, c)] = (r, c)
    return owner


def _merged_cells(owner: dict[tuple[int, int], tuple[int, int]], first: int) -> list[tuple[int, int, int, int]]:
    """(row, column, rows spanned, columns spanned) of each origin cell in
    order, with the positions merged into it, which must make a rectangle."""
    regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pos, o in owner.items():
        regions.setdefault(o, []).append(pos)
    out: list[tuple[int, int, int, int]] = []
    for (r0, c0), positions in sorted(regions.items()):
        rows = [p[0] for p in positions]
        cols = [p[1] for p in positions]
        rs = max(rows) - r0 + 1
        cs = max(cols) - c0 + 1
        if min(rows) != r0 or min(cols) != c0 or rs * cs != len(positions):
            raise ValueError(
                f"table at line {first}: the cell merged into row {r0 + 1}, column {c0 + 1} is not a rectangle"
            )
        out.append((r0, c0, rs, cs))
    return out


def parse_source(text: str) -> SyntheticReport:
    """Parse the source markup (see the module docstring)."""
    text = text.removeprefix("\ufeff")
    title: list[str] = []
    blocks: list[Block] = []
    meta: dict[str, str] = {}
    table_lines: list[tuple[int, str]] = []
    caption: str | None = None
    pending_caption: tuple[int, str] | None = None

    def flush_table() -> None:
        nonlocal table_lines, caption
        if table_lines:
            blocks.append(_parse_table(table_lines, caption))
            table_lines = []
            caption = None

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("|"):
            if not table_lines and pending_caption is not None:
                caption = pending_caption[1]
                pending_caption = None
            table_lines.append((lineno, line))
            continue
        flush_table()
        if pending_caption is not None:
            raise ValueError(f"line {pending_caption[0]}: a caption line must be directly followed by a table")
        if not line:
            continue
        if line.startswith("%%"):
            continue
        if line.startswith("%"):
            m = _DIRECTIVE_RE.match(line)
            if not m:
                raise ValueError(f"line {lineno}: bad directive {line!r} (expected '%key: value')")
            meta[m.group(1)] = m.group(2).strip()
            continue
        if line.startswith("# ") or line == "#":
            t = line[1:].strip()
            if t:
                title.append(t)
            continue
        if line.startswith(": ") or line == ":":
            pending_caption = (lineno, line[1:].strip())
            continue
        line = line.removeprefix("\\")
        blocks.append(Paragraph(line))
    flush_table()
    if pending_caption is not None:
        raise ValueError(f"line {pending_caption[0]}: a caption line must be directly followed by a table")
    return SyntheticReport(title, blocks, meta)


# ---------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------

_H1_RE = lazyre.compile_std(r"^[一二三四五六七八九十]{1,3}、")
_H2_RE = lazyre.compile_std(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
_H3_RE = lazyre.compile_std(r"^(?:\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[）)])")
_STANDALONE_MAX = 40


def heading_level(text: str) -> int | None:
    """1 for ``一、``, 2 for ``（一）``, 3 for ``1、``/``1.``/``（1）``;
    None when the line does not start with a heading marker."""
    t = text.strip()
    if _H1_RE.match(t):
        return 1
    if _H2_RE.match(t):
        return 2
    if _H3_RE.match(t):
        return 3
    return None


def _heading_parts(text: str) -> tuple[int | None, str, str]:
    """(level, lead-in, rest).  A standalone heading is all lead-in; a run-in
    heading's lead-in ends at its first "。" or "：" (within 30 characters);
    a long numbered paragraph without such a stop is not styled."""
    level = heading_level(text)
    if level is None:
        return None, "", text
    body = text.rstrip("。")
    if len(text) <= _STANDALONE_MAX and "。" not in body and "；" not in body and "，" not in body:
        return level, text, ""
    m = re.search(r"[。：]", text[:31])
    if m:
        return level, text[: m.end()], text[m.end() :]
    return level, "", text


# ---------------------------------------------------------------------------
# txt / md
# ---------------------------------------------------------------------------


def _render_txt(rep: SyntheticReport) -> bytes:
    out = list(rep.title)
    for b in rep.blocks:
        if isinstance(b, Paragraph):
            out.append(b.text)
            continue
        if b.caption:
            out.append(b.caption)
        for row in b.rows():
            out.append("  ".join(c.text for c in row).rstrip())
    return ("\n".join(out) + "\n").encode("utf-8")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _render_md(rep: SyntheticReport) -> bytes:
    out: list[str] = []
    if rep.title:
        out.append("# " + rep.title_text)
    for b in rep.blocks:
        if isinstance(b, Paragraph):
            level, head, rest = _heading_parts(b.text)
            if level in (1, 2) and head and not rest:
                out.append("#" * (level + 1) + " " + b.text)
            else:
                out.append(b.text)
            continue
        if b.caption:
            out.append(b.caption)
        origins = b.origins()
        lines = []
        for r in range(b.n_rows):
            cells = [_md_cell(o.text) if o is not None else "" for o in origins[r]]
            lines.append("| " + " | ".join(cells) + " |")
            if r == 0:
                lines.append("|" + "---|" * b.n_cols)
        out.append("\n".join(lines))
    return ("\n\n".join(out) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# html
# ---------------------------------------------------------------------------

_SITE_RE = lazyre.compile_std(r"^(.*?)(?:关于|\d{4}\s*年|[（(]?\d{4})")


def _site_name(rep: SyntheticReport) -> str:
    if rep.meta.get("site"):
        return rep.meta["site"]
    m = _SITE_RE.match(rep.title_text)
    name = m.group(1) if m and m.group(1) else ""
    return (name or "示例") + "门户网站"


def _esc(text: str) -> str:
    return _html.escape(text, quote=True)


def _html_paragraph(text: str) -> str:
    level, head, rest = _heading_parts(text)
    if level is not None and head:
        inner = f"<strong>{_esc(head)}</strong>{_esc(rest)}"
    else:
        inner = _esc(text)
    return f'<p style="text-indent:2em;line-height:2;">{inner}</p>'


def _html_table(t: TableBlock) -> str:
    out = []
    if t.caption:
        out.append(f'<p style="text-align:center;"><strong>{_esc(t.caption)}</strong></p>')
    out.append(
        '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
        'style="border-collapse:collapse;width:100%;margin:0 auto;">'
    )
    out.append("<tbody>")
    numeric = _numeric_cols(t)
    for row in t.rows():
        out.append("<tr>")
        for c in row:
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            align = "center" if _align_center(t, c, numeric) else "left"
            out.append(
                f'<td{attrs} valign="middle" style="border:1px solid #000;padding:2px 4px;">'
                f'<p style="text-align:{align};">{_esc(c.text)}</p></td>'
            )
        out.append("</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _render_html(rep: SyntheticReport) -> bytes:
    site = _site_name(rep)
    title = rep.title_text
    published = rep.meta.get("published", "")
    publisher = rep.meta.get("publisher", site.replace("门户网站", ""))
    column = rep.meta.get("column", "年度报告")
    body: list[str] = []
    for b in rep.blocks:
        body.append(_html_paragraph(b.text) if isinstance(b, Paragraph) else _html_table(b))
    info = []
    if published:
        info.append(f"<span>发布时间：{_esc(published)}</span>")
    info.append(f"<span>来源：{_esc(publisher)}</span>")
    info.append('<span>浏览次数：<em id="hits">--</em></span>')
    info.append(
        '<span class="font">【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> '
        '<a href="javascript:;">小</a>】</span>'
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{_esc(site)}">
<meta name="ColumnName" content="{_esc(column)}">
<meta name="ArticleTitle" content="{_esc(title)}">
<meta name="PubDate" content="{_esc(published)}">
<title>{_esc(title)}_{_esc(site)}</title>
<link rel="stylesheet" href="/css/common.css">
<script src="/js/jquery-1.12.4.min.js"></script>
<style>
body{{margin:0;font-family:"Microsoft YaHei",SimSun,serif;}}
.top,.nav,.position,.main,.footer{{width:1000px;margin:0 auto;}}
.nav li{{display:inline-block;padding:0 18px;}}
.article_content p{{margin:0;font-size:16px;}}
</style>
</head>
<body>
<div class="top">
<div class="logo"><a href="/"><img src="/images/logo.png" alt="{_esc(site)}"></a></div>
<div class="search"><form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
<div class="top_links"><a href="/">无障碍浏览</a> | <a href="/">长者模式</a> | <a href="/">English</a></div>
</div>
<div class="nav">
<ul>
<li><a href="/">首页</a></li>
<li><a href="/zwdt/">政务动态</a></li>
<li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zfxxgk/">政府信息公开</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li>
<li><a href="/zjxx/">走进本地</a></li>
</ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/{"ndbg" if column == "年度报告" else "lm"}/">{_esc(column)}</a></div>
<div class="main">
<div class="article">
<h1 class="article_title">{_esc(title)}</h1>
<div class="article_info">{" ".join(info)}</div>
<div class="article_content">
{chr(10).join(body)}
</div>
<div class="article_tools"><a href="javascript:window.print();">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a></div>
<div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a> <a href="javascript:;">QQ空间</a></div>
</div>
<div class="related">
<h3>相关链接</h3>
<ul>
<li><a href="/zfxxgk/zn/">政府信息公开指南</a></li>
<li><a href="/zfxxgk/zd/">政府信息公开制度</a></li>
<li><a href="/zfxxgk/ysqgk/">依申请公开</a></li>
</ul>
</div>
</div>
<div class="footer">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sysm/">使用说明</a></p>
<p>版权所有：{_esc(publisher)}　主办：{_esc(publisher)}　技术支持：示例信息技术有限公司</p>
<p>网站标识码：0000000000　示ICP备12345678号-1　示公网安备 00000000000000号</p>
</div>
<script>
$(function(){{ $("#hits").text("1024"); }});
</script>
</body>
</html>
"""
    return page.encode("utf-8")


# ---------------------------------------------------------------------------
# Table geometry shared by docx and pdf
# ---------------------------------------------------------------------------


def _text_em(text: str) -> float:
    """Width of a one-line text in ems (CJK = 1, other = 0.55)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _is_short(text: str) -> bool:
    return _text_em(text) <= 8


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,.]+(?:元|万元|%)?|[/—-]|", text.strip()))


def _numeric_cols(t: TableBlock) -> set[int]:
    """Columns whose single-column cells are mostly numbers."""
    flags: dict[int, list[bool]] = {}
    for c in t.cells:
        if c.colspan == 1:
            flags.setdefault(c.col, []).append(_is_number(c.text))
    return {k for k, f in flags.items() if sum(f) >= 0.6 * len(f)}


def _align_center(t: TableBlock, c: TableCell, numeric: set[int]) -> bool:
    """Numbers, header cells of number columns and merged labels are
    centred; other text is left-aligned."""
    if _is_number(c.text) or (c.colspan == 1 and c.col in numeric):
        return True
    return (c.rowspan > 1 or c.colspan > 1) and _is_short(c.text)


def _col_widths(t: TableBlock, avail: float, font: float, pad: float) -> list[float]:
    """Column widths that fill ``avail``: each column wants the width of its
    widest single-column cell, capped at 16 characters (in a column of
    numbers a header cell may wrap, so it counts at most 3 characters; a
    cell spanning three rows or more at most 5), and the widest columns are
    cut first when the table is too wide."""
    numeric = _numeric_cols(t)
    want = [2.0 * font + 2 * pad] * t.n_cols
    for c in t.cells:
        if c.colspan == 1:
            if c.col in numeric and not _is_number(c.text):
                cap = 3.0
            elif c.rowspan >= 3:
                cap = 5.0
            else:
                cap = 16.0
            w = min(_text_em(c.text), cap) * font + 2 * pad
            want[c.col] = max(want[c.col], w)
    total = sum(want)
    if total <= avail:
        return [w * avail / total for w in want]
    # Find the cap t with sum(min(w, t)) == avail.
    lo, hi = 0.0, max(want)
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(min(w, mid) for w in want) > avail:
            hi = mid
        else:
            lo = mid
    widths = [min(w, lo) for w in want]
    rest = avail - sum(widths)
    if rest > 0.01:
        widths = [w * avail / sum(widths) for w in widths]
    return widths


# ---------------------------------------------------------------------------
# docx
# ---------------------------------------------------------------------------

_FIXED_DATE = _dt.datetime(2000, 1, 1, 0, 0, 0)


def _published(rep: SyntheticReport) -> _dt.datetime:
    try:
        return _dt.datetime.strptime(rep.meta.get("published", ""), "%Y-%m-%d").replace(hour=9)
    except ValueError:
        return _FIXED_DATE


def _normalise_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, same member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _render_docx(rep: SyntheticReport) -> bytes:
    from docx import Document as _DocxDocument
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    body_font, title_font, head_font = "仿宋_GB2312", "方正小标宋简体", "黑体"

    def set_font(run, name: str, size: float, bold: bool = False) -> None:
        run.font.name = name
        run.font.size = Pt(size)
        run.font.bold = bold or None
        rpr = run._element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), name)

    doc = _DocxDocument()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = body_font
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), body_font)

    for t in rep.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        set_font(p.add_run(t), title_font, 22)
    if rep.title:
        doc.add_paragraph()  # the blank line under the title

    avail_pt = (21.0 - 2.8 - 2.6) / 2.54 * 72
    for b in rep.blocks:
        if isinstance(b, Paragraph):
            p = doc.add_paragraph()
            pf = p.paragraph_format
            pf.first_line_indent = Pt(32)
            pf.line_spacing = Pt(28)
            pf.space_after = Pt(0)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            level, head, rest = _heading_parts(b.text)
            if level is not None and head:
                set_font(p.add_run(head), head_font if level == 1 else body_font, 16, bold=True)
                if rest:
                    set_font(p.add_run(rest), body_font, 16)
            else:
                set_font(p.add_run(b.text), body_font, 16)
            continue
        if b.caption:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(b.caption), body_font, 14, bold=True)
        table = doc.add_table(rows=b.n_rows, cols=b.n_cols)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        numeric = _numeric_cols(b)
        for c in b.cells:
            cell = table.cell(c.row, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
            para = cell.paragraphs[0]
            center = _align_center(b, c, numeric)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
            para.paragraph_format.space_after = Pt(0)
            if c.text:
                set_font(para.add_run(c.text), body_font, 10.5)
        widths = _col_widths(b, avail_pt, 10.5, 5.4)
        for k, col in enumerate(table.columns):
            col.width = Pt(widths[k])
        for tr in table._tbl.tr_lst:
            k = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                tc.width = Pt(sum(widths[k : k + span]))
                k += span
        doc.add_paragraph()

    when = _published(rep)
    cp = doc.core_properties
    cp.title = rep.title_text
    cp.author = rep.meta.get("publisher", "gireport.testing")
    cp.last_modified_by = cp.author
    cp.comments = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue(), when)


# ---------------------------------------------------------------------------
# pdf
# ---------------------------------------------------------------------------


def _render_pdf(rep: SyntheticReport) -> bytes:
    try:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import (
            Flowable,
            SimpleDocTemplate,
            Spacer,
            Table,
            TableStyle,
        )
        from reportlab.platypus import Paragraph as RLParagraph
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(_PDF_HINT) from exc
    from xml.sax.saxutils import escape

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))

    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=12,
        leading=21,
        firstLineIndent=24,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
        spaceAfter=0,
    )
    heading = ParagraphStyle("heading", parent=body, spaceBefore=3)
    title_style = ParagraphStyle(
        "title",
        fontName=font,
        fontSize=18,
        leading=28,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    caption_style = ParagraphStyle(
        "caption",
        fontName=font,
        fontSize=11,
        leading=18,
        alignment=TA_CENTER,
        wordWrap="CJK",
        spaceBefore=6,
        spaceAfter=4,
    )
    cell_c = ParagraphStyle("cell", fontName=font, fontSize=9, leading=11.5, alignment=TA_CENTER, wordWrap="CJK")
    cell_l = ParagraphStyle("cell_l", parent=cell_c, alignment=TA_LEFT)

    numeric_cache: dict[int, set[int]] = {}

    def make_table(b: TableBlock, widths: list[float], r0: int, r1: int) -> Table:
        """Rows r0..r1-1 of ``b`` as a reportlab Table.  A merged cell cut by
        the range keeps its text in the part holding its first row; the part
        holding its other rows gets an empty merged box."""
        numeric = numeric_cache.setdefault(id(b), _numeric_cols(b))
        n = r1 - r0
        data: list[list] = [["" for _ in range(b.n_cols)] for _ in range(n)]
        cmds: list[tuple] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for c in b.cells:
            top, bottom = max(c.row, r0), min(c.row + c.rowspan, r1)
            if top >= bottom:
                continue
            if c.row >= r0 and c.text:
                style = cell_c if _align_center(b, c, numeric) else cell_l
                data[top - r0][c.col] = RLParagraph(escape(c.text), style)
            if bottom - top > 1 or c.colspan > 1:
                cmds.append(("SPAN", (c.col, top - r0), (c.col + c.colspan - 1, bottom - r0 - 1)))
        return Table(data, colWidths=widths, style=TableStyle(cmds), hAlign="CENTER")

    class _RowSplitTable(Flowable):
        """A ruled table that breaks across pages between rows, even inside
        a merged cell (as word processors do), instead of refusing to split
        a tall merged cell or cutting a row in half."""

        def __init__(self, b: TableBlock, widths: list[float], r0: int, r1: int) -> None:
            super().__init__()
            self.b, self.widths, self.r0, self.r1 = b, widths, r0, r1
            self.table = make_table(b, widths, r0, r1)
            self.hAlign = "CENTER"

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.width, self.height = self.table.wrap(aw, ah)
            return self.width, self.height

        def draw(self) -> None:
            self.table.drawOn(self.canv, 0, 0)

        def split(self, aw: float, ah: float) -> list:
            self.table.wrap(aw, ah)
            used, n = 0.0, 0
            for rh in self.table._rowHeights:
                if used + rh > ah:
                    break
                used += rh
                n += 1
            # Keep at least two rows (and a data row under a header) together.
            if n < 2 or n >= self.r1 - self.r0:
                return []
            cut = self.r0 + n
            return [
                _RowSplitTable(self.b, self.widths, self.r0, cut),
                _RowSplitTable(self.b, self.widths, cut, self.r1),
            ]

    left, right, top, bottom = 28 * mm, 26 * mm, 30 * mm, 25 * mm
    avail = A4[0] - left - right - 12  # the frame's default 6pt padding on each side
    story: list = []
    for t in rep.title:
        # A long title line is set a little smaller rather than wrapped.
        size = max(14.0, min(18.0, (avail - 2) / max(pdfmetrics.stringWidth(t, font, 1), 1)))
        style = ParagraphStyle("title_fit", parent=title_style, fontSize=size, leading=size * 1.55)
        story.append(RLParagraph(escape(t), style))
    if rep.title:
        story.append(Spacer(1, 10))
    for b in rep.blocks:
        if isinstance(b, Paragraph):
            level = heading_level(b.text)
            story.append(RLParagraph(escape(b.text), heading if level else body))
            continue
        if b.caption:
            story.append(RLParagraph(escape(b.caption), caption_style))
        else:
            story.append(Spacer(1, 6))
        story.append(_RowSplitTable(b, _col_widths(b, avail, 9, 3), 0, b.n_rows))
        story.append(Spacer(1, 8))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 10.5)
        canvas.drawCentredString(A4[0] / 2, 14 * mm, f"- {doc.page} -")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=rep.title_text,
        author=rep.meta.get("publisher", "gireport.testing"),
        creator="gireport.testing.render",
        producer="gireport.testing.render",
        subject="",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------

_RENDERERS = {
    "txt": _render_txt,
    "md": _render_md,
    "html": _render_html,
    "docx": _render_docx,
    "pdf": _render_pdf,
}


def render(
    source: str | SyntheticReport,
    fmt: str,
    path: str | PathLike[str] | None = None,
) -> bytes:
    """Render a report (source markup text or a parsed
    :class:`SyntheticReport`) as ``fmt`` (one of :data:`FORMATS`).  Returns
    the bytes and, when ``path`` is given, also writes them there."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    rep = parse_source(source) if isinstance(source, str) else source
    data = _RENDERERS[fmt](rep)
    if path is not None:
        Path(path).write_bytes(data)
    return data
