"""Batch input: the formats, and readers that yield one row at a time (its number as the
input shows it, its id, its answers document or why it could not be read)."""

from __future__ import annotations

import csv
import enum
import itertools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from .._io import BOM, MAX_DEPTH, check_tree, parse_document
from .._text import bounded_int, excerpt, has_surrogates, whole_number
from ..errors import PartnerAdvisorError

GOAL_PREFIX = "goal."
dumps = json.JSONEncoder(ensure_ascii=False).encode
FORMULA_CHARS = frozenset("=+-@")
CSV_DELIMITERS = (",", ";", "\t")  # the first wins a tie


class BatchFormat(str, enum.Enum):
    CSV = "csv"
    JSONL = "jsonl"
    YAML = "yaml"  # a YAML or JSON list of answers objects (read whole: not streamed)


INPUT_EXTENSIONS = {
    ".csv": BatchFormat.CSV,
    ".jsonl": BatchFormat.JSONL,
    ".ndjson": BatchFormat.JSONL,
    ".yaml": BatchFormat.YAML,
    ".yml": BatchFormat.YAML,
    ".json": BatchFormat.YAML,
}
OUTPUT_FORMATS = (BatchFormat.JSONL, BatchFormat.CSV)


def format_of(path: str, requested: str | None, *, output: bool) -> BatchFormat:
    allowed = OUTPUT_FORMATS if output else tuple(BatchFormat)
    names = ", ".join(f.value for f in allowed)
    if requested:
        try:
            fmt = BatchFormat(requested)
        except ValueError:
            fmt = None
        if fmt is None or fmt not in allowed:
            raise PartnerAdvisorError(f"unknown batch format {excerpt(requested)} (use {names})")
        return fmt
    if path == "-":
        return BatchFormat.JSONL
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    fmt = INPUT_EXTENSIONS.get(suffix)
    if fmt is None or fmt not in allowed:
        kind = "output" if output else "input"
        raise PartnerAdvisorError(
            f"cannot tell the {kind} format of {excerpt(path)} from its extension (use --"
            f"{'format' if output else 'input-format'} {names.replace(', ', '|')})"
        )
    return fmt


class Row(NamedTuple):
    """One input row: its answers document, or why it could not be read."""

    number: int  # 1-based, data rows only
    id: str
    document: Any = None
    error: str | None = None


NOT_UTF8 = "the row holds bytes that are not UTF-8 text"
MAX_LINE_CHARS = 1 << 20  # a JSON Lines row; a CSV field has the csv module's 128 KiB


def _row_id(value: Any, number: int) -> str:
    """The row's id as given (its text was checked as the row was read), else its number."""
    if type(value) is str and value:
        return value
    if value in (None, ""):
        return str(number)
    if isinstance(value, (int, float)):
        return str(value)
    raise PartnerAdvisorError(f"the id must be text or a number, not {excerpt(value)}")


def _row(number: int, document: Any) -> Row:
    """A row from a parsed document, its id taken out of it (the row number if it has none)."""
    if not isinstance(document, dict):
        return Row(number, str(number), document)
    try:
        row_id = _row_id(document.pop("id", None), number)
    except PartnerAdvisorError as exc:
        return Row(number, str(number), error=str(exc))
    return Row(number, row_id, document)


@dataclass(frozen=True)
class CsvStyle:
    """A CSV's delimiter and whether it starts with a byte-order mark. Excel's "CSV UTF-8"
    starts with one, and a spreadsheet in a Dutch or Belgian locale separates with ';'."""

    delimiter: str = ","
    bom: bool = False

    @classmethod
    def of_header(cls, line: str) -> CsvStyle:
        text = line.removeprefix(BOM)
        return cls(max(CSV_DELIMITERS, key=text.count), line.startswith(BOM))


def read_csv(stream: IO[str]) -> tuple[CsvStyle, Iterator[Row]]:
    """The input's style (read off its header line, so output can match it) and its rows."""
    header = stream.readline(MAX_LINE_CHARS)
    if has_surrogates(header):
        raise PartnerAdvisorError(
            "the header line is not UTF-8 text (from a spreadsheet, save it as 'CSV UTF-8')"
        )
    style = CsvStyle.of_header(header)
    lines = itertools.chain([header.removeprefix(BOM)], stream)
    reader = csv.DictReader(lines, delimiter=style.delimiter)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise PartnerAdvisorError(f"the header line is not valid CSV ({exc})") from None
    twice = [c for c, n in Counter(columns).items() if n > 1]
    if twice:
        raise PartnerAdvisorError(
            f"the column {excerpt(twice[0])} appears {Counter(columns)[twice[0]]} times in "
            "the header: which one holds the answer?"
        )
    return style, _csv_rows(reader)


_importance = whole_number


def _csv_rows(reader: csv.DictReader[str]) -> Iterator[Row]:
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field over the size limit: that row only
            number += 1
            yield Row(number, str(number), error=f"the row is not valid CSV ({exc})")
            continue
        number += 1
        yield _csv_row(number, record)


def _csv_row(number: int, record: dict[str | None, Any]) -> Row:
    raw_id = record.get("id") or ""
    row_id = str(number) if not raw_id or has_surrogates(raw_id) else raw_id
    document: dict[str, Any] = {}
    goals: dict[str, Any] = {}
    error = None
    for key, value in record.items():
        if key is None:
            error = "the row has more cells than the header has columns"
            continue
        value = (value or "").strip()
        if has_surrogates(value):
            return Row(
                number, row_id, error=f"{NOT_UTF8} (from a spreadsheet, save it as 'CSV UTF-8')"
            )
        if key == "id" or not value:
            continue
        if key.startswith(GOAL_PREFIX):
            importance = _importance(value)
            if importance is None:
                error = (
                    f"column {excerpt(key)} must hold a whole number from 1 to 5, "
                    f"not {excerpt(value)}"
                )
                continue
            goals[key[len(GOAL_PREFIX) :]] = importance
        else:
            document[key] = value
    if goals:
        document["goals"] = goals
    return Row(number, row_id, document, error)


def _lines(stream: IO[str]) -> Iterator[str | None]:
    """The stream's lines; None for a line longer than MAX_LINE_CHARS (skipped to its end)."""
    while True:
        line = stream.readline(MAX_LINE_CHARS)
        if not line:
            return
        if len(line) == MAX_LINE_CHARS and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = stream.readline(MAX_LINE_CHARS)
            yield None
        else:
            yield line


def read_jsonl(stream: IO[str]) -> Iterator[Row]:
    number = 0
    first = True
    for line in _lines(stream):
        if first and line is not None:
            line = line.removeprefix(BOM)
        first = False
        if line is not None and not line.strip():
            continue
        number += 1
        if line is None:
            yield Row(number, str(number), error=f"the row is over {MAX_LINE_CHARS:,} characters")
            continue
        if not line.isascii() and has_surrogates(line):
            yield Row(number, str(number), error=NOT_UTF8)
            continue
        try:
            document = json.loads(line, parse_int=bounded_int)
        except json.JSONDecodeError as exc:
            yield Row(number, str(number), error=f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield Row(number, str(number), error=f"nested more than {MAX_DEPTH} levels deep")
            continue
        # only a line that could nest too deeply or escape half a character is walked
        if "\\u" in line or line.count("{") + line.count("[") > MAX_DEPTH:
            try:
                check_tree(document, "the row")
            except PartnerAdvisorError as exc:
                yield Row(number, str(number), error=str(exc))
                continue
        yield _row(number, document)


def read_list(stream: IO[str], name: str) -> Iterator[Row]:
    data = parse_document(stream.read(), name)
    if not isinstance(data, list):
        raise PartnerAdvisorError(f"{name} must hold a list of answers objects")
    for number, document in enumerate(data, start=1):
        # a copy: the id is taken out, and YAML aliases can give two rows the same mapping
        yield _row(number, dict(document) if isinstance(document, dict) else document)


def read_rows(stream: IO[str], fmt: BatchFormat, name: str) -> tuple[CsvStyle, Iterator[Row]]:
    """The rows of an input, and the CSV style to write in: the input's own, if it is a CSV."""
    if fmt is BatchFormat.CSV:
        return read_csv(stream)
    if fmt is BatchFormat.JSONL:
        return CsvStyle(), read_jsonl(stream)
    return CsvStyle(), read_list(stream, name)
