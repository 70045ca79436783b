"""gireport.load.locate: spans of gireport's text placed in the original
file (invented documents)."""

from __future__ import annotations

import gireport
from gireport.load.locate import SourceLines


def _placed(tmp_path, name: str, raw: str, needle: str) -> str:
    p = tmp_path / name
    p.write_text(raw, encoding="utf-8")
    r = gireport.parse(p)
    i = r.text.index(needle)
    src = r.document.source
    lines = SourceLines.of(str(p), src.format, src.encoding, r.text)
    assert lines is not None
    sl, sc, el, ec = lines.locate(i, i + len(needle))  # type: ignore[misc]
    rows = raw.split("\n")
    assert sl == el
    return rows[sl - 1][sc - 1 : ec - 1]


def test_html_tags_and_entities_are_skipped(tmp_path):
    raw = "<html><body>\n<h1>示例区民政局2022年政府信息公开工作年度报告</h1>\n<p>全年共受理申请&nbsp;<b>18</b>件，其中予以公开12件。</p>\n</body></html>\n"
    assert _placed(tmp_path, "r.html", raw, "予以公开12件") == "予以公开12件"


def test_markdown_table_cells_are_found_in_their_row(tmp_path):
    raw = (
        "# 示例区民政局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n全年收到申请5件。\n\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 7 | 2 | 31 |\n"
    )
    assert _placed(tmp_path, "r.md", raw, "31") == "31"


def test_a_repeated_text_is_placed_by_its_position(tmp_path):
    raw = "一、概述\n全年受理申请9件。\n二、依申请公开\n全年受理申请9件，办结9件。\n"
    p = tmp_path / "r.txt"
    p.write_text(raw, encoding="utf-8")
    r = gireport.parse(p)
    i = r.text.rindex("受理申请9件")
    lines = SourceLines.of(str(p), "txt", "utf-8", r.text)
    assert lines is not None and lines.locate(i, i + 6)[0] == 4  # type: ignore[index]


def test_files_without_lines_or_gone_are_not_located(tmp_path):
    assert SourceLines.of(str(tmp_path / "gone.txt"), "txt", "utf-8", "x") is None
    assert SourceLines.of(str(tmp_path / "a.pdf"), "pdf", None, "x") is None


def test_folder_runs_locate_like_single_files(tmp_path, monkeypatch, capsys):
    """A folder is audited by batch workers; they locate each finding in its
    file, so the SARIF of a folder run places findings as a single-file run
    does (and an export from the store too)."""
    import json
    import shutil

    from gireport import cli
    from gireport.batch.export import export

    from conftest import CORPUS

    (tmp_path / "a").mkdir()
    shutil.copy(CORPUS / "example-city-education-2020.txt", tmp_path / "a" / "r.txt")
    monkeypatch.chdir(tmp_path)

    def regions(doc):
        return [[loc["physicalLocation"]["region"] for loc in r["locations"] + r.get("relatedLocations", [])] for r in doc["runs"][0]["results"]]

    cli.main(["audit", "a/r.txt", "--format", "sarif"])
    one = json.loads(capsys.readouterr().out)
    cli.main(["audit", "a", "--format", "sarif", "-q", "--workers", "1", "--db", "s.db"])
    folder = json.loads(capsys.readouterr().out)
    assert regions(one) == regions(folder) and any("startColumn" in r for rs in regions(one) for r in rs)
    out = tmp_path / "x.sarif"
    export("s.db", "sarif", out)
    assert regions(json.loads(out.read_text(encoding="utf-8"))) == regions(one)
