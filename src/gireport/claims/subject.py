"""The subject of a claim: the noun phrase a number counts.

jieba segments only the short window before the number (the clause it sits
in), never the whole report; its dictionary loads on first use, once per
process.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re
from .. import lazyre

__all__ = ["subject_before", "segment", "LazySubject"]

_CLAUSE_END = lazyre.compile(r"[,，;；:：、。()]")
_BRACKETED = lazyre.compile(r"\([^()]*\)")
_LEAD = ("其中", "涉及", "在", "对", "全年", "共", "共计", "累计", "合计", "总计", "截至", "截止", "目前", "今年", "本年", "本年度", "去年", "通过", "向", "为", "我", "县", "区", "市")
_TAIL = {"公开", "发布", "共", "计", "达", "达到", "为", "有", "是", "约", "近", "累计", "共计", "合计", "总数", "数量", "的", "了", "个", "总", "数", "量", "等", "收到", "受理", "办结", "答复", "制发", "新增", "增加", "减少"}


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    import logging

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment(s: str) -> list[str]:
    """jieba's segmentation of a short string."""
    return _jieba().lcut(s, HMM=False)


@lru_cache(maxsize=4096)
def _subject_of(clause: str) -> str | None:
    clause = re.sub(r"[0-9]{4}年(?:度)?|\d+月\d+日|\d+(?:\.\d+)?[%‰]?", "", clause).strip()
    if not clause:
        return None
    words = segment(clause)
    while words and (words[-1] in _TAIL or not words[-1].strip()):
        words.pop()
    while words and words[0] in _LEAD:
        words.pop(0)
    s = "".join(words).strip()
    if not s:
        return None
    return s[-20:]


def _window(text: str, lo: int, pos: int) -> str:
    window = _BRACKETED.sub("", text[max(lo, pos - 120) : pos])[-40:]
    cuts = list(_CLAUSE_END.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
    return window


class LazySubject:
    """A claim's subject, found when first asked for: the clause before the
    number is kept (at most 40 characters) and segmented then, so that an
    audit that never shows a subject never loads jieba's dictionary."""

    __slots__ = ("window",)

    def __init__(self, window: str) -> None:
        self.window = window

    def resolve(self) -> str | None:
        return _subject_of(self.window) if self.window else None


def subject_before(text: str, lo: int, pos: int) -> LazySubject:
    """The noun phrase in the clause that ends at ``pos`` (a number's start),
    looking no further back than ``lo`` — as a :class:`LazySubject`, which a
    claim resolves when its ``subject`` is read."""
    return LazySubject(_window(text, lo, pos))
