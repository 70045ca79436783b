"""``normalize_chars`` skips runs of ideographs and rewrites only the
characters its tables name; it must equal the plain definition (circled
numbers, NFKC of the whole text, quotes and dashes, line ends) on any text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from gireport import text as T


def reference(s: str) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s.translate(T._PRE)).translate(T._TRANS)
    return s.replace("\r\n", "\n").replace("\r", "\n")


# Ideographs next to combining marks, Hangul jamo that compose, kana with
# voicing marks, compatibility ideographs, full-width forms, circled numbers,
# quotes, dashes, spaces of every kind.
_POOL = (
    [chr(c) for c in range(0x20, 0x250)]
    + [chr(c) for c in range(0x300, 0x370)]
    + [chr(c) for c in range(0x2000, 0x2070)]
    + [chr(c) for c in range(0x2460, 0x2500)]
    + [chr(c) for c in range(0x2776, 0x2780)]
    + [chr(c) for c in range(0x3000, 0x3100)]
    + [chr(c) for c in range(0x4E00, 0x4E30)]
    + [chr(c) for c in range(0x3400, 0x3410)]
    + [chr(c) for c in range(0xF900, 0xF910)]
    + [chr(c) for c in range(0xFF00, 0xFF70)]
    + ["\u1100", "\u1161", "\u11a8", "\uac00", "\u3099", "\u309a", "\r", "\n", "\r\n", "\u00a0", "\u200b", "\ufeff"]
)


@pytest.mark.parametrize("seed", range(4))
def test_normalize_chars_equals_its_definition(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        s = "".join(rng.choice(_POOL) for _ in range(rng.randint(0, 24)))
        assert T.normalize_chars(s) == reference(s), repr(s)


def test_normalize_chars_on_report_text() -> None:
    s = "一、概述\r\n全年收到申请１２件（其中①线上８件），同比增长１５．２％——“一网通办”\u3000办结率100%。"
    assert T.normalize_chars(s) == reference(s)
    assert "(1)线上8件" in T.normalize_chars(s)
