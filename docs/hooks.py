"""MkDocs hook: pages generated from the code at build time.

- ``cli.md`` — every subcommand's ``--help``, from ``gireport.cli.build_parser()``;
- ``rules/index.md`` and ``rules/<CODE>.md`` — the rule reference, from the rule
  registry (each rule's docstring sections);
- ``tutorial.md`` — the cells of ``docs/tutorial.ipynb`` (unexecuted; the test
  suite executes the notebook itself).

Nothing is written into ``docs/``: the pages exist only in the build, so the
documentation and the code cannot disagree.  Pages listed in
``OPTIONAL_PAGES`` are dropped from the nav when their file is absent.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

#: Hand-written pages that another part of the project provides; the nav
#: lists them, and the build leaves them out while they do not exist yet.
OPTIONAL_PAGES = ("data.md",)

#: Width the CLI help is formatted at (argparse reads $COLUMNS).
HELP_WIDTH = 88

DOC_SECTIONS_SHOWN = ("What it does", "Why it matters", "Example", "Consistent example", "Known exceptions", "Options")
_LITERAL_SECTIONS = {"Example", "Consistent example"}


# ---------------------------------------------------------------------------
# Sources


def _rules() -> list[Any]:
    from gireport.audit import all_rules

    return [r for r in all_rules() if r.builtin]


def _families(rules: list[Any]) -> list[tuple[str, list[Any]]]:
    """Families in the order of their first code (structure GR1xx, shares GR2xx, …)."""
    out: dict[str, list[Any]] = {}
    for r in rules:
        out.setdefault(r.family, []).append(r)
    return list(out.items())


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser) -> str:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(HELP_WIDTH)
    try:
        return parser.format_help().rstrip() + "\n"
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old


# ---------------------------------------------------------------------------
# Markdown


def _fence(text: str, lang: str = "text") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}\n"


_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’…—]"


def _unwrap(text: str) -> str:
    """Join a docstring's wrapped lines into paragraphs (no space between two
    Chinese characters), keep blank lines as paragraph breaks, escape HTML and
    Markdown emphasis."""
    paras = re.split(r"\n\s*\n", text.strip())
    out = []
    for p in paras:
        lines = [ln.strip() for ln in p.splitlines() if ln.strip()]
        joined = ""
        for ln in lines:
            if joined and not (re.search(_CJK + "$", joined) and re.match(_CJK, ln)):
                joined += " "
            joined += ln
        joined = html.escape(joined, quote=False)
        joined = re.sub(r"([\\`*_\[\]#|])", r"\\\1", joined)
        out.append(joined)
    return "\n\n".join(out) + "\n"


def cli_page() -> str:
    from gireport.cli import build_parser

    parser = build_parser()
    subs = _subcommands(parser)
    lines = [
        "# CLI reference",
        "",
        "Generated at build time from `gireport.cli.build_parser()`: this is exactly what "
        "`gireport --help` and `gireport COMMAND --help` print. "
        "`python -m gireport` is the same program.",
        "",
        "Commands: " + ", ".join(f"[`{name}`](#gireport-{name})" for name in subs) + ".",
        "",
        "## gireport",
        "",
        _fence(_help(parser)),
    ]
    for name, sub in subs.items():
        lines += [f"## gireport {name}", "", _fence(_help(sub))]
    lines += [
        "The rule codes, names and families that `--select` and `--ignore` accept are listed in "
        "the [rule reference](rules/index.md).",
        "",
    ]
    return "\n".join(lines)


def rules_index_page(rules: list[Any]) -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated at build time from the rule registry (`gireport.audit.all_rules()`), the same "
        "source as `gireport rules` and `gireport rule CODE`. Each rule has a stable code, a "
        "kebab-case name, a family and a default severity (see "
        "[severities](../concepts.md#severities)). `--select` and `--ignore` take a code "
        "(`GR201`), a code prefix (`GR2`), a name (`share-mismatch`) or a family (`shares`).",
        "",
        f"{len(rules)} built-in rules in {len(_families(rules))} families.",
        "",
    ]
    for family, members in _families(rules):
        lines += [f"## {family}", "", "| Code | Name | Severity | Summary |", "| --- | --- | --- | --- |"]
        for r in members:
            summary = _unwrap(r.summary).strip().replace("\n\n", " ") if r.summary else ""
            lines.append(f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity} | {summary} |")
        lines.append("")
    return "\n".join(lines)


def rule_page(r: Any) -> str:
    lines = [
        f"# {r.code} {r.name}",
        "",
        "| | |",
        "| --- | --- |",
        f"| Code | `{r.code}` |",
        f"| Name | `{r.name}` |",
        f"| Family | [{r.family}](index.md#{r.family}) |",
        f"| Default severity | [{r.severity}](../concepts.md#severities) |",
        f"| Message (zh) | `{r.message}` |",
        f"| Message (en) | `{r.message_en}` |",
        "",
    ]
    if r.summary:
        lines += [_unwrap(r.summary)]
    for sec in DOC_SECTIONS_SHOWN:
        body = r.doc.get(sec)
        if not body:
            continue
        lines += [f"## {sec}", ""]
        lines.append(_fence(body) if sec in _LITERAL_SECTIONS else _unwrap(body))
    if r.options:
        lines += ["## Option defaults", "", "| Option | Default |", "| --- | --- |"]
        lines += [f"| `{k}` | `{v!r}` |" for k, v in r.options.items()]
        lines.append("")
    lines += [
        "---",
        "",
        f"Offline: `gireport rule {r.code}`. Select or skip it with `--select {r.code}` / "
        f"`--ignore {r.code}` (or `{r.name}`, or the family `{r.family}`).",
        "",
    ]
    return "\n".join(lines)


def tutorial_page(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    lines: list[str] = []
    for i, cell in enumerate(nb.get("cells", [])):
        src = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            lines += [src.rstrip(), ""]
            if i == 0:
                lines += [
                    "!!! note",
                    "    This page shows the cells of [`docs/tutorial.ipynb`](tutorial.ipynb) "
                    "without their outputs; download it and run it from the `docs/` folder of a "
                    "checkout. The test suite executes it end to end (`tests/test_notebook.py`).",
                    "",
                ]
        elif cell.get("cell_type") == "code":
            lines += [_fence(src, "python")]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Hooks


def on_config(config: Any) -> Any:
    docs_dir = Path(config["docs_dir"])
    nav = config.get("nav") or []

    def prune(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, target), = item.items()
                if isinstance(target, list):
                    out.append({title: prune(target)})
                    continue
                if target in OPTIONAL_PAGES and not (docs_dir / target).exists():
                    continue
                if target == "rules/index.md":
                    out.append(item)
                    for family, members in _families(_rules()):
                        out.append({family: [{f"{r.code} {r.name}": f"rules/{r.code}.md"} for r in members]})
                    continue
            out.append(item)
        return out

    config["nav"] = prune(nav)
    return config


def on_files(files: Files, config: Any) -> Files:
    docs_dir = Path(config["docs_dir"])
    pages: dict[str, str] = {"cli.md": cli_page()}
    rules = _rules()
    pages["rules/index.md"] = rules_index_page(rules)
    for r in rules:
        pages[f"rules/{r.code}.md"] = rule_page(r)
    nb = docs_dir / "tutorial.ipynb"
    if nb.exists():
        pages["tutorial.md"] = tutorial_page(nb)
    for uri, content in pages.items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))
    return files
