"""PDF loading: real reports, generated reports, and malformed input."""

from __future__ import annotations

import importlib
import io
import itertools
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import gireport
from gireport.document import Document, Table
from gireport.errors import CorruptFileError, EncryptedPDFError, GireportError, NeedsOCRError
from gireport.load.pdf import load_pdf
from gireport.text import normalize

from conftest import PDFIUM_FONT_DIR_PRELUDE

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_PDF = SHARED / "corpus-real" / "pdf"
needs_real = pytest.mark.skipif(not REAL_PDF.is_dir(), reason="shared/corpus-real/pdf not present")

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
CJK_SPACE_RE = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
PAGE_NUMBER_LINE_RE = re.compile(r"^\s*[-—–]\s*\d+\s*[-—–]\s*$", re.M)
NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?$")


def paragraphs(doc: Document) -> list[str]:
    return [doc.block_text(b) for b in doc.blocks if b.kind != "table"]


def numeric_rows(table: Table) -> list[tuple[str, list[int]]]:
    """(row label, the printed numeric cells of the row) for each table row."""
    out = []
    for r in range(table.n_rows):
        cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
        nums = [int(float(c.text)) for c in cells if NUMBER_RE.match(c.text)]
        label = "".join(table.grid()[r][: max(1, table.n_cols - len(nums))])
        out.append((label, nums))
    return out


# ---------------------------------------------------------------------------
# Real reports


@pytest.fixture(scope="module")
def real_docs() -> dict[str, Document]:
    if not REAL_PDF.is_dir():
        pytest.skip("shared/corpus-real/pdf not present")
    return {p.stem: gireport.load(p) for p in sorted(REAL_PDF.glob("*.pdf"))}


@needs_real
@pytest.mark.parametrize("name,pages", [("hongze-district-2023", 5), ("hongze-district-2024", 5), ("huaian-city-2024", 6)])
def test_real_page_count_and_source(real_docs, name, pages):
    doc = real_docs[name]
    assert doc.source.format == "pdf"
    assert doc.source.pages == pages
    assert [p for _, p in doc.page_starts] == sorted({p for _, p in doc.page_starts})
    assert doc.page_at(len(doc.text) - 1) == pages


@needs_real
@pytest.mark.parametrize("name", ["hongze-district-2023", "hongze-district-2024", "huaian-city-2024"])
def test_real_headings_start_paragraphs_in_order(real_docs, name):
    paras = paragraphs(real_docs[name])
    found = [next(i for i, p in enumerate(paras) if p.startswith(h)) for h in HEADINGS]
    assert found == sorted(found)
    # The headings are paragraphs of their own here (the next line is indented).
    for h in HEADINGS:
        assert h in paras


@needs_real
@pytest.mark.parametrize("name", ["hongze-district-2023", "hongze-district-2024", "huaian-city-2024"])
def test_real_page_numbers_removed_and_no_cjk_spaces(real_docs, name):
    doc = real_docs[name]
    assert not PAGE_NUMBER_LINE_RE.search(doc.text)
    for p in paragraphs(doc):
        assert not re.fullmatch(r"-?\d+-?", p), p
    assert not CJK_SPACE_RE.search(doc.text)
    assert any("page numbers" in n for n in doc.notes)
    assert any("continues on page" in n for n in doc.notes)


@needs_real
def test_real_sentences_rejoined_across_line_breaks(real_docs):
    doc = real_docs["hongze-district-2023"]
    text = "\n".join(paragraphs(doc))
    # "2023 年，我区在政 / 府网站平台主动公开政府信息 1136 条。" is split over two lines.
    assert normalize("2023年，我区在政府网站平台主动公开政府信息1136条。") in text
    # Lines of one paragraph are joined without a space or a line break.
    assert normalize("不断完善政府信息公开制度，建立健全政府信息公开保障机制") in text
    assert normalize("电子邮箱：hzzwgk@126.com）。") in text
    # A paragraph that runs on across a page break is one paragraph.
    joined = normalize("严格执行“分级审核、先审后发”程序")
    block = next(b for b in doc.blocks if joined in doc.block_text(b))
    assert doc.block_text(block).startswith("加强区政府门户网站")
    assert block.page == 1
    assert doc.page_at(doc.text.index(joined, block.start) + len(joined) - 1) == 2
    huaian = "\n".join(paragraphs(real_docs["huaian-city-2024"]))
    assert normalize("2024年，全市共受理政府信息公开申请3119件，答复3050件") in huaian


@needs_real
def test_real_heading_pages(real_docs):
    doc = real_docs["hongze-district-2023"]
    expected = {"一、总体情况": 1, "二、主动公开政府信息情况": 2, "三、收到和处理政府信息公开申请情况": 3,
                "四、政府信息公开行政复议、行政诉讼情况": 4, "六、其他需要报告的事项": 5}
    for heading, page in expected.items():
        block = next(b for b in doc.blocks if doc.block_text(b) == heading)
        assert block.page == page, heading
        assert doc.page_at(block.start) == page, heading
    doc = real_docs["huaian-city-2024"]
    block = next(b for b in doc.blocks if doc.block_text(b) == "六、其他需要报告的事项")
    assert block.page == doc.page_at(block.start) == 6


@needs_real
@pytest.mark.parametrize("name,n_rows", [("hongze-district-2023", 23), ("hongze-district-2024", 23), ("huaian-city-2024", 25)])
def test_real_tables(real_docs, name, n_rows):
    doc = real_docs[name]
    assert len(doc.tables) >= 3
    rows = [r for t in doc.tables for r in numeric_rows(t)]
    # The applications table: a "本年新收" row with 7 numbers, split over a page
    # break but with no row lost: 25 data rows in the 2021 format (the hongze
    # reports merge (六)其他处理 into one row).
    new = [nums for label, nums in rows if "本年新收" in label]
    assert len(new) == 1 and len(new[0]) == 7
    seven = [(label, nums) for label, nums in rows if len(nums) == 7]
    assert len(seven) == n_rows
    for _, nums in seven:  # the 总计 column is the sum of the six applicant columns
        assert sum(nums[:6]) == nums[6]
    by_label = {label: nums for label, nums in seven}
    def total(key: str) -> int:
        return next(v for k, v in by_label.items() if key in k)[6]

    assert total("本年新收") + total("上年结转") == total("(七)总计") + total("结转下年度")
    # The review/litigation table: one row of 15 numbers.
    assert any(len(nums) == 15 for _, nums in rows)
    # The 主动公开 table keeps its row labels.
    assert any("行政规范性文件" in label and len(nums) == 3 for label, nums in rows)


@needs_real
def test_real_table_spans_and_order(real_docs):
    doc = real_docs["hongze-district-2023"]
    apps = next(t for t in doc.tables if any("本年新收" in c.text for c in t.cells))
    vertical = next(c for c in apps.cells if c.text == "三、本年度办理结果")
    assert vertical.rowspan >= 10 and vertical.colspan == 1
    assert any(c.text == "申请人情况" and c.colspan == 7 for c in apps.cells)
    # Tables sit between the headings that introduce them.
    kinds = [(b.kind, doc.block_text(b) if b.kind != "table" else "") for b in doc.blocks]
    i2 = kinds.index(("paragraph", "二、主动公开政府信息情况"))
    i3 = kinds.index(("paragraph", "三、收到和处理政府信息公开申请情况"))
    assert kinds[i2 + 1][0] == "table" and kinds[i3 + 1][0] == "table"
    assert all(k == "table" for k, _ in kinds[i2 + 1 : i3])


@needs_real
@pytest.mark.parametrize("name", ["hongze-district-2023", "hongze-district-2024", "huaian-city-2024"])
def test_real_table_text_not_duplicated_in_paragraphs(real_docs, name):
    doc = real_docs[name]
    body = "\n".join(paragraphs(doc))
    for t in doc.tables:
        for c in t.cells:
            if len(c.text) >= 8:
                assert c.text not in body, c.text
    assert "本年新收" not in body
    assert "行政事业性收费" not in body


# ---------------------------------------------------------------------------
# Generated reports (reportlab)

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLE = "某某县人民政府2023年政府信息公开工作年度报告"
PARAS = [
    "本报告由某某县人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）要求编制。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与县政府办公室联系（电话：0517-87222589，电子邮箱：gk@example.gov.cn）。",
    "一、总体情况",
    "2023年，某某县人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求，不断完善政府信息公开制度，建立健全政府信息公开保障机制，始终将政务公开工作摆在重要位置，推进政府信息公开工作规范、有序、健康发展。",
    "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。2023年，我县在政府网站平台主动公开政府信息1136条，其中政策文件56件，政策解读23篇，回应社会关切问题128个。",
    "（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请公开受理渠道。2023年全县受理政府信息公开申请21件，均在法定期限内答复，答复率100%。",
    "（三）政府信息管理情况。加强县政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、文字关，未经审核的信息一律不准发布。全年共审核各类信息3562条，退回修改218条。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "本年度共收到政府信息公开申请21件，其中自然人申请18件，法人或其他组织申请3件；上年结转申请0件。本年度办理结果中，予以公开12件，部分公开4件，不予公开1件，无法提供3件，不予处理1件。",
    "四、存在的主要问题及改进情况",
    "2023年，全县政府信息公开工作取得一定成效，但对照上级要求，仍存在一定差距。如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升等。下一步，将切实抓好以下工作：一是扎实推进依申请公开工作；二是继续优化政务公开、政策解读、关切回应等工作；三是继续加强业务指导培训，不断提高工作人员的业务水平。",
    "五、其他需要报告的事项",
    "2023年，县政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。",
]
# (row, col, rowspan, colspan, text)
TABLE = [
    (0, 0, 2, 1, "信息内容"), (0, 1, 1, 2, "本年情况"), (0, 3, 2, 1, "总计"),
    (1, 1, 1, 1, "新收"), (1, 2, 1, 1, "办结"),
    (2, 0, 1, 1, "行政许可"), (2, 1, 1, 1, "12"), (2, 2, 1, 1, "10"), (2, 3, 1, 1, "22"),
    (3, 0, 1, 1, "行政处罚"), (3, 1, 1, 1, "3"), (3, 2, 1, 1, "4"), (3, 3, 1, 1, "7"),
]
TABLE_AFTER = PARAS.index("二、主动公开政府信息情况")


@dataclass
class _Op:
    kind: str  # "line" | "table"
    y: float
    x: float = 0.0
    text: str = ""
    char_space: float = 0.0


def _tokens(text: str) -> list[str]:
    """Wrap units: a run of ASCII letters/digits stays whole, as in Word."""
    return re.findall(r"[A-Za-z0-9@._\-%]+|.", text)


def _wrap(text: str, first_indent: float, width: float, size: float) -> list[tuple[float, str, float]]:
    """Greedy wrap into (indent, line, char space); full lines are justified."""
    lines: list[tuple[float, str, float]] = []
    cur, indent = "", first_indent
    for tok in _tokens(text):
        if cur and pdfmetrics.stringWidth(cur + tok, FONT, size) > width - indent:
            lines.append((indent, cur, 0.0))
            cur, indent = "", 0.0
        cur += tok
    lines.append((indent, cur, 0.0))
    out = []
    for i, (ind, s, _) in enumerate(lines):
        cs = 0.0
        if i < len(lines) - 1 and len(s) > 1:
            cs = (width - ind - pdfmetrics.stringWidth(s, FONT, size)) / (len(s) - 1)
        out.append((ind, s, cs))
    return out


def make_report_pdf(
    paras: Sequence[str] = PARAS,
    *,
    header: str | None = TITLE,
    footer: str | None = "- {n} -",
    table: Sequence[tuple[int, int, int, int, str]] | None = None,
    table_after: int | None = None,
    size: float = 12,
    leading: float = 21,
) -> bytes:
    W, H = A4
    left, right, top, bottom = 72.0, W - 72.0, H - 90.0, 90.0
    width = right - left
    pages: list[list[_Op]] = [[]]
    y = top

    def need(h: float) -> None:
        nonlocal y
        if y - h < bottom:
            pages.append([])
            y = top

    col_w = [width * 0.4, width * 0.2, width * 0.2, width * 0.2]
    row_h = 26.0
    for i, p in enumerate(paras):
        for indent, s, cs in _wrap(p, 2 * size, width, size):
            need(leading)
            pages[-1].append(_Op("line", y - size, left + indent, s, cs))
            y -= leading
        if table is not None and i == table_after:
            n_rows = max(r + rs for r, _, rs, _, _ in table)
            need(n_rows * row_h + 10)
            pages[-1].append(_Op("table", y - 4))
            y -= n_rows * row_h + 14

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n, ops in enumerate(pages, 1):
        c.setFont(FONT, 9)
        if header:
            c.drawCentredString(W / 2, H - 45, header)
        if footer:
            c.drawCentredString(W / 2, 40, footer.format(n=n, m=len(pages)))
        for op in ops:
            if op.kind == "line":
                t = c.beginText(op.x, op.y)
                t.setFont(FONT, size)
                t.setCharSpace(op.char_space)
                t.textOut(op.text)
                c.drawText(t)
            else:
                assert table is not None
                xs = [left]
                for w in col_w:
                    xs.append(xs[-1] + w)
                c.setLineWidth(0.75)
                for r, col, rs, cs, text in table:
                    x0, x1 = xs[col], xs[col + cs]
                    y1 = op.y - r * row_h
                    y0 = y1 - rs * row_h
                    c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
                    c.setFont(FONT, 10.5)
                    c.drawCentredString((x0 + x1) / 2, (y0 + y1) / 2 - 4, text)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return make_report_pdf(table=TABLE, table_after=TABLE_AFTER)


def test_generated_report_paragraphs_exact(report_pdf):
    doc = gireport.load(report_pdf, name="generated.pdf")
    assert doc.source.pages is not None and doc.source.pages >= 2
    assert paragraphs(doc) == [normalize(p) for p in PARAS]
    assert "某某县人民政府2023年政府信息公开工作年度报告" not in doc.text  # the running header
    assert not PAGE_NUMBER_LINE_RE.search(doc.text)
    assert any("running header" in n for n in doc.notes)
    assert any("page numbers" in n for n in doc.notes)


def test_generated_report_table_with_spans(report_pdf):
    doc = gireport.load(report_pdf, name="generated.pdf")
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (4, 4)
    assert t.grid() == [
        ["信息内容", "本年情况", "本年情况", "总计"],
        ["信息内容", "新收", "办结", "总计"],
        ["行政许可", "12", "10", "22"],
        ["行政处罚", "3", "4", "7"],
    ]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in t.cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 2) and spans[(0, 3)] == (2, 1)
    assert len(t.cells) == len(TABLE)
    # In reading order, right after its heading; its text is not in paragraphs.
    i = next(k for k, b in enumerate(doc.blocks) if doc.block_text(b) == "二、主动公开政府信息情况")
    assert doc.blocks[i + 1].kind == "table"
    assert doc.block_text(doc.blocks[i + 2]) == "三、收到和处理政府信息公开申请情况"
    body = "\n".join(paragraphs(doc))
    assert "行政许可" not in body and "本年情况" not in body


def test_generated_report_pages(report_pdf):
    doc = gireport.load(report_pdf, name="generated.pdf")
    pages = doc.source.pages
    assert pages and doc.page_at(0) == 1 and doc.page_at(len(doc.text) - 1) == pages
    last = next(b for b in doc.blocks if doc.block_text(b) == "五、其他需要报告的事项")
    assert last.page == doc.page_at(last.start) == pages
    # Every block's page agrees with page_at at its start.
    for b in doc.blocks:
        assert doc.page_at(b.start) == b.page


def test_running_header_equal_to_title_keeps_the_title():
    # The header repeats the report title; the title itself, at the top of
    # page 1 in a larger size, is body text and stays.
    paras = [TITLE] + PARAS[2:6] * 4
    doc = load_pdf(make_report_pdf(paras, header=TITLE), None, "title.pdf")
    assert doc.source.pages is not None and doc.source.pages >= 2
    assert paragraphs(doc) == [normalize(p) for p in paras]
    assert any("running header" in n for n in doc.notes)


@pytest.mark.parametrize("footer", ["- {n} -", "第 {n} 页 共 {m} 页", "{n}/{m}", "{n}", "— {n} —"])
def test_generated_footer_styles_removed(footer):
    data = make_report_pdf(PARAS[:6] * 2, header=None, footer=footer)
    doc = load_pdf(data, None, "footer.pdf")
    assert paragraphs(doc) == [normalize(p) for p in PARAS[:6] * 2]
    assert any("page numbers" in n for n in doc.notes)


def test_generated_paragraph_across_page_break_maps_pages():
    # Enough text that a paragraph runs over the page break (the leading
    # heading shifts the layout so the break falls inside a paragraph).
    paras = [PARAS[1]] + [PARAS[2], PARAS[3], PARAS[5]] * 4
    doc = load_pdf(make_report_pdf(paras, header=None), None, "break.pdf")
    assert paragraphs(doc) == [normalize(p) for p in paras]
    crossing = [b for b in doc.paragraphs() if doc.page_at(b.end - 1) != b.page]
    assert crossing, "expected a paragraph continuing on the next page"
    for b in crossing:
        assert doc.page_at(b.end - 1) == b.page + 1


def rotated_pdf(rot: int) -> bytes:
    """One page with /Rotate ``rot`` whose content is drawn turned the other
    way, so that it reads upright on screen: a heading, a paragraph and a
    ruled 2x2 table, placed in display coordinates."""
    mw, mh = A4  # the MediaBox reportlab writes (it swaps the size for 90/270)

    def user(dx: float, dtop: float) -> tuple[float, float]:
        return {0: (dx, mh - dtop), 90: (dtop, dx), 180: (mw - dx, dtop), 270: (mw - dtop, mh - dx)}[rot]

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(mh, mw) if rot in (90, 270) else (mw, mh))
    c.setPageRotation(rot)

    def text(dx: float, baseline: float, s: str) -> None:
        x, y = user(dx, baseline)
        c.saveState()
        c.translate(x, y)
        c.rotate(rot)
        c.setFont(FONT, 12)
        c.drawString(0, 0, s)
        c.restoreState()

    def line(a: tuple[float, float], b: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = user(*a), user(*b)
        c.line(x0, y0, x1, y1)

    text(72, 100, "一、总体情况")
    text(96, 130, "本年度主动公开政府信息1136条，其中政策文件56件。")
    for yy in (200, 230, 260):
        line((72, yy), (272, yy))
    for xx in (72, 172, 272):
        line((xx, 200), (xx, 260))
    text(80, 220, "规章")
    text(180, 220, "12")
    text(80, 250, "文件")
    text(180, 250, "3")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("rot", [0, 90, 180, 270])
def test_rotated_pages_read_upright(rot):
    doc = load_pdf(rotated_pdf(rot), None, f"rot{rot}.pdf")
    assert paragraphs(doc) == ["一、总体情况", normalize("本年度主动公开政府信息1136条，其中政策文件56件。")]
    assert [t.grid() for t in doc.tables] == [[["规章", "12"], ["文件", "3"]]]


# ---------------------------------------------------------------------------
# Fonts the PDF does not embed: the text must not depend on the machine's fonts


def wrapped_cells_pdf() -> bytes:
    """A ruled table (STSong-Light, not embedded) whose header cells wrap so
    that one character stands alone on the cell's second line, and whose
    body cells hold lone digits: the text objects PDFium skips when its
    substitute font has no glyph for them."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    top, xs, ys = 760.0, [72.0, 172.0, 208.0, 244.0], [760.0, 730.0, 710.0, 690.0]
    for yy in ys:
        c.line(xs[0], yy, xs[-1], yy)
    for xx in xs:
        c.line(xx, ys[0], xx, ys[-1])
    c.setFont(FONT, 9)
    c.drawString(76, top - 12, "办理情况")
    for x, (first, rest) in zip(xs[1:], [("行政机", "关"), ("其他组", "织")], strict=False):
        c.drawString(x + 4, top - 12, first)
        c.drawString(x + 4, top - 23, rest)
    for row, (label, cells) in enumerate([("本年新收", ("7", "0")), ("上年结转", ("1", "2"))]):
        base = ys[row + 1] - 14
        c.drawString(76, base, label)
        for x, s in zip(xs[1:], cells, strict=False):
            c.drawString(x + 14, base, s)
    c.setFont(FONT, 12)
    c.drawString(72, 640, "本机关全年收到申请8件。")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_lone_characters_of_non_embedded_font_kept():
    doc = load_pdf(wrapped_cells_pdf(), None, "wrapped.pdf")
    assert [t.grid() for t in doc.tables] == [
        [["办理情况", "行政机关", "其他组织"], ["本年新收", "7", "0"], ["上年结转", "1", "2"]]
    ]
    assert paragraphs(doc) == ["本机关全年收到申请8件。"]


def identity_cid_pdf(base_font: str = "SimSun") -> bytes:
    """Word's "do not embed" kind of font: a Type0 font over a CIDFontType2
    of ``Identity`` ordering, no font file, text mapped by a ToUnicode CMap.
    Two full lines, then a line of one character."""
    chars = "本年共受理申请事项九件其中办结"
    cmap = "\n".join(f"<{k + 1:04X}> <{ord(ch):04X}>" for k, ch in enumerate(chars))
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (UCS) /Supplement 0 >> def /CMapName /U def 1 begincodespacerange <0000> <FFFF> "
        f"endcodespacerange {len(chars)} beginbfchar\n{cmap}\nendbfchar endcmap CMapName currentdict "
        "/CMap defineresource pop end end"
    ).encode()

    def show(y: int, s: str) -> str:
        return f"BT /F1 12 Tf 72 {y} Td <{''.join(f'{chars.index(ch) + 1:04X}' for ch in s)}> Tj ET\n"

    content = (show(760, "本年共受理申请事项九件其中办结九件") + show(740, "其中办结九件本年共受理申请事项九件")
               + show(720, "件")).encode()
    return _hand_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        "/Contents 4 0 R >>",
        _stream(content),
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{base_font} /Encoding /Identity-H /DescendantFonts [6 0 R] "
        "/ToUnicode 8 0 R >>",
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base_font} /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        f"<< /Type /FontDescriptor /FontName /{base_font} /Flags 6 /FontBBox [-8 -142 1000 858] /ItalicAngle 0 "
        "/Ascent 858 /Descent -142 /CapHeight 858 /StemV 93 >>",
        _stream(to_unicode),
    ])


@pytest.mark.parametrize("base_font", ["SimSun", "#CB#CE#CC#E5"])  # the second: 宋体 in GBK
def test_lone_character_of_non_embedded_identity_font_kept(base_font):
    doc = load_pdf(identity_cid_pdf(base_font), None, "identity.pdf")
    assert doc.text.count("件") == 5, doc.text  # four in the full lines, one alone


# Run in a fresh interpreter: re-initialise PDFium with ``font_dir`` as its
# only system-font folder ("" keeps the machine's own), load each PDF and
# print its text and table grids as JSON.  With ``substitute`` "off" the
# fixed substitute of gireport.load.pdffont is not installed (to show that
# the environment really changes what PDFium reads).
_FONT_ENV_SCRIPT = PDFIUM_FONT_DIR_PRELUDE + textwrap.dedent(
    """
    if substitute == "off":
        importlib.import_module("gireport.load.pdffont").install = lambda: None
    from gireport.load.pdf import load_pdf
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            doc = load_pdf(f.read(), p, p)
        out[p] = [doc.text, [t.grid() for t in doc.tables]]
    print(json.dumps(out, ensure_ascii=False))
    """
)


def _read_in_font_env(tmp_path: Path, paths: list[str], font_dir: str = "", substitute: str = "on") -> dict:
    import json
    import os

    env = dict(os.environ)
    # fontconfig too (PDFium's own Linux build scans folders, but a build
    # linked to fontconfig would ask it): a configuration with one empty folder.
    empty = tmp_path / "fc-empty"
    empty.mkdir(exist_ok=True)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{font_dir or empty}</dir>'
                    f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    if font_dir:
        env["FONTCONFIG_FILE"] = str(conf)
        env["FONTCONFIG_PATH"] = str(tmp_path)
    res = subprocess.run([sys.executable, "-c", _FONT_ENV_SCRIPT, font_dir, substitute, *paths],
                         capture_output=True, text=True, timeout=300, env=env, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout)


def _font_env_pdfs(tmp_path: Path) -> list[str]:
    files = {"wrapped.pdf": wrapped_cells_pdf(), "rot90.pdf": rotated_pdf(90), "rot270.pdf": rotated_pdf(270),
             "report.pdf": make_report_pdf(table=TABLE, table_after=TABLE_AFTER), "identity.pdf": identity_cid_pdf()}
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    paths += [str(p) for p in sorted(corpus.glob("*.pdf"))[:3]]
    return paths


def _fake_cjk_font_dir(tmp_path: Path) -> str:
    """A folder holding one CJK "system font" (GB2312 code page, glyphs of
    its own size), made by the same builder as the substitute."""
    from gireport.load.pdffont import font_bytes

    d = tmp_path / "fake-cjk"
    d.mkdir()
    (d / "FakeSong.ttf").write_bytes(font_bytes(b"FakeSong", box=(0, -200, 1000, 900), code_pages=1 << 18))
    return str(d)


def _machine_cjk_font_dir(tmp_path: Path) -> str | None:
    """A folder with a link to one of the machine's CJK fonts, if it has any."""
    import shutil

    if not shutil.which("fc-list"):
        return None
    res = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=60, check=False)
    files = sorted(ln.split(":")[0].strip() for ln in res.stdout.splitlines() if ln.strip())
    files = [f for f in files if Path(f).suffix.lower() in (".ttf", ".ttc", ".otf") and Path(f).is_file()]
    if not files:
        return None
    d = tmp_path / "machine-cjk"
    d.mkdir()
    (d / Path(files[0]).name).symlink_to(files[0])
    return str(d)


def test_text_is_the_same_with_and_without_system_cjk_fonts(tmp_path):
    paths = _font_env_pdfs(tmp_path)
    here = _read_in_font_env(tmp_path, paths)
    no_fonts = _read_in_font_env(tmp_path, paths, str(tmp_path / "fc-empty"))
    fake_cjk = _read_in_font_env(tmp_path, paths, _fake_cjk_font_dir(tmp_path))
    for p in paths:
        assert no_fonts[p] == here[p], p
        assert fake_cjk[p] == here[p], p
    assert here[paths[0]][1] == [[["办理情况", "行政机关", "其他组织"], ["本年新收", "7", "0"], ["上年结转", "1", "2"]]]
    assert "一、总体情况" in here[paths[1]][0]


def test_text_is_the_same_with_the_machines_cjk_font(tmp_path):
    font_dir = _machine_cjk_font_dir(tmp_path)
    if font_dir is None:
        pytest.skip("no CJK system font on this machine (fc-list :lang=zh)")
    paths = _font_env_pdfs(tmp_path)
    assert _read_in_font_env(tmp_path, paths, font_dir) == _read_in_font_env(tmp_path, paths)


def test_font_environment_changes_pdfium_without_the_substitute(tmp_path):
    """The harness above is not idle: without the fixed substitute, PDFium's
    text does change between a machine with no CJK font and one with."""
    paths = _font_env_pdfs(tmp_path)[:2]
    no_fonts = _read_in_font_env(tmp_path, paths, str(tmp_path / "fc-empty"), substitute="off")
    fake_cjk = _read_in_font_env(tmp_path, paths, _fake_cjk_font_dir(tmp_path), substitute="off")
    assert no_fonts != fake_cjk
    assert "行政机关" in fake_cjk[paths[0]][0] and "行政机关" not in no_fonts[paths[0]][0]


# ---------------------------------------------------------------------------
# Malformed input


def _small_pdf(**kw: object) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, **kw)  # type: ignore[arg-type]
    c.setFont(FONT, 12)
    for k in range(3):
        c.drawString(72, 700 - 20 * k, "某某县人民政府2023年政府信息公开工作年度报告，主动公开政府信息1136条。")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_truncated_pdf(tmp_path):
    data = make_report_pdf(table=TABLE, table_after=TABLE_AFTER)
    p = tmp_path / "half-report.pdf"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as ei:
        gireport.load(p)
    assert "half-report.pdf" in str(ei.value)
    assert "truncated" in str(ei.value)


@needs_real
def test_truncated_real_pdf():
    data = (REAL_PDF / "hongze-district-2023.pdf").read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        with pytest.raises(CorruptFileError) as ei:
            load_pdf(data[:cut], None, "cut.pdf")
        assert "cut.pdf" in str(ei.value)


def test_encrypted_pdf(tmp_path):
    p = tmp_path / "secret-report.pdf"
    p.write_bytes(_small_pdf(encrypt="pw"))
    with pytest.raises(EncryptedPDFError) as ei:
        gireport.load(p)
    assert "secret-report.pdf" in str(ei.value)
    assert "password" in str(ei.value)


def test_owner_password_only_pdf_still_loads():
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", ownerPassword="owner", canPrint=1, canModify=0, canCopy=0)
    doc = load_pdf(_small_pdf(encrypt=enc), None, "owner-only.pdf")
    assert "主动公开政府信息1136条" in doc.text


def test_image_only_pdf_needs_ocr(tmp_path):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(2):
        c.setFillGray(0.2)
        c.rect(72, 600, 300, 120, fill=1)
        c.circle(300, 400, 60, fill=1)
        c.grid([72, 200, 300], [200, 260, 320])
        c.showPage()
    c.save()
    p = tmp_path / "scanned-report.pdf"
    p.write_bytes(buf.getvalue())
    with pytest.raises(NeedsOCRError) as ei:
        gireport.load(p)
    assert "scanned-report.pdf" in str(ei.value)
    assert "OCR" in str(ei.value)


def test_raster_image_pdf_needs_ocr():
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 60), fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 72, 400, 400, 300)
    c.showPage()
    c.save()
    with pytest.raises(NeedsOCRError) as ei:
        load_pdf(buf.getvalue(), None, "scan.pdf")
    assert "scan.pdf" in str(ei.value)


def test_random_bytes_with_pdf_header(tmp_path):
    rnd = random.Random(7)
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.4\n" + bytes(rnd.randrange(256) for _ in range(5000)))
    with pytest.raises(CorruptFileError) as ei:
        gireport.load(p)
    assert "garbage.pdf" in str(ei.value)
    # The same bytes with an end marker are still refused as damaged.
    p.write_bytes(p.read_bytes() + b"\n%%EOF\n")
    with pytest.raises(CorruptFileError):
        gireport.load(p)


def test_pdf_without_pages_is_typed():
    data = _hand_pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"])
    with pytest.raises(GireportError) as ei:
        load_pdf(data, None, "nopages.pdf")
    assert "nopages.pdf" in str(ei.value)


def _hand_pdf(objects: Sequence[str | bytes]) -> bytes:
    """A PDF from object bodies (object k+1 is objects[k]) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        b = body.encode("latin-1") if isinstance(body, str) else body
        out += f"{k} 0 obj\n".encode() + b + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(content)} {extra}>>\nstream\n".encode() + content + b"\nendstream"


TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Government information disclosure annual report text) Tj ET"
FONT_OBJ = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def cyclic_pdfs() -> dict[str, bytes]:
    return {
        # The page tree lists itself as its own kid.
        "pages-self-kid": _hand_pdf([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(TEXT_OPS), FONT_OBJ,
        ]),
        # Two page-tree nodes that are each other's kid and parent.
        "pages-loop": _hand_pdf([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
            "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
        ]),
        # A form XObject that draws itself.
        "form-draws-itself": _hand_pdf([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            _stream(TEXT_OPS + b" /X1 Do"),
            _stream(b"0 0 m 100 100 l S /X1 Do",
                    "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >> "),
            FONT_OBJ,
        ]),
        # A stream whose /Length refers to itself, and a resources dictionary that contains itself.
        "self-references": _hand_pdf([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
            b"<< /Length 4 0 R >>\nstream\n" + TEXT_OPS + b"\nendstream",
            "<< /Font << /F1 6 0 R >> /Self 5 0 R /ExtGState << /G 5 0 R >> >>",
            FONT_OBJ,
        ]),
    }


def test_cyclic_and_fuzzed_pdfs_do_not_hang_or_crash(tmp_path):
    """Run in a child process: a hang or a crash in the native library must
    fail the test, not take the test run down."""
    cases = cyclic_pdfs()
    base = _small_pdf()
    rnd = random.Random(1234)
    for k in range(40):
        data = bytearray(base)
        for _ in range(rnd.randint(1, 20)):
            data[rnd.randrange(9, len(data))] = rnd.randrange(256)
        cases[f"fuzz-{k}"] = bytes(data)
    for k in range(10):
        cases[f"cut-{k}"] = base[: rnd.randrange(10, len(base))] + b"\n%%EOF\n"
    for name, data in cases.items():
        (tmp_path / f"{name}.pdf").write_bytes(data)
    script = textwrap.dedent(
        """
        import sys, pathlib
        from gireport.errors import GireportError
        from gireport.load.pdf import load_pdf
        bad = 0
        for p in sorted(pathlib.Path(sys.argv[1]).glob("*.pdf")):
            try:
                load_pdf(p.read_bytes(), str(p), p.name)
                print(p.name, "ok")
            except GireportError as e:
                assert p.name in str(e), (p.name, str(e))
                print(p.name, type(e).__name__)
            except BaseException as e:
                bad += 1
                print(p.name, "UNTYPED", type(e).__name__, e)
        sys.exit(1 if bad else 0)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = dict(line.split(" ", 1) for line in proc.stdout.splitlines())
    assert set(results) == {f"{n}.pdf" for n in cases}
    assert results["pages-self-kid.pdf"] in {"ok", "CorruptFileError", "NeedsOCRError", "EmptyFileError"}


def _pdfplumber_finder(h_edges, v_edges):
    """pdfplumber's own ``TableFinder`` on the same rules (explicit strategy,
    the loader's tolerances), or None where the loader does not look."""
    from pdfplumber.table import TableFinder

    pdfmod = importlib.import_module("gireport.load.pdf")
    h_all = h_edges + pdfmod._closing_edges(h_edges, v_edges)
    if len(h_all) < 2 or len(v_edges) < 2:
        return None
    h = [{"object_type": "line_edge", "orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y,
          "width": x1 - x0, "height": 0.0} for x0, x1, y in h_all]
    v = [{"object_type": "line_edge", "orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom,
          "width": 0.0, "height": height} for x, top, bottom, height in v_edges]
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h,
                "snap_tolerance": 3.0, "join_tolerance": 3.0, "intersection_tolerance": 3.0}
    return TableFinder(None, settings)


def _grids_key(grids):
    return [(g.bbox, g.xs, g.ys, sorted(g.cells)) for g in grids]


def _random_rules(rnd: random.Random):
    """Ruled tables with jittered, broken, doubled and missing rules, cut
    tables without a bottom border, and stray rules; on a coarse lattice for
    a third of the cases, so that distances hit the tolerances exactly."""
    coarse = rnd.random() < 0.33

    def q(v: float) -> float:
        return round(v * 2) / 2 if coarse else v

    h_edges, v_edges = [], []
    for _ in range(rnd.randint(1, 3)):
        x0, y0 = rnd.uniform(20, 300), rnd.uniform(20, 600)
        xs = [x0]
        for _ in range(rnd.randint(1, 6)):
            xs.append(xs[-1] + rnd.choice([rnd.uniform(2, 12), rnd.uniform(20, 120)]))
        ys = [y0]
        for _ in range(rnd.randint(1, 8)):
            ys.append(ys[-1] + rnd.choice([rnd.uniform(2, 8), rnd.uniform(12, 40)]))
        jit = rnd.choice([0.0, 0.3, 1.5, 3.0])
        for k, y in enumerate(ys):
            if k == len(ys) - 1 and rnd.random() < 0.3:
                continue  # cut by a page break: no bottom border
            a, b = xs[0], xs[-1]
            if rnd.random() < 0.2:  # a row rule that spans only some columns
                a, b = sorted(rnd.sample(xs, 2))
            cuts = sorted([a, b] + [rnd.uniform(a, b) for _ in range(rnd.choice([0, 0, 1, 2]))])
            for p, r in itertools.pairwise(cuts):
                yy = q(y + rnd.uniform(-jit, jit))
                gap = rnd.choice([0.0, 0.0, 3.0, 3.5])  # a broken rule: the pieces joined or not
                h_edges.append((q(p - rnd.uniform(0, jit)) + gap, q(r + rnd.uniform(0, jit) + rnd.choice([0, 0, 3, 4])), yy))
                if rnd.random() < 0.1:
                    h_edges.append(h_edges[-1])  # drawn twice
        for k, x in enumerate(xs):
            top, bottom = ys[0], ys[-1]
            if 0 < k < len(xs) - 1 and rnd.random() < 0.3:  # a merged cell interrupts the rule
                top, bottom = sorted(rnd.sample(ys, 2))
            xx = q(x + rnd.uniform(-jit, jit))
            for p, r in itertools.pairwise(sorted([top, bottom] + [rnd.uniform(top, bottom) for _ in range(rnd.choice([0, 0, 1]))])):
                lo, hi = q(p - rnd.uniform(0, jit)) + rnd.choice([0.0, 0.0, 3.0, 3.5]), q(r + rnd.uniform(0, jit) + rnd.choice([0, 0, 3]))
                v_edges.append((xx, lo, hi, hi - lo))
    for _ in range(rnd.randint(0, 4)):  # stray rules (underlines, short marks)
        x, y = q(rnd.uniform(0, 500)), q(rnd.uniform(0, 800))
        d = q(rnd.uniform(1, 200))
        if rnd.random() < 0.5:
            h_edges.append((x, x + d, y))
        else:
            v_edges.append((x, y, y + d, d))
    rnd.shuffle(h_edges)
    rnd.shuffle(v_edges)
    return h_edges, v_edges


def test_table_finder_matches_pdfplumber():
    """The loader's own table finder is pdfplumber's ``TableFinder`` (which
    it replaces) step by step: the same merged rules in the same order, the
    same intersections, the same cells in the same order, the same tables and
    grids; on random ruled tables and on the rules of a generated report."""
    pdfmod = importlib.import_module("gireport.load.pdf")
    rnd = random.Random(20240601)
    cases = [_random_rules(rnd) for _ in range(500)]
    pdf = pdfmod.pdfium.PdfDocument(make_report_pdf(table=TABLE, table_after=TABLE_AFTER))
    for i in range(len(pdf)):
        page = pdf[i]
        cases.append(pdfmod._edges(page, pdfmod._Geom(page)))
        page.close()
    pdf.close()
    found = 0
    for h_edges, v_edges in cases:
        ours = pdfmod._find_tables((h_edges, v_edges))
        finder = _pdfplumber_finder(h_edges, v_edges)
        if finder is None:
            assert ours == []
            continue
        h_all = h_edges + pdfmod._closing_edges(h_edges, v_edges)
        merged_h, merged_v = pdfmod._merge_h(h_all), pdfmod._merge_v(v_edges)
        assert merged_h == [(e["x0"], e["x1"], e["top"]) for e in finder.edges if e["orientation"] == "h"]
        assert merged_v == [(e["x0"], e["top"], e["bottom"], e["height"]) for e in finder.edges if e["orientation"] == "v"]
        inter = pdfmod._intersections(merged_h, merged_v)
        assert sorted(inter) == sorted(finder.intersections)
        cells = pdfmod._cells(inter)
        assert cells == finder.cells
        assert [sorted(t) for t in pdfmod._tables(cells)] == [sorted(t.cells) for t in finder.tables]
        grids = [g for g in (pdfmod._grid(list(t.cells)) for t in finder.tables) if g is not None]
        assert _grids_key(ours) == _grids_key(grids)
        found += len(ours)
    assert found > 300  # the cases do contain tables


def _reference_chars(textpage, geom):
    """The characters of a page read the plain way: pypdfium2's declared
    functions, one call per property, and ``_Geom.box`` for every box; the
    loader's reader (unchecked calls, an inline box for upright pages) must
    give exactly these."""
    import ctypes

    import pypdfium2.raw as raw

    tp = textpage.raw
    rect = raw.FS_RECTF()
    tl, tr, tb, tt = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    m = raw.FS_MATRIX()
    out, space, bad = [], False, 0
    for k in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, k)
        if code in (10, 13):
            space = False
            continue
        if code == 2:
            code = 0x2D
        if code in (32, 0x3000, 0xA0, 9):
            space = space or not raw.FPDFText_IsGenerated(tp, k)
            continue
        if code in (0, 0xFFFD, 0xFFFE) or code < 32 or 0xE000 <= code <= 0xF8FF or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            bad += 1
            continue
        if not raw.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(rect)):
            continue
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if raw.FPDFText_GetCharBox(tp, k, ctypes.byref(tl), ctypes.byref(tr), ctypes.byref(tb), ctypes.byref(tt)):
            tw, th = tr.value - tl.value, tt.value - tb.value
            if top - bottom > 2.2 * max(tw, th, 0.5):
                size = raw.FPDFText_GetFontSize(tp, k)
                if raw.FPDFText_GetMatrix(tp, k, ctypes.byref(m)):
                    size *= abs(m.a * m.d - m.b * m.c) ** 0.5
                if top - bottom > 1.6 * max(size, 0.5):
                    cx, cy = (tl.value + tr.value) / 2, (tb.value + tt.value) / 2
                    half = max(size, tw, th, 0.5) / 2
                    left, bottom, right, top = cx - half, cy - half, cx + half, cy + half
        x0, y0, x1, y1 = geom.box(left, bottom, right, top)
        if x1 - x0 <= 0.01 and y1 - y0 <= 0.01:
            continue
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if cx < 0 or cy < 0 or cx > geom.width or cy > geom.height:
            continue
        out.append((chr(code), x0, x1, y0, y1, space, cx, cy))
        space = False
    return out, bad


def _reference_edges(page, geom):
    """The rules of a page read the plain way (pypdfium2's declared
    functions for every object and segment)."""
    import ctypes

    import pypdfium2.raw as raw

    pdfmod = importlib.import_module("gireport.load.pdf")
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    m = raw.FS_MATRIX()
    h_edges, v_edges = [], []

    def visible(obj):
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return False
        for on, get in ((stroke.value, raw.FPDFPageObj_GetStrokeColor), (fill.value, raw.FPDFPageObj_GetFillColor)):
            if on and get(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
                if a.value > 0 and min(r.value, g.value, b.value) < 235:
                    return True
        return False

    def add(p, q):
        (x0, y0), (x1, y1) = geom.point(*p), geom.point(*q)
        if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= 1:
            h_edges.append((min(x0, x1), max(x0, x1), (y0 + y1) / 2))
        elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= 1:
            v_edges.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1), max(y0, y1) - min(y0, y1)))

    def walk(parent, count, get, ctm, depth):
        for k in range(max(0, count(parent))):
            obj = get(parent, k)
            kind = raw.FPDFPageObj_GetType(obj) if obj else None
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if depth < pdfmod._MAX_FORM_DEPTH and raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                    walk(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                         pdfmod._mat_mul((m.a, m.b, m.c, m.d, m.e, m.f), ctm), depth + 1)
                continue
            if kind != raw.FPDF_PAGEOBJ_PATH or not visible(obj) or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                continue
            mm = pdfmod._mat_mul((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
            start = prev = None
            for s in range(max(0, raw.FPDFPath_CountSegments(obj))):
                seg = raw.FPDFPath_GetPathSegment(obj, s)
                if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                    continue
                pt = (mm[0] * x.value + mm[2] * y.value + mm[4], mm[1] * x.value + mm[3] * y.value + mm[5])
                kind_s = raw.FPDFPathSegment_GetType(seg)
                if kind_s == raw.FPDF_SEGMENT_MOVETO or prev is None:
                    start = prev = pt
                    continue
                if kind_s == raw.FPDF_SEGMENT_LINETO:
                    add(prev, pt)
                prev = pt
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    add(prev, start)
                    prev = start

    walk(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, pdfmod._IDENTITY, 0)
    return h_edges, v_edges


def form_rules_pdf() -> bytes:
    """Rules drawn inside form XObjects (one nested in another, scaled and
    moved), a white cell fill, a grey fill and a closed rectangle path."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.beginForm("inner")
    c.line(0, 0, 100, 0)
    c.line(0, 0, 0, 40)
    c.rect(10, 5, 30, 20)
    c.endForm()
    c.beginForm("outer")
    c.doForm("inner")
    c.translate(0, 60)
    c.scale(1.5, 1)
    c.doForm("inner")
    c.endForm()
    c.translate(72, 600)
    c.doForm("outer")
    c.setFillGray(1)
    c.rect(0, -100, 200, 20, stroke=0, fill=1)
    c.setFillGray(0.5)
    c.rect(0, -140, 200, 0.4, stroke=0, fill=1)
    c.setFont(FONT, 12)
    c.drawString(0, -60, "规则线在表单对象里")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_character_and_rule_readers_match_the_plain_api():
    """The fast readers (unchecked calls, inline boxes) read what the plain
    per-property API reads: the same characters and the same rules."""
    pdfmod = importlib.import_module("gireport.load.pdf")
    pdfmod.pdffont.install()
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    files = [make_report_pdf(table=TABLE, table_after=TABLE_AFTER), wrapped_cells_pdf(), identity_cid_pdf()]
    files += [rotated_pdf(rot) for rot in (0, 90, 180, 270)] + [form_rules_pdf()]
    files += [p.read_bytes() for p in sorted(corpus.glob("*.pdf"))]
    n_chars = n_spaced = n_edges = 0
    for data in files:
        pdf = pdfmod.pdfium.PdfDocument(data)
        for i in range(len(pdf)):
            page = pdf[i]
            geom = pdfmod._Geom(page)
            textpage = page.get_textpage()
            chars, bad = pdfmod._chars(textpage, geom)
            ours = [(c.ch, c.x0, c.x1, c.top, c.bottom, c.space_before, c.cx, c.cy) for c in chars]
            assert (ours, bad) == _reference_chars(textpage, geom)
            edges = pdfmod._edges(page, geom)
            assert edges == _reference_edges(page, geom)
            n_edges += len(edges[0]) + len(edges[1])
            n_chars += len(ours)
            n_spaced += sum(c.space_before for c in chars)
            textpage.close()
            page.close()
        pdf.close()
    assert n_chars > 5000 and n_spaced > 0 and n_edges > 500


def test_median_and_one_character_cells_as_before():
    """Shortcuts that must not change a result: the loader's median is
    ``statistics.median``; a one-character cell reads as line grouping
    would read it (a whitespace character is no text)."""
    import statistics

    pdfmod = importlib.import_module("gireport.load.pdf")
    rnd = random.Random(7)
    for n in range(1, 40):
        values = [rnd.choice([rnd.uniform(-50, 900), float(rnd.randint(0, 9))]) for _ in range(n)]
        assert pdfmod._median(iter(values)) == statistics.median(values)
    for ch in ["0", "年", "-", "\u2002", "\u200b", "\u3000"]:
        c = pdfmod._Char(ch, 10.0, 15.0, 100.0, 112.0, False, 12.5, 106.0)
        assert pdfmod._cell_text([c]) == "".join(ln.text for ln in pdfmod._lines([c], 0))
