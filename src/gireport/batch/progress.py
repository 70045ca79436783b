"""A minimal progress bar: count, rate, ETA — no dependency.

On a terminal it is drawn on stderr (not with ``--quiet``); in a Jupyter
notebook (``audit_many(…, progress=True)``) it is an HTML ``<progress>``
element updated in place through IPython's display handles.  Elsewhere
(a pipe, a log file) nothing is drawn.  Redrawn at most ten times a second.
:meth:`Progress.write` prints a line above the bar (warnings, errors)
without garbling it.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

__all__ = ["Progress", "format_duration", "in_notebook"]


def in_notebook() -> bool:
    """Whether this process is a Jupyter kernel (IPython's ZMQ shell)."""
    ip = sys.modules.get("IPython")
    if ip is None:
        return False
    try:
        shell = ip.get_ipython()
    except Exception:  # noqa: BLE001 - any failure means: not a notebook
        return False
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def format_duration(s: float) -> str:
    if s != s or s == float("inf"):  # NaN / inf
        return "--:--"
    s = int(round(s))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


class Progress:
    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None, label: str = "audit", min_interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.notebook = False
        if enabled is None:
            try:
                enabled = self.stream.isatty()
            except (AttributeError, ValueError):
                enabled = False
            if not enabled and stream is None and in_notebook():
                enabled = self.notebook = True
        self.enabled = bool(enabled)
        self._handle = None
        self.total = total
        self.label = label
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._interval = min_interval
        self._drawn = False

    def update(self, status: str = "ok", n: int = 1) -> None:
        self.done += n
        if status == "failed":
            self.failed += n
        elif status == "skipped":
            self.skipped += n
        now = time.monotonic()
        if self.enabled and (now - self._last >= self._interval or (self.total is not None and self.done >= self.total)):
            self._last = now
            self.draw()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        audited = self.done - self.skipped
        rate = audited / elapsed if audited else 0.0
        width = shutil.get_terminal_size((80, 20)).columns
        extra = f" {self.failed} failed" if self.failed else ""
        extra += f" {self.skipped} skipped" if self.skipped else ""
        if self.total:
            left = self.total - self.done
            eta = left / rate if rate > 0 else float("nan")
            stats = f" {self.done}/{self.total} {rate:.1f} files/s ETA {format_duration(eta)}{extra}"
            barw = max(10, min(40, width - len(self.label) - len(stats) - 4))
            fill = int(barw * self.done / self.total)
            return f"{self.label} [{'#' * fill}{'.' * (barw - fill)}]{stats}"[: width - 1]
        return f"{self.label} {self.done} files {rate:.1f} files/s {format_duration(elapsed)}{extra}"[: width - 1]

    def _html(self) -> str:
        from html import escape

        bar = f'<progress value="{self.done}" max="{self.total}"></progress> ' if self.total else ""
        return f'<div style="font-family:monospace">{bar}{escape(self.line())}</div>'

    def draw(self) -> None:
        if not self.enabled:
            return
        if self.notebook:
            from IPython.display import HTML, display

            if self._handle is None:
                self._handle = display(HTML(self._html()), display_id=True)
            else:
                self._handle.update(HTML(self._html()))
            self._drawn = True
            return
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
        self._drawn = True

    def write(self, msg: str) -> None:
        """Print a line (an error …) above the bar."""
        if self.notebook:
            self.stream.write(msg.rstrip("\n") + "\n")
            self.stream.flush()
            return
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K")
        self.stream.write(msg.rstrip("\n") + "\n")
        if self.enabled and self._drawn:
            self.stream.write(self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.notebook:
            if self._drawn:
                self.draw()
            return
        if self.enabled and self._drawn:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
