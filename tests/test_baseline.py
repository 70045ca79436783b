"""Known findings: gireport baseline and audit --baseline (invented reports)."""

from __future__ import annotations

import json

import pytest

from gireport import cli

GOOD = "青禾县水务局2019年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占75%。\n"
BAD = GOOD.replace("占75%", "占80%")


def _run(capsys, *argv):
    """The CLI in-process; ``audit`` in English (the messages read below)."""
    argv = (argv[0], "--lang", "en", *argv[1:]) if argv[:1] in (("audit",), ("baseline",)) else argv
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_baseline_hides_known_findings_and_reports_stale_ones(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD.replace("水务局", "档案局"), encoding="utf-8")
    rc, _, err = _run(capsys, "baseline", ".", "-o", "known.json", "--workers", "1", "--select", "GR2")
    assert rc == 0 and "2 findings of 2 files" in err
    data = json.loads((tmp_path / "known.json").read_text(encoding="utf-8"))
    assert data["gireport_baseline"] == 1 and [e["code"] for e in data["findings"]] == ["GR201", "GR201"]

    rc, out, err = _run(capsys, "audit", "a.txt", "--baseline", "known.json", "--select", "GR2")
    assert rc == 0 and "GR201" not in out and "1 known finding hidden, 0 entries no longer found" in err

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")  # fixed: its entry is stale
    rc, out, err = _run(capsys, "audit", "a.txt", "--baseline", "known.json", "--select", "GR2")
    assert rc == 0 and "0 known findings hidden, 1 entry no longer found" in err and "stale: " in err

    (tmp_path / "b.txt").write_text(BAD.replace("水务局", "档案局").replace("40件", "50件").replace("30件", "35件"), encoding="utf-8")
    rc, out, err = _run(capsys, "audit", "b.txt", "--baseline", "known.json", "--select", "GR2")
    assert rc == 1 and "GR201" in out  # a new finding is not hidden


def test_baseline_from_the_configuration(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "gireport.toml").write_text('baseline = "known.json"\nselect = ["GR2"]\n', encoding="utf-8")
    _run(capsys, "baseline", "a.txt", "-o", "known.json")
    rc, out, err = _run(capsys, "audit", "a.txt")
    assert rc == 0 and "1 known finding hidden" in err


@pytest.mark.parametrize("content", ["not json", '{"findings": []}', '{"gireport_baseline": 1, "findings": [{"code": "GR201"}]}'])
def test_a_bad_baseline_is_a_clear_error(tmp_path, capsys, content):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "known.json").write_text(content, encoding="utf-8")
    rc, _, err = _run(capsys, "audit", str(tmp_path / "a.txt"), "--baseline", str(tmp_path / "known.json"))
    assert rc == 2 and "known.json" in err


def test_baseline_with_an_unknown_rule_is_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    rc, _, err = _run(capsys, "baseline", str(tmp_path / "a.txt"), "-o", str(tmp_path / "k.json"), "--select", "GR999")
    assert rc == 2 and "GR999" in err and not (tmp_path / "k.json").exists()


def test_hidden_findings_take_their_context_with_them(tmp_path, capsys, monkeypatch):
    """Hiding a known finding keeps every other finding with its own line
    and context (a record's findings and how each is shown go together)."""
    monkeypatch.chdir(tmp_path)
    text = GOOD.replace("占75%", "占80%") + "全年共受理咨询20件,其中电话咨询8件,占60%。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    rc, out, _ = _run(capsys, "audit", "a.txt", "--select", "GR2")
    lines = [ln for ln in out.splitlines() if "GR201" in ln]
    assert len(lines) == 2
    _run(capsys, "baseline", "a.txt", "-o", "known.json", "--select", "GR201")
    known = json.loads((tmp_path / "known.json").read_text(encoding="utf-8"))
    known["findings"] = [e for e in known["findings"] if "报告写80%" in e["message"]]  # hide the first of the two
    assert len(known["findings"]) == 1
    (tmp_path / "known.json").write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    rc, out, err = _run(capsys, "audit", "a.txt", "--baseline", "known.json", "--select", "GR2")
    shown = out.splitlines()
    kept = [i for i, ln in enumerate(shown) if "GR201" in ln]
    assert len(kept) == 1
    # the context printed under the kept finding holds its own evidence
    head, ctx = shown[kept[0]], shown[kept[0] + 1]
    assert ctx.startswith("    | ")
    assert "60%" in head and ":4:" in head and "«60%»" in ctx, (head, ctx)
