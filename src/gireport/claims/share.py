"""Share claims: a percentage of a whole ("…155条,所占比例7.2%").

A share keeps every plausible reading of its whole rather than one guess;
``whole_source`` says how the primary reading was found and ``alt_wholes``
holds the others.  Readings, in order:

1. an explicit whole in the same sentence ("占全部3521条的7.2%");
2. a breakdown that already lists the part ("总数3521条。其中…2304条" makes
   3521 the whole of a later "2304条,所占比例65.4%");
3. a scope phrase stating its number ("在…主动公开的425条政府信息中");
4. a list of shares whose parts add up to a total the report states earlier
   ("parts-total"), or whose percentages add up to 100 within rounding so
   that the parts are the whole ("parts-sum");
5. a scope phrase earlier in the paragraph ("在县本级全部公开信息中") that
   points at the latest stated total of the section ("scope");
6. for a list of bare shares ("…16件,占42.1%;…5件,占13.2%"), every count of
   the paragraph before it that can hold the parts and the latest total of
   the section, the nearest cued total (共, 全年, 总数) first ("context");
7. a completion rate (办结率) as finished of received in its sentence
   ("rate"), with received plus carry-over as another whole;
8. a whole named in words ("占全部答复的", "占办结总数的", "占全部主动公开信息
   的") as the counts stated for that noun earlier in the paragraph or the
   section, nearest first (an inferred reading, "context").

A list of shares after 分别占 ("规划类50条、财政类80条、人事类70条,三类信息
分别占25.0%、40.0%和35.0%") maps one to one onto as many counts listed
before it; a part named in words ("规划类信息占全部主动公开信息的比重为…") is
the one count stated earlier in the paragraph for that noun.

A list whose shares sit on only some of its items ("按答复结果分,同意公开44件,
占55.0%;同意部分公开9件;…") takes as whole a stated total that all its
counts add up to ("parts-total"); under a classification the sum of its
counts is one more candidate of reading 6.  A single share ("…的申请18件,占比
达到40.0%") gets the candidates of reading 6 too, kept in ``alt_wholes``
while the share itself stays unresolved (the table stage still checks it
against the table's totals); the share rule tries them as an inferred
reading.  A single outcome share (予以公开…) is tried only when a count of
the applications processed (办结, 答复) is among them.  A sibling part —
another item of the list the share belongs to ("予以公开30件、部分公开6件,
两项合计占…;本机关不掌握相关信息9件,占15.5%": 30 and 6 for the 9), or an
earlier count of the same kind (an outcome, a channel, an applicant type) —
is never a candidate; with none left the share stays open.

The part must be tied to 占 by its own clause ("…155条,所占比例7.2%"); a new
subject before 占 ("…1,040条,委办局推送量占…") leaves the share without a
part.  A share of a sum ("予以公开29件,部分公开5件,合计占…", "…,两项合计占…",
"以上三类共占…") has the sum as its part (``summed`` lists the counts); the
count word (两项) is never a part, and when where the summed list starts is
unknown the share has no part.  Otherwise the share stays unresolved, which
the auditor counts as untestable.  Readings 5–7 and the candidates of a
single share are inferred: a rule failing on them reports at most a
warning, and only when no reading fits.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import regex as re
from decimal import Decimal

from ..numbers import Number, find_numbers
from .common import (
    ANSWER_KINDS,
    _OF_WHOLE_RE,
    _P2,
    _PUNCT_ONLY_RE,
    _RATE_WORDS,
    _SCOPE_NUM_RE,
    _SCOPE_RE,
    _ZHAN_RE,
    Para,
    _Ctx,
    list_run,
    _Nums,
    count_word,
    _LIST_OPEN_RE,
    _lead,
    _is_count,
    _is_percent,
    compatible_units,
)
from .model import Share
from .subject import subject_before
from .. import lazyre

__all__ = ["find_shares"]

_BARE_LINK_RE = lazyre.compile(r"^[,，(（]?\s*(?:所占比例|所占比重|占比例|占比|比例|比重|占到|占)(?:为|是|达到|达|高达|已达)?$")
_SUMMED_BARE_RE = lazyre.compile(r"(?:合计|共计|总计|累计|加起来|一共|总共|共)(?:所?占|占比|占到)(?:为|是|达到|达)?$")
_PART_LINK_RE = lazyre.compile(r"^[\s,，、(（]*(?:分别|约|共|均|各|仅|只|合计|共计)?(?:所?占|占到|占了|约占|占比|比例|比重)")


def find_shares(para: Para) -> list[Share]:
    """The shares of a paragraph, their wholes resolved where the text allows."""
    ctx, text, section = para.ctx, para.text, para.section
    shares: list[Share] = []
    resp = respectively_parts(para)
    for n in para.qty:
        if not _is_percent(n) or id(n) in para.change_nums:
            continue
        if id(n) in resp:
            part = resp[id(n)]
            if part is None:
                shares.append(Share(para.sent_of(n.start)[0], n.end, None, section, percent=n, whole_note="分别占: the listed counts do not map onto the shares"))
                continue
            s, _ = para.sent_of(part.start)
            shares.append(Share(part.start, n.end, subject_before(text, s, part.start), section, percent=n, part=part, whole_note="分别占: the item of the listed counts in the same place"))
            continue
        s, e = para.sent_of(n.start)
        before = text[s : n.start]
        if _RATE_WORDS.search(before[-8:]) and not _ZHAN_RE.search(before[-8:]):
            # A rate (办结率, 增长) rather than a share of a stated whole.
            if _P2.search(before):
                shares.append(_completion_rate(para, n, s) or Share(s, e, subject_before(text, s, n.start), section, percent=n, whole_note="a rate with no part stated"))
            continue
        sh = _share_at(ctx, n, s, para.qty, section)
        if sh.part is None:
            sh = _named_part_share(para, n, s) or sh
        shares.append(sh)
    for sh in shares:
        if sh.part is not None and sh.whole is None:
            sh.whole_named = _named_whole(text, sh) or ""
    # Whole resolution that needs the list of shares in the paragraph.
    local = [(n, id(n) in para.cued) for n in para.qty if _is_count(n) and id(n) not in para.change_nums]
    _resolve_shares(ctx, shares, para.pstart, section, para.qty, para.pend, local, para)
    return shares


#: "…,三类信息分别占25.0%、40.0%和35.0%": a list of shares after 分别占
#: (a whole named in words may come between), one per listed item.
RESPECTIVELY_RE = lazyre.compile(
    r"(?:分别(?:占比|占到|约占|所?占)(?:比例|比重)?(?:为|是|达)?(?P<whole>[^\d,，。;；:：、]{0,16}?的(?:比例|比重)?(?:为|是)?)?"
    r"|(?:所占比例|所占比重|占比|比例|比重)分别(?:为|是|达|约)?)"
)
_RESP_WORD_RE = lazyre.compile(r"[两二三四五六七八九2-9](?:项|类|种|个方面)[^\d,，。;；:：、]{0,8}")
_RESP_SEP_RE = lazyre.compile(r"^\s*(?:、|,|，|和|及|与|以及)\s*$")


def respectively_percents(para: Para, m: re.Match[str]) -> list[Number]:
    """The percentages listed right after a 分别占 cue (two or more), or []."""
    out: list[Number] = []
    pos = m.end()
    for q in para.qty.between(m.end(), len(para.text)):
        if not _is_percent(q) or (q.start != pos and not _RESP_SEP_RE.match(para.text[pos : q.start])):
            break
        out.append(q)
        pos = q.end
    return out if len(out) >= 2 else []


def _is_resp_word(text: str, q: Number, cue: int) -> bool:
    """A count that counts the items of a 分别占 list ("三类信息分别占"): a
    count word, or a count running right up to the cue."""
    return bool(count_word(text, q) or _RESP_WORD_RE.fullmatch(text, q.start, cue))


def _respectively_zone(para: Para, m: re.Match[str], i: int) -> tuple[tuple[int, int], list[Number]]:
    """Where the listed counts of a 分别占 cue are read, and its numbers:
    the cue's sentence up to the cue, or, with no listed count there, from
    the sentence before on."""
    text = para.text
    zone = (para.sents[i][0], m.start())
    nums = para.qty.between(*zone)
    if not any(_is_count(q) and not _is_resp_word(text, q, m.start()) for q in nums) and i > 0:
        zone = (para.sents[i - 1][0], m.start())
        nums = para.qty.between(*zone)
    return zone, nums


def _respectively_run(para: Para, zone: tuple[int, int], words: list[Number], k: int) -> list[Number] | None:
    """The ``k`` counts listed in the zone from what opens the list (其中, a
    colon) on, less a leading total; None unless exactly ``k`` exact counts
    in compatible units remain, none of them a total."""
    text = para.text
    lo = zone[0]
    for om in _LIST_OPEN_RE.finditer(text, zone[0], zone[1]):
        lo = om.end()
    run = [q for q in para.qty.between(lo, zone[1]) if _is_count(q) and not any(q is w for w in words) and not count_word(text, q) and id(q) not in para.change_nums]
    if len(run) == k + 1 and _is_base_lead(_clause_lead(text, zone[0], run[0])):
        run = run[1:]
    if len(run) != k or any(q.approx is not None for q in run) or not all(compatible_units(q.unit, run[0].unit) for q in run):
        return None
    if any(_is_base_lead(_clause_lead(text, zone[0], q)) for q in run):
        return None  # "受理申请30件,办结28件。…分别占…": totals, not the listed categories
    return run


def respectively_parts(para: Para) -> dict[int, Number | None]:
    """The parts of the shares of a 分别占 list: the counts listed before it,
    one to one ("规划类50条、财政类80条、人事类70条,三类信息分别占25.0%、
    40.0%、35.0%").  The listed counts are those of the cue's sentence (or,
    with none there, of the sentence before) from what opens the list (其中,
    a colon) on, less a leading total (全年…200条); they must be exactly as
    many as the percentages, as many as a count word before the cue says
    (三类), with no percentage among them.  Anything else: no parts (None;
    the count right before the cue is never the part of the first share)."""
    text = para.text
    out: dict[int, Number] = {}
    if "分别" not in para.ptext:
        return out  # every cue says 分别: most paragraphs are skipped without a scan
    for m in RESPECTIVELY_RE.finditer(text, para.pstart, para.pend):
        pcts = respectively_percents(para, m)
        i = para.sent_index(m.start())
        if not pcts or i is None:
            continue
        out.update((id(p), None) for p in pcts)  # a list of shares: no single count before it is their part
        k = len(pcts)
        s = para.sents[i][0]
        zone, nums = _respectively_zone(para, m, i)
        if any(_is_percent(q) for q in nums):
            continue
        # "三类信息分别占": the count word right before the cue counts the items
        words = [q for q in nums if _is_count(q) and q.start >= s and _is_resp_word(text, q, m.start())]
        run = _respectively_run(para, zone, words, k)
        if run is None or any(w.value != k for w in words):
            continue
        for q, p in zip(run, pcts):
            out[id(p)] = q
    return out


#: "…部分公开5件,合计占…", "…,以上两项共计占…", "二者合计占": the percentage
#: is a share of the sum of the counts listed before the cue.
_SUM_LINK_RE = lazyre.compile(
    r"[\s,，、]*(?:以上|上述|前述|这些|这|此|二者|两者|三者)?(?P<k>[两二三四五六七八九]|[2-9])?(?:项|类|种|者)?(?:的)?(?:数量|数|申请|信息)?"
    r"(?:合计|共计|总计|累计|加起来|一共|总共|共)(?:约)?(?:所?占|占到|占了|占比|比例|比重)"
)
#: a count of the listed items ("两项", "三类") followed by a summing word.
_COUNT_WORD_TAIL_RE = lazyre.compile(r"(?:的)?(?:数量|数|申请|信息)?(?:合计|共计|总计|累计|加起来|一共|总共|共)")
#: between two listed counts: a label (and a share of the first) only.
_LIST_GAP_RE = lazyre.compile(r"^[,，、;；和及与]?\s*(?:(?:所?占|占比)[^,，;；。\d]{0,4}\d[\d.]*%[,，、;；]?)?[^,，。;；:：()（）\d]{0,16}$")
#: a clause lead that makes its count a total rather than a listed item.
_TOTAL_LEAD_RE = lazyre.compile(r"共|全年|全部|总|累计|收到|受理|办结|答复|处理|接收|新收|结转|本年|今年|年度")
#: a demonstrative before a count word ("以上两项", "这两类"), and the words
#: from the count word to 占 ("两类申请占", "两项所占比例").
_DEMONSTRATIVE_RE = lazyre.compile(r"(?:以上|上述|前述|这|此)$")
_COUNT_WORD_ZHAN_RE = lazyre.compile(r"(?:的)?(?:数量|数|申请|信息|情形|答复)?(?:合计|共计|总计|共)?(?:约)?(?:所?占|占到|占了|占比|比例|比重)")
_PAIR_ZHAN_RE = lazyre.compile(r"[,，]\s*(?:以上|上述|这)?(?P<k>[两二三])者(?:合计|共计|共)?(?:约)?(?:所?占|占到|占了|占比|比例|比重)")
_CN_K = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _before_explicit_whole(text: str, pct: Number, sent_start: int, qty: _Nums) -> int:
    """Where the summed counts end: the percentage, or — when an explicit
    whole is printed after 占 ("两项合计占办结总数177件的48.0%") — that 占."""
    zm = None
    for zm in _ZHAN_RE.finditer(text, max(sent_start, pct.start - 40), pct.start):
        pass
    if zm is not None and any(_is_count(q) for q in qty.between(zm.end(), pct.start)):
        return zm.start()
    return pct.start


def _sum_cue(text: str, n: Number, pct: Number, sent_start: int) -> tuple[int | None, int] | None:
    """Whether the words from the last number ``n`` to the percentage say
    the share is of a sum, and if so (how many items are summed, when
    stated; where the summed counts end).  None: not a share of a sum."""
    if _is_count(n) and count_word(text, n) and _COUNT_WORD_TAIL_RE.match(text, n.end, pct.start):
        return int(n.value), n.start  # "两项合计占": 两项 counts the items, it is no part
    if _is_count(n) and n.unit in ("项", "类", "种") and n.value <= 9 and _DEMONSTRATIVE_RE.search(text, max(sent_start, n.start - 2), n.start) and _COUNT_WORD_ZHAN_RE.match(text, n.end, pct.start):
        return int(n.value), n.start  # "以上两项占…", "这两类申请占比": the items before, summed
    if (pm := _PAIR_ZHAN_RE.match(text, n.end, pct.start)) is not None:
        return _CN_K[pm.group("k")], n.end  # "…12件,二者占比48.0%"
    m = _SUM_LINK_RE.match(text, n.end, pct.start)
    if m is None:
        return None
    k = (_CN_K.get(m.group("k")) or int(m.group("k"))) if m.group("k") else None
    return k, n.end


def _listed_run(text: str, counts: list[Number], sent_start: int) -> tuple[list[Number], bool]:
    """The run of listed counts ending with the last one (compatible units,
    only labels between them), and whether what opens the list is seen (其中,
    a colon; or the run starts the sentence and its first count reads as no
    total: "全年办结66件,予以公开29件,…" has none)."""
    run = [counts[-1]]
    for q in reversed(counts[:-1]):
        gap = text[q.end : run[0].start]
        if not compatible_units(q.unit, run[0].unit) or not _LIST_GAP_RE.match(gap) or _LIST_OPEN_RE.search(gap):
            return run, bool(_LIST_OPEN_RE.search(gap))
        run.insert(0, q)
    return run, bool(_LIST_OPEN_RE.search(text, sent_start, run[0].start)) or not _TOTAL_LEAD_RE.search(text, sent_start, run[0].start)


def _summed_counts(run: list[Number], k: int | None, opened: bool) -> list[Number] | None:
    """The counts summed: the last ``k`` of the run when the items are
    counted, else the whole run when its start is known; None when they
    cannot be told or one is approximate."""
    if k is not None:
        if k > len(run):
            return None
        run = run[-k:]
    elif not opened or len(run) < 2:
        return None  # "全年办结66件,予以公开29件,部分公开5件,合计占…": where the list starts is unknown
    if any(q.approx is not None for q in run):
        return None
    return run


def _summed_part(text: str, pct: Number, sent_start: int, qty: _Nums) -> tuple[Number, list[Number]] | None | bool:
    """When the share is of the sum of the counts listed before it ("予以公开
    29件,部分公开5件,合计占…"; "…,两项合计占…"), the part as that sum and the
    listed counts.  False when the share is not of a sum; None when it is,
    but which counts are summed cannot be read (the share is untestable)."""
    end = _before_explicit_whole(text, pct, sent_start, qty)
    near = qty.between(sent_start, end)[-1:]
    if not near or not (_is_count(near[0]) or _is_percent(near[0])):
        return False
    cue = _sum_cue(text, near[0], pct, sent_start)
    if cue is None:
        return False
    k, cue_at = cue
    counts = [q for q in qty.between(sent_start, cue_at) if _is_count(q) and not count_word(text, q)]
    if not counts:
        return None
    listed, opened = _listed_run(text, counts, sent_start)
    run = _summed_counts(listed, k, opened)
    if run is None:
        return None
    total = sum((q.value for q in run), Decimal(0))
    part = replace(run[0], text="+".join(q.text for q in run), value=total, end=run[-1].end)
    return part, run


def _part_and_whole(text: str, pct: Number, sent_start: int, qty: _Nums) -> tuple[Number | None, Number | None]:
    """The part (the nearest count before the percentage in its sentence,
    not separated from it by another percentage) and an explicit whole
    printed between them ("…286条,占全部主动公开信息1,583条的16.1%")."""
    explicit_whole = None
    before = qty.between(sent_start, pct.start)[-8:]
    for n in reversed(before):
        if _is_percent(n):
            break
        if not _is_count(n):
            continue
        link = text[n.end : pct.start]
        # "…286条,占全部主动公开信息1,583条的16.1%": the count right before
        # the percentage is the whole, the one before 占 the part.
        if explicit_whole is None and _OF_WHOLE_RE.match(link) and _ZHAN_RE.search(text[max(sent_start, n.start - 24) : n.start]):
            explicit_whole = n
            continue
        if explicit_whole is not None:
            link = text[n.end : explicit_whole.start]
        # The part is the count whose own clause goes on to 占: "…155条,所占
        # 比例7.2%".  A new subject before 占 ("…1,040条,委办局推送量占…") or a
        # clause break (";公开率(…)为") names another part.
        if n.kind != "duration" and (_PART_LINK_RE.match(link) or _PUNCT_ONLY_RE.match(link)) and len(link) <= 30:
            return n, explicit_whole
        break
    return None, explicit_whole


def _share_at(ctx: _Ctx, pct: Number, sent_start: int, qty: _Nums, section: str) -> Share:
    text = ctx.text
    summed = _summed_part(text, pct, sent_start, qty)
    if summed is not False:
        return _summed_share(ctx, pct, sent_start, qty, section, summed)
    part, explicit_whole = _part_and_whole(text, pct, sent_start, qty)
    if explicit_whole is not None and part is not None:
        return Share(
            part.start, pct.end, subject_before(text, sent_start, part.start), section,
            percent=pct, part=part, whole=explicit_whole, whole_source="explicit", whole_note=f"占{explicit_whole.text}的",
            alt_parts=_list_sum_reading(text, part, pct, sent_start, qty),
        )
    if part is None:
        return Share(sent_start, pct.end, None, section, percent=pct, whole_note="no part stated")
    share = Share(part.start, pct.end, subject_before(text, sent_start, part.start), section, percent=pct, part=part)
    share.alt_parts = _list_sum_reading(text, part, pct, sent_start, qty)
    # 1. explicit whole: "占…<number>…的P" between the part and the percentage.
    between = text[max(part.end, pct.start - 80) : pct.start]
    zm = None
    for m in _ZHAN_RE.finditer(between):
        zm = m
    if zm is not None:
        zstart = max(part.end, pct.start - 80) + zm.end()
        cands = [q for q in qty.between(zstart, pct.start) if _is_count(q)]
        if cands:
            share.whole, share.whole_source = cands[0], "explicit"
            share.whole_note = f"占{cands[0].text}"
            return share
    # 1'. a whole named in words that a count before the part in the
    # sentence states: "无法提供399件,…,其中本机关不掌握…334件,占无法提供件数的83.71%"
    named = _named_count_before(text, share, qty, sent_start) if _OUTCOME_WHOLE_RE.search(text, part.end, pct.start) else None
    if named is not None:
        share.whole, share.whole_source = named, "scope"
        share.whole_note = f"the whole named in words is the count stated for it before, {named.text}"
        return share
    # 2. the part is itself a part of a breakdown read from "其中"
    bd = ctx.part_of.get(id(part))
    if bd is not None and bd.total is not None:
        share.whole, share.whole_source = bd.total, "breakdown"
        share.whole_note = f"{part.text} is a part of the total {bd.total.text}"
    return share


def _named_count_before(text: str, share: Share, qty: _Nums, sent_start: int) -> Number | None:
    """The count before the part, in its sentence, whose lead-in names the
    kind of answer the share names as its whole ("占无法提供件数的" → the
    "无法提供399件" before it); None otherwise.  Only the answer kinds of the
    outcome rows are read so: they name one count each."""
    if share.part is None:
        return None
    w = _named_whole(text, share)
    kind = _OUTCOME_WHOLE_RE.fullmatch(w) if w else None
    if kind is None:
        return None
    for q in reversed(qty.between(sent_start, share.part.start)):
        if _is_count(q) and kind.group("k") in _lead(text, q) and q.value >= share.part.value:
            return q
    return None


#: A whole named as one kind of answer: "无法提供件数", "不予公开的申请", "予以公开总数".
_OUTCOME_WHOLE_RE = lazyre.compile(r"(?P<k>" + ANSWER_KINDS + r")(?:类|的)?(?:件数|总数|数量|数|申请|事项)?")


_ENUM_GAP_RE = lazyre.compile(r"^、[^,，;；。:：、\d()（）]{1,14}$")
_COMMA_LINK_RE = lazyre.compile(r"[,，]\s*(?:所?占|占到|约占)")


def _list_sum_reading(text: str, part: Number, pct: Number, sent_start: int, qty: _Nums) -> list[Number]:
    """The sum of the 、-joined counts a share's part closes, as another
    reading of the part, when the share follows the list after a comma
    ("同意公开60件、同意部分公开12件,占办结总数150件的48.0%": 72 or 12)."""
    if not _COMMA_LINK_RE.match(text, part.end, pct.start):
        return []
    run = [part]
    for q in reversed(qty.between(sent_start, part.start)):
        if not _is_count(q) or not compatible_units(q.unit, part.unit) or not _ENUM_GAP_RE.match(text[q.end : run[0].start]):
            break
        run.insert(0, q)
    if len(run) < 2 or any(q.approx is not None for q in run):
        return []
    total = sum((q.value for q in run), Decimal(0))
    return [replace(run[0], text="+".join(q.text for q in run), value=total, end=run[-1].end)]


def _summed_share(ctx: _Ctx, pct: Number, sent_start: int, qty: _Nums, section: str, summed: tuple[Number, list[Number]] | None) -> Share:
    """A share of the sum of listed counts: the part is the sum (``summed``
    keeps the counts); its whole is a count printed after 占, or the total
    of the breakdown listing every summed count.  Unreadable sums leave the
    share without a part (untestable)."""
    text = ctx.text
    if summed is None:
        return Share(sent_start, pct.end, None, section, percent=pct, whole_note="a share of a sum of listed counts that cannot be read")
    part, run = summed
    share = Share(part.start, pct.end, subject_before(text, sent_start, part.start), section, percent=pct, part=part, summed=list(run))
    zm = None
    for m in _ZHAN_RE.finditer(text, part.end, pct.start):
        zm = m
    if zm is not None:
        cands = [q for q in qty.between(zm.end(), pct.start) if _is_count(q)]
        if cands:
            share.whole, share.whole_source, share.whole_note = cands[0], "explicit", f"占{cands[0].text}"
            return share
    bds = {id(ctx.part_of.get(id(q))) for q in run}
    bd = ctx.part_of.get(id(run[0]))
    if bd is not None and bd.total is not None and len(bds) == 1:
        share.whole, share.whole_source = bd.total, "breakdown"
        share.whole_note = f"{part.text} are parts of the total {bd.total.text}"
    return share


_DONE_RATE_RE = lazyre.compile(r"(?<!时|期|按)办结率[为达是]?$")
_DONE_LEAD_RE = lazyre.compile(r"办结")
_RECEIVED_LEAD_RE = lazyre.compile(r"受理|收到|接收")


def _done_and_received(para: Para, pct: Number, s: int) -> tuple[Number, Number, list[Number]] | None:
    """The counts of a completion rate's sentence: the last one finished
    (办结), the first one received before it (受理, 收到), and every count
    before the finished one in its unit; None without both."""
    text = para.text
    counts = [q for q in para.in_sent(s, pct.start) if _is_count(q) and q.approx is None]
    done = next((q for q in reversed(counts) if _DONE_LEAD_RE.search(_clause_lead(text, s, q))), None)
    if done is None:
        return None
    before = [q for q in counts if q.start < done.start and compatible_units(q.unit, done.unit)]
    received = next((q for q in before if _RECEIVED_LEAD_RE.search(_clause_lead(text, s, q))), None)
    if received is None:
        return None
    return done, received, before


def _completion_rate(para: Para, pct: Number, s: int) -> Share | None:
    """"受理申请117件,办结171件,办结率100%": a completion rate is the count
    finished of the count received in its sentence.  The whole is read from
    the wording (at most a warning); the received count plus the other
    counts before the finished one (上年结转) is another plausible whole."""
    text = para.text
    if not _DONE_RATE_RE.search(text, max(s, pct.start - 6), pct.start):
        return None
    found = _done_and_received(para, pct, s)
    if found is None:
        return None
    done, received, before = found
    if pct.value >= 100 and done.value <= received.value:
        return None  # "办结率100%" of the applications that fell due: no claim on the rest
    sh = Share(done.start, pct.end, subject_before(text, s, done.start), para.section, percent=pct, part=done, whole=received,
               whole_source="rate", whole_note=f"办结率: {done.text} finished of {received.text} received")
    rest = [q for q in before if q.start > received.start]
    if rest:
        total = sum((q.value for q in [received, *rest]), Decimal(0))
        sh.alt_wholes = [replace(received, text="+".join(q.text for q in [received, *rest]), value=total, end=rest[-1].end)]
    return sh


def _clause_lead(text: str, s: int, q: Number) -> str:
    """The words of the clause before a number."""
    lead = text[max(s, q.start - 16) : q.start]
    for sep in ",，;；:：、(（":
        lead = lead.rsplit(sep, 1)[-1]
    return lead


class _Scopes:
    """The scope phrases of a paragraph, found once and looked up by offset
    (the last one before a position), so that resolving many lists of
    shares stays linear."""

    def __init__(self, pattern: re.Pattern[str], text: str, lo: int, hi: int) -> None:
        self.matches = list(pattern.finditer(text, lo, hi))
        self.ends = [m.end() for m in self.matches]

    def last_before(self, pos: int) -> re.Match[str] | None:
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.matches[i] if i >= 0 else None


def _share_lists(text: str, pending: list[Share]) -> list[list[Share]]:
    """Group consecutive pending shares into lists: compatible units, one
    list (see :func:`_same_list`); a share of a sum stands alone."""
    groups: list[list[Share]] = []
    for sh in pending:
        if groups and not sh.summed and not groups[-1][-1].summed and compatible_units(groups[-1][-1].part.unit, sh.part.unit) and _same_list(text, groups[-1][-1], sh):  # type: ignore[union-attr]
            groups[-1].append(sh)
        else:
            groups.append([sh])
    return groups


def _counts_by_value(qty: _Nums) -> dict[object, list[Number]]:
    """The counts of the paragraph by value, in text order."""
    in_para: dict[object, list[Number]] = {}
    for q in qty:
        if _is_count(q):
            in_para.setdefault(q.value, []).append(q)
    return in_para


def _resolve_summed(ctx: _Ctx, grp: list[Share], section: str, local: list[tuple[Number, bool]], sibs: frozenset[int], scope_num: re.Match[str] | None) -> bool:
    """The whole of a share of a sum: a scope phrase stating its number, a
    whole named in words, or a total from context."""
    return _by_scope_number(grp, scope_num) or _by_named_whole(ctx, grp, section, local, sibs) or _by_context(ctx, grp, section, local, sibs=sibs)


def _resolve_list(ctx: _Ctx, grp: list[Share], section: str, local: list[tuple[Number, bool]], sibs: frozenset[int], para: Para | None, in_para: dict[object, list[Number]], scope_num: re.Match[str] | None, scope: re.Match[str] | None) -> bool:
    """The whole of a list of shares, trying each reading in turn (see
    :func:`_resolve_shares`)."""
    run = list_run(para, [g.part for g in grp]) if para is not None else None
    return (
        _by_scope_number(grp, scope_num)
        or _by_parts_total(ctx, grp, in_para, sibs)
        or _by_list_total(ctx, grp, in_para, run, section, local, sibs)
        or _by_parts_sum(grp)
        or _by_restated_part(ctx, grp)
        or _by_named_whole(ctx, grp, section, local, sibs)
        or _by_scope_phrase(ctx, grp, scope, section)
        or _by_context(ctx, grp, section, local, run, sibs)
    )


def _resolve_shares(ctx: _Ctx, shares: list[Share], pstart: int, section: str, qty: _Nums, pend: int | None = None, local: list[tuple[Number, bool]] | None = None, para: Para | None = None) -> None:
    """Resolve the wholes of the shares still open, list by list: a scope
    phrase stating its number, parts adding up to a stated total, shares
    adding up to 100%, a part restated from an earlier breakdown, a scope
    phrase pointing at a stated total, and last the nearest stated total of
    the section for a bare "占x%" (an inferred reading)."""
    text = ctx.text
    pending = [s for s in shares if not s.resolved and s.part is not None]
    if not pending:
        return
    # 3. lists of shares: group consecutive pending shares with compatible units.
    groups = _share_lists(text, pending)
    hi = pend if pend is not None else pending[-1].end
    scoped_num = _Scopes(_SCOPE_NUM_RE, text, pstart, hi)
    scoped = _Scopes(_SCOPE_RE, text, pstart, hi)
    in_para = _counts_by_value(qty)
    local = local or []
    for grp in groups:
        sibs = _siblings(ctx, grp, local, para)
        scope_num = scoped_num.last_before(grp[0].start)
        if grp[0].summed:
            if not _resolve_summed(ctx, grp, section, local, sibs, scope_num):
                grp[0].whole_note = grp[0].whole_note or "no whole stated or implied"
            continue
        if not _resolve_list(ctx, grp, section, local, sibs, para, in_para, scope_num, scoped.last_before(grp[0].start)):
            for g in grp:
                g.whole_note = g.whole_note or "no whole stated or implied"


def _set(grp: list[Share], whole: Number | None, source: str, note: str, value: Decimal | None = None) -> bool:
    for g in grp:
        if whole is not None:
            g.whole = whole
        else:
            g.whole_value = value
        g.whole_source, g.whole_note = source, note
    return True


def _by_scope_number(grp: list[Share], scope: re.Match[str] | None) -> bool:
    """A scope phrase that states its own number ("在…主动公开的425条政府信息中")."""
    if scope is None:
        return False
    inner = [n for n in find_numbers(scope.group()) if n.is_quantity and _is_count(n)]
    if not inner or not compatible_units(inner[-1].unit, grp[0].part.unit):  # type: ignore[union-attr]
        return False
    w = replace(inner[-1], start=inner[-1].start + scope.start(), end=inner[-1].end + scope.start())
    return _set(grp, w, "scope", f"scope {scope.group()!r} states the whole")


def _exact_list(grp: list[Share]) -> Decimal | None:
    if len(grp) < 2 or any(g.part.approx is not None for g in grp):  # type: ignore[union-attr]
        return None
    return sum((g.part.value for g in grp), Decimal(0))  # type: ignore[union-attr]


def _same_unit(total: Number | None, unit: str | None) -> Number | None:
    """``total`` when it counts in ``unit`` (or either has none, or both
    count documents: 条 and 件 are used alike for the information
    published): a total stated outside the paragraph must name the parts'
    own kind of thing, not just a measure word of the family (14个 查阅点
    is no total of 8件 + 6件 applications)."""
    if total is None or not total.unit or not unit or total.unit == unit:
        return total
    return total if total.unit in _DOCUMENT_UNITS and unit in _DOCUMENT_UNITS else None


_DOCUMENT_UNITS = frozenset({"条", "件", "份", "篇"})


def _by_parts_total(ctx: _Ctx, grp: list[Share], in_para: dict[object, list[Number]], sibs: frozenset[int] = frozenset()) -> bool:
    """The listed parts add up to a total stated before them (before the
    first part; another item of their list is none)."""
    parts_sum = _exact_list(grp)
    if parts_sum is None:
        return False
    unit = grp[0].part.unit  # type: ignore[union-attr]
    first = min(g.part.start for g in grp)  # type: ignore[union-attr]
    here = [t for t in in_para.get(parts_sum, ()) if t.start < first and compatible_units(t.unit, unit) and id(t) not in sibs]
    # a count of the same value in another part of the report, or of
    # another thing (8件 + 6件 against 14个 查阅点), is a coincidence
    total = here[-1] if here else _same_unit(ctx.total_valued(parts_sum, first, unit, grp[0].section), unit)
    if total is None:
        return False
    return _set(grp, total, "parts-total", f"the listed parts add up to the stated total {total.text}")


def _by_list_total(ctx: _Ctx, grp: list[Share], in_para: dict[object, list[Number]], run: tuple[list[Number], bool] | None, section: str, local: list[tuple[Number, bool]], sibs: frozenset[int] = frozenset()) -> bool:
    """Shares on some items of a list whose counts, with the items that
    carry no share, add up to a total stated before it ("共受理申请80件。…
    按答复结果分,同意公开44件,占55.0%;同意部分公开9件;…信息不存在7件")."""
    if run is None or len(run[0]) <= len(grp) or len(run[0]) < 2:
        return False
    counts = run[0]
    total_v = sum((q.value for q in counts), Decimal(0))
    unit = counts[0].unit
    here = [t for t in in_para.get(total_v, ()) if t.start < counts[0].start and compatible_units(t.unit, unit)]
    total = here[-1] if here else _same_unit(ctx.total_valued(total_v, counts[0].start, unit, section), unit)
    if total is None:
        return False
    # a whole named in words ("占全部申请的") may be another count: the
    # context candidates stay plausible readings
    alts = [c for c in _candidates(ctx, grp, section, local, run, sibs)[0] if c is not total and c.value != total.value]
    for g in grp:
        g.alt_wholes = list(alts)
    return _set(grp, total, "parts-total", f"the listed counts ({len(counts)}, with and without shares) add up to the stated total {total.text}")


def _by_parts_sum(grp: list[Share]) -> bool:
    """The percentages add up to 100 within rounding: the parts are the whole."""
    parts_sum = _exact_list(grp)
    if parts_sum is None:
        return False
    pct_sum = sum((g.percent.value for g in grp if g.percent is not None), Decimal(0))
    max_dec = max((g.percent.decimals for g in grp if g.percent is not None), default=0)
    slack = Decimal(len(grp)) * Decimal(5) / (Decimal(10) ** (max_dec + 1))
    if abs(pct_sum - 100) > slack:
        return False
    return _set(grp, None, "parts-sum", f"the listed parts cover the whole (percentages sum to {pct_sum}%): {parts_sum}", parts_sum)


def _by_restated_part(ctx: _Ctx, grp: list[Share]) -> bool:
    """A part restated from an earlier breakdown ("总数3521条。其中…2304条" and
    later "…2304条,所占比例65.4%"); values under 100 coincide too easily."""
    if len(grp) != 1:
        return False
    g = grp[0]
    part = g.part
    assert part is not None
    if part.value < 100:
        return False
    for bd in reversed(ctx.breakdowns):
        if bd.total is not None and any(p.value == part.value and compatible_units(p.unit, part.unit) for p in bd.parts):
            return _set(grp, bd.total, "breakdown", f"{part.text} restates a part of the total {bd.total.text}")
    return False


def _by_scope_phrase(ctx: _Ctx, grp: list[Share], scope: re.Match[str] | None, section: str) -> bool:
    """A scope phrase earlier in the paragraph ("在全部公开信息中") pointing
    at the latest stated total of the section."""
    if scope is None:
        return False
    unit = grp[0].part.unit  # type: ignore[union-attr]
    biggest = max(g.part.value for g in grp)  # type: ignore[union-attr]
    for t, sec in reversed(ctx.totals):
        if t.start < scope.start() and sec == section and compatible_units(t.unit, unit) and t.value >= biggest:
            return _set(grp, t, "scope", f"scope {scope.group()!r} refers to the total {t.text}")
    return False


def _bare(text: str, g: Share) -> bool:
    """A share with nothing between its part and the percentage but 占 /
    所占比例 (no whole named: "…185条,占9.4%")."""
    assert g.part is not None and g.percent is not None
    if g.summed:
        return bool(_SUMMED_BARE_RE.search(text, g.part.end, g.percent.start))
    return bool(_BARE_LINK_RE.match(text[g.part.end : g.percent.start]))


def _counts_before(text: str, grp: list[Share], local: list[tuple[Number, bool]], unit: str | None) -> list[tuple[Number, bool]]:
    """The exact counts of the paragraph before the shares (with their cue
    flag) in a unit compatible with the parts, count words ("两项") left out."""
    return [(n, c) for n, c in local if n.end <= grp[0].start and compatible_units(n.unit, unit) and n.approx is None and not count_word(text, n)]


def _side_by_side_sums(text: str, before: list[tuple[Number, bool]], need: Decimal, parts: set[int] | frozenset[int]) -> list[Number]:
    """Two counts stated side by side in one sentence ("新收申请20件,上年结转
    2件") that together can hold the parts: their sum may be the base."""
    out: list[Number] = []
    for (a, _), (b, _) in zip(before, before[1:]):
        if a.value + b.value >= need and id(a) not in parts and id(b) not in parts and "。" not in text[a.end : b.start]:
            out.append(replace(a, text=f"{a.text}+{b.text}", value=a.value + b.value, end=b.end))
    return out


def _list_sum_candidate(grp: list[Share], run: tuple[list[Number], bool] | None) -> list[Number]:
    """For a list under a classification ("从答复类型看,") with more items
    than shares, the sum of the list's counts as a candidate whole."""
    if run is None or not run[1] or len(run[0]) <= len(grp):
        return []
    lst = run[0]
    return [replace(lst[0], text="+".join(q.text for q in lst), value=sum((q.value for q in lst), Decimal(0)), end=lst[-1].end)]


def _section_total_candidate(ctx: _Ctx, grp: list[Share], section: str, unit: str | None, need: Decimal, sibs: frozenset[int]) -> Number | None:
    """The latest cued total of the section, when it is exact, can hold the
    parts and is no sibling part."""
    t = ctx.cued_before(grp[0].start, section, unit)
    if t is not None and t.value >= need and t.approx is None and id(t) not in sibs:
        return t
    return None


def _candidates(ctx: _Ctx, grp: list[Share], section: str, local: list[tuple[Number, bool]], run: tuple[list[Number], bool] | None, sibs: frozenset[int] = frozenset()) -> tuple[list[Number], list[tuple[Number, bool]], list[Number]]:
    """The candidate wholes of a group of shares read from context (see
    :func:`_by_context`): (candidates, the printed counts among them with
    their cue flag, the cued ones).  A sibling part (``sibs``: another item
    of the list the shares belong to) is never a candidate."""
    text = ctx.text
    unit = grp[0].part.unit  # type: ignore[union-attr]
    need = sum((g.part.value for g in grp), Decimal(0))  # type: ignore[union-attr]
    before = _counts_before(text, grp, local, unit)
    parts = {id(q) for g in grp for q in (g.summed or [g.part])} | sibs
    fit = [(n, c) for n, c in before if n.value >= need and id(n) not in parts]
    cands = [n for n, _ in fit]
    cued = [n for n, c in fit if c]
    cands += _side_by_side_sums(text, before, need, parts)
    cands += _list_sum_candidate(grp, run)
    section_total = _section_total_candidate(ctx, grp, section, unit, need, sibs)
    if section_total is not None:
        cands.insert(0, section_total)
    scope = _sub_scope(ctx, grp[0].part)  # type: ignore[arg-type]
    if scope is not None:
        return _within_sub_scope(text, scope, cands, fit, cued)
    return cands, fit, cued


def _within_sub_scope(text: str, scope: str, cands: list[Number], fit: list[tuple[Number, bool]], cued: list[Number]) -> tuple[list[Number], list[tuple[Number, bool]], list[Number]]:
    """Under a sub-population scope ("网上申请中,通过小程序提交的12件,占比…")
    the base is the population the scope names: only the candidates whose
    clause states it are kept."""
    cands = [c for c in cands if scope in _clause_lead(text, 0, c)]
    fit = [(n, c) for n, c in fit if any(n is m for m in cands)]
    cued = [n for n in cued if any(n is m for m in cands)]
    return cands, fit, cued


def _by_context(ctx: _Ctx, grp: list[Share], section: str, local: list[tuple[Number, bool]], run: tuple[list[Number], bool] | None = None, sibs: frozenset[int] = frozenset()) -> bool:
    """Bare shares ("…16件,占42.1%;…5件,占13.2%", "…的申请18件,占比达到
    40.0%") of a total stated before them ("共办结申请38件。按办理结果统计,…").
    Every count of the paragraph before the shares that can hold all their
    parts is a candidate whole, so is the sum of two counts stated side by
    side (新收 + 结转), the latest total of the section, and — for a list
    under a classification ("从答复类型看,") — the sum of the list's counts;
    the nearest total cued as one (共, 全年, 总数) is the primary reading,
    the others ``alt_wholes``.  The whole is inferred: a rule fails only
    when no candidate fits, and then reports at most a warning."""
    text = ctx.text
    if not all(g.percent is not None and _bare(text, g) for g in grp):
        return False
    cands, fit, cued = _candidates(ctx, grp, section, local, run, sibs)
    if not cands:
        return False
    primary = cued[-1] if cued else max((n for n, _ in fit), key=lambda n: n.value) if fit else cands[0]
    alts = [n for n in cands if n is not primary]
    if len(grp) == 1:
        return _single_share_readings(text, grp[0], cands, primary, alts)
    for g in grp:
        g.alt_wholes = list(alts)
    return _set(grp, primary, "context", f"a total stated before the shares, {primary.text}" + (f" (also tried {'、'.join(a.text for a in alts)})" if alts else ""))


def _single_share_readings(text: str, g: Share, cands: list[Number], primary: Number, alts: list[Number]) -> bool:
    """A single share: the candidates are kept as readings, but the share
    stays open (the table stage checks it against the table's totals); the
    share rule tries them as an inferred reading.  The share of an outcome
    of applications is of those processed: with no count stated for them
    there is no reading (False)."""
    if _OUTCOME_RE.search(_clause_lead(text, 0, g.part)):  # type: ignore[arg-type]
        processed = [c for c in cands if _PROCESSED_RE.search(_clause_lead(text, 0, c))]
        if not processed:
            return False  # an outcome of applications whose base (those processed) the text does not state
        primary = ([c for c in processed if "+" not in c.text] or processed)[-1]
        alts = [n for n in cands if n is not primary]
    g.alt_wholes = [primary, *alts]
    g.whole_note = f"no whole stated; candidate wholes from context: {'、'.join(a.text for a in g.alt_wholes)}"
    return True


#: "网上申请中," / "在自然人申请中," / "对外公开的信息当中,": a sub-population named
#: in words as the scope of what follows (其中 is not one).
_SUB_SCOPE_RE = lazyre.compile(r"(?:^|[,，:：;；。])\s*(?:在|从|对)?(?P<noun>[^,，。;；:：\d()（）]{2,14}?)(?:当中|之中|中)[,，]")


def _sub_scope(ctx: _Ctx, part: Number) -> str | None:
    """The last words (up to four characters) of a scope phrase before
    ``part`` in its sentence, or None."""
    text = ctx.text
    lo = max(text.rfind("。", 0, part.start), part.start - 80, 0)
    m = None
    for m in _SUB_SCOPE_RE.finditer(text, lo, part.start):
        pass
    if m is None or m.group("noun").endswith("其"):
        return None
    noun = m.group("noun").rstrip("的")
    for lead in ("本年度", "本年", "今年", "全年", "所有", "全部"):
        if noun.startswith(lead):
            return None  # the whole of the year: no sub-population
    return noun[-4:]


#: Outcomes of processing an application, and what makes a count the
#: applications processed (their base; 其他处理 / 不予处理 are outcomes).
_OUTCOME_RE = lazyre.compile(
    r"予以公开|部分公开|不予公开|无法提供|不予提供|不予处理|其他处理|同意公开|同意部分公开|不同意公开|不属于|信息不存在|非本机关"
    r"|不掌握|没有现成|另行制作|不是政府信息|重复申请|撤回"
)
_PROCESSED_RE = lazyre.compile(r"办结|答复|(?<!其他|不予)处理|办理|审结")
#: Channels and applicants: like outcomes, the items of a classification.
_CHANNEL_RE = lazyre.compile(r"当面|现场|窗口|网上|网络|在线|互联网|网站|信函|邮寄|邮件|传真|电话")
_APPLICANT_RE = lazyre.compile(r"自然人|法人|其他组织|公民|企业")
_ITEM_KINDS = (("outcome", _OUTCOME_RE), ("channel", _CHANNEL_RE), ("applicant", _APPLICANT_RE))
#: a clause lead that makes a count a total (a base), not another item of a list
_BASE_LEAD_RE = lazyre.compile(r"共|全年|全部|总|累计|合计|收到|接到|受理|办结|办理|答复|(?<!其他|不予)处理|审结|接收|新收|结转|本年|今年|年度|依申请")


#: a clause naming the applications themselves ("政府信息公开申请40件")
_BASE_NOUN_END_RE = lazyre.compile(r"(?:申请|申请件|件数|数量|总量|总数)[为是达]?$")


def _is_base_lead(lead: str) -> bool:
    """A count's clause makes it a base (a total), not a list item: a total
    word, or the applications themselves named with no item word."""
    if _BASE_LEAD_RE.search(lead):
        return True
    return bool(_BASE_NOUN_END_RE.search(lead)) and not any(rx.search(lead) for _, rx in _ITEM_KINDS)


def _item_kind(text: str, q: Number) -> str | None:
    """The kind of list item a count is (an outcome, a channel, an
    applicant type) by the words of its clause, or None (a total is none)."""
    lead = _clause_lead(text, 0, q)
    if _BASE_LEAD_RE.search(lead):
        return None
    return next((k for k, rx in _ITEM_KINDS if rx.search(lead)), None)


def _siblings(ctx: _Ctx, grp: list[Share], local: list[tuple[Number, bool]], para: Para | None) -> frozenset[int]:
    """The counts that are other items of the list a group of shares belongs
    to (sibling parts), which are never its whole: "予以公开30件、部分公开6件,
    两项合计占…;本机关不掌握相关信息9件,占15.5%" — 30 and 6 are no base of
    the 9.  They are the counts before the first part in its sentence, from
    what opens the list (其中, a colon, a classification) on, that no total
    word leads (共, 全年, 收到, 办结…); and, unless a sub-population scopes the
    shares, every earlier count of the paragraph of the part's own kind (an
    outcome is no base of another outcome, a channel none of another)."""
    text = ctx.text
    first = (grp[0].summed or [grp[0].part])[0]
    assert first is not None
    out: set[int] = set()
    i = para.sent_index(first.start) if para is not None else None
    if para is not None and i is not None:
        s = para.sents[i][0]
        lo = s
        for m in _LIST_OPEN_RE.finditer(text, s, first.start):
            lo = m.end()
        for q in para.qty.between(lo, first.start):
            if _is_count(q) and compatible_units(q.unit, first.unit) and not count_word(text, q) and not _is_base_lead(_clause_lead(text, s, q)):
                out.add(id(q))
    kind = _item_kind(text, first)
    if kind is not None and _sub_scope(ctx, first) is None:
        out.update(id(q) for q, _ in local if q.end <= first.start and _item_kind(text, q) == kind)
    return frozenset(out)


def _same_list(text: str, a: Share, b: Share) -> bool:
    """Two shares belong to one list when no sentence end separates them, or
    when the next sentence continues the enumeration (比例 … 比例)."""
    gap = text[a.end : b.start]
    return "。" not in gap or len(gap) < 40



#: a whole named in words after 占 ("占全部答复的", "占办结总数的比例为",
#: "占全部主动公开信息的比重为"), up to the percentage.
_NAMED_WHOLE_RE = lazyre.compile(r"占(?![比到了据有])(?P<w>[^\d,，。;；:：、()（）%]{2,16}?)(?:的)?(?:比例|比重|比率)?(?:为|是|达到|达|约)?$")
_WHOLE_HEAD_RE = lazyre.compile(r"^(?:全部|所有|全年|本年度|本年|今年|年度|总)")
_WHOLE_TAIL_RE = lazyre.compile(r"(?:的)?(?:总数|总量|总和|合计|数量|总件数|件数|条数|数)$")
_PROCESSED_WORDS_RE = lazyre.compile(r"办结|答复|办理|(?<!其他|不予)处理")
_RECEIVED_WORDS_RE = lazyre.compile(r"收到|受理|接收|新收|接到")
_CARRIED_RE = lazyre.compile(r"结转|上年度?(?:未办结|遗留)|往年")


def _named_whole(text: str, g: Share) -> str | None:
    """The whole a share names in words after 占 ("占全部答复的45.0%" →
    "答复"), without a number, or None."""
    pct = g.percent
    if pct is None or g.part is None:
        return None
    lo = max(g.part.end if g.part.end <= pct.start else 0, pct.start - 28)
    m = _NAMED_WHOLE_RE.search(text, lo, pct.start)
    if m is None:
        return None
    w = _WHOLE_TAIL_RE.sub("", _WHOLE_HEAD_RE.sub("", m.group("w")))
    return w if len(w) >= 2 else None


#: the wholes a share may name in words: the applications processed, those
#: received, the information disclosed on the organ's own initiative.
_PROCESSED_WHOLE_RE = lazyre.compile(r"(?:政府信息公开|依申请公开)?(?:申请)?(?:的)?已?(?:办结|答复|办理|处理)(?:的)?(?:申请|件|事项)?")
_RECEIVED_WHOLE_RE = lazyre.compile(r"(?:收到|受理|接收|新收)?(?:的)?(?:政府信息公开|依申请公开)?(?:的)?申请(?:件)?")
_PROACTIVE_WHOLE_RE = lazyre.compile(r"主动公开(?:的)?(?:政府)?(?:信息)?")


def named_whole_kind(w: str) -> str | None:
    """What a whole named in words stands for: "processed" (答复, 办结),
    "received" (申请), "proactive" (主动公开…), or None."""
    if _PROCESSED_WHOLE_RE.fullmatch(w):
        return "processed"
    if _RECEIVED_WHOLE_RE.fullmatch(w):
        return "received"
    if _PROACTIVE_WHOLE_RE.fullmatch(w):
        return "proactive"
    return None


def _whole_matcher(w: str):  # type: ignore[no-untyped-def]
    """Whether a count's clause lead states the whole named ``w``: the
    applications processed (答复, 办结, 办理), the applications received
    (申请), the information disclosed proactively (主动公开…); any other
    noun (全市同类申请…) is not matched (None)."""
    if _PROCESSED_WHOLE_RE.fullmatch(w):
        return lambda lead: bool(_PROCESSED_WORDS_RE.search(lead)) and _is_base_lead(lead)
    if _RECEIVED_WHOLE_RE.fullmatch(w):
        return lambda lead: bool(_RECEIVED_WORDS_RE.search(lead) or "申请" in lead) and _is_base_lead(lead)
    if _PROACTIVE_WHOLE_RE.fullmatch(w):
        return lambda lead: "主动公开" in lead and not _LIST_OPEN_RE.search(lead)
    cat = _CATEGORY_WHOLE_RE.fullmatch(w)
    if cat is not None:  # "占政策法规类信息的": the count stated for 政策法规类
        return lambda lead, c=cat.group("cat"): c in lead
    return None


#: A whole named as a category of information: "政策法规类信息", "规划计划类".
_CATEGORY_WHOLE_RE = lazyre.compile(r"(?P<cat>[\u4e00-\u9fff]{2,8}类)(?:信息|事项|文件|政府信息)?")


def _named_whole_noun(text: str, grp: list[Share]) -> str | None:
    """The one whole the shares of the group name in words ("占全部答复的"
    → "答复"): named by every share, or by the first with the later ones
    leaving it out ("…65件,占办结总数的27.9%;…29件,占12.4%"); None when
    they name none or different ones."""
    named = [_named_whole(text, g) for g in sorted(grp, key=lambda g: g.start)]
    names = {n for n in named if n is not None}
    if len(names) != 1 or named[0] is None:
        return None
    return names.pop()


def _whole_need(grp: list[Share]) -> Decimal:
    """The least value a whole of the group must hold: the biggest part for
    a single share or shares of sums, else the sum of the listed parts."""
    if len(grp) == 1 or any(g.summed for g in grp):
        return max(g.part.value for g in grp)  # type: ignore[union-attr]
    return sum((g.part.value for g in grp), Decimal(0))  # type: ignore[union-attr]


def _whole_pool(ctx: _Ctx, local: list[tuple[Number, bool]], first: int, section: str) -> list[Number]:
    """The counts a named whole may be read from, nearest first: the last
    counts of the paragraph before the shares, then the section's totals
    (each bounded, so dense text stays linear)."""
    seen: set[int] = set()
    pool: list[Number] = []
    for n, _ in reversed(local[: bisect.bisect_right(local, first, key=lambda t: t[0].end)][-40:]):
        pool.append(n)
        seen.add(id(n))
    totals = ctx.totals[: bisect.bisect_right(ctx.totals, first, key=lambda t: t[0].end)][-40:]
    for n, sec in reversed(totals):
        if sec == section and id(n) not in seen:
            pool.append(n)
    return pool


def _named_whole_candidates(text: str, w: str, pool: list[Number], fits, match) -> list[Number]:  # type: ignore[no-untyped-def]
    """The counts of the pool that can be the whole named ``w``: those that
    can hold the parts (``fits``) and whose clause states that noun
    (``match``); for the applications processed, those received too (every
    application is answered); for either, received plus carried over."""
    cands = [n for n in pool if fits(n) and match(_clause_lead(text, 0, n))]
    if _PROCESSED_WHOLE_RE.fullmatch(w):
        received = _whole_matcher("申请")
        cands += [
            n for n in pool
            if fits(n) and received(_clause_lead(text, 0, n)) and _RECEIVED_WORDS_RE.search(_clause_lead(text, 0, n)) and not any(n is c for c in cands)
        ]
    return cands


def _with_carried_over(text: str, w: str, pool: list[Number], unit: str | None, cands: list[Number]) -> list[Number]:
    """For a whole of applications (processed or received), each received
    count plus a count carried over from the year before is a reading too."""
    if not (_PROCESSED_WHOLE_RE.fullmatch(w) or _RECEIVED_WHOLE_RE.fullmatch(w)):
        return cands
    carried = [n for n in pool if n.approx is None and compatible_units(n.unit, unit) and _CARRIED_RE.search(_clause_lead(text, 0, n))]
    for r in [c for c in cands if _RECEIVED_WORDS_RE.search(_clause_lead(text, 0, c))]:
        cands += [replace(r, text=f"{r.text}+{c.text}", value=r.value + c.value) for c in carried if c is not r]
    return cands


def _by_named_whole(ctx: _Ctx, grp: list[Share], section: str, local: list[tuple[Number, bool]], sibs: frozenset[int] = frozenset()) -> bool:
    """A whole named in words ("占全部答复的", "占办结总数的", "占全部主动公开
    信息的") read as the counts stated earlier — in the paragraph, then in
    the section — for that noun, nearest first: 答复/办结 the applications
    processed (with none stated, those received: every application is
    answered), 申请 those received, another noun a count its clause names
    (全年主动公开政府信息4,316条).  Every such count that can hold the parts
    is a reading (``alt_wholes``); the reading is inferred (at most a
    warning, failing only when none fits)."""
    text = ctx.text
    w = _named_whole_noun(text, grp)
    if w is None:
        return False
    match = _whole_matcher(w)
    if match is None:
        return False
    unit = grp[0].part.unit  # type: ignore[union-attr]
    need = _whole_need(grp)
    parts = {id(q) for g in grp for q in (g.summed or [g.part])} | sibs

    def fits(n: Number) -> bool:
        return id(n) not in parts and n.approx is None and compatible_units(n.unit, unit) and n.value >= need and not count_word(text, n)

    pool = _whole_pool(ctx, local, min(g.start for g in grp), section)
    cands = _with_carried_over(text, w, pool, unit, _named_whole_candidates(text, w, pool, fits, match))
    if not cands:
        return False
    primary, alts = cands[0], cands[1:]
    for g in grp:
        g.alt_wholes = list(alts)
    return _set(grp, primary, "context", f"the whole named {w!r} read as the count stated for it, {primary.text}" + (f" (also tried {'、'.join(a.text for a in alts)})" if alts else ""))


#: what a part named in words drops: list openers before, 的/信息/数量 after
_NAMED_PART_HEAD_RE = lazyre.compile(r"^(?:其中|另外|此外|而|另|以及|及|和|与|包括|主要有|主要为)+")
_NAMED_PART_TAIL_RE = lazyre.compile(r"(?:的)?(?:信息|数量|条数|件数|数)?(?:的)?(?:所)?$")
_NAMED_PART_BAD_RE = lazyre.compile(r"全部|所有|总|合计|共计|以上|上述|其余|其他|比例|比重|同比|分别|本年|全年|今年|这|该|其")


_ZHAN_CHAR_RE = lazyre.compile(r"(?:所)?占")
_CLAUSE_SEP_RE = lazyre.compile(r"[,，;；:：。]")


def _part_label(text: str, s: int, end: int) -> str:
    """The words of a clause up to ``end`` (its last clause), with list
    openers and trailing 的/信息/数量 dropped."""
    lead = text[max(s, end - 20) : end]
    for sep in ",，;；:：、(（。":
        lead = lead.rsplit(sep, 1)[-1]
    lead = _NAMED_PART_HEAD_RE.sub("", lead.strip())
    return _NAMED_PART_TAIL_RE.sub("", lead)


_GENERIC_NOUN_RE = lazyre.compile(r"^(?:政府)?(?:申请|信息|文件|事项|案件|件数|数量|公开|依申请公开)$")


def _label_names(label: str, noun: str) -> bool:
    """A count's label names the category ``noun``: the same words, or
    (for a noun of four characters or more) the label ends with it."""
    if _GENERIC_NOUN_RE.match(noun):
        return False
    return label == noun or (len(noun) >= 4 and label.endswith(noun))


def _part_noun_clause(para: Para, pct: Number, s: int) -> tuple[int, str] | None:
    """The clause before 占 of a share when it is a category noun alone ("规划类
    信息占全部…"): (where the clause starts, the noun), or None when there is
    no 占, a number after it or in the clause, a clause too long for a noun,
    or a total word in it."""
    text = para.text
    zm = None
    for zm in _ZHAN_CHAR_RE.finditer(text, max(s, pct.start - 40), pct.start):
        pass
    if zm is None or para.qty.between(zm.end(), pct.start):
        return None
    lo = max(s, zm.start() - 24)
    cs = lo
    for sep in _CLAUSE_SEP_RE.finditer(text, lo, zm.start()):
        cs = sep.end()
    if cs == lo and lo > s:
        return None  # a clause longer than a category noun
    if para.qty.between(cs, zm.start()) or any(ch.isdigit() for ch in text[cs : zm.start()]):
        return None
    noun = _part_label(text, cs, zm.start())
    if len(noun) < 2 or len(noun) > 12 or _NAMED_PART_BAD_RE.search(noun):
        return None
    return cs, noun


def _count_stated_for(para: Para, cs: int, noun: str) -> Number | None:
    """The count stated for ``noun`` in the few sentences before ``cs`` (a
    bounded look-back keeps dense paragraphs linear): the last exact count
    whose label names it, when every count so labelled has one value."""
    text = para.text
    counts = [q for q in para.qty.between(max(para.pstart, cs - 400), cs) if _is_count(q) and id(q) not in para.change_nums and not count_word(text, q)]
    found = [q for q in counts if q.approx is None and _label_names(_part_label(text, para.pstart, q.start), noun)]
    near = [q for q in counts if noun in _part_label(text, para.pstart, q.start)]
    if not found or len({q.value for q in found + near}) != 1:
        return None  # another value stated for a category of that name (市级财政信息…): ambiguous
    return found[-1]


def _named_part_share(para: Para, pct: Number, s: int) -> Share | None:
    """A share whose part is named in words, its count stated earlier in the
    paragraph (within 400 characters) ("…其中规划类信息620条、…。规划类信息占全部主动公开信息的比重
    为19.4%"): the clause before 占 is a category noun alone (no number, no
    total word), and exactly one value was stated for that noun before (a
    count whose clause ends with the same words).  The whole is read later
    (a named whole, another reading of the list); a breakdown the count
    belongs to is not taken as stated for the noun."""
    clause = _part_noun_clause(para, pct, s)
    if clause is None:
        return None
    cs, noun = clause
    part = _count_stated_for(para, cs, noun)
    if part is None:
        return None
    sh = Share(cs, pct.end, noun, para.section, percent=pct, part=part, whole_note=f"the part named {noun!r} is the count stated for it, {part.text}")
    bd = para.ctx.part_of.get(id(part))
    if bd is not None and bd.total is not None and bd.total.approx is None:
        sh.alt_wholes = [bd.total]  # the total its list breaks down: an inferred reading
    return sh
