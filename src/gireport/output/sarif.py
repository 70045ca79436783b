"""SARIF 2.1.0 for code scanning.

One result per finding, located by line and column in the original file
(txt, md, html; line 1 with the page in the location's properties for pdf
and docx), relative to the current folder (``uriBaseId`` %SRCROOT%); the
run records the ruleset version and rounding policy, every path of the run
as an artifact with its status, and each path that could not be audited as
a tool execution notification (failed and pending: error, unsupported:
warning, duplicate and gone: note).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..audit import Rule, select_rules
from ..audit.record import AuditRecord
from .jsonstream import Lazy, dump
from .records import Tally

__all__ = ["render_sarif", "stream_sarif", "SARIF_LEVEL"]

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_NOTE_LEVEL = {"failed": "error", "pending": "error", "unsupported": "warning", "duplicate": "note", "gone": "note"}


def _rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary.split("\n")[0] if r.summary else r.name},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.render_doc()},
        "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
        "properties": {"family": r.family, "tags": [r.family]},
    }


def _artifact(path: str | None) -> dict[str, Any]:
    """Relative to the current folder (%SRCROOT%, what code scanning
    resolves against the checkout) when the file is under it, else an
    absolute file URI."""
    if not path:
        return {"uri": "input"}
    p = Path(path).resolve()
    try:
        rel = p.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": p.as_uri()}
    return {"uri": quote(rel.as_posix().replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _location(uri: dict[str, Any], ev: Any, known: Any, i: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": 1, "snippet": {"text": ev.text}}
    if known:
        region.update(startLine=known[0], startColumn=known[1], endLine=known[2], endColumn=known[3])
    props: dict[str, Any] = {"textOffset": ev.start, "textLength": ev.end - ev.start}
    if ev.page is not None:
        props["page"] = ev.page
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": dict(uri), "region": region}, "properties": props}
    return {"id": i, **loc} if i is not None else loc


def _results(r: AuditRecord, index: dict[str, int]) -> list[dict[str, Any]]:
    uri = _artifact(r.file)
    out = []
    for f, s in r.located():
        known = s.regions
        res: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message_en} / {f.message}"},
            "locations": [_location(uri, ev, known[0] if known else None) for ev in f.evidence[:1]]
            or [{"physicalLocation": {"artifactLocation": dict(uri), "region": {"startLine": 1}}}],
            "partialFingerprints": {"gireport/v1": f.fingerprint},
            "properties": {"reported": f.reported, "expected": f.expected, "section": f.section},
        }
        if f.code in index:
            res["ruleIndex"] = index[f.code]
        if len(f.evidence) > 1:
            res["relatedLocations"] = [_location(uri, ev, known[i] if i < len(known) else None, i) for i, ev in enumerate(f.evidence[1:], 1)]
        out.append(res)
    return out


def _artifact_of(r: AuditRecord) -> dict[str, Any]:
    d = r.status_dict()
    props = {k: d.get(k) for k in ("status", "duplicate_of", "error", "message") if d.get(k) is not None}
    return {"location": _artifact(r.file), "properties": props}


def _notification(r: AuditRecord) -> dict[str, Any]:
    d = r.status_dict()
    return {
        "level": _NOTE_LEVEL[r.status],
        "message": {"text": d["message"] or d["error"] or r.status},
        "descriptor": {"id": d["error"] or r.status},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.file)}}],
    }


def stream_sarif(records: Iterable[AuditRecord], out: TextIO, *, run_date: str | None = None) -> None:
    """The SARIF log of ``records``, written to ``out`` result by result
    (``records`` is read several times, one record at a time)."""
    from ..audit.registry import ruleset_version

    rules = select_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    ruleset = ruleset_version()
    tally = Tally()
    coverage: dict[str, Any] = {}
    for r in records:
        tally.add(r)
        if r.status == "ok":
            coverage[r.file or "input"] = {k: v for k, v in r.coverage.items() if k != "rules"}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "gireport",
                "version": __version__,
                "informationUri": "https://pypi.org/project/gireport/",
                "rules": [_rule(r) for r in rules],
                "properties": {"ruleset": ruleset},
            }
        },
        "invocations": [{
            "executionSuccessful": not any(tally.statuses[s] for s, level in _NOTE_LEVEL.items() if level == "error"),
            "toolExecutionNotifications": Lazy(lambda: (_notification(r) for r in records if r.status in _NOTE_LEVEL)),
        }],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "artifacts": Lazy(lambda: (_artifact_of(r) for r in records)),
        "columnKind": "unicodeCodePoints",
        "results": Lazy(lambda: (res for r in records if r.status == "ok" for res in _results(r, index))),
        "properties": {
            **tally.provenance(run_date),
            "ruleset": ruleset,
            "offsets": "region lines and columns are in the original file (text, Markdown, HTML); textOffset/textLength in a location's properties count characters of gireport's normalised text",
            "coverage": coverage,
        },
    }
    dump({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}, out)
    out.write("\n")


def render_sarif(records: Iterable[AuditRecord], *, run_date: str | None = None) -> str:
    buf = io.StringIO()
    stream_sarif(records, buf, run_date=run_date)
    return buf.getvalue()
