"""What keeps the workbook honest when a user edits it: validations that stop bad entries,
cells that read numbers typed as text, and sheet protection on what does not recalculate.

Excel and LibreOffice refuse a typed entry a validation stops; a pasted value slips past a
validation, so the formulas also read numbers stored as text (VALUE) and flag what they cannot read.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from core.fields import FIELDS, decimal_text

FIXED_NOTE = "Fixed at export: change this in the app and export again."
UNLOCKED = Protection(locked=False)


def _text(value: Decimal) -> str:
    return decimal_text(value)


def number_check(ws, cells: str, field: str, *, scale: Decimal = Decimal(1), what: str | None = None,
                 allow_blank: bool = True) -> DataValidation:
    """A validation that stops anything but a number within the field's bounds (core.fields)."""
    f = FIELDS[field]
    low = f.minimum * scale if f.minimum is not None else None
    if low is not None and f.min_exclusive:
        low += Decimal("1e-9") * max(scale, Decimal(1))  # "above" the bound: the nearest value kept
    high = f.maximum * scale if f.maximum is not None else None
    kind = "whole" if f.integer else "decimal"
    rule = f.rule()
    if scale != 1 and f.percent:
        rule = rule.replace(" %", "%")
    check = DataValidation(type=kind, operator="between", formula1=_text(low if low is not None else Decimal(-1e15)),
                           formula2=_text(high if high is not None else Decimal(10) ** 15), allow_blank=allow_blank,
                           showErrorMessage=True, errorStyle="stop", errorTitle="Not a valid number",
                           error=f"{what or f.label.capitalize()}: {rule}. Type a number, not text.",
                           showInputMessage=False)
    ws.add_data_validation(check)
    check.add(cells)
    return check


def choice_check(ws, cells: str, choices, what: str, *, allow_blank: bool = True) -> DataValidation:
    """A drop-down list that stops any other entry (a typo is never billed as something else)."""
    formula = choices if isinstance(choices, str) else '"' + ",".join(choices) + '"'
    check = DataValidation(type="list", formula1=formula, allow_blank=allow_blank, showErrorMessage=True,
                           errorStyle="stop", errorTitle="Choose from the list",
                           error=f"{what}: choose one of the values in the drop-down list.")
    ws.add_data_validation(check)
    check.add(cells)
    return check


def first_of_month_check(ws, cell: str) -> DataValidation:
    """The start is a month: only a date on the 1st is accepted."""
    check = DataValidation(type="custom", formula1=f"AND(ISNUMBER({cell}),DAY({cell})=1)", allow_blank=False,
                           showErrorMessage=True, errorStyle="stop", errorTitle="Start month",
                           error="Type the first day of the start month, for example 2027-01-01.")
    ws.add_data_validation(check)
    check.add(cell)
    return check


def protect(ws) -> None:
    """Lock every cell but the unlocked inputs; formatting stays free, inserting or deleting rows does not
    (an inserted row would have no helper formulas and be left out of every total)."""
    ws.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False, formatRows=False,
                                    insertRows=True, deleteRows=True, insertColumns=True, deleteColumns=True,
                                    selectLockedCells=False, selectUnlockedCells=False)


def unlock(cell) -> None:
    cell.protection = UNLOCKED


def read_number(cell: str) -> str:
    """A formula fragment reading `cell` as a number: a number as is, text such as "250" or "7.5%"
    through VALUE, anything unreadable (or empty) as 0 (the row's check says so)."""
    return f"IF(ISNUMBER({cell}),{cell},IFERROR(VALUE(TRIM({cell})),0))"


def readable(cell: str) -> str:
    return f"OR(ISNUMBER({cell}),ISNUMBER(VALUE(TRIM({cell}))))"
