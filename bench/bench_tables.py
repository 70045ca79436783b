"""What table extraction adds to the parse of a new-format PDF.

    python bench/bench_tables.py [PDF …] [--repeat 7]

For each PDF (default: the new-format PDFs in ../shared/corpus-real/pdf and
the corpus/ PDFs) three medians are printed: the parse with table detection
switched off (the PDF loader's table finder returns nothing, so the table
text stays in the paragraphs), the full parse (tables detected as grids),
and the full parse plus mapping the grids to the standard tables
(``report.tables``), all as CPU time of this process.  The ratio of the last to the first is what table
extraction costs; the target is at most 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import gireport  # noqa: E402
import importlib  # noqa: E402

pdfmod = importlib.import_module("gireport.load.pdf")


def median_ms(f, repeat: int) -> float:  # type: ignore[no-untyped-def]
    f()
    runs = []
    for _ in range(repeat):
        t = time.process_time()  # CPU time of this process: steadier on a busy machine
        f()
        runs.append((time.process_time() - t) * 1000)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    pdfs = [Path(p) for p in args.pdfs]
    if not pdfs:
        shared = ROOT.parent / "shared" / "corpus-real" / "pdf"
        pdfs = sorted(shared.glob("*.pdf")) + sorted((ROOT / "corpus").glob("*.pdf"))
    print(f"{'file':<36} {'no tables':>10} {'grids':>10} {'+mapping':>10} {'ratio':>7}")
    ratios = []
    for p in pdfs:
        r = gireport.parse(p, limits=False)
        if r.template.name == "old":
            continue

        def without() -> None:
            with mock.patch.object(pdfmod, "_find_tables", lambda edges: []):
                gireport.parse(p, limits=False)

        def grids() -> None:
            gireport.parse(p, limits=False)

        def mapped() -> None:
            gireport.parse(p, limits=False).tables

        a, b, c = (median_ms(f, args.repeat) for f in (without, grids, mapped))
        ratios.append(c / a)
        print(f"{p.name:<36} {a:>8.1f}ms {b:>8.1f}ms {c:>8.1f}ms {c / a:>7.2f}")
    if ratios:
        print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
