"""The text audit of this checkout against another revision, in one run.

    python bench/compare_audit.py [--against REV] [--rounds 6] [--repeat 30]

Checks REV (default: the revision the claims and tables work started from,
e8945e4) out into a temporary git worktree and runs ``bench/bench_audit.py``
there and here in alternation, ``--rounds`` times each, on the same dense
10,000-character text (built from ``corpus/*.txt``, identical in both).  Each
run reports the median CPU time of ``--repeat`` audits (parse + claims +
rules); the figures printed are the medians over the rounds and their ratio,
with every round's pair, so a noisy machine shows as spread.  The worktree is
removed afterwards.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_LINE = re.compile(r"audit \(parse \+ claims \+ rules\)\s+median\s+([\d.]+) ms")


def one(checkout: Path, repeat: int) -> float:
    out = subprocess.run(
        [sys.executable, str(checkout / "bench" / "bench_audit.py"), "--repeat", str(repeat)],
        cwd=checkout, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(checkout / "src"), "PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"},
    ).stdout
    m = _LINE.search(out)  # the first block: the dense text
    if m is None:
        raise SystemExit(f"no audit figure in the output of {checkout}:\n{out}")
    return float(m.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", default="e8945e4", metavar="REV")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.against], check=True)
        try:
            pairs = []
            for i in range(args.rounds):
                a = one(old, args.repeat)
                b = one(ROOT, args.repeat)
                pairs.append((a, b))
                print(f"round {i + 1}: {args.against} {a:6.2f} ms   this checkout {b:6.2f} ms   ratio {b / a:.2f}", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
    ma, mb = statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)
    print(f"median {args.against}: {ma:.2f} ms; this checkout: {mb:.2f} ms; ratio {mb / ma:.2f} (medians over {args.rounds} alternated rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
