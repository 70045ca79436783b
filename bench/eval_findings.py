"""Precision and recall of gireport's findings against hand-written expectations.

    python bench/eval_findings.py [--verbose] [--family text|tables|all] [--json]

Each corpus report has ``corpus/expected/<name>.json``, written by hand when
the report was written (never from gireport's output)::

    {"report": "qinghe-county-2012",
     "findings": [{"code": "GR201", "evidence": "215条", "reported": "6.2%",
                   "note": "215/3466 is 6.2%? no: 5.0%"}],
     "consistent": [{"text": "…", "why": "12.45% rounds to 12.5% half-up"}]}

A finding matches an expectation when the codes agree and the expectation's
``evidence`` string occurs in one of the finding's evidence snippets (or, for
findings without evidence text, in its message).  Findings and expectations
at ``info`` severity are scored separately.  Every report is audited in every
format it is rendered in, so a loader that loses a table shows up here too.
The ``consistent`` entries are tricky claims that must raise nothing above
info: a finding whose evidence contains one of their ``evidence`` strings is
counted as a false positive by the same matching.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import gireport  # noqa: E402

TEXT_FAMILIES = ("GR1", "GR2", "GR3", "GR4", "GR5")
TABLE_FAMILIES = ("GR6",)


def _family_ok(code: str, family: str) -> bool:
    if family == "text":
        return code.startswith(TEXT_FAMILIES)
    if family == "tables":
        return code.startswith(TABLE_FAMILIES)
    return True


def _matches(f, exp: dict) -> bool:  # type: ignore[no-untyped-def,type-arg]
    if f.code != exp["code"]:
        return False
    ev = exp.get("evidence")
    if not ev:
        return True
    hay = [e.text for e in f.evidence] + [f.message, f.message_en, f.reported or ""]
    return any(ev in h for h in hay)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--family", choices=("text", "tables", "all"), default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--formats", default="", help="comma-separated formats to audit (default: every rendered one)")
    args = ap.parse_args(argv)
    only = {f for f in args.formats.split(",") if f}
    tp = fp = fn = 0
    info_tp = info_fp = info_fn = 0
    planted = tricky = 0
    rows = []
    for exp_file in sorted((ROOT / "corpus" / "expected").glob("*.json")):
        exp = json.loads(exp_file.read_text(encoding="utf-8"))
        name = exp["report"]
        expected = [e for e in exp.get("findings", []) if _family_ok(e["code"], args.family)]
        planted += sum(1 for e in expected if e.get("severity", "error") != "info")
        tricky += len(exp.get("consistent", []))
        for path in sorted((ROOT / "corpus").glob(f"{name}.*")):
            fmt = path.suffix[1:]
            if only and fmt not in only:
                continue
            audit = gireport.audit(path)
            found = [f for f in audit.findings if _family_ok(f.code, args.family)]
            used: set[int] = set()
            r_tp = r_fp = r_fn = 0
            misses, extras = [], []
            for e in expected:
                hit = next((i for i, f in enumerate(found) if i not in used and _matches(f, e)), None)
                is_info = e.get("severity") == "info"
                if hit is None:
                    if is_info:
                        info_fn += 1
                    else:
                        r_fn += 1
                    misses.append(e)
                else:
                    used.add(hit)
                    if is_info:
                        info_tp += 1
                    else:
                        r_tp += 1
            for i, f in enumerate(found):
                if i in used:
                    continue
                if f.severity == "info":
                    info_fp += 1
                else:
                    r_fp += 1
                extras.append(f)
            tp += r_tp
            fp += r_fp
            fn += r_fn
            rows.append((path.name, r_tp, r_fp, r_fn))
            if args.verbose:
                for e in misses:
                    print(f"  MISS {path.name}: {e['code']} {e.get('evidence', '')!r} {e.get('note', '')}")
                for f in extras:
                    print(f"  EXTRA {path.name}: {f.code} [{f.severity}] {f.message}")
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    result = {
        "family": args.family,
        "files": len(rows),
        "planted_errors": planted,
        "tricky_consistent": tricky,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "info": {"tp": info_tp, "fp": info_fp, "fn": info_fn},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name, a, b, c in rows:
        print(f"{name:<40} tp {a:>3}  fp {b:>3}  fn {c:>3}")
    print(
        f"\n{len(rows)} files ({planted} planted errors and {tricky} tricky consistent claims in the expectations, family {args.family}):\n"
        f"  warning/error findings: tp {tp}  fp {fp}  fn {fn}   precision {prec:.1%}   recall {rec:.1%}\n"
        f"  info findings:          tp {info_tp}  fp {info_fp}  fn {info_fn}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
