"""Advice for many companies, streamed: rows are read, advised and written one at a time.

Readers yield (row number, id, answers document or error); writers turn one advised row into
one line. Nothing here prints: the CLI reports progress and errors.
"""

from __future__ import annotations

import csv
import enum
import itertools
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from ._io import BOM, MAX_DEPTH, check_tree, parse_document
from ._text import excerpt, has_surrogates
from .engine import Advisor
from .errors import PartnerAdvisorError
from .kb.model import Lang
from .render.advice_json import advice_to_dict

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


def _importance(text: str) -> int | None:
    """A whole number in ASCII digits, else None (int() alone takes '٣' and '1_0', fails on '²')."""
    digits = text.removeprefix("-")
    return int(text) if digits.isascii() and digits.isdigit() else None


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
            document = json.loads(line)
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


def _formula_like(line: str) -> bool:
    """Whether a spreadsheet could take this line of a cell for a formula: it starts with one
    of = + - @ once invisible characters (spaces, zero-width characters, a byte-order mark)
    are skipped and look-alikes (full-width ＝, small ﹢) are folded; or with a tab or CR."""
    if line.startswith(("\t", "\r")):
        return True
    for char in line:
        if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
            continue
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_CHARS
    return False


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is shown as text: a ' goes before its start
    and before every line of it that a spreadsheet could read as a new row's first cell."""
    if cell.isascii() and cell.isprintable():  # one line, no tab: the common case, quickly
        return "'" + cell if cell.lstrip(" ")[:1] in FORMULA_CHARS else cell
    return "".join("'" + line if _formula_like(line) else line for line in cell.splitlines(True))


class RowAdvisor:
    """Turns rows into output lines for one output format."""

    def __init__(
        self,
        advisor: Advisor,
        lang: Lang,
        fmt: BatchFormat,
        top: int | None,
        explain: bool,
        csv_style: CsvStyle = CsvStyle(),
    ) -> None:
        self.advisor = advisor
        self.fmt = fmt
        self.lang = lang
        self.top = top
        self.explain = explain
        self.csv_top = top or 3
        self.csv_style = csv_style
        self._csv_buffer = _LineBuffer()
        # the writer quotes a cell holding a character of its line terminator: with "\r\n" a
        # cell with a lone CR is quoted too (a spreadsheet starts a new row at it); the line
        # itself still ends in "\n" (see _LineBuffer.take)
        self._csv_writer = csv.writer(
            self._csv_buffer, delimiter=csv_style.delimiter, lineterminator="\r\n"
        )
        self.line: Callable[[Row], str] = (
            self._csv_line if fmt is BatchFormat.CSV else self._json_line
        )

    def header(self) -> str:
        """What the output starts with: for CSV, the column names (after a byte-order mark
        when the input had one, so that a spreadsheet reads the text as UTF-8 too)."""
        if self.fmt is not BatchFormat.CSV:
            return ""
        columns = ["id", "company", "status"]
        for n in range(1, self.csv_top + 1):
            columns += [f"form_{n}", f"score_{n}", f"tier_{n}"]
        return (BOM if self.csv_style.bom else "") + self._csv_text(columns)

    def _json_line(self, row: Row) -> str:
        # the same writer as recommend --format json: one advice JSON, whatever the front end
        answers = self.advisor.parse(row.document)
        advice = self.advisor.advise(answers, explain=self.explain)
        body = advice_to_dict(
            advice, self.advisor.kb, self.lang, top=self.top, explain=self.explain
        )
        return dumps({"id": row.id, "company": answers.company, **body}) + "\n"

    def _csv_line(self, row: Row) -> str:
        answers = self.advisor.parse(row.document)
        advice = self.advisor.advise(answers, explain=False)
        cells = [row.id, answers.company or "", advice.status]
        ranked = advice.recommendations
        for n in range(self.csv_top):
            if n < len(ranked):
                item = ranked[n]
                cells += [item.form, f"{item.score:.2f}", item.tier]
            else:
                cells += ["", "", ""]
        return self._csv_text(cells)

    def _csv_text(self, cells: Iterable[str]) -> str:
        self._csv_writer.writerow([neutralise(c) for c in cells])
        return self._csv_buffer.take()


class _LineBuffer:
    """Where the csv writer writes one line, to be taken before the next."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def take(self) -> str:
        text, self.text = self.text, ""
        return text.removesuffix("\r\n") + "\n"
