"""Render the synthetic corpus: corpus/src/<name>.gir -> corpus/<name>.<fmt>.

Usage (from the repository root)::

    python corpus/build.py            # (re)write every rendered file
    python corpus/build.py --check    # only verify the rendered files are up to date
    python corpus/build.py NAME ...   # only these reports

Rendering is deterministic, so a rebuild of unchanged sources rewrites
nothing.  The renderer is ``gireport.testing.render``, imported from this
checkout's ``src/`` (not from an installed gireport), so that the corpus is
always built by the renderer beside it.  PDF needs reportlab (``pip install
gireport[test]``); without it the PDF files are left as they are and a
warning is printed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
RENDER_PY = HERE.parent / "src" / "gireport" / "testing" / "render.py"

#: Report name -> the formats it is rendered to.  Every report gets txt; the
#: rest are spread so that docx, html and pdf each cover several reports and
#: both templates.  See README.md for what each report is and what is planted.
REPORTS: dict[str, tuple[str, ...]] = {
    "qinghe-county-2012": ("txt", "docx"),
    "songling-county-2015": ("txt", "html", "pdf"),
    "tongxi-district-2017": ("txt", "md", "pdf"),
    "example-city-transport-2016": ("txt", "html"),
    "example-city-ecology-2019": ("txt", "html", "docx"),
    "baishi-town-2020": ("txt", "docx"),
    "qinghe-county-2021": ("txt", "html", "pdf"),
    "example-city-market-2023": ("txt", "docx", "pdf"),
    "example-city-notice-2022": ("txt", "html"),
    "qinghe-finance-2013": ("txt", "docx"),
    "fenglin-district-2018": ("txt", "html"),
    "example-city-education-2020": ("txt", "pdf"),
    "example-city-resources-2022": ("txt", "html", "docx"),
    "songling-county-2023": ("txt", "md", "pdf"),
}


def _load_renderer():
    """This checkout's ``gireport.testing.render`` (its package first on
    the path, ahead of any installed gireport)."""
    src = str(RENDER_PY.parents[2])
    if src not in sys.path:
        sys.path.insert(0, src)
    module = importlib.import_module("gireport.testing.render")
    if Path(module.__file__).resolve() != RENDER_PY:
        raise RuntimeError(f"gireport.testing.render was imported from {module.__file__}, not {RENDER_PY}")
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="reports to build (default: all)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if a rendered file is stale")
    args = ap.parse_args(argv)

    renderer = _load_renderer()
    sources = {p.stem for p in SRC.glob("*.gir")}
    unknown = sources - set(REPORTS)
    missing = set(REPORTS) - sources
    if unknown or missing:
        for n in sorted(unknown):
            print(f"error: corpus/src/{n}.gir is not listed in REPORTS", file=sys.stderr)
        for n in sorted(missing):
            print(f"error: REPORTS lists {n} but corpus/src/{n}.gir does not exist", file=sys.stderr)
        return 2
    names = args.names or list(REPORTS)
    bad = [n for n in names if n not in REPORTS]
    if bad:
        print(f"error: unknown report(s): {', '.join(bad)}", file=sys.stderr)
        return 2

    stale = written = unchanged = skipped = 0
    for name in names:
        report = renderer.parse_source((SRC / f"{name}.gir").read_text("utf-8"))
        for fmt in REPORTS[name]:
            out = HERE / f"{name}.{fmt}"
            try:
                data = renderer.render(report, fmt)
            except ImportError as exc:
                print(f"warning: {out.name} not rendered: {exc}", file=sys.stderr)
                skipped += 1
                continue
            if out.is_file() and out.read_bytes() == data:
                unchanged += 1
                continue
            if args.check:
                print(f"stale: {out.relative_to(HERE.parent)}")
                stale += 1
                continue
            out.write_bytes(data)
            written += 1
            print(f"wrote {out.relative_to(HERE.parent)} ({len(data):,} bytes)")
    print(f"{written} written, {unchanged} unchanged, {stale} stale, {skipped} skipped")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
