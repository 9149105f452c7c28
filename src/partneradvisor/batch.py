"""Advice for many companies, streamed: rows are read, advised and written one at a time.

Readers yield (row number, id, answers document or error); writers turn one advised row into
one line. Nothing here prints: the CLI reports progress and errors.
"""

from __future__ import annotations

import csv
import enum
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from ._io import BOM
from .engine import Advisor
from .errors import PartnerAdvisorError
from .model import Lang
from .serialize import advice_to_dict

GOAL_PREFIX = "goal."
dumps = json.JSONEncoder(ensure_ascii=False).encode
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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
            raise PartnerAdvisorError(f"unknown batch format {requested!r} (use {names})")
        return fmt
    if path == "-":
        return BatchFormat.JSONL
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    fmt = INPUT_EXTENSIONS.get(suffix)
    if fmt is None or fmt not in allowed:
        kind = "output" if output else "input"
        raise PartnerAdvisorError(
            f"cannot tell the {kind} format of {path!r} from its extension (use --"
            f"{'format' if output else 'input-format'} {names.replace(', ', '|')})"
        )
    return fmt


class Row(NamedTuple):
    """One input row: its answers document, or why it could not be read."""

    number: int  # 1-based, data rows only
    id: str
    document: Any = None
    error: str | None = None


def _row_id(value: Any, number: int) -> str:
    return str(value) if value not in (None, "") else str(number)


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
    header = stream.readline()
    style = CsvStyle.of_header(header)
    lines = itertools.chain([header.removeprefix(BOM)], stream)
    return style, _csv_rows(csv.DictReader(lines, delimiter=style.delimiter))


def _csv_rows(reader: csv.DictReader[str]) -> Iterator[Row]:
    for number, record in enumerate(reader, start=1):
        row_id = _row_id(record.get("id"), number)
        document: dict[str, Any] = {}
        goals: dict[str, Any] = {}
        error = None
        for key, value in record.items():
            if key is None:
                error = "the row has more cells than the header has columns"
                continue
            value = (value or "").strip()
            if key == "id" or not value:
                continue
            if key.startswith(GOAL_PREFIX):
                if not value.lstrip("-").isdigit():
                    error = f"column {key!r} must hold a whole number from 1 to 5, not {value!r}"
                    continue
                goals[key[len(GOAL_PREFIX) :]] = int(value)
            else:
                document[key] = value
        if goals:
            document["goals"] = goals
        yield Row(number, row_id, document, error)


def read_jsonl(stream: IO[str]) -> Iterator[Row]:
    number = 0
    first = stream.readline().removeprefix(BOM)
    for line in itertools.chain([first], stream):
        if not line.strip():
            continue
        number += 1
        try:
            document = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(number, str(number), error=f"not valid JSON ({exc.msg})")
            continue
        if isinstance(document, dict):
            row_id = _row_id(document.pop("id", None), number)
            yield Row(number, row_id, document)
        else:
            yield Row(number, str(number), document)


def read_list(stream: IO[str], name: str) -> Iterator[Row]:
    from ._io import parse_document

    data = parse_document(stream.read(), name)
    if not isinstance(data, list):
        raise PartnerAdvisorError(f"{name} must hold a list of answers objects")
    for number, document in enumerate(data, start=1):
        if isinstance(document, dict):
            document = dict(document)
            yield Row(number, _row_id(document.pop("id", None), number), document)
        else:
            yield Row(number, str(number), document)


def read_rows(stream: IO[str], fmt: BatchFormat, name: str) -> tuple[CsvStyle, Iterator[Row]]:
    """The rows of an input, and the CSV style to write in: the input's own, if it is a CSV."""
    if fmt is BatchFormat.CSV:
        return read_csv(stream)
    if fmt is BatchFormat.JSONL:
        return CsvStyle(), read_jsonl(stream)
    return CsvStyle(), read_list(stream, name)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed so it shows as text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


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
        self._csv_writer = csv.writer(
            self._csv_buffer, delimiter=csv_style.delimiter, lineterminator="\n"
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
        return text
