"""Batch throughput: files per second with 1 and 2 workers on the same
synthetic archive, the ratio between them, and memory over the run.

Each run walks the archive folder as ``gireport audit DIR`` does (every
path hashed, its status recorded), so the figure is end to end: walk, hash,
audit, store, cross-year rules.

The archive is ``--files`` (default 2,000) copies of the corpus/ files in
every format (txt, md, html, docx, pdf), each copy made distinct (a trailing
comment, a PDF comment after %%EOF, a zip comment) so that the store's
content hash does not skip it.  Each run audits every file into a fresh
store, cross-year rules included.

Modes (``--modes``): ``db`` audits into a store, ``nodb`` into a temporary
one (both through ``gireport.audit_many`` in this process), ``cli`` runs
``gireport audit ARCHIVE --format jsonl -o FILE`` as a process, the output
written from the store included.

Memory: the resident size of this process (the parent: walk, store,
scheduling) and of each worker is sampled as results arrive (for ``cli``:
the process and its largest child every 0.2 s, shown at 10%, 50% and the
end of the run's time); the bench
prints the parent's and the largest worker's RSS after 10%, 50% and 100% of
the files — flat numbers mean the run does not hold the archive in memory —
and the peaks (also ``resource.getrusage`` for self and children).

    python bench/bench_batch.py                  # 2,000 files, 1 and 2 workers
    python bench/bench_batch.py --files 1000 --workers 1,2,4
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
#: The code measured: GIREPORT_SRC (bench/run.py --src sets it), else this checkout's.
SRC = Path(os.environ.get("GIREPORT_SRC") or ROOT / "src")
sys.path.insert(0, str(SRC))

import gireport  # noqa: E402
from gireport.batch.pool import cpu_count  # noqa: E402


def build_archive(d: Path, n: int) -> list[Path]:
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        sub = d / f"part{i % 16:02d}" / src.suffix[1:]
        sub.mkdir(parents=True, exist_ok=True)
        dst = sub / f"{src.stem}-{i:05d}{src.suffix}"
        data = src.read_bytes()
        if src.suffix == ".docx":
            dst.write_bytes(data)
            with zipfile.ZipFile(dst, "a") as z:
                z.comment = f"copy {i}".encode()
        elif src.suffix == ".pdf":
            dst.write_bytes(data + f"%copy {i}\n".encode())
        elif src.suffix == ".html":
            dst.write_bytes(data + f"\n<!-- copy {i} -->\n".encode())
        else:
            dst.write_bytes(data + f"\n\n(副本{i})\n".encode())
        out.append(dst)
    return out


def _rss(pid: int) -> int:
    """Resident set size of a process in bytes (Linux /proc), 0 if gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def mb(b: float) -> str:
    return f"{b / 2**20:.0f} MB"


def run(archive: Path, n: int, workers: int, db: Path | None) -> dict:
    """One run over the archive folder (walked as ``gireport audit DIR``
    walks it) into a fresh store (``db``; None: a temporary one)."""
    marks = {max(1, n // 10): "10%", max(1, n // 2): "50%", n: "100%"}
    samples: dict[str, tuple[int, int]] = {}
    peak = [0, 0]
    done = [0]
    me = os.getpid()

    def on_result(_r: object) -> None:
        done[0] += 1
        if done[0] % 25 == 0 or done[0] in marks:
            parent = _rss(me)
            worker = max((_rss(c) for c in _children(me)), default=0)
            peak[0] = max(peak[0], parent)
            peak[1] = max(peak[1], worker)
            if done[0] in marks:
                samples[marks[done[0]]] = (parent, worker)

    t0 = time.perf_counter()
    with gireport.audit_many([archive], workers=workers, db=db, on_result=on_result) as r:
        statuses = [x.status for x in r]
        summary = r.summary
    assert len(statuses) == n, (len(statuses), n)
    secs = time.perf_counter() - t0
    return {
        "workers": workers,
        "files": n,
        "ok": statuses.count("ok"),
        "failed": statuses.count("failed"),
        "seconds": secs,
        "rate": n / secs,
        "samples": samples,
        "peak_parent": peak[0],
        "peak_worker": peak[1],
        "findings": sum(summary.by_rule.values()),
        "status_line": summary.status_line(),
    }


def run_cli(archive: Path, n: int, workers: int, out: Path) -> dict:
    """``gireport audit ARCHIVE --format jsonl -o OUT`` as a process, end to
    end (the run, then the output written from the temporary store); the
    process's and its largest child's RSS sampled every 0.2 s."""
    import subprocess
    import threading

    env = dict(os.environ, PYTHONPATH=str(SRC))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "gireport", "audit", str(archive), "--workers", str(workers), "-q", "--format", "jsonl", "-o", str(out)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    series: list[tuple[float, int, int]] = []

    def sample() -> None:
        while proc.poll() is None:
            series.append((time.perf_counter() - t0, _rss(proc.pid), max((_rss(c) for c in _children(proc.pid)), default=0)))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    th.join()
    secs = time.perf_counter() - t0
    samples = {}
    for frac, label in ((0.1, "10%"), (0.5, "50%"), (0.97, "end")):
        at = [x for x in series if x[0] <= frac * secs]
        if at:
            samples[label] = (at[-1][1], at[-1][2])
    return {
        "workers": workers, "files": n, "seconds": secs, "rate": n / secs, "samples": samples,
        "peak_parent": max((x[1] for x in series), default=0), "peak_worker": max((x[2] for x in series), default=0),
        "findings": sum(1 for line in out.open(encoding="utf-8") if '"code": "GR' in line) if out.exists() else 0,
        "status_line": f"exit {proc.returncode}" + (f": {err.decode(errors='replace').strip().splitlines()[-1]}" if proc.returncode not in (0, 1) and err else ""),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000, help="archive size (default 2000; at least 1000 for the report)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count, interleaved; the best is compared (default 1; use 2-3 on a shared machine)")
    ap.add_argument("--keep", metavar="DIR", help="build the archive in DIR and keep it")
    ap.add_argument("--modes", default="db,nodb,cli",
                    help="comma-separated: db (audit_many into a store), nodb (a temporary store), cli (gireport audit DIR -o out.jsonl as a process, "
                         "output included; the time is sampled, not the files); default all three")
    args = ap.parse_args()
    counts = [int(x) for x in args.workers.split(",")]
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gireport-bench-"))
    try:
        t = time.perf_counter()
        files = build_archive(tmp / "archive", args.files)
        size = sum(f.stat().st_size for f in files)
        by = {}
        for f in files:
            by[f.suffix[1:]] = by.get(f.suffix[1:], 0) + 1
        print(f"archive: {len(files)} files ({', '.join(f'{k} {v}' for k, v in sorted(by.items()))}), {size / 2**20:.1f} MB, built in {time.perf_counter() - t:.1f} s")
        print(f"machine: {cpu_count()} cores, Python {sys.version.split()[0]}, gireport {gireport.__version__} from {Path(gireport.__file__).parent.parent}")
        t = time.perf_counter()
        importlib.import_module("gireport.batch._preload")  # imports and warms gireport once, as every run's parent would

        print(f"warm-up (imports, jieba dictionary): {time.perf_counter() - t:.1f} s, not counted below")
        modes = [m.strip() for m in args.modes.split(",") if m.strip()]
        results = []
        i = 0
        for mode in modes:
            for _ in range(max(1, args.repeat)):
                for w in counts:
                    i += 1
                    if mode == "cli":
                        r = run_cli(tmp / "archive", len(files), w, tmp / f"out-{i}.jsonl")
                    else:
                        r = run(tmp / "archive", len(files), w, tmp / f"store-{i}-{w}.db" if mode == "db" else None)
                    r["mode"] = mode
                    results.append(r)
                    s = r["samples"]
                    mem = "  ".join(f"{k}: parent {mb(v[0])}, worker {mb(v[1])}" for k, v in s.items())
                    print(f"[{mode}] workers={w}: {r['status_line']}; {r['findings']} findings; {r['seconds']:.1f} s = {r['rate']:.1f} files/s")
                    print(f"  RSS  {mem}")
                    print(f"  peak RSS: parent {mb(r['peak_parent'])}, largest worker {mb(r['peak_worker'])}", flush=True)
        for mode in modes:
            best = {w: max(r["rate"] for r in results if r["workers"] == w and r["mode"] == mode) for w in counts}
            print(f"[{mode}] best: " + ", ".join(f"{w} worker{'s' if w != 1 else ''} {best[w]:.1f} files/s" for w in counts))
            if 1 in best:
                for w in counts:
                    if w != 1:
                        print(f"[{mode}] speed-up {w} vs 1 worker: {best[w] / best[1]:.2f}x" + ("  (target >= 1.9x on 2 cores)" if w == 2 else ""))
        self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(f"getrusage peak RSS: self {mb(self_peak)}, largest child {mb(child_peak)}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
