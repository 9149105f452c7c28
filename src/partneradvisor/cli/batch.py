"""`partneradvisor batch`: advice for many companies, streamed row by row."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from typing import IO, Annotated, Any, Optional

import typer

from ._common import KbOption, LangOption, lang_of, load_kb


def batch(
    input_path: Annotated[
        str,
        typer.Argument(metavar="INPUT", help="CSV, JSON Lines, or a YAML/JSON list (- for stdin)."),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output: .jsonl or .csv (- for stdout).")
    ] = "-",
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="jsonl or csv (default: from -o's extension).",
            show_default=False,
        ),
    ] = None,
    input_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--input-format",
            help="csv, jsonl or yaml (default: from the extension).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--top",
            "-n",
            min=1,
            help="Keep the first N forms (CSV default: 3).",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="JSON Lines: add contributions, robustness, combination."),
    ] = False,
    errors: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--errors",
            help="Also write the bad rows here, as JSON Lines (- for stderr).",
            show_default=False,
        ),
    ] = None,
    kb: KbOption = None,
    lang: LangOption = None,
) -> int:
    """Advise many companies at once. Bad rows are reported and skipped; exit 1 if any."""
    from .. import batch as core
    from .._io import same_file
    from .._text import excerpt
    from ..engine import advisor_for
    from ..errors import EXIT_BUG, EXIT_PARTIAL, InputFileError, OutputError, PartnerAdvisorError

    language = lang_of(lang)
    in_fmt = core.format_of(input_path, input_format, output=False)
    out_fmt = core.format_of(output, output_format, output=True)
    if explain and out_fmt is not core.BatchFormat.JSONL:
        raise PartnerAdvisorError(
            "--explain adds each row's contributions, robustness and combination, which only "
            "JSON Lines can hold: use -f jsonl"
        )
    named = [("the input", input_path), ("-o", output), ("--errors", errors)]
    for n, (first, a) in enumerate(named):
        for second, b in named[n + 1 :]:
            if a is not None and b is not None and "-" not in (a, b) and same_file(a, b):
                raise PartnerAdvisorError(f"{second} names the same file as {first}: {a}")
    advisor = advisor_for(load_kb(kb))

    source, close_source = _open_input(input_path)
    try:
        out = _Output(output)
        try:
            errs = _Errors(errors)
        except BaseException:
            out.abandon()
            raise
    except BaseException:
        close_source()
        raise
    progress = _Progress(input_path) if sys.stderr.isatty() else None
    good = bad = bugs = 0
    started = time.perf_counter()
    try:
        csv_style, rows = core.read_rows(source, in_fmt, input_path)
        row_advisor = core.RowAdvisor(advisor, language, out_fmt, top, explain, csv_style)
        write = out.handle.write
        write(row_advisor.header())
        line = row_advisor.line
        for row in rows:
            # a row can only fail itself: whatever goes wrong with it is that row's error
            try:
                if row.error:
                    raise PartnerAdvisorError(row.error)
                text = line(row)
            except PartnerAdvisorError as exc:
                bad += 1
                errs.report(row, str(exc))
            except Exception as exc:
                if os.environ.get("PARTNERADVISOR_DEBUG"):
                    raise
                bad += 1
                bugs += 1
                problem = f"{type(exc).__name__}: {excerpt(str(exc))}"
                errs.report(row, f"internal error: {problem} (please report it)")
            else:
                write(text)
                good += 1
            if progress and (good + bad) % 1000 == 0:
                progress.update(good + bad)
        if good + bad == 0:
            raise InputFileError(f"{input_path} holds no rows to advise")
        if not good:
            out.abandon()  # every row failed: an earlier output is worth more than an empty one
            errs.finish()
            kept = "" if output == "-" else f"; {output} was left as it was"
            errs.say(f"no row could be advised{kept}")
            return EXIT_PARTIAL
        out.finish()
        errs.finish()
    except KeyboardInterrupt:
        out.abandon()
        errs.abandon()
        kept = "" if output == "-" else f"; {output} was left as it was"
        from ..errors import Interrupted

        raise Interrupted(f"interrupted after {good + bad:,} rows{kept}") from None
    except BrokenPipeError:
        errs.finish()  # the reader of stdout went away (`| head`): not a failure
        raise
    except OSError as exc:  # e.g. a full disk: files other than the output name themselves
        out.abandon()
        errs.abandon()
        where = "the standard output" if output == "-" else output
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from None
    except BaseException:
        out.abandon()
        errs.abandon()
        raise
    finally:
        if progress:
            progress.stop()
        close_source()
    elapsed = max(time.perf_counter() - started, 1e-9)
    if sys.stderr.isatty():
        print(
            f"advised {good:,} rows, {bad:,} failed, {good / elapsed:,.0f} rows/s",
            file=sys.stderr,
        )
    return EXIT_BUG if bugs else EXIT_PARTIAL if bad else 0


def _open_input(path: str) -> tuple[IO[str], Callable[[], None]]:
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


class _Output:
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


class _Errors:
    """Where the bad rows are reported: a sentence each on stderr, and with --errors a JSON
    line each in that file (written whole, as the output is) or, for -, on stderr instead."""

    def __init__(self, path: str | None) -> None:
        self.file = None
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

    @staticmethod
    def say(message: str) -> None:
        from .._text import printable

        print(printable(message), file=sys.stderr)

    def finish(self) -> None:
        if self.file is not None:
            self.file.finish()

    def abandon(self) -> None:
        if self.file is not None:
            self.file.abandon()


def _short(row_id: str, limit: int = 40) -> str:
    return row_id if len(row_id) <= limit else row_id[:limit] + "..."


class _Progress:
    """A rich progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, name: str) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from .._text import printable

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(f"advising {printable(name)}", total=None)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        self.progress.stop()
