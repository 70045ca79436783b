"""JSON written piece by piece.

A run's JSON and SARIF documents hold every audited file; an archive of
tens of thousands of reports must not be held in memory to write them.
:func:`dump` writes a document whose large lists (and objects) are
:class:`Lazy`: their items are produced while they are written, one at a
time.  The bytes are those of ``json.dumps(doc, ensure_ascii=False,
indent=2)`` over the same document with every :class:`Lazy` made a list
(or a dict), so a streamed file and a rendered string are the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

__all__ = ["Lazy", "dump"]


class Lazy:
    """A JSON array whose items ``items()`` produces when it is written
    (with ``pairs``: an object, ``items()`` producing ``(key, value)``
    pairs, each key once)."""

    __slots__ = ("items", "pairs")

    def __init__(self, items: Callable[[], Iterable[Any]], *, pairs: bool = False) -> None:
        self.items = items
        self.pairs = pairs


def _has_lazy(obj: Any) -> bool:
    if isinstance(obj, Lazy):
        return True
    if isinstance(obj, dict):
        return any(_has_lazy(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return any(_has_lazy(v) for v in obj)
    return False


def _write(obj: Any, fh: TextIO, depth: int) -> None:
    if not _has_lazy(obj):
        s = json.dumps(obj, ensure_ascii=False, indent=2)
        fh.write(s.replace("\n", "\n" + "  " * depth) if depth else s)
        return
    if isinstance(obj, Lazy):
        pairs, items = obj.pairs, obj.items()
    elif isinstance(obj, dict):
        pairs, items = True, obj.items()
    else:
        pairs, items = False, obj
    opener, closer = ("{", "}") if pairs else ("[", "]")
    pad = "  " * (depth + 1)
    first = True
    for item in items:
        fh.write(opener + "\n" + pad if first else ",\n" + pad)
        first = False
        if pairs:
            key, value = item
            fh.write(json.dumps(str(key), ensure_ascii=False) + ": ")
            _write(value, fh, depth + 1)
        else:
            _write(item, fh, depth + 1)
    fh.write(opener + closer if first else "\n" + "  " * depth + closer)


def dump(doc: Any, fh: TextIO) -> None:
    """Write ``doc`` to ``fh`` as ``json.dumps(doc, ensure_ascii=False,
    indent=2)`` would, producing each :class:`Lazy` part as it goes."""
    _write(doc, fh, 0)
