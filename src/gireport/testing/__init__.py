"""Test helpers for gireport.

:mod:`gireport.testing.render` turns a synthetic report written in a small
markup into every input format gireport reads (txt, md, html, docx, pdf), so
tests can check that the variants of one report parse the same.

This subpackage imports nothing else from gireport, so it keeps working while
the rest of the package changes.
"""

from __future__ import annotations

from .render import (
    FORMATS,
    Paragraph,
    SyntheticReport,
    TableBlock,
    TableCell,
    heading_level,
    parse_source,
    render,
)

__all__ = [
    "FORMATS",
    "Paragraph",
    "SyntheticReport",
    "TableBlock",
    "TableCell",
    "heading_level",
    "parse_source",
    "render",
]
