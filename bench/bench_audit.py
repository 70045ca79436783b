"""Time parse, claim extraction and audit on a 10,000-character text report.

    python bench/bench_audit.py [--chars 10000] [--repeat 50] [FILE]

Without FILE the report is built from the bundled corpus: whole text reports
(corpus/*.txt) are concatenated until the target length is reached, so the
text is real report prose with its numbers, tables and headings.  The first
run (which loads jieba's dictionary, once per process) is reported
separately; the figures are medians of the following runs, in CPU time of
this process (steady on a shared machine).  Targets: claim
extraction under 10 ms, parse + claims + rules under 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import gireport  # noqa: E402
from gireport.audit import AuditConfig, run_audit  # noqa: E402
from gireport.claims import extract  # noqa: E402


def build_text(chars: int) -> str:
    parts: list[str] = []
    total = 0
    files = sorted((ROOT / "corpus").glob("*.txt"), key=lambda p: -p.stat().st_size)
    i = 0
    while total < chars and files:
        t = files[i % len(files)].read_text(encoding="utf-8")
        parts.append(t)
        total += len(t)
        i += 1
    return "\n".join(parts)[:chars]


def ms(f, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(first run, median of the next ``repeat`` runs) in CPU milliseconds of
    this process: steady even when other processes load the machine."""
    first = time.process_time()
    f()
    first = (time.process_time() - first) * 1000
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        f()
        runs.append((time.process_time() - t) * 1000)
    return first, statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", help="a text report (default: built from corpus/*.txt)")
    ap.add_argument("--chars", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args(argv)
    text = Path(args.file).read_text(encoding="utf-8") if args.file else build_text(args.chars)
    report = gireport.parse(text)
    paragraphs, declared = report.outline.paragraphs, report.outline.metadata.declared

    def do_parse() -> None:
        gireport.parse(text)

    def do_claims() -> None:
        extract(report.text, paragraphs, declared)

    def do_audit() -> None:
        r = gireport.parse(text)
        run_audit(r, AuditConfig())

    print(f"report: {len(text):,} characters, {len(report.sections)} top-level sections")
    for name, f, target in (("parse (load + structure)", do_parse, None), ("claim extraction", do_claims, 10.0), ("audit (parse + claims + rules)", do_audit, 20.0)):
        first, med = ms(f, args.repeat)
        verdict = "" if target is None else (f"  target < {target:g} ms: {'ok' if med < target else 'MISSED'}")
        print(f"  {name:<32} median {med:7.2f} ms   first run {first:8.1f} ms{verdict}")
    cov = gireport.audit(text).coverage
    print(f"  claims: {cov['claims']}; checked {cov['checked']}, untestable {cov['untestable']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
