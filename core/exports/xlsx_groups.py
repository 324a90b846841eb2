"""The Key groups sheet: the plan's key groups as editable cells, a check per row, helper columns.

Every row of the table, the spare rows included, is covered by the formulas; the sheet is
protected so rows cannot be inserted (they would lack helpers) and cells below the table cannot be
filled (they would be ignored). A row the workbook cannot read is not counted and says why.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string

from core.exports.xlsx_cells import (COUNT, GROWTH, HELPER_FILL, HELPER_HEADER, INPUT_FILL, MUTED, QUANTITY,
                                     TITLE, WARN, col, header_row, put, put_text, style, widths)
from core.exports.xlsx_checks import UNLOCKED, choice_check, number_check, protect, read_number, readable
from core.exports.xlsx_refs import Refs
from core.fields import FIELDS, decimal_text
from core.plan import CREATORS, PROTECTIONS, STATES, Plan

SPARE_ROWS = 40  # empty key-group rows the formulas already cover, to add groups in the workbook
NO_ROTATION = 100_000  # divisor standing for "never rotates" (more days than any plan has)
HEADER = 3
PROBLEM_FILL = "FFD7D7"

# (key, header, number format) for the fields the user edits; "text" for text cells
FIELDS_COLUMNS = (
    ("name", "Key group", "text"),
    ("creator", "Creator (user / service)", "text"),
    ("protection", "Protection (SOFTWARE / HSM)", "text"),
    ("spec", "KeySpec", "text"),
    ("count", "Keys", COUNT),
    ("versions", "Versions per key at start", COUNT),
    ("rotation", "Rotation (days; empty = none)", COUNT),
    ("state", "State", "text"),
    ("calls", "Calls per month (first month)", QUANTITY),
    ("growth", "Calls growth per month (%)", GROWTH),
)
# (key, header) for the helper columns, computed from the fields
HELPERS = (
    ("keys", "Keys (read)"),
    ("vers", "Versions (read)"),
    ("rot", "Rotation days (read)"),
    ("calls_n", "Calls (read)"),
    ("growth_n", "Growth (read, fraction)"),
    ("class", "Key class"),
    ("family", "Key family (shared gateway QPS)"),
    ("billed", "Billed (counted, not pending deletion)"),
    ("hosting", "Billing class (KMS 1.0 hosting)"),
    ("api", "API class (KMS 1.0 calls)"),
    ("user", "User key (needs an instance)"),
    ("hsm", "HSM user key"),
    ("start_versions", "Billed versions at start"),
    ("rotating", "Billed keys that rotate"),
    ("divisor", "Rotation divisor"),
)
TEXT_HELPERS = ("class", "family", "hosting", "api")
SPARE_NUMBER = '#,##0;-#,##0;""'  # a spare row's zeros stay out of sight
DIVISOR = f'[<{NO_ROTATION}]#,##0;"never"'  # the stand-in divisor reads as "never rotates"
# (field key, core.fields name, label in messages, scale from the plan's unit to the cell's)
NUMBERS = (("count", "count", "Keys", 1), ("versions", "versions", "Versions", 1),
           ("rotation", "rotation_days", "Rotation", 1), ("calls", "calls_per_month", "Calls", 1),
           ("growth", "calls_growth_pct", "Growth", Decimal("0.01")))
READ = {"count": "keys", "versions": "vers", "rotation": "rot", "calls": "calls_n", "growth": "growth_n"}


def write_groups(ws, plan: Plan, refs: Refs) -> None:
    put_text(ws, 1, 1, "Key groups", TITLE)
    put_text(ws, 2, 1, f"Edit the shaded cells; fill an empty shaded row to add a key group ({SPARE_ROWS} spare rows). "
                       "A row the workbook cannot read is not counted: its Check cell says why. Growth is a "
                       "percentage (type 7.5%). The sheet is protected so that no row escapes the formulas "
                       "(inserted rows would have no helper cells).", MUTED,
             alignment=Alignment(wrap_text=True, vertical="top"))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(FIELDS_COLUMNS) + 1)
    ws.row_dimensions[2].height = 30
    fields = len(FIELDS_COLUMNS)
    check_col = fields + 1
    header_row(ws, HEADER, 1, [h for _, h, _ in FIELDS_COLUMNS])
    header_row(ws, HEADER, check_col, ["Check (a row with a problem is not counted)"])
    header_row(ws, HEADER, check_col + 1, [h for _, h in HELPERS], font=HELPER_HEADER, fill=HELPER_FILL)
    refs.group_cols = {key: col(i + 1) for i, (key, _, _) in enumerate(FIELDS_COLUMNS)}
    refs.group_cols["check"] = col(check_col)
    refs.group_cols.update({key: col(check_col + 1 + i) for i, (key, _) in enumerate(HELPERS)})
    refs.group_first = HEADER + 1
    refs.group_last = HEADER + len(plan.key_groups) + SPARE_ROWS

    for n, g in enumerate(plan.key_groups):
        row = refs.group_first + n
        values = (g.name, g.creator, g.protection, g.spec, g.count, g.versions, g.rotation_days,
                  g.state, g.calls_per_month, g.calls_growth_pct / 100)
        for i, ((key, _, kind), value) in enumerate(zip(FIELDS_COLUMNS, values)):
            if value is None:
                ws.cell(row=row, column=i + 1)
            elif kind == "text":
                put_text(ws, row, i + 1, value)
            else:
                put(ws, row, i + 1, value, kind)
    first, last = refs.group_first, refs.group_last
    for row in range(first, last + 1):
        for i, (_, _, kind) in enumerate(FIELDS_COLUMNS):
            style(ws.cell(row=row, column=i + 1), None if kind == "text" else kind, fill=INPUT_FILL,
                  protection=UNLOCKED)
        _helpers(ws, row, refs, spare=row >= first + len(plan.key_groups))

    c = refs.group_cols
    for key, choices, what in (("creator", CREATORS, "Creator"), ("protection", PROTECTIONS, "Protection"),
                               ("state", STATES, "State")):
        choice_check(ws, f"{c[key]}{first}:{c[key]}{last}", choices, what)
    choice_check(ws, f"{c['spec']}{first}:{c['spec']}{last}", refs.spec_names, "KeySpec")
    for key, name, what, scale in NUMBERS:
        number_check(ws, f"{c[key]}{first}:{c[key]}{last}", name, scale=Decimal(scale), what=what)
    ws.conditional_formatting.add(f"A{first}:{c['check']}{last}", FormulaRule(
        formula=[f'LEN(${c["check"]}{first})>0'], fill=_fill(PROBLEM_FILL)))
    put_text(ws, last + 1, 1, f"The {SPARE_ROWS} spare rows above are already counted; rows below are not "
                              "(they are locked). Need more? Add the groups in the app and export again.", MUTED)

    protect(ws)
    ws.print_area = f"A1:{c['check']}{last + 1}"  # the fields and their check; helpers are not printed
    ws.freeze_panes = ws.cell(row=first, column=2)
    ws.print_title_rows = f"{HEADER}:{HEADER}"
    widths(ws, {1: 26, 2: 12, 3: 13, 4: 16, 5: 10, 6: 10, 7: 12, 8: 15, 9: 15, 10: 11, 11: 40})
    widths(ws, {check_col + 1 + i: 12 for i in range(len(HELPERS))})


def _fill(colour: str):
    from openpyxl.styles import PatternFill
    return PatternFill("solid", fgColor=colour, bgColor=colour)


def _problems(r: int, refs: Refs) -> str:
    """The row's Check text: every problem, in words; empty for a good or an empty row."""
    c = refs.group_cols
    parts = [
        f'IF(AND({c["creator"]}{r}<>"user",{c["creator"]}{r}<>"service"),"Creator: user or service. ","")',
        f'IF(AND({c["protection"]}{r}<>"SOFTWARE",{c["protection"]}{r}<>"HSM"),"Protection: SOFTWARE or HSM. ","")',
        f'IF({c["class"]}{r}="","KeySpec: one of the Prices sheet\'s key specs. ","")',
        f'IF(AND({c["state"]}{r}<>"Enabled",{c["state"]}{r}<>"Disabled",{c["state"]}{r}<>"PendingDeletion"),'
        f'"State: Enabled, Disabled or PendingDeletion. ","")',
        f'IF({c["count"]}{r}="","Keys: empty. ","")',
    ]
    for key, name, what, scale in NUMBERS:
        f = FIELDS[name]
        cell, value = f"{c[key]}{r}", f"{c[READ[key]]}{r}"
        bad = [f"NOT({readable(cell)})"]
        if f.minimum is not None:
            low = _number_text(f.minimum * Decimal(scale))
            bad.append(f"{value}<={low}" if f.min_exclusive else f"{value}<{low}")
        if f.maximum is not None:
            bad.append(f"{value}>{_number_text(f.maximum * Decimal(scale))}")
        if f.integer:
            bad.append(f"{value}<>INT({value})")
        rule = f.rule() if scale == 1 else f.rule().replace(" %", "%")
        parts.append(f'IF({cell}="","",IF(OR({",".join(bad)}),"{what}: {rule}. ",""))')
    empty = f'COUNTA({c["name"]}{r}:{c["growth"]}{r})=0'
    return f'=IF({empty},"",{"&".join(parts)})'


def _number_text(value: Decimal) -> str:
    return decimal_text(value)


def _helpers(ws, r: int, refs: Refs, spare: bool) -> None:
    """Helper formulas of one key-group row; on a spare row they show nothing until it is filled."""
    c = refs.group_cols
    formulas = {
        "keys": f"={read_number(c['count'] + str(r))}",
        "vers": f"=IF({c['versions']}{r}=\"\",1,{read_number(c['versions'] + str(r))})",  # empty: 1, as in a plan
        "rot": f"={read_number(c['rotation'] + str(r))}",
        "calls_n": f"={read_number(c['calls'] + str(r))}",
        "growth_n": f"={read_number(c['growth'] + str(r))}",
        "class": f'=IFERROR(INDEX({refs.spec_classes},MATCH({c["spec"]}{r},{refs.spec_names},0)),"")',
        "family": f'=IFERROR(INDEX({refs.spec_families},MATCH({c["spec"]}{r},{refs.spec_names},0)),"")',
        "billed": f'=IF(AND({c["check"]}{r}="",{c["keys"]}{r}>0,{c["state"]}{r}<>"PendingDeletion"),1,0)',
        "hosting": (f'=IF({c["billed"]}{r}=0,"",IF({c["creator"]}{r}="service","service",'
                    f'IF({c["protection"]}{r}="SOFTWARE","software","hsm-"&{c["class"]}{r})))'),
        "api": f'=IF({c["billed"]}{r}=0,"",IF({c["creator"]}{r}="service","service",{c["class"]}{r}))',
        "user": f'=IF(AND({c["billed"]}{r}=1,{c["creator"]}{r}="user"),1,0)',
        "hsm": f'=IF(AND({c["user"]}{r}=1,{c["protection"]}{r}="HSM"),1,0)',
        "start_versions": f'={c["billed"]}{r}*{c["keys"]}{r}*{c["vers"]}{r}',
        "rotating": f'=IF({c["rot"]}{r}>0,{c["billed"]}{r}*{c["keys"]}{r},0)',
        "divisor": f'=IF({c["rot"]}{r}>0,{c["rot"]}{r},{NO_ROTATION})',
    }
    put(ws, r, column_index_from_string(c["check"]), _problems(r, refs), font=WARN)
    number = SPARE_NUMBER if spare else COUNT
    for key, formula in formulas.items():
        fmt = (None if key in TEXT_HELPERS else DIVISOR if key == "divisor" else
               "0.0###%" if key == "growth_n" else QUANTITY if key == "calls_n" else number)
        put(ws, r, column_index_from_string(c[key]), formula, fmt, fill=HELPER_FILL)
