"""Finding and classifying numbers in report text.

:func:`find_numbers` runs one precompiled master regex over the text; every
match is classified by a small handler that looks at the characters right
after it (unit, %, hedges — one more precompiled regex) and right before it
(prefix hedges, context words — dictionary look-ups on short slices).  There
is no per-character Python loop.

**When a Chinese numeral counts as a quantity** (Arabic figures are always
reported, classified by their context):

1. It is dropped when it sits in a curated idiom (``lexicon.IDIOMS``: 一次性,
   一对一, 三公, 五险一金, 十四五 …) or is a slogan in short quotes (“三个一”).
2. 一是 / 二是 and 一、 at the start of a line or clause are ``ordinal``; 第一 …,
   (一), (1), 1、 likewise; 第五十条(第三款)(第(九)项) is ``article``.
3. Otherwise it is a quantity when it is followed by a measure word or unit
   (个 件 条 人次 元 % 成 倍 个百分点 …), when it carries a digit and a 万/亿
   scale (二十万), or when it follows a trigger word (共 计 合计 达 为 有 占
   增加 …) and is followed by punctuation or the end of the text.
   A bare unit character (百, 千, 万) needs 余/多 (百余人) or a money unit.
4. Everything else (统一, 一般, 进一步, 十分, 万一 …) is dropped.

Non-quantities that are reported (``is_quantity`` False): year, date, time,
ordinal, docno (〔2019〕60号), article, phone, postcode, id (standard and
version numbers, digits glued to Latin letters, 9+ digit codes), address
(洪泽湖大道90号, 14层, 一楼).  URLs and e-mail addresses are skipped entirely.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .chinese import CN_NUMERAL_CHARS, CnValue, normalize_cn, parse_cn
from .interval import EXACT
from .lexicon import (
    HEDGE_BLOCKERS,
    HOTLINES,
    IDIOMS,
    PREFIX_HEDGES,
    TIME_UNITS,
    TRIGGERS,
    UNIT_KINDS,
)
from .model import QUANTITY_KINDS, Number, _fast_number
from .. import lazyre

__all__ = ["find_numbers", "parse_number", "register_idioms"]

_CNC = CN_NUMERAL_CHARS
_CNR = f"[{_CNC}]"
_CND = "[零〇○一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]"
_ORDN = f"(?:[{_CNC}]+|\\d+)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"[十百千]?万亿|[十百千]?[万亿]|千(?![米克瓦])|百(?!分)"
_MONTH = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"

# The alternatives, by name.  Each is tried only at positions whose first
# character can start it (see _DISPATCH): one charset search finds candidate
# positions, then a small regex is matched there.
_ALTS = {
    "fan": r"翻了?(?:[一二两三四五六七八九十]|\d+)番",
    "docno": r"[〔\[【﹝〖(]\s?(?:19|20)\d{2}\s?[〕\]】﹞〗)]\s?第?\s?\d{1,5}\s?号",
    "ordp": r"\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)",
    "article": rf"第{_ORDN}条(?:之{_CNR}+)?(?:第{_ORDN}款)?(?:第?\({_ORDN}\)项|第{_ORDN}项)?(?:第{_ORDN}目)?",
    "ord": rf"第{_ORDN}",
    "pct": rf"[百千万]分之(?:{_CNR}+(?:点{_CND}+)?|\d+(?:\.\d+)?)",
    "frac": rf"(?:{_CNR}+|\d+)分之(?:{_CNR}+|\d+)",
    "cnyear": r"[零〇○一二三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}[日号])?)?",
    "isodate": rf"(?:19|20)\d{{2}}(?P<sep>[-/.]){_MONTH}(?P=sep){_DAY}(?![\d.])",
    "yrange": r"(?:19|20)\d{2}年?\s?[-~—至到]\s?(?:19|20)\d{2}(?!\d)(?:年度?)?",
    "date": rf"(?:19|20)\d{{2}}\s?年度?(?:{_MONTH}月份?(?:{_DAY}[日号])?)?",
    "md": rf"{_MONTH}(?:\s?[-~至到]\s?{_MONTH})?月份?(?:{_DAY}[日号])?",
    "time": r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)",
    "phone": r"(?:\(0\d{2,3}\)\s?\d{7,8}|0\d{2,3}-\d{7,8}(?:-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})(?!\d)",
    "std": r"[A-Z]{1,6}(?:/[A-Z]{1,3})?\s?\d+(?:[.-]\d+)*",
    "ver": r"\d+(?:\.\d+){2,}",
    "arange": rf"(?P<ra>{_NUM})(?P<rap>[%‰])?\s?(?:-|~|至|到)\s?(?P<rb>{_NUM})(?![\d年月])",
    "ar": rf"(?:(?<![\dA-Za-z%.])[+-])?(?<![\d.])(?P<anum>{_NUM})"
    rf"(?:(?P<ah1>[余多])?(?P<asc>{_SCALE})(?P<atail>\d{{1,4}}[千百万]?(?![\d.%年月日号]))?(?P<ah2>[余多])?"
    rf"|(?P<ah0>[余多]))?",
    "cn": rf"(?:[几数](?=[十百千万亿拾佰仟萬億]))?{_CNR}+(?:几|点{_CND}+)?[多余]?[万亿萬億]*"
    rf"|几(?=[个次项件条名位人家种类批份天年])",
}


def _group(*names: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{n}>{_ALTS[n]})" for n in names))


_G_DIGIT = _group("frac", "isodate", "yrange", "date", "md", "time", "phone", "ver", "arange", "ar")
_G_CN = _group("pct", "frac", "cnyear", "cn")
_G_BRACKET = _group("docno", "ordp", "phone")
_DISPATCH: dict[str, re.Pattern[str]] = {"第": _group("article", "ord"), "翻": _group("fan"), "+": _group("ar"), "-": _group("ar")}
for _c in "0123456789":
    _DISPATCH[_c] = _G_DIGIT
for _c in _CNC + "几数":
    _DISPATCH[_c] = _G_CN
for _c in "〔[【﹝〖(":
    _DISPATCH[_c] = _G_BRACKET
_G_STD = _group("std")
for _c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _DISPATCH[_c] = _G_STD
_CAND_RE = lazyre.compile_std(
    "[" + re.escape("".join(sorted(set(_DISPATCH)))).replace("\\-", "-").replace("-", "\\-") + r"\d]"
)

_ALL_UNITS = sorted(UNIT_KINDS, key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(u) for u in _ALL_UNITS)
_TAIL_RE = lazyre.compile_std(
    r"(?:(?P<pct>[%‰])|(?P<unit>个(?P<uh>[多余])?(?:工作日|自然日|月|小时|星期|季度)|"
    + _UNIT_ALT
    + r"|季度|月份|月|日|号))?(?P<post>左右|上下|前后|以上|以下|以内|之内|之上|开外|有余|出头)?"
)
_AR_NOTAIL_RE = lazyre.compile_std(rf"(?:[+-])?(?P<anum>{_NUM})(?:(?P<ah1>[余多])?(?P<asc>{_SCALE})(?P<ah2>[余多])?|(?P<ah0>[余多]))?")
_URL_RE = lazyre.compile_std(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_EMAIL_RE = lazyre.compile_std(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CN_RUN_RE = lazyre.compile_std(f"[{_CNC}几数]+")

# a unit is not a unit when the next character makes it part of a word
_UNIT_BAD_NEXT = {
    "人": "民大才员",
    "期": "间限望待",
    "名": "单称义额录",
    "起": "诉草来",
    "单": "位元独",
    "处": "理置罚室",
    "所": "有以属在得需谓",
    "部": "分门署",
    "档": "案次",
    "通": "过知报",
    "节": "约点能",
    "类": "型似",
    "种": "类",
    "本": "级部机单年",
    "家": "庭属长",
    "支": "持付出",
    "集": "中体团",
    "首": "先次",
    "轮": "流",
    "级": "别",
    "张": "贴",
    "块": "钱",
    "场": "所景合",
    "间": "隔",
    "组": "织成建",
    "段": "落",
    "批": "准复示",
    "次": "要序",
    "号": "召",
    "台": "账",
    "条": "例件款",
    "项": "目",
    "件": "事",
    "例": "如",
}
_SCALE_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_BOUNDARY = frozenset("\n。；;！？!?:：| ")
_HOTLINE_NEXT = ("热线", "政务", "便民", "服务", "平台", "市民", "电话", "专线")
_PHONE_WORDS = ("电话", "传真", "热线", "手机", "Tel", "TEL", "tel", "咨询", "联系方式", "拨打", "座机", "Fax", "FAX")
_POSTCODE_WORDS = ("邮编", "邮政编码")
_ADDRESS_PREV = frozenset("路街道巷弄里村组段")
_TRIGGER_SET = frozenset(TRIGGERS)
_TRIGGER_LENS = sorted({len(t) for t in TRIGGERS}, reverse=True)
_PREFIX_LENS = sorted({len(t) for t in PREFIX_HEDGES}, reverse=True)
_DATE_UNITS = frozenset({"月", "月份", "季度"})
_CN_DIGIT_SET = frozenset("零〇○一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖兩廿卅卌")
_ONE = Decimal(1)
_add = EXACT.add
_mul = EXACT.multiply
_MAX_DIGITS = 40  # longer digit runs are codes, not quantities (keeps arithmetic exact)

# (numeral run, first char after it in the idiom, last char before it) →
# [(text before, text after)]; '' where the idiom has nothing on that side.
_IDIOM_INDEX: dict[tuple[str, str, str], list[tuple[str, str]]] = {}


def register_idioms(*words: str) -> None:
    """Add words whose numeral characters are never quantities (e.g. a local
    slogan).  Used at import for ``lexicon.IDIOMS``."""
    for w in words:
        for m in _CN_RUN_RE.finditer(w):
            pre, suf = w[: m.start()], w[m.end() :]
            lst = _IDIOM_INDEX.setdefault((m.group(), suf[:1], pre[-1:]), [])
            if (pre, suf) not in lst:
                lst.append((pre, suf))
                lst.sort(key=lambda pe: -(len(pe[0]) + len(pe[1])))


register_idioms(*IDIOMS)


def _is_idiom(text: str, s: int, e: int, raw: str) -> bool:
    nxt = text[e : e + 1]
    prv = text[s - 1 : s] if s else ""
    get = _IDIOM_INDEX.get
    for key in ((raw, nxt, prv), (raw, nxt, ""), (raw, "", prv), (raw, "", "")):
        entries = get(key)
        if not entries:
            continue
        for pre, suf in entries:
            if pre and (s < len(pre) or text[s - len(pre) : s] != pre):
                continue
            if suf and not text.startswith(suf, e):
                continue
            return True
    return False


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _last_place(v: Decimal) -> Decimal:
    """Place value of the last non-zero digit: 300000 → 100000, 1.5 → 0.1."""
    if v == 0:
        return _ONE
    _, digits, exp = v.as_tuple()
    k = len(digits)
    while k > 1 and digits[k - 1] == 0:
        k -= 1
    return _ONE.scaleb(exp + len(digits) - k, context=EXACT)  # type: ignore[operator]


def _clean(v: Decimal) -> Decimal:
    """Drop a purely formal exponent / trailing zeros of an integral value."""
    if v == v.to_integral_value():
        return v.quantize(_ONE, context=EXACT)
    return v


class _Scan:
    __slots__ = ("floor", "n", "standalone", "text")

    def __init__(self, text: str, standalone: bool) -> None:
        self.text = text
        self.standalone = standalone
        self.floor = 0  # end of the previous number: hedges may not reach behind it
        self.n = len(text)

    # ---------------------------------------------------------------- helpers
    def prefix_hedge(self, s: int) -> tuple[str, int] | None:
        text = self.text
        for ln in _PREFIX_LENS:
            a = s - ln
            if a < self.floor:
                continue
            w = text[a:s]
            if w in PREFIX_HEDGES:
                if ln == 1:
                    bl = HEDGE_BLOCKERS.get(w)
                    if bl and a > 0 and text[a - 1] in bl:
                        return None
                return w, a
        return None

    def is_marker(self, s: int, e: int) -> bool:
        """A list marker "1、" / "1." / "一、" ends at ``e`` (on the 、 or .):
        it starts a line or clause, or a word (not another number) follows."""
        text = self.text
        if s == 0 or text[s - 1] in _BOUNDARY:
            return True
        after = text[e + 1 : e + 2]
        return bool(after) and _is_ideograph(after) and after not in _CN_DIGIT_SET and after not in "十百千万亿"

    def trigger_before(self, s: int) -> bool:
        text = self.text
        for ln in _TRIGGER_LENS:
            if s - ln >= 0 and text[s - ln : s] in _TRIGGER_SET:
                return True
        return False

    def tail(self, e: int) -> tuple[str | None, str | None, str | None, str | None, int]:
        """(pct, unit, inner hedge of the unit, post hedge, new end)."""
        m = _TAIL_RE.match(self.text, e)
        pct = m.group("pct")
        unit = m.group("unit")
        uh = m.group("uh")
        post = m.group("post")
        end = m.end()
        text = self.text
        if unit is not None:
            ue = m.end("unit")
            bad = _UNIT_BAD_NEXT.get(unit)
            if bad and ue < self.n and text[ue] in bad:
                # "3人民币", "十四五期间": not a unit; retry without it
                unit = uh = post = None
                end = e
            elif uh:
                unit = "个" + unit[2:]
        if unit is not None and post is None and end < self.n:
            c = text[end]
            if (
                c in "多余内"
                and (unit in TIME_UNITS or unit == "日")
                and not (c == "内" and end + 1 < self.n and text[end + 1] in "容部外涵")
            ):
                post = c  # 一年多, 3年余, 3日内
                end += 1
        if unit == "元" and post is None and end < self.n and text[end] == "整":
            end += 1  # 伍仟元整
        return pct, unit, uh, post, end

    def make(
        self,
        s: int,
        e: int,
        value: Decimal,
        *,
        decimals: int = 0,
        scale: int = 1,
        unit: str | None = None,
        kind: str = "number",
        approx: list[str] | None = None,
        value_hi: Decimal | None = None,
        numerator: int | None = None,
        denominator: int | None = None,
        hedge_ok: bool = True,
    ) -> Number:
        is_q = kind in QUANTITY_KINDS
        hedges = list(approx) if approx else []
        if is_q and hedge_ok:
            ph = self.prefix_hedge(s)
            if ph is not None:
                hedges.insert(0, ph[0])
                s = ph[1]
        if is_q and value_hi is None and any(h in ("余", "多", "有余", "出头") for h in hedges):
            value_hi = _add(value, _last_place(value))
        return _fast_number(
            self.text[s:e],
            s,
            e,
            _clean(value) if (scale != 1 or decimals) else value,
            decimals,
            scale,
            unit,
            kind,
            "+".join(hedges) if hedges else None,
            is_q,
            None if value_hi is None else _clean(value_hi),
            numerator,
            denominator,
        )

    def unit_kind(self, unit: str | None, pct: str | None, s: int, e_core: int) -> str:
        if pct:
            return "percent" if pct == "%" else "permille"
        if unit is None:
            return "number"
        k = UNIT_KINDS.get(unit)
        if k is not None:
            if k == "id":  # 号: 5月1号 is a date, 洪泽湖大道90号 an address
                p = self.text[s - 1] if s > 0 else ""
                return "date" if p == "月" else "address" if p in _ADDRESS_PREV else "id"
            return k
        if unit in _DATE_UNITS or unit == "日":  # 12月, 一季度, 31日 (3日内 is handled by the caller)
            return "date"
        if unit.startswith("个"):
            return "duration"
        return "count"

    # ---------------------------------------------------------------- handlers
    def h_ar(self, m: re.Match) -> Number | None:
        text = self.text
        s = m.start()
        anum = m.group("anum")
        if len(anum) > _MAX_DIGITS:
            return self.make(s, m.end(), Decimal(0), kind="id")
        value, decimals, scale, e, ah = self._ar_value(m)
        sign = text[s] if text[s] in "+-" else ""
        if sign == "-":
            value = -value
        pct, unit, uh, post, end = self.tail(e)
        plain_int = not (pct or unit or m.group("asc") or ah or post or sign or "." in anum)
        if plain_int:
            special = self._ar_plain(s, end, anum, value)
            if special is not None:
                return special
        core = Decimal(anum.replace(",", ""))
        odd = self._ar_no_month_or_id(s, e, end, core, value, decimals, scale, unit, pct)
        if odd is not None:
            return odd
        return self._finish(s, e, end, value, decimals, scale, unit, pct, post, [a for a in (ah, uh, post) if a], date_value=core)

    def _ar_no_month_or_id(self, s: int, e: int, end: int, core: Decimal, value: Decimal, decimals: int, scale: int, unit: str | None, pct: str | None) -> Number | None:
        """An Arabic numeral whose tail or neighbour rules out the usual
        reading: 月 after a number outside 1–12 is no month (the number is
        kept without the unit), a unitless number glued to Latin letters
        is an id; None otherwise."""
        if unit in ("月", "月份") and not pct and not (1 <= core <= 12):
            return self.make(s, e, value, decimals=decimals, scale=scale)
        prev = self.text[s - 1] if s > 0 else ""
        if (prev.isascii() and prev.isalpha()) and unit is None:
            return self.make(s, end, value, kind="id")
        return None

    def _finish(
        self, s: int, e: int, end: int, value: Decimal, decimals: int, scale: int, unit: str | None, pct: str | None,
        post: str | None, approx: list[str], value_hi: Decimal | None = None, date_value: Decimal | None = None,
    ) -> Number:
        """The Number of a numeral with its tail: a date (12月, 31日), a
        duration (3日内), or a quantity (成 counts tenths)."""
        kind = self.unit_kind(unit, pct, s, e)
        if unit == "日" and post:  # 3日内: a duration, not a date
            kind = "duration"
        if kind == "date":
            dv = value if date_value is None else date_value
            v = _mul(dv, 100) if unit in ("月", "月份") else dv
            return self.make(s, end, v, unit=unit, kind="date")
        if unit == "成":
            value, scale = _mul(value, 10), scale * 10
            if value_hi is not None:
                value_hi = _mul(value_hi, 10)
        return self.make(
            s, end, value, decimals=decimals, scale=scale, unit=pct or unit, kind=kind, approx=approx, value_hi=value_hi
        )

    def _ar_value(self, m: re.Match) -> tuple[Decimal, int, int, int, str | None]:
        """(value, decimals, scale, end, approx-head) of an Arabic numeral with
        its scale characters (万, 亿) and a tail after them ("1万2千",
        "3万5"); a tail that does not fit is left out of the number."""
        anum = m.group("anum")
        ah = m.group("ah1") or m.group("ah2") or m.group("ah0")
        asc = m.group("asc")
        atail = m.group("atail")
        e = m.end()
        core = Decimal(anum.replace(",", ""))
        decimals = len(anum) - anum.index(".") - 1 if "." in anum else 0
        if not asc:
            return core, decimals, 1, e, ah
        mult = 1
        for c in asc:
            mult *= _SCALE_MULT[c]
        value = _mul(core, mult)
        if not atail:
            return value, decimals, mult, e, ah
        tail = self._ar_tail(atail, mult, decimals == 0 and not m.group("ah1"))
        if tail is not None:
            add, scale, dec = tail
            return _add(value, add), dec, scale, e, ah
        m2 = _AR_NOTAIL_RE.match(self.text, m.start())
        ah = m2.group("ah1") or m2.group("ah2") or m2.group("ah0")
        return value, decimals, mult, m2.end(), ah

    @staticmethod
    def _ar_tail(atail: str, mult: int, ok: bool) -> tuple[int, int, int] | None:
        """(added value, scale, decimals) of the tail after a scale character,
        or None when it does not fit the scale."""
        if not ok:
            return None
        tu = atail[-1]
        tmult = _SCALE_MULT.get(tu, 0)
        tdig = atail[:-1] if tmult else atail
        if tmult:
            if tmult < mult and int(tdig) * tmult < mult:
                return int(tdig) * tmult, tmult, 0
            return None
        if len(tdig) == 1:
            return int(tdig) * (mult // 10), mult, 1
        if int(tdig) < mult:
            return int(tdig), 1, 0
        return None

    def _ar_plain(self, s: int, end: int, anum: str, value: Decimal) -> Number | None:
        """A bare integer that is not a quantity: a list marker (1、), an id
        glued to Latin letters, a postcode, a phone number or hotline, a long
        code; None for an ordinary number."""
        text = self.text
        nxt = text[end] if end < self.n else ""
        prev = text[s - 1] if s > 0 else ""
        digits = anum.replace(",", "")
        # list markers 1、 and 1. at the start of a line or clause
        if len(digits) <= 2 and nxt in ("、", ".") and self.is_marker(s, end):
            return self.make(s, end + 1, value, kind="ordinal", unit=nxt)
        if (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha()) or prev == "/":
            return self.make(s, end, value, kind="id")
        if len(digits) >= 5 or digits in HOTLINES:
            kind = self._contact_kind(s, end, digits)
            if kind is not None:
                return self.make(s, end, value, kind=kind)
        if len(digits) >= 9 and "," not in anum:
            return self.make(s, end, value, kind="id")
        return None

    def _contact_kind(self, s: int, end: int, digits: str) -> str | None:
        """A long integer or a hotline number as a postcode (six digits after
        邮编…) or a phone number (after 电话…, or a hotline such as 12345
        followed by 热线 or named as one); None otherwise."""
        text = self.text
        window = text[max(0, s - 12) : s]
        if len(digits) == 6 and any(w in window for w in _POSTCODE_WORDS):
            return "postcode"
        if any(w in window for w in _PHONE_WORDS):
            return "phone"
        if digits in HOTLINES and (text.startswith(_HOTLINE_NEXT, end) or "热线" in window):
            return "phone"
        return None

    def h_arange(self, m: re.Match) -> Number | None:
        s = m.start()
        ra, rb = m.group("ra"), m.group("rb")
        e = m.end()
        pct, unit, uh, post, end = self.tail(e)
        pct = pct or m.group("rap")  # 10%-20 is a percent range too
        a = Decimal(ra.replace(",", ""))
        b = Decimal(rb.replace(",", ""))
        if b < a:
            return None
        da = len(ra) - ra.index(".") - 1 if "." in ra else 0
        db = len(rb) - rb.index(".") - 1 if "." in rb else 0
        kind = self.unit_kind(unit, pct, s, e)
        if kind == "date":
            return self.make(s, end, a, unit=unit, kind="date", value_hi=b)
        approx = []
        if uh:
            approx.append(uh)
        if post:
            approx.append(post)
        scale = 1
        if unit == "成":
            a, b, scale = _mul(a, 10), _mul(b, 10), 10
        return self.make(
            s, end, a, decimals=max(da, db), scale=scale, unit=pct or unit, kind=kind, approx=approx, value_hi=b
        )

    def h_cn(self, m: re.Match) -> Number | None:
        text = self.text
        s, e = m.span()
        raw = m.group()
        st = self.standalone
        if not st:
            s, raw = self._cn_drop_noun_shu(s, raw)
        if not st or s == 0:
            marker = self._cn_marker(s, e, raw)
            if marker is not None:
                return marker or None
        if not st and _is_idiom(text, s, e, raw):
            return None
        try:
            cv = parse_cn(raw)
        except ValueError:
            if st:
                raise
            return None
        if cv.digit_string:
            return self.make(s, e, cv.value, kind="id") if st else None
        pct, unit, uh, post, end = self.tail(e)
        if not st and not self._cn_counts(s, e, end, raw, unit, pct):
            return None
        approx = [a for a in (cv.approx, uh, post) if a]
        return self._finish(s, e, end, cv.value, cv.decimals, cv.scale, unit, pct, post, approx, value_hi=cv.value_hi)

    def _cn_drop_noun_shu(self, s: int, raw: str) -> tuple[int, str]:
        """申请数十件: a 数 glued to an ideograph before it (not a hedge word
        such as 有, 约, 共) ends the noun, it is not the hedge 数十; the
        numeral starts after it."""
        prev = self.text[s - 1] if s > 0 else ""
        if raw[0] == "数" and prev and _is_ideograph(prev) and prev not in "有达了近约的共计将余至到为和逾超等":
            return s + 1, raw[1:]
        return s, raw

    def _cn_marker(self, s: int, e: int, raw: str) -> Number | bool | None:
        """A list marker in Chinese numerals (一是, 二、): the ordinal Number,
        False when it looks like one but does not parse, None otherwise."""
        text = self.text
        prev = text[s - 1] if s > 0 else ""
        nxt = text[e] if e < self.n else ""
        if nxt == "是" and len(raw) <= 2 and (prev == "" or prev in _BOUNDARY):
            unit = "是"
        elif nxt in ("、", ".") and len(raw) <= 3 and self.is_marker(s, e):
            unit = nxt
        else:
            return None
        try:
            v = parse_cn(raw).value
        except ValueError:
            return False
        return self.make(s, e + 1, v, kind="ordinal", unit=unit)

    def _cn_counts(self, s: int, e: int, end: int, raw: str, unit: str | None, pct: str | None) -> bool:
        """Chinese numerals in running text count something only with a unit,
        a percent sign or a large scale (十人, 三千余条), or after a trigger
        word; not in idioms (百姓, 千万不要) or short quoted slogans (“三个一”)."""
        if not self._cn_quantity_cue(s, e, raw, unit, pct):
            return False
        # a slogan in short quotes: “三个一” “五个中心”
        text = self.text
        q = text.rfind("“", max(0, s - 2), s)
        return not (q >= 0 and text.find("”", end, end + 6) >= 0)

    def _cn_quantity_cue(self, s: int, e: int, raw: str, unit: str | None, pct: str | None) -> bool:
        """What makes Chinese numerals a quantity: with a digit (三, 五), a
        unit, a percent sign, a large scale, or a trigger word before them
        and no ideograph after; a vague one (几, 数, 余, 多) a unit, a percent
        sign or a large scale; a bare scale (十, 百万) a unit, and more than
        one character unless it is 十 (十人, 百万元; not 百姓, 千万不要)."""
        nxt = self.text[e] if e < self.n else ""
        big = "万" in raw or "亿" in raw or "萬" in raw or "億" in raw
        if any(c in _CN_DIGIT_SET for c in raw):
            return bool(unit or pct or big) or (self.trigger_before(s) and (nxt == "" or not _is_ideograph(nxt)))
        if raw[0] in "几数" or "余" in raw or "多" in raw:
            return bool(unit or pct or big)
        # 十人, 十万元, 百万元, 千万人 — but not 百姓, 万人空巷, 千万不要
        return bool(unit) and (raw[0] == "十" or len(raw) >= 2)

    def h_pct(self, m: re.Match) -> Number | None:
        raw = m.group()
        s = m.start()
        head, body = raw[0], raw[3:]
        if body[0].isdigit():
            v = Decimal(body)
            dec = len(body) - body.index(".") - 1 if "." in body else 0
            scale = 1
            approx: list[str] = []
            value_hi = None
        else:
            try:
                cv = parse_cn(body)
            except ValueError:
                if self.standalone:
                    raise
                return None
            v, dec, scale = cv.value, cv.decimals, cv.scale
            approx = [cv.approx] if cv.approx else []
            value_hi = cv.value_hi
        _, _, _, post, end = self.tail_post_only(m.end())
        if post:
            approx.append(post)
        if head == "百":
            return self.make(s, end, v, decimals=dec, scale=scale, unit="%", kind="percent", approx=approx, value_hi=value_hi)
        if head == "千":
            return self.make(s, end, v, decimals=dec, scale=scale, unit="‰", kind="permille", approx=approx, value_hi=value_hi)
        if v != v.to_integral_value():
            return None
        return self.fraction(s, end, int(v), 10000, approx)

    def tail_post_only(self, e: int) -> tuple[None, None, None, str | None, int]:
        m = _POST_RE.match(self.text, e)
        return None, None, None, m.group(1), m.end()

    def fraction(self, s: int, e: int, num: int, den: int, approx: list[str]) -> Number | None:
        if den == 0:
            return None
        v = Decimal(num) / Decimal(den)  # 28 significant digits; numerator/denominator are exact
        return self.make(s, e, v, kind="fraction", unit="分之", approx=approx, numerator=num, denominator=den)

    def h_frac(self, m: re.Match) -> Number | None:
        raw = m.group()
        a, _, b = raw.partition("分之")
        try:
            den = int(a) if a.isdigit() else _cn_int(a)
            num = int(b) if b.isdigit() else _cn_int(b)
        except ValueError:
            if self.standalone:
                raise
            return None
        _, _, _, post, end = self.tail_post_only(m.end())
        return self.fraction(m.start(), end, num, den, [post] if post else [])

    def h_fan(self, m: re.Match) -> Number | None:
        raw = m.group()
        n_txt = raw[1:-1].lstrip("了")
        n = int(n_txt) if n_txt.isdigit() else _cn_int(n_txt)
        if n > 64:
            return None
        return self.make(m.start(), m.end(), Decimal(2) ** n, unit="番", kind="multiple")

    def h_docno(self, m: re.Match) -> Number:
        raw = m.group()
        digits = re.findall(r"\d+", raw)
        return self.make(m.start(), m.end(), Decimal(digits[-1]), unit="号", kind="docno")

    def h_ordp(self, m: re.Match) -> Number | None:
        raw = m.group()[1:-1]
        v = Decimal(raw) if raw.isdigit() else parse_cn(raw).value
        return self.make(m.start(), m.end(), v, kind="ordinal", unit="()")

    def h_article(self, m: re.Match) -> Number | None:
        raw = m.group()
        first = raw[1 : raw.index("条")]
        try:
            v = int(first) if first.isdigit() else _cn_int(first)
        except ValueError:
            return None
        return self.make(m.start(), m.end(), Decimal(v), unit="条", kind="article")

    def h_ord(self, m: re.Match) -> Number | None:
        raw = m.group()[1:]
        try:
            v = int(raw) if raw.isdigit() else _cn_int(raw)
        except ValueError:
            if self.standalone:
                raise
            return None
        # 第一项 第三季度 第711号 第十四个: the unit belongs to the ordinal
        um = _TAIL_RE.match(self.text, m.end())
        unit = um.group("unit")
        if unit is None or um.group("uh"):
            return self.make(m.start(), m.end(), Decimal(v), kind="ordinal")
        kind = "date" if unit == "季度" else "docno" if unit == "号" else "ordinal"
        return self.make(m.start(), um.end("unit"), Decimal(v), unit=unit, kind=kind)

    def h_cnyear(self, m: re.Match) -> Number | None:
        raw = m.group()
        y = int("".join(str("零一二三四五六七八九".index(c)) for c in normalize_cn(raw[:4])))
        rest = raw[5:]
        mo = d = 0
        if rest:
            mo_txt, _, d_txt = rest.partition("月")
            mo = _cn_int(mo_txt)
            d_txt = d_txt.rstrip("日号")
            d = _cn_int(d_txt) if d_txt else 0
        if mo:
            return self.make(m.start(), m.end(), Decimal(y * 10000 + mo * 100 + d), kind="date")
        return self.make(m.start(), m.end(), Decimal(y), unit="年", kind="year")

    def h_isodate(self, m: re.Match) -> Number:
        parts = re.split(r"[-/.]", m.group())
        y, mo, d = (int(p) for p in parts)
        return self.make(m.start(), m.end(), Decimal(y * 10000 + mo * 100 + d), kind="date")

    def h_yrange(self, m: re.Match) -> Number:
        ys = sorted(re.findall(r"\d{4}", m.group()))
        return self.make(m.start(), m.end(), Decimal(ys[0]), unit="年", kind="year", value_hi=Decimal(ys[1]))

    def h_date(self, m: re.Match) -> Number:
        raw = m.group()
        nums = [int(x) for x in re.findall(r"\d+", raw)]
        if len(nums) == 1:
            return self.make(m.start(), m.end(), Decimal(nums[0]), unit="年", kind="year")
        y, mo = nums[0], nums[1]
        d = nums[2] if len(nums) > 2 else 0
        return self.make(m.start(), m.end(), Decimal(y * 10000 + mo * 100 + d), kind="date")

    def h_md(self, m: re.Match) -> Number:
        raw = m.group()
        nums = [int(x) for x in re.findall(r"\d+", raw)]
        if ("-" in raw or "至" in raw or "到" in raw or "~" in raw) and len(nums) >= 2 and nums[1] >= nums[0]:
            return self.make(m.start(), m.end(), Decimal(nums[0] * 100), kind="date", value_hi=Decimal(nums[1] * 100))
        mo = nums[0]
        d = nums[1] if len(nums) > 1 else 0
        return self.make(m.start(), m.end(), Decimal(mo * 100 + d), kind="date")

    def h_time(self, m: re.Match) -> Number:
        v = int("".join(re.findall(r"\d+", m.group())[:2]))
        return self.make(m.start(), m.end(), Decimal(v), kind="time")

    def h_phone(self, m: re.Match) -> Number:
        return self.make(m.start(), m.end(), Decimal("".join(re.findall(r"\d+", m.group()))), kind="phone")

    def h_id(self, m: re.Match) -> Number:
        d = re.search(r"\d+", m.group())
        return self.make(m.start(), m.end(), Decimal(d.group() if d else 0), kind="id")


_POST_RE = lazyre.compile_std(r"(左右|以上|以下|以内|之内|之上|开外|有余|出头)?")


def _cn_int(s: str) -> int:
    cv: CnValue = parse_cn(s)
    if cv.approx or cv.value != cv.value.to_integral_value():
        raise ValueError(f"not an integer numeral: {s!r}")
    return int(cv.value)


_HANDLERS = {
    "fan": _Scan.h_fan,
    "docno": _Scan.h_docno,
    "ordp": _Scan.h_ordp,
    "article": _Scan.h_article,
    "ord": _Scan.h_ord,
    "pct": _Scan.h_pct,
    "frac": _Scan.h_frac,
    "cnyear": _Scan.h_cnyear,
    "isodate": _Scan.h_isodate,
    "yrange": _Scan.h_yrange,
    "date": _Scan.h_date,
    "md": _Scan.h_md,
    "time": _Scan.h_time,
    "phone": _Scan.h_phone,
    "std": _Scan.h_id,
    "ver": _Scan.h_id,
    "arange": _Scan.h_arange,
    "ar": _Scan.h_ar,
    "cn": _Scan.h_cn,
}


def _masked(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "http" in text or "www." in text:
        spans.extend(m.span() for m in _URL_RE.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL_RE.finditer(text))
    spans.sort()
    return spans


def _scan(text: str, standalone: bool) -> list[Number]:
    sc = _Scan(text, standalone)
    out: list[Number] = []
    masks = _masked(text)
    mi = 0
    pos = 0
    last_end = 0
    handlers = _HANDLERS
    dispatch = _DISPATCH
    search = lazyre.compiled(_CAND_RE).search
    while True:
        c = search(text, pos)
        if c is None:
            break
        p = c.start()
        rx = dispatch.get(text[p], _G_DIGIT)  # other Unicode digits use the digit group
        m = rx.match(text, p)
        if m is None:
            pos = p + 1
            continue
        pos = m.end()
        if masks:
            while mi < len(masks) and masks[mi][1] <= p:
                mi += 1
            if mi < len(masks) and masks[mi][0] <= p:
                pos = max(pos, masks[mi][1])
                continue
        sc.floor = last_end
        num = handlers[m.lastgroup](sc, m)  # type: ignore[index]
        if num is not None:
            out.append(num)
            last_end = num.end
            pos = max(pos, last_end)
    return out


def find_numbers(text: str, *, quantities_only: bool = False) -> list[Number]:
    """Every number in ``text`` (normalised report text, see
    :func:`gireport.text.normalize`), in reading order, with spans into
    ``text`` and a classification.  With ``quantities_only`` the years,
    dates, ordinals, document numbers, phone numbers … are left out."""
    nums = _scan(text, False)
    if quantities_only:
        return [n for n in nums if n.is_quantity]
    return nums


def parse_number(s: str) -> Number:
    """Parse one complete numeric expression ("3,521条", "1.2万", "约300人",
    "百分之七点二", "两三个", "一百九十万零三千九百七十一", "伍仟元整" …).

    The input is NFKC-normalised and stripped first (full-width digits become
    ASCII); ``start``/``end``/``text`` refer to that normalised string.  No
    context rule applies: a bare Chinese numeral is accepted.  Raises
    ``ValueError`` unless exactly one expression covers the whole string.
    """
    if not isinstance(s, str):
        raise TypeError("parse_number expects a str")
    t = unicodedata.normalize("NFKC", s).strip()
    if not t:
        raise ValueError("empty string")
    try:
        nums = _scan(t, True)
    except ValueError as exc:
        raise ValueError(f"not a numeric expression: {s!r} ({exc})") from None
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end == len(t):
        return nums[0]
    raise ValueError(f"not a single numeric expression: {s!r}")
