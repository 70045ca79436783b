"""The documentation builds (``mkdocs build --strict``) and says what the code
does: a page for every registered rule, every CLI subcommand on the CLI page,
the API pages, the README's set-up commands in the quickstart, and the
README's audit excerpt as the tool prints it."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BUILD_TIMEOUT = 300  # seconds; the build takes a few seconds here


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings_handlers.python")
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return out


def _text(path: Path) -> str:
    assert path.is_file(), f"{path.name} was not built"
    return path.read_text(encoding="utf-8")


def _builtin_rules():
    from gireport.audit import all_rules

    return [r for r in all_rules() if r.builtin]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    from gireport.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_a_page_for_every_registered_rule(site):
    rules = _builtin_rules()
    assert len(rules) >= 20
    index = _text(site / "rules" / "index.html")
    for r in rules:
        page = _text(site / "rules" / f"{r.code}.html")
        assert f"{r.code} {r.name}" in page
        assert r.family in page and r.severity in page
        for section in r.doc:  # What it does / Why it matters / Example / …
            assert f">{section}<" in page, (r.code, section)
        assert f'href="{r.code}.html"' in index, r.code
    for family in {r.family for r in rules}:
        assert f'id="{family}"' in index


def test_rule_pages_have_the_documentation_sections(site):
    # Every built-in rule documents these; the pages show them in this order.
    required = ("What it does", "Why it matters", "Example", "Consistent example", "Known exceptions")
    for r in _builtin_rules():
        missing = [s for s in required if s not in r.doc]
        assert not missing, f"{r.code} docstring lacks {missing}"
        page = _text(site / "rules" / f"{r.code}.html")
        positions = [page.index(f">{s}<") for s in required]
        assert positions == sorted(positions), r.code


def test_cli_page_lists_every_subcommand(site):
    page = _text(site / "cli.html")
    subs = _subcommands()
    assert {"parse", "audit", "rules", "rule"} <= set(subs)
    for name, parser in subs.items():
        assert f'id="gireport-{name}"' in page, name
        assert f"usage: gireport {name}" in page, name
        for action in parser._actions:
            for opt in action.option_strings:
                assert opt in page, (name, opt)


def test_api_reference_pages(site):
    expected = {
        "gireport.html": ["gireport.parse", "gireport.api.audit", "gireport.audit_frame", "gireport.rule", "gireport.Report", "gireport.Finding"],
        "numbers.html": ["gireport.numbers", "gireport.numbers.parse_number", "gireport.numbers.Interval"],
        "claims.html": ["gireport.claims", "gireport.claims.Share"],
        "tables.html": ["gireport.tables", "gireport.tables.StandardTable"],
        "audit.html": ["gireport.audit", "gireport.audit.Finding", "gireport.audit.Rule"],
        "output.html": ["gireport.output", "gireport.output.render"],
    }
    for page, ids in expected.items():
        html = _text(site / "api" / page)
        for ident in ids:
            assert f'id="{ident}"' in html, (page, ident)


def test_other_pages(site):
    for page in ("index.html", "quickstart.html", "concepts.html", "tutorial.html"):
        _text(site / page)
    assert (site / "tutorial.ipynb").is_file()
    if (ROOT / "docs" / "data.md").is_file():
        _text(site / "data.html")


def _readme_blocks(lang: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_quickstart_has_the_readme_setup_commands_verbatim():
    setup = README.read_text(encoding="utf-8").split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", setup, flags=re.S)
    assert len(commands) == 2
    quickstart = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    for c in commands:
        assert f"```bash\n{c}```" in quickstart


def test_readme_links_exist():
    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if "://" not in target:
            assert (ROOT / target).exists(), target


def test_readme_audit_excerpt_is_what_the_tool_prints():
    """The excerpt under "What an audit looks like": the finding lines and
    their evidence lines appear in this order in `gireport audit corpus/`
    (a line "…" marks findings left out).  The summary line's figures change
    whenever claim extraction improves, so only its shape and file count are
    checked."""
    section = README.read_text(encoding="utf-8").split("## What an audit looks like", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, flags=re.S).group(1).splitlines()
    assert block[0] == "$ gireport audit corpus/"
    proc = subprocess.run(
        [sys.executable, "-m", "gireport", "audit", "corpus/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=BUILD_TIMEOUT,
    )
    printed = proc.stdout.splitlines()
    excerpt = [ln for ln in block[1:] if ln != "…"]
    *findings, summary = excerpt
    pos = 0
    for ln in findings:
        try:
            pos = printed.index(ln, pos) + 1
        except ValueError:
            pytest.fail(f"README excerpt line not printed by `gireport audit corpus/` (in this order): {ln}")
    shape = r"(\d+) 个文件:\d+ 个错误,\d+ 个警告,\d+ 个提示;数字声明 \d+ 个,已核验 \d+ 个,无法核验 \d+ 个\(可核验率 \d+%\)"  # the default language
    m, real = re.fullmatch(shape, summary), re.fullmatch(shape, printed[-1])
    assert m and real, (summary, printed[-1])
    assert m.group(1) == real.group(1)


def test_quickstart_shows_real_output():
    """The outputs quoted as comments in the quickstart's first audit are what
    gireport returns for that corpus report."""
    import gireport

    quickstart = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")
    path = re.search(r'gireport\.parse\("(corpus/[^"]+)"\)', quickstart).group(1)
    report = gireport.parse(ROOT / path)
    assert f"# {(report.metadata.agency, report.metadata.year)!r}" in quickstart
    assert f"# {report.template.name!r}" in quickstart
    quoted = re.findall(r"^# (GR\d{3} \w+ .+)$", quickstart, flags=re.M)
    assert quoted
    printed = [f"{f.code} {f.severity} {f.message_en}" for f in gireport.audit(report).findings]
    assert quoted == printed[: len(quoted)]
