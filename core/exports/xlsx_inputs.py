"""The Inputs sheet: the plan's settings and key groups as editable cells, with helper columns."""

from __future__ import annotations

from datetime import date

from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.datavalidation import DataValidation

from core.calendar import parse_month
from core.exports.xlsx_cells import (BOLD, COUNT, HELPER_FILL, HELPER_HEADER, INPUT_FILL, MONTH, MUTED,
                                     QUANTITY, TITLE, col, header_row, put, put_text, ref, widths)
from core.exports.xlsx_refs import INPUTS, Refs
from core.plan import API_REGIONS, CREATORS, PROTECTIONS, STATES, Plan

SPARE_ROWS = 10  # empty key-group rows the formulas already cover, to add groups in the workbook
NO_ROTATION = 100_000  # divisor standing for "never rotates" (more days than any plan has)

# (key, header, kind) for the fields the user edits
FIELDS = (
    ("name", "Key group", "text"),
    ("creator", "Creator (user / service)", "text"),
    ("protection", "Protection (SOFTWARE / HSM)", "text"),
    ("spec", "KeySpec", "text"),
    ("count", "Keys", COUNT),
    ("versions", "Versions per key at start", COUNT),
    ("rotation", "Rotation every (days; empty = none)", COUNT),
    ("state", "State", "text"),
    ("calls", "Calls per month (first month)", QUANTITY),
    ("growth", "Calls growth % per month", QUANTITY),
)
# (key, header) for the helper columns, computed from the fields
HELPERS = (
    ("class", "Key class"),
    ("billed", "Billed (not pending deletion)"),
    ("hosting", "Billing class (KMS 1.0 hosting)"),
    ("api", "API class (KMS 1.0 calls)"),
    ("user", "User key (needs an instance)"),
    ("hsm", "HSM user key"),
    ("start_versions", "Billed versions at start"),
    ("rotating", "Billed keys that rotate"),
    ("divisor", "Rotation divisor"),
)
TEXT_HELPERS = ("class", "hosting", "api")
SPARE_NUMBER = '#,##0;-#,##0;""'  # a spare row's zeros stay out of sight
DIVISOR = f'[<{NO_ROTATION}]#,##0;"never"'  # the stand-in divisor reads as "never rotates"
SETTINGS = ("name", "site", "region", "start", "months", "peak", "secrets", "currency", "version", "exported")


def write_inputs(ws, plan: Plan, currency: str, refs: Refs, app_version: str, today: date) -> None:
    put_text(ws, 1, 1, "Plan inputs", TITLE)
    put_text(ws, 2, 1, "Edit the shaded cells: Demand, every option sheet and the Comparison recalculate. "
                       "Grey columns are helpers computed from the row.", MUTED)
    year, month = parse_month(plan.start_month)
    rows = [
        ("Plan name", plan.name, None, ""),
        ("Site (price list)", plan.site, None, "The Prices sheet holds this site's prices."),
        ("API region (mainland / outside_mainland)", plan.api_region, None,
         "Chooses the KMS 1.0 API call prices."),
        ("Start month", date(year, month, 1), MONTH, "First day of the first projected month."),
        ("Months", plan.months, COUNT,
         "One row per month was written at export: change the horizon in the app and export again."),
        ("Peak-to-average QPS", plan.peak_to_average, QUANTITY, "Peak QPS over average QPS, for sizing instances."),
        ("Secrets", plan.secrets, COUNT, "Secrets kept (Secrets Manager)."),
        ("Currency", currency, None, ""),
        ("Exported by", f"KMS Cost Planner {app_version}", None, ""),
        ("Exported on", today, "yyyy-mm-dd", ""),
    ]
    for offset, (key, (label, value, fmt, note)) in enumerate(zip(SETTINGS, rows)):
        row = 4 + offset
        put_text(ws, row, 1, label, BOLD)
        cell = put_text(ws, row, 2, value) if isinstance(value, str) else put(ws, row, 2, value, fmt)
        if key in ("name", "region", "start", "peak", "secrets"):
            cell.fill = INPUT_FILL
        if note:
            put_text(ws, row, 3, note, MUTED)
        refs.settings[key] = ref(INPUTS, 2, row)
    region_check = DataValidation(type="list", formula1='"' + ",".join(API_REGIONS) + '"', allow_blank=False)
    ws.add_data_validation(region_check)
    region_check.add(refs.settings["region"].split("!")[1].replace("$", ""))

    top = 4 + len(SETTINGS) + 1
    put_text(ws, top, 1, "Key groups", BOLD)
    header = top + 1
    header_row(ws, header, 1, [h for _, h, _ in FIELDS])
    header_row(ws, header, len(FIELDS) + 1, [h for _, h in HELPERS], font=HELPER_HEADER, fill=HELPER_FILL)
    refs.group_cols = {key: col(i + 1) for i, (key, _, _) in enumerate(FIELDS)}
    refs.group_cols.update({key: col(len(FIELDS) + i + 1) for i, (key, _) in enumerate(HELPERS)})
    refs.group_first = header + 1
    refs.group_last = header + len(plan.key_groups) + SPARE_ROWS

    for n, g in enumerate(plan.key_groups):
        row = refs.group_first + n
        values = (g.name, g.creator, g.protection, g.spec, g.count, g.versions, g.rotation_days,
                  g.state, g.calls_per_month, g.calls_growth_pct)
        for i, ((key, _, kind), value) in enumerate(zip(FIELDS, values)):
            if value is None:
                cell = ws.cell(row=row, column=i + 1)
            elif kind == "text":
                cell = put_text(ws, row, i + 1, value)
            else:
                cell = put(ws, row, i + 1, value, kind)
            cell.fill = INPUT_FILL
    for row in range(refs.group_first, refs.group_last + 1):
        _helpers(ws, row, refs, spare=row >= refs.group_first + len(plan.key_groups))

    last = refs.group_last
    for key, choices in (("creator", CREATORS), ("protection", PROTECTIONS), ("state", STATES)):
        check = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        ws.add_data_validation(check)
        check.add(f"{refs.group_cols[key]}{refs.group_first}:{refs.group_cols[key]}{last}")
    spec_check = DataValidation(type="list", formula1=refs.spec_names, allow_blank=True)
    ws.add_data_validation(spec_check)
    spec_check.add(f"{refs.group_cols['spec']}{refs.group_first}:{refs.group_cols['spec']}{last}")
    put_text(ws, last + 1, 1, f"Empty rows above are already counted: fill one to add a key group "
                              f"(up to {SPARE_ROWS} more).", MUTED)

    ws.freeze_panes = ws.cell(row=refs.group_first, column=2)
    widths(ws, {1: 38, 2: 34, 3: 16, 4: 16, 5: 10, 6: 12, 7: 14, 8: 16, 9: 16, 10: 12})
    widths(ws, {len(FIELDS) + i + 1: 13 for i in range(len(HELPERS))})


def _helpers(ws, r: int, refs: Refs, spare: bool) -> None:
    """Helper formulas of one key-group row; on a spare row they show nothing until it is filled."""
    c = refs.group_cols
    formulas = {
        "class": f'=IFERROR(INDEX({refs.spec_classes},MATCH({c["spec"]}{r},{refs.spec_names},0)),"")',
        "billed": f'=IF(AND({c["count"]}{r}>0,{c["state"]}{r}<>"PendingDeletion"),1,0)',
        "hosting": (f'=IF({c["creator"]}{r}="","",IF({c["creator"]}{r}="service","service",'
                    f'IF({c["protection"]}{r}="SOFTWARE","software","hsm-"&{c["class"]}{r})))'),
        "api": f'=IF({c["creator"]}{r}="","",IF({c["creator"]}{r}="service","service",{c["class"]}{r}))',
        "user": f'=IF(AND({c["billed"]}{r}=1,{c["creator"]}{r}="user"),1,0)',
        "hsm": f'=IF(AND({c["user"]}{r}=1,{c["protection"]}{r}="HSM"),1,0)',
        "start_versions": f'={c["billed"]}{r}*N({c["count"]}{r})*N({c["versions"]}{r})',
        "rotating": f'=IF(N({c["rotation"]}{r})>0,{c["billed"]}{r}*N({c["count"]}{r}),0)',
        "divisor": f'=IF(N({c["rotation"]}{r})>0,{c["rotation"]}{r},{NO_ROTATION})',
    }
    number = SPARE_NUMBER if spare else COUNT
    for key, formula in formulas.items():
        fmt = None if key in TEXT_HELPERS else DIVISOR if key == "divisor" else number
        cell = put(ws, r, column_index_from_string(c[key]), formula, fmt)
        cell.fill = HELPER_FILL
