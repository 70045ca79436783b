"""Regular expressions compiled when first used.

The stages name several hundred patterns at module level.  Compiling them
all when a module is imported makes a fresh process pay for patterns its
report never reaches: an old-template report never needs the 2021 form's
table patterns, a table report never needs most share and breakdown
patterns.  :func:`compile` (the ``regex`` engine) and :func:`compile_std`
(the standard library's ``re``) return a :class:`LazyPattern` that compiles
on its first use and from then on hands out the compiled pattern's own bound
methods, so a warm call costs what it would on the compiled pattern.

``pattern`` is known without compiling (patterns are often built from other
patterns' text).  A lazy pattern is not a ``Pattern`` instance: it cannot be
passed to ``regex.compile`` or to a module-level function such as
``regex.sub``; use its methods.  Where a real pattern object is needed,
:meth:`LazyPattern.compiled` (or :func:`compiled`, which takes either kind)
returns it — take a method into a local for a hot loop from there, not from
the lazy pattern.

A process that forks workers compiles every pattern first
(:func:`compile_all`), so that no child compiles one again.
"""

from __future__ import annotations

import re as _std
import weakref
from typing import Any, AnyStr, TypeVar, cast

import regex as _regex

__all__ = ["LazyPattern", "compile", "compile_std", "compiled", "compile_all"]

P = TypeVar("P")

#: Every lazy pattern made (module-level patterns live as long as their
#: module; a pattern dropped is dropped from here too).
_MADE: weakref.WeakSet[LazyPattern] = weakref.WeakSet()

#: The compiled pattern's methods copied onto the lazy one when it compiles:
#: later calls find them in the instance (the class's forwarding methods,
#: :func:`_forwarding`, only compile) and cost what a call on the compiled pattern costs, give or take
#: a few tens of nanoseconds.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer", "scanner")


class LazyPattern:
    """A pattern of ``engine`` (``regex`` or ``re``), compiled on first use."""

    def __init__(self, engine: Any, pattern: Any, flags: int = 0, named_lists: dict[str, Any] | None = None) -> None:
        self.pattern = pattern
        self._engine = engine
        self._flags = flags
        self._named_lists = named_lists or {}
        self._compiled: Any = None
        _MADE.add(self)

    def compiled(self) -> Any:
        """The compiled pattern (compiling it now if it was not yet)."""
        done = self._compiled
        if done is None:
            done = self._engine.compile(self.pattern, self._flags, **self._named_lists)
            for name in _METHODS:
                method = getattr(done, name, None)
                if method is not None:
                    self.__dict__[name] = method
            self._compiled = done
        return done

    @property
    def flags(self) -> int:
        return int(self.compiled().flags)

    @property
    def groups(self) -> int:
        return int(self.compiled().groups)

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def __repr__(self) -> str:
        return f"LazyPattern({self._engine.__name__}, {self.pattern!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._engine.__name__, self.pattern, self._flags, self._named_lists))


def _forwarding(name: str) -> Any:
    """The class's ``name`` method: compile, then call the compiled
    pattern's.  It runs once per pattern at most: compiling puts the
    compiled pattern's own bound method in the instance, which shadows it."""

    def method(self: LazyPattern, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.compiled(), name)(*args, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"LazyPattern.{name}"
    return method


for _name in _METHODS:
    setattr(LazyPattern, _name, _forwarding(_name))
del _name


def _rebuild(engine: str, pattern: Any, flags: int, named_lists: dict[str, Any]) -> LazyPattern:
    return LazyPattern(_regex if engine == "regex" else _std, pattern, flags, named_lists)


def compile(pattern: str, flags: int = 0, **named_lists: Any) -> _regex.Pattern[str]:  # noqa: A001 - the engine's own name
    """A ``regex`` pattern compiled on first use (``named_lists`` as in
    ``regex.compile``)."""
    return cast("_regex.Pattern[str]", LazyPattern(_regex, pattern, flags, named_lists))


def compile_std(pattern: AnyStr, flags: int = 0) -> _std.Pattern[AnyStr]:
    """A standard-library ``re`` pattern (of ``str`` or ``bytes``) compiled
    on first use."""
    return cast("_std.Pattern[AnyStr]", LazyPattern(_std, pattern, flags))


def compiled(pattern: P) -> P:
    """The compiled pattern behind a lazy one (compiling it now); any other
    object as it is."""
    return pattern.compiled() if isinstance(pattern, LazyPattern) else pattern  # type: ignore[no-any-return]


def compile_all() -> int:
    """Compile every lazy pattern made so far (those of the modules imported
    so far); returns how many were compiled now.  A process that forks
    children calls it once, so that the children inherit compiled patterns
    instead of each compiling its own."""
    n = 0
    for p in list(_MADE):
        if p._compiled is None:
            p.compiled()
            n += 1
    return n
