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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import GireportError

__all__ = ["BaselineError", "baseline_entries", "write_baseline", "load_baseline", "apply_baseline", "Baselined"]

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


def apply_baseline(audits: Iterable[Any], entries: Sequence[dict[str, Any]]) -> tuple[list[Any], int, list[dict[str, Any]]]:
    """(the audits without the findings the baseline records, how many were
    hidden, the baseline entries of the files audited here that were no
    longer found).  The audits are copies; those given are left as they
    are."""
    view = Baselined(audits, entries)
    return list(view), view.hidden, view.stale


class Baselined:
    """``audits`` (a list, or a re-iterable such as a result store's
    records) seen without the findings the baseline ``entries`` record:
    each iteration yields copies of the audits with those findings left
    out, one at a time.  ``hidden`` and ``stale`` (see
    :func:`apply_baseline`) are counted in one pass when first asked for."""

    def __init__(self, audits: Iterable[Any], entries: Sequence[dict[str, Any]]) -> None:
        self.audits = audits
        self.entries = entries
        self.known = {e["fingerprint"] for e in entries}
        self._counted: tuple[int, list[dict[str, Any]]] | None = None

    def __iter__(self) -> Iterator[Any]:
        for a in self.audits:
            mask = [f.fingerprint not in self.known for f in a.findings]
            if not all(mask):
                if hasattr(a, "keep"):  # an audit record: its findings and how each is shown, together
                    a = a.keep(mask)
                else:
                    a = copy.copy(a)
                    a.findings = [f for f, k in zip(a.findings, mask) if k]
            yield a

    def _count(self) -> tuple[int, list[dict[str, Any]]]:
        if self._counted is None:
            seen: set[str] = set()
            audited: set[str] = set()
            hidden = 0
            for a in self.audits:
                audited.add(_same(str(a.path or "")))
                for f in a.findings:
                    if f.fingerprint in self.known:
                        seen.add(f.fingerprint)
                        hidden += 1
            stale = [e for e in self.entries if e["fingerprint"] not in seen and _same(str(e.get("file") or "")) in audited]
            self._counted = (hidden, stale)
        return self._counted

    @property
    def hidden(self) -> int:
        """How many findings the baseline hides."""
        return self._count()[0]

    @property
    def stale(self) -> list[dict[str, Any]]:
        """The baseline entries of the files audited here that were no longer found."""
        return self._count()[1]


def _same(path: str) -> str:
    """A path compared across runs: absolute and normalised."""
    import os

    return os.path.normcase(os.path.abspath(path)) if path else ""
