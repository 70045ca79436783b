"""gireport.text.context_segments: the sentences an evidence span stands
in, as marked segments — how sentences join, how a long one is cut, and
how many blocks are shown."""

from __future__ import annotations

from gireport.text import context_segments


def _plain(block: list[list[object]]) -> str:
    return "".join(f"[{p}]" if marked else str(p) for p, marked in block)


def test_each_span_is_marked_in_its_sentence():
    text = "全年受理申请40件。其中公开30件,不予公开10件。另有说明。"
    a = text.index("30件")
    b = text.index("10件")
    blocks = context_segments(text, [(b, b + 3), (a, a + 3)])
    assert [_plain(x) for x in blocks] == ["其中公开[30件],不予公开[10件]。"]


def test_sentences_that_follow_each_other_make_one_block():
    text = "甲共40件。乙共30件。" + "丙" * 50 + "。丁共9件。"
    spans = [(text.index("40件"), text.index("40件") + 3), (text.index("30件"), text.index("30件") + 3), (text.index("9件"), text.index("9件") + 2)]
    blocks = context_segments(text, spans)
    assert [_plain(x) for x in blocks] == ["甲共[40件]。乙共[30件]。", "丁共[9件]。"]


def test_a_long_sentence_is_cut_around_its_spans():
    text = "前" * 150 + "受理申请40件" + "后" * 150 + "。"
    s = text.index("40件")
    [block] = context_segments(text, [(s, s + 3)], width=5, full=100)
    assert _plain(block) == "…前受理申请[40件]后后后后后…"


def test_clusters_far_apart_in_one_sentence_are_separate_windows():
    text = "甲" * 20 + "1件" + "乙" * 100 + "2件" + "丙" * 20 + "。"
    a, b = text.index("1件"), text.index("2件")
    [block] = context_segments(text, [(a, a + 2), (b, b + 2)], width=3, full=50)
    assert _plain(block) == "…甲甲甲[1件]乙乙乙… 乙乙乙[2件]丙丙丙…"  # the gap is the space; the ellipsis before it says so


def test_blocks_beyond_the_limit_are_counted():
    text = "".join(f"第{i}项共{i}件。另文。" for i in range(1, 6))
    spans = [(text.index(f"共{i}件") + 1, text.index(f"共{i}件") + 3) for i in range(1, 6)]
    blocks = context_segments(text, spans, max_blocks=2)
    assert len(blocks) == 3 and blocks[-1] == [["… 3 more", False]]
    assert _plain(blocks[0]) == "第1项共[1件]。"


def test_an_empty_span_is_an_empty_marked_segment():
    text = "本年新收申请件。"
    s = text.index("件")
    [block] = context_segments(text, [(s, s)])
    assert ["", True] in block and _plain(block) == "本年新收申请[]件。"
