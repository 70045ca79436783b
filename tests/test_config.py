"""gireport.toml / [tool.gireport]: found upwards from the audited path,
command-line options first (invented reports)."""

from __future__ import annotations

import json

import pytest

from gireport import cli
from gireport.config import ConfigError, find_config, load_config

REPORT = "一、概述\n全年共受理申请40件，其中予以公开30件，占80%。\n"  # 30/40 is 75%: GR201


def _run(capsys, *argv):
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    p = tmp_path / "a" / "b" / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    return tmp_path, p


def test_found_upwards_gireport_toml_before_pyproject(tree):
    root, p = tree
    assert find_config(p) is None
    (root / "pyproject.toml").write_text('[tool.gireport]\nlang = "en"\n', encoding="utf-8")
    assert find_config(p) == root / "pyproject.toml"
    (root / "a" / "gireport.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert find_config(p) == root / "a" / "gireport.toml"
    (root / "a" / "b" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(p) == root / "a" / "gireport.toml"  # a pyproject without [tool.gireport] is passed over


def test_settings_apply_and_the_command_line_wins(tree, capsys):
    root, p = tree
    (root / "gireport.toml").write_text('select = ["GR2"]\nfail-on = "never"\nlang = "en"\n', encoding="utf-8")
    rc, out, _ = _run(capsys, "audit", str(p))
    assert rc == 0 and "GR201" in out and "is 75%, not 80%" in out and "应为" not in out
    rc, out, _ = _run(capsys, "audit", str(p), "--fail-on", "error", "--lang", "zh")
    assert rc == 1 and "应为" in out
    rc, out, _ = _run(capsys, "audit", str(p), "--select", "GR1")
    assert "GR201" not in out
    rc, out, _ = _run(capsys, "audit", str(p), "--no-config")
    assert rc == 1


def test_rule_options_and_rounding(tree, capsys):
    root, p = tree
    (root / "gireport.toml").write_text('rounding = "half_up"\n[options.GR201]\n', encoding="utf-8")
    rc, out, _ = _run(capsys, "audit", str(p), "--format", "json")
    assert json.loads(out)["run"]["rounding"] == "half_up"


@pytest.mark.parametrize(
    "text, problem",
    [("colour = 1\n", "unknown key colour"), ("rounding = 3\n", "rounding must be a string"), ('rounding = "up"\n', "rounding must be one of"), ("select = [1]\n", "list of strings"), ("x = \n", "not valid TOML")],
)
def test_bad_configuration_is_a_clear_error(tree, capsys, text, problem):
    root, p = tree
    (root / "gireport.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_config(root / "gireport.toml")
    rc, _, err = _run(capsys, "audit", str(p))
    assert rc == 2 and "gireport.toml" in err and problem.split()[0] in err
