"""Batch output: one advised row as one line of JSON Lines or of a spreadsheet-safe CSV, or as
the values of a workbook's row."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .._io import BOM
from ..advice import TIERS
from ..engine import Advisor, Scores
from ..kb.model import Lang
from ..render.advice_json import BriefText, advice_to_dict, to_json
from ..render.phrases import ui
from ._rows import BatchFormat, CsvStyle, Row

if TYPE_CHECKING:
    from ..answers import Answers

STATUSES = ("advice", "nothing_fits")

FORMULA_CHARS = frozenset("=+-@")
# advised rows' text kept for rows with the same answers: a survey repeats many; some MiB
MAX_BODIES = 2048


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


Observer = Callable[[Row, "Answers", "Scores"], None]


class RowAdvisor:
    """Turns rows into output: a line of JSON Lines or CSV, or a workbook row's values.

    With names=True the forms, tiers, statuses and column headings are words in the chosen
    language (for a person reading a spreadsheet); else they are the stable ids. A CSV
    delimited by ';' (a Dutch or Belgian spreadsheet's) gets a decimal comma. `observe`, if
    given, sees every advised row (e.g. to count it for the batch's summary)."""

    def __init__(
        self,
        advisor: Advisor,
        lang: Lang,
        fmt: BatchFormat,
        top: int | None,
        explain: bool,
        csv_style: CsvStyle | None = None,
        *,
        names: bool = False,
        observe: Observer | None = None,
    ) -> None:
        csv_style = csv_style or CsvStyle()
        self._settings = (lang, fmt, top, explain, csv_style, names)
        self.advisor = advisor
        self.fmt = fmt
        self.lang = lang
        self.top = top
        self.explain = explain
        self.csv_top = top or 3
        self.csv_style = csv_style
        self.names = names
        self.observe = observe
        kb = advisor.kb
        self._form = {f.id: f.name.get(lang) if names else f.id for f in kb.forms}
        self._tier = {t: ui(f"tier_{t}", lang) if names else t for t in TIERS}
        self._status = {s: ui(f"batch_status_{s}", lang) if names else s for s in STATUSES}
        # by a form's index, a tier's index and whether nothing fits, as the scores give them
        self._form_at = [self._form[f] for f in kb.form_ids]
        self._tier_at = [self._tier[t] for t in TIERS]
        self._status_of = {False: self._status["advice"], True: self._status["nothing_fits"]}
        self._decimal_comma = csv_style.decimal_comma
        self._csv_buffer = _LineBuffer(csv_style.newline)
        # the writer quotes a cell holding a character of its line terminator: with "\r\n" a
        # cell with a lone CR is quoted too (a spreadsheet starts a new row at it); the line
        # itself ends as the input's lines do (see _LineBuffer.take)
        self._csv_writer = csv.writer(
            self._csv_buffer, delimiter=csv_style.delimiter, lineterminator="\r\n"
        )
        self._brief = BriefText(kb, lang, top)
        # the advice's text and its scores, by the answers they depend on
        self._bodies: dict[Any, tuple[str, Scores]] = {}
        self.line: Callable[[Row], Any] = {
            BatchFormat.CSV: self._csv_line,
            BatchFormat.XLSX: self._sheet_row,
        }.get(fmt, self._json_line)

    def settings(self) -> tuple[Any, ...]:
        """What another process needs to make the same RowAdvisor (without an observer):
        the knowledge base and the arguments."""
        return (self.advisor.kb, *self._settings)

    def columns(self) -> list[str]:
        """The column headings of a CSV or a workbook's advice sheet."""
        if not self.names:
            columns = ["id", "company", "status"]
            for n in range(1, self.csv_top + 1):
                columns += [f"form_{n}", f"score_{n}", f"tier_{n}"]
            return columns
        lang = self.lang
        columns = [ui(f"batch_heading_{c}", lang) for c in ("id", "company", "status")]
        for n in range(1, self.csv_top + 1):
            columns += [ui(f"batch_heading_{c}", lang, n=n) for c in ("form", "score", "tier")]
        return columns

    def column_kinds(self) -> list[str]:
        return ["id", "company", "status"] + ["form", "score", "tier"] * self.csv_top

    def header(self) -> str:
        """What a text output starts with: for CSV, the column names (after a byte-order mark
        when the input had one, so that a spreadsheet reads the text as UTF-8 too)."""
        if self.fmt is not BatchFormat.CSV:
            return ""
        return (BOM if self.csv_style.bom else "") + self._csv_text(self.columns())

    def _json_line(self, row: Row) -> str:
        # the same text as to_json({"id": ..., "company": ..., **advice_to_dict(...)}), the
        # one advice JSON: the advice's part is kept per answers (all but the company's name,
        # which it does not depend on) and only the id and the company are written per row
        advisor = self.advisor
        answers = advisor.parse(row.document)
        key = advisor.key(answers)
        found = self._bodies.get(key)
        if found is None:
            found = self._body(answers)
            if len(self._bodies) >= MAX_BODIES:
                self._bodies.clear()
            self._bodies[key] = found
        body, scored = found
        if self.observe is not None:  # it sees every row, also one written from the cache
            self.observe(row, answers, scored)
        return f'{{"id": {to_json(row.id)}, "company": {to_json(answers.company)}, {body}\n'

    def _body(self, answers: Answers) -> tuple[str, Scores]:
        """The advice's text after its opening brace, and the scores it was written from."""
        advisor = self.advisor
        scored = advisor.scores(answers)
        if not self.explain:
            return self._brief.body(scored), scored
        advice = advisor.dress(scored, answers, explain=True)
        return to_json(advice_to_dict(advice, advisor.kb, self.lang, top=self.top))[1:], scored

    def _cells(self, row: Row, score: Callable[[float], Any]) -> list[Any]:
        advisor = self.advisor
        answers = advisor.parse(row.document)
        # the scores are all a spreadsheet row shows (and a summary counts)
        scored = advisor.scores(answers)
        if self.observe is not None:
            self.observe(row, answers, scored)
        cells: list[Any] = [row.id, answers.company or "", self._status_of[scored.nothing_fits]]
        order, cents, tiers = scored.order, scored.cents, scored.situation.tiers
        form, tier = self._form_at, self._tier_at
        for n in range(self.csv_top):
            if n < len(order):
                i = order[n]
                cells += [form[i], score(cents[i] / 100), tier[tiers[i]]]
            else:
                cells += ["", None, ""]
        return cells

    def _csv_line(self, row: Row) -> str:
        cells = self._cells(row, self._score_text)
        return self._csv_text("" if c is None else c for c in cells)

    def _score_text(self, score: float) -> str:
        text = f"{score:.2f}"
        return text.replace(".", ",") if self._decimal_comma else text

    def _sheet_row(self, row: Row) -> list[Any]:
        return self._cells(row, float)

    def _csv_text(self, cells: Iterable[str]) -> str:
        self._csv_writer.writerow([neutralise(c) for c in cells])
        return self._csv_buffer.take()


class _LineBuffer:
    """Where the csv writer writes one line, to be taken before the next."""

    def __init__(self, newline: str = "\n") -> None:
        self.text = ""
        self.newline = newline

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def take(self) -> str:
        text, self.text = self.text, ""
        return text if self.newline == "\r\n" else text.removesuffix("\r\n") + self.newline
