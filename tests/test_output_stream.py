"""Outputs written piece by piece: the text formats read their records a few
times, one at a time, so that writing an archive's results never holds them
all; the bytes are those of the whole-document renderers."""

from __future__ import annotations

import gc
import io
import json
import os
import shutil
import weakref

import pytest

from conftest import CORPUS
from gireport.audit import AuditRecord, Evidence, Finding, Shown, Verdict
from gireport.baseline import Baselined, apply_baseline
from gireport.output import FORMATS
from gireport.output.jsonstream import Lazy, dump

STREAMED = [f for f in FORMATS.values() if f.streams]


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _materialised(o):
    if isinstance(o, Lazy):
        return {k: _materialised(v) for k, v in o.items()} if o.pairs else [_materialised(v) for v in o.items()]
    if isinstance(o, dict):
        return {k: _materialised(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_materialised(v) for v in o]
    return o


@pytest.mark.parametrize(
    "doc",
    [
        {"a": 1, "items": Lazy(lambda: iter([{"x": [1, {"y": "甲\n乙"}]}, 2, [], {}])), "none": Lazy(lambda: iter([]))},
        {"runs": [{"results": Lazy(lambda: iter([{"k": "v"}])), "by": Lazy(lambda: iter([("f", Lazy(lambda: iter([3])))]), pairs=True)}]},
        Lazy(lambda: iter([])),
        Lazy(lambda: iter([]), pairs=True),
        [Lazy(lambda: iter(["a", None, True, 1.5]))],
    ],
)
def test_a_streamed_json_document_is_json_dumps_of_it(doc):
    buf = io.StringIO()
    dump(doc, buf)
    assert buf.getvalue() == json.dumps(_materialised(doc), ensure_ascii=False, indent=2)


# ------------------------------------------------------------ one at a time
def _records(n: int) -> list[AuditRecord]:
    out = []
    for i in range(n):
        path = f"档案/县{i % 3}/报告{i}.txt"
        f = Finding("GR201", "share-mismatch", "warning" if i % 2 else "error", f"第{i}项占比应为12.5%", "share should be 12.5%",
                    [Evidence(10, 15, None, "12.0%")], reported="12.0%", expected="12.5%", section="overview", file=path)
        out.append(AuditRecord(file=path, format="txt", agency=f"青禾县第{i}局", year=2021, template="2021", is_report=True, rounding="convention",
                               coverage={"claims": {"share": 2}, "checked": 3, "failed": 1, "untestable": 1, "rules": {}},
                               findings=[f] if i % 4 else [], shown=[Shown(line=2, context=["……共80件,占«12.0%»。"])] if i % 4 else [],
                               verdicts=[Verdict("GR201", "share-mismatch", "pass", subject="占比")]))
    out.append(AuditRecord(file="档案/坏.pdf", status="failed", error_type="CorruptFileError", error_message="档案/坏.pdf: damaged"))
    out.append(AuditRecord(file="档案/旧.doc", status="unsupported", error_message="档案/旧.doc: not a report format"))
    return out


class _OneAtATime:
    """Re-iterable records made afresh on every pass; fails when more than
    two of them are alive at once (a consumer holding them all)."""

    def __init__(self, n: int, out: io.StringIO | None = None) -> None:
        self.n = n
        self.passes = 0
        self.alive = 0
        self.out = out
        #: how much output was written when each record was produced
        self.written: list[int] = []

    def _gone(self) -> None:
        self.alive -= 1

    def __iter__(self):
        self.passes += 1
        for i in range(self.n + 2):
            gc.collect()
            assert self.alive <= 2, f"{self.alive} records held at once"
            r = _records(self.n)[i]
            self.alive += 1
            weakref.finalize(r, self._gone)
            if self.out is not None:
                self.written.append(self.out.tell())
            yield r
            del r


@pytest.mark.parametrize("fmt", [f.name for f in STREAMED])
def test_streamed_formats_hold_one_record_at_a_time_and_match_the_renderer(fmt):
    f = FORMATS[fmt]
    whole = f.render(_records(12), lang="zh")
    buf = io.StringIO()
    source = _OneAtATime(12, buf)
    f.stream(source, buf, lang="zh")
    assert buf.getvalue() == whole
    # the output grows while the records are read, not after the last one
    assert len(set(source.written)) > 5


def test_text_json_jsonl_csv_sarif_are_streamed():
    assert {f.name for f in STREAMED} == {"text", "json", "jsonl", "csv", "sarif"}


def test_write_streams_to_a_file(tmp_path):
    for f in STREAMED:
        out = tmp_path / f"run.{f.name}"
        from gireport.output import write

        assert write(_OneAtATime(5), f.name, out) == [os.fspath(out)]
        assert out.read_text(encoding="utf-8") == f.render(_records(5))


# ------------------------------------------------------------ baseline view
def test_the_baseline_view_matches_apply_baseline():
    recs = _records(8)
    entries = [{"fingerprint": recs[1].findings[0].fingerprint, "file": recs[1].file, "code": "GR201"},
               {"fingerprint": "gone", "file": recs[2].file, "code": "GR201"}]
    kept, hidden, stale = apply_baseline(recs, entries)
    view = Baselined(recs, entries)
    assert list(view) == kept == list(view)  # re-iterable
    assert (view.hidden, view.stale) == (hidden, stale)
    assert hidden == sum(1 for r in recs for f in r.findings if f.fingerprint == entries[0]["fingerprint"]) > 0 and stale == [entries[1]]
    assert recs[1].findings  # the records given are left as they are


# ------------------------------------------------------------ deferred verdicts
def test_deferred_verdicts_are_read_once_when_first_used():
    calls = []
    full = _records(1)[0]

    def load():
        calls.append(1)
        return list(full.verdicts)

    r = AuditRecord(**{k: v for k, v in vars(full).items() if k != "verdicts"}).defer_verdicts(load)
    assert calls == []
    assert r == full and calls == [1]  # equality reads them
    assert r.verdicts == full.verdicts and calls == [1]
    import pickle

    r2 = AuditRecord(**{k: v for k, v in vars(full).items() if k != "verdicts"}).defer_verdicts(load)
    back = pickle.loads(pickle.dumps(r2))
    assert back == full and "_load_verdicts" not in vars(back)
    with pytest.raises(AttributeError):
        r.no_such_field  # noqa: B018


# ------------------------------------------------------------ batch outcome read from the store
def test_an_outcome_read_from_the_store_equals_the_in_memory_one(tmp_path):
    from gireport.batch.results import StoredRecords
    from gireport.batch.runner import audit_paths

    for name in ("qinghe-county-2021.txt", "baishi-town-2020.docx"):
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    in_memory = audit_paths([tmp_path], workers=1)
    with audit_paths([tmp_path], workers=1, in_memory=False) as stored:
        assert isinstance(stored.paths, StoredRecords)
        db = stored.paths.db
        assert list(stored.paths) == in_memory.paths == list(stored.paths)
        assert stored.errors == in_memory.errors and stored.counts() == in_memory.counts()
    assert not os.path.exists(db)  # the temporary store is removed with the outcome


def test_a_record_from_a_worker_keeps_its_verdicts_packed_for_the_store():
    import pickle

    r = _records(1)[0]
    back = pickle.loads(pickle.dumps(r))  # as a batch worker sends it
    assert "_load_verdicts" in vars(back)
    assert back.packed_verdicts() == r.packed_verdicts()  # stored as it came ...
    assert "_load_verdicts" in vars(back)  # ... without decoding it
    assert back == r and back.verdicts == r.verdicts


# ------------------------------------------------------------ counting once
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "sarif"])
def test_the_summary_line_reuses_the_count_of_the_written_pass(fmt):
    from gireport.output import Tallied, summary_line, write

    source = _OneAtATime(6)
    recs = Tallied(source)
    write(recs, fmt, io.StringIO())
    passes = source.passes
    assert summary_line(recs) == summary_line(_records(6))
    assert source.passes == passes  # no pass of its own: a store's records are read once less


def test_a_pass_stopped_early_keeps_no_count():
    from gireport.output import Tallied, Tally

    source = _OneAtATime(4)
    recs = Tallied(source)
    next(iter(recs))
    assert recs.tally is None
    assert Tally.of(recs).summary() == Tally.of(_records(4)).summary()
    assert source.passes == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_findings_then_paths_from_two_passes_in_all(fmt, monkeypatch):
    """A findings table reads the records once for its provenance and once
    for its rows (the rows of paths without findings wait in a spool), and
    the summary line after it needs none: two passes over a store's
    records, not four.  The spool may go to disk: the output is the same."""
    from gireport.output import Tallied, summary_line, write
    from gireport.output import tabular

    source = _OneAtATime(9)
    recs = Tallied(source)
    buf = io.StringIO()
    write(recs, fmt, buf)
    summary_line(recs)
    assert source.passes == 2
    monkeypatch.setattr(tabular, "SPOOL_BYTES", 64)  # a few rows in memory, the rest on disk
    spilled = io.StringIO()
    write(_OneAtATime(9), fmt, spilled)
    assert spilled.getvalue() == buf.getvalue()


def test_jsonl_rows_are_every_finding_in_record_order_then_every_other_path():
    from gireport.output import write

    recs = _records(9)
    buf = io.StringIO()
    write(recs, "jsonl", buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    expected = [(r.file, f.code) for r in recs if r.status == "ok" and r.findings for f in r.findings]
    expected += [(r.file, None) for r in recs if not (r.status == "ok" and r.findings)]
    assert [(row["file"], row["code"]) for row in rows] == expected
