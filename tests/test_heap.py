"""gireport.heap: fewer collections while auditing, thresholds restored."""

from __future__ import annotations

import gc
import threading

import pytest

import gireport
from gireport import heap


@pytest.fixture(autouse=True)
def _default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_raises_then_restores():
    with heap.fewer_collections():
        assert gc.get_threshold() == (heap.GEN0_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_uses_restore_once_at_the_outermost_end():
    with heap.fewer_collections():
        with heap.fewer_collections():
            assert gc.get_threshold()[0] == heap.GEN0_THRESHOLD
        assert gc.get_threshold()[0] == heap.GEN0_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_exception():
    with pytest.raises(RuntimeError):
        with heap.fewer_collections():
            raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("setting", [(0, 10, 10), (100_000, 10, 10)])
def test_disabled_or_higher_threshold_left_alone(setting):
    gc.set_threshold(*setting)
    with heap.fewer_collections():
        assert gc.get_threshold() == setting
    assert gc.get_threshold() == setting


def test_threads_share_one_raised_setting():
    inside = threading.Barrier(2)
    seen = []

    def work():
        with heap.fewer_collections():
            inside.wait()
            seen.append(gc.get_threshold()[0])
            inside.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [heap.GEN0_THRESHOLD] * 2
    assert gc.get_threshold() == (700, 10, 10)


def test_an_audit_runs_under_it(monkeypatch):
    from gireport import api

    seen = []
    real = api.run_audit

    def spy(report, config):
        seen.append(gc.get_threshold()[0])
        return real(report, config)

    monkeypatch.setattr(api, "run_audit", spy)
    gireport.audit(text="青禾县人民政府2021年政府信息公开工作年度报告\n全年共受理申请40件。")
    assert seen == [heap.GEN0_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_file_is_loaded_under_it(monkeypatch):
    """Loading alone (gireport.load, outside an audit) builds a page's tree
    or a PDF's characters under the raised threshold too."""
    import importlib

    load_stage = importlib.import_module("gireport.load")  # the package (gireport.load is also the function)

    seen = []
    real = load_stage._load_format

    def spy(fmt, data, path, label):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        return real(fmt, data, path, label)

    monkeypatch.setattr(load_stage, "_load_format", spy)
    gireport.load(b"<html><body><p>\xe6\x8a\xa5\xe5\x91\x8a</p></body></html>", name="p.html")
    assert seen == [heap.GEN0_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)
