"""Word .docx loading: document order, heading styles, merged cells, nested
tables, list numbering, the official blank 2021 template (in ../shared,
skipped when absent), and damaged input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

import gireport
from gireport.document import Document
from gireport.errors import (
    CorruptFileError,
    EmptyFileError,
    GireportError,
    UnsupportedFormatError,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEMPLATE = SHARED / "corpus-real" / "templates" / "format-2021-blank.docx"
needs_template = pytest.mark.skipif(not TEMPLATE.is_file(), reason="../shared/corpus-real/templates not present")


def paras(doc: Document) -> list[str]:
    return [doc.block_text(b) for b in doc.paragraphs()]


def save(d: docx.document.Document, path: Path) -> Path:
    d.save(str(path))
    return path


# --------------------------------------------------------------------------
# Documents generated with python-docx
# --------------------------------------------------------------------------


@pytest.fixture()
def generated(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_heading("某县2023年政府信息公开工作年度报告", 0)  # style "Title"
    d.add_paragraph("根据《中华人民共和国政府信息公开条例》，编制本报告。")
    d.add_heading("一、总体情况", 1)
    d.add_heading("（一）主动公开", 2)
    p = d.add_paragraph("本年度主动公开政府信息")
    p.add_run("1234").bold = True
    p.add_run("条。")
    # custom styles: a Chinese heading name, and a style based on Heading 3
    zh = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("（二）依申请公开", style=zh)
    sub = d.styles.add_style("报告小标题", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = d.styles["Heading 3"]
    d.add_paragraph("1.受理情况", style=sub)

    t = d.add_table(rows=5, cols=4)
    texts = [
        ["项目", "", "数量", "备注"],
        ["一、本年新收", "", "5", "无"],
        ["三、办理结果", "(一)予以公开", "2", ""],
        ["", "(二)部分公开", "1", ""],
        ["", "(三)不予公开", "2", ""],
    ]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    t.cell(0, 0).merge(t.cell(0, 1))  # horizontal: colspan 2
    t.cell(1, 0).merge(t.cell(1, 1))
    t.cell(2, 0).merge(t.cell(4, 0))  # vertical: rowspan 3
    t.cell(2, 3).merge(t.cell(4, 3))  # vertical, empty
    inner = t.cell(1, 3).add_table(rows=1, cols=2)  # nested table
    inner.cell(0, 0).text = "当面"
    inner.cell(0, 1).text = "网上"
    d.add_paragraph("二、其他需要报告的事项")
    d.add_paragraph("")  # empty paragraphs are dropped
    d.add_paragraph("无。\n第二行")
    return save(d, tmp_path / "generated.docx")


def test_generated_docx_order_and_levels(generated: Path) -> None:
    doc = gireport.load(generated)
    assert doc.source.format == "docx"
    summary = [(b.kind, b.level, doc.block_text(b) if b.kind != "table" else "<table>") for b in doc.blocks]
    assert summary == [
        ("heading", 1, "某县2023年政府信息公开工作年度报告"),
        ("paragraph", None, "根据《中华人民共和国政府信息公开条例》,编制本报告。"),
        ("heading", 1, "一、总体情况"),
        ("heading", 2, "(一)主动公开"),
        ("paragraph", None, "本年度主动公开政府信息1234条。"),
        ("heading", 2, "(二)依申请公开"),
        ("heading", 3, "1.受理情况"),
        ("table", None, "<table>"),
        ("paragraph", None, "二、其他需要报告的事项"),
        ("paragraph", None, "无。\n第二行"),
    ]
    assert all(b.page is None for b in doc.blocks)


def test_generated_docx_merged_cells(generated: Path) -> None:
    doc = gireport.load(generated)
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (5, 4)
    assert t.grid() == [
        ["项目", "项目", "数量", "备注"],
        ["一、本年新收", "一、本年新收", "5", "无当面网上"],
        ["三、办理结果", "(一)予以公开", "2", ""],
        ["三、办理结果", "(二)部分公开", "1", ""],
        ["三、办理结果", "(三)不予公开", "2", ""],
    ]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in t.cells}
    assert spans[(0, 0)] == (1, 2)
    assert spans[(1, 0)] == (1, 2)
    assert spans[(2, 0)] == (3, 1)
    assert spans[(2, 3)] == (3, 1)
    # each merged cell once: 3 + 3 + 4 + 2 + 2
    assert len(t.cells) == 14
    for c in t.cells:
        assert doc.text[c.start : c.end] == c.text


# --------------------------------------------------------------------------
# Hand-written WordprocessingML: numbering, gridBefore, text boxes, sdt
# --------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""
# WPS-style numeric style ids; "3" is a heading style numbered by Word.
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 1"/><w:basedOn w:val="1"/>
  <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="4"><w:name w:val="标题 2"/><w:basedOn w:val="1"/></w:style>
</w:styles>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def p(text: str, style: str | None = None, num: tuple[int, int] | None = None, extra: str = "") -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{extra}</w:p>"


def tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}</w:tc>"


def make_docx(body: str, *, numbering: bool = True) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", STYLES)
        if numbering:
            z.writestr("word/numbering.xml", NUMBERING)
    return buf.getvalue()


def test_numeric_style_ids_and_automatic_numbering() -> None:
    body = (
        p("总体情况", style="3")
        + p("主动公开", num=(1, 1))
        + p("规章", num=(1, 2))
        + p("规范性文件", num=(1, 2))
        + p("依申请公开", num=(1, 1))
        + p("受理", num=(1, 2))
        + p("主动公开政府信息情况", style="3")
        + p("要点", num=(2, 0))
        + p("小结", style="4")
        + p("", num=(1, 0))  # an empty numbered paragraph still takes 三
        + p("其他事项", num=(1, 0))
        + p("附件说明", num=(3, 0))  # a list instance that restarts
        + p("附表", num=(3, 0))
    )
    doc = gireport.load(make_docx(body), name="numbered.docx")
    assert [(doc.block_text(b), b.level) for b in doc.blocks] == [
        ("一、总体情况", 1),
        ("(一)主动公开", None),
        ("1.规章", None),
        ("2.规范性文件", None),
        ("(二)依申请公开", None),
        ("1.受理", None),
        ("二、主动公开政府信息情况", 1),
        ("要点", None),  # bullets add no text
        ("小结", 2),
        ("四、其他事项", None),
        ("一、附件说明", None),
        ("二、附表", None),
    ]


def test_grid_before_vmerge_and_sdt_wrappers() -> None:
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{tc('甲', vmerge='restart')}{tc('乙', span=2)}</w:tr>"
        f"<w:tr>{tc('', vmerge='continue')}{tc('1')}{tc('2')}</w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{tc('3')}{tc('4')}</w:tr>"
        "</w:tbl>"
    )
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('前言')}{table}</w:sdtContent></w:sdt>{p('后记')}"
    doc = gireport.load(make_docx(body), name="grid.docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    (t,) = doc.tables
    assert t.grid() == [["甲", "乙", "乙"], ["甲", "1", "2"], ["", "3", "4"]]
    assert t.cell_at(1, 0) is t.cell_at(0, 0)
    assert t.cell_at(0, 0).rowspan == 2  # type: ignore[union-attr]


def test_text_boxes_deleted_text_and_fields() -> None:
    box = (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
        + p("文本框内容")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        + p("文本框内容")
        + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = (
        p("正文", extra=box)
        + '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>页</w:t></w:r></w:p>'
    )
    doc = gireport.load(make_docx(body), name="boxes.docx")
    assert paras(doc) == ["正文", "文本框内容", "保留7页"]


def test_document_without_text_is_empty() -> None:
    with pytest.raises(EmptyFileError, match="blank.docx"):
        gireport.load(make_docx(p("") + p("   ")), name="blank.docx")


# --------------------------------------------------------------------------
# The official blank 2021 template
# --------------------------------------------------------------------------


@needs_template
def test_blank_template_structure() -> None:
    doc = gireport.load(TEMPLATE)
    ps = paras(doc)
    assert ps[0] == "政府信息公开工作年度报告格式模板"
    heads = [p for p in ps if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert heads == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    kinds = [b.kind for b in doc.blocks]
    # each table follows its section heading
    for i, t in enumerate(b for b in doc.blocks if b.kind == "table"):
        before = doc.block_text(doc.blocks[doc.blocks.index(t) - 1])
        assert before == heads[i + 1]
    assert kinds.count("table") == 3
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(14, 4), (28, 10), (4, 15)]


@needs_template
def test_blank_template_application_table_grid() -> None:
    doc = gireport.load(TEMPLATE)
    t = doc.tables[1]
    grid = t.grid()
    corner = t.cell_at(0, 0)
    assert corner is not None and (corner.rowspan, corner.colspan) == (3, 3)
    assert corner.text.startswith("(本列数据的勾稽关系为")
    applicant = t.cell_at(0, 3)
    assert applicant is not None and applicant.text == "申请人情况" and applicant.colspan == 7
    legal = t.cell_at(1, 4)
    assert legal is not None and legal.text == "法人或其他组织" and (legal.colspan, legal.rowspan) == (5, 1)
    assert grid[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    # 三、本年度办理结果 spans the 22 result rows
    result = t.cell_at(5, 0)
    assert result is not None and result.text == "三、本年度办理结果"
    assert (result.row, result.rowspan, result.colspan) == (5, 22, 1)
    assert [grid[r][0] for r in (3, 4, 27)] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"]
    # (三)不予公开 covers its 8 reasons; (七)总计 spans two label columns
    refused = t.cell_at(7, 1)
    assert refused is not None and refused.text == "(三)不予公开" and refused.rowspan == 8
    total = t.cell_at(26, 1)
    assert total is not None and total.text == "(七)总计" and total.colspan == 2
    # the blank template has no numbers yet
    assert all(grid[r][k] == "" for r in range(3, 28) for k in range(3, 10))


@needs_template
def test_blank_template_other_tables() -> None:
    doc = gireport.load(TEMPLATE)
    active, _, review = doc.tables
    assert active.grid()[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    head = active.cell_at(0, 0)
    assert head is not None and head.colspan == 4 and head.text.startswith("第二十条第(一)项")
    g = review.grid()
    assert g[0][:5] == ["行政复议"] * 5 and g[0][5:] == ["行政诉讼"] * 10
    assert g[2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    assert review.cell_at(1, 0) is not None and review.cell_at(1, 0).rowspan == 2  # type: ignore[union-attr]


# --------------------------------------------------------------------------
# Damaged and wrong input
# --------------------------------------------------------------------------


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    data = _zip({"readme.txt": "hello", "data/report.csv": "a,b\n1,2\n"})
    named_docx = tmp_path / "report.docx"
    named_docx.write_bytes(data)
    with pytest.raises(CorruptFileError, match=r"report\.docx: not a valid \.docx"):
        gireport.load(named_docx)
    named_zip = tmp_path / "bundle.zip"
    named_zip.write_bytes(data)
    with pytest.raises(UnsupportedFormatError, match=r"bundle\.zip"):
        gireport.load(named_zip)


def test_truncated_docx(tmp_path: Path, generated: Path) -> None:
    data = generated.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 200):
        bad = tmp_path / f"truncated-{cut}.docx"
        bad.write_bytes(data[:cut])
        with pytest.raises(CorruptFileError) as e:
            gireport.load(bad)
        assert str(bad) in str(e.value)


def test_docx_with_malformed_xml(tmp_path: Path) -> None:
    data = make_docx(p("正文"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]  # cut mid-element
            dst.writestr(item, content)
    bad = tmp_path / "malformed.docx"
    bad.write_bytes(buf.getvalue())
    with pytest.raises(CorruptFileError, match=r"malformed\.docx: not a valid \.docx"):
        gireport.load(bad)


def test_docx_without_content_types(tmp_path: Path) -> None:
    bad = tmp_path / "nocontenttypes.docx"
    bad.write_bytes(_zip({"word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'}))
    with pytest.raises(CorruptFileError, match=r"nocontenttypes\.docx: not a valid \.docx"):
        gireport.load(bad)


def test_corrupted_member_crc(tmp_path: Path, generated: Path) -> None:
    data = bytearray(generated.read_bytes())
    # flip bytes inside the compressed word/document.xml member
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + 40):
        data[k] ^= 0x5A
    bad = tmp_path / "crc.docx"
    bad.write_bytes(bytes(data))
    with pytest.raises(GireportError) as e:
        gireport.load(bad)
    assert isinstance(e.value, CorruptFileError)
    assert "crc.docx" in str(e.value)
