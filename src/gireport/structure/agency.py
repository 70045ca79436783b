"""Agency identity: which organ issued a report, read or refused, and the
key that links the same organ across years.

Three steps, each a small named catalogue that can be read and tested:

:func:`clean_agency`
    The printed agency as it can be shown, or ``None`` when what was found is
    not an organ's name.  A title such as "示例县人民政府办公室关于印发示例县
    2023年政务公开工作要点的通知" names its issuer before 关于; a letter
    "关于2022年…的函" names none.  Refused: an empty name, a name with
    sentence punctuation, digits or 年, one that opens with a function word
    (本, 根据, 关于 …), one that is still sentence-like (印发, 通知, 报告,
    信息公开 …), one longer than 40 characters, and one that does not end
    in an organ or place word (局, 委员会, 办公室, 人民政府, 县, 街道 …).

:func:`agency_key`
    A context-free canonical form of a readable name: NFKC, no whitespace,
    no trailing parenthesis ("(本级)"), 人民政府 → 政府, a government's own
    政府 / 管委会 / 管理委员会 dropped after its place (平潭县人民政府 →
    平潭县), a department's 政府 before its own name dropped (示例市人民政府
    外事办公室 → 示例市外事办公室), 办公厅 → 办公室, 政府办 / 府办 → 政府办公室,
    and the common abbreviations of department names expanded from
    :data:`ABBREVIATIONS` (科委 → 科学技术委员会, 发改委 → 发展和改革委员会,
    人社局 → 人力资源和社会保障局 …), only when the abbreviation is the whole
    department name after the place (示例市科委, not 示例市教科委).
    The key keeps every place it was printed with: dropping a parent region
    (淮安市洪泽区 → 洪泽区) is only safe when no other organ of that name is
    about, which a single name cannot tell.  That is :func:`link_keys`'s job.

:func:`link_keys`
    Given the keys of the reports audited together, maps a key printed
    without (some of) its parent regions to the unique key printed with them:
    洪泽区 → 淮安市洪泽区, 洪泽区教育局 → 淮安市洪泽区教育局.  A short key is
    linked only when (a) the longer key's extra head is a run of place names
    (…省, …市, …区, …县, …自治州 …) at a place boundary, (b) among the keys of
    the run exactly one longest key ends with it — 鼓楼区 stays alone when
    both 福州市鼓楼区 and 南京市鼓楼区 are present — and (c) optionally, the
    two never report for the same year (two reports for one year under both
    names are two organs, or copies we cannot tell apart).  A key without a
    place (科学技术委员会) is never linked to anything but itself.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

import regex as re
from .. import lazyre

__all__ = ["ABBREVIATIONS", "clean_agency", "agency_key", "split_places", "link_keys"]

#: Department names as commonly abbreviated or printed without 和 → the
#: full name.  Applied only when the abbreviation is the whole department
#: name after the place(s): 示例市科委 → 示例市科学技术委员会.
ABBREVIATIONS: dict[str, str] = {
    "科委": "科学技术委员会",
    "科技委": "科学技术委员会",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发展改革委员会": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "人社局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "人力社保局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局",
    "人力资源社会保障厅": "人力资源和社会保障厅",
    "住建局": "住房和城乡建设局",
    "住建厅": "住房和城乡建设厅",
    "住建委": "住房和城乡建设委员会",
    "住房城乡建设局": "住房和城乡建设局",
    "住房城乡建设厅": "住房和城乡建设厅",
    "住房城乡建设委": "住房和城乡建设委员会",
    "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "卫计委": "卫生和计划生育委员会",
    "卫生计生委": "卫生和计划生育委员会",
    "教委": "教育委员会",
    "经信委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "工业信息化局": "工业和信息化局",
    "国资委": "国有资产监督管理委员会",
    "市场监管局": "市场监督管理局",
    "环保局": "环境保护局",
    "文旅局": "文化和旅游局",
    "文化旅游局": "文化和旅游局",
    "文广旅局": "文化广电和旅游局",
    "农委": "农业委员会",
    "商委": "商务委员会",
    "交委": "交通委员会",
    "建委": "建设委员会",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "退役军人局": "退役军人事务局",
    "民宗局": "民族宗教事务局",
    "民宗委": "民族宗教事务委员会",
    "城管局": "城市管理局",
    "国土局": "国土资源局",
    "资规局": "自然资源和规划局",
    "自然资源规划局": "自然资源和规划局",
    "食药监局": "食品药品监督管理局",
    "安监局": "安全生产监督管理局",
    "质监局": "质量技术监督局",
    "工商局": "工商行政管理局",
    "侨办": "侨务办公室",
    "外办": "外事办公室",
    "台办": "台湾事务办公室",
    "港澳办": "港澳事务办公室",
    "人防办": "人民防空办公室",
    "金融办": "金融工作办公室",
    "信访办": "信访办公室",
    "口岸办": "口岸办公室",
    "网信办": "网络安全和信息化委员会办公室",
    "编办": "机构编制委员会办公室",
    "政研室": "政策研究室",
    "残联": "残疾人联合会",
    "妇联": "妇女联合会",
    "政府办": "政府办公室",
    "府办": "政府办公室",
}

# A place name: two or more characters then a level word (one character
# before 县 / 旗 is enough: 沛县).
_LEVEL = r"特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市|州|盟|县|旗|区|镇|乡"
_PLACE_RE = lazyre.compile(rf"(?P<p>\p{{Han}}{{2,12}}?(?:{_LEVEL})|\p{{Han}}(?:县|旗))")
_ORGAN_CHAR_RE = lazyre.compile(r"[局委办厅院部处所站队司会府室]|中心|政府")
# Phrases that look like a place but are part of a department's name.
_NOT_PLACE_END = ("城乡", "城市", "都市", "超市", "社区", "小区", "辖区", "片区", "市区")
# 本县, 该县, 全县 … are not names.
_NOT_A_NAME = "本该全各我此其每"

# What an organ's (or a place's) name ends with.
_ORGAN_END_RE = lazyre.compile(
    r"(?:人民政府|政府|管委会|管理委员会|委员会|办事处|办公室|办公厅|局|委|办|厅|院|署|所|站|队|处|部|室|中心|"
    r"集团|公司|协会|学会|联合会|联|会|社|馆|台|行|海关|大学|学院|学校|中学|小学|医院|"
    r"特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市|州|盟|县|旗|区|镇|乡|新区|开发区|实验区)$"
)
# A sentence, not a name.
_SENTENCE_RE = lazyre.compile(
    r"关于|印发|转发|通知|报告|年报|要点|意见|方案|信息公开|政务公开|情况|落实|开展|进一步|加强|推进|做好|"
    r"以下|如下|特此|现将|的"
)
# …except inside an office's own name (示例县政务公开办公室).
_SENTENCE_OK_RE = lazyre.compile(r"(?:政务公开|信息公开|政务服务)(?:工作)?(?:领导小组)?(?:办公室|中心|科|处|办)")
# (自然资源部, 全国总工会 and 特克斯县 are names: 自, 全 and 特 are not here.)
_FUNCTION_START_RE = lazyre.compile(r"^(?:本|我|各|该|此|其|根据|按照|依据|依照|为|在|对|由|经|从|据|现|兹|附|注|以|将|向|于|与|及|和|或|等)")
# 本县, 各乡镇人民政府, 全市: a place referred to, not named.
_DEICTIC_RE = lazyre.compile(r"^(?:各|全|本|该|我|每|此)(?:乡镇|县区|区县|市县|县市|市区|镇街|镇|乡|县|区|市|省|街道|级|部门|单位)")
_PUNCT_RE = lazyre.compile(r"[。，,；;：:！!？?“”\"‘’'《》<>【】\[\]、/\\|…—\-~·•]")
_TRAIL_PAREN_RE = lazyre.compile(r"[(（][^()（）]*[)）]$")


def _nfkc(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def clean_agency(name: str | None) -> str | None:
    """The agency as printed (NFKC, without whitespace or surrounding
    punctuation), or ``None`` when it is not an organ's name (see module doc)."""
    if not name:
        return None
    s = _nfkc(name).strip(":：,，.。;；、 \"'“”‘’《》「」『』")
    if "关于" in s:
        # The issuer of a 通知 / 函 / 意见 is what comes before 关于.
        s = s[: s.index("关于")]
    if not (2 <= len(s) <= 40):
        return None
    if _PUNCT_RE.search(s) or re.search(r"[\d年月日]", s):
        return None
    if _DEICTIC_RE.match(s):
        return None
    if _FUNCTION_START_RE.match(s):
        # 本溪市, 和平区, 于都县 are names; 以上为本区, 本县 are not.
        places = split_places(s)[0]
        if not places or len(places[0]) > 4 or re.search(r"[为是的了上下]", places[0][1:]):
            return None
    bare = _TRAIL_PAREN_RE.sub("", s)
    if _SENTENCE_RE.search(_SENTENCE_OK_RE.sub("", bare)):
        return None
    end = _ORGAN_END_RE.search(bare)
    if not end:
        return None
    # 政府, 市政府, 办公室: an organ word with no name in front.
    head = bare[: end.start()]
    if len(head) < (1 if end.group() in ("县", "旗") else 2) or _ORGAN_END_RE.fullmatch(head):
        return None
    if not re.fullmatch(r"[\p{Han}A-Za-z()（）]+", s):
        return None
    return s


def split_places(name: str) -> tuple[tuple[str, ...], str]:
    """(leading place names, the rest): 淮安市洪泽区教育局 →
    (("淮安市", "洪泽区"), "教育局")."""
    places: list[str] = []
    pos = 0
    while pos < len(name):
        m = _PLACE_RE.match(name, pos)
        if not m:
            break
        p = m.group("p")
        # an organ word inside (公安局示例区) ends the places; a place may
        # open with such a character (会…县, 府…县)
        if _ORGAN_CHAR_RE.search(p, 1) or p.endswith(_NOT_PLACE_END) or (len(p) == 2 and p[0] in _NOT_A_NAME):
            break
        places.append(p)
        pos = m.end()
    return tuple(places), name[pos:]


_GOV_ORGAN = ("政府", "管理委员会", "管委会", "")


def _organ_key(organ: str, has_place: bool) -> str:
    o = organ.replace("人民政府", "政府")
    if o in _GOV_ORGAN:
        return "" if has_place else o
    if o.startswith("政府") and not o.startswith(("政府办", "政府研究")) and len(o) >= 5:
        o = o[2:]  # 政府外事办公室 → 外事办公室: the department itself
    o = ABBREVIATIONS.get(o, o)
    if o.startswith(("管委会", "管理委员会")) and has_place:
        o = re.sub(r"^(?:管委会|管理委员会)", "", o)  # the zone's own 办公室 …
    o = re.sub(r"办公厅$", "办公室", o)
    o = ABBREVIATIONS.get(o, o)
    return o.replace("管委会", "管理委员会")


def agency_key(name: str | None) -> str | None:
    """The context-free key of an agency name (see module doc), or ``None``
    when the name cannot be read as an organ's."""
    s = clean_agency(name)
    if s is None:
        return None
    s = _TRAIL_PAREN_RE.sub("", s)
    s = s.replace("人民政府", "政府")
    places, organ = split_places(s)
    if not places:
        # No place could be read off: only the government suffix goes.
        for suf in ("管理委员会", "管委会", "政府"):
            if s.endswith(suf) and len(s) > len(suf) + 1 and re.search(rf"(?:{_LEVEL})$", s[: -len(suf)]):
                return s[: -len(suf)]
        return ABBREVIATIONS.get(s, s)
    return "".join(places) + _organ_key(organ, True)


def link_keys(keys: Iterable[str], years: Mapping[str, Iterable[int]] | None = None) -> dict[str, str]:
    """Key → the key it is linked to, for every key that names the same organ
    as a unique longer key printed with more parent regions (module doc).
    ``years``, when given, are the report years of each key: keys with a year
    in common are not linked."""
    parsed: dict[str, tuple[tuple[str, ...], str]] = {}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in set(keys):
        if not k:
            continue
        places, organ = split_places(k)
        if not places:
            continue
        parsed[k] = (places, organ)
        groups[(places[-1], organ)].append(k)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue

        def extends(long: str, short: str) -> bool:
            pl, ps = parsed[long][0], parsed[short][0]
            return len(pl) > len(ps) and pl[-len(ps):] == ps

        maximal = [m for m in members if not any(extends(o, m) for o in members)]
        for k in members:
            if k in maximal:
                continue
            over = [m for m in maximal if extends(m, k)]
            if len(over) != 1:
                continue
            if years is not None and set(years.get(k, ())) & set(years.get(over[0], ())):
                continue
            out[k] = over[0]
    return out
