"""What ``import gireport`` and a plain audit load: nothing a single text
audit does not use (the batch machinery, PDF/DOCX readers, pandas, jieba)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

HEAVY = ("gireport.claims", "gireport.batch", "gireport.batch.runner", "gireport.batch.pool", "gireport.batch.store", "multiprocessing", "sqlite3", "jieba", "pdfplumber", "pypdfium2", "docx", "lxml", "pandas")

_PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import gireport
after_import = sorted(m for m in sys.modules if m.split(".")[0] in {h.split(".")[0] for h in json.loads(sys.argv[2])})
a = gireport.audit(text="青禾县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占75%。", limits=False)
after_audit = sorted(m for m in sys.modules if m.split(".")[0] in {h.split(".")[0] for h in json.loads(sys.argv[2])})
print(json.dumps({"import": after_import, "audit": after_audit}))
"""


def _probe() -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(SRC), json.dumps(HEAVY)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _loaded(mods: list[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in mods)


def test_import_and_a_text_audit_load_nothing_heavy():
    seen = _probe()
    for name in HEAVY:
        assert not _loaded(seen["import"], name), f"import gireport loads {name}"
    # the audit registers the cross-year rules (gireport.batch.crossyear),
    # but none of the batch machinery comes with them
    for name in ("gireport.batch.runner", "gireport.batch.pool", "gireport.batch.store", "multiprocessing", "sqlite3", "pdfplumber", "docx", "pandas"):
        assert not _loaded(seen["audit"], name), f"a text audit loads {name}"


def test_batch_names_resolve_lazily():
    import gireport

    from gireport.batch import audit_many, load_results
    from gireport.batch.model import AuditResult

    assert gireport.audit_many is audit_many
    assert gireport.load_results is load_results
    assert gireport.AuditResult is AuditResult


def test_cross_year_rules_are_listed_without_importing_the_batch_stage():
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import gireport\n"
        "from gireport.audit import select_rules\n"
        "print(' '.join(r.code for r in select_rules() if r.code.startswith('GR70')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SRC)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["GR701", "GR702", "GR703", "GR704", "GR705"]


_WIDE_RANGES = r"""
import json, re, sys
sys.path.insert(0, sys.argv[1])
seen = []
orig = re._compile
def spy(pattern, flags=0):
    if isinstance(pattern, str):
        seen.append(pattern)
    return orig(pattern, flags)
re._compile = spy
import gireport
gireport.audit(text="青禾县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占75%。", limits=False)
import gc
from gireport.lazyre import LazyPattern
for p in [o for o in gc.get_objects() if isinstance(o, LazyPattern)]:
    p.compiled()  # the patterns this audit did not need, too
print(json.dumps(seen, ensure_ascii=False))
"""

#: Patterns kept in ``re`` although they span a wide range: hot loops where
#: ``re`` matches faster than ``regex`` (compiled once per process).
_WIDE_IN_RE_ON_PURPOSE = ("[^\\u3400-\\u4dbf\\u4e00-\\u9fff]+",)


def _widest_range(pattern: str) -> int:
    """The widest character range (in code points) of a pattern, read with
    the standard library's own parser."""
    from re import _parser  # type: ignore[attr-defined]

    def walk(x) -> int:  # type: ignore[no-untyped-def]
        if hasattr(x, "data"):  # a SubPattern
            x = x.data
        if not isinstance(x, (list, tuple)):
            return 0
        if len(x) == 2 and str(x[0]) == "RANGE" and isinstance(x[1], tuple):
            return int(x[1][1] - x[1][0])
        return max((walk(y) for y in x), default=0)

    return walk(_parser.parse(pattern).data)


def test_no_re_pattern_on_the_audit_path_spans_a_wide_range():
    """re's compiler walks every code point of a character range (a CJK
    range costs milliseconds at start-up); such classes use ``regex``."""
    out = subprocess.run([sys.executable, "-c", _WIDE_RANGES, str(SRC)], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    wide = [p for p in seen if _widest_range(p) > 4096 and p not in _WIDE_IN_RE_ON_PURPOSE]
    assert not wide, wide


_LAZY = r"""
import gc, json, sys
sys.path.insert(0, sys.argv[1])
import gireport
from gireport.lazyre import LazyPattern
def count():
    lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]
    return [len(lazy), sum(o._compiled is not None for o in lazy)]
after_import = count()
gireport.audit(text="青禾县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年共受理申请40件，其中予以公开30件，占75%。", limits=False)
print(json.dumps({"import": after_import, "audit": count()}))
"""


def test_patterns_compile_when_first_used():
    """Module-level patterns are lazy (gireport.lazyre): importing the
    package compiles almost none, and a short report's audit compiles only
    the ones it reaches."""
    out = subprocess.run([sys.executable, "-c", _LAZY, str(SRC)], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    total, compiled = seen["import"]
    assert total > 100 and compiled <= 3, seen
    total, compiled = seen["audit"]
    assert compiled < total / 2, seen


def _module_level_compiles(path: Path) -> list[int]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    engines = {a.asname or a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names if a.name in ("re", "regex")}
    found: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if not inside and isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and child.func.attr == "compile" \
                    and isinstance(child.func.value, ast.Name) and child.func.value.id in engines:
                found.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return found


def test_no_module_compiles_a_pattern_at_import():
    """A pattern named at module level is made with ``lazyre.compile`` or
    ``lazyre.compile_std``, never compiled when its module is imported."""
    eager = {str(p.relative_to(SRC)): lines for p in sorted((SRC / "gireport").rglob("*.py")) if (lines := _module_level_compiles(p))}
    assert not eager, eager


_PRELOAD = r"""
import gc, json, sys
sys.path.insert(0, sys.argv[1])
import gireport.batch._preload
from gireport.lazyre import LazyPattern
lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]
print(json.dumps([len(lazy), sum(o._compiled is None for o in lazy)]))
"""


def test_the_batch_compiles_every_pattern_before_forking_its_workers():
    """Workers are forked from a process that has loaded and warmed
    everything (gireport.batch._preload), patterns included: no worker
    compiles one of its own."""
    out = subprocess.run([sys.executable, "-c", _PRELOAD, str(SRC)], capture_output=True, text=True, check=True)
    total, uncompiled = json.loads(out.stdout.strip().splitlines()[-1])
    assert total > 300 and uncompiled == 0, (total, uncompiled)


def test_every_dataclass_has_a_docstring():
    """A dataclass without a docstring gets one made from its signature
    (``inspect.signature`` at class creation: about twice the cost of
    creating the class), and says nothing to a reader."""
    import dataclasses
    import importlib
    import pkgutil

    import gireport

    bare = []
    for info in pkgutil.walk_packages(gireport.__path__, "gireport."):
        if info.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(info.name)
        except ImportError:  # an optional dependency (pandas, dask …) absent
            continue
        for name, obj in vars(mod).items():
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == info.name:
                if (obj.__doc__ or "").startswith(obj.__name__ + "("):
                    bare.append(f"{info.name}.{name}")
    assert not bare, f"dataclasses without a docstring: {bare}"
