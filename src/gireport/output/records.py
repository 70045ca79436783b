"""What every renderer starts from: the records of a run, its provenance and
its summary.

:func:`as_records` turns what a caller has — :class:`~gireport.Audit`
objects, :class:`~gireport.audit.AuditRecord` objects, the CLI's error
entries, a batch run's path entries — into one list of records, one per
path, in order.  Renderers read nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..audit.record import AuditRecord, record_of
from ..i18n import MESSAGES, plural, tr
from .provenance import provenance as _provenance
from .safe import terminal_safe

__all__ = ["as_records", "audited", "unaudited", "run_provenance", "summary_line", "path_lines", "Tally", "Tallied", "UNREADABLE"]

#: The statuses of paths that should have been audited and were not.
UNREADABLE = ("failed", "unsupported", "pending")


def _record(item: Any) -> AuditRecord:
    if isinstance(item, AuditRecord):
        return item
    if hasattr(item, "report"):  # an Audit
        return record_of(item)
    raise TypeError(f"not an audit or an audit record: {type(item).__name__}")


def _status_record(p: dict[str, Any]) -> AuditRecord:
    status = p.get("status") or "failed"
    return AuditRecord(file=str(p.get("file")), status=status, error_type=p.get("error") or p.get("error_type"),
                       error_message=p.get("message") or p.get("error_message"), duplicate_of=p.get("duplicate_of"))


def as_records(items: Iterable[Any] = (), *, errors: Sequence[dict[str, Any]] = (), paths: Sequence[dict[str, Any]] = ()) -> list[AuditRecord]:
    """One record per path: ``items`` (audits or records) in their order;
    with ``paths`` (``{file, status, error, message, duplicate_of}``
    entries of a run), every path in the order of ``paths``, an ``ok`` path
    taking its record from ``items``; ``errors`` (the same entries for paths
    that could not be audited) added where not already there."""
    recs = [_record(a) for a in items]
    if paths:
        by_file = {r.file: r for r in recs}
        out: list[AuditRecord] = []
        used: set[int] = set()
        for p in paths:
            f = str(p.get("file"))
            if p.get("status") in (None, "ok") and f in by_file:
                out.append(by_file[f])
                used.add(id(by_file[f]))
            elif p.get("status") in (None, "ok"):  # an ok path without its audit: accounted for, not dropped
                out.append(_status_record({**p, "status": "pending", "message": p.get("message") or f"{f}: no audit given for this path"}))
            else:
                out.append(_status_record(p))
        out += [r for r in recs if id(r) not in used and not (r.status != "ok" and r.file in {str(p.get("file")) for p in paths})]
        recs = out
    listed = {r.file for r in recs if r.status != "ok"}
    for e in errors:
        if str(e.get("file")) not in listed:
            recs.append(_status_record({"status": "failed", **e}))
            listed.add(str(e.get("file")))
    return recs


def audited(records: Iterable[AuditRecord]) -> list[AuditRecord]:
    """The records of audited documents (status ``ok``)."""
    return [r for r in records if r.status == "ok"]


def unaudited(records: Iterable[AuditRecord]) -> list[AuditRecord]:
    """The records of paths with no audit of their own."""
    return [r for r in records if r.status != "ok"]


class Tally:
    """What a run's records add up to, read one record at a time
    (:meth:`add`): the counts of the summary line, the paths by status and
    the rounding policies of the provenance."""

    def __init__(self) -> None:
        self.files = self.unreadable = self.checked = self.untestable = self.claims = 0
        self.severities: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.modes: set[str] = set()

    @classmethod
    def of(cls, records: Iterable[Any]) -> Tally:
        """The tally of ``records``: one pass over them, or none when they
        are :class:`Tallied` and were read to the end before."""
        if isinstance(records, Tallied):
            if records.tally is None:
                for _ in records:  # the pass counts them
                    pass
            return records.tally  # type: ignore[return-value]
        t = cls()
        for r in records:
            t.add(r)
        return t

    def add(self, item: Any) -> None:
        """Count one record (or audit)."""
        r = item if isinstance(item, AuditRecord) else _record(item)
        self.statuses[r.status] += 1
        if r.status in UNREADABLE:
            self.unreadable += 1
        if r.status != "ok":
            return
        self.files += 1
        if r.rounding:
            self.modes.add(r.rounding)
        self.severities.update(f.severity for f in r.findings)
        cov = r.coverage or {}
        self.checked += int(cov.get("checked") or 0)
        self.untestable += int(cov.get("untestable") or 0)
        self.claims += sum((cov.get("claims") or {}).values())

    def provenance(self, run_date: str | None = None) -> dict[str, str]:
        """Version, ruleset, the records' rounding policy and the run date
        (``run_date``: a stored run's; default today, see :mod:`.provenance`)."""
        prov = _provenance(rounding="+".join(sorted(self.modes)) if self.modes else None)
        if run_date:
            prov["run_date"] = run_date
        return prov

    def summary(self, failed: int | None = None, *, lang: str = "en") -> str:
        """The summary line (see :func:`summary_line`)."""
        if failed is None:
            failed = self.unreadable
        c, files, checked, untestable = self.severities, self.files, self.checked, self.untestable
        rate = f"{checked / (checked + untestable):.0%}" if checked + untestable else tr("n/a", lang)
        return tr(
            "summary", lang, files=files, files_en=plural(files, "file"), unreadable=tr("unreadable", lang, n=failed) if failed else "",
            errors=c["error"], errors_en=plural(c["error"], "error"), warnings=c["warning"], warnings_en=plural(c["warning"], "warning"),
            infos=c["info"], claims=self.claims, checked=checked, untestable=untestable, rate=rate,
        )


class Tallied:
    """Records that are read several times (a result store's, written out
    as a format and then summed up) and count themselves on the way: the
    first pass that reads them to the end keeps their :class:`Tally`, and
    :meth:`Tally.of` (the provenance, the summary line) then needs no pass
    of its own.  A pass stopped early keeps nothing."""

    def __init__(self, records: Iterable[Any]) -> None:
        self.records = records
        self.tally: Tally | None = None

    def __iter__(self) -> Iterator[Any]:
        if self.tally is not None:
            yield from self.records
            return
        t = Tally()
        for r in self.records:
            t.add(r)
            yield r
        self.tally = t


def run_provenance(records: Iterable[AuditRecord], run_date: str | None = None) -> dict[str, str]:
    """Version, ruleset, the records' rounding policy and the run date
    (``run_date``: a stored run's; default today, see :mod:`.provenance`)."""
    return Tally.of(records).provenance(run_date)


def summary_line(records: Iterable[Any], failed: int | None = None, *, lang: str = "en") -> str:
    """One line: files, findings by severity, claims, checked, untestable
    and the testable rate.  ``records`` may be audits or records (read once,
    one at a time); paths that could not be audited are counted as
    unreadable (or ``failed``)."""
    return Tally.of(records).summary(failed, lang=lang)


def path_lines(records: Iterable[Any], *, lang: str = "en") -> list[str]:
    """One line per path with no findings of its own to show — failed,
    unsupported, duplicate, gone or pending — with the reason (control
    characters escaped).  ``records`` may be records or path entries."""
    out = []
    for p in records:
        d = p.status_dict() if isinstance(p, AuditRecord) else p
        st = d.get("status")
        if st in (None, "ok"):
            continue
        word = tr(f"status.{st}", lang) if f"status.{st}" in MESSAGES else st
        if st == "duplicate" and d.get("duplicate_of"):
            why = f" of {d['duplicate_of']}" if lang == "en" else ":" + tr("duplicate_of", lang, path=d["duplicate_of"])
        else:
            why = (": " if lang == "en" else ":") + str(d["message"]) if d.get("message") else ""
        out.append(terminal_safe(f"{d.get('file')}: {word}{why}"))
    return out

