"""Every walked path is in every output of `gireport audit FOLDER`, with its
status: ok files (with or without findings), unsupported ones, duplicates
(naming the path whose findings they share); the same bytes with one or two
workers."""

from __future__ import annotations

import shutil

import pytest

from gireport import cli

from conftest import CORPUS

FORMATS = ("text", "json", "jsonl", "csv", "sarif", "html")

#: summaries and errors in English, as these tests read them (see conftest)
pytestmark = pytest.mark.usefixtures("english_cli")



@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "empty").mkdir()
    shutil.copy(CORPUS / "qinghe-county-2021.txt", root / "a" / "r1.txt")
    shutil.copy(CORPUS / "qinghe-county-2021.txt", root / "b" / "copy.txt")
    (root / "a" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (root / "b" / "quiet.txt").write_text("青禾县档案馆2021年政府信息公开工作年度报告\n一、总体情况\n本年度未收到政府信息公开申请。\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_path_in_every_format(archive, capsys, fmt, monkeypatch):
    monkeypatch.chdir(archive)
    outs = []
    for workers in ("1", "2"):
        cli.main(["audit", ".", "--format", fmt, "-q", "--workers", workers])
        out, _ = capsys.readouterr()
        outs.append(out)
    assert outs[0] == outs[1]
    for name in ("r1.txt", "copy.txt", "old.doc", "quiet.txt"):
        assert name in outs[0], (fmt, name)
    assert "duplicate" in outs[0] and "unsupported" in outs[0]
