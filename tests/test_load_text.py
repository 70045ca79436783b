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
    d1 = gireport.load(REPORT)
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
