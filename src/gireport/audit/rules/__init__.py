"""The built-in rules.  Importing this package registers them.

Text-claim arithmetic is one module per family: :mod:`.shares` (GR2xx),
:mod:`.breakdowns` (GR3xx), :mod:`.enumerations` (GR4xx) and :mod:`.changes`
(GR5xx); :mod:`.arithmetic` re-exports them."""

from . import arithmetic, breakdowns, changes, enumerations, oldstats_narrative, shares, structure, tables, tables_narrative  # noqa: F401
