"""Known findings: a baseline file of fingerprints to hide in later runs.

``gireport baseline PATH… -o baseline.json`` records the current findings;
``gireport audit PATH… --baseline baseline.json`` (or ``baseline = "…"`` in
the configuration) hides every finding whose fingerprint is recorded and
reports the recorded entries no longer found (stale: fixed, or the report
changed).  A fingerprint hashes a finding's code and evidence text, so it
survives the report moving around the file system and its text shifting.

The file is JSON: ``{"gireport_baseline": 1, "findings": [{"fingerprint",
"file", "code", "message"}, …]}``, entries sorted, so that it diffs well
under version control.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import GireportError

__all__ = ["BaselineError", "baseline_entries", "write_baseline", "load_baseline", "apply_baseline"]

FORMAT = 1


class BaselineError(GireportError):
    """A baseline file that cannot be read or is not one."""


def baseline_entries(audits: Iterable[Any]) -> list[dict[str, Any]]:
    """One entry per finding of ``audits``, sorted by file, code and
    fingerprint."""
    out = [{"fingerprint": f.fingerprint, "file": str(a.path or ""), "code": f.code, "message": f.message} for a in audits for f in a.findings]
    return sorted(out, key=lambda e: (e["file"], e["code"], e["fingerprint"]))


def write_baseline(audits: Iterable[Any], path: str | Path) -> int:
    """Write the baseline of ``audits`` to ``path``; the number of entries."""
    entries = baseline_entries(audits)
    Path(path).write_text(json.dumps({"gireport_baseline": FORMAT, "findings": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a baseline file."""
    label = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise BaselineError(label, f"cannot be read ({e.strerror or e})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError(label, f"is not JSON ({e})") from None
    if not isinstance(data, dict) or data.get("gireport_baseline") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(label, "is not a gireport baseline (write one with: gireport baseline PATH… -o FILE)")
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in data["findings"]):
        raise BaselineError(label, "has an entry without a fingerprint")
    return list(data["findings"])


def apply_baseline(audits: Sequence[Any], entries: Sequence[dict[str, Any]]) -> tuple[list[Any], int, list[dict[str, Any]]]:
    """(the audits without the findings the baseline records, how many were
    hidden, the baseline entries of the files audited here that were no
    longer found).  The audits are copies; those given are left as they
    are."""
    known = {e["fingerprint"] for e in entries}
    seen: set[str] = set()
    out = []
    hidden = 0
    for a in audits:
        mask = [f.fingerprint not in known for f in a.findings]
        for f, k in zip(a.findings, mask):
            if not k:
                seen.add(f.fingerprint)
                hidden += 1
        if not all(mask):
            if hasattr(a, "keep"):  # an audit record: its findings and how each is shown, together
                a = a.keep(mask)
            else:
                a = copy.copy(a)
                a.findings = [f for f, k in zip(a.findings, mask) if k]
        out.append(a)
    audited = {_same(str(a.path or "")) for a in audits}
    stale = [e for e in entries if e["fingerprint"] not in seen and _same(str(e.get("file") or "")) in audited]
    return out, hidden, stale


def _same(path: str) -> str:
    """A path compared across runs: absolute and normalised."""
    import os

    return os.path.normcase(os.path.abspath(path)) if path else ""
