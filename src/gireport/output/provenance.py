"""What produced an output: every format carries it.

``provenance(audits)`` gives gireport's version, the ruleset version (the
registered rules' hash, :func:`gireport.audit.registry.ruleset_version`), the
rounding policy the audits used and the run date.  JSON, SARIF and HTML carry
it once (a ``run`` object, the run's properties, the page header); CSV and
JSONL as columns of every row (:data:`PROVENANCE_COLUMNS`).

The run date is today's date in UTC — a date, not a time, so that outputs of
the same archive on one day are byte-identical whatever the timing; set
``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds
convention) to fix it.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable
from typing import Any

__all__ = ["PROVENANCE_COLUMNS", "provenance", "run_date"]

#: The provenance columns of the tabular outputs, in order.
PROVENANCE_COLUMNS = ("gireport_version", "ruleset", "rounding", "run_date")


def run_date() -> str:
    """Today in UTC as YYYY-MM-DD, or the date of ``SOURCE_DATE_EPOCH``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.datetime.now(_dt.timezone.utc).date().isoformat()


def provenance(audits: Iterable[Any] = (), *, rounding: str | None = None) -> dict[str, str]:
    """The provenance of an output of ``audits``: the rounding policy is
    theirs (several joined by "+"; the default when there are none)."""
    from .. import __version__
    from ..audit import DEFAULT_ROUNDING
    from ..audit.registry import ruleset_version

    if rounding is None:
        modes = sorted({a.config.rounding for a in audits if getattr(a, "config", None) is not None})
        rounding = "+".join(modes) if modes else DEFAULT_ROUNDING
    return {"gireport_version": __version__, "ruleset": ruleset_version(), "rounding": rounding, "run_date": run_date()}
