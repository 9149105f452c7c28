"""Batch output: one advised row as one line, in JSON Lines or in a spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable, Iterable

from .._io import BOM
from ..engine import Advisor
from ..kb.model import Lang
from ..render.advice_json import advice_to_dict, to_json
from ._rows import BatchFormat, CsvStyle, Row

FORMULA_CHARS = frozenset("=+-@")


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
        csv_style: CsvStyle | None = None,
    ) -> None:
        csv_style = csv_style or CsvStyle()
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
        return to_json({"id": row.id, "company": answers.company, **body}) + "\n"

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
