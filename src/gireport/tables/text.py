"""Standard tables flattened into narrative text (``source="text"``).

Web pages scraped to text and PDF/Markdown conversions often lose a report's
table markup.  What remains is the row labels followed by the row's values,
either separated (``规章 0 0 0``) or glued into one digit stream
(``一、本年新收政府信息公开申请数量640020470`` = 64 0 0 2 0 4 70).  This
module finds the three standard tables of the 2019/2021 formats in the
narrative regions of a document and maps them to the canonical keys of
:mod:`gireport.tables.model`.

How a glued stream is split
---------------------------
Every cell is a non-negative integer without leading zeros (a lone ``0`` is
allowed), a not-applicable marker (``/``, ``-``, ``—``, ``无``), a signed integer in
本年增/减, or a decimal (with its unit) in the fee and procurement amounts.
Whitespace in the text is a hard cell boundary.  Normalisation drops the
spaces beside "—" and "无" (CJK characters), so a row printing "—" for its
empty cells arrives glued ("3——————3"): the dash marks of a row are cut at
one width (each cell "—", or each "——", or each "———"; see
:func:`_by_mark_width`), and "无" is one cell.  A row of marks only is a row
of not-applicable cells (never a missing row; the identities read them as
none).  The candidate splits of each stream are enumerated, bounded, and
filtered by the table's identities:

* **applications** — per row first: 总计 = the sum of the six applicant
  columns (I-3).  The survivors (or, when no split of a row satisfies I-3 —
  a printed error — all its splits) are then combined column-wise with a
  dynamic programme over the residuals of I-1 (new + carry_in =
  processed_total + carry_out) and I-2 (processed_total = Σ outcome rows) for
  all seven columns.  The assignment violating the fewest column identities
  wins; when it is unique the table is mapped and every identity it violates
  is named in ``notes`` (the report's own arithmetic error, left for the
  auditor).  When several assignments tie, ``table.ambiguous`` is set: the
  rows that are the same in every tie are still mapped, the others are left
  out, listed in ``notes`` and counted in ``table.ambiguous_rows``.
* **review** — the 15 numbers are split under the three block identities
  总计 = 维持 + 纠正 + 其他 + 尚未审结; if no split satisfies all three, the
  splits violating the fewest blocks are taken when there is exactly one,
  and the failing blocks are named in ``notes``.  Several splits:
  ``table.ambiguous``, no cells.
* **proactive** — its rows are independent and have no identity, so each row
  is mapped only when its stream has exactly one split (``规章000``,
  ``行政许可2293``, ``行政事业性收费24252.311082``).  A row with several
  splits (``行政规范性文件693665``) is *left out*, counted in
  ``table.ambiguous_rows`` (row → number of candidate splits, with its span
  in ``ambiguous_spans``) and described in ``notes`` as
  ``"ambiguous row <key>: …"``; the table is
  flagged ambiguous only when no row at all could be mapped.  This keeps the
  unique rows (e.g. 规章 for the rule-making competence check) usable.

Every search is bounded (node, candidate and state caps); exceeding a cap
gives an ambiguous row/table with a note, never a guess.

Regions: only the spans given are read; text between two regions that is not
pure whitespace (a grid table, for instance) is masked so that a label is
never paired with values on the other side of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .model import (
    APP_COLUMN_LABELS,
    APP_COLUMNS,
    APP_ROWS_2019,
    APP_ROWS_2021,
    REVIEW_BLOCK_LABELS,
    REVIEW_BLOCKS,
    REVIEW_FIELD_LABELS,
    REVIEW_FIELDS,
    StandardTable,
    TableCell,
    cell_state,
)
from .. import lazyre

__all__ = ["PROACTIVE_COLUMN_LABELS", "ambiguous_rows", "split_stream", "tables_from_text"]

# --------------------------------------------------------------------------
# limits
_NODE_CAP = 60_000  # DFS nodes per stream
_ROW_CAND_CAP = 400  # candidate splits kept per applications row
_PRO_SPLIT_CAP = 200  # candidate splits counted per proactive row (they are only counted)
_STATE_CAP = 60_000  # residual states in the column DP
_SOL_LIMIT = 64  # tied solutions enumerated to find the rows they agree on
_GAP_MAX = 80  # characters allowed between a label and its values
_MASK = "\x00"

# --------------------------------------------------------------------------
# cell validators
_NA = r"/|\\|—{1,3}|-{1,3}|无"
_INT = r"0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+"
_COUNT_RE = lazyre.compile_std(rf"(?:{_INT}|{_NA})")
_SIGNED_RE = lazyre.compile_std(rf"(?:[+-]?(?:{_INT})|{_NA})")
_AMOUNT_RE = lazyre.compile_std(rf"(?:(?:{_INT})(?:\.\d+)?(?:万元|元)?|{_NA})")
_DIGITS = frozenset("0123456789")


def _is_count(s: str) -> bool:
    return _COUNT_RE.fullmatch(s) is not None


def _is_signed(s: str) -> bool:
    return _SIGNED_RE.fullmatch(s) is not None


def _is_amount(s: str) -> bool:
    return _AMOUNT_RE.fullmatch(s) is not None


def _int_value(s: str) -> int:
    """Value of a validated count/signed piece for the identities (NA → 0)."""
    t = s.replace(",", "")
    if t and (t[-1] in _DIGITS):
        try:
            return int(t)
        except ValueError:
            return 0
    return 0


# --------------------------------------------------------------------------
# label patterns
# An optional list-marker prefix: 一、 (一) 1. 1、 (one digit: 1–8 in these tables,
# so that the marker never swallows a digit of the previous row's stream).
_P = r"(?:[一二三四五六七]、|\([一二三四五六七]\)|[1-9]\s?[.、]\s?)?"

_APP_CORE: dict[str, str] = {
    "new": r"本年新收",
    "carry_in": r"上年结转",
    "granted": r"予以公开",
    "partial": r"部分公开",
    "denied.state_secret": r"(?:属于)?国家秘密",
    "denied.law_prohibited": r"(?:其他)?法律、?行政法规禁止公开",
    "denied.security_stability": r"危及[“\"]?三安全一稳定[”\"]?",
    "denied.third_party": r"(?:保护)?第三方合法权益",
    "denied.internal_affairs": r"(?:属于)?三类内部事务(?:信息)?",
    "denied.process_info": r"(?:属于)?四类过程性信息",
    "denied.enforcement_file": r"(?:属于)?行政执法案卷",
    "denied.admin_query": r"(?:属于)?行政查询事项",
    "unable.not_held": r"(?:本机关)?不掌握",
    "unable.needs_creation": r"没有现成信息|需要另行制作",
    "unable.unclear": r"(?:补正后)?申请内容仍不明确",
    "not_processed.petition": r"信访举报投诉",
    "not_processed.repeat": r"重复申请",
    "not_processed.publication": r"(?:要求提供)?公开出版物",
    "not_processed.mass_repeat": r"(?:无正当理由)?大量反复申请",
    "not_processed.reconfirm": r"(?:要求行政机关)?确认或重新出具",
    "other": r"其他处理",
    "other.no_correction": r"(?:申请人无正当理由)?逾期不补正",
    "other.fee_unpaid": r"(?:申请人逾期未按)?收费通知",
    "processed_total": r"总计",
    "carry_out": r"结转下年度",
}
_APP_LABEL_RE = {k: lazyre.compile_std(_P + "(?:" + v + ")") for k, v in _APP_CORE.items()}
# 3.其他 must carry its marker: a bare 其他 is everywhere in the table.
_APP_LABEL_RE["other.other"] = lazyre.compile_std(r"(?:3\s?[.、]\s?|\(3\))其他(?!法律|处理|对外)")

_ROWS_2019 = [
    "new", "carry_in", "granted", "partial",
    "denied.state_secret", "denied.law_prohibited", "denied.security_stability", "denied.third_party",
    "denied.internal_affairs", "denied.process_info", "denied.enforcement_file", "denied.admin_query",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "not_processed.petition", "not_processed.repeat", "not_processed.publication",
    "not_processed.mass_repeat", "not_processed.reconfirm",
    "other", "processed_total", "carry_out",
]  # fmt: skip
_ROWS_2021 = _ROWS_2019[:20] + ["other.no_correction", "other.fee_unpaid", "other.other"] + _ROWS_2019[21:]
_ANCHOR_ROWS = ("new", "carry_in", "processed_total", "carry_out")

PROACTIVE_COLUMN_LABELS = {
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "valid": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_wan": "本年收费金额(单位:万元)",
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "prev_items": "上一年项目数量",
    "delta": "本年增/减",
    "projects": "采购项目数量",
    "amount": "采购总金额",
}
_Validator = Callable[[str], bool]
_PRO_COLS: dict[str, dict[str, list[tuple[str, _Validator]]]] = {
    "2021": {
        "regulations": [("made", _is_count), ("repealed", _is_count), ("valid", _is_count)],
        "normative_docs": [("made", _is_count), ("repealed", _is_count), ("valid", _is_count)],
        "licensing": [("decisions", _is_count)],
        "penalty": [("decisions", _is_count)],
        "coercion": [("decisions", _is_count)],
        "admin_fee": [("amount_wan", _is_amount)],
    },
    "2019": {
        "regulations": [("new_made", _is_count), ("new_published", _is_count), ("total_published", _is_count)],
        "normative_docs": [("new_made", _is_count), ("new_published", _is_count), ("total_published", _is_count)],
        "licensing": [("prev_items", _is_count), ("delta", _is_signed), ("decisions", _is_count)],
        "other_services": [("prev_items", _is_count), ("delta", _is_signed), ("decisions", _is_count)],
        "penalty": [("prev_items", _is_count), ("delta", _is_signed), ("decisions", _is_count)],
        "coercion": [("prev_items", _is_count), ("delta", _is_signed), ("decisions", _is_count)],
        "admin_fee": [("prev_items", _is_count), ("delta", _is_signed)],
        "procurement": [("projects", _is_count), ("amount", _is_amount)],
    },
}
_PRO_LABEL_RE = {
    "regulations": lazyre.compile_std(r"规章(?!制度)"),
    "normative_docs": lazyre.compile_std(r"(?:行政)?规范性文件"),
    "licensing": lazyre.compile_std(r"行政许可"),
    "other_services": lazyre.compile_std(r"其他对外管理服务事项"),
    "penalty": lazyre.compile_std(r"行政处罚"),
    "coercion": lazyre.compile_std(r"行政强制"),
    "admin_fee": lazyre.compile_std(r"行政事业性收费"),
    "procurement": lazyre.compile_std(r"政府集中采购"),
}
_PRO_SIGNS = {
    "2021": lazyre.compile_std(r"本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量|行政规范性文件"),
    "2019": lazyre.compile_std(r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/减|采购项目数量|政府集中采购|其他对外管理服务事项"),
}
_PRO_ANCHOR_RE = lazyre.compile_std(r"第二十条第?\(?[一五六八九]\)?项")
_PRO_HEAD_RE = lazyre.compile_std(r"信息内容")
_APP_HEAD_RE = lazyre.compile_std(r"收到和处理政府信息公开申请|勾稽关系|申请人情况")
_REVIEW_HEAD_RE = lazyre.compile_std(
    r"(?:行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉|"
    r"结果|维持|纠正|其他|尚未|审结|情况|[\s、,])+"
)
# A page number "— 6 —" left inline by a conversion (at a line end or
# before text); not one when a value or another dash follows it, or a dash
# precedes it: a row printing "—" for its empty cells ("—1————1",
# "数量—1—2——3", "5—1—2 8").
_EM_PAGE_RE = lazyre.compile_std(r"(?<!—)—\s?\d{1,3}\s?—(?![—0-9/\\])")
_LINE_PAGE_RE = lazyre.compile_std(r"(?m)^[ \t]*[-—]+[ \t]*\d{1,3}[ \t]*[-—]+[ \t]*$")
_DIGIT_RE = lazyre.compile_std(r"[0-9]")
_VALUE_START_RE = lazyre.compile_std(r"[0-9/\\—无-]")


# --------------------------------------------------------------------------
# streams and splits


class _TooMany(Exception):
    pass


@dataclass
class _Stream:
    """A value cluster: its characters without whitespace, the hard cut
    positions (where whitespace was) and the document offset of each char."""

    chars: str
    forced: frozenset[int]
    offsets: list[int]
    start: int
    end: int

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.offsets[i], self.offsets[j - 1] + 1

    def pieces(self, bounds: Sequence[tuple[int, int]]) -> list[str]:
        return [self.chars[i:j] for i, j in bounds]

    def show(self, bounds: Sequence[tuple[int, int]]) -> str:
        return "|".join(self.pieces(bounds))


def _stream(text: str, start: int, end: int) -> _Stream:
    chars: list[str] = []
    offs: list[int] = []
    forced: set[int] = set()
    prev_space = False
    for k in range(start, end):
        c = text[k]
        if c.isspace():
            prev_space = True
            continue
        if prev_space and chars:
            forced.add(len(chars))
        prev_space = False
        chars.append(c)
        offs.append(k)
    return _Stream("".join(chars), frozenset(forced), offs, start, end)


def _cut_tables(s: _Stream) -> tuple[list[int], list[int]]:
    """nf[i]: the first hard cut after i (or len); need[i]: the least number
    of pieces the rest from i needs (one per whitespace-separated token)."""
    n = len(s.chars)
    cuts = sorted(s.forced)
    nf = [n] * (n + 1)
    need = [0] * (n + 1)
    nxt = n
    cnt = 0
    ci = len(cuts) - 1
    for i in range(n - 1, -1, -1):
        while ci >= 0 and cuts[ci] > i:
            nxt = min(nxt, cuts[ci])
            cnt += 1
            ci -= 1
        nf[i] = nxt
        need[i] = 1 + cnt
    return nf, need


def split_stream(
    chars: str,
    validators: Sequence[_Validator],
    *,
    forced: frozenset[int] = frozenset(),
    check: Callable[[int, list[tuple[int, int]]], bool] | None = None,
    limit: int = 50,
    node_cap: int = _NODE_CAP,
) -> tuple[list[tuple[tuple[int, int], ...]], bool]:
    """All ways to cut ``chars`` into ``len(validators)`` pieces, piece k
    accepted by ``validators[k]`` and never spanning a ``forced`` cut.
    ``check(k, bounds)`` may prune after piece k.  Returns (splits, capped):
    capped is True when more than ``limit`` splits exist or the node cap was
    hit (the list is then incomplete)."""
    s = _Stream(chars, forced, list(range(len(chars))), 0, len(chars))
    return _splits_any(s, validators, check=check, limit=limit, node_cap=node_cap)


_MARK_CHARS = frozenset("—-")


def _mark_runs(s: _Stream) -> bool:
    """Whether the stream holds two dash marks glued together ("——", or
    "—————" after the spaces beside "—" were dropped): then one cell's mark
    may be one, two or three dashes."""
    c = s.chars
    return any(c[i] in _MARK_CHARS and c[i + 1] in _MARK_CHARS and i + 1 not in s.forced for i in range(len(c) - 1))


def _mark_width(validator: _Validator, w: int) -> _Validator:
    """``validator`` with every dash mark exactly ``w`` characters long."""

    def ok(p: str) -> bool:
        return validator(p) and (len(p) == w or not all(ch in _MARK_CHARS for ch in p))

    return ok


def _by_mark_width(search: Callable[[Callable[[_Validator], _Validator]], tuple[list[_Bounds], bool]], s: _Stream) -> tuple[list[_Bounds], bool]:
    """A split search over a stream whose dash marks are glued: every cell
    of one table prints the same mark ("—" or "——" or "———"), so the marks
    are first cut at one width (1, 2 or 3 dashes; the splits of every width
    that fits are kept), and only when no width fits at any width a mark
    may take.  ``search(wrap)`` runs the search with each validator wrapped
    by ``wrap``.  Without glued marks: the search as it is."""
    if not _mark_runs(s):
        return search(lambda v: v)
    out: list[_Bounds] = []
    capped = False
    for w in (1, 2, 3):
        got, c = search(lambda v, w=w: _mark_width(v, w))
        capped = capped or c
        out.extend(b for b in got if b not in out)
    if out or capped:
        return out, capped
    return search(lambda v: v)


def _splits(
    s: _Stream,
    validators: Sequence[_Validator],
    *,
    check: Callable[[int, list[tuple[int, int]]], bool] | None = None,
    limit: int = 50,
    node_cap: int = _NODE_CAP,
) -> tuple[list[tuple[tuple[int, int], ...]], bool]:
    """:func:`_splits_any`, the dash marks glued in a stream cut at one
    width (see :func:`_by_mark_width`)."""
    return _by_mark_width(lambda wrap: _splits_any(s, [wrap(v) for v in validators], check=check, limit=limit, node_cap=node_cap), s)


def _splits_any(
    s: _Stream,
    validators: Sequence[_Validator],
    *,
    check: Callable[[int, list[tuple[int, int]]], bool] | None = None,
    limit: int = 50,
    node_cap: int = _NODE_CAP,
) -> tuple[list[tuple[tuple[int, int], ...]], bool]:
    chars = s.chars
    n = len(chars)
    m = len(validators)
    if m == 0 or n == 0:
        return [], False
    nf, need = _cut_tables(s)
    if need[0] > m or n < m:
        return [], False
    out: list[tuple[tuple[int, int], ...]] = []
    bounds: list[tuple[int, int]] = []
    nodes = 0

    def rec(pos: int, k: int) -> None:
        nonlocal nodes
        rest = m - k - 1
        hi = min(nf[pos], n - rest)
        for j in range(pos + 1, hi + 1):
            nodes += 1
            if nodes > node_cap:
                raise _TooMany
            if rest == 0 and j != n:
                continue
            if j < n and need[j] > rest:
                continue
            piece = chars[pos:j]
            if not validators[k](piece):
                if piece[0] == "0" and j - pos >= 2 and piece[1] in _DIGITS:
                    break  # a leading zero only gets worse
                continue
            bounds.append((pos, j))
            if check is None or check(k, bounds):
                if rest == 0:
                    out.append(tuple(bounds))
                    if len(out) > limit:
                        bounds.pop()
                        raise _TooMany
                else:
                    rec(j, k + 1)
            bounds.pop()

    try:
        rec(0, 0)
    except _TooMany:
        return out[:limit], True
    return out, False


def _piece_table(s: _Stream, validator: _Validator) -> list[list[tuple[int, int]]]:
    """For every start position, the admissible pieces (end, value) in
    increasing end order, respecting the hard cuts."""
    chars = s.chars
    n = len(chars)
    nf, _ = _cut_tables(s)
    out: list[list[tuple[int, int]]] = []
    for pos in range(n):
        row: list[tuple[int, int]] = []
        for j in range(pos + 1, nf[pos] + 1):
            piece = chars[pos:j]
            if validator(piece):
                row.append((j, _int_value(piece)))
            elif piece[0] == "0" and j - pos >= 2 and piece[1] in _DIGITS:
                break
        out.append(row)
    return out


def _min_sum_table(limit: int = 64) -> list[list[int]]:
    """_MIN_SUM[m][r]: the least sum of r pieces (no leading zeros) covering
    m digits — the pieces as even as possible, a piece of length L being at
    least 10**(L-1) (a one-digit piece may be 0)."""
    lo = [0, 0] + [10 ** (L - 1) for L in range(2, limit + 2)]
    big = 1 << 200
    tab = [[big] * 8 for _ in range(limit + 1)]
    for m in range(limit + 1):
        tab[m][0] = 0 if m == 0 else big
        for r in range(1, 8):
            if r <= m:
                q, rem = divmod(m, r)
                tab[m][r] = rem * lo[q + 1] + (r - rem) * lo[q]
    return tab


_MIN_SUM = _min_sum_table()
_POW10 = [10**k for k in range(70)]


def _app_row_splits(s: _Stream, *, limit: int = _ROW_CAND_CAP) -> tuple[list[tuple[tuple[int, int], ...]], bool]:
    """:func:`_app_row_splits_with`, the dash marks glued in a stream cut at
    one width (see :func:`_by_mark_width`)."""
    return _by_mark_width(lambda wrap: _app_row_splits_with(s, wrap(_is_count), limit=limit), s)


def _app_row_splits_with(s: _Stream, validator: _Validator, *, limit: int = _ROW_CAND_CAP) -> tuple[list[tuple[tuple[int, int], ...]], bool]:
    """Splits of a 7-cell applications row whose last cell (总计) equals the
    sum of the first six (I-3).  The total is tried as every admissible
    suffix; the prefix is cut by a memoised search on (position, pieces
    left, sum left), pruned by the sum and by the digits left."""
    chars = s.chars
    n = len(chars)
    if n < 7:
        return [], False
    _, need = _cut_tables(s)
    if need[0] > 7:
        return [], False
    table = _piece_table(s, validator)
    out: list[tuple[tuple[int, int], ...]] = []
    nodes = 0
    last_cut = max(s.forced) if s.forced else 0
    memo: dict[tuple[int, int, int, int], list[tuple[int, ...]]] = {}

    def f(pos: int, r: int, left: int, i: int) -> list[tuple[int, ...]]:
        """Ends of r pieces covering chars[pos:i] that add up to `left`."""
        nonlocal nodes
        key = (pos, r, left, i)
        got = memo.get(key)
        if got is not None:
            return got
        res: list[tuple[int, ...]] = []
        for j, v in table[pos]:
            nodes += 1
            if nodes > _NODE_CAP:
                raise _TooMany
            if j > i - (r - 1):
                break
            if v > left:
                if chars[pos] in _DIGITS:
                    break  # longer pieces from here are larger still
                continue
            rest = r - 1
            if rest == 0:
                if j == i and v == left:
                    res.append((j,))
                continue
            m = i - j
            lv = left - v
            marks = nd[i] - nd[j]  # not-applicable characters ("/", "—", "---") left
            if not marks:
                if m < len(_MIN_SUM) and (lv < _MIN_SUM[m][rest] or lv >= _POW10[m - rest + 1] + 10 * rest):
                    continue  # the digits left cannot add up to what is left
            else:
                md = m - marks  # a mark is a piece of value 0 that holds no digit
                if md < len(_MIN_SUM) and (lv < (_MIN_SUM[md][min(rest, md)] if md else 0) or lv >= _POW10[md] * 10):
                    continue
            for tail in f(j, rest, left - v, i):
                res.append((j,) + tail)
                if len(res) > limit:
                    raise _TooMany
        memo[key] = res
        return res

    # A number is congruent to its digit sum modulo 9, whatever the cuts: the
    # total's start i is only viable when digitsum(prefix) ≡ total (mod 9).
    dsum = [0]
    nd = [0]  # non-digit characters before each position
    for c in chars:
        dsum.append(dsum[-1] + (ord(c) - 48 if c in _DIGITS else 0))
        nd.append(nd[-1] + (c not in _DIGITS))
    try:
        for i in range(max(6, last_cut), n):
            total = chars[i:n]
            if not validator(total):
                continue
            t_val = _int_value(total)
            if (t_val - dsum[i]) % 9:
                continue
            for ends in f(0, 6, t_val, i):
                starts = (0,) + ends[:-1]
                out.append(tuple(zip(starts, ends)) + ((i, n),))
                if len(out) > limit:
                    raise _TooMany
    except _TooMany:
        return out[:limit], True
    return out, False


# --------------------------------------------------------------------------
# masking and value clusters


def _mask(text: str, regions: Sequence[tuple[int, int]]) -> str:
    regs = sorted((max(0, a), min(len(text), b)) for a, b in regions if b > a)
    parts: list[str] = []
    pos = 0
    first = True
    for a, b in regs:
        a = max(a, pos)
        if b <= a:
            continue
        gap = text[pos:a]
        if not first and gap.strip() == "":
            parts.append(gap)
        else:
            parts.append(_MASK * len(gap))
        parts.append(text[a:b])
        pos = b
        first = False
    parts.append(_MASK * (len(text) - pos))
    m = "".join(parts)
    if "—" in m:
        m = _EM_PAGE_RE.sub(lambda mo: " " * len(mo.group()), m)
    m = _LINE_PAGE_RE.sub(lambda mo: " " * len(mo.group()), m)
    return m


_CLUSTER_CHARS = frozenset("0123456789 \t\n\r.,+-/—\\")
_NA_START = frozenset("/—-\\+")


def _cluster_start(m: str, pos: int, limit: int, gap_max: int) -> int | None:
    """Where the values after a label start: right after it, or after a
    short text that stays inside one region."""
    k = pos
    while k < limit and m[k] in " \t\n\r":
        k += 1
    if k >= limit:
        return None
    if m[k] in _DIGITS or m[k] in _NA_START or m[k] == _WU and _values_to_line_end(m, k, limit):
        return k
    for mo in _VALUE_START_RE.finditer(m, k, min(limit, k + gap_max)):
        q = mo.start()
        if _MASK in m[k:q]:
            return None
        if m[q] in _DIGITS or _na_values_at(m, q, limit):
            return q
    return None


def _na_values_at(m: str, q: int, limit: int) -> bool:
    """Whether the not-applicable mark at ``q`` (after the rest of a long
    label: "…申请数量 / / / / / / /") starts the row's values: the run of value
    characters from it ends the line (or meets the next label), or holds
    three marks or more.  A lone "/" or "——" inside a label or a sentence
    ("本年增/减", "——") is no value."""
    if m[q] == _WU:
        return _values_to_line_end(m, q, limit)
    if m[q] == "-" and q + 1 < len(m) and m[q + 1] in _DIGITS and q > 0 and m[q - 1].isascii() and m[q - 1].isalnum():
        return False  # a hyphen inside a word ("COVID-19"), no mark
    e = _rstrip(m, q, _cluster_scan(m, q, limit))
    if e >= limit or m[e] in "\r\n":
        return True
    return sum(1 for c in m[q:e] if not c.isspace()) >= 3


_WU = "无"


def _values_to_line_end(m: str, start: int, limit: int) -> bool:
    """Whether the rest of the line from ``start`` (up to ``limit``) is
    values only — digits, marks, "无" and spaces: a row printing "无" for
    its empty cells ("…申请数量 无 无 无 无 无 无 无"), never the 无 of a word
    (无法提供, 无正当理由) or of a sentence (上年结转无。)."""
    k = start
    while k < limit and m[k] not in "\r\n":
        if m[k] not in _CLUSTER_CHARS and m[k] != _WU:
            return False
        k += 1
    return True


def _cluster_scan(m: str, start: int, limit: int) -> int:
    """The end of the run of value characters (a unit after a number; "无"
    when the rest of its line is values)."""
    j = start
    wu: bool | None = None
    while j < limit:
        c = m[j]
        if c in _CLUSTER_CHARS or c == "元" and m[j - 1] in _DIGITS:
            if c == "\n":
                wu = None  # a new line: its 无 checked again
            j += 1
        elif c == _WU and (wu if wu is not None else _values_to_line_end(m, j, limit)):
            wu = True
            j += 1
        elif m.startswith("万元", j) and m[j - 1] in _DIGITS:
            j += 2
        else:
            break
    return j


def _rstrip(m: str, start: int, end: int, chars: str = " \t\n\r") -> int:
    while end > start and m[end - 1] in chars:
        end -= 1
    return end


def _drop_next_marker(m: str, start: int, end: int) -> int:
    """A list marker of the next label glued to the stream: "…0000007" +
    "2.没有…" leaves the 2 to the label."""
    if end > start + 1 and m[end - 1] in _DIGITS and end < len(m) and m[end] in ".、":
        nxt = m[end + 1] if end + 1 < len(m) else ""
        if nxt and nxt not in _DIGITS and not nxt.isspace():
            return _rstrip(m, start, end - 1)
    return end


def _drop_next_sentence(m: str, start: int, end: int) -> int:
    """A year or count of the next sentence after whitespace ("… 0 0\n2024年")
    is not a value of the row."""
    if end < len(m) and m[end] in "年月日件条项个%" and end > start:
        k2 = end
        while k2 > start and m[k2 - 1] in _DIGITS:
            k2 -= 1
        if k2 > start and m[k2 - 1].isspace():
            return _rstrip(m, start, k2)
    return end


def _cluster(m: str, pos: int, limit: int, *, gap_max: int = _GAP_MAX) -> tuple[int, int] | None:
    """The first value cluster after ``pos`` (before ``limit``): digits, NA
    markers and whitespace, with a unit after a number; the text before it
    must be short and stay inside one region."""
    start = _cluster_start(m, pos, limit, gap_max)
    if start is None:
        return None
    end = _rstrip(m, start, _cluster_scan(m, start, limit), " \t\n\r.,")
    end = _drop_next_marker(m, start, end)
    end = _drop_next_sentence(m, start, end)
    if end <= start or not any(c in _DIGITS or c in _NA_START or c == _WU for c in m[start:end]):
        return None
    return start, end


# --------------------------------------------------------------------------
# row location


@dataclass
class _Row:
    """A row label found in the text, and later the value cluster read after it."""

    key: str
    label_start: int
    label_end: int
    label: str = ""
    cluster: tuple[int, int] | None = None
    stream: _Stream | None = None


def _find_rows(
    m: str, text: str, keys: Sequence[str], pats: dict[str, re.Pattern[str]], start: int, end: int
) -> list[_Row]:
    """Row labels in template order (each searched after the previous one),
    then each row's value cluster between its label and the next label."""
    rows: list[_Row] = []
    pos = start
    tails: dict[str, str] = {}
    for key in keys:
        mo = pats[key].search(m, pos, end)
        wrapped = _wrapped_label(m, key, pos, end if mo is None else mo.start())
        if wrapped is not None:
            a, b, tail, after = wrapped
            rows.append(_Row(key, a, b))
            tails[key] = tail
            pos = after
            continue
        if mo is None:
            continue
        rows.append(_Row(key, mo.start(), mo.end()))
        pos = mo.end()
    for idx, r in enumerate(rows):
        limit = rows[idx + 1].label_start if idx + 1 < len(rows) else end
        cl = _cluster(m, r.label_end, limit)
        r.cluster = cl
        lab_end = cl[0] if cl else r.label_end
        label = text[r.label_start:lab_end].strip()
        if len(label) > 60 or _MASK in m[r.label_start:lab_end]:
            label = text[r.label_start:r.label_end]
        r.label = label + tails.get(r.key, "")
        if cl:
            r.stream = _stream(text, cl[0], cl[1])
    return rows


def _label_core(label: str) -> str:
    """A template label without its group and list marker."""
    core = label.split(" ")[-1]
    return re.sub(r"^(?:[一二三四五六七]、|\([一二三四五六七]\)|\d[.、])", "", core)


_WRAP_CORES = {k: _label_core(label) for k, label, _ in APP_ROWS_2021 + APP_ROWS_2019}


def _wrapped_label(m: str, key: str, pos: int, end: int) -> tuple[int, int, str, int] | None:
    """A row label wrapped around its values, as text layers of PDFs give
    long labels: "2.其他法律行政法规禁止公" / "27 0 0 0 0 0 27" / "开".  Returns
    (start, end) of the label's head, its tail and the offset after the tail
    when the head (four characters or more), the values and the tail follow
    each other; None otherwise."""
    core = _WRAP_CORES.get(key, "")
    if len(core) < 6:
        return None
    for k in range(len(core) - 1, 3, -1):
        head, tail = core[:k], core[k:]
        i = m.find(head, pos, end)
        while i >= 0:
            j = i + len(head)
            if m.startswith(tail, j):
                break  # printed whole: not wrapped
            cl = _cluster(m, j, min(len(m), j + 200), gap_max=0)
            if cl is not None:
                t = cl[1]
                while t < len(m) and m[t] in " \t\r\n":
                    t += 1
                if m.startswith(tail, t) and (t + len(tail) >= len(m) or m[t + len(tail)] in "\r\n \t"):
                    return i, j, tail, t + len(tail)
            i = m.find(head, j, end)
    return None


def _layout_of(window: str, signs: dict[str, re.Pattern[str]], default: str) -> tuple[str, bool]:
    n21 = len(signs["2021"].findall(window))
    n19 = len(signs["2019"].findall(window))
    if n21 > n19:
        return "2021", True
    if n19 > n21:
        return "2019", True
    return default, False


def _cell(row: str, col: str, text: str, start: int, end: int, row_label: str, col_label: str) -> TableCell:
    state, value = cell_state(text)
    return TableCell(row, col, text, state, value, start, end, None, row_label, col_label)


def _show_alts(s: _Stream, splits: Sequence[Sequence[tuple[int, int]]], n: int = 3) -> str:
    return ", ".join(s.show(b) for b in splits[:n])


# --------------------------------------------------------------------------
# proactive (主动公开)


def _proactive_anchor(m: str, lo: int, hi: int) -> int | None:
    """The table's start: 第二十条第(一)项 followed by 信息内容, else a 信息内容
    header followed by a column label of either format."""
    for mo in _PRO_ANCHOR_RE.finditer(m, lo, hi):
        if _PRO_HEAD_RE.search(m, mo.end(), min(hi, mo.end() + 60)):
            return mo.start()
    for mo in _PRO_HEAD_RE.finditer(m, lo, hi):
        if _PRO_SIGNS["2021"].match(m, mo.end()) or _PRO_SIGNS["2019"].match(m, mo.end()):
            return mo.start()
    return None


def _proactive_row(st: StandardTable, r: _Row, cols: list[tuple[str, _Validator]], text: str) -> None:
    """Map one row when its values split one way only (else a note).  A
    row printed with spaces between fewer values than it has columns lost a
    blank cell when it was flattened: its values are not re-split as glued
    digits ("2 11" is not 2 | 1 | 1)."""
    assert r.stream is not None
    raw = text[r.stream.start:r.stream.end]
    toks = _tokens(r.stream)
    if r.stream.forced and toks is not None and len(toks) < len(cols) and all(b - a <= 5 for a, b in toks):
        st.notes.append(f"row {r.key}: values {raw!r} print fewer cells than its {len(cols)} columns (blank cells dropped); left out")
        return
    splits, capped = _splits(r.stream, [v for _, v in cols], limit=_PRO_SPLIT_CAP)
    if not splits:
        st.notes.append(f"row {r.key}: values {raw!r} do not fit its {len(cols)} column(s); left out")
        return
    if len(splits) > 1 or capped:
        n = f"{len(splits)}+" if capped else str(len(splits))
        st.notes.append(
            f"ambiguous row {r.key}: {raw!r} splits {n} ways into {len(cols)} cells "
            f"(e.g. {_show_alts(r.stream, splits)}); left out"
        )
        st.add_ambiguous_row(r.key, len(splits), r.stream.start, r.stream.end, r.label, capped=capped)
        return
    for (col, _), (i, j) in zip(cols, splits[0]):
        a, b = r.stream.span(i, j)
        st.cells[(r.key, col)] = _cell(r.key, col, text[a:b], a, b, r.label, PROACTIVE_COLUMN_LABELS[col])


def _proactive(m: str, text: str, layout: str, lo: int, hi: int) -> tuple[StandardTable | None, int]:
    anchor = _proactive_anchor(m, lo, hi)
    if anchor is None:
        return None, lo
    end = min(hi, anchor + 2500)
    for mo in (_APP_HEAD_RE.search(m, anchor, end), _APP_LABEL_RE["new"].search(m, anchor, end)):
        if mo is not None:
            end = min(end, mo.start())
    tlayout, decided = _layout_of(m[anchor:end], _PRO_SIGNS, layout)
    st = StandardTable("proactive", tlayout, "text")
    if decided and tlayout != layout:
        st.notes.append(f"table labels follow the {tlayout} format; the report was detected as {layout}")
    spec = _PRO_COLS[tlayout]
    rows = _find_rows(m, text, list(spec), _PRO_LABEL_RE, anchor, end)
    with_values = [r for r in rows if r.stream is not None]
    if not with_values:
        return None, lo
    for r in with_values:
        _proactive_row(st, r, spec[r.key], text)
    st.start = min(r.label_start for r in rows)
    st.end = max(r.stream.end for r in with_values if r.stream is not None)
    if not st.cells:
        st.ambiguous = True
        st.notes.append("no row of the flattened table could be split uniquely")
    if any(len(r.stream.forced) + 1 < len(spec[r.key]) and _digit_pairs_glued(r.stream) for r in with_values if r.stream is not None):
        st.notes.append("values printed as glued digit streams; a row is mapped only when its split is unique")
    return st, st.end


# --------------------------------------------------------------------------
# applications (收到和处理申请)


@dataclass
class _Ident:
    """A linear identity of the applications table on one column (coefficient per row)."""

    name: str
    col: int
    coeff: dict[str, int] = field(default_factory=dict)


def _app_identities(keys: Sequence[str]) -> list[_Ident]:
    outcomes = [k for k in keys if k not in _ANCHOR_ROWS]
    ids: list[_Ident] = []
    for ci, c in enumerate(APP_COLUMNS):
        ids.append(_Ident(f"I-1[{c}]", ci, {"new": 1, "carry_in": 1, "processed_total": -1, "carry_out": -1}))
    for ci, c in enumerate(APP_COLUMNS):
        co = {"processed_total": 1}
        for k in outcomes:
            co[k] = -1
        ids.append(_Ident(f"I-2[{c}]", ci, co))
    return ids


def _app_anchor(m: str, lo: int, hi: int) -> int | None:
    """The table's start: the first 本年新收 label followed closely by 上年结转
    whose values fill a table row (a narrative sentence "本年新收…申请70件"
    comes first in many reports); else the first whose values are a short
    row ("7 7", blank columns dropped) not followed by a unit (a sentence
    "其中本年新收70件、上年结转3件" is no row); else the first such label;
    else the table's header."""
    fallback = sparse = None
    for mo in _APP_LABEL_RE["new"].finditer(m, lo, hi):
        nxt = _APP_LABEL_RE["carry_in"].search(m, mo.end(), min(hi, mo.end() + 300))
        if not nxt:
            continue
        if fallback is None:
            fallback = mo.start()
        cl = _cluster(m, mo.end(), nxt.start())
        if cl is not None and sum(1 for c in m[cl[0]:cl[1]] if not c.isspace()) >= 7:
            return mo.start()
        if sparse is None and cl is not None and _tokens_only(m, cl) and not _unit_after(m, cl[1]):
            sparse = mo.start()  # a sparse row: "7 7" (blank columns dropped)
    for found in (sparse, fallback):
        if found is not None:
            return found
    mo = _APP_HEAD_RE.search(m, lo, hi)
    return mo.start() if mo is not None else None


_UNIT_AFTER_RE = lazyre.compile_std(r"\s?(?:件|个|人次|项|条|次|宗|%)")


def _unit_after(m: str, end: int) -> bool:
    """A count unit right after a value: a sentence, not a table row."""
    return _UNIT_AFTER_RE.match(m, end) is not None


def _tokens_only(m: str, cl: tuple[int, int]) -> bool:
    toks = m[cl[0]:cl[1]].split()
    return 1 <= len(toks) < 7 and all(_is_count(t) for t in toks)


def _app_layout(window: str, layout: str) -> tuple[str, bool]:
    if re.search(r"逾期不补正|收费通知|缴纳费用", window):
        return "2021", True
    if re.search(r"其他处理\s*[0-9/—-]", window):
        return "2019", True
    return (layout if layout in ("2019", "2021") else "2021"), False


_Bounds = tuple[tuple[int, int], ...]


def _tokens(s: _Stream) -> list[tuple[int, int]] | None:
    """The whitespace-separated pieces of a stream, when every piece is a
    count or a not-applicable marker (a row printed with spaces)."""
    cuts = [0] + sorted(s.forced) + [len(s.chars)]
    out = [(a, b) for a, b in zip(cuts, cuts[1:])]
    return out if all(_is_count(s.chars[a:b]) for a, b in out) else None


def _sparse_candidates(s: _Stream, full_table: bool, blanks_dropped: bool = False) -> list[_Bounds]:
    """Splits of a row printed with fewer than seven values, its blank cells
    dropped (text copied out of a table): a blank is an empty piece ``(p, p)``.
    In a table whose other rows print all seven cells, the blanks may sit
    anywhere, the total included when all six parts are printed; the row
    identity must hold whenever the total is printed.  In a table whose rows
    all drop cells (columns blank in every row), only the last value — the
    total — can be placed: the parts' columns are unknown (``full_table`` is
    False; see :func:`_sparse_total_only`)."""
    toks = _tokens(s)
    if toks is None or not full_table or len(toks) >= 7:
        return []
    k = len(toks)
    vals = [_int_value(s.chars[a:b]) for a, b in toks]
    out: list[_Bounds] = []
    seen: set[tuple[int, ...]] = set()
    for pos in _combinations(range(7), k):
        bounds: list[tuple[int, int]] = []
        it = iter(zip(toks, vals))
        row_vals: list[int] = []
        blank_total = 6 not in pos
        for col in range(7):
            if col in pos:
                (a, b), v = next(it)
                bounds.append((a, b))
                row_vals.append(v)
            else:
                end = bounds[-1][1] if bounds else 0
                bounds.append((end, end))
                row_vals.append(0)
        if blank_total:
            if k != 6:
                continue
            if blanks_dropped and vals[-1] > max(vals[:-1]):
                continue  # the largest value last: a total that does not add up, not six parts
        elif sum(row_vals[:6]) != row_vals[6]:
            continue
        key = tuple(row_vals) + (blank_total,)
        if key in seen:
            continue  # the same values with the blank elsewhere: one reading
        seen.add(key)
        out.append(tuple(bounds))
    return out


def _combinations(items: range, k: int) -> list[tuple[int, ...]]:
    from itertools import combinations

    return list(combinations(items, k))


def _sparse_total_only(s: _Stream) -> _Bounds | None:
    """A row of a table whose columns are blank in every row: its last value
    is the total when the others add up to it (or it stands alone)."""
    toks = _tokens(s)
    if toks is None or len(toks) >= 7:
        return None
    vals = [_int_value(s.chars[a:b]) for a, b in toks]
    if len(vals) > 1 and sum(vals[:-1]) != vals[-1]:
        return None
    return (toks[-1],)


def _row_values(s: _Stream, bounds: _Bounds) -> tuple[int, ...]:
    """The values of a split for the identities; a blank or not-applicable
    总计 ("/", "—", "无") counts as the sum of its parts (blank is not zero;
    the table rules read it so)."""
    pieces = s.pieces(bounds)
    v = [_int_value(p) for p in pieces]
    if len(v) == 7 and not any(ch in _DIGITS for ch in pieces[6]):
        v[6] = sum(v[:6])
    return tuple(v)


def _one_row(r: _Row, text: str, st: StandardTable, full_table: bool, blanks_dropped: bool = False) -> tuple[list[_Bounds], bool, bool]:
    """Candidate splits of one applications row: (splits, glued, unresolved).
    In a table whose blank cells were dropped, a short row that adds up in
    no placement is not re-split as glued digits: its last value is kept as
    a total that differs from the sum of the others (``row_sum_failures``).

    The readings tried, the first that applies deciding: the row's blank
    cells placed by the identities (:func:`_sparse_candidates`); a short
    row left out (:func:`_short_row_tokens`, :func:`_short_row_left_out`);
    the splits where 总计 is the sum of its parts (I-3); else every split
    into seven cells (:func:`_splits_failing_i3`)."""
    s = r.stream
    assert s is not None
    raw = text[s.start:s.end]
    glued = len(s.forced) < 6 and _tokens(s) is None
    sparse = _sparse_candidates(s, full_table, blanks_dropped)
    if sparse:
        st.notes.append(f"row {r.key}: {raw!r} prints fewer than seven cells; blank cells placed by the identities")
        return sparse, False, False
    toks = _short_row_tokens(s) if blanks_dropped else None
    if toks is not None:
        _short_row_left_out(st, r, s, toks, text, raw)
        return [], False, False
    ok, capped = _app_row_splits(s)
    if capped:
        _left_out_capped(st, r, s, len(ok), f"row {r.key}: {raw!r} has too many splits to search; left out")
        return [], glued, True
    if ok:
        return list(ok), glued and _cuts_digits(s, ok), False
    return _splits_failing_i3(r, st, s, raw, glued)


def _short_row_tokens(s: _Stream) -> list[tuple[int, int]] | None:
    """The pieces of a row printed with two to six short values (five
    characters at most), each a count or a not-applicable mark; None for
    any other row."""
    toks = _tokens(s)
    if toks is not None and 2 <= len(toks) < 7 and all(b - a <= 5 for a, b in toks):
        return toks
    return None


def _short_row_left_out(st: StandardTable, r: _Row, s: _Stream, toks: list[tuple[int, int]], text: str, raw: str) -> None:
    """Note a short row that adds up in no placement as left out; when
    every piece holds digits, its last value is kept as the row's total
    (:func:`_short_row_total`)."""
    if all(any(ch in _DIGITS for ch in s.chars[a:b]) for a, b in toks):
        _short_row_total(st, r, s, toks, text)
    st.notes.append(
        f"row {r.key}: {raw!r} prints fewer than seven cells and its last value is not the sum of the others "
        "(a printed inconsistency, or a blank 总计); left out"
    )


def _short_row_total(st: StandardTable, r: _Row, s: _Stream, toks: list[tuple[int, int]], text: str) -> None:
    """The last value of a short row of numbers: smaller than one of the
    others, it is no total — the parts with a blank 总计 (``blank_totals``,
    their sum); else a printed total that differs from the sum of the
    others (``row_sum_failures``, that sum)."""
    vals = [_int_value(s.chars[a:b]) for a, b in toks]
    if vals[-1] < max(vals[:-1]):
        st.blank_totals[r.key] = (_app_cell(r, "total", toks[-1], text), Decimal(sum(vals)))
    else:
        st.row_sum_failures[r.key] = (_app_cell(r, "total", toks[-1], text), Decimal(sum(vals[:-1])))


def _left_out_capped(st: StandardTable, r: _Row, s: _Stream, n: int, note: str) -> None:
    """A row with too many splits to search: ``note`` it and flag it
    ambiguous (capped, ``n`` splits found)."""
    st.notes.append(note)
    st.add_ambiguous_row(r.key, n, s.start, s.end, r.label, capped=True)


def _splits_failing_i3(r: _Row, st: StandardTable, s: _Stream, raw: str, glued: bool) -> tuple[list[_Bounds], bool, bool]:
    """Every split of a row into seven counts, none with 总计 = the sum of
    its parts (I-3): (splits, glued, unresolved) as :func:`_one_row` returns
    them.  Left out when there is none or too many; otherwise noted
    (:func:`_i3_failure_note`), the column identities choosing among them."""
    every, capped = _splits(s, [_is_count] * 7, limit=_ROW_CAND_CAP)
    if not every:
        st.notes.append(f"row {r.key}: values {raw!r} do not split into 7 cells; left out")
        return [], glued, False
    if capped:
        _left_out_capped(
            st, r, s, len(every),
            f"row {r.key}: 总计 ≠ sum of the applicant columns (I-3) for every split, "
            f"and {raw!r} has too many splits to search; left out",
        )
        return [], glued, True
    st.notes.append(_i3_failure_note(r, s, raw, every))
    return list(every), glued and _cuts_digits(s, every), False


def _i3_failure_note(r: _Row, s: _Stream, raw: str, every: Sequence[_Bounds]) -> str:
    """Why no split of a row satisfies I-3: its 总计 is not applicable in
    every split (a blank total), the one split's identity fails, or every
    split's does (the column identities then choose)."""
    if all(not any(ch in _DIGITS for ch in s.chars[b[6][0]:b[6][1]]) for b in every):
        return f"row {r.key}: its 总计 is not applicable beside its parts (a blank total, the sum of its parts)"
    if len(every) == 1:
        return f"identity I-3[{r.key}] (总计 = sum of the applicant columns) fails (a printed inconsistency)"
    return (
        f"identity I-3[{r.key}] (总计 = sum of the applicant columns) fails for every split of {raw!r} "
        "(a printed inconsistency); its split is chosen by the column identities"
    )


def _cuts_digits(s: _Stream, splits: Sequence[_Bounds]) -> bool:
    """Whether a split cuts a run of digits printed without a space between
    two cells ("640020470" → 64|0|0|2|0|4|70): the row was a glued digit
    stream.  Dash marks glued to numbers ("3——————3", the spaces beside "—"
    dropped) are no glued digits."""
    c = s.chars
    for b in splits:
        for i, _ in b[1:]:
            if 0 < i < len(c) and c[i - 1] in _DIGITS and c[i] in _DIGITS and i not in s.forced:
                return True
    return False


def _digit_pairs_glued(s: _Stream) -> bool:
    """Whether two digits follow each other without a space (they may be
    one number or two glued cells)."""
    c = s.chars
    return any(c[i] in _DIGITS and c[i + 1] in _DIGITS and i + 1 not in s.forced for i in range(len(c) - 1))


@dataclass
class _Solution:
    """The splits of the rows' digit runs that satisfy the identities, and what stays open."""

    chosen: dict[str, int] = field(default_factory=dict)
    undetermined: dict[str, list[int]] = field(default_factory=dict)
    n_solutions: int = 0
    notes: list[str] = field(default_factory=list)


def _dp_stages(order: list[str], vecs: dict[str, list[tuple[int, ...]]], n_ids: int) -> list[dict[tuple[int, ...], int]] | None:
    """Residual vectors of the column identities reachable after each row,
    with their counts; None when the state cap is exceeded."""
    stages: list[dict[tuple[int, ...], int]] = [{tuple(0 for _ in range(n_ids)): 1}]
    for k in order:
        cur: dict[tuple[int, ...], int] = {}
        for res, cnt in stages[-1].items():
            for v in vecs[k]:
                key = tuple(a + b for a, b in zip(res, v)) if n_ids else ()
                cur[key] = cur.get(key, 0) + cnt
        stages.append(cur)
        if len(cur) > _STATE_CAP:
            return None
    return stages


def _backtrack(order: list[str], vecs: dict[str, list[tuple[int, ...]]], stages: list[dict[tuple[int, ...], int]], targets: list[tuple[int, ...]]) -> list[list[int]]:
    """Up to _SOL_LIMIT assignments (one split index per row) reaching a target."""
    sols: list[list[int]] = []

    def rec(idx: int, target: tuple[int, ...], acc: list[int]) -> None:
        if len(sols) >= _SOL_LIMIT:
            return
        if idx == 0:
            if not any(target):
                sols.append(list(reversed(acc)))
            return
        for ci, v in enumerate(vecs[order[idx - 1]]):
            t2 = tuple(a - b for a, b in zip(target, v))
            if t2 in stages[idx - 1]:
                acc.append(ci)
                rec(idx - 1, t2, acc)
                acc.pop()
                if len(sols) >= _SOL_LIMIT:
                    return

    for t in targets:
        rec(len(order), t, [])
    return sols


def _picks(sol: _Solution, order: list[str], cands: dict[str, list[_Bounds]], sols: list[list[int]]) -> None:
    """Rows on which every best assignment agrees are chosen; the others stay
    undetermined."""
    for pos, k in enumerate(order):
        picks = {s[pos] for s in sols}
        if len(picks) == 1 and (sol.n_solutions == len(sols) or len(cands[k]) == 1):
            sol.chosen[k] = picks.pop()
        else:
            sol.undetermined[k] = sorted(picks) if picks else list(range(len(cands[k])))


def _violations(ids: list[_Ident], final: dict[tuple[int, ...], int], res: tuple[int, ...]) -> list[str]:
    """Notes naming the identities the only best assignment violates."""
    everywhere = [i.name for ii, i in enumerate(ids) if all(r[ii] for r in final)]
    out = []
    for i, x in zip(ids, res):
        if x:
            how = "for every split" if i.name in everywhere else "in the only split satisfying the other identities"
            out.append(f"identity {i.name} fails {how} (a printed inconsistency)")
    return out


def _solve_columns(order: list[str], cands: dict[str, list[_Bounds]], vals: dict[str, list[tuple[int, ...]]], ids: list[_Ident]) -> _Solution:
    """Choose one split per row so that the column identities fail least
    often; rows on which the best assignments disagree stay undetermined."""
    sol = _Solution()
    if not order:
        return sol
    vecs = {k: [tuple(i.coeff.get(k, 0) * v[i.col] for i in ids) for v in vals[k]] for k in order}
    stages = _dp_stages(order, vecs, len(ids))
    if stages is None:
        sol.notes.append("the column-identity search exceeded its limit; multi-split rows left out")
        for k in order:
            if len(cands[k]) == 1:
                sol.chosen[k] = 0
            else:
                sol.undetermined[k] = list(range(len(cands[k])))
        sol.n_solutions = 2
        return sol
    final = stages[-1]
    best = min(sum(1 for x in res if x) for res in final)
    targets = [res for res in final if sum(1 for x in res if x) == best]
    sol.n_solutions = sum(final[t] for t in targets)
    _picks(sol, order, cands, _backtrack(order, vecs, stages, targets))
    if best and sol.n_solutions == 1:
        sol.notes.extend(_violations(ids, final, targets[0]))
    return sol


def _app_cell(r: _Row, col: str, bounds: tuple[int, int], text: str) -> TableCell:
    s = r.stream
    assert s is not None
    i, j = bounds
    if i == j:  # a blank cell dropped from the printed row
        return _cell(r.key, col, "", s.end, s.end, r.label, APP_COLUMN_LABELS[col])
    a, b = s.span(i, j)
    return _cell(r.key, col, text[a:b], a, b, r.label, APP_COLUMN_LABELS[col])


def _app_rows(m: str, text: str, layout: str, anchor: int, hi: int) -> tuple[list[_Row], str, bool, list[str], int]:
    """The labelled rows of the table after ``anchor``: (rows, layout,
    whether its labels decided the layout, template keys, window end)."""
    end = min(hi, anchor + 6000)
    rv = re.compile(r"行政复议").search(m, anchor, end)
    if rv is not None:
        end = rv.start()
    tlayout, decided = _app_layout(m[anchor:end], layout)
    keys = _ROWS_2021 if tlayout == "2021" else _ROWS_2019
    return _find_rows(m, text, keys, _APP_LABEL_RE, anchor, end), tlayout, decided, keys, end


def _ambiguity_notes(st: StandardTable, sol: _Solution, cands: dict[str, list[_Bounds]], rows: list[_Row], text: str, unresolved: bool) -> None:
    if sol.undetermined or unresolved:
        st.ambiguous = True
    row_by_key = {r.key: r for r in rows}
    for k, alts in sol.undetermined.items():
        s = row_by_key[k].stream
        assert s is not None
        st.notes.append(
            f"ambiguous row {k}: {text[s.start:s.end]!r} has {len(alts)} admissible splits "
            f"(e.g. {_show_alts(s, [cands[k][a] for a in alts])}); left out"
        )
        st.add_ambiguous_row(k, len(alts), s.start, s.end, row_by_key[k].label)
    if sol.undetermined and sol.n_solutions > 1:
        st.notes.append(f"{sol.n_solutions} assignments satisfy the identities equally well; not guessed")


def _emit_app_cells(st: StandardTable, rows: list[_Row], sol: _Solution, cands: dict[str, list[_Bounds]], text: str) -> None:
    st.start = rows[0].label_start
    st.end = st.start
    for r in rows:
        if r.key in sol.chosen and r.stream is not None:
            for col, b in zip(APP_COLUMNS, cands[r.key][sol.chosen[r.key]]):
                st.cells[(r.key, col)] = _app_cell(r, col, b, text)
            st.end = max(st.end, r.stream.end)


def _app_reading(rows: list[_Row], keys: Sequence[str], sparse: bool) -> str | None:
    """Whether the rows after the anchor are a table the reader can map, and
    how: "full" when some row prints all seven counts (or, blanks dropped,
    every template row is printed); "total_only" when every row drops its
    blank cells and only the 总计 column can be placed; None when the text
    holds no usable table."""
    with_values = [r for r in rows if r.stream is not None]
    full_rows = sum(1 for r in with_values if r.stream is not None and len(r.stream.chars) >= 7)
    if not full_rows and _all_total_only(with_values, keys):
        return "total_only"
    every_row = {r.key for r in with_values} == set(keys)  # short rows, blanks dropped
    if not full_rows and not (sparse and every_row):
        return None
    return "full"


def _app_header_notes(st: StandardTable, rows: list[_Row], keys: Sequence[str], layout: str, decided: bool, empty_notes: list[str]) -> None:
    """The notes on the table as a whole, before any cell is placed: a
    layout that differs from the report's, the template rows the text lacks,
    and the rows that print no value."""
    if decided and st.layout != layout:
        st.notes.append(f"table labels follow the {st.layout} format; the report was detected as {layout}")
    missing = [k for k in keys if k not in {r.key for r in rows}]
    if missing:
        st.notes.append("rows not found in the text: " + ", ".join(missing))
    st.notes.extend(empty_notes)


def _app_solution(st: StandardTable, rows: list[_Row], keys: Sequence[str], text: str, sparse: bool) -> tuple[_Solution, dict[str, list[_Bounds]], bool] | None:
    """The column placement of every row: its candidate splits, fixed by the
    row totals (I-3) and the column identities (I-1/I-2) among the rows
    found.  None when no row yields a candidate and none is left unresolved
    (no table).  Returns the solution, the candidates and whether some row
    could not be split."""
    cands, vals, glued, unresolved = _candidates(rows, text, st, sparse)
    if not cands and not unresolved:
        return None
    ids = [i for i in _app_identities(keys) if all(k in cands for k in i.coeff)]
    order = sorted(cands, key=lambda k: (len(cands[k]), keys.index(k)))
    sol = _solve_columns(order, cands, vals, ids)
    st.notes.extend(sol.notes)
    _glue_notes(st, order, cands, glued, len(_app_identities(keys)) - len(ids))
    return sol, cands, unresolved


def _totals_instead(st: StandardTable, rows: list[_Row], sol: _Solution, applies: bool) -> list[tuple[_Row, tuple[int, int]]]:
    """In a table whose blank cells were dropped, the rows the identities
    could not place keep only their 总计 (see _totals_of_undetermined): they
    are noted and no longer undetermined.  Empty when that does not apply
    or some such row has no placeable total (the table stays ambiguous)."""
    totals = _totals_of_undetermined(rows, sol) if applies else None
    if totals is None:
        return []
    for k in sol.undetermined:
        st.notes.append(f"row {k}: its blank cells cannot be placed; only its 总计 (the last value, the sum of the others) is mapped")
    sol.undetermined = {}
    return totals


def _emit_app_totals(st: StandardTable, totals: list[tuple[_Row, tuple[int, int]]], text: str) -> None:
    """The cells beyond the solved placement: the 总计 of each row mapped by
    its total only, the printed total of each row whose parts do not add up
    (the 总计 column identities still hold or fail on it), and the blank 总计
    of a printed row."""
    for r, b in totals:
        st.cells[(r.key, "total")] = _app_cell(r, "total", b, text)
        st.end = max(st.end, r.stream.end if r.stream is not None else st.end)
    for key, (cell, _) in st.row_sum_failures.items():
        st.cells[(key, "total")] = cell  # the printed total: the 总计 column identities still hold or fail on it
    for key, (cell, _) in st.blank_totals.items():
        # the row is printed (no template row is missing); its 总计 is blank
        st.cells[(key, "total")] = TableCell(key, "total", "", "blank", None, cell.end, cell.end, None, cell.row_label, cell.col_label)


def _applications(m: str, text: str, layout: str, lo: int, hi: int) -> tuple[StandardTable | None, int]:
    """Table 3 (applications) read from the masked text from ``lo``: its
    anchor, its rows, whether the text holds a usable reading, the column
    placement of each row, then the cells.  Returns the table (None when the
    text holds none) and the position after it (``lo`` when none)."""
    anchor = _app_anchor(m, lo, hi)
    if anchor is None:
        return None, lo
    rows, tlayout, decided, keys, end = _app_rows(m, text, layout, anchor, hi)
    sparse = _blanks_dropped(rows)
    empty_notes = _empty_rows(m, rows, end) if sparse else []
    reading = _app_reading(rows, keys, sparse)
    if reading is None:
        return None, lo
    st = StandardTable("applications", tlayout, "text")
    _app_header_notes(st, rows, keys, layout, decided, empty_notes)
    last = max((r.stream.end for r in rows if r.stream is not None), default=end)
    if reading == "total_only":
        return _total_only_table(st, rows, text), last
    solved = _app_solution(st, rows, keys, text, sparse)
    if solved is None:
        return None, lo
    sol, cands, unresolved = solved
    totals = _totals_instead(st, rows, sol, sparse and not unresolved)
    _ambiguity_notes(st, sol, cands, rows, text, unresolved)
    _emit_app_cells(st, rows, sol, cands, text)
    _emit_app_totals(st, totals, text)
    return st, max(last, st.end)


def _blanks_dropped(rows: list[_Row]) -> bool:
    """Some row prints fewer than seven whitespace-separated counts: the
    table's blank cells were dropped when it was flattened."""
    for r in rows:
        if r.stream is None:
            continue
        toks = _tokens(r.stream)
        if toks is None or not 2 <= len(toks) < 7 or any(b - a > 5 for a, b in toks):
            continue  # a long token is glued digits, not a cell
        vals = [_int_value(r.stream.chars[a:b]) for a, b in toks]
        if sum(vals[:-1]) == vals[-1]:
            return True  # a short row whose last value is the sum of the others
    return False


def _empty_rows(m: str, rows: list[_Row], end: int) -> list[str]:
    """In a table whose blank cells were dropped, a row label followed by the
    next label with no digit in between prints seven blank cells (a definite
    reading, not a guess): it gets an empty stream.  Returns the notes."""
    notes = []
    for idx, r in enumerate(rows):
        if r.stream is not None:
            continue
        limit = rows[idx + 1].label_start if idx + 1 < len(rows) else min(end, r.label_end + 40)
        gap = m[r.label_end:limit]
        if limit <= r.label_end or _DIGIT_RE.search(gap) or _MASK in gap or len(gap.strip()) > 40:
            continue
        r.stream = _Stream("", frozenset(), [], r.label_end, r.label_end)
        notes.append(f"row {r.key}: prints no value (every cell blank)")
    return notes


def _totals_of_undetermined(rows: list[_Row], sol: _Solution) -> list[tuple[_Row, tuple[int, int]]] | None:
    """The 总计 of each row whose blank cells the identities could not place:
    its last value, when the values before it add up to it (or it stands
    alone).  None when a row fails that test (the table stays ambiguous)."""
    by_key = {r.key: r for r in rows}
    out = []
    for k in sol.undetermined:
        r = by_key.get(k)
        if r is None or r.stream is None or len(r.stream.forced) < 1:
            return None  # a glued digit stream: its last digits are no cell
        b = _sparse_total_only(r.stream)
        if b is None:
            return None
        out.append((r, b[0]))
    return out


def _candidates(rows: list[_Row], text: str, st: StandardTable, blanks_dropped: bool = False) -> tuple[dict[str, list[_Bounds]], dict[str, list[tuple[int, ...]]], int, bool]:
    cands: dict[str, list[_Bounds]] = {}
    vals: dict[str, list[tuple[int, ...]]] = {}
    glued = 0
    unresolved = False
    for r in rows:
        if r.stream is None:
            st.notes.append(f"row {r.key}: no values after its label")
            continue
        if not r.stream.chars:  # every cell blank (see _empty_rows)
            cands[r.key] = [((0, 0),) * 7]
            vals[r.key] = [(0,) * 7]
            continue
        splits, g, u = _one_row(r, text, st, True, blanks_dropped)
        glued += g
        unresolved = unresolved or u
        if splits:
            cands[r.key] = splits
            vals[r.key] = [_row_values(r.stream, b) for b in splits]
    return cands, vals, glued, unresolved


def _glue_notes(st: StandardTable, order: list[str], cands: dict[str, list[_Bounds]], glued: int, dropped: int) -> None:
    multi = [k for k in order if len(cands[k]) > 1]
    if glued:
        how = "split fixed by I-3 (row totals)"
        if multi:
            how += "; rows " + ", ".join(multi) + " needed I-1/I-2 (column identities)"
        st.notes.append(f"{glued} row(s) printed as glued digit streams; {how}")
    if dropped and multi:
        st.notes.append(f"{dropped} column identities could not be used (rows missing)")


def _all_total_only(rows: list[_Row], keys: Sequence[str]) -> bool:
    """Every template row is printed, each with its blank cells dropped
    (columns blank in every row) and a placeable total."""
    found = {r.key for r in rows}
    return (
        len(found) == len(keys)
        and all(k in found for k in _ANCHOR_ROWS)
        and any(r.stream is not None and r.stream.chars for r in rows)
        and all(r.stream is not None and (not r.stream.chars or _sparse_total_only(r.stream)) for r in rows)
    )


def _total_only_table(st: StandardTable, rows: list[_Row], text: str) -> StandardTable:
    """A table whose rows all drop their blank cells (columns blank in every
    row): only the 总计 column can be placed; the parts' columns are not
    printed, so no applicant cell is guessed."""
    st.notes.append("every row drops its blank cells: only the 总计 column is mapped (the applicant columns are unknown)")
    st.start = rows[0].label_start
    st.end = st.start
    for r in rows:
        if r.stream is None:
            continue
        if not r.stream.chars:  # a row printing nothing: seven blanks
            for col in APP_COLUMNS:
                st.cells[(r.key, col)] = _app_cell(r, col, (0, 0), text)
            continue
        b = _sparse_total_only(r.stream)
        if b is None:
            continue
        st.cells[(r.key, "total")] = _app_cell(r, "total", b[0], text)
        st.end = max(st.end, r.stream.end)
    return st


# --------------------------------------------------------------------------
# review (行政复议、行政诉讼)


def _review_stream(m: str, text: str, lo: int, hi: int) -> tuple[_Stream, int] | None:
    """The values right after a header naming the Table 4 fields."""
    for mo in _REVIEW_HEAD_RE.finditer(m, lo, hi):
        h = mo.group()
        if all(w in h for w in ("维持", "纠正", "审结", "总计")) and ("复议" in h or "诉讼" in h):
            cl = _cluster(m, mo.end(), hi, gap_max=0)
            if cl is not None:
                return _stream(text, cl[0], cl[1]), mo.start()
    return None


def _review_splits(stream: _Stream) -> tuple[list[_Bounds], bool, int]:
    """Splits into 15 cells under the block identities, allowing the fewest
    failing blocks: (splits, capped, failing blocks allowed)."""

    def search(budget: int) -> tuple[list[_Bounds], bool]:
        def check(k: int, bounds: list[tuple[int, int]]) -> bool:
            if k % 5 != 4:
                return True
            bad = 0
            for b in range(k // 5 + 1):
                v = [_int_value(stream.chars[i:j]) for i, j in bounds[b * 5:b * 5 + 5]]
                bad += v[4] != sum(v[:4])
            return bad <= budget

        return _splits(stream, [_is_count] * 15, check=check, limit=_SOL_LIMIT)

    splits: list[_Bounds] = []
    capped = False
    for budget in (0, 1, 2, 3):
        splits, capped = search(budget)
        if splits or capped:
            return splits, capped, budget
    return splits, capped, 3


def _review_cells(st: StandardTable, stream: _Stream, bounds: _Bounds, budget_used: int, text: str) -> None:
    forced_split = len(stream.chars) == 15 or len(stream.forced) == 14 or not _cuts_digits(stream, [bounds])
    if not forced_split:
        st.notes.append(
            "values printed as a glued digit stream; split fixed by the block identities "
            "I-8 (总计 = 维持+纠正+其他+尚未审结)"
        )
    if budget_used:
        vals = [_int_value(p) for p in stream.pieces(bounds)]
        for bi, b in enumerate(REVIEW_BLOCKS):
            v = vals[bi * 5:bi * 5 + 5]
            if v[4] != sum(v[:4]):
                how = "" if forced_split else " for every split; the split is chosen by the other blocks"
                st.notes.append(f"identity I-8[{b}] fails{how} (a printed inconsistency)")
    keys = [(b, f) for b in REVIEW_BLOCKS for f in REVIEW_FIELDS]
    for (b, f), (i, j) in zip(keys, bounds):
        a, e = stream.span(i, j)
        st.cells[(b, f)] = _cell(b, f, text[a:e], a, e, REVIEW_BLOCK_LABELS[b], REVIEW_FIELD_LABELS[f])


_FIELDS_HEAD_RE = lazyre.compile_std(r"结果维持[\s,、]*结果纠正[\s,、]*其他结果[\s,、]*尚未审结[\s,、]*总计")
_BLOCK_LABEL_RE = lazyre.compile_std(r"未经复议直接起诉|复议后起诉|行政复议")
_BLOCK_KEYS = {"行政复议": "review", "未经复议直接起诉": "lit_direct", "复议后起诉": "lit_after_review"}


def _review_in_blocks(m: str, text: str, layout: str, lo: int, hi: int) -> StandardTable | None:
    """Table 4 printed one block at a time: three headers 结果维持 … 总计, each
    followed by its five values and preceded (or not) by its block label
    (行政复议 / 未经复议直接起诉 / 复议后起诉).  Unlabelled blocks take the
    format's order.  A block's values must split one way only (glued digits:
    the block identity may decide)."""
    found: list[tuple[str | None, _Stream, int, _Bounds]] = []
    for mo in _FIELDS_HEAD_RE.finditer(m, lo, hi):
        cl = _cluster(m, mo.end(), hi, gap_max=0)
        if cl is None:
            continue
        s = _stream(text, cl[0], cl[1])
        splits, capped = _splits(s, [_is_count] * 5, limit=4)
        if len(splits) > 1 and not capped:  # glued digits: the block identity decides
            splits = [b for b in splits if (lambda v: v[4] == sum(v[:4]))([_int_value(p) for p in s.pieces(b)])]
        if len(splits) != 1 or capped:
            continue
        labels = list(_BLOCK_LABEL_RE.finditer(m, max(lo, mo.start() - 40), mo.start()))
        found.append((_BLOCK_KEYS[labels[-1].group()] if labels else None, s, mo.start(), splits[0]))
        if len(found) == 3:
            break
    if len(found) != 3:
        return None
    keys = [k for k, _, _, _ in found]
    if sorted(k or "" for k in keys) != sorted(REVIEW_BLOCKS):
        keys = list(REVIEW_BLOCKS)  # no distinct labels: the format's order
    st = StandardTable("review", layout if layout in ("2019", "2021") else "2021", "text")
    st.notes.append("Table 4 printed as three blocks")
    for b, (_, s, _, bounds) in zip(keys, found):
        for f, (i, j) in zip(REVIEW_FIELDS, bounds):
            a, e = s.span(i, j)
            st.cells[(b, f)] = _cell(b, f, text[a:e], a, e, REVIEW_BLOCK_LABELS[b], REVIEW_FIELD_LABELS[f])  # type: ignore[index]
    st.start = found[0][2]
    st.end = found[-1][1].end
    return st


_REVIEW_ALT_CAP = 1024


def _review_placements(stream: _Stream) -> list[tuple[int, ...]] | None:
    """A Table 4 row printed with its blank cells dropped (fewer than 15
    whitespace-separated values): every way to place the values, in order,
    in the 15 cells so that each block adds up (总计 = 维持 + 纠正 + 其他 +
    尚未审结; a blank 总计 only beside blank or zero parts).  Returns the
    cell index of each value per placement, or None when the row is not
    such a row."""
    from itertools import combinations

    toks = _tokens(stream)
    if toks is None or not 2 <= len(toks) < 15 or any(b - a > 6 for a, b in toks):
        return None
    vals = [_int_value(stream.chars[a:b]) for a, b in toks]
    na = [not any(ch in _DIGITS for ch in stream.chars[a:b]) for a, b in toks]
    out: list[tuple[int, ...]] = []
    for pos in combinations(range(15), len(toks)):
        cell: dict[int, int | None] = {p: (None if n else v) for p, v, n in zip(pos, vals, na)}
        ok = True
        for b in range(3):
            parts = [cell.get(b * 5 + f) for f in range(4)]
            s = sum(v for v in parts if v is not None)
            tot = b * 5 + 4
            if tot in cell and cell[tot] is not None:
                ok = cell[tot] == s
            else:
                ok = s == 0
            if not ok:
                break
        if ok:
            out.append(pos)
            if len(out) > _REVIEW_ALT_CAP:
                return []
    return out


def _review_sparse(stream: _Stream, hstart: int, layout: str, text: str) -> StandardTable | None:
    """Table 4 flattened with its blank cells dropped: mapped when the block
    identities place the values one way; otherwise ambiguous, with every
    placement kept in ``alternatives``."""
    placements = _review_placements(stream)
    if not placements:
        return None
    toks = _tokens(stream)
    assert toks is not None
    keys = [(b, f) for b in REVIEW_BLOCKS for f in REVIEW_FIELDS]
    st = StandardTable("review", layout if layout in ("2019", "2021") else "2021", "text")
    raw = text[stream.start:stream.end]

    def cells(pos: tuple[int, ...]) -> dict[tuple[str, str], TableCell]:
        out: dict[tuple[str, str], TableCell] = {}
        at = dict(zip(pos, toks))
        for idx, (b, f) in enumerate(keys):
            if idx in at:
                a, e = stream.span(*at[idx])
                out[(b, f)] = _cell(b, f, text[a:e], a, e, REVIEW_BLOCK_LABELS[b], REVIEW_FIELD_LABELS[f])
            else:
                out[(b, f)] = _cell(b, f, "", stream.end, stream.end, REVIEW_BLOCK_LABELS[b], REVIEW_FIELD_LABELS[f])
        return out

    if len(placements) == 1:
        st.cells = cells(placements[0])
        st.notes.append(f"review values {raw!r} print fewer than 15 cells; the blank cells are placed by the block identities (one way)")
    else:
        st.ambiguous = True
        st.alternatives = [cells(p) for p in placements]
        st.notes.append(
            f"review values {raw!r} print fewer than 15 cells and fit the block identities {len(placements)} ways; "
            "not guessed (the readings are kept as alternatives)"
        )
    st.start = hstart
    st.end = stream.end
    return st


def _review(m: str, text: str, layout: str, lo: int, hi: int) -> StandardTable | None:
    found = _review_stream(m, text, lo, hi)
    if found is not None and found[0].forced:
        blocks = _review_in_blocks(m, text, layout, lo, hi)  # three small tables first
        if blocks is not None:
            return blocks
        sparse = _review_sparse(found[0], found[1], layout, text)
        if sparse is not None:
            return sparse
        toks = _tokens(found[0])
        if toks is not None and 2 <= len(toks) < 15 and all(b - a <= 5 for a, b in toks):
            # spaced values, fewer than 15, that fit no reading where every
            # block adds up: never re-split as glued digits
            st = StandardTable("review", layout if layout in ("2019", "2021") else "2021", "text", ambiguous=True)
            st.notes.append(
                f"review values {text[found[0].start:found[0].end]!r} print fewer than 15 cells and fit no placement "
                "in which every block adds up (or too many); not guessed"
            )
            st.start, st.end = found[1], found[0].end
            return st
    if found is None or len(found[0].chars) < 15:
        return _review_in_blocks(m, text, layout, lo, hi)
    stream, hstart = found
    st = StandardTable("review", layout if layout in ("2019", "2021") else "2021", "text")
    raw = text[stream.start:stream.end]
    splits, capped, budget_used = _review_splits(stream)
    if not splits:
        st.ambiguous = True
        st.notes.append(f"review values {raw!r} do not split into 15 cells" + (" within the search limit" if capped else ""))
    elif len(splits) > 1 or capped:
        st.ambiguous = True
        n = f"{len(splits)}+" if capped else str(len(splits))
        st.notes.append(f"review values {raw!r} split {n} ways under the block identities (e.g. {_show_alts(stream, splits)}); not guessed")
    else:
        _review_cells(st, stream, splits[0], budget_used, text)
    st.start = hstart
    st.end = stream.end
    return st


# --------------------------------------------------------------------------
# entry point


def tables_from_text(text: str, regions: list[tuple[int, int]], layout: str) -> list[StandardTable]:
    """The standard tables (proactive, applications, review) flattened into
    the narrative ``regions`` of ``text``; ``layout`` ("2019"/"2021") is the
    report's template, used when a table's own labels do not decide.
    Cells carry the printed text and its exact span (``text[start:end] ==
    cell.text``)."""
    if not text or not regions:
        return []
    if layout not in ("2019", "2021"):
        layout = "2021"
    m = _mask(text, regions)
    n = len(m)
    out: list[StandardTable] = []
    pro, after = _proactive(m, text, layout, 0, n)
    if pro is not None:
        out.append(pro)
    app, after2 = _applications(m, text, layout, after if pro is not None else 0, n)
    if app is not None:
        out.append(app)
        after = after2
    rev = _review(m, text, layout, after if (pro is not None or app is not None) else 0, n)
    if rev is not None:
        out.append(rev)
    return out


def ambiguous_rows(table: StandardTable) -> list[str]:
    """Row keys that were printed but left out because their values split in
    several ways (``table.ambiguous_rows``; each also described in ``notes``
    as ``"ambiguous row <key>: …"``)."""
    return list(table.ambiguous_rows)

