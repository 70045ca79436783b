"""Every warning/error finding on the real reports, read by a human.

The real published reports in ``../shared/corpus-real`` (txt, html, md, pdf,
the blank 2021 template) and the seed ``../shared/seed/changbai-2013.txt`` are
audited one by one (``gireport.audit``), and each folder is also run as a
batch (``gireport.audit_many``) for the cross-year rules (GR7xx).  Each
warning/error finding was read against its source and adjudicated in
``real_findings.json`` beside this file:

* ``true``     — a real inconsistency in the report (losing it fails the test;
  so does its demotion to info, unless the entry says ``info_ok`` with why);
* ``false``    — a false alarm (it may disappear; while present it is listed
  by ``test_known_false_alarms``, an xfail, so it stays visible);
* ``doubtful`` — cannot be decided from the text (may come or go);
* ``unread``   — written by ``--update`` for a finding nobody has read yet
  (fails ``test_no_unread_entries``).

A finding is identified by (file, code, snippet): the snippet is the
normalised text of its first evidence spans (NFKC, no whitespace), matched
by containment at number boundaries, so a span that grows or shrinks by a
unit or a character, or moves, still matches; messages and offsets are not
part of the key.

When a rule changes, regenerate the list, then read every ``unread`` entry
against its source and give it a verdict and a one-line reason::

    python tests/test_real_findings.py --update     # keeps existing verdicts
    python tests/test_real_findings.py --show       # the table, by verdict

Skipped when ``../shared`` is absent (a user's fresh clone).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import REAL, SEED, SHARED, needs_shared  # noqa: E402

DATA = Path(__file__).with_name("real_findings.json")
VERDICTS = ("true", "false", "doubtful", "unread")
LEVELS = ("warning", "error")
SUFFIXES = (".txt", ".html", ".htm", ".md", ".pdf", ".docx")
BATCH_FOLDERS = ("txt", "html", "md", "pdf")
SNIPPET_PARTS = 3  # evidence spans kept in a snippet
PART_CHARS = 40  # characters kept of each span

pytestmark = needs_shared


# --- identity of a finding ----------------------------------------------------------------------


def norm(text: str) -> str:
    """NFKC, no whitespace, capped: the comparable form of an evidence text."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))[:PART_CHARS]


def snippet(evidence: list[str]) -> list[str]:
    parts = [norm(t) for t in evidence]
    return [p for p in parts if p][:SNIPPET_PARTS]


def _fits(small: str, big: str) -> bool:
    """``small`` occurs in ``big`` without cutting a number (60条 is not in
    160条, 2.9% is not in 12.9%)."""
    if not small:
        return False
    start = big.find(small)
    while start >= 0:
        end = start + len(small)
        before, after = big[start - 1 : start], big[end : end + 2]
        cut_before = small[0].isdigit() and (before.isdigit() or before == ".")
        cut_after = small[-1].isdigit() and (after[:1].isdigit() or (after[:1] == "." and after[1:2].isdigit()))
        if not cut_before and not cut_after:
            return True
        start = big.find(small, start + 1)
    return False


def same_part(a: str, b: str) -> bool:
    return a == b or _fits(a, b) or _fits(b, a)


def matches(pinned: dict[str, Any], found: dict[str, Any]) -> bool:
    """A pinned entry and a current finding are the same finding: same code,
    and every pinned snippet part is one of the finding's evidence spans
    (up to containment)."""
    if pinned["code"] != found["code"]:
        return False
    spans = [norm(t) for t in found["evidence"]]
    return all(any(same_part(p, s) for s in spans) for p in pinned["snippet"])


def pair_up(pinned: list[dict[str, Any]], found: list[dict[str, Any]]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match current findings to pinned entries (each used once): (pairs,
    findings left over, pinned entries left over).  Longest snippets first,
    so a specific entry is not taken by a vaguer one."""
    free = list(pinned)
    pairs, new = [], []
    for f in found:
        cands = [p for p in free if matches(p, f)]
        if cands:
            best = max(cands, key=lambda p: sum(len(s) for s in p["snippet"]))
            free.remove(best)
            pairs.append((best, f))
        else:
            new.append(f)
    return pairs, new, free


# --- the current findings -----------------------------------------------------------------------


def real_files() -> list[Path]:
    files = sorted(p for p in REAL.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return files + [SEED]


def key_of(path: Path) -> str:
    return path.resolve().relative_to(SHARED.resolve()).as_posix()


def _record(code: str, severity: str, message: str, evidence: list[str]) -> dict[str, Any]:
    return {"code": code, "severity": severity, "message": message, "evidence": evidence}


def current_findings(levels: tuple[str, ...] = LEVELS) -> dict[str, list[dict[str, Any]]]:
    """file key → findings at ``levels``: per-file audits, then the cross-year
    findings of a batch run per folder (keys ``batch:<file>``)."""
    import gireport

    out: dict[str, list[dict[str, Any]]] = {}
    for path in real_files():
        audit = gireport.audit(path)
        out[key_of(path)] = [
            _record(f.code, str(getattr(f.severity, "value", f.severity)), f.message, [e.text for e in f.evidence])
            for f in audit.findings
            if str(getattr(f.severity, "value", f.severity)) in levels
        ]
    for folder in BATCH_FOLDERS:
        d = REAL / folder
        if not d.is_dir():
            continue
        with gireport.audit_many([d], workers=1) as run:
            for _ in run:
                pass
            for f in run.corpus_findings:
                if f["severity"] not in levels:
                    continue
                k = "batch:" + key_of(Path(f["file"]))
                out.setdefault(k, []).append(_record(f["code"], f["severity"], f["message"], [e["text"] for e in f["evidence"]]))
    return out


def split_levels(every: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """(warning/error findings, info findings) per file key."""
    hi = {k: [f for f in v if f["severity"] in LEVELS] for k, v in every.items()}
    lo = {k: [f for f in v if f["severity"] not in LEVELS] for k, v in every.items()}
    return hi, lo


def load() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def every() -> dict[str, list[dict[str, Any]]]:
    return current_findings(LEVELS + ("info",))


@pytest.fixture(scope="module")
def found(every) -> dict[str, list[dict[str, Any]]]:
    return split_levels(every)[0]


@pytest.fixture(scope="module")
def info(every) -> dict[str, list[dict[str, Any]]]:
    return split_levels(every)[1]


@pytest.fixture(scope="module")
def pinned() -> dict[str, list[dict[str, Any]]]:
    return load()["files"]


def _show(f: dict[str, Any]) -> str:
    return f"{f['code']} {f['severity']} {f['message'][:120]} | evidence {' / '.join(snippet(f['evidence']))}"


# --- tests --------------------------------------------------------------------------------------


def test_table_is_well_formed(pinned):
    for key, entries in pinned.items():
        for e in entries:
            assert e["verdict"] in VERDICTS, (key, e)
            assert re.fullmatch(r"GR\d{3}", e["code"]), (key, e)
            assert e["snippet"] and all(e["snippet"]), (key, e)
            assert e["verdict"] == "unread" or e["reason"].strip(), f"{key} {e['code']}: a verdict needs its one-line reason"


def test_no_unread_entries(pinned):
    unread = [f"{k} {e['code']} {e['snippet']}" for k, es in pinned.items() for e in es if e["verdict"] == "unread"]
    assert not unread, "read these findings against their source and give each a verdict and a reason:\n" + "\n".join(unread)


def test_every_real_file_is_pinned(pinned):
    missing = [key_of(p) for p in real_files() if key_of(p) not in pinned]
    assert not missing, f"real files without an adjudicated list (run --update, then read): {missing}"


def test_no_finding_outside_the_table(found, pinned):
    """A finding on a file (or a batch finding on a file) the table has no
    entry for at all is a new finding too."""
    extra = {k: v for k, v in found.items() if v and k not in pinned}
    assert not extra, "new findings on a real report: read them against their source and add their verdicts (--update):\n" + "\n".join(
        f"{k}: {_show(f)}" for k, v in sorted(extra.items()) for f in v
    )


def _keys() -> list[str]:
    if not DATA.is_file():
        return []
    return sorted(load()["files"])


@pytest.mark.parametrize("key", _keys())
def test_findings_match_adjudication(key, found, info, pinned):
    if key.startswith("batch:") is False and not (SHARED / key).is_file():
        pytest.skip(f"{key} not present")
    pairs, new, gone = pair_up(pinned.get(key, []), found.get(key, []))
    problems = []
    if new:
        problems.append(
            "new finding on a real report: read it against its source and add its verdict "
            "(python tests/test_real_findings.py --update):\n  " + "\n  ".join(_show(f) for f in new)
        )
    lost = [e for e in gone if e["verdict"] == "true"]
    demoted, _, lost = pair_up(lost, info.get(key, []))
    for e, f in demoted:
        if not e.get("info_ok"):
            problems.append(
                f"a finding adjudicated TRUE is now only info (demoted): {e['code']} {' / '.join(e['snippet'])} — {e['reason']}\n"
                f"    now: {_show(f)}\n    (if info is acceptable for it, set \"info_ok\" with a reason in the JSON)"
            )
    if lost:
        problems.append(
            "a finding adjudicated TRUE is gone (lost true positive):\n  "
            + "\n  ".join(f"{e['code']} {' / '.join(e['snippet'])} — {e['reason']}" for e in lost)
        )
    for e in gone:
        if e["verdict"] == "false":
            warnings.warn(f"fixed false alarm on {key}: {e['code']} {e['snippet']} ({e['reason']})", stacklevel=1)
    assert not problems, f"{key}:\n" + "\n".join(problems)


def test_seed_gives_its_five_findings():
    """The canonical old-template example: exactly these five findings, all
    true (read against the text), at any severity."""
    import gireport

    if not SEED.is_file():
        pytest.skip("seed not present")
    got = gireport.audit(SEED).findings
    want = [
        ("GR105", ["所列数据截止日期为"]),  # the preamble stops before the date
        ("GR202", ["3%", "5.9%", "7.2%"]),  # 3+5.9+7.2+1.6+1.4+2.9+81 = 103.0%
        ("GR201", ["155条", "7.2%", "3521条"]),  # 155/3521 = 4.4%
        ("GR201", ["97条", "2.9%", "3521条"]),  # 97/3521 = 2.76% → 2.8%
        ("GR104", ["3、公开的及时性。", "6、财政预算、决算公开情况。"]),  # 4、5、 missing
    ]
    records = [_record(f.code, str(f.severity), f.message, [e.text for e in f.evidence]) for f in got]
    pinned = [{"code": c, "snippet": [norm(s) for s in sn]} for c, sn in want]
    _, new, gone = pair_up(pinned, records)
    assert not new and not gone and len(got) == 5, "\n".join(_show(f) for f in records)


def test_txt_and_html_agree(found, pinned):
    """The same report in txt and html gives the same findings (up to the
    disagreements listed, with their cause, in the JSON)."""
    known = set(load().get("known_format_disagreements", {}))
    problems = []
    stems = set()
    for key in found:
        prefix, _, rest = key.rpartition("corpus-real/")
        fmt, _, name = rest.partition("/")
        if fmt in ("txt", "html"):
            stems.add((prefix, name.rsplit(".", 1)[0]))
    for prefix, stem in sorted(stems):
        if not ((REAL / "txt" / f"{stem}.txt").is_file() and (REAL / "html" / f"{stem}.html").is_file()):
            continue
        txt = found.get(f"{prefix}corpus-real/txt/{stem}.txt", [])
        html = found.get(f"{prefix}corpus-real/html/{stem}.html", [])
        as_pinned = [{"code": f["code"], "snippet": snippet(f["evidence"])} for f in html]
        _, only_txt, only_html = pair_up(as_pinned, txt)
        for f in only_txt:
            tag = f"{prefix}{stem} {f['code']} only in txt"
            if tag not in known:
                problems.append(f"{tag}: {_show(f)}")
        for e in only_html:
            tag = f"{prefix}{stem} {e['code']} only in html"
            if tag not in known:
                problems.append(f"{tag}: {' / '.join(e['snippet'])}")
    assert not problems, "txt and html versions of one report disagree:\n" + "\n".join(problems)


def test_no_false_alarm_at_error_level(found, pinned):
    """No error-level finding on a real report is one a careful reader calls
    false; a warning adjudicated false is shown as a pytest warning (the
    list to work on), grouped by phenomenon in the reasons."""
    errors, warns = [], []
    for key, entries in sorted(pinned.items()):
        falses = [e for e in entries if e["verdict"] == "false"]
        if not falses:
            continue
        pairs, _, _ = pair_up(falses, found.get(key, []))
        for p, _ in pairs:
            line = f"{key} {p['code']} {' / '.join(p['snippet'])} — {p['reason']}"
            (errors if p.get("severity") == "error" else warns).append(line)
    for line in warns:
        warnings.warn(f"false alarm still reported: {line}", stacklevel=1)
    assert not errors, f"{len(errors)} error-level false alarm(s) on real reports:\n" + "\n".join(errors)


# --- regeneration -------------------------------------------------------------------------------


def update() -> dict[str, Any]:
    """Rewrite the JSON from the current findings, keeping every verdict that
    still matches; new findings become ``unread``; a vanished TRUE entry is
    kept (the test keeps failing until a human removes it); vanished
    false/doubtful/unread entries are dropped (and printed)."""
    data = load() if DATA.is_file() else {"files": {}}
    old = data["files"]
    cur, low = split_levels(current_findings(LEVELS + ("info",)))
    files: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(set(cur) | {k for k in old if k.startswith("batch:")} | {key_of(p) for p in real_files()}):
        pairs, new, gone = pair_up(old.get(key, []), cur.get(key, []))
        entries = []
        for p, f in pairs:
            entries.append({**p, "severity": f["severity"], "message": f["message"]})
        for f in new:
            entries.append(
                {"code": f["code"], "snippet": snippet(f["evidence"]), "verdict": "unread", "reason": "", "severity": f["severity"], "message": f["message"]}
            )
            print(f"NEW (unread) {key}: {_show(f)}")
        for e in gone:
            if e["verdict"] == "true":
                entries.append(e)
                at_info = any(matches(e, f) for f in low.get(key, []))
                what = ("demoted to info (accepted: info_ok)" if e.get("info_ok") else "DEMOTED TO INFO (kept; set info_ok if acceptable)") if at_info else "LOST TRUE (kept; remove by hand if it should go)"
                print(f"{what} {key}: {e['code']} {e['snippet']}")
            else:
                print(f"gone ({e['verdict']}, dropped) {key}: {e['code']} {e['snippet']}")
        if entries or not key.startswith("batch:"):
            files[key] = entries
    data["files"] = files
    DATA.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def show() -> None:
    data = load()
    rows = [(e["verdict"], k, e) for k, es in data["files"].items() for e in es]
    for verdict in VERDICTS:
        sel = [r for r in rows if r[0] == verdict]
        print(f"\n## {verdict.upper()} ({len(sel)})")
        for _, k, e in sorted(sel, key=lambda r: (r[1], r[2]["code"])):
            print(f"{k:55} {e['code']}  {' / '.join(e['snippet'])[:60]:60}  {e['reason']}")
    print("\nper verdict:", dict(Counter(r[0] for r in rows)))


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    elif "--show" in sys.argv:
        show()
    else:
        print(__doc__)
