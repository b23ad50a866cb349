"""CSV files people open in a spreadsheet: UTF-8 with a BOM (so Excel reads Hindi names), and no
cell that a spreadsheet would run as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would treat it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unguarded(value: str) -> str:
    """`value` as it was before `spreadsheet_safe`, so a file we wrote reads back unchanged."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# Numbers are written bare, never guarded: a negative change must stay a number. Decimal keeps
# the decimals a figure is shown with ("1.50").
Cell = str | int | float | Decimal


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(
        [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
    )
    return buffer.getvalue().encode("utf-8-sig")


def _safe(cell: Cell) -> Cell:
    return spreadsheet_safe(cell) if isinstance(cell, str) else cell
