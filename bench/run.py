"""Every speed figure of the project in one run, each as a ratio to a
baseline measured in the same run (min and median over interleaved rounds).

    python bench/run.py                 # every figure (the batch one takes minutes)
    python bench/run.py --quick         # fewer rounds, no batch run
    python bench/run.py --src OTHER/src # the same figures for another checkout's code

Each figure is measured in a fresh Python process (``--src`` decides whose
code it imports), so that a checkout of an older commit can be measured on
the same machine, in the same run, for a before/after table.

Figures and their targets:

* ``txt``: a text report's audit (parse, claims, rules) over the physical
  limit — reading the file, NFKC and one pass of a number regex — on the
  real and bundled text reports (median ratio; target ≤ 6×).
* ``html``: the same report as HTML over its txt (the Pingtan pairs of
  ``../shared/corpus-real`` and ``corpus/``; target ≤ 1.6×).
* ``pdf``: a PDF's audit in a warm process over one ``pdftotext`` (poppler)
  process on the same file (target ≤ 2.0×); and, for information, one
  gireport process auditing every PDF, per PDF, over one ``pdftotext``
  process per PDF.  ``pdftotext`` comes from the Debian package poppler-utils;
  without it the figure is skipped.
* ``first``: the first audit in a fresh process over a warm one of the same
  report (target ≤ 10×), and ``import gireport`` (target ≤ 100 ms).
* ``growth``: audit time at 10× and 100× a real report (each ≤ 12× the one
  before); and three pathological inputs, each ≤ 5 s: a 10,000-row HTML
  table, a 200 KB paragraph of shares and 其中 lists, a 2 MB line without
  breaks.
* ``batch``: files per second with 2 workers over 1 worker on a 2,000-file
  archive (``bench/bench_batch.py``; target ≥ 1.9×), with the memory it
  samples.

Figures are wall-clock seconds on a quiet machine; run it twice when the
machine is shared.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus-real"
CORPUS = ROOT / "corpus"

#: Runs in the child: times ``work`` ``rounds`` times after one warm-up.
_CHILD = r"""
import json, sys, time, unicodedata, re
sys.path.insert(0, sys.argv[1])
kind, paths, rounds = sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
import gireport
from gireport.load import load
imported = time.perf_counter() - t0
NUM = re.compile(r"\d[\d,.]*%?")

def physical(p):
    data = open(p, "rb").read()
    text = unicodedata.normalize("NFKC", data.decode("utf-8", "replace"))
    return len(NUM.findall(text))

def _audit(doc):
    try:
        return gireport.audit(doc, limits=False)
    except TypeError:  # an older checkout: no limits
        return gireport.audit(doc)

def audit(p):
    return len(_audit(load(open(p, "rb").read(), name=p)).findings)

work = {"physical": physical, "audit": audit}[kind]
out = {"import": imported, "times": []}
t = time.perf_counter(); work(paths[0]); out["first"] = time.perf_counter() - t
for p in paths:  # warm: every lazily loaded reader and dictionary, untimed
    work(p)
for _ in range(rounds):
    t = time.perf_counter()
    for p in paths:
        work(p)
    out["times"].append((time.perf_counter() - t) / len(paths))
print(json.dumps(out))
"""


def child(src: Path, kind: str, paths: list[Path], rounds: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(src), kind, json.dumps([str(p) for p in paths]), str(rounds)],
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def interleaved(src: Path, a: tuple[str, list[Path]], b: tuple[str, list[Path]], rounds: int, repeats: int) -> tuple[list[float], list[float]]:
    """Per-file seconds of ``a`` and ``b``, measured alternately."""
    ta, tb = [], []
    for _ in range(repeats):
        ta += child(src, a[0], a[1], rounds)["times"]
        tb += child(src, b[0], b[1], rounds)["times"]
    return ta, tb


def ratio_line(name: str, num: list[float], den: list[float], target: str, unit_a: str, unit_b: str) -> str:
    r_min = min(num) / min(den)
    r_med = statistics.median(num) / statistics.median(den)
    return (f"{name:<34} {r_med:6.2f}× median, {r_min:6.2f}× min   target {target:<8} "
            f"({unit_a} {statistics.median(num) * 1000:8.2f} ms, {unit_b} {statistics.median(den) * 1000:8.2f} ms)")


def txt_reports() -> list[Path]:
    files = sorted((REAL / "txt").glob("*.txt")) if REAL.is_dir() else []
    return files + sorted(CORPUS.glob("*.txt"))


def html_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    if REAL.is_dir():
        for h in sorted((REAL / "html").glob("pingtan-*.html")):
            t = REAL / "txt" / (h.stem + ".txt")
            if t.is_file():
                pairs.append((t, h))
    for h in sorted(CORPUS.glob("*.html")):
        t = CORPUS / (h.stem + ".txt")
        if t.is_file():
            pairs.append((t, h))
    return pairs


def fig_txt(src: Path, rounds: int, repeats: int) -> str:
    files = txt_reports()
    audit, phys = interleaved(src, ("audit", files), ("physical", files), rounds, repeats)
    return ratio_line(f"txt audit / physical limit ({len(files)})", audit, phys, "≤ 6×", "audit", "limit")


def fig_html(src: Path, rounds: int, repeats: int) -> str:
    pairs = html_pairs()
    h, t = interleaved(src, ("audit", [p[1] for p in pairs]), ("audit", [p[0] for p in pairs]), rounds, repeats)
    return ratio_line(f"html / the same report as txt ({len(pairs)})", h, t, "≤ 1.6×", "html", "txt")


def fig_pdf(src: Path, rounds: int, repeats: int) -> list[str]:
    """A PDF's audit in a warm process (as the txt and html figures) over
    one ``pdftotext`` process on the same file (a command-line tool has no
    warm mode: its side includes its process start-up); and, for
    information, one gireport process auditing all the PDFs, per PDF
    (Python's start-up, the import and the first audit's pattern
    compilation spread over them), over one ``pdftotext`` process per PDF."""
    exe = shutil.which("pdftotext")
    pdfs = sorted((REAL / "pdf").glob("*.pdf")) if REAL.is_dir() else []
    if not exe or not pdfs:
        return [f"{'pdf audit / pdftotext':<34} skipped: " + ("no pdftotext (apt-get install poppler-utils)" if not exe else "no real PDFs (../shared)")]

    def poppler() -> float:
        t = time.perf_counter()
        for p in pdfs:
            subprocess.run([exe, str(p), "-"], check=True, capture_output=True)
        return (time.perf_counter() - t) / len(pdfs)

    warm, tool = [], []
    for _ in range(repeats):
        warm.extend(child(src, "audit", pdfs, rounds)["times"])
        tool.extend(poppler() for _ in range(rounds))
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import gireport; from gireport.load import load\n"
            "for p in sys.argv[2:]:\n"
            "    doc = load(open(p, 'rb').read(), name=p)\n"
            "    try:\n        gireport.audit(doc, limits=False)\n"
            "    except TypeError:\n        gireport.audit(doc)\n")
    ta, tb = [], []
    for _ in range(repeats * rounds):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(src), *map(str, pdfs)], check=True, capture_output=True)
        ta.append((time.perf_counter() - t) / len(pdfs))
        tb.append(poppler())
    return [
        ratio_line(f"pdf audit / pdftotext ({len(pdfs)})", warm, tool, "≤ 2.0×", "gireport", "pdftotext"),
        ratio_line("  as processes (information)", ta, tb, "—", "gireport", "pdftotext"),
    ]


def fig_first(src: Path, repeats: int) -> list[str]:
    report = [p for p in txt_reports() if "pingtan-zone-2023" in p.name] or txt_reports()[:1]
    firsts, warms, imports = [], [], []
    for _ in range(repeats):
        out = child(src, "audit", report, 3)
        firsts.append(out["first"])
        warms.append(min(out["times"]))
        imports.append(out["import"])
    return [
        ratio_line("first audit / warm audit", firsts, warms, "≤ 10×", "first", "warm"),
        f"{'import gireport':<34} {statistics.median(imports) * 1000:7.1f} ms median, {min(imports) * 1000:7.1f} ms min   target ≤ 100 ms",
    ]


_GROW = r"""
import sys, time, json
sys.path.insert(0, sys.argv[1])
import gireport
from gireport.load import load
def audit(doc):
    try:
        return gireport.audit(doc, limits=False)
    except TypeError:  # an older checkout: no limits
        return gireport.audit(doc)
base = open(sys.argv[2], "rb").read().decode("utf-8")
audit(load(base.encode(), name="warm.txt"))
out = {}
for k in (1, 10, 100):
    text = "\n".join([base] * k)
    t = time.perf_counter(); audit(load(text.encode(), name="x.txt")); out[k] = time.perf_counter() - t
rows = "".join(f"<tr><td>项目{i}</td><td>{i}</td><td>{2 * i}</td></tr>" for i in range(10000))
page = f"<html><body><p>青禾县人民政府2021年政府信息公开工作年度报告</p><table>{rows}</table></body></html>"
t = time.perf_counter(); audit(load(page.encode(), name="t.html")); out["table"] = time.perf_counter() - t
unit = "全年共受理申请40件,其中予以公开30件,占75%,部分公开5件,占12.5%,不予公开5件,占12.5%;"
para = "青禾县人民政府2021年政府信息公开工作年度报告\n" + unit * (200_000 // len(unit))
t = time.perf_counter(); audit(load(para.encode(), name="p.txt")); out["paragraph"] = time.perf_counter() - t
line = ("青禾县人民政府2021年政府信息公开工作年度报告" + "本年新收申请12件,其中予以公开7件,占58.3%。" * (2_000_000 // 30))[:2_000_000]
t = time.perf_counter(); audit(load(line.encode(), name="l.txt")); out["line"] = time.perf_counter() - t
print(json.dumps(out))
"""


def fig_growth(src: Path) -> list[str]:
    base = [p for p in txt_reports() if "pingtan-zone-2021" in p.name] or txt_reports()[:1]
    proc = subprocess.run([sys.executable, "-c", _GROW, str(src), str(base[0])], capture_output=True, text=True, timeout=7200)
    if proc.returncode != 0:
        return [f"growth: failed: {proc.stderr[-500:]}"]
    g = json.loads(proc.stdout.strip().splitlines()[-1])
    return [
        f"{'growth ×10 / ×1':<34} {g['10'] / g['1']:6.2f}×   target ≤ 12×   ({g['1']:.3f} s → {g['10']:.3f} s)",
        f"{'growth ×100 / ×10':<34} {g['100'] / g['10']:6.2f}×   target ≤ 12×   ({g['10']:.3f} s → {g['100']:.3f} s)",
        f"{'10,000-row HTML table':<34} {g['table']:6.2f} s   target ≤ 5 s",
        f"{'200 KB paragraph of shares/其中':<34} {g['paragraph']:6.2f} s   target ≤ 5 s",
        f"{'2 MB line without breaks':<34} {g['line']:6.2f} s   target ≤ 5 s",
    ]


def fig_batch(src: Path, files: int) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(src), GIREPORT_SRC=str(src))
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_batch.py"), "--files", str(files), "--workers", "1,2"],
                          capture_output=True, text=True, env=env, timeout=7200)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    return ["batch (bench/bench_batch.py):"] + [f"  {ln}" for ln in lines[2:]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the code to measure (a checkout's src folder; default: this one)")
    ap.add_argument("--quick", action="store_true", help="fewer rounds, and no batch run")
    ap.add_argument("--only", help="comma-separated figures: txt,html,pdf,first,growth,batch")
    ap.add_argument("--batch-files", type=int, default=2000, help="archive size for the batch figure (default 2000)")
    args = ap.parse_args()
    rounds, repeats = (2, 2) if args.quick else (3, 4)
    only = set((args.only or "txt,html,pdf,first,growth" + ("" if args.quick else ",batch")).split(","))
    # Byte-code as an installed package has it: with PYTHONDONTWRITEBYTECODE
    # set (or a fresh checkout), every child would compile the sources again
    # and "import gireport" would measure the compiler.
    compileall.compile_dir(str(args.src), quiet=1)
    print(f"gireport speed, code from {args.src} — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores")
    if "txt" in only:
        print(fig_txt(args.src, rounds, repeats), flush=True)
    if "html" in only:
        print(fig_html(args.src, rounds, repeats), flush=True)
    if "pdf" in only:
        print("\n".join(fig_pdf(args.src, rounds, repeats)), flush=True)
    if "first" in only:
        print("\n".join(fig_first(args.src, repeats)), flush=True)
    if "growth" in only:
        print("\n".join(fig_growth(args.src)), flush=True)
    if "batch" in only:
        print("\n".join(fig_batch(args.src, args.batch_files)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
