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
