#!/usr/bin/env python3
"""Time gireport parsing per input format, and PDF loading against pdfplumber.

Usage::

    python bench/bench_parse.py [PATHS ...] [--repeat N] [--json]

PATHS are files or folders (searched recursively for the suffixes gireport
reads).  Without PATHS: the repository's ``corpus/`` folder plus
``/work/shared/corpus-real`` (the ``shared`` folder beside the repository)
when present.

For every file the time is the median of ``--repeat`` runs after one warm-up
run.  Per format it prints the median and mean milliseconds per file and the
files per second.  For PDFs it also times, in the same run, pdfplumber's plain
``page.extract_text()`` over every page of the same file, and prints the
ratio gireport / pdfplumber per file and over all PDFs (the budget is 1.5;
lower is better).  When ``gireport.parse`` is timed, the PDF table also shows
``gireport.load`` alone (the loader's own share) and its ratio.

``gireport.parse`` is timed when the package has it, else ``gireport.load``.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout without installing

import gireport  # noqa: E402
from gireport.load import SUPPORTED_SUFFIXES  # noqa: E402

BUDGET = 1.5


@dataclass
class FileResult:
    path: str
    format: str
    ms: float | None
    error: str | None = None
    pdfplumber_ms: float | None = None
    load_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.ms is None or not self.pdfplumber_ms:
            return None
        return self.ms / self.pdfplumber_ms

    @property
    def load_ratio(self) -> float | None:
        if self.load_ms is None or not self.pdfplumber_ms:
            return None
        return self.load_ms / self.pdfplumber_ms


@dataclass
class FormatSummary:
    format: str
    files: int
    failed: int
    median_ms: float | None
    mean_ms: float | None
    files_per_s: float | None
    pdfplumber_median_ms: float | None = None
    ratio_median: float | None = None
    ratio_total: float | None = None
    per_file: list[dict[str, Any]] = field(default_factory=list)


def default_paths() -> list[Path]:
    paths = [REPO / "corpus"]
    shared = REPO.parent / "shared" / "corpus-real"
    if shared.is_dir():
        paths.append(shared)
    return [p for p in paths if p.exists()]


def collect(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        elif p.is_file():
            out.append(p)
        else:
            print(f"warning: {p} does not exist", file=sys.stderr)
    unique: dict[Path, Path] = {}
    for f in out:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in ms of ``repeat`` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def pdfplumber_plain(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def fmt_of(path: Path, data: bytes) -> str:
    try:
        from gireport.load import sniff

        return sniff(data, str(path))
    except Exception:
        return path.suffix.lower().lstrip(".") or "?"


def bench(files: list[Path], repeat: int, with_pdfplumber: bool = True) -> list[FileResult]:
    parse = getattr(gireport, "parse", None) or gireport.load
    import inspect

    if "limits" in inspect.signature(parse).parameters:
        # time the parse itself, in this process (not the forked child the
        # per-file limits would run it in)
        parse = functools.partial(parse, limits=False)
    results: list[FileResult] = []
    for f in files:
        data = f.read_bytes()
        fmt = fmt_of(f, data)
        try:
            ms: float | None = median_time(functools.partial(parse, str(f)), repeat)
            err = None
        except Exception as e:  # a failing file is reported, not fatal
            ms, err = None, f"{type(e).__name__}: {e}"
        res = FileResult(str(f), fmt, ms, err)
        if fmt == "pdf" and parse is not gireport.load and ms is not None:
            res.load_ms = median_time(functools.partial(gireport.load, str(f)), repeat)
        if fmt == "pdf" and with_pdfplumber:
            try:
                res.pdfplumber_ms = median_time(functools.partial(pdfplumber_plain, data), repeat)
            except Exception as e:
                res.error = (res.error or "") + f" [pdfplumber failed: {type(e).__name__}]"
        results.append(res)
    return results


def summarise(results: list[FileResult]) -> list[FormatSummary]:
    by_fmt: dict[str, list[FileResult]] = {}
    for r in results:
        by_fmt.setdefault(r.format, []).append(r)
    out = []
    for fmt in sorted(by_fmt):
        rs = by_fmt[fmt]
        ok = [r.ms for r in rs if r.ms is not None]
        s = FormatSummary(
            format=fmt,
            files=len(rs),
            failed=len(rs) - len(ok),
            median_ms=statistics.median(ok) if ok else None,
            mean_ms=statistics.fmean(ok) if ok else None,
            files_per_s=len(ok) / (sum(ok) / 1000) if ok and sum(ok) > 0 else None,
        )
        if fmt == "pdf":
            pairs = [(r.ms, r.pdfplumber_ms) for r in rs if r.ms is not None and r.pdfplumber_ms]
            if pairs:
                s.pdfplumber_median_ms = statistics.median(p for _, p in pairs)
                s.ratio_median = statistics.median(g / p for g, p in pairs)
                s.ratio_total = sum(g for g, _ in pairs) / sum(p for _, p in pairs)
            s.per_file = [
                {"file": r.path, "gireport_ms": r.ms, "pdfplumber_ms": r.pdfplumber_ms, "ratio": r.ratio,
                 "load_ms": r.load_ms, "load_ratio": r.load_ratio, "error": r.error}
                for r in rs
            ]
        out.append(s)
    return out


def _f(v: float | None, spec: str = ".1f") -> str:
    return "-" if v is None else format(v, spec)


def print_table(summaries: list[FormatSummary], results: list[FileResult], repeat: int, fn_name: str) -> None:
    print(f"gireport.{fn_name}: median of {repeat} runs per file (after one warm-up)\n")
    print(f"{'format':<8}{'files':>6}{'failed':>8}{'median ms':>12}{'mean ms':>10}{'files/s':>10}")
    for s in summaries:
        print(f"{s.format:<8}{s.files:>6}{s.failed:>8}{_f(s.median_ms):>12}{_f(s.mean_ms):>10}{_f(s.files_per_s):>10}")
    pdfs = [r for r in results if r.format == "pdf"]
    if pdfs:
        print(f"\nPDF: gireport vs pdfplumber plain extract_text (all pages), budget ratio <= {BUDGET}\n")
        width = max(len(Path(r.path).name) for r in pdfs)
        show_load = any(r.load_ms is not None for r in pdfs)
        extra = f"{'load ms':>10}{'load ratio':>12}" if show_load else ""
        print(f"{'file':<{width}}  {fn_name + ' ms':>12}{'pdfplumber ms':>15}{'ratio':>8}{extra}")
        for r in pdfs:
            extra = f"{_f(r.load_ms):>10}{_f(r.load_ratio, '.3f'):>12}" if show_load else ""
            print(f"{Path(r.path).name:<{width}}  {_f(r.ms):>12}{_f(r.pdfplumber_ms):>15}{_f(r.ratio, '.3f'):>8}{extra}")
        s = next(x for x in summaries if x.format == "pdf")
        print(f"{'median ratio':<{width}}  {'':>12}{'':>15}{_f(s.ratio_median, '.3f'):>8}")
        print(f"{'total ratio':<{width}}  {'':>12}{'':>15}{_f(s.ratio_total, '.3f'):>8}")
    failed = [r for r in results if r.error]
    if failed:
        print("\nfailures:")
        for r in failed:
            print(f"  {r.path}: {r.error}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time gireport parsing per format; compare PDF loading with pdfplumber.")
    ap.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/ and shared corpus-real)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per file (median is reported; default 5)")
    ap.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    ap.add_argument("--no-pdfplumber", action="store_true", help="skip the pdfplumber comparison")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    paths = args.paths or default_paths()
    files = collect(paths)
    if not files:
        print("no input files found", file=sys.stderr)
        return 1
    results = bench(files, args.repeat, with_pdfplumber=not args.no_pdfplumber)
    summaries = summarise(results)
    fn_name = "parse" if getattr(gireport, "parse", None) else "load"
    if args.json:
        print(json.dumps({
            "function": f"gireport.{fn_name}",
            "repeat": args.repeat,
            "budget_ratio": BUDGET,
            "formats": [asdict(s) for s in summaries],
            "files": [asdict(r) | {"ratio": r.ratio, "load_ratio": r.load_ratio} for r in results],
        }, ensure_ascii=False, indent=2))
    else:
        print_table(summaries, results, args.repeat, fn_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
