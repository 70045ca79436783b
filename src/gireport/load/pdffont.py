"""One fixed substitute for the CJK fonts a PDF does not embed.

Why
---
A PDF may name a font without embedding it: reportlab's ``STSong-Light``,
and many real reports' ``宋体``/``SimSun``.  PDFium then asks the system for a
substitute, and what it gets depends on the machine: a CJK font where one is
installed (whose glyphs differ from font to font), else its built-in Latin
fonts, which have no CJK glyphs at all.  The glyphs matter for text
extraction, not only for drawing: PDFium measures a text object by the
bounding boxes of its glyphs and *skips every text object whose box has no
width* (``CPDF_TextPage::ProcessTextObject``).  So on a machine without a CJK
font a one-character object ("业" wrapped alone onto the next line of a table
cell) or a CJK-only run drawn turned by 90° (a heading on a rotated page)
vanishes from the text, and with a CJK font other objects (a lone digit in a
cell) may vanish instead: evidence and findings change from machine to
machine.

What
----
:func:`install` gives PDFium a system-font provider of our own
(``FPDF_SetSystemFontInfo``) that never consults the machine:

* for a CJK character set (and any other that is neither ANSI nor Symbol),
  and for ANSI when the family name is not ASCII (``宋体``) or names a CJK
  family (SimSun, FangSong_GB2312, Microsoft YaHei, MS Mincho ...: a
  non-embedded CIDFont of ``Identity`` ordering is asked for as ANSI), it
  hands out one small TrueType font built here in memory, every code point of
  which (``cmap`` format 13, U+0000–U+10FFFF) maps to one box-shaped glyph
  that lies inside half an em (so inside the advance of a half-width digit as
  well as a full-width ideograph) and has height;
* for everything else it answers "none", so PDFium uses its built-in (Foxit)
  substitutes, which ship inside PDFium itself.

Advances are unaffected: PDFium takes them from the PDF's own font dictionary
(``/W`` and ``/DW`` of a CIDFont, ``/Widths`` of a simple font), and the line
ascent and descent from its ``/FontDescriptor``.  Only the glyph outlines of a
non-embedded font come from the substitute, and with this one they are the
same on every machine and never empty.  Embedded fonts are not touched.

The provider is process-wide (PDFium has one font mapper).  gireport is the
only user of PDFium in its process; a program that also *renders* PDFs with
pypdfium2 would see boxes in place of non-embedded CJK text.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import struct
import threading

import pypdfium2.raw as pdfium_c
from .. import lazyre

__all__ = ["FACE_NAME", "font_bytes", "install"]

#: The substitute's family name (also its key in PDFium's face cache).
FACE_NAME = b"GireportCJKSubstitute"

_UPEM = 1000
#: The one glyph: a box inside [0, 500] x [-120, 800] font units.
_GLYPH_BOX = (50, -120, 450, 800)
_ADVANCE = 1000

# FX_Charset values of fpdf_sysfontinfo.h
_ANSI = 0
_SYMBOL = 2

#: Family names of CJK fonts.  PDFium asks for the ANSI character set when a
#: non-embedded CIDFont has the ``Identity`` ordering (Word's "do not embed"
#: output), so the name is all there is to tell a CJK font from a Latin one.
_CJK_FAMILY_RE = lazyre.compile_std(
    rb"""(?ix) (?: ^(?:n?sim|fz|hy|st(?=[a-z]*(?:song|kai|hei|fang|li|xing|cai|hupo|zhong)))
      | song|hei|kai|fang|ming|yahei|dengxian|mincho|(?:ms|yu)\s?p?gothic|gulim|dotum|batang|gungsuh
      | msung|mhei|heisei|hiragino|notosans.*cjk|notoserif.*cjk|sourcehan|wenquanyi|wqy|uming|ukai
      | arplu? | gb2312|gbk|gb18030|big5|unicode | cjk )"""
)


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _glyph(box: tuple[int, int, int, int]) -> bytes:
    x0, y0, x1, y1 = box
    points = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]  # clockwise: an outer contour
    dx = [points[0][0]] + [b[0] - a[0] for a, b in itertools.pairwise(points)]
    dy = [points[0][1]] + [b[1] - a[1] for a, b in itertools.pairwise(points)]
    out = struct.pack(">hhhhh", 1, x0, y0, x1, y1)
    out += struct.pack(">HH", len(points) - 1, 0)  # endPtsOfContours, no instructions
    out += bytes([0x01] * len(points))  # on-curve, 16-bit coordinates
    out += struct.pack(f">{len(dx)}h", *dx) + struct.pack(f">{len(dy)}h", *dy)
    return out + b"\0" * (-len(out) % 4)


def font_bytes(face_name: bytes = FACE_NAME, box: tuple[int, int, int, int] = _GLYPH_BOX,
               code_pages: int = 0) -> bytes:
    """A TrueType file with two identical glyphs (``.notdef`` and the one
    every code point maps to), each the rectangle ``box`` (font units of a
    1000-unit em).  ``code_pages`` is the OS/2 ``ulCodePageRange1`` (the
    character sets a system's font list files the font under; bit 18 is
    GB2312): the substitute needs none, since it is never listed."""
    x0, y0, x1, y1 = box
    glyph = _glyph(box)
    n_glyphs = 2
    ascent, descent = max(y1, 0), min(y0, 0)
    utf16 = face_name.decode("ascii").encode("utf-16-be")
    names = [(1, 0, 0, 1, face_name), (1, 0, 0, 4, face_name), (3, 1, 0x409, 1, utf16), (3, 1, 0x409, 4, utf16)]
    name_table = struct.pack(">HHH", 0, len(names), 6 + 12 * len(names))
    strings = b""
    for platform, encoding, language, name_id, text in names:
        name_table += struct.pack(">HHHHHH", platform, encoding, language, name_id, len(text), len(strings))
        strings += text
    tables = {
        b"head": struct.pack(
            ">IIIIHHqqhhhhHHhhh",
            0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, _UPEM, 0, 0,
            x0, y0, x1, y1, 0, 8, 2, 0, 0,
        ),
        b"hhea": struct.pack(
            ">IhhhHhhhhhhhhhhhH",
            0x00010000, ascent, descent, 0, _ADVANCE, x0, _ADVANCE - x1, x1, 1, 0, 0, 0, 0, 0, 0, 0, n_glyphs,
        ),
        b"maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, n_glyphs, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        # cmap: one (3,10) subtable of format 13, all of Unicode -> glyph 1
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12) + struct.pack(">HHIIIIII", 13, 0, 28, 0, 1, 0, 0x10FFFF, 1),
        b"hmtx": struct.pack(">hh", _ADVANCE, x0) * n_glyphs,
        b"loca": struct.pack(f">{n_glyphs + 1}H", *(k * len(glyph) // 2 for k in range(n_glyphs + 1))),
        b"glyf": glyph * n_glyphs,
        b"name": name_table + strings,
        b"post": struct.pack(">IihhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0),
        b"OS/2": struct.pack(
            ">HhHHHhhhhhhhhhhh10sIIII4sHHHhhhHHII",
            1, _ADVANCE, 400, 5, 0, 650, 700, 0, 140, 650, 700, 0, 480, 50, 250, 0, bytes(10),
            0, 0, 0, 0, b"NONE", 0x40, 0, 0xFFFF, ascent, descent, 0, ascent, -descent, code_pages, 0,
        ),
    }
    tags = sorted(tables)
    n = len(tags)
    entry_selector = n.bit_length() - 1
    search_range = 16 * (1 << entry_selector)
    header = struct.pack(">IHHHH", 0x00010000, n, search_range, entry_selector, 16 * n - search_range)
    offset = len(header) + 16 * n
    directory = b""
    body = b""
    head_at = 0
    for tag in tags:
        data = tables[tag]
        if tag == b"head":
            head_at = offset + len(body)
        directory += tag + struct.pack(">III", _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = header + directory + body
    adjust = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF  # head.checkSumAdjustment
    return font[: head_at + 8] + struct.pack(">I", adjust) + font[head_at + 12 :]


_FONT = font_bytes()
_HANDLE = 1  # the one font handle we hand out (any non-null value)
_lock = threading.Lock()
_installed: list[object] = []  # keeps the struct and its callbacks alive for good


def _make_info() -> object:
    info_t = pdfium_c.FPDF_SYSFONTINFO
    types = dict(info_t._fields_)

    def release(_this):  # type: ignore[no-untyped-def]
        return None

    def enum_fonts(_this, _mapper):  # type: ignore[no-untyped-def]
        return None  # no installed fonts: nothing on the machine is ever matched

    def map_font(_this, _weight, _italic, charset, _pitch, face, exact):  # type: ignore[no-untyped-def]
        if exact:
            exact[0] = 0
        if charset == _SYMBOL:
            return None  # PDFium's built-in symbol substitute
        if charset == _ANSI:
            family = ctypes.string_at(face) if face else b""
            if family.isascii() and not _CJK_FAMILY_RE.search(family):
                return None  # PDFium's built-in Latin substitutes
        return _HANDLE

    def get_font(_this, _face):  # type: ignore[no-untyped-def]
        return None  # never an installed font by name

    def get_font_data(_this, handle, table, buf, size):  # type: ignore[no-untyped-def]
        if handle != _HANDLE or table != 0:
            return 0
        if buf and size >= len(_FONT):
            ctypes.memmove(buf, _FONT, len(_FONT))
        return len(_FONT)

    def get_face_name(_this, handle, buf, size):  # type: ignore[no-untyped-def]
        if handle != _HANDLE:
            return 0
        name = FACE_NAME + b"\0"
        if buf and size >= len(name):
            ctypes.memmove(buf, name, len(name))
        return len(name)

    def get_font_charset(_this, _handle):  # type: ignore[no-untyped-def]
        return 134  # GB2312; only asked when PDFium itself had no charset

    def delete_font(_this, _handle):  # type: ignore[no-untyped-def]
        return None

    callbacks = {
        "Release": release,
        "EnumFonts": enum_fonts,
        "MapFont": map_font,
        "GetFont": get_font,
        "GetFontData": get_font_data,
        "GetFaceName": get_face_name,
        "GetFontCharset": get_font_charset,
        "DeleteFont": delete_font,
    }
    wrapped = {name: types[name](fn) for name, fn in callbacks.items()}
    info = info_t(version=1, **wrapped)
    return info, wrapped


def install() -> None:
    """Make PDFium use the fixed substitute (once per process)."""
    if _installed:
        return
    with _lock:
        if _installed:
            return
        info, wrapped = _make_info()  # type: ignore[misc]
        pdfium_c.FPDF_SetSystemFontInfo(ctypes.byref(info))  # type: ignore[arg-type]
        _installed.extend((info, wrapped))
