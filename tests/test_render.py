"""The synthetic-report renderer (gireport.testing.render).

These tests cover the renderer only: the source markup, and that every format
comes out well-formed and deterministic.  Whether gireport's loaders read the
rendered files back is tested with the loaders.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile

import pytest

from gireport.testing.render import (
    FORMATS,
    Paragraph,
    SyntheticReport,
    TableBlock,
    TableCell,
    heading_level,
    parse_source,
    render,
)

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

SOURCE = f"""\
%published: 2022-01-25
%publisher: 示例县人民政府办公室
%% a comment line
# 示例县人民政府2021年政府信息公开工作
# 年度报告

本报告根据《中华人民共和国政府信息公开条例》编制，由总体情况、主动公开政府信息情况等六个部分组成。
一、总体情况
（一）主动公开方面。全年主动公开政府信息3521条，其中政府网站公开2304条。
二、主动公开政府信息情况
: 表一  主动公开政府信息情况
| 第二十条第（一）项 | < | < | < |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 6 | 2 | 41 |
| 第二十条第（五）项 | < | < | < |
| 信息内容 | 本年处理决定数量 | < | < |
| 行政许可 | 1520 | < | < |
三、收到和处理政府信息公开申请情况
| {NOTE} | < | < | 申请人情况 | < | < | < | < | < | < |
| ^ | ^ | ^ | 自然人 | 法人或其他组织 | < | < | < | < | 总计 |
| ^ | ^ | ^ | ^ | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ^ |
| 一、本年新收政府信息公开申请数量 | < | < | 20 | 3 | 0 | 0 | 1 | 0 | 24 |
| 三、本年度办理结果 | （一）予以公开 | < | 12 | 2 | 0 | 0 | 1 | 0 | 15 |
| ^ | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^ | ^ | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

| 行政复议 | < | 行政诉讼 |
| 1 | 0 | 0 |
六、其他需要报告的事项
页面脚本<script>alert("x")</script>不应执行 & 应转义。
\\# 这一行以井号开头，但不是标题。
示例县人民政府办公室
2022年1月25日
"""


@pytest.fixture(scope="module")
def report() -> SyntheticReport:
    return parse_source(SOURCE)


# ---------------------------------------------------------------------------
# parse_source
# ---------------------------------------------------------------------------


def test_title_meta_and_paragraphs(report):
    assert report.title == ["示例县人民政府2021年政府信息公开工作", "年度报告"]
    assert report.title_text == "示例县人民政府2021年政府信息公开工作年度报告"
    assert report.meta == {"published": "2022-01-25", "publisher": "示例县人民政府办公室"}
    texts = [p.text for p in report.paragraphs]
    assert texts[0].startswith("本报告根据")
    assert "一、总体情况" in texts and "六、其他需要报告的事项" in texts
    # The escaped line keeps its "#" and is a paragraph, not a title line.
    assert "# 这一行以井号开头，但不是标题。" in texts
    assert texts[-1] == "2022年1月25日"
    # Blank lines and comments produce nothing.
    assert all(t.strip() for t in texts)
    assert not any("comment" in t for t in texts)


def test_block_order(report):
    kinds = ["T" if isinstance(b, TableBlock) else "P" for b in report.blocks]
    assert "".join(kinds) == "PPPPTPTTPPPPP"


def test_table_spans_caption_and_separator(report):
    t2 = report.tables[0]
    assert t2.caption == "表一  主动公开政府信息情况"
    assert (t2.n_rows, t2.n_cols) == (7, 4)  # the |---| row is dropped
    first = t2.cells[0]
    assert first == TableCell("第二十条第（一）项", 0, 0, 1, 4)
    licence = [c for c in t2.cells if c.text == "1520"]
    assert licence == [TableCell("1520", 6, 1, 1, 3)]
    assert t2.grid()[6] == ["行政许可", "1520", "1520", "1520"]


def test_applications_header_merges(report):
    t3 = report.tables[1]
    assert t3.caption is None
    assert (t3.n_rows, t3.n_cols) == (7, 10)
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in t3.cells}
    assert spans[NOTE] == (0, 0, 3, 3)
    assert spans["申请人情况"] == (0, 3, 1, 7)
    assert spans["自然人"] == (1, 3, 2, 1)
    assert spans["法人或其他组织"] == (1, 4, 1, 5)
    assert spans["总计"] == (1, 9, 2, 1)
    assert spans["一、本年新收政府信息公开申请数量"] == (3, 0, 1, 3)
    assert spans["三、本年度办理结果"] == (4, 0, 3, 1)
    assert spans["（三）不予公开"] == (5, 1, 2, 1)
    # origins(): printed cells at their top-left, None where covered.
    o = t3.origins()
    assert o[0][0].text == NOTE and o[1][1] is None and o[2][3] is None
    assert (2, 9) in t3.covered() and (0, 0) not in t3.covered()


def test_blank_line_separates_adjacent_tables(report):
    t4 = report.tables[2]
    assert t4.grid() == [["行政复议", "行政复议", "行政诉讼"], ["1", "0", "0"]]


def test_short_rows_are_padded():
    rep = parse_source("| a | b | c |\n| d |\n")
    t = rep.tables[0]
    assert (t.n_rows, t.n_cols) == (2, 3)
    assert t.grid()[1] == ["d", "", ""]


def test_cell_escapes():
    rep = parse_source("| a \\| b | \\^ | \\< |\n| ^ | x | < |\n")
    t = rep.tables[0]
    assert t.grid() == [["a | b", "^", "<"], ["a | b", "x", "x"]]


@pytest.mark.parametrize(
    "src,msg",
    [
        ("| ^ | a |\n", "first row"),
        ("| a | b |\n| < | c |\n", "first column"),
        # An L-shaped region: (0,0) owns (0,1) and (1,0) but not (1,1).
        ("| a | < |\n| ^ | b |\n", "rectangle"),
        (": 表题\n正文\n", "caption"),
        (": 表题\n\n| a |\n", "caption"),
        ("%bad directive\n", "directive"),
    ],
)
def test_bad_markup_is_rejected(src, msg):
    with pytest.raises(ValueError, match=msg):
        parse_source(src)


def test_round_trip_through_to_source(report):
    again = parse_source(report.to_source())
    assert again == report
    assert parse_source(again.to_source()).to_source() == report.to_source()


def test_round_trip_of_hand_built_report():
    rep = SyntheticReport(
        title=["甲"],
        blocks=[
            Paragraph("| 以竖线开头的段落"),
            Paragraph("% 以百分号开头"),
            TableBlock([TableCell("^", 0, 0), TableCell("x|y", 0, 1, 2, 1), TableCell("", 1, 0)], 2, 2, "表"),
            TableBlock([TableCell("z", 0, 0)], 1, 1),
        ],
        meta={"published": "2020-01-31"},
    )
    assert parse_source(rep.to_source()) == rep


def test_bom_is_ignored():
    assert parse_source("\ufeff# 标题\n正文\n").title == ["标题"]


@pytest.mark.parametrize(
    "text,level",
    [
        ("一、总体情况", 1),
        ("十二、附表", 1),
        ("（一）主动公开方面。全年…", 2),
        ("(三)不予公开", 2),
        ("1、建立健全领导体制。", 3),
        ("2.重复申请", 3),
        ("（4）其他", 3),
        ("一是加强领导", None),
        ("1.5万条信息", None),
        ("2015年", None),
    ],
)
def test_heading_level(text, level):
    assert heading_level(text) == level


# ---------------------------------------------------------------------------
# render
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(report) -> dict[str, bytes]:
    pytest.importorskip("docx")
    out = {}
    for fmt in FORMATS:
        if fmt == "pdf" and not _has_reportlab():
            continue
        out[fmt] = render(report, fmt)
    return out


def _has_reportlab() -> bool:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


def test_every_format_is_non_empty(rendered):
    for fmt, data in rendered.items():
        assert isinstance(data, bytes) and len(data) > 200, fmt


def test_txt(rendered):
    lines = rendered["txt"].decode("utf-8").splitlines()
    assert lines[:2] == ["示例县人民政府2021年政府信息公开工作", "年度报告"]
    assert "表一  主动公开政府信息情况" in lines
    # A merged cell is written once, in the first row it covers.
    assert lines.count(NOTE + "  申请人情况") == 1
    assert "自然人  法人或其他组织  总计" in lines
    assert "商业企业  科研机构  社会公益组织  法律服务机构  其他" in lines
    assert "行政许可  1520" in lines
    assert "三、本年度办理结果  （一）予以公开  12  2  0  0  1  0  15" in lines
    assert "2.其他法律行政法规禁止公开  0  0  0  0  0  0  0" in lines
    assert all(line for line in lines)  # no blank lines
    assert lines[-1] == "2022年1月25日"


def test_md(rendered):
    md = rendered["md"].decode("utf-8")
    assert md.startswith("# 示例县人民政府2021年政府信息公开工作年度报告\n")
    assert "\n## 一、总体情况\n" in md
    # A run-in heading stays a paragraph.
    assert "\n（一）主动公开方面。全年主动公开政府信息3521条" in md
    assert "| 第二十条第（一）项 |  |  |  |\n|---|---|---|---|\n" in md
    assert "| 三、本年度办理结果 | （一）予以公开 |  | 12 | 2 | 0 | 0 | 1 | 0 | 15 |" in md
    rows = [ln for ln in md.splitlines() if ln.startswith("| ")]
    assert all(ln.count(" | ") == rows[0].count(" | ") for ln in rows[:7])


def test_html_page_and_chrome(rendered):
    page = rendered["html"].decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "当前位置：" in page and "政府信息公开" in page and "年度报告</a></div>" in page
    assert '<div class="nav">' in page
    assert '<div class="article_content">' in page
    assert "版权所有" in page and "网站地图" in page and "ICP备" in page
    assert "发布时间：2022-01-25" in page
    assert '<meta name="ArticleTitle" content="示例县人民政府2021年政府信息公开工作年度报告">' in page


def test_html_tables_have_spans(rendered):
    page = rendered["html"].decode("utf-8")
    content = page.split('<div class="article_content">', 1)[1].split('<div class="article_tools">', 1)[0]
    assert content.count("<table") == 3
    assert '<td rowspan="3" colspan="3"' in content
    assert re.search(r'<td rowspan="3"[^>]*><p[^>]*>三、本年度办理结果</p>', content)
    assert re.search(r'<td colspan="7"[^>]*><p[^>]*>申请人情况</p>', content)
    assert re.search(r'<td rowspan="2"[^>]*><p[^>]*>自然人</p>', content)
    # The covered positions are not printed: the header's 2nd row has 3 cells.
    t3 = content.split("<table")[2]
    second_row = t3.split("<tr>")[2].split("</tr>")[0]
    assert "自然人" in second_row and second_row.count("<td") == 3


def test_html_escapes_text(rendered):
    page = rendered["html"].decode("utf-8")
    content = page.split('<div class="article_content">', 1)[1].split('<div class="article_tools">', 1)[0]
    assert "<script>" not in content
    assert "页面脚本&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;不应执行 &amp; 应转义。" in content


def test_html_headings_are_bold(rendered):
    page = rendered["html"].decode("utf-8")
    assert "<strong>一、总体情况</strong>" in page
    assert "<strong>（一）主动公开方面。</strong>全年主动公开" in page


def test_docx(rendered):
    data = rendered["docx"]
    assert data[:2] == b"PK"
    z = zipfile.ZipFile(io.BytesIO(data))
    assert "word/document.xml" in z.namelist()
    xml = z.read("word/document.xml").decode("utf-8")
    assert "示例县人民政府2021年政府信息公开工作" in xml
    assert '<w:gridSpan w:val="3"/>' in xml and '<w:gridSpan w:val="7"/>' in xml
    assert "<w:vMerge/>" in xml or '<w:vMerge w:val="continue"/>' in xml
    assert "&lt;script&gt;" in xml
    import docx

    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text == "示例县人民政府2021年政府信息公开工作"
    assert d.paragraphs[0].alignment == 1  # centred
    heading = next(p for p in d.paragraphs if p.text == "一、总体情况")
    assert heading.runs[0].bold
    assert heading.style.name == "Normal"
    runin = next(p for p in d.paragraphs if p.text.startswith("（一）主动公开方面。"))
    assert runin.runs[0].text == "（一）主动公开方面。" and runin.runs[0].bold and not runin.runs[1].bold
    assert len(d.tables) == 3
    t3 = d.tables[1]
    assert t3.cell(0, 0).text == NOTE
    assert t3.cell(2, 2)._tc is t3.cell(0, 0)._tc  # one merged cell
    assert t3.cell(6, 0).text == "三、本年度办理结果"
    assert t3.cell(3, 9).text == "24"
    assert d.core_properties.created.year == 2022


def test_pdf(rendered):
    if "pdf" not in rendered:
        pytest.skip("reportlab not installed")
    data = rendered["pdf"]
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"STSong-Light" in data


def test_pdf_text_pages_and_footer():
    pytest.importorskip("reportlab")
    pdfplumber = pytest.importorskip("pdfplumber")
    long_src = (
        "# 示例县人民政府2021年政府信息公开工作年度报告\n"
        + "\n".join(
            f"第{i}段：全年主动公开政府信息3521条，其中政府网站公开2304条，占总数的65.4%。" * 4 for i in range(60)
        )
        + "\n| 行政复议 | < |\n| 1 | 0 |\n"
    )
    with pdfplumber.open(io.BytesIO(render(long_src, "pdf"))) as pdf:
        assert len(pdf.pages) >= 2
        first = pdf.pages[0].extract_text()
        assert "示例县人民政府2021年政府信息公开工作年度报告" in first
        assert "全年主动公开政府信息3521条" in first
        assert pdf.pages[0].width == pytest.approx(595.3, abs=1)  # A4
        for i, page in enumerate(pdf.pages, 1):
            assert page.extract_text().rstrip().endswith(f"- {i} -")
        last = pdf.pages[-1]
        assert last.extract_tables() == [[["行政复议", None], ["1", "0"]]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_is_deterministic(report, fmt):
    if fmt == "pdf":
        pytest.importorskip("reportlab")
    first = render(report, fmt)
    again = render(parse_source(SOURCE), fmt)
    assert first == again
    assert render(SOURCE, fmt) == first  # a source string is parsed first


def test_render_writes_path(tmp_path, report):
    p = tmp_path / "r.html"
    data = render(report, "html", path=p)
    assert p.read_bytes() == data
    p2 = tmp_path / "r.txt"
    render(report, "txt", path=str(p2))
    assert p2.read_text("utf-8").startswith("示例县")


def test_unknown_format(report):
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "rtf")


def test_pdf_without_reportlab_says_how_to_install(report, monkeypatch):
    for name in list(sys.modules):
        if name == "reportlab" or name.startswith("reportlab."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "reportlab", None)  # makes "import reportlab" fail
    with pytest.raises(ImportError, match=r"pip install gireport\[test\]"):
        render(report, "pdf")


def test_pdf_tall_merged_cell_breaks_across_pages():
    """A merged cell taller than what is left of a page (Table 3's 三、本年度办理结果
    spans 22 rows) must not stop the layout: the table breaks between rows."""
    pytest.importorskip("reportlab")
    pdfplumber = pytest.importorskip("pdfplumber")
    rows = ["| 三、本年度办理结果 | 第1项 | 1 |"] + [f"| ^ | 第{i}项 | {i} |" for i in range(2, 61)]
    src = "# 标题\n" + "正文。" * 300 + "\n" + "\n".join(rows) + "\n结束。\n"
    with pdfplumber.open(io.BytesIO(render(src, "pdf"))) as pdf:
        assert len(pdf.pages) >= 3
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert text.count("三、本年度办理结果") == 1  # the label is drawn once, in the first part
    assert "第1项 1" in text and "第60项 60" in text and "结束。" in text


CORPUS = __import__("pathlib").Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.skipif(not (CORPUS / "src").is_dir(), reason="corpus/ not present")
@pytest.mark.parametrize(
    "src", sorted((CORPUS / "src").glob("*.gir")) if (CORPUS / "src").is_dir() else [], ids=lambda p: p.stem
)
def test_committed_corpus_matches_its_source(src):
    """The rendered corpus files are committed; the text formats (whose bytes do
    not depend on a library version) must equal a fresh rendering.  Run
    ``python corpus/build.py`` after editing a source."""
    report = parse_source(src.read_text("utf-8"))
    assert report.title and len(report.blocks) > 10
    assert (CORPUS / f"{src.stem}.txt").is_file()
    for fmt in ("txt", "md", "html"):
        out = CORPUS / f"{src.stem}.{fmt}"
        if out.is_file():
            assert out.read_bytes() == render(report, fmt), f"{out.name} is stale: run python corpus/build.py"


@pytest.mark.skipif(not (CORPUS / "build.py").is_file(), reason="corpus/ not present")
def test_the_corpus_build_script_runs_from_a_bare_process(tmp_path):
    """``python corpus/build.py`` runs on its own (no gireport installed or on
    PYTHONPATH, any working directory) with this checkout's renderer."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, str(CORPUS / "build.py"), "--check", "qinghe-county-2012"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 stale" in proc.stdout + proc.stderr
