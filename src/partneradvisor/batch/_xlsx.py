"""Excel workbooks (.xlsx), streamed both ways with openpyxl: read in read-only mode (a row at
a time), written in write-only mode (each sheet goes to a temporary file as it grows), so
that memory stays flat whatever the number of rows. openpyxl is imported only here.

A workbook is a zip of XML files made by anyone: no part other than a worksheet may unpack to
more than MAX_PART (shared strings, styles and the like are read whole), its XML is parsed by
defusedxml (no entities), formulas are read as the values Excel last calculated, and every
text this program writes is a text cell, never a formula."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from .._text import excerpt
from ..errors import InputFileError
from ._columns import Texts
from ._lines import neutralise

MAX_PART = 64 << 20  # bytes, unpacked: a part other than a worksheet
MAX_EXCEL_CELL = 32_767  # characters: what Excel holds in one cell
COLUMN_WIDTHS = {"id": 14, "company": 28, "form": 30, "score": 10, "tier": 18, "error": 80}


def sheet_rows(source: IO[bytes], name: str, t: Texts) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The first sheet's rows, each with its number as the spreadsheet shows it."""
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputFileError(t("not_xlsx", name=name)) from None
    for part in parts:
        if not part.filename.startswith("xl/worksheets/") and part.file_size > MAX_PART:
            raise InputFileError(t("xlsx_part_too_large", name=name, part=excerpt(part.filename)))
    source.seek(0)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a damaged or foreign zip: whatever openpyxl met, one sentence
        raise InputFileError(
            t("xlsx_damaged", name=name, problem=excerpt(str(exc) or type(exc).__name__))
        ) from None
    return _rows(workbook, name, t)


def _rows(workbook: Any, name: str, t: Texts) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # read every row, whatever the file says its size is
        rows = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # the sheet's XML is broken past this row
                problem = excerpt(str(exc) or type(exc).__name__)
                raise InputFileError(
                    t("xlsx_damaged_at", name=name, row=number + 1, problem=problem)
                ) from None
            number += 1
            yield number, values
    finally:
        workbook.close()


class Workbook:
    """An advice sheet and an errors sheet, written row by row, saved by save()."""

    def __init__(
        self,
        advice_title: str,
        advice_header: Sequence[str],
        kinds: Sequence[str],
        errors_title: str,
        errors_header: Sequence[str],
    ) -> None:
        from openpyxl import Workbook as OpenWorkbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._cell_type = WriteOnlyCell
        self._error_codes = frozenset(ERROR_CODES)
        self._illegal = ILLEGAL_CHARACTERS_RE
        self.book = OpenWorkbook(write_only=True)
        self.advice = self.book.create_sheet(advice_title[:31])
        self.errors = self.book.create_sheet(errors_title[:31])
        bold = Font(bold=True)
        for sheet, header, widths in (
            (self.advice, advice_header, kinds),
            (self.errors, errors_header, ("score", "id", "error")),
        ):
            sheet.freeze_panes = "A2"
            for n, kind in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(n)].width = COLUMN_WIDTHS.get(kind, 14)
            cells = []
            for text in header:
                cell = WriteOnlyCell(sheet, value=self._text(text))
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)

    def _text(self, value: str) -> str:
        text: str = self._illegal.sub("", neutralise(value))
        return text[:MAX_EXCEL_CELL]

    def _cells(self, sheet: Any, values: Sequence[Any]) -> list[Any]:
        """Values as cells: numbers as numbers, every text as a text cell. A text is made
        spreadsheet-safe as in a CSV, and one openpyxl would take for a formula or an error
        code (=..., #N/A) is written as a text cell all the same."""
        cells: list[Any] = []
        for value in values:
            if value == "":
                value = None  # an empty cell, not an empty text
            elif type(value) is str:
                value = self._text(value)
                if value[:1] in ("=", "#") and (value[:1] == "=" or value in self._error_codes):
                    cell = self._cell_type(sheet, value=value)
                    cell.data_type = "s"
                    value = cell
            cells.append(value)
        return cells

    def row(self, values: Sequence[Any]) -> None:
        self.advice.append(self._cells(self.advice, values))

    def error(self, values: Sequence[Any]) -> None:
        self.errors.append(self._cells(self.errors, values))

    def save(self, handle: IO[bytes]) -> None:
        self.book.save(handle)

    def discard(self) -> None:
        """Let go of a workbook that will not be saved: each sheet's rows are written to its
        temporary file and the file removed now, while it is open (left to the garbage
        collector, a sheet would write to a closed file, and Python print that)."""
        import contextlib

        for sheet in (self.advice, self.errors):
            with contextlib.suppress(Exception):
                sheet.close()
            writer = getattr(sheet, "_writer", None)
            with contextlib.suppress(Exception):
                if writer is not None:
                    writer.cleanup()
