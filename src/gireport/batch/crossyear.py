"""Rules across reports (family ``cross-year``, GR701–GR704).

These rules need more than one report, so they run after every file of a
batch run is audited, over the reports in the store (or, for a small
in-process run, over the audits in memory).  They are registered in the same
registry as the single-report rules (:func:`gireport.audit.registry.corpus_rule`):
``gireport rules`` lists them, ``--select``/``--ignore`` choose them, and
a single-report ``gireport.audit()`` simply does not run them.

Grouping
--------
Reports are grouped by **agency** and **year**.  The agency is identified
in two steps (:mod:`gireport.structure.agency`):

1. every report's printed agency gets a context-free key
   (:func:`~gireport.structure.agency.agency_key`): NFKC, no whitespace or
   trailing parenthesis, a government's own 人民政府 / 管委会 dropped
   (平潭综合实验区管委会 and 平潭综合实验区 are one organ; so are 平潭县人民政府
   and 平潭县), 办公厅 ≡ 办公室, and common abbreviations expanded
   (上海市科委 ≡ 上海市科学技术委员会).  A name that cannot be read as an
   organ's ("关于", a sentence fragment) has no key, and its report joins no
   group.  The key is recomputed from the printed agency when it is at hand,
   so a store written by an older version groups like a new one.
2. within the reports of the run, a key printed without some of its parent
   regions joins the unique key printed with them
   (:func:`~gireport.structure.agency.link_keys`): 洪泽区 and 淮安市洪泽区
   are one organ — unless another 某市洪泽区 is in the run too (then the
   bare 洪泽区 is ambiguous and stays alone), or both names report for the
   same year (then they are two organs, or copies we cannot tell apart).
   Dropping a prefix is decided here, over the keys of the run, and never
   in the key itself: a single name cannot know whether another organ of
   the same name is about.

One agency may have several files for one year (the same report as html,
pdf and txt): one is kept per (agency, year) — html first, then docx, pdf,
md, txt; a report before a non-report; then the first path.  Findings go to
the kept file.

Rules
-----
GR701 carry-over-mismatch   上年结转 (Y) ≠ 结转下年度继续办理 (Y−1), per column
GR702 stock-flow-mismatch   现行有效件数 (Y) ≠ 现行有效 (Y−1) + 制发 (Y) − 废止 (Y)
GR703 text-repeated         a prose section nearly the same as last year's
GR704 identical-tables      identical non-zero standard table, different agencies, same year
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from ..audit.finding import Evidence, Finding, RuleCoverage
from ..audit.registry import CORPUS_CHECKS, Rule, corpus_rule, select_rules
from ..structure.agency import agency_key, link_keys
from .. import lazyre

__all__ = [
    "agency_key",
    "DocFacts",
    "Corpus",
    "CorpusContext",
    "run_corpus_rules",
    "similarity",
    "FORMAT_PREFERENCE",
]

#: Which file stands for an (agency, year) when there are several.
FORMAT_PREFERENCE = ("html", "docx", "pdf", "md", "txt")

class DocFacts:
    """One report as the corpus rules see it: light fields (path, format,
    agency key, year) always at hand, the facts (tables, sections) loaded
    on first use and released once the rules are done with the report."""

    def __init__(
        self,
        id: int,
        path: str,
        format: str | None,
        facts: dict[str, Any] | None = None,
        *,
        loader: Callable[[], dict[str, Any]] | None = None,
        _texts: Callable[[], dict[str, str]] | dict[str, str] | None = None,
        agency: str | None = None,
        agency_key: str | None = None,
        year: int | None = None,
        is_report: bool | None = None,
    ) -> None:
        self.id = id
        self.path = path
        self.format = format
        self._facts = facts
        self._loader = loader
        self._texts = _texts
        f = facts or {}
        self.agency = agency if agency is not None else f.get("agency")
        self.raw_key = agency_key if agency_key is not None else f.get("agency_key")
        self.year = year if year is not None else f.get("year")
        self.is_report = is_report if is_report is not None else f.get("is_report", True)
        self.key: str | None = None

    def __repr__(self) -> str:
        return f"<DocFacts {self.path} {self.raw_key} {self.year}>"

    @property
    def facts(self) -> dict[str, Any]:
        if self._facts is None:
            self._facts = self._loader() if self._loader else {}
        return self._facts

    def release(self) -> None:
        """Drop the loaded facts and texts (they are loaded again if needed)."""
        if self._loader is not None:
            self._facts = None
        if callable(getattr(self, "_texts_loader", None)):
            self._texts = self._texts_loader  # type: ignore[attr-defined]

    @property
    def template(self) -> str | None:
        return self.facts.get("template")

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def table(self, kind: str) -> dict[str, Any] | None:
        return (self.facts.get("tables") or {}).get(kind)

    def cell(self, kind: str, row: str, col: str) -> list[Any] | None:
        t = self.table(kind)
        return t["cells"].get(f"{row}|{col}") if t else None

    def value(self, kind: str, row: str, col: str) -> Decimal | None:
        c = self.cell(kind, row, col)
        return Decimal(c[2]) if c and c[2] is not None else None

    @property
    def sections(self) -> list[dict[str, Any]]:
        return self.facts.get("sections") or []

    def texts(self) -> dict[str, str]:
        t = self._texts
        if callable(t):
            self._texts_loader = t
            t = self._texts = t() or {}
        return t or {}


class Corpus:
    """The reports of a run, grouped by agency key and year (one file per
    agency and year, see the module docstring).  Facts are loaded as the
    rules reach a report and released after, so memory does not grow with
    the store."""

    def __init__(self, docs: Iterable[DocFacts]) -> None:
        docs = list(docs)
        for d in docs:
            # The key of the printed agency as this version reads it (a
            # store may hold a key computed by an older one).
            if d.agency is not None:
                d.raw_key = agency_key(d.agency)
        docs = [d for d in docs if d.is_report is not False and d.raw_key and d.year]
        years: dict[str, set[int]] = defaultdict(set)
        for d in docs:
            years[d.raw_key].add(int(d.year))  # type: ignore[index,arg-type]
        #: short key → the key printed with its parent regions
        self.links: dict[str, str] = link_keys(years, years)
        self.docs: list[DocFacts] = []
        chosen: dict[tuple[str, int], DocFacts] = {}
        for d in docs:
            d.key = self.links.get(d.raw_key, d.raw_key)  # type: ignore[arg-type]
            slot = (d.key, int(d.year))  # type: ignore[arg-type]
            if slot not in chosen or self._rank(d) < self._rank(chosen[slot]):
                chosen[slot] = d
        self.by_agency: dict[str, dict[int, DocFacts]] = defaultdict(dict)
        for (k, y), d in sorted(chosen.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            self.by_agency[k][y] = d
            self.docs.append(d)

    @staticmethod
    def _rank(d: DocFacts) -> tuple[int, str]:
        fmt = FORMAT_PREFERENCE.index(d.format) if d.format in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
        return (fmt, d.path)

    def pairs(self) -> Iterator[tuple[DocFacts, DocFacts]]:
        """(last year's report, this year's report) of every agency with
        reports for two consecutive years, agency by agency."""
        for k in sorted(self.by_agency):
            years = self.by_agency[k]
            for y in sorted(years):
                if y - 1 in years:
                    yield years[y - 1], years[y]
            for d in years.values():
                d.release()

    def each(self) -> Iterator[DocFacts]:
        """Every kept report, one at a time."""
        for d in self.docs:
            yield d
            d.release()

    def by_year(self) -> dict[int, list[DocFacts]]:
        out: dict[int, list[DocFacts]] = defaultdict(list)
        for d in self.docs:
            out[int(d.year)].append(d)  # type: ignore[arg-type]
        return dict(out)


class CorpusContext:
    """What a corpus rule reports through (the many-report RuleContext)."""

    def __init__(self, rule: Rule, options: dict[str, dict[str, Any]] | None = None) -> None:
        self.rule = rule
        self.options = dict(rule.options)
        for key in (rule.code, rule.name):
            self.options.update((options or {}).get(key, {}))
        #: (doc, Finding, line, context lines, related path)
        self.findings: list[tuple[DocFacts, Finding, int | None, list[str], str | None]] = []
        self.coverage: dict[int, tuple[DocFacts, RuleCoverage]] = {}

    def _cov(self, doc: DocFacts) -> RuleCoverage:
        if doc.id not in self.coverage:
            self.coverage[doc.id] = (doc, RuleCoverage(self.rule.code))
        return self.coverage[doc.id][1]

    def ok(self, doc: DocFacts, n: int = 1) -> None:
        self._cov(doc).checked += n

    def untestable(self, doc: DocFacts, reason: str, n: int = 1) -> None:
        c = self._cov(doc)
        c.untestable += n
        c.reasons[reason] = c.reasons.get(reason, 0) + n

    def fail(
        self,
        doc: DocFacts,
        evidence: list[tuple[int, int, int | None, str]],
        *,
        line: int | None = None,
        context: list[str] | None = None,
        reported: str | None = None,
        expected: str | None = None,
        severity: str | None = None,
        section: str | None = None,
        related: DocFacts | None = None,
        **args: Any,
    ) -> Finding:
        a = {"reported": reported, "expected": expected, **args}
        f = Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=severity or self.rule.severity,
            message=self.rule.message.format(**a),
            message_en=self.rule.message_en.format(**a),
            evidence=[Evidence(s, e, p, t) for s, e, p, t in evidence],
            reported=reported,
            expected=expected,
            section=section,
            file=doc.path,
            args={k: v for k, v in a.items() if isinstance(v, (str, int, float)) or v is None},
        )
        c = self._cov(doc)
        c.checked += 1
        c.failed += 1
        self.findings.append((doc, f, line, list(context or []), related.path if related else None))
        return f


def corpus_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Rule]:
    """The selected rules that run over many reports."""
    return [r for r in select_rules(select, ignore) if r.code in CORPUS_CHECKS]


def run_corpus_rules(
    corpus: Corpus,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
) -> list[CorpusContext]:
    """Run every selected corpus rule; one context (findings, coverage) each."""
    out = []
    for r in corpus_rules(select, ignore):
        ctx = CorpusContext(r, options)
        CORPUS_CHECKS[r.code](corpus, ctx)
        out.append(ctx)
    return out


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
_COL_ZH = {"natural": "自然人", "business": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织", "legal": "法律服务机构", "other_org": "其他", "total": "总计"}
_COL_EN = {"natural": "natural persons", "business": "businesses", "research": "research institutions", "nonprofit": "non-profits", "legal": "legal services", "other_org": "other organisations", "total": "total"}


def _cell_evidence(cell: list[Any], row_label: str, col_label: str) -> tuple[tuple[int, int, int | None, str], int | None, list[str]]:
    text, _state, _value, start, end, page, line, ctx = cell[:8]
    return (start, end, page, f"{row_label} | {col_label} | {text or '(空)'}"), line, ctx


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return "?"
    return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)


def _sec_evidence(s: dict[str, Any]) -> tuple[tuple[int, int, int | None, str], int | None, list[str]]:
    return (s["start"], s["body_start"], s.get("page"), s["heading"]), s.get("line"), s.get("ctx") or []


_NORM_RE = lazyre.compile_std(r"[\s\W_]+", re.UNICODE)
_DIGITS_RE = lazyre.compile_std(r"\d+")


def normalise_for_similarity(text: str) -> str:
    """Text as compared: NFKC, every run of digits → 0 (a changed year or
    count is still a copy), no whitespace or punctuation."""
    t = unicodedata.normalize("NFKC", text)
    t = _DIGITS_RE.sub("0", t)
    return _NORM_RE.sub("", t)


def shingles(text: str, k: int = 4) -> set[str]:
    t = normalise_for_similarity(text)
    if len(t) < k:
        return {t} if t else set()
    return {t[i : i + k] for i in range(len(t) - k + 1)}


def similarity(a: str, b: str, k: int = 4) -> float:
    """Jaccard similarity of the character ``k``-shingles of two texts
    (after :func:`normalise_for_similarity`); 1.0 for the same text."""
    sa, sb = shingles(a, k), shingles(b, k)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


_NUMBER_RE = lazyre.compile_std(r"\d+(?:\.\d+)?")
_YEAR_RE = lazyre.compile_std(r"(?<![\d.])(?:19|20)\d\d(?=\s*年)")


def _numbers_kept(text: str, prev: str) -> tuple[int, int]:
    """(numbers of ``text`` also in ``prev``, numbers in ``text``), as
    multisets: tells a copy with only the year changed from a template
    re-used with new figures."""
    from collections import Counter

    def nums(t: str) -> Counter[str]:  # years (2013年) left out: they change by design
        return Counter(_NUMBER_RE.findall(_YEAR_RE.sub(" ", unicodedata.normalize("NFKC", t))))

    a, b = nums(text), nums(prev)
    return sum((a & b).values()), sum(a.values())


# --------------------------------------------------------------------------
# GR701 carry-over continuity (spec §5.2 S-2)
# --------------------------------------------------------------------------
@corpus_rule(
    "GR701",
    name="carry-over-mismatch",
    family="cross-year",
    severity="warning",
    message="上年结转政府信息公开申请数量({column})为{reported},上年报告({prev_file})的结转下年度继续办理为{expected}",
    message_en="applications carried in from {prev_year} ({column_en}) are {reported}, but the {prev_year} report ({prev_file}) carried {expected} over",
    builtin=True,
)
def carry_over_mismatch(corpus: Corpus, ctx: CorpusContext) -> None:
    """上年结转 differs from 结转下年度继续办理 in the agency's report for last year.

    What it does:
        For every agency with reports for two consecutive years Y−1 and Y
        (2019 format or later), compares, column by column (自然人 … 总计),
        row 二、上年结转政府信息公开申请数量 of year Y with row 四、结转下年度继续办理
        of year Y−1 (spec §5.2, S-2).  One finding per column that differs,
        on the year-Y report, pointing at its 上年结转 cell.
    Why it matters:
        An application not finished last year is carried into this year: the
        two figures describe the same applications and should be equal.  A
        difference means one of the two reports is wrong, or applications
        were lost or invented between the years.
    Example:
        【2021】
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        【2022】
        | 二、上年结转政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        → warning, reported 5, expected 3 (on the 2022 report, 总计; 自然人 and 商业企业 too)
    Consistent example:
        【2021】
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        【2022】
        | 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    Known exceptions:
        Not checked for Y = 2019 (the 2018 report used the old format, with no
        such row).  Warnings, not errors, because a legitimate difference
        exists: institutional restructuring, mergers or renamings (reports
        under different names are not paired at all); a change of reporting
        scope (本机关 vs 全区); an applicant moved to another column; a later
        correction of last year's report.  Blank, "/" or missing cells are
        untestable, never a pass.
    """
    for prev, cur in corpus.pairs():
        if cur.year == 2019:
            ctx.untestable(cur, "2018 report uses the old format (no 结转 rows)")
            continue
        tp, tc = prev.table("applications"), cur.table("applications")
        if not tp or not tc:
            ctx.untestable(cur, "no applications table in one of the two years")
            continue
        if tp.get("ambiguous") or tc.get("ambiguous"):
            ctx.untestable(cur, "applications table could not be mapped unambiguously")
            continue
        for col in _COLUMNS:
            cin = cur.cell("applications", "carry_in", col)
            vin, vout = cur.value("applications", "carry_in", col), prev.value("applications", "carry_out", col)
            if vin is None or vout is None or cin is None or len(cin) < 8:
                ctx.untestable(cur, "carry-over cell blank or missing")
                continue
            if vin == vout:
                ctx.ok(cur)
                continue
            ev, line, context = _cell_evidence(cin, "二、上年结转政府信息公开申请数量", _COL_ZH[col])
            ctx.fail(
                cur,
                [ev],
                line=line,
                context=context,
                reported=_fmt(vin),
                expected=_fmt(vout),
                section="on_request",
                related=prev,
                column=_COL_ZH[col],
                column_en=_COL_EN[col],
                prev_year=prev.year,
                prev_file=prev.name,
            )


# --------------------------------------------------------------------------
# GR702 stock-flow of 现行有效件数 (spec §5.4, S-7)
# --------------------------------------------------------------------------
_STOCK_ROWS = {"regulations": ("规章", "rules (规章)"), "normative_docs": ("行政规范性文件", "normative documents")}


@corpus_rule(
    "GR702",
    name="stock-flow-mismatch",
    family="cross-year",
    severity="warning",
    message="{row}现行有效件数为{reported},按上年报告({prev_file})现行有效{prev_valid}件+本年制发{made}件−本年废止{repealed}件应为{expected}件({direction})",
    message_en="{row_en} in force: {reported}, but {prev_year}'s {prev_valid} ({prev_file}) + {made} made − {repealed} repealed gives {expected} ({direction_en})",
    builtin=True,
)
def stock_flow_mismatch(corpus: Corpus, ctx: CorpusContext) -> None:
    """现行有效件数 differs from last year's figure plus 制发 minus 废止.

    What it does:
        For every agency with 2021-format reports for two consecutive years,
        checks valid(Y) = valid(Y−1) + made(Y) − repealed(Y) for the rows
        规章 and 行政规范性文件 of table 二、主动公开政府信息情况 (spec §5.4, S-7).
        More documents in force than the flow allows is a warning; fewer is
        reported as info, since documents also lapse when their 有效期 ends
        without a formal 废止.
    Why it matters:
        The stock of documents in force can only grow by documents made and
        shrink by documents repealed or expired.  A stock above last year's
        stock plus this year's new documents means a figure is wrong.
    Example:
        【2021】
        | 行政规范性文件 | 7 | 2 | 51 |
        【2022】
        | 行政规范性文件 | 6 | 3 | 60 |
        → warning, reported 60, expected 54 (51 + 6 − 3)
    Consistent example:
        【2021】
        | 行政规范性文件 | 7 | 2 | 51 |
        【2022】
        | 行政规范性文件 | 6 | 3 | 54 |
    Known exceptions:
        Documents that lapse at the end of their 有效期 (lower stock: info);
        periodic clean-ups (清理) and restructuring; revised documents counted
        as made without repealing the old version.  The 2019 format has no
        现行有效件数, so pairs with a 2019-format year are untestable.
    """
    for prev, cur in corpus.pairs():
        tp, tc = prev.table("proactive"), cur.table("proactive")
        if not tp or not tc:
            ctx.untestable(cur, "no proactive table in one of the two years")
            continue
        for row, (zh, en) in _STOCK_ROWS.items():
            pv = prev.value("proactive", row, "valid")
            made, rep, val = (cur.value("proactive", row, c) for c in ("made", "repealed", "valid"))
            cell = cur.cell("proactive", row, "valid")
            if pv is None or made is None or rep is None or val is None or cell is None or len(cell) < 8:
                ctx.untestable(cur, "现行有效件数 missing (2019 format, blank or '/')")
                continue
            want = pv + made - rep
            if val == want:
                ctx.ok(cur)
                continue
            higher = val > want
            ev, line, context = _cell_evidence(cell, zh, "现行有效件数")
            ctx.fail(
                cur,
                [ev],
                line=line,
                context=context,
                reported=_fmt(val),
                expected=_fmt(want),
                severity="warning" if higher else "info",
                section="proactive",
                related=prev,
                row=zh,
                row_en=en,
                prev_year=prev.year,
                prev_file=prev.name,
                prev_valid=_fmt(pv),
                made=_fmt(made),
                repealed=_fmt(rep),
                direction=f"多{_fmt(val - want)}件" if higher else f"少{_fmt(want - val)}件,可能有文件到期失效",
                direction_en=f"{_fmt(val - want)} more than the flow allows" if higher else f"{_fmt(want - val)} fewer: documents may have lapsed",
            )


# --------------------------------------------------------------------------
# GR703 text repeated from last year (spec §6, E5 / E17)
# --------------------------------------------------------------------------
_KIND_ZH = {
    "overview": "总体情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}


@corpus_rule(
    "GR703",
    name="text-repeated",
    family="cross-year",
    severity="warning",
    message="「{heading}」与上年报告({prev_file})「{prev_heading}」几乎相同,文字相似度{reported}{numbers}",
    message_en="section '{heading}' nearly repeats the {prev_year} report ({prev_file}) '{prev_heading}': similarity {reported}{numbers_en}",
    options={"threshold": 0.8, "min_chars": 100, "shingle": 4},
    builtin=True,
)
def text_repeated(corpus: Corpus, ctx: CorpusContext) -> None:
    """A section of this year's report repeats last year's nearly verbatim.

    What it does:
        For every agency with reports for two consecutive years, compares each
        prose section of year Y with the sections of the same canonical kind
        in year Y−1: the Jaccard similarity of their character 4-shingles,
        after NFKC, with whitespace and punctuation removed and every number
        replaced by 0 (a copy with only the year or the counts changed is
        still a copy).  A section at or above the threshold (80%) is
        reported with its similarity figure and how many of its numbers are
        the same as last year's (all the same: a copy with the year changed;
        few: a template re-used with new figures).  Compared: every section of an
        old-template report except its statistics table; in the 2019 and 2021
        templates only 一、总体情况, 五、存在的主要问题及改进情况 and
        六、其他需要报告的事项 (二、三、四 are standard tables).
    Why it matters:
        Copying last year's report with the year changed is a documented
        failing (E5: 东莞市统计局; 法治蓝皮书 2017 found reports ~90% repeated);
        a 存在的主要问题 section repeated word for word shows that the problems
        were neither solved nor re-examined (E17).
    Example:
        【2021】
        本县坚持以公开为常态、不公开为例外,围绕优化营商环境、乡村振兴和民生保障等重点工作,及时公开政策文件、财政预决算、重大建设项目和公共资源配置信息,完善政策解读和回应关切机制,规范依申请公开办理流程,加强政府网站和政务新媒体管理,政务公开的质量和实效进一步提升。
        【2022】
        本县坚持以公开为常态、不公开为例外,围绕优化营商环境、乡村振兴和民生保障等重点工作,及时公开政策文件、财政预决算、重大建设项目和公共资源配置信息,完善政策解读和回应关切机制,规范依申请公开办理流程,加强政府网站和政务新媒体管理,政务公开的质量和实效进一步提升。
        → warning, reported 100% (the 2022 overview repeats 2021's)
    Consistent example:
        【2021】
        本县坚持以公开为常态、不公开为例外,围绕优化营商环境、乡村振兴和民生保障等重点工作,及时公开政策文件、财政预决算、重大建设项目和公共资源配置信息,完善政策解读和回应关切机制,规范依申请公开办理流程,加强政府网站和政务新媒体管理,政务公开的质量和实效进一步提升。
        【2022】
        本年度本县聚焦政策落实和民生关切,新开设“惠企政策直达”专栏,集中发布涉企扶持政策一百余项;组织政府开放日活动四场,邀请群众代表走进部门了解审批流程;对依申请公开答复文书实行法制审核全覆盖,答复质量明显提高,群众满意度持续上升。
    Known exceptions:
        Standing formulas (a one-line 收费 statement, "无") are short and
        ignored (fewer than 100 characters after normalisation).  An agency
        may legitimately describe the same unsolved problem again; the
        finding is a warning to read the two sections, not proof of copying.
    Options:
        threshold (0.8), min_chars (100), shingle (4).
    """
    thr = float(ctx.options.get("threshold", 0.8))
    min_chars = int(ctx.options.get("min_chars", 100))
    k = int(ctx.options.get("shingle", 4))
    for prev, cur in corpus.pairs():
        ct, pt = cur.texts(), prev.texts()
        psecs = [(s, pt.get(str(i))) for i, s in enumerate(prev.sections)]
        for i, s in enumerate(cur.sections):
            body = ct.get(str(i))
            if body is None:
                continue
            if len(normalise_for_similarity(body)) < min_chars:
                continue
            cands = [(ps, pb) for ps, pb in psecs if pb is not None and ps["kind"] == s["kind"] and len(normalise_for_similarity(pb)) >= min_chars]
            if not cands:
                ctx.untestable(cur, f"no {s['kind']} section last year")
                continue
            sc = shingles(body, k)
            best, best_sec = -1.0, None
            for ps, pb in cands:
                sp = shingles(pb, k)
                sim = len(sc & sp) / len(sc | sp) if sc | sp else 1.0
                if sim > best:
                    best, best_sec = sim, ps
            if best < thr:
                ctx.ok(cur)
                continue
            assert best_sec is not None
            ev, line, context = _sec_evidence(s)
            pct = f"{best:.0%}"
            same, total = _numbers_kept(body, pt.get(str(prev.sections.index(best_sec)), ""))
            ctx.fail(
                cur,
                [ev],
                line=line,
                context=context,
                reported=pct,
                expected=f"<{thr:.0%}",
                section=s["kind"],
                related=prev,
                heading=s["heading"],
                prev_heading=best_sec["heading"],
                prev_year=prev.year,
                prev_file=prev.name,
                similarity=round(best, 4),
                numbers=(f",{total}个数字中{same}个与上年相同" if total else ""),
                numbers_en=(f"; {same} of its {total} numbers as last year" if total else ""),
            )


# --------------------------------------------------------------------------
# GR704 identical tables across agencies (spec §5.2 S-4, §6 E6)
# --------------------------------------------------------------------------
_TABLE_ZH = {
    "applications": "收到和处理政府信息公开申请情况表",
    "review": "政府信息公开行政复议、行政诉讼情况表",
    "proactive": "主动公开政府信息情况表",
    "old_stats": "政府信息公开情况统计表",
}
_TABLE_EN = {
    "applications": "applications table",
    "review": "review and litigation table",
    "proactive": "proactive disclosure table",
    "old_stats": "statistics table",
}
_TABLE_SECTION = {"applications": "on_request", "review": "review_litigation", "proactive": "proactive", "old_stats": "statistics"}


@corpus_rule(
    "GR704",
    name="identical-tables",
    family="cross-year",
    severity="info",
    message="{table}与同年{other_agency}的报告({other_file})完全相同({nonzero}个非零数值){more}",
    message_en="the {table_en} is identical to {other_agency}'s for the same year ({other_file}; {nonzero} non-zero values){more_en}",
    options={"min_nonzero": 1},
    builtin=True,
)
def identical_tables(corpus: Corpus, ctx: CorpusContext) -> None:
    """Two different agencies report the very same non-zero table in one year.

    What it does:
        For each year, compares the standard tables (申请 table, 复议诉讼
        table, 主动公开 table, and the old statistics table) of every pair of
        different agencies, cell by cell.  When a table's cells are all equal
        and not all zero, each of the reports gets an info finding naming the
        other agency.
    Why it matters:
        Two organs rarely receive, grant and refuse exactly the same numbers
        of applications in every applicant column.  Identical vectors suggest
        one report copied another's table (spec S-4, E6: 跨区域抄袭).
    Example:
        【示例市教育局 2022】
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        【示例市生态环境局 2022】
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        → info (on both reports, for each of the three tables)
    Consistent example:
        【示例市教育局 2022】
        | 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        【示例市生态环境局 2022】
        | 一、本年新收政府信息公开申请数量 | 100 | 12 | 0 | 1 | 3 | 2 | 118 |
        | 四、结转下年度继续办理 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
        | 行政规范性文件 | 5 | 1 | 30 |
        | 1 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        → the same year, but every table differs
    Known exceptions:
        Very small tables (one application, granted) can coincide by chance;
        a department and the government it belongs to may legitimately
        publish the same table when one reports for the other.
    Options:
        min_nonzero (1): the least number of non-zero cells a table needs.
    """
    min_nz = int(ctx.options.get("min_nonzero", 1))
    buckets = _tables_by_content(corpus, min_nz)
    for (_year, kind, _h), entries in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if len({d.key for d, _, _ in entries}) < 2:
            for d, _, _ in entries:
                ctx.ok(d)
            continue
        for d, nonzero, (ev, line, context) in entries:
            others = [o for o, _, _ in entries if o.key != d.key]
            o = others[0]
            ctx.fail(
                d,
                [ev],
                line=line,
                context=context,
                reported=f"{nonzero}个非零数值",
                section=_TABLE_SECTION[kind],
                related=o,
                table=_TABLE_ZH[kind],
                table_en=_TABLE_EN[kind],
                other_agency=o.agency or o.key,
                other_file=o.name,
                nonzero=nonzero,
                more=f"(另有{len(others) - 1}个机关相同)" if len(others) > 1 else "",
                more_en=f" (and {len(others) - 1} more)" if len(others) > 1 else "",
            )


def _tables_by_content(corpus: Corpus, min_nz: int) -> dict[tuple[int, str, str], list[tuple[DocFacts, int, tuple[Any, ...]]]]:
    """Every table with at least ``min_nz`` non-zero cells (unambiguous), by
    (year, kind, hash of its cells), each as (report, its non-zero cells,
    the evidence to cite); one pass over the reports, keeping per table only
    a hash of its cells."""
    buckets: dict[tuple[int, str, str], list[tuple[DocFacts, int, tuple[Any, ...]]]] = defaultdict(list)
    for d in corpus.each():
        for kind in _TABLE_ZH:
            t = d.table(kind)
            if not t or t.get("ambiguous"):
                continue
            vec = tuple(sorted((k, c[2]) for k, c in t["cells"].items() if c[2] is not None))
            nonzero = sum(1 for _, v in vec if Decimal(v) != 0)
            if not vec or nonzero < min_nz:
                continue
            key = (int(d.year), kind, hashlib.sha1(repr(vec).encode("utf-8")).hexdigest())  # type: ignore[arg-type]
            buckets[key].append((d, nonzero, _table_citation(d, kind, t)))
    return buckets


def _table_citation(d: DocFacts, kind: str, t: dict[str, Any]) -> tuple[Any, ...]:
    """(evidence, line, context) to cite a report's table: its recorded
    evidence, else its section's heading, else its start."""
    if t.get("ev"):
        s0, e0, page, line, context = t["ev"]
        return (s0, e0, page, _TABLE_ZH[kind]), line, context
    sec = next((s for s in d.sections if s["kind"] == _TABLE_SECTION[kind]), None)
    if sec is not None:
        return _sec_evidence(sec)
    return (t.get("start", 0), t.get("start", 0), None, _TABLE_ZH[kind]), None, []


# --------------------------------------------------------------------------
# GR705 a region's report against the sum of its subordinates' reports
# --------------------------------------------------------------------------
#: The 表三/表四 totals a region-wide report is compared on.
_HIERARCHY_CELLS = (
    ("applications", "new", "total", "一、本年新收政府信息公开申请数量(总计)", "new applications"),
    ("applications", "carry_in", "total", "二、上年结转政府信息公开申请数量(总计)", "applications carried in"),
    ("applications", "processed_total", "total", "(七)总计(总计)", "applications processed"),
    ("applications", "carry_out", "total", "四、结转下年度继续办理(总计)", "applications carried out"),
    ("review", "review", "total", "行政复议(总计)", "administrative reviews"),
    ("review", "lit_direct", "total", "行政诉讼 未经复议直接起诉(总计)", "lawsuits without review"),
    ("review", "lit_after_review", "total", "行政诉讼 复议后起诉(总计)", "lawsuits after review"),
)
#: A report that speaks of its whole region: 全县共收到…申请, 全市各级行政机关…
_REGION_WIDE_RE = lazyre.compile_std(r"全(?:省|市|州|盟|县|区|旗)(?:各级(?:行政机关|政府|单位))?(?:共|累计|合计)?(?:收到|受理|新收|办理)")


def region_wide(text: str) -> re.Match[str] | None:
    """Where a report says it covers its whole region (全县共收到…申请), or None."""
    return _REGION_WIDE_RE.search(text)


def _hierarchy(ctx: CorpusContext) -> dict[str, list[str]]:
    """Parent agency key → its children's agency names (the ``hierarchy``
    option: [child, parent] pairs, from ``gireport audit --hierarchy``)."""
    out: dict[str, list[str]] = defaultdict(list)
    for pair in ctx.options.get("hierarchy") or ():
        child, parent = pair[0], pair[1]
        pk = agency_key(parent)
        if pk and child:
            out[pk].append(child)
    return dict(out)


def _docs_by_agency_year(corpus: Corpus) -> dict[tuple[str, int], DocFacts]:
    """Each report of the run under (agency key, year), by its normalised
    and its raw agency key; the first report of a pair wins."""
    by_key: dict[tuple[str, int], DocFacts] = {}
    for d in corpus.docs:
        for k in {d.key, d.raw_key}:
            if k:
                by_key.setdefault((k, int(d.year)), d)  # type: ignore[arg-type]
    return by_key


def _not_region_wide(d: DocFacts) -> str | None:
    """Why a parent organ's report cannot be compared with its
    subordinates' (no standard tables, or it does not say it covers its
    whole region), or None when it can."""
    if d.template not in ("2019", "2021"):
        return "not a 2019/2021-format report (no standard tables)"
    wide = d.facts.get("region_wide")
    if not (wide if wide is not None else any(region_wide(t) for t in d.texts().values())):
        return "the report does not say it covers its whole region"
    return None


def _subordinate_reports(
    corpus: Corpus, d: DocFacts, names: list[str], by_key: dict[tuple[str, int], DocFacts]
) -> tuple[list[DocFacts], list[str]]:
    """(the subordinates' reports of ``d``'s year in the run, the names of
    those not in it); a subordinate named twice counts once, and ``d``
    itself is never its own subordinate."""
    kids: list[DocFacts] = []
    missing: list[str] = []
    seen: set[int] = set()
    for name in names:
        k = agency_key(name)
        kid = by_key.get((corpus.links.get(k, k), int(d.year))) or by_key.get((k, int(d.year))) if k else None  # type: ignore[arg-type]
        if kid is None:
            missing.append(name)
        elif id(kid) not in seen and kid is not d:
            seen.add(id(kid))
            kids.append(kid)
    return kids, missing


def _compare_with_subordinates(ctx: CorpusContext, d: DocFacts, kids: list[DocFacts]) -> None:
    """Compare each total of :data:`_HIERARCHY_CELLS` in ``d`` with the sum
    over ``kids``: ok when equal, a failure citing ``d``'s table when not,
    untestable when a cell is blank or missing on either side."""
    for kind, row, col, zh, en in _HIERARCHY_CELLS:
        mine = d.value(kind, row, col)
        theirs = [k.value(kind, row, col) for k in kids]
        if mine is None or any(v is None for v in theirs):
            ctx.untestable(d, f"{zh}: a cell is blank or missing here or in a subordinate's report")
            continue
        total = sum(theirs, Decimal(0))
        if total == mine:
            ctx.ok(d)
            continue
        evidence, line, context = _table_evidence(d, kind, zh)
        ctx.fail(d, [evidence], line=line, context=context, reported=_fmt(mine), expected=_fmt(total),
                 section="on_request" if kind == "applications" else "review_litigation", cell=zh, cell_en=en, n=len(kids))


def _table_evidence(d: DocFacts, kind: str, label: str) -> tuple[tuple[Any, ...], Any, Any]:
    """(evidence span labelled ``label``, line, context) of ``d``'s
    standard table ``kind``: its recorded evidence, or its start."""
    t = d.table(kind) or {}
    ev = t.get("ev")
    if ev:
        return (ev[0], ev[1], ev[2], label), ev[3], ev[4]
    return (t.get("start", 0), t.get("start", 0), None, label), None, []


@corpus_rule(
    "GR705",
    name="region-vs-subordinates",
    family="cross-year",
    severity="warning",
    message="全辖区报告{cell}为{reported},{n}份下级报告之和为{expected}",
    message_en="the region-wide report's {cell_en} is {reported}, but its {n} subordinates' reports add up to {expected}",
    options={"hierarchy": []},
    builtin=True,
)
def region_vs_subordinates(corpus: Corpus, ctx: CorpusContext) -> None:
    """A region-wide report's standard-table totals differ from the sum of
    its subordinate governments' and departments' reports of the same year.

    What it does:
        Given a hierarchy (``gireport audit --hierarchy FILE``: a CSV with
        columns ``agency`` and ``parent``, one row per subordinate organ),
        takes every report of a parent organ that says it covers its whole
        region (全县共收到…申请, 全市各级行政机关…) and compares its totals —
        新收, 上年结转, 办理结果总计, 结转 (表三) and the 复议/诉讼 totals
        (表四) — with the sum over its subordinates' reports of the same
        year in the run.  A subordinate whose report is not in the run makes
        the comparison untestable, naming the missing reports — never a
        pass; so does a blank cell.

    Why it matters:
        A region-wide report that aggregates its organs' figures must add
        up to them; a difference means figures were lost, counted twice, or
        the aggregate was written independently of the organs' reports.

    Example:
        【上级】 青禾县人民政府: 青禾县教育局、青禾县水务局
        【青禾县人民政府 2021】
        全县共收到政府信息公开申请12件。
        | 一、本年新收政府信息公开申请数量 | 9 | 3 | 0 | 0 | 0 | 0 | 12 |
        【青禾县教育局 2021】
        | 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        【青禾县水务局 2021】
        | 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        → warning, reported 12, expected 10

    Consistent example:
        【上级】 青禾县人民政府: 青禾县教育局、青禾县水务局
        【青禾县人民政府 2021】
        全县共收到政府信息公开申请10件。
        | 一、本年新收政府信息公开申请数量 | 8 | 2 | 0 | 0 | 0 | 0 | 10 |
        | 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
        | (七)总计 | 8 | 2 | 0 | 0 | 0 | 0 | 10 |
        | 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
        | 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        【青禾县教育局 2021】
        | 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
        | (七)总计 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
        | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        【青禾县水务局 2021】
        | 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
        | (七)总计 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
        | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
        | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

    Known exceptions:
        Only the hierarchy given is used: a subordinate left out of it is
        not counted, and the parent's own organ (its office) must be listed
        as a subordinate when the region-wide figures include it.
        Warnings, because an aggregate may legitimately differ (an organ
        merged during the year).
    """
    tree = _hierarchy(ctx)
    if not tree:
        return
    by_key = _docs_by_agency_year(corpus)
    for d in corpus.docs:
        names = tree.get(d.raw_key or "") or tree.get(d.key or "")
        if not names:
            continue
        why = _not_region_wide(d)
        if why:
            ctx.untestable(d, why)
            continue
        kids, missing = _subordinate_reports(corpus, d, names, by_key)
        if missing:
            ctx.untestable(d, f"subordinates' reports not in the run: {'、'.join(sorted(set(missing)))}")
            continue
        _compare_with_subordinates(ctx, d, kids)
    for d in corpus.docs:
        d.release()
