"""HTML pages: a report as published on a government web site.

Real pages wrap the report in site chrome (navigation, breadcrumbs, share
buttons, footers, sidebars, scripts).  The loader keeps the report and drops
the chrome in four steps:

1. **Decode.**  A byte-order mark wins; bytes that are valid UTF-8 are
   UTF-8; otherwise the charset declared in a ``<meta charset>`` or
   ``http-equiv="Content-Type"`` tag (or an XML declaration) is used (GBK
   and GB2312 are read as GB18030, their superset); when none is declared or
   the declared one fails, :func:`~gireport.load.txt.decode_text` decides
   (GB18030, checked for plausibility).
2. **Parse** into a small element tree.  The page is tokenized as the
   standard library's tolerant :mod:`html.parser` (as of Python 3.11)
   tokenizes it -- the same tags, attributes, text and character references
   -- by this module's own tokenizer, which reads an ordinary tag with one
   regular-expression match and takes html.parser's steps for the rest
   (comments, declarations, malformed tags).  Implied end tags (``<p>``,
   ``<li>``, ``<td>``, ``<tr>``) are closed the way browsers close them,
   stray end tags are ignored, and nesting is capped so that broken markup
   cannot recurse without bound.  ``script``, ``style``, ``noscript``,
   ``iframe``, ``select``, ``button``, comments and elements hidden with
   ``display:none`` are dropped; ``nav``, ``header``, ``footer``, ``aside``
   and ``form`` are dropped unless they wrap most of the page (ASP.NET pages
   put everything in one ``<form>``).
3. **Choose the content container.**  Each element is weighed by its
   non-link text: Chinese sentence punctuation (，。；：、) counts fully and
   CJK characters and digits a little, so prose outweighs menus, link lists
   and footers.  From ``<body>`` the loader descends into the child holding
   nearly all of the weight, not counting siblings that look like chrome
   (chrome-like class or id, mostly links, or wording such as 版权所有,
   ICP备, 当前位置), or nearly all of the full stops (。) of the prose.  A
   little less is required of a child whose class or id names it as content
   (``TRS_Editor``, ``article``, ``content``, ``zoom``, ``detail`` ...), and
   the loader never descends into a data table.  Siblings of the container that hold a data
   table or substantial prose (a Word export split into ``Section1`` and a
   landscape ``Section2``) are kept too.
4. **Emit blocks** from the container only: block elements (``p``, ``div``,
   ``li``, runs separated by ``<br>`` ...) become paragraphs, ``h1``–``h6``
   headings of that level, inline elements are joined without spaces.  A
   ``<table>`` becomes a data table with its ``rowspan``/``colspan``; nested
   tables are flattened into their cell's text; a table used for page layout
   (a single cell, or cells holding long prose) is not a data table, and its
   cells are read as ordinary content.

The report title often sits outside the container (a page heading, the
``ArticleTitle`` meta tag, ``<title>``).  When the container does not start
with it, the title is emitted as the first block, a level-1 heading.
"""

from __future__ import annotations

import codecs
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from html import unescape

from ..document import Document, DocumentBuilder, RawCell, Source
from ..errors import DecodeError, EmptyFileError
from .txt import decode_text
from .. import lazyre

__all__ = ["decode_html", "load_html"]

# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_META_CHARSET_RE = lazyre.compile_std(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING_RE = lazyre.compile_std(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# Encodings read as a superset: pages declared GB2312/GBK routinely use
# characters beyond it; "utf8" and friends are typos browsers accept.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "hz-gb-2312": "hz",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "iso-8859-1": "cp1252",  # what browsers do; such pages are mis-declared anyway
    "latin1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET_RE.search(data[:8192]) or _XML_ENCODING_RE.match(data[:200])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, label: str) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding)``.

    A byte-order mark wins.  Bytes that are valid UTF-8 are read as UTF-8
    whatever the page declares (sites migrated to UTF-8 keep stale
    ``charset=gb2312`` tags; GBK text is practically never valid UTF-8).
    Otherwise the declared charset is used when the bytes decode cleanly
    with it, and :func:`~gireport.load.txt.decode_text` decides the rest
    (GB18030, checked for plausibility).  A Latin-1/cp1252 declaration is
    ignored: on a Chinese report it is always a mis-declaration.

    Web pages often carry a few broken byte sequences (a character cut by a
    CMS).  When strict decoding fails, the page is still read if at most one
    byte in a thousand is bad; those bytes become U+FFFD."""
    text, enc, _ = _decode(data, label)
    return text, enc


def _decode(data: bytes, label: str) -> tuple[str, str, int]:
    """(text, encoding, number of undecodable sequences replaced)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (*decode_text(data, label), 0)
    declared = _declared_charset(data)
    if declared in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        declared = None  # without a BOM such a declaration is wrong (the tag itself is ASCII)
    if declared in ("cp1252", "latin-1", "iso8859-1"):
        declared = None
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared, 0
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return (*decode_text(data, label), 0)
    except DecodeError:
        # Lenient: the declared charset, else whichever of UTF-8 and
        # GB18030 leaves fewer bad bytes.
        best: tuple[str, str, int] | None = None
        for enc in dict.fromkeys([declared or "gb18030", "gb18030", "utf-8"]):
            text = data.decode(enc, errors="replace")
            bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
            if best is None or bad < best[2]:
                best = (text, enc, bad)
        if best is not None and best[2] <= max(3, len(data) // 1000):
            return best
        raise


# --------------------------------------------------------------------------
# A small, tolerant element tree
# --------------------------------------------------------------------------


class _Node:
    # No reference to the parent: a tree without cycles is freed as soon as
    # the page is read, not by the cyclic garbage collector.
    __slots__ = (
        "attrs", "children", "cjk", "droppable", "droppable_below", "hidden", "link_weight", "plain", "stops", "tag", "weight"
    )

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.weight = 0.0  # non-link content weight (see _weigh)
        self.link_weight = 0.0
        self.cjk = 0  # CJK ideographs in the subtree, links included
        self.stops = 0  # full stops (。) in non-link text: sentences of prose
        self.plain: str | None = None  # _plain_text, once the tree is final
        self.hidden: bool | None = None  # _is_hidden, once known
        self.droppable = False  # weak chrome or hidden (see _weigh, _prune)
        self.droppable_below = False  # a droppable element inside

    def elements(self) -> list[_Node]:
        return [c for c in self.children if not isinstance(c, str)]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        cls = self.attrs.get("class") or self.attrs.get("id") or ""
        return f"<{self.tag} {cls!r} w={self.weight:.0f}>"


_VOID = frozenset(
    ["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]
)
# Dropped with their content.
_DROP = frozenset(
    ["script", "style", "noscript", "template", "iframe", "frameset", "frame", "object", "embed", "applet", "select", "option", "optgroup", "button", "textarea", "svg", "math", "canvas", "audio", "video", "map", "head", "title"]
)
# Dropped unless they wrap most of the page.
_WEAK_DROP = frozenset(["nav", "header", "footer", "aside", "form"])
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new paragraph.
_BLOCK = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "xmp", "legend"]
)
# Start tags that close an open <p> (HTML "p in button scope").
_CLOSES_P = frozenset(
    ["address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt"]
)
_SCOPE_BOUNDARY = frozenset(["html", "body", "table", "td", "th", "caption", "button", "object", "marquee", "applet", "template"])
# End tags are not matched across these (HTML "special" elements).
_SPECIAL = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption"]
)
_TABLE_TAGS = frozenset(["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"])
# Tags allowed in <head>; any other start tag closes an unclosed <head>.
_HEAD_OK = frozenset(["meta", "link", "title", "style", "script", "base", "noscript", "template", "object"])
_MAX_DEPTH = 200


def _implied_ends(tag: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """What a start tag closes: (tags, boundary) pairs for
    :meth:`_TreeBuilder._close_in_scope`, in order."""
    rules: list[tuple[frozenset[str], frozenset[str]]] = []
    if tag in _CLOSES_P:
        rules.append((frozenset({"p"}), _SCOPE_BOUNDARY))
    if tag == "li":
        rules.append((frozenset({"li"}), _SCOPE_BOUNDARY | {"ul", "ol"}))
    elif tag in ("dt", "dd"):
        rules.append((frozenset({"dt", "dd"}), _SCOPE_BOUNDARY | {"dl"}))
    elif tag in ("td", "th"):
        rules.append((frozenset({"td", "th"}), frozenset({"tr", "table"})))
    elif tag == "tr":
        rules.append((frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})))
        # a <tr> directly after a cell closes the cell and its row
        rules.append((frozenset({"td", "th", "tr"}), frozenset({"table", "thead", "tbody", "tfoot"})))
    elif tag in ("thead", "tbody", "tfoot"):
        rules.append((frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})))
    return tuple(rules)


# Start tags that close open elements (implied end tags).
_IMPLIED_ENDS = {
    t: _implied_ends(t) for t in _CLOSES_P | {"li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot"}
}


# --------------------------------------------------------------------------
# Tokenizing: html.parser's rules, with a fast path for ordinary tags
# --------------------------------------------------------------------------
#
# The tokenizer reproduces what the standard library's html.parser (as of
# Python 3.11) reports for a whole page fed at once (feed, then close): the
# same tags, attributes and text, split at the same places, so that pages
# read as they always have, whichever Python runs them.  The regular
# expressions below up to _RAWTEXT_END are html.parser's.  An ordinary tag
# (a plain name, then attributes separated by whitespace, each value quoted
# or bare) is read by one match of _FAST_RE together with the text before
# it; anything else goes through html.parser's own steps (_slow_starttag,
# _slow_endtag, ...), unterminated constructs included.

_TAGFIND_RE = lazyre.compile_std(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRFIND_RE = lazyre.compile_std(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)
_LOCATE_STARTTAG_END_RE = lazyre.compile_std(
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*       # tag name
  (?:[\s/]*                          # optional whitespace before attribute name
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*  # attribute name
      (?:\s*=+\s*                    # value indicator
        (?:'[^']*'                   # LITA-enclosed value
          |"[^"]*"                   # LIT-enclosed value
          |(?!['"])[^>\s]*           # bare value
         )
        \s*                          # possibly followed by a space
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                # trailing whitespace
""",
    re.VERBOSE,
)
_ENDTAGFIND_RE = lazyre.compile_std(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_COMMENT_CLOSE_RE = lazyre.compile_std(r"--\s*>")
_DECLNAME_RE = lazyre.compile_std(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_MARKED_SECTION_CLOSE_RE = lazyre.compile_std(r"]\s*]\s*>")
_MS_MARKED_SECTION_CLOSE_RE = lazyre.compile_std(r"]\s*>")
_STARTTAG_OPEN_RE = lazyre.compile_std(r"<[a-zA-Z]")
# script and style hold raw text up to their end tag.
_RAWTEXT_END = {t: lazyre.compile_std(r"</\s*%s\s*>" % t, re.IGNORECASE) for t in ("script", "style")}

# Text up to the next "<", then (optionally) an ordinary start or end tag.
# The tag name is made of letters, digits and "-.:_" and ends at whitespace,
# "/" or ">", where html.parser ends it too; an attribute name ends where
# html.parser's does; a bare value runs to whitespace or ">" (the same) and
# starts with neither a quote nor "=".  Each piece can be read one way only,
# so a tag that does not match fails fast, and every tag that matches reads
# as html.parser reads it.  Other tags take the slow path.
_FAST_ATTR = r"""\s+[^\s/>='"][^\s/=>]*(?:\s*=+\s*(?:"[^"]*"|'[^']*'|(?!['"=])[^>\s]+(?=[\s>])))?"""
_FAST_RE = lazyre.compile_std(
    r"([^<]*)(?:<(?:([a-zA-Z][-.a-zA-Z0-9:_]*)(?=[\t\n\r\f />])((?:" + _FAST_ATTR + r")*)\s*(/?)>"
    r"|/([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>))?"
)
_FAST_ATTR_RE = lazyre.compile_std(
    r"""\s+([^\s/>='"][^\s/=>]*)(?:\s*=+\s*(?:"([^"]*)"|'([^']*)'|(?!['"=])([^>\s]+)(?=[\s>])))?"""
)


class _MarkedSectionError(Exception):
    """A ``<![`` section html.parser gives up on (it raises AssertionError)."""


class _Tokenizer(ABC):
    """Reports start tags, end tags and text of a page to ``_start``,
    ``_end`` and ``_data`` (comments, declarations and processing
    instructions are skipped)."""

    @abstractmethod
    def _start(self, tag: str, attrs: dict[str, str], closed: bool) -> None: ...

    @abstractmethod
    def _end(self, tag: str) -> None: ...

    @abstractmethod
    def _data(self, text: str) -> None: ...

    def feed(self, text: str) -> None:
        """Tokenize a whole page (html.parser's ``feed`` then ``close``).

        One loop on purpose: it runs once per tag and text run of the page,
        where a Python call costs more than the work it would name (the
        HTML figure of ``bench/run.py``)."""
        n = len(text)
        pos = 0
        # Searches that failed once fail from any later position: remember
        # where, so that unterminated constructs cost no rescans.
        self._text = text
        self._last_gt = text.rfind(">")
        self._not_found: dict[re.Pattern[str], int] = {}
        scan = lazyre.compiled(_FAST_RE).finditer
        attrs_of = lazyre.compiled(_FAST_ATTR_RE).findall
        # Pages repeat the same attributes (Word's class and style) over and
        # over: each spelling is read once, and elements share its dict
        # (attribute dicts are never changed).
        seen_attrs: dict[str, dict[str, str]] = {}
        no_attrs: dict[str, str] = {}
        start, end, data = self._start, self._end, self._data
        rawtext: re.Pattern[str] | None = None
        rawtext_tag = ""
        while pos < n:
            if rawtext is not None:
                m = rawtext.search(text, pos)
                if m is None:
                    return  # an unclosed script swallows the rest of the page
                if m.start() > pos:
                    data(text[pos : m.start()])
                end(rawtext_tag)
                rawtext = None
                pos = m.end()
                continue
            # Ordinary tags and the text between them, match after match;
            # the loop stops at anything else.
            for m in scan(text, pos):
                chunk, tag, attr_text, slash, etag = m.groups()
                if chunk:
                    data(unescape(chunk) if "&" in chunk else chunk)
                if tag is not None:
                    tag = tag.lower()
                    if not attr_text:
                        attrs = no_attrs
                    else:
                        attrs = seen_attrs.get(attr_text)  # type: ignore[assignment]
                        if attrs is None:
                            attrs = seen_attrs[attr_text] = {}
                            for name, dq, sq, bare in attrs_of(text, m.start(3), m.end()):
                                value = dq or sq or bare
                                attrs[name.lower()] = unescape(value) if "&" in value else value
                    start(tag, attrs, slash == "/")
                    if not slash and tag in _RAWTEXT_END:
                        rawtext, rawtext_tag = _RAWTEXT_END[tag], tag
                        pos = m.end()
                        break
                elif etag is not None:
                    end(etag.lower())
                else:
                    pos = m.end()
                    break
            else:  # pragma: no cover - the scan always ends on a match without a tag
                pos = n
            if rawtext is not None:
                continue
            if pos >= n:
                break
            # html.parser's way with anything else starting with "<"
            i = pos
            if _STARTTAG_OPEN_RE.match(text, i):
                k, tag = self._slow_starttag(text, i)
                if tag in _RAWTEXT_END:
                    rawtext, rawtext_tag = _RAWTEXT_END[tag], tag
            elif text.startswith("</", i):
                k = self._slow_endtag(text, i)
            elif text.startswith("<!--", i):
                k = self._search_end(_COMMENT_CLOSE_RE, i + 4)
            elif text.startswith("<?", i):
                k = self._gt_end(i + 2)
            elif text.startswith("<!", i):
                k = self._declaration_end(i)
            else:
                data("<")
                pos = i + 1
                continue
            if k < 0:
                # not terminated: read as text up to the next ">" (or "<")
                k = self._gt_end(i + 1) - 1
                if k < 0:
                    k = text.find("<", i + 1)
                    if k < 0:
                        k = i + 1
                else:
                    k += 1
                data(unescape(text[i:k]))
            pos = k

    def _gt_end(self, i: int) -> int:
        """Just past the first ">" at or after ``i``, or -1."""
        if i > self._last_gt:
            return -1
        return self._text.find(">", i) + 1

    def _search_end(self, pattern: re.Pattern[str], i: int) -> int:
        """The end of the first match of ``pattern`` at or after ``i``, or -1."""
        if i >= self._not_found.get(pattern, len(self._text) + 1):
            return -1
        m = pattern.search(self._text, i)
        if m is None:
            self._not_found[pattern] = i
            return -1
        return m.end()

    def _declaration_end(self, i: int) -> int:
        """The end of a ``<!...`` construct that is not a comment, or -1 when
        it is not terminated (html.parser's parse_html_declaration)."""
        text = self._text
        if text.startswith("<![", i):
            # html.parser's parse_marked_section
            j = i + 3
            if j == len(text):
                return -1
            m = _DECLNAME_RE.match(text, j)
            if not m:
                raise _MarkedSectionError(text[i : i + 20])
            if m.end() == len(text):
                return -1
            name = m.group().strip().lower()
            if name in ("temp", "cdata", "ignore", "include", "rcdata"):
                return self._search_end(_MARKED_SECTION_CLOSE_RE, j)
            if name in ("if", "else", "endif"):
                return self._search_end(_MS_MARKED_SECTION_CLOSE_RE, j)
            raise _MarkedSectionError(text[i : i + 20])
        if text[i : i + 9].lower() == "<!doctype":
            return self._gt_end(i + 9)
        return self._gt_end(i + 2)  # a bogus comment

    def _slow_starttag(self, text: str, i: int) -> tuple[int, str | None]:
        """html.parser's parse_starttag: (end, the tag when it opens a
        raw-text element)."""
        endpos = _starttag_end(text, i)
        if endpos < 0:
            return endpos, None
        m = _TAGFIND_RE.match(text, i + 1)
        assert m is not None
        k = m.end()
        tag = m.group(1).lower()
        attrs: dict[str, str] = {}
        while k < endpos:
            m = _ATTRFIND_RE.match(text, k)
            if not m:
                break
            name, rest, value = m.group(1, 2, 3)
            if not rest:
                value = None
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if value:
                value = unescape(value)
            attrs[name.lower()] = value or ""
            k = m.end()
        close = text[k:endpos].strip()
        if close not in (">", "/>"):
            self._data(text[i:endpos])
            return endpos, None
        closed = close.endswith("/>")
        self._start(tag, attrs, closed)
        return endpos, (None if closed else tag)

    def _slow_endtag(self, text: str, i: int) -> int:
        """html.parser's parse_endtag (outside script and style)."""
        gt = self._gt_end(i + 1) - 1
        if gt < 0:
            return -1
        m = _ENDTAGFIND_RE.match(text, i)
        if m:
            self._end(m.group(1).lower())
            return gt + 1
        nm = _TAGFIND_RE.match(text, i + 2)
        if not nm:
            if text.startswith("</>", i):
                return i + 3
            return gt + 1  # a bogus comment
        self._end(nm.group(1).lower())
        return text.find(">", nm.end()) + 1


def _starttag_end(text: str, i: int) -> int:
    """html.parser's check_for_whole_start_tag: the end of the start tag at
    ``i``, or -1 when it is not terminated."""
    m = _LOCATE_STARTTAG_END_RE.match(text, i)
    assert m is not None
    j = m.end()
    nxt = text[j : j + 1]
    if nxt == ">":
        return j + 1
    if nxt == "/":
        return j + 2 if text.startswith("/>", j) else -1
    if nxt == "" or nxt in "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        return -1
    return j if j > i else i + 1


class _TreeBuilder(_Tokenizer):
    """Builds a :class:`_Node` tree the way a browser would, roughly."""

    def __init__(self) -> None:
        self.root = _Node("#root", {})
        self.stack: list[_Node] = [self.root]
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self._in_title = 0
        self._head_open = False
        self.h1: list[_Node] = []

    # -- helpers ----------------------------------------------------------
    def _close_in_scope(self, tags: frozenset[str] | set[str], boundary: frozenset[str]) -> None:
        """Pop up to and including the nearest open element in ``tags``,
        unless a ``boundary`` element comes first."""
        stack = self.stack
        for i in range(len(stack) - 1, 0, -1):
            t = stack[i].tag
            if t in tags:
                del stack[i:]
                return
            if t in boundary:
                return

    # -- tokenizer callbacks ------------------------------------------------
    def _start(self, tag: str, attrs: dict[str, str], closed: bool) -> None:
        """A start tag; ``closed`` for ``<tag/>``, which ends a non-void
        element at once."""
        if tag == "meta":
            self._meta(attrs)
            return
        if self._head_open or self._in_title:
            self._leave_head_or_title(tag)
        if tag == "title":
            self._in_title += 1
        closes = _IMPLIED_ENDS.get(tag)
        if closes is not None:
            for tags, boundary in closes:
                self._close_in_scope(tags, boundary)
        stack = self.stack
        if tag in _VOID:
            if tag not in _DROP:
                stack[-1].children.append(_Node(tag, attrs))
            return
        if len(stack) > _MAX_DEPTH:
            # pathological nesting: treat the tag as absent
            if closed:
                self._end(tag)
            return
        node = _Node(tag, attrs)
        # A dropped element stays reachable from the stack (so that its end
        # tag closes it) but is never attached to the tree.
        if tag not in _DROP:
            stack[-1].children.append(node)
        stack.append(node)
        if tag == "h1":
            self.h1.append(node)
        elif tag == "head":
            self._head_open = True
        if closed:
            self._end(tag)

    def _meta(self, attrs: dict[str, str]) -> None:
        """Keep a <meta name|property content>'s content (the first of each name)."""
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        if name and "content" in attrs:
            self.meta.setdefault(name, attrs["content"])

    def _leave_head_or_title(self, tag: str) -> None:
        """Close an open <head> at a tag that cannot stand in it, and an
        unclosed <title> at a block or <body> (it must not swallow the page)."""
        if self._head_open and tag not in _HEAD_OK:
            self._close_in_scope({"head"}, frozenset())
            self._head_open = False
        if self._in_title and (tag in _BLOCK or tag == "body"):
            self._close_in_scope({"title"}, frozenset())
            self._in_title = 0

    def _end(self, tag: str) -> None:
        if tag == "br":  # "</br>" is read as <br> by browsers
            self._start("br", {}, False)
            return
        if tag in _VOID:
            return
        if tag == "title" and self._in_title:
            self._in_title -= 1
        stack = self.stack
        if stack[-1].tag == tag and len(stack) > 1:
            stack.pop()  # the usual case: the innermost element ends
            return
        table_end = tag in _TABLE_TAGS
        for i in range(len(stack) - 1, 0, -1):
            node = stack[i]
            if node.tag == tag:
                del stack[i:]
                return
            if table_end:
                # Table end tags close whatever is left open inside the
                # table (cells, paragraphs, spans), but never cross it.
                if node.tag == "table":
                    return
            elif node.tag in _SPECIAL:
                return  # a stray end tag: ignored, as browsers do

    def _data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        self.stack[-1].children.append(data)


# --------------------------------------------------------------------------
# Weighing and choosing the content container
# --------------------------------------------------------------------------

_CJK_RE = lazyre.compile_std(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_CJK_RE = lazyre.compile_std(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DIGIT_RE = lazyre.compile_std(r"[0-9\uff10-\uff19]")
_PUNCT_RE = lazyre.compile_std(r"[，。；：、？！,;]")
_HIDDEN_RE = lazyre.compile_std(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CONTENT_HINT_RE = lazyre.compile_std(
    r"trs_editor|article|content|zoom|detail|\bcon\b|_con\b|\bcon_|text|main|body|xxgk|wenzhang|zw\b|zhengwen|news_?con|view|info",
    re.IGNORECASE,
)
_CHROME_HINT_RE = lazyre.compile_std(
    r"nav|menu|header|footer|foot\b|bottom|sidebar|side\b|breadcrumb|crumb|position|location|share|bdshare|"
    r"copyright|related|xglj|links?\b|pager|prev|next|toolbar|tools|search|login|comment|banner|top\b|"
    r"dibu|daohang|toubu|weizhi|fenxiang|banquan|qrcode|erweima|\bft\b|\bhd\b",
    re.IGNORECASE,
)


def _text_weight(s: str) -> tuple[float, int, int]:
    """(weight, CJK ideographs, full stops) of one text node."""
    if not s or s.isspace():
        return 0.0, 0, 0
    # the ideographs left when everything else goes (as many as _CJK_RE finds)
    cjk = 0 if s.isascii() else len(_NON_CJK_RE.sub("", s))
    w = len(_PUNCT_RE.findall(s)) + 0.1 * cjk + 0.05 * len(_DIGIT_RE.findall(s))
    return w, cjk, s.count("。")


def _weigh(node: _Node, in_link: bool = False, hidden: dict[int, bool] | None = None) -> None:
    """Fill ``weight``, ``link_weight``, ``cjk`` and ``stops`` for the
    subtree, and note which elements :func:`_prune` may drop (``hidden``
    remembers :func:`_is_hidden` by attribute dict: elements share them)."""
    if hidden is None:
        hidden = {}
    link = in_link or node.tag == "a"
    below = False
    for c in node.children:
        if not isinstance(c, str):
            _weigh(c, link, hidden)
            if c.tag in _WEAK_DROP:
                c.droppable = True
            elif c.attrs:
                h = hidden.get(id(c.attrs))
                if h is None:
                    h = hidden[id(c.attrs)] = _is_hidden(c)
                else:
                    c.hidden = h
                c.droppable = h
            if c.droppable or c.droppable_below:
                below = True
    _sum_children(node, link)
    node.droppable_below = below


def _sum_children(node: _Node, link: bool) -> None:
    """The weights of ``node`` from its text and its elements' (already
    weighed)."""
    w = lw = 0.0
    cjk = stops = 0
    for c in node.children:
        if isinstance(c, str):
            tw, n, st = _text_weight(c)
            cjk += n
            if link:
                lw += tw
            else:
                w += tw
                stops += st
        else:
            w += c.weight
            lw += c.link_weight
            cjk += c.cjk
            stops += c.stops
    node.weight, node.link_weight, node.cjk, node.stops = w, lw, cjk, stops


def _is_hidden(node: _Node) -> bool:
    h = node.hidden
    if h is None:
        attrs = node.attrs
        style = attrs.get("style")
        h = "hidden" in attrs or (bool(style) and _HIDDEN_RE.search(style) is not None)
        node.hidden = h
    return h


def _prune(node: _Node, total_cjk: int, in_link: bool = False) -> bool:
    """Drop hidden elements and weak chrome (nav, header, footer, aside,
    form) unless they hold most of the page's text, judging by the weights
    from :func:`_weigh`; then weigh again each element that lost something
    (the others weigh what they did).  Only elements with something
    droppable inside are visited.  Returns whether ``node`` lost
    something."""
    if not node.droppable_below:
        return False
    limit = 0.5 * total_cjk
    link = in_link or node.tag == "a"
    children = node.children
    kept: list[_Node | str] | None = None
    for i, c in enumerate(children):
        if not isinstance(c, str) and c.droppable and c.cjk < limit:
            if kept is None:
                kept = children[:i]
        elif kept is not None:
            kept.append(c)
    changed = kept is not None
    if kept is not None:
        node.children = children = kept
    for c in children:
        if not isinstance(c, str) and _prune(c, total_cjk, link):
            changed = True
    if changed:
        _sum_children(node, link)
    return changed


def _names(node: _Node) -> str:
    return f"{node.attrs.get('class', '')} {node.attrs.get('id', '')}"


def _choose_container(root: _Node) -> tuple[_Node, list[_Node]]:
    """Return the content container and the list of elements to emit (the
    container, plus any sibling holding a data table or real prose)."""
    node = root
    parent: _Node | None = None
    for _ in range(_MAX_DEPTH + 10):
        best = _content_child(node)
        if best is None:
            break
        parent, node = node, best
    # A container that is itself a table cell or row belongs to a layout
    # table: fine, emit from it.
    if parent is None or node is root:
        return node, [node]
    return node, _with_report_siblings(parent, node)


def _content_child(node: _Node) -> _Node | None:
    """The child of ``node`` that holds its content, to descend into; None
    when ``node`` itself is the container (no weighed child, a data table,
    a single paragraph, or content spread over several children)."""
    kids = [k for k in node.elements() if k.weight > 0]
    if not kids or node.weight <= 0:
        return None
    best, chrome_weight = _heaviest_non_chrome(kids)
    if best.tag == "table" and not _is_layout_table(_table_rows(best)):
        return None  # never descend into a data table
    if not any(k.tag in _BLOCK or k.tag == "br" for k in best.elements()):
        return None  # a single paragraph is not a container
    rest = node.weight - best.weight - chrome_weight
    share = best.weight / max(best.weight + rest, 1e-9)
    # Or: the child holds (nearly) all the sentences of prose.
    prose = best.stops >= 3 and best.stops >= 0.95 * node.stops and share >= 0.5
    return best if share >= _share_needed(best) or prose else None


def _heaviest_non_chrome(kids: list[_Node]) -> tuple[_Node, float]:
    """The heaviest of ``kids`` that is not chrome (of all of them when all
    are), and the weight of the chrome besides it.  Chrome (a chrome-like
    name, mostly links, or chrome wording, and little prose) is never the
    content, and does not count against it."""
    max_stops = max(k.stops for k in kids)
    chrome = [k for k in kids if _is_chrome(k, max_stops)]
    cands = [k for k in kids if k not in chrome] or kids
    best = max(cands, key=lambda k: k.weight)
    return best, sum(k.weight for k in chrome if k is not best)


def _share_needed(k: _Node) -> float:
    """The share of its parent's weight a child needs to be the content
    container: less when its class or id names it as content."""
    names = _names(k)
    if _CONTENT_HINT_RE.search(names) and not _CHROME_HINT_RE.search(names):
        return 0.7
    return 0.85


def _with_report_siblings(parent: _Node, node: _Node) -> list[_Node]:
    """``node`` with the siblings next to it that are clearly part of the
    report (a second Word section, a statistics table after the article
    body), in document order; the run on each side stops at the first
    sibling that is not."""
    sib = list(parent.elements())
    idx = sib.index(node)
    before: list[_Node] = []
    for k in reversed(sib[:idx]):
        if not _is_report_part(k, node):
            break
        before.append(k)
    after: list[_Node] = []
    for k in sib[idx + 1 :]:
        if not _is_report_part(k, node):
            break
        after.append(k)
    return before[::-1] + [node] + after


_CHROME_WORDS_RE = lazyre.compile_std(
    r"版权所有|ICP备|网站标识码|主办单位|承办单位|主办：|当前位置|您的位置|您现在的位置|网站地图|联系我们|"
    r"分享到|公网安备|扫一扫|友情链接|上一篇|下一篇|返回顶部|关闭窗口|打印本页"
)


def _is_chrome(k: _Node, max_stops: int) -> bool:
    """Whether ``k`` looks like page chrome: a chrome-like class or id,
    mostly links, or chrome wording, with little prose (``max_stops`` is the
    most full stops any of its siblings holds)."""
    if k.stops > max(2, 0.2 * max_stops):
        return False
    if _CHROME_HINT_RE.search(_names(k)) or k.tag in _WEAK_DROP:
        return True
    if k.link_weight >= k.weight:
        return True
    return bool(_CHROME_WORDS_RE.search(_plain_text(k)))


def _has_data_table(node: _Node) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.tag == "table":
            rows = _table_rows(n)
            if len(rows) >= 2 and not _is_layout_table(rows):
                return True
        stack.extend(n.elements())
    return False


def _is_report_part(k: _Node, container: _Node) -> bool:
    if _CHROME_HINT_RE.search(_names(k)):
        return False
    if k.link_weight > k.weight:
        return False
    if k.weight >= 0.1 * container.weight and k.stops >= 2:
        return True
    return k.tag not in ("ul", "ol") and k.weight >= 2 and _has_data_table(k)


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------


def _table_rows(table: _Node) -> list[_Node]:
    rows: list[_Node] = []
    for c in table.elements():
        if c.tag == "tr":
            rows.append(c)
        elif c.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in c.elements() if r.tag == "tr")
    return rows


def _row_cells(row: _Node) -> list[_Node]:
    return [c for c in row.children if not isinstance(c, str) and (c.tag == "td" or c.tag == "th")]


_SPAN_RE = lazyre.compile_std(r"\s*(\d+)")


def _span(value: str | None, limit: int) -> int:
    m = _SPAN_RE.match(value) if value else None
    if not m:
        return 1
    n = int(m.group(1))
    return max(1, min(n, limit)) if n else 0


def _plain_text(node: _Node) -> str:
    """All text of a subtree, block boundaries and <br> as spaces (kept on
    the node: the tree no longer changes when this is called)."""
    if node.plain is None:
        out: list[str] = []
        _plain_parts(node, out)
        node.plain = "".join(out)
    return node.plain


def _plain_parts(node: _Node, out: list[str]) -> None:
    tag = node.tag
    block = tag in _BLOCK
    if block or tag == "br" or tag == "img":
        out.append(" ")
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.plain is not None:
            out.append(c.plain)
        elif c.tag == "td" or c.tag == "th":
            out.append(_plain_text(c))  # kept: cells are read again on their own
        else:
            _plain_parts(c, out)
    if block:
        out.append(" ")


def _pre_text(node: _Node) -> str:
    """Text of preformatted content, line breaks kept."""
    out: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        c = stack.pop()
        if isinstance(c, str):
            out.append(c)
        elif c.tag == "br":
            out.append("\n")
        else:
            stack.extend(reversed(c.children))
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def _is_layout_table(rows: list[_Node]) -> bool:
    """A table used to lay out the page, not a table of data."""
    cells = [c for r in rows for c in _row_cells(r)]
    if len(cells) <= 1:
        return True
    filled = [c for c in cells if c.cjk or _plain_text(c).strip()]
    if len(filled) <= 1:
        return True
    total = sum(c.cjk for c in cells) or 1
    # one row, or one cell per row (computed once: the loop below is per cell)
    one_line = len(rows) == 1 or max(len(_row_cells(r)) for r in rows) == 1
    for c in cells:
        # a cell of long prose: the article laid out in a table
        if c.cjk > 200 and len(_PUNCT_RE.findall(_plain_text(c))) >= 5 and (len(filled) <= 4 or c.cjk >= 0.6 * total):
            return True
        # a single row or column of cells that hold tables: a frame
        if one_line and _contains_tag(c, "table"):
            return True
    return False


def _contains_tag(node: _Node, tag: str) -> bool:
    """Whether a descendant of ``node`` (not ``node`` itself) is a ``tag``."""
    stack = list(node.elements())
    while stack:
        n = stack.pop()
        if n.tag == tag:
            return True
        stack.extend(n.elements())
    return False


def _raw_rows(rows: list[_Node]) -> list[list[RawCell]]:
    out: list[list[RawCell]] = []
    n = len(rows)
    reach = 0  # first row index not covered by an earlier rowspan
    for row in rows:
        r = len(out)
        cells = [c for c in _row_cells(row) if not _is_hidden(c)]
        if _is_hidden(row) or (not cells and r >= reach):
            n -= 1
            continue
        raw: list[RawCell] = []
        for c in cells:
            attrs = c.attrs
            rs = _span(attrs.get("rowspan"), 1000) if attrs else 1
            remaining = n - r if n - r > 1 else 1
            rs = remaining if rs == 0 else min(rs, remaining)
            cs = max(1, _span(attrs.get("colspan"), 1000)) if attrs else 1
            raw.append(RawCell(_plain_text(c), rs, cs))
            if r + rs > reach:
                reach = r + rs
        out.append(raw)
    return out


# --------------------------------------------------------------------------
# Emitting blocks
# --------------------------------------------------------------------------

_CHROME_PARA_RE = lazyre.compile_std(
    r"^(?:[【\[(（]?\s*(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏|分享到?[:：]?|返回顶部|返回|字号[:：]?|"
    r"大|中|小|默认|微信|微博|QQ空间|扫一扫[^。]{0,20}|打印正文|全真版|文字版|文件下载)\s*[】\])）]?[\s|｜/:：]*)+$"
)
_BREADCRUMB_RE = lazyre.compile_std(r"^(?:当前位置|您当前的位置|您现在的位置|当前的位置|您的位置|所在位置)\s*[:：]")


class _Emitter:
    """Walks the container and records paragraphs and tables in order."""

    def __init__(self) -> None:
        self.ops: list[tuple[str, str | list[list[RawCell]], int | None]] = []
        self.buf: list[str] = []

    def flush(self, level: int | None = None) -> None:
        if not self.buf:
            return
        text = "".join(self.buf)
        self.buf.clear()
        # Whitespace from the markup (newlines, tabs) is collapsed here;
        # normalize() then drops the spaces that sit next to CJK text.
        text = " ".join(text.split())
        if not text:
            return
        if len(text) <= 60 and (_CHROME_PARA_RE.match(text) or _BREADCRUMB_RE.match(text)):
            return
        self.ops.append(("p", text, level))

    def emit(self, node: _Node) -> None:
        for c in node.children:
            if isinstance(c, str):
                self.buf.append(c)
                continue
            tag = c.tag
            if tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                self.table(c)
            elif tag in ("pre", "listing", "xmp", "plaintext"):
                self.flush()
                for line in _pre_text(c).split("\n"):
                    self.buf.append(line)
                    self.flush()
            elif tag in _HEADINGS:
                self.flush()
                self.emit(c)
                self.flush(level=_HEADINGS[tag])
            elif tag in _BLOCK:
                self.flush()
                self.emit(c)
                self.flush()
            else:
                self.emit(c)

    def table(self, table: _Node) -> None:
        rows = _table_rows(table)
        for c in table.elements():
            if c.tag == "caption":
                self.emit(c)
                self.flush()
        if _is_layout_table(rows):
            for r in rows:
                for cell in _row_cells(r):
                    self.emit(cell)
                    self.flush()
            return
        self.ops.append(("t", _raw_rows(rows), None))

    def starts_with_title(self) -> bool:
        """Whether the content opens with a title line: one of the short
        lines without sentence punctuation before the first sentence names
        a report."""
        lead = []
        for kind, value, _ in self.ops[:6]:
            if kind != "p" or not isinstance(value, str) or len(value) > 80 or _SENTENCE_PUNCT_RE.search(value):
                break
            lead.append(value)
        return bool(_TITLE_WORD_RE.search("".join(lead)))


# --------------------------------------------------------------------------
# The report title
# --------------------------------------------------------------------------

_TITLE_SPLIT_RE = lazyre.compile_std(r"\s*(?:_|\||｜|--|—|－|\s-\s)\s*")
_TITLE_WORD_RE = lazyre.compile_std(r"报告|年报")
_SENTENCE_PUNCT_RE = lazyre.compile_std(r"[。，,；;！？!?]")


def _page_title(tb: _TreeBuilder) -> str | None:
    """The report title from the page: meta ArticleTitle, an <h1>, or the
    <title> segment naming the report."""
    cands: list[str] = []
    for key in ("articletitle", "og:title", "title", "dc.title"):
        if tb.meta.get(key):
            cands.append(tb.meta[key])
    for h in tb.h1:
        cands.append(_plain_text(h))
    title = "".join(tb.title_parts)
    if title.strip():
        segs = [s for s in _TITLE_SPLIT_RE.split(title.strip()) if s]
        cands.extend(s for s in segs if _TITLE_WORD_RE.search(s))
    for c in cands:
        c = " ".join(c.split())
        if 6 <= len(c) <= 120 and _TITLE_WORD_RE.search(c) and _CJK_RE.search(c):
            return c
    # Not a report (a 通知, a 函): its own title still names the document.
    for c in cands:
        c = " ".join(c.split())
        if 6 <= len(c) <= 120 and _CJK_RE.search(c):
            return c
    return None


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


# html.parser (and so the tokenizer) gives up on marked sections other than
# CDATA and Word's <![if ...]> / <![endif]>; browsers read them as bogus
# comments.
_BAD_MARKED_SECTION_RE = lazyre.compile_std(r"<!\[(?!\s*(?:CDATA\[|if\b|endif\b|else\b))[^>]*>?", re.IGNORECASE)


def _parse(text: str) -> _TreeBuilder:
    tb = _TreeBuilder()
    try:
        tb.feed(_BAD_MARKED_SECTION_RE.sub("", text))
    except _MarkedSectionError:  # html.parser's last resort: "<![" as text
        tb = _TreeBuilder()
        tb.feed(text.replace("<![", "&lt;!["))
    return tb


def load_html(data: bytes, path: str | None, label: str) -> Document:
    """Read an HTML page holding a report into a :class:`Document`."""
    text, enc, replaced = _decode(data, label)
    tb = _parse(text)
    root = tb.root
    body = next((n for n in _iter_elements(root) if n.tag == "body"), None)
    top = body if body is not None else root
    _weigh(top)
    _prune(top, top.cjk)
    container, parts = _choose_container(top)

    em = _Emitter()
    for p in parts:
        if p.tag == "table":
            em.table(p)
        else:
            em.emit(p)
        em.flush()
    b = DocumentBuilder()
    if not em.starts_with_title():
        title = _page_title(tb)
        if title:
            b.add_paragraph(title, level=1)
    for kind, value, level in em.ops:
        if kind == "p":
            b.add_paragraph(value, level=level)  # type: ignore[arg-type]
        else:
            b.add_table(value)  # type: ignore[arg-type]
    doc = b.build(Source.of(data, path, "html", encoding=enc))
    if not doc.text.strip():
        raise EmptyFileError(label, "the HTML page has no text")
    if replaced:
        doc.notes.append(f"html: {replaced} undecodable byte sequence(s) in the {enc} page replaced by U+FFFD")
    if container is not top:
        doc.notes.append(
            f"html: report read from <{container.tag} {_names(container).strip()!r}>; "
            f"page chrome outside it dropped"
        )
    return doc


def _iter_elements(root: _Node) -> Iterator[_Node]:
    stack = [root]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed([c for c in n.children if isinstance(c, _Node)]))
