"""Advice for many companies, streamed: rows are read, advised and written one at a time.

`run()` is the whole batch, callable from Python as the CLI calls it:

    from partneradvisor import batch
    result = batch.run("members.csv", "advice.csv", lang="nl")
    result.advised, result.failed

A row can only fail itself: whatever goes wrong with one row is reported as that row's
error and the batch goes on. A mistake that would fail every row (an unknown column, or an
unknown key in the first JSON or YAML row) stops the batch before anything is written. The
output is written whole or not at all (a device or - is written directly), so an interrupted
batch leaves an earlier output as it was; with partial=True it keeps what was written.
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
    AnswersError,
    InputFileError,
    Interrupted,
    OutputError,
    PartnerAdvisorError,
)
from ..render.phrases import number, ui
from ._columns import Texts, Vocabulary
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
) -> BatchResult:
    """Advise every row of input_path into output; bad rows are reported through `say`
    (and to `errors` as JSON Lines, and to a workbook's errors sheet) and skipped.

    names: "ids" or "names" (forms, tiers and statuses as words in `lang`; the default for a
    workbook) for CSV and Excel output. summary: a file (.html, .md or .json) for the
    batch's summary. partial: on Ctrl-C or SIGTERM, keep the rows written so far.

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
        given = read_rows(source, in_fmt, input_path, vocabulary, t)
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
    schema, terms = advisor.schema, given.terms
    try:
        with RowBoundary() as boundary:  # Ctrl-C waits for the row being written
            out.start(row_advisor.header())
            write, line = out.write, row_advisor.line
            for row in given.rows:
                boundary.busy = True
                try:
                    if row.error:
                        raise PartnerAdvisorError(row.error)
                    text = line(row)
                except AnswersError as exc:
                    bad += 1
                    message = terms.explain(schema, row.document, exc)
                    errs.report(row, message)
                    out.error(row, message)
                except PartnerAdvisorError as exc:
                    bad += 1
                    errs.report(row, str(exc))
                    out.error(row, str(exc))
                except Exception as exc:
                    if os.environ.get("PARTNERADVISOR_DEBUG"):
                        raise
                    bad += 1
                    bugs += 1
                    problem = f"{type(exc).__name__}: {excerpt(str(exc))}"
                    message = t("internal_error", problem=problem)
                    errs.report(row, message)
                    out.error(row, message)
                else:
                    write(text)
                    good += 1
                boundary.row_done()
                if progress and (good + bad) % 1000 == 0:
                    progress(good + bad)
        if good + bad == 0:
            raise InputFileError(t("no_rows", name=input_path))
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
        raise OutputError(t("cannot_write", where=where, problem=exc.strerror or exc)) from None
    except BaseException:
        out.abandon()
        errs.abandon()
        raise
    finally:
        close_source()
    return _result(good, bad, bugs, started, tally, summary, summary_fmt, advisor, lang)


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
