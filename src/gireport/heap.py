"""Fewer garbage collections while a report is parsed and audited.

An audit allocates many small objects (numbers, intervals, claims,
verdicts) that live until the audit ends, and creates almost no reference
cycles.  CPython's cyclic collector nevertheless runs every 700
allocations and, now and then, walks every live object: on a long report
(hundreds of thousands of claims) those full walks cost more than the
audit itself, and the cost grows faster than the input.

:func:`fewer_collections` raises the collector's first threshold while it
is active, so collections still happen (memory stays bounded) but far less
often.  Reference counting frees ordinary garbage at once either way; only
cyclic garbage waits a little longer.  The previous thresholds are restored
when the outermost use ends; nested and concurrent uses (threads) share one
raised setting.  A threshold of 0 (collection disabled) or one already
higher is left alone.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["GEN0_THRESHOLD", "fewer_collections"]

#: Allocations between two young-generation collections while auditing
#: (CPython's default is 700).
GEN0_THRESHOLD = 50_000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold to :data:`GEN0_THRESHOLD`
    for the duration of the block (see the module docstring)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            current = gc.get_threshold()
            if 0 < current[0] < GEN0_THRESHOLD:
                _saved = current
                gc.set_threshold(GEN0_THRESHOLD, *current[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
