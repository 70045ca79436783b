"""Claim extraction: from numbers in paragraphs to typed claims.

A small orchestrator over a catalogue of extractors, one module per claim
type (:mod:`.change`, :mod:`.breakdown`, :mod:`.share`, :mod:`.enumeration`,
:mod:`.zero`; shared pieces in :mod:`.common`).  The extractor works
paragraph by paragraph (body text between headings; tables are left to the
table stage) and sentence by sentence inside a paragraph.  The order
matters: changes claim their figures first (a growth rate is not a share),
其中 breakdowns index their parts (a later share of a part finds its whole
there), then shares, the breakdowns that lists of shares imply,
enumerations and zero statements.  Every count read becomes a candidate
total for later paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..numbers import Number, find_numbers
from .breakdown import (
    among_breakdowns,
    bare_share_breakdowns,
    bracket_breakdowns,
    classified_list_breakdowns,
    qizhong_breakdowns,
    share_list_breakdowns,
    sum_list_breakdowns,
)
from .change import find_changes
from .common import Para, _Ctx, _is_count, _sentences, _shift, compatible_units, narrative_numbers, unit_family
from .enumeration import QUOTED_COUNT_RE, declared_parts, find_enumerations
from .model import Claim
from .share import find_shares
from .zero import ZERO_RE, find_zeros

__all__ = ["extract_claims", "unit_family", "compatible_units", "declared_parts", "narrative_numbers"]


def extract_claims(text: str, paragraphs: Sequence[object]) -> tuple[list[Claim], list[Number]]:
    """Claims of every paragraph, and every number found in them.

    ``paragraphs`` are :class:`~gireport.structure.Paragraph` objects (start,
    end, text, section)."""
    ctx = _Ctx(text)
    claims: list[Claim] = []
    found: list[Number] = []
    for p in paragraphs:
        ptext: str = p.text  # type: ignore[attr-defined]
        pstart: int = p.start  # type: ignore[attr-defined]
        section: str = p.section  # type: ignore[attr-defined]
        raw = _shift(find_numbers(ptext), pstart)
        sents = _sentences(ptext, pstart) if raw else None
        nums = narrative_numbers(text, ptext, pstart, raw, sents)
        found.extend(nums)
        if not any(n.is_quantity for n in nums) and not ZERO_RE.search(ptext) and not QUOTED_COUNT_RE.search(ptext):
            continue
        claims.extend(paragraph_claims(Para(ctx, ptext, pstart, section, nums, sents)))
    return claims, found


def paragraph_claims(para: Para) -> list[Claim]:
    """The claims of one paragraph, in text order."""
    out: list[Claim] = []
    out.extend(find_changes(para))
    out.extend(qizhong_breakdowns(para))
    out.extend(among_breakdowns(para))
    shares = find_shares(para)
    out.extend(shares)
    out.extend(share_list_breakdowns(para, shares, out))
    out.extend(bracket_breakdowns(para))
    out.extend(sum_list_breakdowns(para, out))
    out.extend(classified_list_breakdowns(para, out))
    out.extend(bare_share_breakdowns(para, shares))
    out.extend(find_enumerations(para))
    out.extend(find_zeros(para))
    for n in para.qty:
        if _is_count(n):
            para.ctx.add_total(n, para.section, cued=id(n) in para.cued and id(n) not in para.change_nums)
    out.sort(key=lambda c: (c.start, c.type))
    return out
