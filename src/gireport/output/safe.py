"""Untrusted text made safe for where it is shown.

Report text, file names and agency names come from the documents audited;
they reach spreadsheets and terminals through the outputs.  Two neutralisers,
used by every writer of those outputs:

- :func:`spreadsheet_safe`: a cell that a spreadsheet would read as a formula
  (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
  prefixed with an apostrophe, so Excel, LibreOffice and WPS show it as text
  (the OWASP advice on CSV injection);
- :func:`terminal_safe`: control characters other than newline and tab
  (ANSI escape sequences, carriage returns, backspaces, C1 controls, bidi
  overrides) are shown as ``\\x1b``-style escapes instead of acting on the
  terminal.
"""

from __future__ import annotations

import re
from .. import lazyre

__all__ = ["spreadsheet_safe", "terminal_safe", "FORMULA_START"]

#: First characters that make a spreadsheet cell a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# C0 controls but \t and \n, DEL, C1 controls, and the bidirectional
# overrides and isolates that reorder what a terminal shows.
_CONTROL_RE = lazyre.compile_std("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def spreadsheet_safe(value: object) -> object:
    """``value`` unchanged unless it is text a spreadsheet would evaluate;
    then the text with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character (but newline and tab) written
    as a visible escape."""
    return _CONTROL_RE.sub(_escape, text)
