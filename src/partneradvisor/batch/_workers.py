"""batch --jobs: the worker processes, each with its own RowAdvisor, advising chunks of rows.

A worker ignores Ctrl-C (the terminal sends it to the whole process group) and ends quietly
on SIGTERM or SIGHUP (`timeout`, a closed terminal): the main process stops the batch and
says so, and no worker prints a traceback (a forked worker would otherwise inherit the main
process's handlers, which turn those signals into an exception)."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Outcome
    from ._columns import Terms, Texts
    from ._lines import RowAdvisor
    from ._rows import Row

_worker: tuple[RowAdvisor, Terms, Texts] | None = None


def start(settings: tuple[Any, ...], terms: Terms, t: Texts) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, signal.SIG_DFL)
    from ..engine import advisor_for
    from ._lines import RowAdvisor

    kb, lang, fmt, top, explain, style, names = settings
    rows = RowAdvisor(advisor_for(kb), lang, fmt, top, explain, style, names=names)
    _worker = (rows, terms, t)


def advise(chunk: list[Row]) -> list[Outcome]:
    from . import _outcome

    assert _worker is not None, "start() runs first in every worker"
    rows, terms, t = _worker
    return [_outcome(row, rows, terms, t) for row in chunk]
