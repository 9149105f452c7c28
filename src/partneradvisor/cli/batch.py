"""`partneradvisor batch`: advice for many companies, streamed row by row."""

# no `from __future__ import annotations`: typer reads the commands' annotations at run time,
# and evaluating them as strings costs milliseconds at every start

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import KbOption, LangOption, lang_of, load_kb

if TYPE_CHECKING:
    from ..kb.model import Lang


def batch(
    input_path: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="CSV, Excel (.xlsx), JSON Lines, or a YAML/JSON list (- for stdin).",
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Output: .jsonl, .csv or .xlsx (- for stdout)."),
    ] = "-",
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv or xlsx (default: from -o's extension).",
            show_default=False,
        ),
    ] = None,
    input_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--input-format",
            help="csv, xlsx, jsonl or yaml (default: from the extension).",
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
    names: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--names",
            help="CSV and Excel: forms as ids or as names in --lang (default: ids; Excel: names).",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--summary",
            help="Also write a summary of the whole batch: .html, .md or .json.",
            show_default=False,
        ),
    ] = None,
    partial: Annotated[
        bool,
        typer.Option("--partial", help="On Ctrl-C or SIGTERM, keep the rows written so far."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Advise in N processes, at most one per core (helps big inputs with a free "
            "core; same output).",
        ),
    ] = 1,
    kb: KbOption = None,
    lang: LangOption = None,
) -> int:
    """Advise many companies at once. Bad rows are reported and skipped; exit 1 if any."""
    from .. import batch as core

    language = lang_of(lang)
    progress = _Progress(input_path, language) if sys.stderr.isatty() else None
    try:
        result = core.run(
            input_path,
            output,
            kb=load_kb(kb),
            lang=language,
            input_format=input_format,
            output_format=output_format,
            top=top,
            explain=explain,
            errors=errors,
            names=names,
            partial=partial,
            summary=summary,
            progress=progress.update if progress else None,
            jobs=jobs,
        )
    finally:
        if progress:
            progress.stop()
    if sys.stderr.isatty():
        from ..render.phrases import number, ui

        done = ui(
            "batch_done",
            language,
            advised=number(result.advised, language),
            failed=number(result.failed, language),
            rate=number(result.advised / result.seconds, language),
        )
        print(done, file=sys.stderr)
    return result.exit_code


class _Progress:
    """A rich progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, name: str, lang: "Lang") -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from .._text import printable
        from ..render.phrases import ui

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} " + ui("batch_rows", lang)),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        description = ui("batch_progress", lang, name=printable(name))
        self.task = self.progress.add_task(description, total=None)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        self.progress.stop()
