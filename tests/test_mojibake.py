"""Chinese text decoded as Latin-1/Windows-1252 and saved as UTF-8 is
repaired when the repair is exact, refused with a typed error otherwise."""

from __future__ import annotations

import pytest

import gireport
from gireport.errors import DecodeError, MojibakeError

REPORT = (
    "青禾县农业农村局2022年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本年度我局主动公开政府信息214条，其中规范性文件9件，占4.2%。\n"
    "全年共收到政府信息公开申请12件，上年结转2件，均已按期答复。\n"
    "二、主动公开政府信息情况\n"
    "我局通过门户网站、政务新媒体等渠道及时发布涉农补贴、项目资金等信息。\n"
    "三、存在的主要问题及改进情况\n"
    "公开内容的系统性有待加强，下一步将进一步规范公开流程。\n"
)


def whatwg_1252(data: bytes) -> str:
    """What a browser-like client makes of bytes labelled windows-1252: the
    five bytes cp1252 leaves undefined become C1 control characters."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def test_gbk_read_as_latin1_is_repaired():
    mangled = REPORT.encode("gbk").decode("latin-1")
    assert "政府" not in mangled
    r = gireport.parse(mangled.encode("utf-8"), name="mangled.txt")
    assert r.text == gireport.parse(text=REPORT).text
    assert r.document.source.encoding.startswith("gb18030")
    assert "Latin-1" in r.document.source.encoding
    assert any("repaired" in n for n in r.document.notes)
    assert r.metadata.agency == "青禾县农业农村局"


def test_gbk_with_c1_bytes_read_as_latin1_is_repaired():
    # GBK characters outside GB2312 have trail bytes 0x80-0x9F (C1 controls once read as Latin-1)
    text = REPORT.replace("青禾县", "堃禾县")
    data = text.encode("gbk")
    assert any(0x80 <= b <= 0x9F for b in data)
    r = gireport.parse(data.decode("latin-1").encode("utf-8"), name="c1.txt")
    assert "堃禾县农业农村局" in r.text


def test_utf8_read_as_windows_1252_is_repaired():
    mangled = whatwg_1252(REPORT.encode("utf-8"))
    assert "”" in mangled or "€" in mangled  # cp1252 punctuation stands for UTF-8 continuation bytes
    r = gireport.parse(mangled.encode("utf-8"), name="m.txt")
    assert r.text == gireport.parse(text=REPORT).text
    assert "Windows-1252" in r.document.source.encoding


def test_mangled_html_page_is_repaired(tmp_path):
    page = f"<html><head><meta charset=\"gbk\"><title>年报</title></head><body>{''.join(f'<p>{ln}</p>' for ln in REPORT.splitlines())}</body></html>"
    p = tmp_path / "page.html"
    p.write_text(page.encode("gbk").decode("latin-1"), encoding="utf-8")
    r = gireport.parse(p)
    assert "本年度我局主动公开政府信息214条" in r.text
    assert r.document.source.sha256 == __import__("hashlib").sha256(p.read_bytes()).hexdigest()


def test_mangled_text_with_a_foreign_character_is_refused(tmp_path):
    mangled = REPORT.encode("gbk").decode("latin-1")
    mangled = mangled[:40] + "中" + mangled[40:]  # cannot come from a Latin-1 decoding
    p = tmp_path / "half-mangled.txt"
    p.write_text(mangled, encoding="utf-8")
    with pytest.raises(MojibakeError) as ei:
        gireport.parse(p)
    assert isinstance(ei.value, DecodeError)
    assert "half-mangled.txt" in str(ei.value) and "Latin-1" in str(ei.value)


def test_latin1_noise_that_does_not_read_as_chinese_is_refused():
    noise = bytes(range(0xA1, 0xFF)) * 3  # every pair decodes as GB18030, but not as text anyone wrote
    with pytest.raises(MojibakeError):
        gireport.parse(noise.decode("latin-1").encode("utf-8") + b"\n", name="noise.txt")


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        REPORT.replace("。", "。“示例”——见附件…"),  # cp1252 punctuation in real Chinese text
        "Annual report — café résumé naïve, © 2022 ½ ¼ × ÷ ° " * 3,  # a Western text with accents
    ],
)
def test_ordinary_text_is_not_touched(text):
    r = gireport.parse(text.encode("utf-8"), name="t.txt")
    assert r.document.source.encoding == "utf-8"
