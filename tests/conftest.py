"""Shared fixtures.  Tests that read ``../shared`` (real reports kept outside
the project) skip cleanly when it is absent, as in a user's fresh clone."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "changbai-2013.txt"
REAL = SHARED / "corpus-real"
CORPUS = ROOT / "corpus"


#: The opening of a script run in a fresh interpreter by the font tests
#: (tests/test_load_pdf.py, tests/test_pdf_fonts.py): ``argv`` is font_dir,
#: substitute ("on"/"off"), paths…; with a ``font_dir`` PDFium is
#: re-initialised with that folder as its only system-font folder.
PDFIUM_FONT_DIR_PRELUDE = """
import ctypes, importlib, json, sys
font_dir, substitute, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
if font_dir:
    import pypdfium2.raw as raw
    from pypdfium2 import _library_scope
    from pypdfium2.internal import bases
    _library_scope.destroy_lib()
    char_p = ctypes.POINTER(ctypes.c_char)
    dirs = (char_p * 2)(ctypes.cast(ctypes.c_char_p(font_dir.encode()), char_p), None)
    paths_t = dict(raw.FPDF_LIBRARY_CONFIG._fields_)["m_pUserFontPaths"]
    raw.FPDF_InitLibraryWithConfig(raw.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=ctypes.cast(dirs, paths_t), m_pIsolate=None, m_v8EmbedderSlot=0))
    bases.LIBRARY_AVAILABLE = True
"""

needs_shared = pytest.mark.skipif(not REAL.is_dir() or not SEED.is_file(), reason="../shared (real reports) not present")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seed not present")
    return SEED


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus-real not present")
    return REAL


@pytest.fixture
def english_cli(monkeypatch):
    """The command line's summaries and errors in English (GIREPORT_LANG),
    for the tests that read them; the Chinese default is pinned in
    tests/test_cli_exit.py and tests/test_output.py."""
    monkeypatch.setenv("GIREPORT_LANG", "en")
