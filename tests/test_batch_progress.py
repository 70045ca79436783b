"""The progress bar in a Jupyter notebook: an HTML <progress> updated in
place through IPython display handles (IPython simulated here)."""

from __future__ import annotations

import sys
import types

import gireport
from gireport.batch import progress as P

from conftest import CORPUS


class _Handle:
    def __init__(self, sink: list) -> None:  # type: ignore[type-arg]
        self.sink = sink

    def update(self, obj) -> None:  # type: ignore[no-untyped-def]
        self.sink.append(("update", obj.data))


def _fake_ipython(monkeypatch, sink):  # type: ignore[no-untyped-def]
    ZMQInteractiveShell = type("ZMQInteractiveShell", (), {})
    ipy = types.ModuleType("IPython")
    ipy.get_ipython = lambda: ZMQInteractiveShell()  # type: ignore[attr-defined]
    disp = types.ModuleType("IPython.display")

    class HTML:
        def __init__(self, data: str) -> None:
            self.data = data

    def display(obj, display_id=False):  # type: ignore[no-untyped-def]
        sink.append(("display", obj.data))
        return _Handle(sink)

    disp.HTML, disp.display = HTML, display  # type: ignore[attr-defined]
    ipy.display = disp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipy)
    monkeypatch.setitem(sys.modules, "IPython.display", disp)


def test_bar_is_drawn_in_a_notebook(monkeypatch):
    sink: list = []  # type: ignore[type-arg]
    _fake_ipython(monkeypatch, sink)
    assert P.in_notebook()
    bar = P.Progress(3, min_interval=0)
    assert bar.enabled and bar.notebook
    for _ in range(3):
        bar.update()
    bar.close()
    assert sink[0][0] == "display" and all(k == "update" for k, _ in sink[1:])
    assert '<progress value="3" max="3">' in sink[-1][1] and "3/3" in sink[-1][1]


def test_audit_many_shows_progress_in_a_notebook(monkeypatch):
    sink: list = []  # type: ignore[type-arg]
    _fake_ipython(monkeypatch, sink)
    files = sorted(CORPUS.glob("*.txt"))[:3]
    results = list(gireport.audit_many(files, workers=1, progress=True))
    assert len(results) == 3 and sink and '<progress value="3" max="3">' in sink[-1][1]


def test_no_bar_on_a_stream_that_is_no_terminal(tmp_path, monkeypatch):
    """A stream given explicitly (a log file) gets no bar, notebook or not."""
    _fake_ipython(monkeypatch, [])
    with open(tmp_path / "log.txt", "w") as fh:
        bar = P.Progress(3, stream=fh)
        assert not bar.enabled and not bar.notebook
