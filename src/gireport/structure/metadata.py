"""Report metadata: title, agency, report year, issuer kind, data period,
signature, publication date, and the preamble's declared outline."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import regex as re

from ..document import Block, Document
from .agency import agency_key, clean_agency
from .headings import cn_to_int
from .. import lazyre

__all__ = ["Metadata", "DeclaredOutline", "extract_metadata", "issuer_kind", "parse_cn_date"]

_YEAR = r"(?:19|20)\d{2}"
_CN_YEAR_DIGITS = {"〇": "0", "零": "0", "O": "0", "o": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = "[〇零Oo一二三四五六七八九]{4}"
_CN_MD = "[一二三四五六七八九十]{1,3}"
_DATE_RE = lazyre.compile(
    rf"(?P<y>{_YEAR}|{_CN_YEAR})\s*年\s*(?P<m>\d{{1,2}}|{_CN_MD})\s*月\s*(?P<d>\d{{1,2}}|{_CN_MD})\s*日"
)


def _cn_year(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    digits = "".join(_CN_YEAR_DIGITS.get(c, "") for c in s)
    return int(digits) if len(digits) == 4 else None


def parse_cn_date(y: str, m: str, d: str) -> _dt.date | None:
    yy, mm, dd = _cn_year(y), cn_to_int(m), cn_to_int(d)
    if yy is None or mm is None or dd is None:
        return None
    try:
        return _dt.date(yy, mm, dd)
    except ValueError:
        return None


@dataclass(frozen=True)
class DeclaredOutline:
    """What the preamble says the report consists of ("由…等七个部分组成")."""

    count: int | None
    names: tuple[str, ...]
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "names": list(self.names), "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Metadata:
    """What a report says about itself: title, agency (as printed and as a
    key), year, kind of issuer, statistics period and signature."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    agency: str | None = None
    #: The context-free agency key (:func:`gireport.structure.agency.agency_key`):
    #: the same organ printed with 人民政府 or without, 办公厅 or 办公室, 科委 or
    #: 科学技术委员会 has one key; parent regions are kept (linked across
    #: reports by :func:`~gireport.structure.agency.link_keys`).
    agency_key: str | None = None
    year: int | None = None
    issuer_kind: str = "other"  # government | department | township | other
    period_start: _dt.date | None = None
    period_end: _dt.date | None = None
    period_span: tuple[int, int] | None = None
    signature_agency: str | None = None
    signature_date: _dt.date | None = None
    signature_span: tuple[int, int] | None = None
    publication_date: _dt.date | None = None
    declared: DeclaredOutline | None = None
    is_report: bool = True
    not_report_reason: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        def iso(d: _dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "title": self.title,
            "agency": self.agency,
            "agency_key": self.agency_key,
            "year": self.year,
            "issuer_kind": self.issuer_kind,
            "period": {"start": iso(self.period_start), "end": iso(self.period_end)},
            "signature": {"agency": self.signature_agency, "date": iso(self.signature_date)},
            "publication_date": iso(self.publication_date),
            "declared_outline": self.declared.to_dict() if self.declared else None,
            "is_report": self.is_report,
            "not_report_reason": self.not_report_reason,
        }


_AGENCY_SUFFIX_RE = lazyre.compile(r"(?:政府|管委会|委员会|局|委|办|厅|院|会|中心|所|站|处|署|区|县|市|省|镇|乡|街道)")
_TITLE_RE = lazyre.compile(r"(?:报告|年报)")


def _find_title(doc: Document) -> tuple[str | None, tuple[int, int] | None]:
    """(the report's title, its span), or (None, None): a "标题:" line, a
    report title among the first ten paragraphs (with the lines above it
    that belong to it, or a two-line title), else the document's own title
    (a 通知, a 函)."""
    text = doc.text
    m = re.search(r"^标题:\s*(.+)$", text[:2000], re.M)
    if m:
        return m.group(1).strip(), (m.start(1), m.end(1))
    paras = [b for b in doc.blocks if b.kind != "table"][:10]
    for i, b in enumerate(paras):
        first = text[b.start : b.end].split("\n")[0]
        if len(first) <= 70 and _TITLE_RE.search(first) and not first.startswith(("本报告", "根据")):
            title, start = _with_lines_above(text, paras, i, first)
            return title, (start, b.start + len(first))
        two = _two_line_title(text, paras, i, first)
        if two is not None:
            return two
    return _document_title(text, paras)


def _with_lines_above(text: str, paras: list[Block], i: int, title: str) -> tuple[str, int]:
    """(the title, where it starts) of a title line that opens with its
    year or with 年度报告/政府信息…: the short lines above it that name the
    agency or the year are its beginning."""
    start = paras[i].start
    j = i
    while j > 0 and (re.match(rf"^(?:{_YEAR}年|年度报告|年报|政府信息|信息公开)", title)):
        prev = text[paras[j - 1].start : paras[j - 1].end]
        if len(prev) > 40 or re.search(r"[。,;:]", prev) or not _AGENCY_SUFFIX_RE.search(prev) and not re.match(_YEAR, prev):
            break
        title = prev + title
        start = paras[j - 1].start
        j -= 1
    return title, start


def _two_line_title(text: str, paras: list[Block], i: int, first: str) -> tuple[str, tuple[int, int]] | None:
    """A title over two lines whose first (paragraph ``i``, with its year)
    has no 报告 yet and whose short second line has it; or None."""
    if i + 1 < len(paras) and len(first) <= 40 and re.search(rf"{_YEAR}年", first):
        nxt = text[paras[i + 1].start : paras[i + 1].end].split("\n")[0]
        if len(nxt) <= 20 and _TITLE_RE.search(nxt):
            return first + nxt, (paras[i].start, paras[i + 1].start + len(nxt))
    return None


def _document_title(text: str, paras: list[Block]) -> tuple[str | None, tuple[int, int] | None]:
    """No report title: the document's own title (a 通知, a 函) when it
    opens the document; else (None, None)."""
    if paras:
        first = text[paras[0].start : paras[0].end].split("\n")[0]
        if 6 <= len(first) <= 60 and not re.search(r"[。,;:]", first) and re.search(r"关于|通知|函|意见|方案|要点|决定|批复|公告", first):
            return first, (paras[0].start, paras[0].start + len(first))
    return None, None


def issuer_kind(agency: str | None) -> str:
    """``government``, ``department``, ``township`` or ``other`` from the
    issuing organ's name (spec §8: …人民政府 vs …局/委/办 vs …镇/乡/街道)."""
    if not agency:
        return "other"
    a = re.sub(r"\s+", "", agency)
    if re.search(r"(?:镇|乡|街道)(?:人民政府|政府|办事处)?$|街道办事处|街道办$", a):
        return "township"
    if re.search(r"(?:局|委员会|委|办公室|办公厅|办|厅|中心|院|署|所|站|队|处|部|集团|公司|协会|学会)$", a) and not re.search(r"管委会$|管理委员会$", a):
        return "department"
    if re.search(r"(?:人民政府|政府|管委会|管理委员会|省|市|县|区|旗|州|盟|实验区|新区|开发区)$", a):
        return "government"
    return "other"


def _agency_from_title(title: str) -> str | None:
    """The organ a title names, or None when what stands in its place is not
    an organ's name ("关于2014年…的函"); a 通知's issuer is what comes before
    关于 (see :func:`~gireport.structure.agency.clean_agency`)."""
    m = re.match(rf"^(?P<a>.+?)(?:{_YEAR}|{_CN_YEAR})\s*年", title)
    if m and len(m.group("a")) >= 2:
        return clean_agency(m.group("a").strip(" :"))
    m = re.match(rf"^(?:{_YEAR})\s*年度?(?P<a>.+?)(?:政府)?(?:信息公开|政务公开)", title)
    if m and len(m.group("a")) >= 2:
        a = m.group("a")
        if a.endswith("人民"):  # 示例市人民|政府信息公开: the 政府 is shared
            a += "政府"
        return clean_agency(a)
    return None


_PERIOD_RE = lazyre.compile(
    rf"(?:统计期限|统计期间|统计周期|统计时限|统计时间|统计时段|统计区间|统计范围|数据期限|数据统计期|数据区间|时间范围|报告期|期限)[^。]{{0,12}}?"
    rf"(?P<y1>{_YEAR})\s*年\s*(?P<m1>\d{{1,2}})\s*月\s*(?P<d1>\d{{1,2}})\s*日\s*(?:起)?\s*(?:至|到|-|—|~)\s*"
    rf"(?:(?P<y2>{_YEAR})\s*年\s*)?(?P<m2>\d{{1,2}})\s*月\s*(?P<d2>\d{{1,2}})\s*日"
)
_CUTOFF_RE = lazyre.compile(
    rf"(?:数据|统计)[^。;；]{{0,8}}?截(?:至|止)(?:日期|时间)?(?:为|到|于)?\s*"
    rf"(?P<y>{_YEAR})\s*年\s*(?P<m>12)\s*月\s*(?P<d>31)\s*日"
)
_DECLARED_RE = lazyre.compile(r"(?P<n>[一二三四五六七八九十两]{1,3}|\d{1,2})\s*个?\s*(?:部分|方面|板块)")
_INTRO_RE = lazyre.compile(r"(?:由|包括|分为|包含|主要有|内容有|共分|分成)")
_NAME_END_RE = lazyre.compile(r"(?:情况|事项|措施|概述|概况|统计表|附表|附件|安排|计划|问题|打算|说明|思路|建设|要点)$")


#: 及/和 that joins two part names ("…情况及其他需要报告的事项"); a reading
#: that keeps "存在的问题及2019年工作打算" whole is tried too (see _find_declared).
_JOIN_SPLIT = r"(?:以及|及|和)(?=其他|存在|附表|政府信息公开情况统计表|工作计划|下一?步|\d{4}年)"


def _split_names(s: str, *, split_joins: bool = True) -> tuple[str, ...]:
    quoted = re.findall(r"[“\"'‘]([^”\"'’]{2,40})[”\"'’]", s)
    if len(quoted) >= 2:
        return tuple(q.strip() for q in quoted)
    s = re.sub(r"^(?:本报告|报告全文|本年度报告|全文)", "", s)
    s = re.sub(r"(?:等|共|以及?|和)$", "", s.strip())
    # names listed with commas may hold a 、 of their own ("…,因政府信息公开申请
    # 行政复议、提起行政诉讼的情况,…"): then only the commas separate them
    seps = "," if s.count(",") >= 2 else r"、|,"
    pieces = re.split(seps + (f"|{_JOIN_SPLIT}" if split_joins else ""), s)
    merged: list[str] = []
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        if merged and not _NAME_END_RE.search(merged[-1]):
            merged[-1] = merged[-1] + "、" + p
        else:
            merged.append(p)
    return tuple(merged)


def _names_after(text: str, pos: int) -> tuple[str, ...]:
    """The part names listed after the count ("全文分为六个部分:A、B、…。")."""
    m = re.match(r"\s*[:：]\s*([^。\n]{4,300})", text[pos : pos + 320])
    if m is None:
        return ()
    body = re.sub(r"(?:等|共)?[;；]?$", "", m.group(1).strip())
    sep = r"[,，;；]" if re.search(r"[,，;；]", body) else r"、"
    names = tuple(x.strip() for x in re.split(sep, body) if x.strip())
    return names if len(names) >= 2 else ()


def _find_declared(text: str, limit: int) -> DeclaredOutline | None:
    for m in _DECLARED_RE.finditer(text, 0, limit):
        # The sentence around the count.
        sent_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence = text[sent_start : m.start()]
        intro = None
        for im in _INTRO_RE.finditer(sentence):
            intro = im
        if sentence.endswith("分"):  # "全文分七部分" (the count right after 分)
            intro = re.search(r"分$", sentence)
        around = text[sent_start : m.end() + 6]
        if intro is None or not re.search(r"报告|全文", around) and not re.match(r"\s*(?:组成|构成)", text[m.end() : m.end() + 4]):
            continue
        names_raw = sentence[intro.end() :]
        names_raw = re.sub(r"(?:等|共|合计|总共)$", "", names_raw.strip())
        n = cn_to_int(m.group("n"))
        names = _split_names(names_raw) if len(names_raw) >= 2 else ()
        if names and len(names) != n:
            # the other reading of 及/和: one name ("存在的问题及2019年工作打算")
            whole = _split_names(names_raw, split_joins=False)
            if len(whole) == n:
                names = whole
        if not names:
            names = _names_after(text, m.end())
        return DeclaredOutline(n, names, sent_start + intro.start(), m.end(), text[sent_start + intro.start() : m.end()])
    return None


def _find_signature(doc: Document) -> tuple[str | None, _dt.date | None, tuple[int, int] | None]:
    text = doc.text
    tail_start = max(0, len(text) - 400)
    tail = text[tail_start:]
    date = None
    span = None
    for m in _DATE_RE.finditer(tail):
        d = parse_cn_date(m.group("y"), m.group("m"), m.group("d"))
        # A signature date stands alone at the end of a line or of the text.
        after = tail[m.end() : m.end() + 2]
        if d and (after == "" or after[0] in "\n"):
            date, span = d, (tail_start + m.start(), tail_start + m.end())
    agency = None
    lines = [ln.strip() for ln in tail.split("\n") if ln.strip()]
    for ln in reversed(lines[-4:]):
        name = clean_agency(ln) if 3 <= len(ln) <= 30 and not re.search(r"[。,;:\d]", ln) else None
        if name and issuer_kind(name) != "other":
            agency = name
            break
    return agency, date, span


def extract_metadata(doc: Document, top_kinds: list[str]) -> Metadata:
    """The report's metadata: title, agency, year, period, publication
    date, signature, the parts its preamble declares, and whether it is an
    annual report at all (``top_kinds``: the kinds of its top-level
    sections)."""
    text = doc.text
    md = Metadata()
    md.title, md.title_span = _find_title(doc)
    if md.title:
        md.agency = _agency_from_title(md.title)
        ym = re.search(rf"({_YEAR}|{_CN_YEAR})\s*年", md.title)
        if ym:
            md.year = _cn_year(ym.group(1))
    _read_period(md, text)
    if md.year is None:
        ym = re.search(rf"({_YEAR})\s*年度?(?:政府)?信息公开", text[:3000])
        if ym:
            md.year = int(ym.group(1))
    md.publication_date = _publication_date(text)
    md.signature_agency, md.signature_date, md.signature_span = _find_signature(doc)
    if not md.agency and md.signature_agency:
        md.agency = md.signature_agency
    md.issuer_kind = issuer_kind(md.agency)
    md.agency_key = agency_key(md.agency)
    md.declared = _find_declared(text, min(len(text), 6000))
    _judge_report(md, text, top_kinds)
    return md


def _read_period(md: Metadata, text: str) -> None:
    """Set the period the report covers ("2020年1月1日至12月31日", or only
    its end: "所列数据截至2020年12月31日") and, without a year from the
    title, the year its period ends in."""
    pm = _PERIOD_RE.search(text)
    if pm is None:
        cm = _CUTOFF_RE.search(text, 0, min(len(text), 4000))
        if cm:
            md.period_end = parse_cn_date(cm.group("y"), cm.group("m"), cm.group("d"))
            md.period_span = (cm.start(), cm.end()) if md.period_end else None
        return
    y1 = int(pm.group("y1"))
    y2 = int(pm.group("y2")) if pm.group("y2") else y1
    md.period_start = parse_cn_date(str(y1), pm.group("m1"), pm.group("d1"))
    md.period_end = parse_cn_date(str(y2), pm.group("m2"), pm.group("d2"))
    md.period_span = (pm.start(), pm.end())
    if md.year is None and md.period_end:
        md.year = md.period_end.year


def _publication_date(text: str) -> _dt.date | None:
    """The date of a "发布时间: 2024-03-01" line near the top, or None (also
    for an impossible date)."""
    pub = re.search(r"^发布(?:时间|日期):\s*(\d{4})-(\d{1,2})-(\d{1,2})", text[:2000], re.M)
    if not pub:
        return None
    try:
        return _dt.date(int(pub.group(1)), int(pub.group(2)), int(pub.group(3)))
    except ValueError:
        return None


def _judge_report(md: Metadata, text: str, top_kinds: list[str]) -> None:
    """Decide whether the document is an annual report: an annual-report
    title, or at least three standard sections and the words 年度报告 near
    the top; say why not, or note a report with fewer than two standard
    sections."""
    known = len({k for k in top_kinds if k != "unknown"})
    title_ok = bool(md.title and re.search(r"(?:年度报告|年报|年度工作报告)", md.title) and re.search(r"(?:信息公开|政务公开)", md.title))
    body_ok = bool(re.search(r"(?:信息公开|政务公开)(?:工作)?年度报告|年度报告", text[:5000]))
    if not title_ok and (known < 3 or not body_ok):
        md.is_report = False
        what = f"the title {md.title!r} is not an annual-report title" if md.title else "no annual-report title was found"
        md.not_report_reason = f"{what}, and only {known} of the standard sections were recognised"
    elif title_ok and known < 2:
        md.notes.append(f"only {known} standard sections recognised")
