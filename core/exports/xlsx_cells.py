"""Small helpers every workbook sheet shares: references, number formats, text that stays text."""

from __future__ import annotations

from copy import copy
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname

MONEY = "#,##0.00"
COUNT = "#,##0"
QUANTITY = "#,##0.####"
RATE = "#,##0.0######"
GROWTH = "0.0###%"  # growth is kept as a fraction: 7.5% typed reads as 0.075
MONTH = "yyyy-mm"
DATE = "yyyy-mm-dd"

TITLE = Font(bold=True, size=14)
BOLD = Font(bold=True)
HEADER = Font(bold=True)
MUTED = Font(italic=True, color="666666")
HELPER_HEADER = Font(bold=True, color="666666")
WARN = Font(bold=True, color="B00020")
HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
HELPER_FILL = PatternFill("solid", fgColor="EEEEEE")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
MISSING_FILL = PatternFill("solid", fgColor="FFD7D7")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def col(index: int) -> str:
    """Column letter of a 1-based column index."""
    return get_column_letter(index)


def ref(sheet: str, column: int | str, row: int) -> str:
    """Absolute reference to one cell of another sheet: 'Sheet name'!$C$5."""
    letter = column if isinstance(column, str) else col(column)
    return f"{quote_sheetname(sheet)}!${letter}${row}"


def span(sheet: str, column: int | str, first: int, last: int) -> str:
    """Absolute reference to a column range of another sheet: Sheet!$C$5:$C$20."""
    letter = column if isinstance(column, str) else col(column)
    return f"{quote_sheetname(sheet)}!${letter}${first}:${letter}${last}"


def _styled(cell, number_format: str | None, font, quote: bool = False, fill=None, protection=None,
            alignment=None):
    """Apply a (number format, font, quote prefix, fill, protection, alignment) style, built once per
    workbook and then copied.

    Setting style attributes cell by cell costs as much as writing the cell; copying the built
    style array (as openpyxl's own worksheet copier does) keeps the export near plain-write speed.
    """
    if number_format is None and font is None and not quote and fill is None and protection is None \
            and alignment is None:
        return cell
    cache = cell.parent.parent.__dict__.setdefault("_kms_style_cache", {})
    key = (number_format, id(font), quote, id(fill), id(protection), id(alignment))
    style = cache.get(key)
    if style is None:
        if number_format:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        if quote:
            cell.quotePrefix = True
        if fill is not None:
            cell.fill = fill
        if protection is not None:
            cell.protection = protection
        if alignment is not None:
            cell.alignment = alignment
        # keep the objects alive so their ids stay unique
        cache[key] = (copy(cell._style), (font, fill, protection, alignment))
    else:
        cell._style = copy(style[0])
    return cell


def printable(text: str) -> str:
    """Text an xlsx cell can hold: control characters (which XML forbids) become their visible
    Unicode pictures (U+2400 block), so a name typed with a stray control character still exports."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: chr(0x2400 + ord(m.group())), text)


def put_text(ws, row: int, column: int, text: str, font=None, *, fill=None, protection=None, alignment=None):
    """A text cell that never turns into a formula, even if it starts with '='."""
    text = printable(text)
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    return _styled(cell, None, font, text.startswith("="), fill, protection, alignment)


def put(ws, row: int, column: int, value, number_format: str | None = None, font=None, *, fill=None,
        protection=None, alignment=None):
    """A number, date or formula cell (formulas are strings starting with '=')."""
    if isinstance(value, Decimal):
        value = _number(value)
    return _styled(ws.cell(row=row, column=column, value=value), number_format, font, False, fill, protection,
                   alignment)


def style(cell, number_format: str | None = None, *, fill=None, protection=None, alignment=None):
    """Style an existing (or empty) cell through the same per-workbook style cache (its quote prefix,
    which keeps a text starting with "=" from turning into a formula when edited, is kept)."""
    return _styled(cell, number_format, None, bool(cell.quotePrefix), fill, protection, alignment)


def _number(value: Decimal) -> int | float | Decimal:
    """Integers stay exact integers; other amounts are written from their exact decimal text."""
    if value == value.to_integral_value():
        return int(value)
    return value


def header_row(ws, row: int, first_column: int, titles, font=HEADER, fill=HEADER_FILL, height: float = 45) -> None:
    """Bold, shaded, wrapped column titles on a row tall enough for three lines."""
    if titles:
        ws.row_dimensions[row].height = max(height, ws.row_dimensions[row].height or 0)
    for offset, title in enumerate(titles):
        cell = put_text(ws, row, first_column + offset, title, font)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def widths(ws, sizes: dict[int, float]) -> None:
    for index, size in sizes.items():
        ws.column_dimensions[col(index)].width = size


def thick_bottom(colour: str) -> Border:
    return Border(bottom=Side(style="thick", color=colour.lstrip("#").upper()))


def print_fit_width(ws, plan_name: str = "", exported: str = "", landscape: bool = True) -> None:
    """A4, one page wide (as many pages tall as needed); plan, export date and page numbers in the
    header and footer (the repeated header rows are set by each sheet)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    safe = printable(plan_name).replace("&", "&&")[:120]
    ws.oddHeader.left.text = safe
    ws.oddHeader.right.text = f"Exported {exported}" if exported else ""
    ws.oddFooter.left.text = "&A"  # the sheet's name
    ws.oddFooter.right.text = "Page &P of &N"
    ws.evenHeader.left.text, ws.evenHeader.right.text = ws.oddHeader.left.text, ws.oddHeader.right.text
    ws.evenFooter.left.text, ws.evenFooter.right.text = ws.oddFooter.left.text, ws.oddFooter.right.text
