"""`partneradvisor batch`: advice for many companies, streamed row by row."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

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

    progress = _Progress(input_path) if sys.stderr.isatty() else None
    try:
        result = core.run(
            input_path,
            output,
            kb=load_kb(kb),
            lang=lang_of(lang),
            input_format=input_format,
            output_format=output_format,
            top=top,
            explain=explain,
            errors=errors,
            progress=progress.update if progress else None,
        )
    finally:
        if progress:
            progress.stop()
    if sys.stderr.isatty():
        rate = result.advised / result.seconds
        print(
            f"advised {result.advised:,} rows, {result.failed:,} failed, {rate:,.0f} rows/s",
            file=sys.stderr,
        )
    return result.exit_code


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
