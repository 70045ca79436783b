"""Text loading: encodings, normalisation, line re-joining, and bad input."""

from __future__ import annotations

import codecs
import os

import pytest

import gireport
from gireport.errors import (
    DecodeError,
    EmptyFileError,
    FileNotFound,
    GireportError,
    UnsupportedFormatError,
)
from gireport.text import join_lines, normalize

REPORT = "长白县人民政府2013年政府信息公开工作年度报告\n一、基本工作情况\n县本级主动公开政府信息总数3521条，其中县政府信息网公开2304条。\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, prefix):
    p = tmp_path / f"r-{encoding}.txt"
    p.write_bytes(prefix + REPORT.encode(encoding))
    doc = gireport.load(p)
    assert "主动公开政府信息总数3521条,其中县政府信息网公开2304条。" in doc.text
    assert doc.source.format == "txt"


def test_gbk_is_never_silently_misread(tmp_path):
    # GBK bytes are not valid UTF-8; they must come out as the same Chinese.
    p = tmp_path / "gbk.txt"
    p.write_bytes(("政府信息公开工作年度报告。" * 20).encode("gbk"))
    doc = gireport.load(p)
    assert doc.source.encoding == "gb18030"
    assert doc.text.startswith("政府信息公开工作年度报告。")


def test_mojibake_saved_as_utf8_is_repaired_or_refused(tmp_path):
    original = "本报告所列数据的统计期限自2013年1月1日起至2013年12月31日止。政府信息公开工作年度报告" * 3
    garbled = original.encode("utf-8").decode("gb18030", errors="ignore")
    p = tmp_path / "moji.txt"
    p.write_text(garbled, encoding="utf-8")
    try:
        doc = gireport.load(p)
    except DecodeError as e:
        assert "moji.txt" in str(e)
    else:
        # Repaired exactly, or not at all: garbled text never reaches later stages.
        assert "政府信息公开工作年度报告" in doc.text


def test_normalize_nfkc_quotes_dashes_spaces():
    assert normalize("（一）７．２％") == "(一)7.2%"
    assert normalize("2023 年 邮 编 ： 223100") == "2023年邮编:223100"
    assert normalize("规章 0 0 0") == "规章0 0 0"
    assert normalize("「三安全一稳定」") == "“三安全一稳定”"
    assert normalize("2021–2035") == "2021-2035"
    assert normalize("1, 234") == "1, 234"  # a list, never the number 1234


def test_join_lines_hard_wrapped_text_rejoins_without_spaces():
    para1 = "根据《中华人民共和国政府信息公开条例》和《上海市政府信息公开规定》的要求，市科委编制了2024年度政务公开工作报告，报告全文包括总体情况。"
    para2 = "全年收到政府信息公开申请34件，上年结转政府信息公开申请2件，所有申请均已按要求办理完成，同意公开答复9件。"
    lines = [para1[i : i + 28] for i in range(0, len(para1), 28)] + ["一、总体情况"]
    lines += [para2[i : i + 28] for i in range(0, len(para2), 28)]
    out = join_lines(lines)
    assert out == [para1, "一、总体情况", para2]


def test_join_lines_keeps_one_paragraph_per_line_text():
    lines = ["一、概述", "短的一段。", "这是比较长的一段文字，说明了主动公开政府信息的总体情况，数量为3521条。", "二、主动公开"]
    assert join_lines(lines) == lines


def test_markdown_tables_and_headings(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("# 标题\n\n一、总体情况\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n", encoding="utf-8")
    doc = gireport.load(p)
    assert doc.source.format == "md"
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table"]
    assert doc.tables[0].grid() == [["信息内容", "本年制发件数"], ["规章", "0"]]
    cell = doc.tables[0].cells[-1]
    assert doc.text[cell.start : cell.end] == "0"


def test_text_input_and_bytes_input():
    d1 = gireport.load(text=REPORT)
    d2 = gireport.load(REPORT.encode("gbk"), name="x.txt")
    assert d1.text == d2.text
    assert d2.source.path == "x.txt"


# --- bad input: a typed error whose message names the file -------------------


def _check(exc_type, path, *words):
    with pytest.raises(exc_type) as ei:
        gireport.load(path)
    msg = str(ei.value)
    assert os.path.basename(str(path)) in msg
    for w in words:
        assert w in msg
    assert isinstance(ei.value, GireportError)


def test_zero_bytes(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    _check(EmptyFileError, p, "empty")


def test_whitespace_only(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_bytes(b"  \n\n \t ")
    _check(EmptyFileError, p, "empty")


def test_binary_noise_named_txt(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(range(256)) * 64)
    _check(UnsupportedFormatError, p, "binary")


def test_random_high_bytes_are_not_decoded_as_chinese(tmp_path):
    import random

    rng = random.Random(7)
    p = tmp_path / "noise2.txt"
    p.write_bytes(bytes(rng.randrange(0x81, 0xFF) for _ in range(4000)))
    with pytest.raises((DecodeError, UnsupportedFormatError)) as ei:
        gireport.load(p)
    assert "noise2.txt" in str(ei.value)


def test_missing_file():
    _check(FileNotFound, "/no/such/report.pdf", "no such file")


def test_unsupported_formats(tmp_path):
    p = tmp_path / "scan.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    _check(UnsupportedFormatError, p, "OCR")
    q = tmp_path / "old.doc"
    q.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _check(UnsupportedFormatError, q, ".docx")


def test_zip_that_is_not_a_docx(tmp_path):
    import zipfile

    p = tmp_path / "fake.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    from gireport.errors import CorruptFileError

    _check(CorruptFileError, p, "word/document.xml")


def test_parse_raises_only_gireport_errors(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"not a pdf at all")
    with pytest.raises(GireportError):
        gireport.parse(p)


# --- column-aligned plain-text tables: blank cells keep their columns ----------
def _dw(s: str) -> int:
    import unicodedata

    return sum(2 if ord(c) > 0x7F and unicodedata.east_asian_width(c) in ("W", "F", "A") else 1 for c in s)


def _line(cells, widths, *, wide=True, right=False):
    """A line of cells padded to the column widths (display width when
    ``wide``, else characters), two spaces between columns."""
    out = []
    for c, w in zip(cells, widths):
        pad = w - (_dw(c) if wide else len(c))
        if right == "centre":
            out.append(" " * (pad // 2) + c + " " * (pad - pad // 2))
        else:
            out.append(" " * pad + c if right else c + " " * pad)
    return "  ".join(out).rstrip()


_T4_FIELDS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3


def _t4_report(data, *, wide=True, right=False):
    widths = [8] * 15 if wide else [4] * 15
    lines = [
        "示例县农业农村局2022年政府信息公开工作年度报告",
        "四、政府信息公开行政复议、行政诉讼情况",
        _line(["行政复议", "行政诉讼"], [5 * (widths[0] + 2) - 2, 40], wide=wide),
        _line(_T4_FIELDS, widths, wide=wide, right=right if right is True else False),
        _line(data, widths, wide=wide, right=right),  # the values as the headings
        "示例县农业农村局",
        "2023年1月10日",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("right", [False, True, "centre"])
def test_aligned_table_keeps_blank_cells_in_their_columns(tmp_path, right):
    """A Table 4 data row that leaves cells blank: the wide gaps show which
    columns are blank, and the grid keeps every value under its heading
    (columns left- or right-aligned, padded by display width: a CJK
    character two wide)."""
    data = ["1", "", "", "1", "2", "", "", "", "", "", "", "", "", "", ""]
    p = tmp_path / "t4.txt"
    p.write_text(_t4_report(data, right=right), encoding="utf-8")
    doc = gireport.load(p)
    grid = doc.tables[0].grid()
    assert grid[-1][:5] == ["1", "", "", "1", "2"] and not any(grid[-1][5:])
    rv = gireport.parse(p).table("review")
    got = {f: rv.get("review", f).text for f in ("upheld", "corrected", "other", "pending", "total")}
    assert got == {"upheld": "1", "corrected": "", "other": "", "pending": "1", "total": "2"}
    c = rv.get("review", "pending")
    assert doc.text[c.start : c.end] == "1"


def test_aligned_rows_with_labels_and_full_width_characters(tmp_path):
    """A labelled row with a blank in the middle is placed by the columns of
    the printed line (full-width brackets two wide, before NFKC narrows
    them)."""
    heads = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    widths = [14, 12, 12, 12]
    lines = [
        "二、主动公开政府信息情况",
        _line(heads, widths),
        _line(["（一）规章", "2", "", "9"], widths),
        _line(["（二）规范性文件", "15", "3", "120"], widths),
    ]
    p = tmp_path / "pro.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    grid = gireport.load(p).tables[0].grid()
    assert grid[1] == ["(一)规章", "2", "", "9"]
    assert grid[2] == ["(二)规范性文件", "15", "3", "120"]


def test_cells_separated_by_two_spaces_are_not_given_blanks(tmp_path):
    """Cells separated by two spaces without column alignment show no blank
    position: a short row keeps its values in order (nothing invented)."""
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量  64  3  0  1  0  0  68\n"
        "3.危及“三安全一稳定”  0  0  0  0  0  0\n"
        "四、结转下年度继续办理  2  0  0  0  0  0  2\n"
    )
    grid = gireport.load(text=text).tables[0].grid()
    assert grid[1][:7] == ["3.危及“三安全一稳定”", "0", "0", "0", "0", "0", "0"]
    assert grid[1][7:] == [""]


def test_aligned_applications_table_with_blank_cells_is_read_cell_by_cell(tmp_path):
    """A whole 2021 Table 3 in column-aligned text whose zero cells were left
    blank: each value stays under its applicant column (the labels span the
    label columns), so the grid reader maps every cell and the identities
    hold with blanks read as none (before, only the 总计 column could be
    placed)."""
    from test_rule_docs import TABLES_2021

    rows = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in TABLES_2021["收到和处理政府信息公开申请情况"].splitlines()]
    grid = [["" if c in ("^", "<") else c for c in r] for r in rows]
    grid[0][0] = grid[0][0][:10]
    for r in grid[2:]:
        r[:3] = [c[:16] for c in r[:3]]
        r[3:9] = ["" if c == "0" else c for c in r[3:9]]
    widths = [max(_dw(r[i]) for r in grid) for i in range(10)]
    text = "\n".join(
        ["# 青禾县人民政府2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
        + [_line(r, widths) for r in grid]
        + ["青禾县人民政府办公室", "2022年3月20日"]
    )
    p = tmp_path / "t3.txt"
    p.write_text(text + "\n", encoding="utf-8")
    a = gireport.parse(p).table("applications")
    assert a is not None and a.source == "grid" and not a.ambiguous and a.complete
    cols = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
    assert [a.get("new", c).text for c in cols] == ["99", "12", "", "1", "3", "2", "117"]
    assert [a.get("denied.enforcement_file", c).text for c in cols] == ["2", "", "", "", "1", "", "3"]
    assert [a.get("carry_out", c).text for c in cols] == ["3", "", "", "", "", "", "3"]
    assert not [f for f in gireport.audit(p).findings if f.code.startswith("GR6")]


def test_tab_separated_table_keeps_empty_fields_as_blank_cells():
    """A table copied from a spreadsheet: one tab between fields, the same
    number of fields on every line; an empty field is a blank cell in its
    column (not dropped)."""
    head = "\t".join(_T4_FIELDS)
    data = "\t".join(["2", "", "1", "", "3", "", "", "", "", "", "1", "", "", "", "1"])
    text = "四、政府信息公开行政复议、行政诉讼情况\n" + head + "\n" + data + "\n"
    grid = gireport.load(text=text).tables[0].grid()
    assert grid[1] == ["2", "", "1", "", "3", "", "", "", "", "", "1", "", "", "", "1"]
    # lines aligned by runs of tabs (field counts differ) keep their cells in order
    ragged = "信息内容\t\t本年制发件数\t本年废止件数\n规章\t\t0\t0\n规范性文件\t5\t1\n"
    grid = gireport.load(text="二、主动公开政府信息情况\n" + ragged).tables[0].grid()
    assert grid[2][:3] == ["规范性文件", "5", "1"]


def test_common_hanzi_are_every_level_one_gb2312_character():
    from gireport.load.txt import _common_hanzi

    one_by_one = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                one_by_one.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert _common_hanzi() == frozenset(one_by_one) and len(one_by_one) == 3755
