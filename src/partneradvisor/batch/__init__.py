"""Advice for many companies, streamed: rows are read, advised and written one at a time.

`run()` is the whole batch, callable from Python as the CLI calls it:

    from partneradvisor import batch
    result = batch.run("members.csv", "advice.csv", lang="nl")
    result.advised, result.failed

A row can only fail itself: whatever goes wrong with one row is reported as that row's
error and the batch goes on. The output is written whole or not at all (a device or - is
written directly), so an interrupted batch leaves an earlier output as it was.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._io import same_file
from .._text import excerpt, printable
from ..errors import (
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_PARTIAL,
    InputFileError,
    Interrupted,
    OutputError,
    PartnerAdvisorError,
)
from ._files import Errors, Output, open_input
from ._lines import RowAdvisor, neutralise
from ._rows import BatchFormat, CsvStyle, Row, format_of, read_rows

if TYPE_CHECKING:
    from ..kb.model import KnowledgeBase, Lang

__all__ = [
    "BatchFormat",
    "BatchResult",
    "CsvStyle",
    "Row",
    "RowAdvisor",
    "format_of",
    "neutralise",
    "read_rows",
    "run",
]


@dataclass(frozen=True)
class BatchResult:
    advised: int
    failed: int
    bugs: int  # rows that failed on an error of ours, not of the input
    seconds: float

    @property
    def exit_code(self) -> int:
        if self.bugs:
            return EXIT_BUG
        if not self.advised:
            return EXIT_BAD_INPUT
        return EXIT_PARTIAL if self.failed else 0


def _stderr(message: str) -> None:
    print(printable(message), file=sys.stderr)


def run(
    input_path: str,
    output: str = "-",
    *,
    kb: KnowledgeBase | None = None,
    lang: Lang = "en",
    input_format: str | None = None,
    output_format: str | None = None,
    top: int | None = None,
    explain: bool = False,
    errors: str | None = None,
    progress: Callable[[int], None] | None = None,
    say: Callable[[str], None] = _stderr,
) -> BatchResult:
    """Advise every row of input_path into output; bad rows are reported through `say`
    (and to `errors` as JSON Lines) and skipped. Raises PartnerAdvisorError for what stops
    the whole batch (an input that cannot be read, an output that cannot be written) and
    Interrupted for Ctrl-C or SIGTERM, leaving an earlier output as it was."""
    from ..engine import advisor_for
    from ..kb.loader import load_knowledge_base

    in_fmt = format_of(input_path, input_format, output=False)
    out_fmt = format_of(output, output_format, output=True)
    if explain and out_fmt is not BatchFormat.JSONL:
        raise PartnerAdvisorError(
            "--explain adds each row's contributions, robustness and combination, which only "
            "JSON Lines can hold: use -f jsonl"
        )
    named = [("the input", input_path), ("-o", output), ("--errors", errors)]
    for n, (first, a) in enumerate(named):
        for second, b in named[n + 1 :]:
            if a is not None and b is not None and "-" not in (a, b) and same_file(a, b):
                raise PartnerAdvisorError(f"{second} names the same file as {first}: {a}")
    advisor = advisor_for(kb if kb is not None else load_knowledge_base())

    source, close_source = open_input(input_path)
    try:
        out = Output(output)
        try:
            errs = Errors(errors, say)
        except BaseException:
            out.abandon()
            raise
    except BaseException:
        close_source()
        raise
    good = bad = bugs = 0
    started = time.perf_counter()
    kept = "" if output == "-" else f"; {output} was left as it was"
    try:
        csv_style, rows = read_rows(source, in_fmt, input_path)
        row_advisor = RowAdvisor(advisor, lang, out_fmt, top, explain, csv_style)
        write = out.handle.write
        write(row_advisor.header())
        line = row_advisor.line
        for row in rows:
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
                progress(good + bad)
        if good + bad == 0:
            raise InputFileError(f"{input_path} holds no rows to advise")
        if not good:
            out.abandon()  # every row failed: an earlier output is worth more than an empty one
            errs.finish()
            say(f"no row could be advised{kept}")
        else:
            out.finish()
            errs.finish()
    except KeyboardInterrupt:
        out.abandon()
        errs.abandon()
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
        close_source()
    return BatchResult(good, bad, bugs, max(time.perf_counter() - started, 1e-9))
