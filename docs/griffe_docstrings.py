"""Griffe extension for the API reference (mkdocs.yml loads it): gireport's
docstrings are written for ``help()`` and Sphinx (``>>>`` doctest blocks,
``::`` literal blocks, ``:class:`Report``` roles); turn those into Markdown
before mkdocstrings renders them.  The docstrings themselves are untouched."""

from __future__ import annotations

import re
import textwrap
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const|ref):`(~?)([^`]+)`")


def _role(m: re.Match[str]) -> str:
    tilde, target = m.groups()
    if tilde:
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def to_markdown(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].strip())
                i += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        if stripped.endswith("::") and not stripped.startswith(".."):
            # a reST literal block: the indented lines after a blank line
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            body_start = j
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > len(indent)):
                j += 1
            body = textwrap.dedent("\n".join(lines[body_start:j])).strip("\n")
            if body:
                head = stripped[:-2].rstrip()
                if head:
                    out.append(indent + _ROLE.sub(_role, head) + ":")
                out += ["", f"{indent}```text", *(indent + b for b in body.splitlines()), f"{indent}```", ""]
                i = j
                continue
        out.append(_ROLE.sub(_role, line))
        i += 1
    return "\n".join(out)


class DocstringMarkdown(griffe.Extension):
    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
