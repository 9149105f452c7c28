"""Batch files: the input opened once, the output and the error report each written whole
(or, for a device or -, directly)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._columns import Texts
    from ._rows import Row
    from ._xlsx import Workbook

SPOOL_BYTES = 32 << 20  # a workbook from a pipe is held in memory up to this, then on disk


def open_input(path: str, *, binary: bool = False) -> tuple[IO[Any], Callable[[], None]]:
    """The input, opened once (a pipe such as <(cat rows.jsonl) cannot be read twice), as
    UTF-8 where a byte that is not UTF-8 fails only its own row; and how to let go of it.
    A workbook (binary) is a zip, read by seeking: one from a pipe is spooled first."""
    from .._io import open_error

    if binary:
        if path == "-":
            raw: IO[bytes] = sys.stdin.buffer
        else:
            try:
                raw = open(path, "rb")  # noqa: SIM115
            except OSError as exc:
                raise open_error(path, exc) from None
        if raw.seekable():
            return raw, raw.close if path != "-" else lambda: None
        import shutil
        import tempfile

        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        try:
            shutil.copyfileobj(raw, spool)
        finally:
            if path != "-":
                raw.close()
        spool.seek(0)
        return spool, spool.close
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
    """Where the advice goes: stdout for -, else a file replaced only when the batch is done.
    A text output takes lines; rows that failed are not its business."""

    def __init__(self, path: str, binary: bool = False) -> None:
        self.file = None
        if path == "-":
            self.handle: IO[Any] = sys.stdout.buffer if binary else sys.stdout
            return
        from .._io import AtomicFile

        # the csv module ends its own lines
        self.file = AtomicFile(path, newline="", binary=binary)
        self.handle = self.file.handle

    def start(self, header: str) -> None:
        if header:
            self.handle.write(header)

    def write(self, line: Any) -> None:
        self.handle.write(line)

    def error(self, row: Row, message: str) -> None:
        pass

    def finish(self) -> None:
        if self.file is not None:
            self.file.finish()
        else:
            self.handle.flush()

    def abandon(self) -> None:
        if self.file is not None:
            self.file.abandon()


class WorkbookOutput(Output):
    """An Excel workbook: the advice sheet row by row, the errors sheet beside it; the
    workbook is put together by finish()."""

    def __init__(self, path: str, workbook: Workbook) -> None:
        self.workbook = workbook
        try:
            super().__init__(path, binary=True)
        except BaseException:  # e.g. the path is a directory
            workbook.discard()
            raise

    def start(self, header: str) -> None:
        pass  # the workbook wrote its sheets' headings

    def write(self, line: Any) -> None:
        self.workbook.row(line)

    def error(self, row: Row, message: str) -> None:
        self.workbook.error([row.number, row.id, message])

    def finish(self) -> None:
        try:
            self.workbook.save(self.handle)
        except BaseException:
            self.abandon()
            raise
        super().finish()

    def abandon(self) -> None:
        self.workbook.discard()
        super().abandon()


class Errors:
    """Where the bad rows are reported: a sentence each on stderr, and with --errors a JSON
    line each in that file (written whole, as the output is) or, for -, on stderr instead."""

    def __init__(self, path: str | None, say: Callable[[str], None], t: Texts) -> None:
        self.file = None
        self.say = say
        self.t = t
        self.as_json = path is not None
        if path is not None and path != "-":
            from .._io import AtomicFile

            self.file = AtomicFile(path)

    def report(self, row: Row, message: str) -> None:
        sentence = self.t("row", row=row.number, id=_short(row.id), message=message)
        if self.as_json:
            from ..render.advice_json import to_json

            record = {"row": row.number, "id": row.id, "error": message}
            text = to_json(record) + "\n"
            if self.file is not None:
                self.file.write(text)
                self.say(sentence)
            else:
                sys.stderr.write(text)
        else:
            self.say(sentence)

    def finish(self) -> None:
        if self.file is not None:
            self.file.finish()

    def abandon(self) -> None:
        if self.file is not None:
            self.file.abandon()


def _short(row_id: str, limit: int = 40) -> str:
    """A row's id as its sentence shows it: at most `limit` chars (Texts keeps it on one line)."""
    return row_id if len(row_id) <= limit else row_id[:limit] + "..."
