"""Time parse, claim extraction and audit on 10,000-character text reports.

    python bench/bench_audit.py [--chars 10000] [--repeat 50] [FILE …]

Without FILE two kinds of text are timed: a dense one built from the bundled
corpus (whole text reports, corpus/*.txt, concatenated until the target
length: several reports' numbers, tables and headings in 10,000
characters), and the real published reports of about 10,000 characters in
../shared when it is present.  The first
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


def bench_one(name: str, text: str, repeat: int) -> None:
    report = gireport.parse(text=text)
    paragraphs, declared = report.outline.paragraphs, report.outline.metadata.declared

    def do_parse() -> None:
        gireport.parse(text=text)

    def do_claims() -> None:
        extract(report.text, paragraphs, declared)

    def do_audit() -> None:
        r = gireport.parse(text=text)
        run_audit(r, AuditConfig())

    print(f"{name}: {len(text):,} characters, {len(report.sections)} top-level sections")
    for label, f, target in (("parse (load + structure)", do_parse, None), ("claim extraction", do_claims, 10.0), ("audit (parse + claims + rules)", do_audit, 20.0)):
        first, med = ms(f, repeat)
        verdict = "" if target is None else (f"  target < {target:g} ms: {'ok' if med < target else 'MISSED'}")
        print(f"  {label:<32} median {med:7.2f} ms   first run {first:8.1f} ms{verdict}")
    cov = gireport.audit(text=text).coverage
    print(f"  claims: {cov['claims']}; checked {cov['checked']}, untestable {cov['untestable']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="*", help="text reports (default: a dense 10,000-character text built from corpus/*.txt, and the real reports of about 10,000 characters in ../shared when present)")
    ap.add_argument("--chars", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args(argv)
    texts: list[tuple[str, str]] = []
    if args.file:
        texts = [(f, Path(f).read_text(encoding="utf-8")) for f in args.file]
    else:
        texts.append((f"corpus/*.txt concatenated to {args.chars:,} chars (dense)", build_text(args.chars)))
        shared = ROOT.parent / "shared" / "corpus-real" / "txt"
        for stem in ("pingtan-zone-2016", "pingtan-zone-2021", "pingtan-zone-2022"):
            p = shared / f"{stem}.txt"
            if p.is_file():
                texts.append((p.name, p.read_text(encoding="utf-8")))
    for name, text in texts:
        bench_one(name, text, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
