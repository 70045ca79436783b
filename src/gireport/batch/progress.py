"""A minimal progress bar on stderr: count, rate, ETA — no dependency.

Drawn only when the stream is a terminal (and not ``--quiet``); redrawn at
most ten times a second.  :meth:`Progress.write` prints a line above the bar
(warnings, errors) without garbling it.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

__all__ = ["Progress", "format_duration"]


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
        if enabled is None:
            try:
                enabled = self.stream.isatty()
            except (AttributeError, ValueError):
                enabled = False
        self.enabled = bool(enabled)
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

    def draw(self) -> None:
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
        self._drawn = True

    def write(self, msg: str) -> None:
        """Print a line (an error …) above the bar."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K")
        self.stream.write(msg.rstrip("\n") + "\n")
        if self.enabled and self._drawn:
            self.stream.write(self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
