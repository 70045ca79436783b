"""Arithmetic rules over text claims, one module per family: shares
(GR2xx, :mod:`.shares`), breakdowns (GR3xx, :mod:`.breakdowns`),
enumerations (GR4xx, :mod:`.enumerations`) and year-on-year changes (GR5xx,
:mod:`.changes`).  Importing this module registers them (kept for code that
imports ``gireport.audit.rules.arithmetic``)."""

from __future__ import annotations

from . import breakdowns, changes, enumerations, shares  # noqa: F401
from .breakdowns import breakdown_sum
from .changes import change_mismatch
from .enumerations import enumeration_count
from .shares import share_mismatch, shares_sum

__all__ = ["share_mismatch", "shares_sum", "breakdown_sum", "enumeration_count", "change_mismatch"]
