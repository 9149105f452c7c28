"""Batch files: the input opened once, the output and the error report each written whole
(or, for a device or -, directly)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import IO, Any


def open_input(path: str) -> tuple[IO[str], Callable[[], None]]:
    """The input, opened once (a pipe such as <(cat rows.jsonl) cannot be read twice), as
    UTF-8 where a byte that is not UTF-8 fails only its own row; and how to let go of it."""
    from .._io import open_error

    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a replaced sys.stdin (tests): already text
            return sys.stdin, lambda: None
        wrapper = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape", newline="")
        return wrapper, wrapper.detach
    try:
        stream = open(path, encoding="utf-8", errors="surrogateescape", newline="")  # noqa: SIM115
    except OSError as exc:
        raise open_error(path, exc) from None
    return stream, stream.close


class Output:
    """Where the advice goes: stdout for -, else a file replaced only when the batch is done."""

    def __init__(self, path: str) -> None:
        self.file = None
        if path == "-":
            self.handle: IO[str] = sys.stdout
            return
        from .._io import AtomicFile

        self.file = AtomicFile(path, newline="")  # the csv module ends its own lines
        self.handle = self.file.handle

    def finish(self) -> None:
        if self.file is not None:
            self.file.finish()
        else:
            self.handle.flush()

    def abandon(self) -> None:
        if self.file is not None:
            self.file.abandon()


class Errors:
    """Where the bad rows are reported: a sentence each on stderr, and with --errors a JSON
    line each in that file (written whole, as the output is) or, for -, on stderr instead."""

    def __init__(self, path: str | None, say: Callable[[str], None]) -> None:
        self.file = None
        self.say = say
        self.as_json = path is not None
        if path is not None and path != "-":
            from .._io import AtomicFile

            self.file = AtomicFile(path)

    def report(self, row: Any, message: str) -> None:
        if self.as_json:
            import json

            record = {"row": row.number, "id": row.id, "error": message}
            text = json.dumps(record, ensure_ascii=False) + "\n"
            if self.file is not None:
                self.file.write(text)
                self.say(f"row {row.number} (id {_short(row.id)}): {message}")
            else:
                sys.stderr.write(text)
        else:
            self.say(f"row {row.number} (id {_short(row.id)}): {message}")

    def finish(self) -> None:
        if self.file is not None:
            self.file.finish()

    def abandon(self) -> None:
        if self.file is not None:
            self.file.abandon()


def _short(row_id: str, limit: int = 40) -> str:
    return row_id if len(row_id) <= limit else row_id[:limit] + "..."
