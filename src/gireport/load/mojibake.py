"""Text that was decoded as Latin-1 or Windows-1252 and saved again.

An HTTP client that receives a GBK page without a ``charset`` decodes it as
ISO-8859-1 (the HTTP default), and a script that then writes the text out
as UTF-8 stores every GBK byte as one Latin-1 character: "政府信息" becomes
"Õþ¸®ÐÅÏ¢".  The same happens to UTF-8 text read as Windows-1252
("æ”¿åºœ").  The file is valid UTF-8, so nothing downstream complains; the
report simply has no Chinese in it.

:func:`repair` recognises such text — almost every non-ASCII character is a
Latin-1 or Windows-1252 one, a large share of the text consists of them, and
there is (next to) no CJK at all — and undoes the damage when the repair is
exact: every character maps back to one byte, the bytes decode strictly as
UTF-8 or GB18030, the result reads like Chinese (mostly common characters),
and encoding it again gives the same bytes.  When the text looks mangled but
cannot be repaired exactly it raises
:class:`~gireport.errors.MojibakeError` instead of passing garbage on.
"""

from __future__ import annotations

import codecs
import re

import regex

from ..errors import MojibakeError
from .. import lazyre

__all__ = ["repair", "RepairedText"]

#: Windows-1252 characters of the bytes 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
_CP1252 = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_TO_LATIN1 = str.maketrans({ch: chr(b) for ch, b in _CP1252.items()})
_LATINISH = "[\u0080-\u00ff" + "".join(_CP1252) + "]"
_LATINISH_RE = lazyre.compile_std(_LATINISH)
_LATIN_RUN_RE = lazyre.compile_std(_LATINISH + "{4,}")
_NON_ASCII_RE = lazyre.compile_std(r"[^\x00-\x7f]")
_CJK_RE = lazyre.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")  # regex: a wide range compiles at once
_SPACE_RE = lazyre.compile_std(r"\s")

#: At least this many Latin-1/cp1252 characters before text is suspected.
_MIN_LATIN = 16
_SAMPLE = 200_000


class RepairedText(str):
    """The repaired text; ``encoding`` is what the bytes really were
    (``gb18030`` or ``utf-8``), ``via`` the wrong decoding undone."""

    encoding: str
    via: str


def _suspect(text: str) -> bool:
    # Latin-1 and cp1252 decode no byte to a CJK character: a text whose
    # opening holds a few dozen of them was decoded right (the cheap test
    # first; the counts below read the whole sample).
    for n, _ in enumerate(_CJK_RE.finditer(text, 0, 4000), 1):
        if n >= 20:
            return False
    sample = text[:_SAMPLE]
    latin = len(_LATINISH_RE.findall(sample))
    if latin < _MIN_LATIN:
        return False
    non_ascii = len(_NON_ASCII_RE.findall(sample))
    cjk = len(_CJK_RE.findall(sample))
    visible = len(sample) - len(_SPACE_RE.findall(sample))
    # Mangled Chinese is nearly all Latin-1 letters (two or three per
    # character, in runs as long as the words) and no CJK; a Western text
    # has a few accented letters among plain ASCII ones, a Chinese text a
    # few “” — … among its characters.
    if not (latin >= 0.9 * non_ascii and cjk <= 0.02 * non_ascii and latin >= 0.25 * max(visible, 1)):
        return False
    in_runs = sum(len(m) for m in _LATIN_RUN_RE.findall(sample))
    return in_runs >= 0.5 * latin


def _reads_as_chinese(text: str) -> bool:
    from .txt import _hanzi_stats  # the plain-text decoder's measure of "reads like Chinese"

    n, share = _hanzi_stats(text)
    return n >= 5 and share >= 0.75


def repair(text: str, label: str) -> RepairedText | None:
    """The repaired text when ``text`` is Chinese mangled through Latin-1 /
    Windows-1252 and the repair is exact; ``None`` when the text does not
    look mangled; :class:`~gireport.errors.MojibakeError` when it does but
    cannot be repaired exactly."""
    if not _suspect(text):
        return None
    via = "Windows-1252" if any(ch in _CP1252 for ch in text[:_SAMPLE]) else "Latin-1"
    why = ""
    try:
        raw = text.translate(_TO_LATIN1).encode("latin-1")
    except UnicodeEncodeError as e:
        bad = text[e.start]
        why = f"the character {bad!r} (U+{ord(bad):04X}) at offset {e.start} has no Latin-1/Windows-1252 byte"
        raw = None
    if raw is not None:
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        for enc in ("utf-8", "gb18030"):
            try:
                fixed = raw.decode(enc)
            except UnicodeDecodeError as e:
                why = why or f"the recovered bytes are neither UTF-8 nor GBK/GB18030 (invalid {enc} byte at offset {e.start})"
                continue
            if not _reads_as_chinese(fixed):
                why = f"the bytes decode as {enc} but do not read as Chinese text"
                continue
            if fixed.encode(enc) != raw:  # pragma: no cover - strict codecs round-trip
                why = f"{enc} does not round-trip"
                continue
            out = RepairedText(fixed)
            out.encoding, out.via = enc, via
            return out
    raise MojibakeError(
        label,
        "text is garbled: it looks like Chinese text that was decoded as Latin-1/Windows-1252 and saved again "
        f"(\"{text.strip()[:12]}…\"), and cannot be repaired exactly: {why}; save the original bytes instead",
    )
