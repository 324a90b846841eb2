"""Option status in the workbook: a severity per month (0 ok ... 4 cannot serve, core.status order),
its label, and number formats that never print a lower bound or a reference as a plain total.

The formulas follow every rule core.status applies (a price entered or removed, Dedicated capacity,
HSM keys on a software instance, KMS 1.0's lifecycle, quotas and gateway QPS); a finding of a rule
the workbook has no formula for stays as exported, month by month (the "Fixed at export" column).
"""

from __future__ import annotations

from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

from core.status import STATUSES, severity, status_label

LABELS = tuple(status_label(s) for s in STATUSES)
MONEY = "#,##0.00"
LOWER_BOUND = '"≥ "#,##0.00'
REFERENCE = '#,##0.00" (reference)"'
BOTH = '"≥ "#,##0.00" (reference)"'  # a reference that also lacks a price (core.status.figure_text)
NOT_AVAILABLE = '"n/a";"n/a";"n/a"'
KIND_FORMATS = {"lower-bound": LOWER_BOUND, "reference": REFERENCE, "none": NOT_AVAILABLE}
AS_EXPORTED = ("Status recalculates, as the app computes it, from the prices, limits and dates on the Prices "
               "sheet and the inputs: missing prices, Dedicated KMS capacity, HSM keys on a software instance, "
               "KMS 1.0's lifecycle, key quotas and shared-gateway QPS.")


def label_formula(severity_cell: str) -> str:
    """The status label of a severity (0-4) cell."""
    return f"=CHOOSE({severity_cell}+1,{','.join(chr(34) + t + chr(34) for t in LABELS)})"


def fixed_severities(option, live_statuses: set[str], live_limits: set[str] = frozenset()) -> list[int]:
    """Per month, the worst finding the workbook does not recompute (as exported)."""
    kept = [f for f in getattr(option, "findings", ())
            if f.status not in live_statuses and (f.enter is None or f.enter not in live_limits)]
    return [max([severity(f.status) for f in kept if f.months[m]], default=0) for m in range(option.months)]


def static_format(option, money: str) -> str:
    kind = getattr(option, "figure_kind", "total")
    if kind == "reference" and any(f.status == "incomplete" for f in getattr(option, "findings", ())):
        return BOTH
    return KIND_FORMATS.get(kind, money)


def figure_formats(ws, cells: str, severity_cell: str, total_cell: str, missing_cell: str = "0",
                   bold_when_ok: bool = False) -> None:
    """Conditional number formats following the live severity, as core.status.figure_text prints:
    "≥ 1,234.00" (lower bound), "1,234.00 (reference)", "≥ 1,234.00 (reference)" (a reference that
    also lacks a price), "n/a" (nothing to show), and bold only for a fully priced option."""
    rules = [
        (f"{severity_cell}=0", MONEY, 205),  # fully priced (again, after a price was entered): a plain total
        (f"AND({severity_cell}>=1,N({total_cell})=0)", NOT_AVAILABLE, 201),
        (f"{severity_cell}=1", LOWER_BOUND, 202),
        (f"AND({severity_cell}>=2,{missing_cell}=1)", BOTH, 204),
        (f"{severity_cell}>=2", REFERENCE, 203),
    ]
    for formula, code, number in rules:
        bold = bold_when_ok and number == 205
        dxf = DifferentialStyle(numFmt=NumberFormat(numFmtId=number, formatCode=code), font=Font(bold=bold))
        ws.conditional_formatting.add(cells, Rule(type="expression", dxf=dxf, formula=[formula], stopIfTrue=True))
