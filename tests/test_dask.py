"""audit_many on a dask cluster (``Client(...).get_executor()``) gives the
same results as the local pool.  Skipped when dask.distributed is not
installed (``pip install gireport[dask]``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import gireport  # noqa: E402
from gireport import cli  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FILES = [
    "qinghe-county-2021.txt",
    "qinghe-county-2021.pdf",
    "baishi-town-2020.docx",
    "songling-county-2023.md",
    "songling-county-2015.html",
    "example-city-notice-2022.html",
]

#: summaries and errors in English, as these tests read them (see conftest)
pytestmark = pytest.mark.usefixtures("english_cli")



@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50) as lc:
        with Client(lc) as client:
            yield lc, client


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for n in FILES:
        shutil.copy(CORPUS / n, d / n)
    (d / "empty-2020.txt").write_bytes(b"")
    # a later year of one report, so that the cross-year rules have a pair
    src = (CORPUS / "songling-county-2023.txt").read_text(encoding="utf-8")
    (d / "songling-county-2024.txt").write_text(src.replace("2024年", "2025年").replace("2023年", "2024年"), encoding="utf-8")
    return d


def _table(results):
    return sorted((Path(r.file).name, r.status, r.error_type, tuple(sorted(f.fingerprint for f in r.findings))) for r in results)


def test_dask_results_identical_to_local(cluster, folder, tmp_path):
    _, client = cluster
    with gireport.audit_many([folder], workers=2, db=tmp_path / "local.db") as run:
        local = list(run)
        local_corpus = sorted((f["file"], f["fingerprint"]) for f in run.corpus_findings)
    with gireport.audit_many([folder], executor=client.get_executor(), db=tmp_path / "dask.db") as run:
        remote = list(run)
        remote_corpus = sorted((f["file"], f["fingerprint"]) for f in run.corpus_findings)
    assert _table(local) == _table(remote)
    assert len(local) == len(FILES) + 2
    assert local_corpus == remote_corpus and local_corpus  # GR703 on the 2024 copy
    a = gireport.load_results(tmp_path / "local.db")
    b = gireport.load_results(tmp_path / "dask.db")
    cols = ["path", "sha256", "format", "agency", "year", "template", "status", "error_type", "errors", "warnings", "infos"]
    assert a.documents[cols].equals(b.documents[cols])
    fcols = ["file", "code", "severity", "message", "fingerprint", "scope"]
    assert a.findings[fcols].equals(b.findings[fcols])


def test_dask_from_the_command_line(cluster, folder, capsys):
    lc, _ = cluster
    rc1 = cli.main(["audit", str(folder), "--dask", lc.scheduler_address, "-q"])
    remote_out, remote_err = capsys.readouterr()
    rc2 = cli.main(["audit", str(folder), "--workers", "2", "-q"])
    local_out, _ = capsys.readouterr()
    assert rc1 == rc2 == 1
    assert remote_out == local_out
    assert "files: 7 ok, 1 failed, 0 unsupported, 0 duplicate" in remote_err
