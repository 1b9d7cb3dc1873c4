"""Text cells that a spreadsheet must never run: the one rule every writer of .xlsx and .csv
follows (the OWASP CSV-injection rule).

Names, notes and messages come from the documents, so a project called
``=HYPERLINK("http://…","点击")`` or ``=cmd|' /C calc'!A0`` must reach the reader as those
characters, not as a live formula.  A text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is therefore:

* in .xlsx, stored as a string cell with Excel's quote prefix (shown unchanged, and it stays
  text when a user edits the cell and presses Enter);
* in .csv, written with a leading apostrophe, the only marker a CSV has.

Numbers are numbers (a -5 written as a number is not text and is left alone).
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    """A text a spreadsheet would read as a formula (or that hides one behind a tab/CR)."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_value(value: Any) -> Any:
    """A value for ``csv.writer``: risky text gets a leading apostrophe, the rest is unchanged."""
    return "'" + value if is_risky(value) else value


def csv_row(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [csv_value(v) for v in values]


def openpyxl_row(ws: Any, values: list[Any] | tuple[Any, ...]) -> None:
    """``ws.append(values)`` with every text stored as text: openpyxl turns a string beginning
    with ``=`` into a formula, so risky strings are set back to string cells with the quote
    prefix."""
    ws.append(list(values))
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if is_risky(value):
            cell = ws.cell(row=row, column=column)
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsxwriter_text(ws: Any, row: int, column: int, value: str, fmt: Any, quoted: Any) -> None:
    """Write a text with XlsxWriter as a string cell; ``quoted`` is ``fmt`` with
    ``quote_prefix`` set, used for risky text."""
    ws.write_string(row, column, value, quoted if is_risky(value) else fmt)
