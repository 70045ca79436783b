"""gireport.lazyre: patterns compiled on first use behave as compiled ones."""

from __future__ import annotations

import copy
import pickle
import re

import pytest
import regex

from gireport import lazyre


def _is_compiled(p: object) -> bool:
    return vars(p)["_compiled"] is not None


@pytest.mark.parametrize("make, engine", [(lazyre.compile, regex), (lazyre.compile_std, re)])
def test_a_lazy_pattern_matches_as_the_compiled_one(make, engine):
    source = r"(?P<n>\d+)件"
    lazy, real = make(source), engine.compile(source)
    assert lazy.pattern == source and not _is_compiled(lazy)
    text = "收到申请12件，办结10件，其中3件"
    assert lazy.search(text).group("n") == real.search(text).group("n") == "12"
    assert _is_compiled(lazy)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.findall(text, 5) == real.findall(text, 5)
    assert lazy.sub("#", text) == real.sub("#", text)
    assert lazy.split(text) == real.split(text)
    assert lazy.match(text) is None and lazy.fullmatch("7件").group("n") == "7"
    assert (lazy.groups, lazy.groupindex, lazy.flags) == (real.groups, dict(real.groupindex), real.flags)
    assert lazy.compiled() is lazy.compiled()


_CALLS = {
    "search": ("a12件b",),
    "match": ("12件",),
    "fullmatch": ("12件",),
    "finditer": ("1件2件",),
    "findall": ("1件2件",),
    "sub": ("#", "1件2件"),
    "subn": ("#", "1件2件"),
    "split": ("1件2件",),
    "scanner": ("1件2件",),
    "splititer": ("1件2件",),
}


def _plain(x):  # type: ignore[no-untyped-def]
    """A result in comparable form (matches by span, iterators listed)."""
    if hasattr(x, "span"):
        return ("match", x.span(), x.groups())
    if hasattr(x, "match") and hasattr(x, "search"):  # a scanner
        return [m.span() for m in iter(x.match, None)]
    if isinstance(x, (str, bytes, int, tuple, list, type(None))):
        return [_plain(y) for y in x] if isinstance(x, list) else x
    return [_plain(y) for y in x]


@pytest.mark.parametrize(
    "make, engine, name",
    [(make, engine, name) for make, engine in ((lazyre.compile, regex), (lazyre.compile_std, re)) for name in sorted(_CALLS) if hasattr(engine.compile("x"), name)],
)
def test_every_method_compiles_and_answers_on_its_first_call(make, engine, name):
    source = r"(\d+)件"
    real = engine.compile(source)
    lazy = make(source)  # a fresh pattern: this call is its first
    assert _plain(getattr(lazy, name)(*_CALLS[name])) == _plain(getattr(real, name)(*_CALLS[name]))
    assert _is_compiled(lazy)
    assert _plain(getattr(lazy, name)(*_CALLS[name])) == _plain(getattr(real, name)(*_CALLS[name]))


def test_compile_all_compiles_every_pattern_made():
    a, b = lazyre.compile(r"甲\d"), lazyre.compile_std(r"乙\d")
    assert lazyre.compile_all() >= 2
    assert _is_compiled(a) and _is_compiled(b)
    assert lazyre.compile_all() == 0
    assert lazyre.compiled(a) is a.compiled() and lazyre.compiled(re.compile("x")).pattern == "x"


def test_flags_and_named_lists_reach_the_engine():
    assert lazyre.compile_std(r"^b", re.M).findall("a\nb") == ["b"]
    assert lazyre.compile(r"\L<w>", w=["公开", "处理"]).findall("不予公开，不予处理") == ["公开", "处理"]
    assert lazyre.compile(r"\p{Han}+").findall("ab中文cd") == ["中文"]


def test_the_text_of_a_pattern_and_copies_need_no_compiling():
    lazy = lazyre.compile(r"其中(\d+)")
    combined = lazyre.compile(lazy.pattern + "件")
    clone = copy.copy(lazy)
    assert not _is_compiled(lazy) and not _is_compiled(combined)
    assert clone.search("其中5件").group(1) == "5"
    assert combined.search("其中5件").group(0) == "其中5件"


def test_a_lazy_pattern_pickles_as_its_text():
    lazy = lazyre.compile_std(r"占(\d+)%", re.I)
    lazy.search("占5%")
    back = pickle.loads(pickle.dumps(lazy))
    assert not _is_compiled(back) and back.pattern == lazy.pattern
    assert back.search("占75%").group(1) == "75"


def test_a_bad_pattern_fails_when_used():
    lazy = lazyre.compile_std(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")
    with pytest.raises(AttributeError):
        lazyre.compile_std("x").no_such_method  # noqa: B018
