"""Same text on every machine: a PDF whose Chinese font is not embedded
(reportlab's ``STSong-Light``, as :func:`gireport.testing.render` writes it,
and many real reports) gives the same document text and tables whatever
fonts the machine has — none, no CJK one, or a CJK one.

Each reading runs ``gireport.parse`` in a fresh interpreter.  The font
environment is changed the two ways a PDFium build can look for fonts:
``FONTCONFIG_FILE`` points at a configuration with a single folder, and
PDFium is re-initialised with that folder as its only font path (its Linux
build scans folders itself)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from conftest import PDFIUM_FONT_DIR_PRELUDE  # noqa: E402
from gireport.testing.render import render  # noqa: E402

SOURCE = """\
# 松原市示例区市场监督管理局2022年政府信息公开
# 工作年度报告
一、总体情况
本年度主动公开政府信息312条，其中行政许可信息120条。
二、收到和处理政府信息公开申请情况
: 表二  收到和处理政府信息公开申请情况
| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | < | < | 申请人情况 | < | < | < | < | < | < |
| ^ | ^ | ^ | 自然人 | 法人或其他组织 | < | < | < | < | 总计 |
| ^ | ^ | ^ | ^ | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ^ |
| 一、本年新收政府信息公开申请数量 | < | < | 9 | 1 | 0 | 0 | 0 | 0 | 10 |
| 二、上年结转政府信息公开申请数量 | < | < | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
三、存在的主要问题及改进情况
公开内容的及时性仍需提高，下一步将加强培训。
"""

# Run in a fresh interpreter: optionally re-initialise PDFium with one font
# folder, then gireport.parse each PDF (no limits: one process) and print its
# text, table grids and headings as JSON (or the error it raised).
_SCRIPT = PDFIUM_FONT_DIR_PRELUDE + textwrap.dedent(
    """
    import gireport
    if substitute == "off":  # to show that the font environment really changes what PDFium reads
        importlib.import_module("gireport.load.pdffont").install = lambda: None
    out = {}
    for p in paths:
        try:
            r = gireport.parse(p, limits=False)
        except gireport.GireportError as e:
            out[p] = str(e)
            continue
        out[p] = [r.text, [t.grid() for t in r.document.tables], [s.heading for s in r.sections]]
    print(json.dumps(out, ensure_ascii=False))
    """
)


def _upright_rotated(rot: int) -> bytes:
    """A page with ``/Rotate rot`` whose content is drawn turned back, so it
    reads upright on screen: a heading, a sentence and a ruled table whose
    last cell holds a single character."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    mw, mh = A4

    def user(dx: float, dtop: float) -> tuple[float, float]:
        return {0: (dx, mh - dtop), 90: (dtop, dx), 180: (mw - dx, dtop), 270: (mw - dtop, mh - dx)}[rot]

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(mh, mw) if rot in (90, 270) else (mw, mh), invariant=1)
    c.setPageRotation(rot)

    def text(dx: float, base: float, s: str) -> None:
        x, y = user(dx, base)
        c.saveState()
        c.translate(x, y)
        c.rotate(rot)
        c.setFont("STSong-Light", 12)
        c.drawString(0, 0, s)
        c.restoreState()

    text(72, 100, "一、总体情况")
    text(96, 130, "全年共受理申请事项23件，均已办结。")
    for yy in (200, 230, 260):
        x0, y0 = user(72, yy)
        x1, y1 = user(312, yy)
        c.line(x0, y0, x1, y1)
    for xx in (72, 192, 312):
        x0, y0 = user(xx, 200)
        x1, y1 = user(xx, 260)
        c.line(x0, y0, x1, y1)
    for (dx, base, s) in ((76, 220, "商业企业"), (196, 220, "社会公益组织"), (76, 250, "合计"), (196, 250, "件")):
        text(dx, base, s)
    c.showPage()
    c.save()
    return buf.getvalue()


def _run(tmp_path: Path, paths: list[str], font_dir: str = "", substitute: str = "on") -> dict:
    env = dict(os.environ)
    env.pop("GIREPORT_NO_LIMITS", None)
    if font_dir:
        conf = tmp_path / f"fonts-{Path(font_dir).name}.conf"
        conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{font_dir}</dir>'
                        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
        env["FONTCONFIG_PATH"] = str(tmp_path)
    res = subprocess.run([sys.executable, "-c", _SCRIPT, font_dir, substitute, *paths], capture_output=True, text=True,
                         timeout=300, env=env, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> tuple[Path, list[str]]:
    d = tmp_path_factory.mktemp("fonts")
    report = render(SOURCE, "pdf")
    files = {"report.pdf": report, "rot90.pdf": _upright_rotated(90), "rot270.pdf": _upright_rotated(270),
             "rot180.pdf": _upright_rotated(180)}
    for name, data in files.items():
        (d / name).write_bytes(data)
    return d, [str(d / n) for n in files]


def _fake_cjk_dir(d: Path) -> str:
    """A folder with one CJK "system font" of its own metrics, as a machine
    with 宋体 installed would have."""
    from gireport.load.pdffont import font_bytes

    f = d / "fake-cjk"
    f.mkdir(exist_ok=True)
    (f / "FakeSong.ttf").write_bytes(font_bytes(b"FakeSong", box=(0, -200, 1000, 900), code_pages=1 << 18))
    return str(f)


def test_same_text_with_no_fonts_and_with_a_cjk_font(pdfs):
    d, paths = pdfs
    empty = d / "empty-fonts"
    empty.mkdir(exist_ok=True)
    here = _run(d, paths)
    no_fonts = _run(d, paths, str(empty))
    cjk = _run(d, paths, _fake_cjk_dir(d))
    for p in paths:
        assert no_fonts[p] == here[p], p
        assert cjk[p] == here[p], p
    text, grids, headings = here[paths[0]]
    # nothing lost at the end of a cell or a heading
    assert "商业企业" in text and "社会公益组织" in text and "法律服务机构" in text
    assert any("商业企业" in row for g in grids for row in g)
    assert "一、总体情况" in headings[0] or any("总体情况" in h for h in headings)
    for p in paths[1:]:  # rotated pages read upright, their lone last cell kept
        text, grids, headings = here[p]
        assert text.startswith("一、总体情况"), (p, text)
        assert grids == [[["商业企业", "社会公益组织"], ["合计", "件"]]], (p, grids)


def test_parse_in_this_process_matches(pdfs):
    """The reading above is what gireport.parse gives here, limits on."""
    import gireport

    d, paths = pdfs
    here = _run(d, paths[:2])
    for p in paths[:2]:
        r = gireport.parse(p)
        assert [r.text, [t.grid() for t in r.document.tables], [s.heading for s in r.sections]] == here[p]


def test_the_font_environment_matters_without_the_substitute(pdfs):
    """The harness is not idle: without gireport's fixed substitute font,
    PDFium's reading of the same rotated page differs between a machine with
    no CJK font and one with."""
    d, paths = pdfs
    empty = d / "empty-fonts"
    empty.mkdir(exist_ok=True)
    rotated = paths[1:2]
    no_fonts = _run(d, rotated, str(empty), substitute="off")
    cjk = _run(d, rotated, _fake_cjk_dir(d), substitute="off")
    assert no_fonts != cjk
