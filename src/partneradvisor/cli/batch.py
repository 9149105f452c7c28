"""`partneradvisor batch`: advice for many companies, streamed row by row."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated, Optional

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
            "--errors", help="Also write the bad rows here, as JSON Lines.", show_default=False
        ),
    ] = None,
    kb: KbOption = None,
    lang: LangOption = None,
) -> int:
    """Advise many companies at once. Bad rows are reported and skipped; exit 1 if any."""
    import json

    from .. import batch as core
    from .._io import read_text
    from ..engine import advisor_for
    from ..errors import EXIT_PARTIAL, InputFileError, OutputError, PartnerAdvisorError

    language = lang_of(lang)
    in_fmt = core.format_of(input_path, input_format, output=False)
    out_fmt = core.format_of(output, output_format, output=True)
    advisor = advisor_for(load_kb(kb))

    if input_path == "-":
        source: IO[str] = sys.stdin
    else:
        if not Path(input_path).is_file():
            read_text(input_path)  # raises the error that names what is wrong with the path
        try:
            source = open(input_path, encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise InputFileError(f"cannot read {input_path}: {exc.strerror}") from None

    sink, finish, abandon = _open_output(output)
    error_sink = _open_errors(errors)
    progress = _Progress(input_path) if sys.stderr.isatty() else None
    good = bad = 0
    started = time.perf_counter()
    try:
        csv_style, rows = core.read_rows(source, in_fmt, input_path)
        row_advisor = core.RowAdvisor(advisor, language, out_fmt, top, explain, csv_style)
        sink.write(row_advisor.header())
        line = row_advisor.line
        for row in rows:
            try:
                if row.error:
                    raise PartnerAdvisorError(row.error)
                sink.write(line(row))
                good += 1
            except PartnerAdvisorError as exc:
                bad += 1
                print(f"row {row.number} (id {row.id}): {exc}", file=sys.stderr)
                if error_sink:
                    error_sink.write(
                        json.dumps(
                            {"row": row.number, "id": row.id, "error": str(exc)}, ensure_ascii=False
                        )
                        + "\n"
                    )
            if progress and (good + bad) % 1000 == 0:
                progress.update(good + bad)
    except UnicodeDecodeError:
        abandon()
        raise InputFileError(
            f"{input_path} is not UTF-8 text (from a spreadsheet, save it as 'CSV UTF-8')"
        ) from None
    except OSError as exc:
        abandon()
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    except BaseException:
        if good:
            finish()  # e.g. Ctrl-C: keep every row advised so far
        else:
            abandon()  # nothing advised: leave an existing output file as it was
        raise
    finally:
        if progress:
            progress.stop()
        if error_sink:
            error_sink.close()
        if source is not sys.stdin:
            source.close()
    if good + bad == 0:
        abandon()
        raise InputFileError(f"{input_path} holds no rows to advise")
    finish()
    elapsed = max(time.perf_counter() - started, 1e-9)
    if sys.stderr.isatty():
        print(
            f"advised {good:,} rows, {bad:,} failed, {good / elapsed:,.0f} rows/s",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if bad else 0


def _open_output(path: str) -> tuple[IO[str], Callable[[], None], Callable[[], None]]:
    """A stream to write to, and how to finish (rename into place) or abandon it."""
    if path == "-":
        return sys.stdout, sys.stdout.flush, lambda: None
    from .._io import AtomicFile

    file = AtomicFile(path, newline="")  # the csv module ends its own lines
    return file.handle, file.finish, file.abandon


def _open_errors(path: str | None) -> IO[str] | None:
    if path is None:
        return None
    from ..errors import OutputError

    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


class _Progress:
    """A rich progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, name: str) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(f"advising {name}", total=None)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        self.progress.stop()
