"""A spreadsheet (XLSX) whose every cell is text, never a formula, whatever it starts with: for
files people open in Excel or LibreOffice (the framework matrix, the list for finance). The CSV
twin of this is `bridging_gaps.text.spreadsheet_safe`."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font


def text_xlsx(
    rows: Iterable[Sequence[str]], *, sheet_title: str, title: str = "", wrap: bool = False
) -> bytes:
    """The rows as one sheet, the first row bold (its headings)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    alignment = Alignment(wrap_text=True, vertical="top") if wrap else None
    for index, line in enumerate(rows):
        cells = []
        for value in line:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula
            if alignment is not None:
                cell.alignment = alignment
            if index == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
    if title:
        book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
