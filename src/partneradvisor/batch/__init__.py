"""Advice for many companies, streamed: rows are read, advised and written one at a time.

`run()` is the whole batch, callable from Python as the CLI calls it:

    from partneradvisor import batch
    result = batch.run("members.csv", "advice.csv", lang="nl")
    result.advised, result.failed

A row can only fail itself: whatever goes wrong with one row is reported as that row's
error and the batch goes on. A mistake that would fail every row (an unknown column, or an
unknown key in the first JSON or YAML row) stops the batch before anything is written; a
JSON list, read item by item, that breaks halfway stops it there. The output is written
whole or not at all (a device or - is written directly), so a stopped or interrupted batch
leaves an earlier output as it was; with partial=True an interrupted one keeps what was
written.
"""

from __future__ import annotations

import gc
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._io import os_problem, same_file
from .._text import excerpt, printable
from ..errors import (
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_PARTIAL,
    AnswersError,
    InputFileError,
    Interrupted,
    OutputError,
    PartnerAdvisorError,
    in_words,
)
from ..render.phrases import number, ui
from ._columns import Terms, Texts, Vocabulary
from ._files import Errors, Output, WorkbookOutput, open_input
from ._interrupt import RowBoundary
from ._lines import RowAdvisor, neutralise
from ._rows import BatchFormat, CsvStyle, Row, format_of, read_rows
from ._summary import BatchSummary, Tally

if TYPE_CHECKING:
    from ..engine import Advisor
    from ..kb.model import KnowledgeBase, Lang

__all__ = [
    "BatchFormat",
    "BatchResult",
    "BatchSummary",
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
    summary: BatchSummary | None = None  # with summary=FILE

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
    names: str | None = None,
    partial: bool = False,
    summary: str | None = None,
    progress: Callable[[int], None] | None = None,
    say: Callable[[str], None] = _stderr,
    jobs: int = 1,
) -> BatchResult:
    """Advise every row of input_path into output; bad rows are reported through `say`
    (and to `errors` as JSON Lines, and to a workbook's errors sheet) and skipped.

    names: "ids" or "names" (forms, tiers and statuses as words in `lang`; the default for a
    workbook) for CSV and Excel output. summary: a file (.html, .md or .json) for the
    batch's summary. partial: on Ctrl-C or SIGTERM, keep the rows written so far. jobs:
    worker processes advising chunks of rows (the output is the same; with a summary the
    rows are advised in this process).

    Raises PartnerAdvisorError for what stops the whole batch (an unknown column, an input
    that cannot be read, an output that cannot be written) before anything is written, and
    Interrupted for Ctrl-C or SIGTERM, leaving an earlier output as it was."""
    from ..engine import advisor_for
    from ..kb.loader import load_knowledge_base

    t = Texts(lang)
    in_fmt = format_of(input_path, input_format, t, output=False)
    out_fmt = format_of(output, output_format, t, output=True)
    if explain and out_fmt is not BatchFormat.JSONL:
        raise PartnerAdvisorError(t("explain_needs_jsonl"))
    with_names = _with_names(names, out_fmt, t)
    summary_fmt = None
    if summary is not None:
        from ..render.summary import summary_format

        summary_fmt = summary_format(summary, lang)
    named = [(t("the_input"), input_path), ("-o", output), ("--errors", errors)]
    named.append(("--summary", summary))
    for n, (first, a) in enumerate(named):
        for second, b in named[n + 1 :]:
            if a is not None and b is not None and "-" not in (a, b) and same_file(a, b):
                raise PartnerAdvisorError(t("same_file", second=second, first=first, path=a))
    advisor = advisor_for(kb if kb is not None else load_knowledge_base())
    vocabulary = Vocabulary(advisor.kb)

    source, close_source = open_input(input_path, binary=in_fmt is BatchFormat.XLSX)
    try:
        # the header (or the first row's keys) is checked before any output is opened
        shown = t("stdin") if input_path == "-" else input_path  # the input, as messages name it
        given = read_rows(source, in_fmt, shown, vocabulary, t)
        tally = Tally(advisor.kb) if summary is not None else None
        row_advisor = RowAdvisor(
            advisor,
            lang,
            out_fmt,
            top,
            explain,
            given.style,
            names=with_names,
            observe=tally.add if tally is not None else None,
        )
        out = _output(output, out_fmt, row_advisor, t)
        try:
            errs = Errors(errors, say, t)
        except BaseException:
            out.abandon()
            raise
    except BaseException:
        close_source()
        raise
    good = bad = bugs = 0
    started = time.perf_counter()
    kept = "" if output == "-" else t("kept", output=output)
    # what is loaded lives as long as the batch: the collector need not scan it for each
    # row's garbage (a caller that froze objects itself keeps them frozen)
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        with RowBoundary() as boundary:  # Ctrl-C waits for the row being written
            out.start(row_advisor.header())
            write = out.write
            # more workers than cores only compete for them (and each costs a process); the
            # summary counts advice in this process
            jobs = min(jobs, os.cpu_count() or 1)
            advised = (
                _parallel(given.rows, jobs, row_advisor, given.terms, t)
                if jobs > 1 and tally is None
                else zip(given.rows, itertools.repeat(None))
            )
            for row, done in advised:
                boundary.busy = True
                text, message, bug = done or _outcome(row, row_advisor, given.terms, t)
                if message is None:
                    write(text)
                    good += 1
                else:
                    bad += 1
                    bugs += bug
                    errs.report(row, message)
                    out.error(row, message)
                boundary.row_done()
                if progress and (good + bad) % 1000 == 0:
                    progress(good + bad)
        if good + bad == 0:
            raise InputFileError(t("no_rows", name=shown))
        if not good:
            out.abandon()  # every row failed: an earlier output is worth more than an empty one
            errs.finish()
            say(t("none_advised", kept=kept))
        else:
            out.finish()
            errs.finish()
    except KeyboardInterrupt:
        if partial and good and output != "-":
            _keep(out, errs)
            _result(good, bad, bugs, started, tally, summary, summary_fmt, advisor, lang)
            raise Interrupted(
                t(
                    "interrupted_partial",
                    rows=number(good + bad, lang),
                    output=output,
                    advised=number(good, lang),
                )
            ) from None
        out.abandon()
        errs.abandon()
        raise Interrupted(t("interrupted", rows=number(good + bad, lang), kept=kept)) from None
    except BrokenPipeError:
        errs.finish()  # the reader of stdout went away (`| head`): not a failure
        raise
    except OSError as exc:  # e.g. a full disk: files other than the output name themselves
        out.abandon()
        errs.abandon()
        where = t("stdout") if output == "-" else output
        problem = in_words(os_problem(exc), lang)
        raise OutputError(t("cannot_write", where=where, problem=problem)) from None
    except BaseException:
        out.abandon()
        errs.abandon()
        raise
    finally:
        if not frozen_before:
            gc.unfreeze()
        close_source()
    return _result(good, bad, bugs, started, tally, summary, summary_fmt, advisor, lang)


Outcome = tuple[Any, "str | None", bool]  # the row's output, or why it failed, and if a bug


def _outcome(row: Row, rows: RowAdvisor, terms: Terms, t: Texts) -> Outcome:
    """A row's output, or why it could not be advised (and whether that is our bug)."""
    try:
        if row.error:
            raise PartnerAdvisorError(row.error)
        return rows.line(row), None, False
    except AnswersError as exc:
        return None, terms.explain(rows.advisor.schema, row.document, exc), False
    except PartnerAdvisorError as exc:
        return None, exc.words(t.lang), False
    except Exception as exc:
        if os.environ.get("PARTNERADVISOR_DEBUG"):
            raise
        problem = f"{type(exc).__name__}: {excerpt(str(exc))}"
        return None, t("internal_error", problem=problem), True


CHUNK_ROWS = 2000  # rows a worker advises at a time: few enough to keep memory flat


def _parallel(
    rows: Iterator[Row], jobs: int, row_advisor: RowAdvisor, terms: Terms, t: Texts
) -> Iterator[tuple[Row, Outcome]]:
    """The rows with their outcomes, advised by `jobs` worker processes in chunks, in the
    input's order; at most two chunks per worker are read ahead."""
    from concurrent.futures import ProcessPoolExecutor

    from . import _workers

    setup = (row_advisor.settings(), terms, t)
    pool = ProcessPoolExecutor(jobs, initializer=_workers.start, initargs=setup)
    try:
        pending: list[tuple[list[Row], Any]] = []
        chunks = iter(lambda: list(itertools.islice(rows, CHUNK_ROWS)), [])
        for chunk in chunks:
            pending.append((chunk, pool.submit(_workers.advise, chunk)))
            if len(pending) < 2 * jobs:
                continue
            chunk, future = pending.pop(0)
            yield from zip(chunk, future.result(), strict=True)
        for chunk, future in pending:
            yield from zip(chunk, future.result(), strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _with_names(names: str | None, fmt: BatchFormat, t: Texts) -> bool:
    """Whether the output names forms in words: --names names, or by default a workbook."""
    if names not in (None, "ids", "names"):
        raise PartnerAdvisorError(t("names_choice", value=excerpt(names)))
    if names == "names" and fmt is BatchFormat.JSONL:
        raise PartnerAdvisorError(t("names_not_jsonl"))
    return names == "names" or (names is None and fmt is BatchFormat.XLSX)


def _output(path: str, fmt: BatchFormat, rows: RowAdvisor, t: Texts) -> Output:
    if fmt is not BatchFormat.XLSX:
        return Output(path)
    from ._xlsx import Workbook

    lang = rows.lang
    workbook = Workbook(
        t("sheet_advice"),
        rows.columns(),
        rows.column_kinds(),
        t("sheet_errors"),
        [ui(f"batch_heading_{c}", lang) for c in ("row", "id", "error")],
    )
    return WorkbookOutput(path, workbook)


def _keep(out: Output, errs: Errors) -> None:
    """With --partial: what was written so far is moved into place."""
    try:
        out.finish()
        errs.finish()
    except BaseException:
        out.abandon()
        errs.abandon()
        raise


def _result(
    good: int,
    bad: int,
    bugs: int,
    started: float,
    tally: Tally | None,
    path: str | None,
    fmt: str | None,
    advisor: Advisor,
    lang: Lang,
) -> BatchResult:
    """The batch's result, once its summary (if asked for, and if any row was advised) is
    written."""
    summary = None
    if tally is not None and path is not None and fmt is not None and good:
        from .._io import write_atomic
        from ..render.summary import render_summary

        summary = tally.result(bad)
        write_atomic(path, render_summary(summary, advisor.kb, lang, fmt))
    return BatchResult(good, bad, bugs, max(time.perf_counter() - started, 1e-9), summary)
