"""Precision and recall of gireport's numbers and claims against hand-written gold.

    python bench/eval_claims.py [--verbose] [GOLD.json …]

Gold files (default: tests/gold/*.json and corpus/gold/*.json) were written by
reading each report, not from gireport's output.  Each names its report
(``source``: a path relative to ../shared, or ``corpus/…``) and lists, in the
narrative text only: numbers that are quantities ("value|kind"), shares
(part, percent, whole), breakdowns (total, parts), enumerations (count,
number of items), changes and zero statements.  Matching is by value
(multisets), so it does not depend on offsets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

import gireport  # noqa: E402

KIND = {"count": "count", "money": "count", "range": "count", "number": "count", "duration": "count", "percent": "percent", "permille": "permille", "points": "points", "multiple": "multiple", "fraction": "fraction"}
CATEGORIES = ("numbers", "shares", "breakdowns", "enumerations", "changes", "zeros")


def v(x) -> str | None:  # type: ignore[no-untyped-def]
    if x is None:
        return None
    d = Decimal(str(x))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def resolve(source: str) -> Path:
    if source.startswith("corpus/"):
        return ROOT / source
    return SHARED / source


def predicted(report) -> dict[str, list]:  # type: ignore[no-untyped-def]
    cl = report.claims
    out: dict[str, list] = {c: [] for c in CATEGORIES}
    for n in cl.found:
        if n.is_quantity:
            out["numbers"].append(f"{v(n.value)}|{KIND.get(n.kind, n.kind)}")
    for c in cl.items:
        if c.type == "share":
            out["shares"].append((v(c.part.value) if c.part else None, v(c.percent.value) if c.percent else None, v(c.whole_exact)))
        elif c.type == "breakdown":
            out["breakdowns"].append((v(c.total.value) if c.total else None, tuple(sorted(v(p.value) for p in c.parts))))
        elif c.type == "enumeration":
            out["enumerations"].append((v(c.count.value) if c.count else None, len(c.items)))
        elif c.type == "change":
            out["changes"].append(tuple(v(n.value) if n is not None else None for n in (c.after, c.before, c.delta, c.rate, c.points)) + (c.direction,))
        elif c.type == "zero":
            out["zeros"].append(tuple(sorted(c.topics)))
    return out


def gold_keys(g: dict) -> dict[str, list]:  # type: ignore[type-arg]
    return {
        "numbers": [f"{v(x.split('|')[0])}|{x.split('|')[1]}" for x in g.get("numbers", [])],
        "shares": [(v(s.get("part")), v(s.get("percent")), v(s.get("whole"))) for s in g.get("shares", [])],
        "breakdowns": [(v(b.get("total")), tuple(sorted(v(p) for p in b.get("parts", [])))) for b in g.get("breakdowns", [])],
        "enumerations": [(v(e.get("count")), int(e.get("items", 0))) for e in g.get("enumerations", [])],
        "changes": [tuple(v(c.get(k)) for k in ("after", "before", "delta", "rate", "points")) + (int(c.get("direction", 1)),) for c in g.get("changes", [])],
        "zeros": [tuple(sorted(z.get("topics", []))) for z in g.get("zeros", [])],
    }


def score(pred: list, gold: list) -> tuple[int, int, int, list, list]:  # type: ignore[type-arg]
    p, g = Counter(pred), Counter(gold)
    tp = sum((p & g).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp, list((p - g).elements()), list((g - p).elements())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", help="gold files (default: tests/gold/*.json and corpus/gold/*.json)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list false positives and misses")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = ap.parse_args(argv)
    files = [Path(f) for f in args.gold] or sorted((ROOT / "tests" / "gold").glob("*.json")) + sorted((ROOT / "corpus" / "gold").glob("*.json"))
    totals = {c: [0, 0, 0] for c in CATEGORIES}
    used = 0
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        src = resolve(g["source"])
        if not src.exists():
            print(f"skip {f.name}: {src} not present", file=sys.stderr)
            continue
        used += 1
        pred = predicted(gireport.parse(src))
        gold = gold_keys(g)
        row = []
        for c in CATEGORIES:
            tp, fp, fn, fps, fns = score(pred[c], gold[c])
            t = totals[c]
            t[0] += tp
            t[1] += fp
            t[2] += fn
            row.append(f"{c[:5]} {tp}/{tp + fp}/{tp + fn}")
            if args.verbose and (fps or fns):
                print(f"  {f.stem} {c}: false positives {fps}; missed {fns}")
        if not args.json:
            print(f"{f.stem:<28} " + "  ".join(row))
    res = {}
    if not args.json:
        print(f"\n{used} reports.  tp/predicted/gold per category; precision and recall:")
    for c in CATEGORIES:
        tp, fp, fn = totals[c]
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        res[c] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 4), "recall": round(rec, 4)}
        if not args.json:
            print(f"  {c:<13} tp {tp:>4}  fp {fp:>4}  fn {fn:>4}   precision {prec:6.1%}   recall {rec:6.1%}")
    if args.json:
        print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
