"""Ctrl-C and SIGTERM between rows: a signal that arrives while a row is being advised and
written waits until that row is whole, so that an interrupted output (kept with --partial)
holds whole rows, exactly as many as it says. While a row is being read (which may wait on a
pipe) a signal interrupts at once, as it always does."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

Handler = Callable[[int, FrameType | None], Any]
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class RowBoundary:
    """Install with `with RowBoundary() as boundary:`; set `boundary.busy` while a row is
    written and call `boundary.row_done()` after it."""

    def __init__(self) -> None:
        self.busy = False
        self.pending: tuple[int, FrameType | None] | None = None
        self.previous: dict[int, Handler] = {}

    def __enter__(self) -> RowBoundary:
        if threading.current_thread() is not threading.main_thread():
            return self
        for name in SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            handler = signal.getsignal(signum)
            if callable(handler):  # Python's own Ctrl-C, or the CLI's SIGTERM: defer those
                self.previous[signum] = handler
                signal.signal(signum, self._received)
        return self

    def __exit__(self, *exc: object) -> None:
        self.busy = False
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        if self.pending is not None:  # came during a row that then failed: now
            signum, frame = self.pending
            self.pending = None
            self.previous[signum](signum, frame)
        self.previous.clear()

    def _received(self, signum: int, frame: FrameType | None) -> None:
        if self.busy and self.pending is None:
            self.pending = (signum, frame)  # after this row
            return
        self.previous[signum](signum, frame)  # a second signal, or none pending: now

    def row_done(self) -> None:
        """The row is whole: a signal that came meanwhile takes effect now."""
        self.busy = False
        if self.pending is not None:
            signum, frame = self.pending
            self.pending = None
            self.previous[signum](signum, frame)
