"""Batch input: the formats, and readers that yield one row at a time (its number as the
input shows it, its id, its answers document or why it could not be read).

A row's number is what the user sees where the row is: the spreadsheet's row (the header is
row 1, so the first data row is row 2) for CSV and Excel, the line for JSON Lines, the item
for a YAML or JSON list."""

from __future__ import annotations

import csv
import enum
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.scanner import make_scanner
from typing import IO, Any, NamedTuple

from .._io import BOM, MAX_DEPTH, DuplicateKey, UniqueKeys, check_tree, parse_document, unique_keys
from .._text import MAX_DIGITS, LongNumber, bounded_int, excerpt, has_surrogates, whole_number
from ..answers import GOALS_KEY
from ..errors import InputFileError, PartnerAdvisorError, said
from ._columns import GOAL_PREFIX, Column, Kind, Terms, Texts, Vocabulary

__all__ = ["GOAL_PREFIX", "BatchFormat", "CsvStyle", "Input", "Row", "format_of", "read_rows"]

CSV_DELIMITERS = (",", ";", "\t")  # the first wins a tie
MAX_LINE_CHARS = 1 << 20  # a JSON Lines row; a CSV field has the csv module's 128 KiB
MAX_CELL_CHARS = 128 << 10  # an Excel cell, as a CSV field
LIST_PEEK = 4096  # bytes read to see that a JSON file is a list (else it is read whole)
BOM_BYTES = BOM.encode()
# what ijson would read where json.loads refuses the file: an escape of half a character (its
# C backend reads it as '?'), and a control character other than tab, LF and CR, which JSON
# allows nowhere (ijson takes a vertical tab or a form feed between items as white space)
READ_WHOLE = re.compile(rb"\\u[dD][89a-fA-F]|[\x00-\x08\x0b\x0c\x0e-\x1f]")


class BatchFormat(str, enum.Enum):
    CSV = "csv"
    JSONL = "jsonl"
    YAML = "yaml"  # a YAML or JSON list of answers objects (read whole: not streamed)
    XLSX = "xlsx"  # an Excel workbook: its first sheet in, an advice and an errors sheet out


INPUT_EXTENSIONS = {
    ".csv": BatchFormat.CSV,
    ".jsonl": BatchFormat.JSONL,
    ".ndjson": BatchFormat.JSONL,
    ".yaml": BatchFormat.YAML,
    ".yml": BatchFormat.YAML,
    ".json": BatchFormat.YAML,
    ".xlsx": BatchFormat.XLSX,
}
OUTPUT_FORMATS = (BatchFormat.JSONL, BatchFormat.CSV, BatchFormat.XLSX)


def format_of(path: str, requested: str | None, t: Texts, *, output: bool) -> BatchFormat:
    allowed = OUTPUT_FORMATS if output else tuple(BatchFormat)
    names = ", ".join(f.value for f in allowed)
    if requested:
        try:
            fmt = BatchFormat(requested)
        except ValueError:
            fmt = None
        if fmt is None or fmt not in allowed:
            raise PartnerAdvisorError(t("unknown_format", format=excerpt(requested), names=names))
        return fmt
    if path == "-":
        return BatchFormat.JSONL
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    fmt = INPUT_EXTENSIONS.get(suffix)
    if fmt is None or fmt not in allowed:
        option = "--format" if output else "--input-format"
        key = "output_format_unknown" if output else "input_format_unknown"
        if suffix == ".xls":
            key = "old_excel"
        raise PartnerAdvisorError(
            t(key, path=excerpt(path), option=option, names=names.replace(", ", "|"))
        )
    return fmt


class Row(NamedTuple):
    """One input row: its answers document, or why it could not be read."""

    number: int  # as the input shows it: the spreadsheet's row, the line, the list's item
    id: str
    document: Any = None
    error: str | None = None


@dataclass(frozen=True)
class CsvStyle:
    """A CSV's delimiter, whether it starts with a byte-order mark and how its lines end.
    Excel's "CSV UTF-8" starts with a byte-order mark, ends lines with CR LF, and in a Dutch
    or Belgian locale separates with ';' and writes a decimal comma."""

    delimiter: str = ","
    bom: bool = False
    newline: str = "\n"

    @classmethod
    def of_header(cls, line: str) -> CsvStyle:
        text = line.removeprefix(BOM)
        newline = "\r\n" if line.endswith("\r\n") else "\n"
        return cls(max(CSV_DELIMITERS, key=text.count), line.startswith(BOM), newline)

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"


@dataclass
class Input:
    """An input being read: its rows, how it names answers, and the CSV style to answer in."""

    rows: Iterator[Row]
    terms: Terms
    style: CsvStyle


def _row_id(value: Any, number: int, t: Texts) -> str:
    """The row's id as given (its text was checked as the row was read), else its number."""
    if type(value) is str and value:
        return value
    if value in (None, ""):
        return str(number)
    if isinstance(value, LongNumber):  # a member number of many digits, as it was written
        return value.digits
    if isinstance(value, (int, float)):
        return str(value)
    raise PartnerAdvisorError(t("bad_id", value=excerpt(value)))


def _row(number: int, document: Any, t: Texts) -> Row:
    """A row from a parsed document, its id taken out of it (the row number if it has none)."""
    if not isinstance(document, dict):
        return Row(number, str(number), document)
    try:
        row_id = _row_id(document.pop("id", None), number, t)
    except PartnerAdvisorError as exc:
        return Row(number, str(number), error=exc.words(t.lang))
    return Row(number, row_id, document)


# --- spreadsheets: CSV and Excel --------------------------------------------------------------


def _importance(value: str) -> int | str:
    """A whole number in ASCII digits (int() alone takes '٣' and '1_0', fails on '²'); any
    other text goes to the answers' validation as it is, which says what it must be."""
    number = whole_number(value)
    return value if number is None else number


def _typed_importance(value: Any) -> Any:
    """An Excel number as an importance: 5 and 5.0 are 5; 4.5 or TRUE stay what they are."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _typed_text(value: Any) -> Any:
    """An Excel cell as an answer: a number as its text (1001, not 1001.0), a date as ISO
    text; TRUE and FALSE stay booleans, which a yes/no question reads as yes and no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class Cells:
    """Turns a spreadsheet row's cells into an answers document, by the header's columns."""

    def __init__(self, columns: list[Column], width: int, t: Texts) -> None:
        self.t = t
        self.width = width
        self.id_index = next((c.index for c in columns if c.kind is Kind.ID), None)
        self.fields = [(c.index, c.kind is Kind.GOAL, c.key) for c in columns if c.key]
        self.fields = [f for f in self.fields if f[0] != self.id_index]
        self.not_utf8 = t("not_utf8") + t("save_as_utf8")

    def row(self, number: int, cells: Sequence[Any]) -> Row:
        t = self.t
        index = self.id_index
        raw_id = _typed_text(cells[index]) if index is not None and index < len(cells) else None
        if type(raw_id) is str:
            raw_id = raw_id.strip()
            if has_surrogates(raw_id):
                raw_id = None
        try:
            row_id = _row_id(raw_id, number, t)
        except PartnerAdvisorError:
            row_id = str(number)
        document: dict[str, Any] = {}
        goals: dict[str, Any] = {}
        error = None
        if len(cells) > self.width and any(
            c not in (None, "") and not (type(c) is str and not c.strip())
            for c in cells[self.width :]
        ):
            error = t("more_cells")
        for index, is_goal, key in self.fields:
            if index >= len(cells):
                break
            value = cells[index]
            if value is None:
                continue
            if type(value) is str:
                value = value.strip()
                if not value:
                    continue
                if not value.isascii() and has_surrogates(value):
                    return Row(number, row_id, error=self.not_utf8)
                if len(value) > MAX_CELL_CHARS:
                    too_long = t("cell_too_long", chars=f"{MAX_CELL_CHARS:,}")
                    return Row(number, row_id, error=too_long)
                if is_goal:
                    goals[key] = _importance(value)
                else:
                    document[key] = value
            elif is_goal:
                goals[key] = _typed_importance(value)
            else:
                document[key] = _typed_text(value)
        if goals:
            document["goals"] = goals
        return Row(number, row_id, document, error)


def _header_names(cells: Sequence[Any]) -> list[str]:
    return ["" if c is None else _typed_text(c) if not isinstance(c, str) else c for c in cells]


def read_csv(stream: IO[str], vocabulary: Vocabulary, t: Texts) -> Input:
    """The input's style (read off its header line, so output can match it) and its rows,
    once the header's columns are all known."""
    header = stream.readline(MAX_LINE_CHARS)
    if not header.strip():  # an empty file: no rows to advise
        return Input(iter(()), Terms(t, vocabulary, "columns"), CsvStyle())
    if has_surrogates(header):
        raise InputFileError(t("header_not_utf8"))
    style = CsvStyle.of_header(header)
    lines = itertools.chain([header.removeprefix(BOM)], stream)
    reader = csv.reader(lines, delimiter=style.delimiter)
    try:
        names = next(reader, [])
    except csv.Error as exc:
        raise InputFileError(t("header_not_csv", problem=exc)) from None
    columns = vocabulary.columns(names, t)
    cells = Cells(columns, len(names), t)
    return Input(_csv_rows(reader, cells, t), Terms.of_columns(t, vocabulary, columns), style)


def _csv_rows(reader: Iterator[list[str]], cells: Cells, t: Texts) -> Iterator[Row]:
    number = 1  # the header
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field over the size limit: that row only
            number += 1
            yield Row(number, str(number), error=t("not_csv", problem=exc))
            continue
        number += 1
        if record:  # an empty line is no row
            yield cells.row(number, record)


def read_xlsx(source: IO[bytes], name: str, vocabulary: Vocabulary, t: Texts) -> Input:
    from ._xlsx import sheet_rows

    numbered = sheet_rows(source, name, t)
    # the header is the first row that holds anything (a sheet may start with empty rows)
    first = next((r for r in numbered if any(v not in (None, "") for v in r[1])), None)
    if first is None:  # an empty sheet: no rows to advise
        return Input(iter(()), Terms(t, vocabulary, "columns"), CsvStyle())
    names = _header_names(first[1])
    while names and not names[-1].strip():  # formatted but empty columns at the end
        names.pop()
    columns = vocabulary.columns(names, t)
    cells = Cells(columns, len(names), t)

    def rows() -> Iterator[Row]:
        for number, values in numbered:
            if any(v is not None and v != "" for v in values):  # an empty row is no row
                yield cells.row(number, values)

    return Input(rows(), Terms.of_columns(t, vocabulary, columns), CsvStyle())


# --- JSON Lines and lists ---------------------------------------------------------------------


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


# one decoder for every line (json.loads with parse_int= would make one per line)
_decode = json.JSONDecoder(parse_int=bounded_int, object_pairs_hook=unique_keys).decode
# the decoder's C scanner, called directly (decode() adds two regular expressions a line)
_scan_plain: Any = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: mistyped
# every digit as 9 (other bytes as they are): a run of nines this long is a run of digits
# as long as a number that bounded_int reads as infinity
_DIGITS_AS_NINES = bytes.maketrans(b"012345678", b"999999999")
_LONG_NUMBER = b"9" * (MAX_DIGITS + 1)


def _plain_document(line: str) -> Any:
    """The line's answers object as _decode reads it, when the C decoder alone can tell: an
    object with no key twice (a key has one colon: a line with no more colons than the
    object's and its goals' keys repeats none) and no number too long; else None."""
    try:
        document, end = _scan_plain(line, 0)
    except (StopIteration, ValueError, RecursionError):  # said as _decode says it
        return None
    if type(document) is not dict or not (end == len(line) or line[end:].isspace()):
        return None
    goals = document.get(GOALS_KEY)
    keys = len(document) + (len(goals) if type(goals) is dict else 0)
    if line.count(":") != keys or _LONG_NUMBER in line.encode().translate(_DIGITS_AS_NINES):
        return None
    return document


def _json_problem(line: str, exc: json.JSONDecodeError, t: Texts) -> str:
    """What json.loads says is wrong with a line (it names a byte-order mark; the decoder
    alone does not), and where: its message ends in "at" for some problems."""
    try:
        json.loads(line, parse_int=bounded_int)
    except json.JSONDecodeError as loads_exc:
        exc = loads_exc
    column = min(exc.pos, len(line.rstrip("\r\n"))) + 1  # the line's own (not past its end)
    return t("json_at", problem=exc.msg.removesuffix(" at"), column=column)


def read_jsonl(stream: IO[str], t: Texts) -> Iterator[Row]:
    number = 0
    not_utf8 = t("not_utf8")
    for line in _lines(stream):
        number += 1  # blank lines count: the number is the line's
        if number == 1 and line is not None:
            line = line.removeprefix(BOM)
        if line is not None and not line.strip():
            continue
        if line is None:
            yield Row(number, str(number), error=t("line_too_long", chars=f"{MAX_LINE_CHARS:,}"))
            continue
        if not line.isascii() and has_surrogates(line):
            yield Row(number, str(number), error=not_utf8)
            continue
        document = _plain_document(line)
        try:
            if document is None:
                document = _decode(line)
        except json.JSONDecodeError as exc:
            problem = _json_problem(line, exc, t)
            yield Row(number, str(number), error=t("not_json", problem=problem))
            continue
        except DuplicateKey as exc:
            twice = said("error_key_given_twice", key=exc.key).words(t.lang)
            yield Row(number, str(number), error=t("not_json", problem=twice))
            continue
        except RecursionError:
            yield Row(number, str(number), error=t("too_deep", depth=MAX_DEPTH))
            continue
        # only a line that could nest too deeply or escape half a character is walked
        if "\\u" in line or line.count("{") + line.count("[") > MAX_DEPTH:
            try:
                check_tree(document, t("the_row"))
            except PartnerAdvisorError as exc:
                yield Row(number, str(number), error=exc.words(t.lang))
                continue
        yield _row(number, document, t)


def read_list(stream: IO[str], name: str, t: Texts) -> Iterator[Row]:
    if name.endswith(".json") and stream.seekable() and hasattr(stream, "buffer"):
        return _json_list(stream, name, t)
    return _whole_list(stream, name, t, 1)


def _whole_list(stream: IO[str], name: str, t: Texts, start: int) -> Iterator[Row]:
    """A YAML or JSON list read whole, from its item `start` on. PyYAML builds a document
    whole: it has no way to hand out a list's items one by one."""
    data = parse_document(stream.read(), name)
    if not isinstance(data, list):
        raise InputFileError(t("not_a_list", name=name))
    for number, document in enumerate(data[start - 1 :], start=start):
        # a copy: the id is taken out, and YAML aliases can give two rows the same mapping
        yield _row(number, dict(document) if isinstance(document, dict) else document, t)


def _json_list(stream: IO[str], name: str, t: Texts) -> Iterator[Row]:
    """A JSON list file's items one at a time (ijson), so memory stays flat as for JSON
    Lines. Anything ijson refuses (broken JSON, bytes that are not UTF-8, a document that is
    no list, NaN, which json reads) is read again whole as before, so it gets the same
    sentence, or the same rows from where ijson stopped."""
    import ijson

    raw = stream.buffer  # type: ignore[attr-defined]
    head = raw.read(LIST_PEEK)
    if not head.removeprefix(BOM_BYTES).lstrip().startswith(b"["):  # no list: said as before
        raw.seek(0)
        yield from _whole_list(stream, name, t, 1)
        return
    number = 0
    try:
        items = ijson.items(
            _Prefixed(head.removeprefix(BOM_BYTES), raw),
            "item",
            use_float=True,
            map_type=UniqueKeys,
        )
        for document in items:
            number += 1
            try:
                check_tree(document, name)
            except PartnerAdvisorError:
                raise ValueError from None  # the whole document is refused, as before
            yield _row(number, _bounded(document), t)
    except (ijson.JSONError, ValueError, UnicodeDecodeError):
        raw.seek(0)
        yield from _whole_list(stream, name, t, number + 1)


class _Prefixed:
    """A binary stream with the bytes already read from its start put back. It refuses (a
    ValueError) what json.loads reads otherwise than ijson (READ_WHOLE), so that the file is
    read whole and gets json's sentence."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream
        self.tail = b""  # the end of the last chunk: an escape may span two

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        head, self.head = self.head, b""
        chunk = head + self.stream.read(size - len(head) if size > 0 else size)
        if READ_WHOLE.search(self.tail + chunk):
            raise ValueError("read whole")
        self.tail = chunk[-8:]
        return chunk


def _bounded(value: Any) -> Any:
    """An item as json.loads(parse_int=bounded_int) reads it: a number too long to be
    anything a user meant is infinity."""
    if type(value) is int and abs(value) >= 10**MAX_DIGITS:
        return LongNumber(str(value))
    if isinstance(value, dict):  # a plain dict again, as json.loads gives
        if isinstance(value, UniqueKeys) and value.duplicate is not None:
            raise DuplicateKey(value.duplicate)  # read whole, it gets json's sentence
        return {key: _bounded(item) for key, item in value.items()}
    if isinstance(value, list):
        value[:] = [_bounded(item) for item in value]
    return value


def read_rows(
    source: IO[Any], fmt: BatchFormat, name: str, vocabulary: Vocabulary, t: Texts
) -> Input:
    """An input's rows, once its columns (or its first row's keys) are known to be right."""
    if fmt is BatchFormat.CSV:
        return read_csv(source, vocabulary, t)
    if fmt is BatchFormat.XLSX:
        return read_xlsx(source, name, vocabulary, t)
    if fmt is BatchFormat.JSONL:
        rows, syntax = read_jsonl(source, t), "json"
    else:
        rows, syntax = read_list(source, name, t), "json" if name.endswith(".json") else "yaml"
    return Input(vocabulary.check_first_row(rows, t), Terms(t, vocabulary, syntax), CsvStyle())
