"""HTML loading: charsets, site chrome, block structure, tables, broken
markup, and the real 平潭 pages kept in ../shared (skipped when absent)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import gireport
from gireport.document import Document
from gireport.errors import EmptyFileError
from gireport.load.html import load_html

SHARED = Path(__file__).resolve().parents[2] / "shared"
HTML_DIR = SHARED / "corpus-real" / "html"
REAL_PAGES = sorted(HTML_DIR.glob("*.html")) if HTML_DIR.is_dir() else []
needs_real = pytest.mark.skipif(not REAL_PAGES, reason="../shared/corpus-real/html not present")

# Chrome that occurs in every real page (checked by grepping them) and must
# not survive extraction.
CHROME = ["当前位置", "版权所有", "分享到", "ICP备", "主办单位", "网站标识码", "扫一扫", "相关链接", "QQ空间"]

# The 本年新收 row of the applications table, read off the pages' HTML:
# 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
NEW_APPLICATIONS = {
    2019: [23, 0, 0, 0, 0, 0, 23],
    2020: [20, 0, 0, 0, 0, 1, 21],
    2021: [64, 0, 0, 2, 0, 4, 70],
    2022: [71, 3, 0, 0, 0, 0, 74],
    2023: [80, 1, 0, 0, 0, 0, 81],
    2024: [217, 1, 0, 0, 0, 0, 218],
    2025: [151, 3, 0, 0, 0, 0, 154],
}


def paras(doc: Document) -> list[str]:
    return [doc.block_text(b) for b in doc.paragraphs()]


def html_doc(html: str, encoding: str = "utf-8", name: str = "page.html") -> Document:
    return gireport.load(html.encode(encoding), name=name)


# --------------------------------------------------------------------------
# Real pages
# --------------------------------------------------------------------------


def _year(p: Path) -> int:
    return int(re.search(r"(\d{4})", p.stem).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def real_docs() -> dict[str, Document]:
    return {p.stem: gireport.load(p) for p in REAL_PAGES}


@needs_real
@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda p: p.stem)
def test_real_page_keeps_report_and_drops_chrome(page: Path, real_docs: dict[str, Document]) -> None:
    doc = real_docs[page.stem]
    assert doc.source.format == "html"
    assert doc.source.encoding == "utf-8"
    ps = paras(doc)
    # The title comes first (from the page when the article body lacks it).
    year = str(_year(page))
    assert year in "".join(ps[:2]) and "报告" in "".join(ps[:2])
    # The opening sentence follows within the first few blocks.
    opening = re.compile(r"^(?:本报告)?(?:主要)?根据《中华人民共和国政府信息公开条例》")
    assert any(opening.match(p) for p in ps[:5]), ps[:5]
    for chrome in CHROME:
        assert chrome not in doc.text, chrome
    # Top-level section headings start paragraphs, in order.
    heads = [p[0] for p in ps if re.match(r"^[一二三四五六七]、", p)]
    assert heads[:4] == ["一", "二", "三", "四"]


@needs_real
@pytest.mark.parametrize("page", [p for p in REAL_PAGES if _year(p) >= 2019], ids=lambda p: p.stem)
def test_real_page_application_table(page: Path, real_docs: dict[str, Document]) -> None:
    doc = real_docs[page.stem]
    year = _year(page)
    tables = [t for t in doc.tables if any("本年新收" in c.text for c in t.cells)]
    assert len(tables) == 1
    t = tables[0]
    assert t.n_rows == (26 if year < 2021 else 28)  # 3 header rows + 23 / 25 data rows
    label = next(c for c in t.cells if "本年新收" in c.text)
    assert label.col == 0 and label.colspan == 3
    values = [c.text for c in t.cells if c.row == label.row and c is not label]
    assert [int(v) for v in values] == NEW_APPLICATIONS[year]
    # the merged 三、本年度办理结果 label covers all the result rows (the
    # 2019/2020 pages split it in two at a Word page break: 10 + 10 rows)
    results = [c for c in t.cells if c.col == 0 and c.text.startswith("三、本年度办理结果")]
    assert [c.rowspan for c in results] == ([10, 10] if year < 2021 else [22])
    covered = [r for c in results for r in range(c.row, c.row + c.rowspan)]
    assert covered == list(range(5, 5 + len(covered)))
    assert all(t.cell_at(r, 0) in results for r in covered)
    # every standard table is present in the 2019+ format
    assert any(any("行政复议" in c.text for c in tb.cells) for tb in doc.tables)
    assert "六、其他需要报告的事项" in doc.text


@needs_real
def test_real_2021_opening_and_grid(real_docs: dict[str, Document]) -> None:
    doc = real_docs["pingtan-zone-2021"]
    first, second = doc.blocks[0], doc.blocks[1]
    assert first.kind == "heading" and first.level == 1
    assert doc.block_text(first) == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert doc.block_text(second).startswith("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)")
    assert doc.text.rstrip().endswith("2021年,无收取信息处理费情况。")
    t = next(t for t in doc.tables if any("本年新收" in c.text for c in t.cells))
    grid = t.grid()
    header = [c.text for c in t.cells if c.row == 2]
    # "商业</p><p>企业" inside one cell reads as one word
    assert header[1:] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert grid[0][3] == "申请人情况"
    assert grid[1][-1] == grid[2][-1] == "总计"


@needs_real
def test_real_old_format_statistics_table(real_docs: dict[str, Document]) -> None:
    doc = real_docs["pingtan-zone-2011"]
    (t,) = doc.tables
    assert t.grid()[0] == ["指标名称", "计量单位", "2011年度", "历年累计"]
    assert t.grid()[1] == ["主动公开信息数", "条", "425", "1516"]


@needs_real
def test_real_pages_load_fast() -> None:
    page = max(REAL_PAGES, key=lambda p: p.stat().st_size)  # ~360 KB
    data = page.read_bytes()
    load_html(data, None, page.name)  # warm up imports
    best = min(_timed(lambda: load_html(data, None, page.name)) for _ in range(3))
    assert best < 0.5, f"{page.name} ({len(data)} bytes) took {best * 1000:.0f} ms"


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --------------------------------------------------------------------------
# Charsets
# --------------------------------------------------------------------------

BODY = "<p>一、总体情况</p><p>本年度共主动公开政府信息1234条，其中“政策解读”56条。</p>"


def test_gbk_page_with_meta_charset() -> None:
    html = f'<html><head><meta charset="gbk"><title>某县2023年政府信息公开工作年度报告</title></head><body>{BODY}</body></html>'
    doc = html_doc(html, "gbk")
    assert doc.source.encoding == "gb18030"
    assert "本年度共主动公开政府信息1234条,其中“政策解读”56条。" in doc.text


def test_http_equiv_gb2312_declaration() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"</head><body>{BODY}<p>镕</p></body></html>"  # 镕 is outside GB2312
    )
    doc = html_doc(html, "gb18030")
    assert "镕" in doc.text and "1234" in doc.text


def test_page_without_charset_in_gb18030() -> None:
    html = f"<html><body><div>{BODY}<p>𠀀政务公开工作稳步推进。</p></div></body></html>"
    doc = html_doc(html, "gb18030")
    assert doc.source.encoding == "gb18030"
    assert "一、总体情况" in paras(doc)
    assert "𠀀政务公开工作稳步推进。" in doc.text


def test_utf8_bytes_win_over_a_stale_gbk_declaration() -> None:
    html = f'<html><head><meta charset="gb2312"></head><body>{BODY}</body></html>'
    doc = html_doc(html, "utf-8")
    assert doc.source.encoding == "utf-8"
    assert "一、总体情况" in paras(doc)


def test_a_few_broken_bytes_do_not_reject_the_page() -> None:
    page = f'<html><head><meta charset="gbk"></head><body><div>{BODY * 30}'
    data = page.encode("gbk") + b"\x81" + "<p>结尾。</p></div></body></html>".encode("gbk")
    doc = gireport.load(data, name="broken.html")
    assert doc.source.encoding == "gb18030"
    assert paras(doc)[-1] == "结尾。"
    assert any("undecodable" in n for n in doc.notes)


def test_utf8_bom_page() -> None:
    doc = gireport.load(b"\xef\xbb\xbf" + f"<html><body>{BODY}</body></html>".encode(), name="x.html")
    assert paras(doc)[0] == "一、总体情况"


# --------------------------------------------------------------------------
# Chrome and the content container
# --------------------------------------------------------------------------

CHROME_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某某县人民政府2023年政府信息公开工作年度报告">
<title>某某县人民政府2023年政府信息公开工作年度报告_年报_某某县人民政府网</title>
<style>.a{color:red} p>span{}</style>
<script>var s = "<p>不是正文</p>"; if (a < b && c > d) { document.write("<div>脚本</div>"); }</script>
</head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a>
  <div class="search"><form><input type="text"><button>搜索</button></form></div></div>
<nav><ul><li><a href="#">政府信息公开指南</a></li><li><a href="#">政府信息公开制度</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="main">
  <div class="left-side"><ul><li><a href="#">法定主动公开内容</a></li><li><a href="#">政府信息公开年报</a></li></ul></div>
  <div class="article">
    <h1 class="title">某某县人民政府2023年政府信息公开工作年度报告</h1>
    <div class="info">发布时间：2024-01-20 来源：县政府办 <span class="share">分享到：<a>微信</a><a>微博</a></span></div>
    <div class="TRS_Editor">
      <p>&nbsp;&nbsp;本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2023年1月1日至12月31日。</p>
      <p><strong>一、总体情况</strong></p>
      <p>2023年，我县<span style="color:red">认真</span><font>贯彻</font>落实<a href="#">《条例》</a>要求，公开各类信息2,345条。</p>
      <p>二、主动公开政府信息情况</p>
      <p>主动公开规范性文件12件，同比增长20%。</p>
    </div>
    <div class="print">【打印本页】【关闭窗口】</div>
  </div>
</div>
<div class="footer"><p>版权所有：某某县人民政府 主办单位：某某县人民政府办公室</p>
<p>网站标识码：1234567890 冀ICP备12345678号</p><p>建议使用1024×768分辨率，IE9以上浏览器。</p></div>
<!-- 注释：不是正文 -->
</body></html>"""


def test_chrome_around_article_is_dropped() -> None:
    doc = html_doc(CHROME_PAGE)
    ps = paras(doc)
    # the page heading sits outside the TRS_Editor body: emitted first
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1
    assert ps[0] == "某某县人民政府2023年政府信息公开工作年度报告"
    assert ps[1].startswith("本报告根据《中华人民共和国政府信息公开条例》编制")
    assert ps[2] == "一、总体情况"
    assert ps[3] == "2023年,我县认真贯彻落实《条例》要求,公开各类信息2,345条。"
    assert ps[-1] == "主动公开规范性文件12件,同比增长20%。"
    for chrome in ["首页", "当前位置", "搜索", "分享到", "微信", "版权所有", "ICP备", "打印", "不是正文", "脚本",
                   "发布时间", "法定主动公开内容", "政府信息公开指南", "color"]:
        assert chrome not in doc.text, chrome
    assert any("TRS_Editor" in n for n in doc.notes)


def test_short_report_beside_heavy_chrome() -> None:
    links = "".join(f"<li><a href='#'>栏目名称{i}号</a></li>" for i in range(80))
    footer = "<div class='dibu'>" + "".join(f"<p>主办单位：某某县人民政府办公室第{i}科室</p>" for i in range(20)) + "</div>"
    html = (
        f"<html><body><div class='top'><ul>{links}</ul></div>"
        "<div id='zoom'><p>某镇2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度公开信息10条。</p></div>"
        f"{footer}</body></html>"
    )
    doc = html_doc(html)
    assert paras(doc) == ["某镇2022年政府信息公开工作年度报告", "一、总体情况", "本年度公开信息10条。"]


def test_title_from_title_tag_when_body_lacks_it() -> None:
    html = (
        "<html><head><title>首页 | 某市交通局2024年度政府信息公开工作年度报告 | 某市交通局</title></head>"
        "<body><div class='content'><p>根据《中华人民共和国政府信息公开条例》，现公布本报告。本报告共六部分。</p>"
        "<p>一、总体情况</p><p>本局公开信息100条。</p></div></body></html>"
    )
    ps = paras(html_doc(html))
    assert ps[0] == "某市交通局2024年度政府信息公开工作年度报告"
    assert ps[1].startswith("根据《中华人民共和国政府信息公开条例》")


def test_title_not_repeated_when_content_starts_with_it() -> None:
    html = (
        "<html><head><title>某市交通局2024年度政府信息公开工作年度报告_某市交通局</title></head>"
        "<body><div class='content'><p>某市交通局</p><p>2024年度政府信息公开工作年度报告</p>"
        "<p>根据《中华人民共和国政府信息公开条例》，现公布本报告。</p></div></body></html>"
    )
    ps = paras(html_doc(html))
    assert ps[:2] == ["某市交通局", "2024年度政府信息公开工作年度报告"]
    assert sum("年度报告" in p for p in ps) == 1


def test_hidden_elements_are_dropped() -> None:
    html = (
        "<html><body><div class='content'><p>一、总体情况</p>"
        "<p style='display: none'>隐藏的文字</p><div hidden>也隐藏</div><p>本年度公开信息10条。</p></div></body></html>"
    )
    assert paras(html_doc(html)) == ["一、总体情况", "本年度公开信息10条。"]


def test_hidden_text_does_not_weigh_when_the_container_is_chosen() -> None:
    # Without the hidden block the article holds nearly all the page's
    # prose; counted, it would keep the loader at <body> and the side note in.
    prose = "本年度我局认真落实条例要求，主动公开各类信息，及时答复来信来访。" * 4
    hidden = "这段文字被隐藏，不应计入页面的分量，也不应出现在正文里。" * 3
    html = (
        f"<html><body><div class='wrap'><p>青禾县2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>{prose}</p><p>{prose}</p></div>"
        f"<div class='extra'><p>侧栏说明文字</p><div style='display:none'><p>{hidden}</p></div></div></body></html>"
    )
    doc = html_doc(html)
    assert paras(doc)[:2] == ["青禾县2023年政府信息公开工作年度报告", "一、总体情况"]
    assert "侧栏说明文字" not in doc.text and "隐藏" not in doc.text


def test_a_form_wrapping_the_page_is_kept() -> None:
    # ASP.NET pages put everything in one <form>; a footer inside is chrome
    prose = "本年度我局认真落实条例要求，主动公开各类信息，及时答复来信来访。" * 4
    html = (
        "<html><body><form id='form1'><div class='main'><p>青禾县2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        f"<p>{prose}</p></div><div class='footer'><p>版权所有：青禾县人民政府</p></div></form></body></html>"
    )
    doc = html_doc(html)
    assert paras(doc)[:2] == ["青禾县2023年政府信息公开工作年度报告", "一、总体情况"]
    assert "版权所有" not in doc.text


# --------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------


def test_blocks_headings_inline_and_breaks() -> None:
    html = (
        "<body><h2>一、总体情况</h2><h3>(一)主动公开</h3>"
        "<p><span>本年度</span><b>共</b><font color=red>公开</font><a href='#'>信息</a>"
        "<span>1</span><span>2</span><span>3</span>条。</p>"
        "<div>第一行<br>第二行<br/>第三行</div>"
        "<ul><li>项目一<li>项目二</ul>"
        "<p>Open Government&nbsp;Data &amp; more &lt;x&gt;</p>"
        "<div>正文<div>嵌套块</div>尾部</div></body>"
    )
    doc = html_doc(html)
    assert [(doc.block_text(b), b.kind, b.level) for b in doc.blocks[:2]] == [
        ("一、总体情况", "heading", 2),
        ("(一)主动公开", "heading", 3),
    ]
    assert paras(doc)[2:] == [
        "本年度共公开信息123条。",
        "第一行",
        "第二行",
        "第三行",
        "项目一",
        "项目二",
        "Open Government Data & more <x>",
        "正文",
        "嵌套块",
        "尾部",
    ]


def test_script_with_angle_brackets_and_comments() -> None:
    html = (
        "<html><body><div id='content'><p>一、总体情况</p>"
        "<script>for (var i = 0; i < 10; i++) { if (i<3) x = '</p><p>伪造'; }</script>"
        "<!-- <p>被注释的段落</p> -->"
        "<noscript><p>请启用脚本</p></noscript>"
        "<style>p < span { }</style>"
        "<p>本年度公开信息10条。</p></div></body></html>"
    )
    assert paras(html_doc(html)) == ["一、总体情况", "本年度公开信息10条。"]


def test_broken_and_unclosed_markup() -> None:
    html = (
        "<html><head><title>某县2021年政府信息公开工作年度报告</title>"
        "<body><div class=content><p>一、总体情况<p>本年度<b>公开<i>信息</b>100条。"
        "</span></div></div></td><p>二、主动公开情况<div>规章0件<p>规范性文件<font>3件"
        "<table><tr><td>信息内容<td>本年制发件数<tr><td>规章<td>0</table>"
        "<p>结束语<"
    )
    doc = html_doc(html)
    ps = paras(doc)
    assert ps[:5] == ["某县2021年政府信息公开工作年度报告", "一、总体情况", "本年度公开信息100条。", "二、主动公开情况", "规章0件"]
    assert "规范性文件3件" in ps
    (t,) = doc.tables
    assert t.grid() == [["信息内容", "本年制发件数"], ["规章", "0"]]


def test_deeply_nested_markup_does_not_recurse_without_bound() -> None:
    html = "<body>" + "<div><span>" * 5000 + "一、总体情况" + "</span></div>" * 5000 + "<p>本年度公开信息10条。</p></body>"
    ps = paras(html_doc(html))
    assert ps[0] == "一、总体情况"
    assert "本年度公开信息10条。" in ps[-1]


def test_empty_page_is_a_typed_error() -> None:
    with pytest.raises(EmptyFileError, match="empty.html"):
        gireport.load(b"<html><head><title></title></head><body><script>x()</script></body></html>", name="empty.html")


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

SPAN_TABLE = """<body><div class="content"><p>三、收到和处理政府信息公开申请情况</p>
<table border=1>
<thead><tr><th rowspan="2" colspan="2">本列数据</th><th colspan="3">申请人情况</th></tr>
<tr><th>自然人</th><th>法人</th><th>总计</th></tr></thead>
<tbody>
<tr><td colspan=2>一、本年新收</td><td>5</td><td>1</td><td>6</td></tr>
<tr><td rowspan="3">三、本年度办理结果</td><td>(一)予以公开</td><td>2</td><td>0</td><td>2</td></tr>
<tr><td>(二)部分公开</td><td>1</td><td>1</td><td>2</td></tr>
<tr><td>(三)不予公开</td><td>&nbsp;</td><td>0</td><td>0</td></tr>
</tbody></table><p>表后的段落。</p></div></body>"""


def test_table_with_rowspan_and_colspan() -> None:
    doc = html_doc(SPAN_TABLE)
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (6, 5)
    assert t.grid() == [
        ["本列数据", "本列数据", "申请人情况", "申请人情况", "申请人情况"],
        ["本列数据", "本列数据", "自然人", "法人", "总计"],
        ["一、本年新收", "一、本年新收", "5", "1", "6"],
        ["三、本年度办理结果", "(一)予以公开", "2", "0", "2"],
        ["三、本年度办理结果", "(二)部分公开", "1", "1", "2"],
        ["三、本年度办理结果", "(三)不予公开", "", "0", "0"],
    ]
    corner = t.cell_at(1, 1)
    assert corner is not None and (corner.row, corner.col, corner.rowspan, corner.colspan) == (0, 0, 2, 2)
    result = t.cell_at(5, 0)
    assert result is not None and (result.row, result.rowspan, result.colspan) == (3, 3, 1)
    assert len(t.cells) == 2 + 3 + 4 + 5 + 4 + 4
    # cell offsets point into the text
    for c in t.cells:
        assert doc.text[c.start : c.end] == c.text
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "table", "paragraph"]


def test_oversized_rowspan_is_clipped_to_the_table() -> None:
    html = "<table><tr><td rowspan=99>甲</td><td>1</td></tr><tr><td>2</td></tr></table>"
    (t,) = html_doc("<body>" + html + "</body>").tables
    assert t.grid() == [["甲", "1"], ["甲", "2"]]


def test_nested_table_is_flattened_into_its_cell() -> None:
    html = (
        "<body><table><tr><td>项目</td><td>数量</td></tr>"
        "<tr><td>依申请<table><tr><td>当面</td><td>网上</td></tr></table></td><td>7</td></tr></table></body>"
    )
    (t,) = html_doc(html).tables
    assert t.grid() == [["项目", "数量"], ["依申请当面网上", "7"]]


def test_layout_table_is_read_as_content() -> None:
    prose = "本年度，我局认真贯彻落实《条例》要求，不断加大政府信息公开力度，规范依申请公开办理流程，完善制度建设。" * 5
    html = (
        "<body><table width=100%><tr><td class='logo'>某市统计局</td></tr><tr><td>"
        "<table width=960><tr><td class='menu'><a>首页</a></td></tr><tr><td class='content'>"
        f"<p>某市统计局2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>{prose}</p>"
        "<table border=1><tr><td>指标</td><td>数量</td></tr><tr><td>主动公开</td><td>35</td></tr></table>"
        "</td></tr></table></td></tr></table></body>"
    )
    doc = html_doc(html)
    ps = paras(doc)
    assert ps[:3] == ["某市统计局2020年政府信息公开工作年度报告", "一、总体情况", prose.replace("，", ",")]
    assert len(doc.tables) == 1
    assert doc.tables[0].grid() == [["指标", "数量"], ["主动公开", "35"]]
    assert "首页" not in doc.text


def test_a_long_data_table_is_read_in_linear_work(monkeypatch):
    """Deciding whether a table lays out the page counts each row's cells a
    bounded number of times: ten times the rows cost ten times the work,
    not a hundred times (the cells counted, not the time)."""
    import importlib

    from gireport.load import load

    h = importlib.import_module("gireport.load.html")

    calls = {"n": 0}
    real = h._row_cells

    def counting(row):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return real(row)

    monkeypatch.setattr(h, "_row_cells", counting)
    work = {}
    for n in (200, 2000):
        rows = "".join(f"<tr><td>项目{i}</td><td>{i}</td><td>{2 * i}</td></tr>" for i in range(n))
        calls["n"] = 0
        load(f"<html><body><p>青禾县人民政府2021年政府信息公开工作年度报告</p><table>{rows}</table></body></html>".encode("utf-8"), name="t.html")
        work[n] = calls["n"]
    assert work[2000] <= 12 * work[200], work


# --------------------------------------------------------------------------
# Tokenizing: the page is read as html.parser (Python 3.11) reads it
# --------------------------------------------------------------------------


def _tokens(html: str) -> list[tuple]:
    """The start tags, end tags and text the loader's tokenizer reports."""
    import importlib

    h = importlib.import_module("gireport.load.html")
    events: list[tuple] = []

    class Recorder(h._Tokenizer):
        def _start(self, tag, attrs, closed):  # type: ignore[no-untyped-def]
            events.append(("start", tag, attrs, closed))

        def _end(self, tag):  # type: ignore[no-untyped-def]
            events.append(("end", tag))

        def _data(self, text):  # type: ignore[no-untyped-def]
            events.append(("text", text))

    Recorder().feed(html)
    return events


# What html.parser reports for each snippet (checked against Python 3.11's).
TOKENS = [
    # attributes: bare, single- and double-quoted (">" inside quotes), names lowercased
    ("<P Class=A id=\"x\" title='t>u'>a&amp;b</P>", [("start", "p", {"class": "A", "id": "x", "title": "t>u"}, False), ("text", "a&b"), ("end", "p")]),
    ("<div\nclass = \"c\"\n>", [("start", "div", {"class": "c"}, False)]),
    ("<img src=x alt>", [("start", "img", {"src": "x", "alt": ""}, False)]),
    ('<a b="1" B="2">', [("start", "a", {"b": "2"}, False)]),  # the last one wins
    ('<div class="a"id=b>', [("start", "div", {"class": "a", "id": "b"}, False)]),
    ('<td title="&lt;&#49;&gt;">', [("start", "td", {"title": "<1>"}, False)]),
    # self-closing; a bare value takes a following "/"
    ('<a href="x"/>', [("start", "a", {"href": "x"}, True)]),
    ("<td colspan=2/>", [("start", "td", {"colspan": "2/"}, False)]),
    ("x</br>y<br/>z", [("text", "x"), ("end", "br"), ("text", "y"), ("start", "br", {}, True), ("text", "z")]),
    ("<o:p></o:p>", [("start", "o:p", {}, False), ("end", "o:p")]),
    ("</ p>", [("end", "p")]),
    # script and style hold raw text up to their end tag; an unclosed one swallows the rest
    ('<script>if (a<b) s="</p>";</script >t', [("start", "script", {}, False), ("text", 'if (a<b) s="</p>";'), ("end", "script"), ("text", "t")]),
    ("<style>p<span{}</STYLE>x", [("start", "style", {}, False), ("text", "p<span{}"), ("end", "style"), ("text", "x")]),
    ("<script>var a;<p>rest", [("start", "script", {}, False)]),
    # comments, declarations, processing instructions, marked sections: skipped
    ("a<!-- <p>b</p> -->c", [("text", "a"), ("text", "c")]),
    ('<!DOCTYPE html><?xml version="1.0"?>t', [("text", "t")]),
    ("<![if !supportLists]>1.<![endif]>x<![CDATA[y]]>z", [("text", "1."), ("text", "x"), ("text", "z")]),
    # character references in text; an unknown one is kept
    ("&nbsp;&#20320;&#x4e2d;&foo;&amp", [("text", "\xa0你中&foo;&")]),
    # a "<" that starts no tag is text, and so is an unterminated tag
    ("1 < 2 <3", [("text", "1 "), ("text", "<"), ("text", " 2 "), ("text", "<"), ("text", "3")]),
    ("<p>end<", [("start", "p", {}, False), ("text", "end"), ("text", "<")]),
    ('<div class="open>text', [("text", '<div class="open>'), ("text", "text")]),
    ("<title>t", [("start", "title", {}, False), ("text", "t")]),
]


@pytest.mark.parametrize(("html", "events"), TOKENS, ids=[t[0][:30] for t in TOKENS])
def test_tokenizer_reads_markup_as_html_parser_does(html: str, events: list[tuple]) -> None:
    assert _tokens(html) == events


def test_end_tag_br_is_a_line_break() -> None:
    html = "<div class=content><p>第一行</br>第二行</p><p>示例段落一。</p></div>"
    assert paras(html_doc(html)) == ["第一行", "第二行", "示例段落一。"]


def test_unclosed_title_keeps_the_page_and_gives_the_title() -> None:
    for head in ("<head>", ""):  # the body closes an open <head> anyway
        html = f"<html>{head}<title>青禾县2022年政府信息公开工作年度报告<body><div><p>一、总体情况</p><p>本年度公开信息8条。</p></div>"
        doc = html_doc(html)
        assert doc.blocks[0].kind == "heading"
        assert paras(doc) == ["青禾县2022年政府信息公开工作年度报告", "一、总体情况", "本年度公开信息8条。"]


def test_character_references_in_text_and_attributes() -> None:
    assert paras(html_doc("<p>甲&nbsp;乙&#20320;&#x4e2d;&amp;&lt;b&gt;&unknown;</p>")) == ["甲乙你中&<b>&unknown;"]
    html = (
        '<html><head><meta name="ArticleTitle" content="青禾县&#50;&#48;22年政府信息公开工作年度报告"></head>'
        "<body><div><p>一、总体情况</p><p>本年度公开信息8条。</p></div>"
    )
    assert paras(html_doc(html))[0] == "青禾县2022年政府信息公开工作年度报告"
    # a style hidden through a character reference is still hidden
    html = '<p>一、总体情况</p><p style="display&#58;none">看不见</p><p>看得见。</p>'
    assert paras(html_doc(html)) == ["一、总体情况", "看得见。"]


def test_comments_and_word_conditionals_are_dropped() -> None:
    html = "<p><![if !supportLists]>1.<![endif]>第一项<![CDATA[隐藏]]></p><p>甲<!-- 注释 <p>不要</p> -->乙</p>"
    assert paras(html_doc(html)) == ["1.第一项", "甲乙"]


def test_unknown_marked_section_is_read_as_text() -> None:
    # html.parser gives up on "<![ if": the page is read again with every
    # "<![" as text, Word's conditionals included
    html = "<p><![if !supportLists]>1.<![endif]>项目</p><p>甲<![ if x]>乙</p><p>丙</p>"
    assert paras(html_doc(html)) == ["<![if!supportLists]>1.<![endif]>项目", "甲<![if x]>乙", "丙"]


def test_script_text_is_dropped_up_to_its_end_tag() -> None:
    html = '<p>前文。</p><script>var x = "</p><p>假的";</SCRIPT ><p>后文。</p>'
    assert paras(html_doc(html)) == ["前文。", "后文。"]
    # an unclosed script runs to the end of the page
    assert paras(html_doc("<p>前文。</p><script>var x = 1;<p>后文。</p>")) == ["前文。"]


def test_less_than_sign_in_text_and_greater_than_in_attributes() -> None:
    assert paras(html_doc("<p>数量 < 10，比例<5%</p>")) == ["数量< 10,比例<5%"]
    assert paras(html_doc('<div class="content" title="a>b"><p>正文。</p></div>')) == ["正文。"]


def test_attribute_spellings_in_a_table() -> None:
    html = (
        "<table><TR><TD COLSPAN='2'>合计</TD></TR>"
        '<tr><td colspan="1" colspan="2">甲</td></tr><tr><td>1</td><td rowspan=1>2</td></tr></table>'
    )
    (t,) = html_doc("<body>" + html + "</body>").tables
    assert t.grid() == [["合计", "合计"], ["甲", "甲"], ["1", "2"]]


def test_unterminated_comments_are_read_in_linear_work(monkeypatch):
    """html.parser reads an unterminated "<!--" as text up to the next ">";
    the tokenizer does the same without searching the rest of the page for
    "-->" again at each one (the searches counted, not the time)."""
    import importlib

    h = importlib.import_module("gireport.load.html")
    searches = {"n": 0}
    real = h._COMMENT_CLOSE_RE

    class Counting:
        def search(self, text, pos):  # type: ignore[no-untyped-def]
            searches["n"] += 1
            return real.search(text, pos)

    monkeypatch.setattr(h, "_COMMENT_CLOSE_RE", Counting())
    work = {}
    for n in (200, 2000):
        searches["n"] = 0
        doc = html_doc("<body><p>青禾县2021年政府信息公开工作年度报告</p><p>" + "<!--注>" * n + "</p></body>")
        assert doc.text.count("<!--注>") == n
        work[n] = searches["n"]
    assert work[2000] <= 2 * work[200], work
