"""The Inputs sheet: the plan's settings. Shaded cells are live inputs; the rest is fixed at export.

Months, site and currency shape the whole workbook (one row per month, one site's price list), so
they are locked with a note rather than looking editable and changing nothing.
"""

from __future__ import annotations

from datetime import date

from openpyxl.workbook.defined_name import DefinedName

from core.calendar import parse_month
from core.exports.xlsx_cells import (BOLD, COUNT, HEADER_FILL, HELPER_FILL, INPUT_FILL, MONTH, MUTED, QUANTITY,
                                     TITLE, header_row, put, put_text, ref, widths)
from core.exports.xlsx_checks import (FIXED_NOTE, choice_check, first_of_month_check, number_check, protect,
                                      unlock)
from core.exports.xlsx_refs import INPUTS, Refs
from core.plan import API_REGIONS, Plan

SETTINGS = ("name", "site", "region", "start", "months", "peak", "secrets", "currency", "version", "exported",
            "first_day", "kms1_user")
LIVE = ("name", "region", "start", "peak", "secrets", "kms1_user")
# defined names for the key inputs (Formulas > Name Manager)
NAMES = {"name": "PlanName", "site": "Site", "region": "ApiRegion", "start": "StartMonth", "months": "Months",
         "peak": "PeakToAverage", "secrets": "Secrets", "currency": "Currency", "first_day": "ProjectionStart",
         "kms1_user": "Kms1User"}


def write_inputs(ws, plan: Plan, currency: str, refs: Refs, app_version: str, today: date) -> None:
    put_text(ws, 1, 1, "Plan inputs", TITLE)
    put_text(ws, 2, 1, "Yellow cells are live: Key groups, Demand, every option sheet and the Comparison "
                       "recalculate. Grey cells are fixed at export: change them in the app and export again.",
             MUTED)
    header_row(ws, 3, 1, ("Setting", "Value", "Note"), height=18)
    year, month = parse_month(plan.start_month)
    rows = [
        ("Plan name", plan.name, None, ""),
        ("Site (price list)", plan.site, None, "The Prices sheet holds this site's prices. " + FIXED_NOTE),
        ("API region (mainland / outside_mainland)", plan.api_region, None,
         "Chooses the KMS 1.0 API call prices."),
        ("Start month", date(year, month, 1), MONTH, "The first day of the first projected month."),
        ("Months", plan.months, COUNT, "One row per month was written at export. " + FIXED_NOTE),
        ("Peak-to-average QPS", plan.peak_to_average, QUANTITY, "Peak QPS over average QPS, for sizing instances."),
        ("Secrets", plan.secrets, COUNT, "Secrets kept (Secrets Manager)."),
        ("Currency", currency, None, "The currency of the site's price list. " + FIXED_NOTE),
        ("Exported by", f"KMS Cost Planner {app_version}", None, ""),
        ("Exported on", today, "yyyy-mm-dd", ""),
        ("Projection starts on", None, "yyyy-mm-dd", "Computed: the first day of the start month."),
        ("Account already used KMS 1.0 (yes / no)", "yes" if getattr(plan, "kms1_user", False) else "no", None,
         "KMS 1.0 closed to new customers: only an account that used it before could still buy it."),
    ]
    for offset, (key, (label, value, fmt, note)) in enumerate(zip(SETTINGS, rows)):
        row = 4 + offset
        put_text(ws, row, 1, label, BOLD)
        if key == "first_day":
            typed = f"B{4 + SETTINGS.index('start')}"
            cell = put(ws, row, 2, f"=DATE(YEAR({typed}),MONTH({typed}),1)", fmt)
        elif isinstance(value, str):
            cell = put_text(ws, row, 2, value)
        else:
            cell = put(ws, row, 2, value, fmt)
        if key in LIVE:
            cell.fill = INPUT_FILL
            unlock(cell)
        else:
            cell.fill = HELPER_FILL
        if note:
            put_text(ws, row, 3, note, MUTED)
        refs.settings[key] = ref(INPUTS, 2, row)
    refs.settings["start"], refs.settings["start_typed"] = refs.settings["first_day"], refs.settings["start"]

    def cell_of(key: str) -> str:
        return refs.settings[key].split("!")[1].replace("$", "")

    choice_check(ws, cell_of("region"), API_REGIONS, "API region", allow_blank=False)
    choice_check(ws, cell_of("kms1_user"), ("yes", "no"), "Account already used KMS 1.0", allow_blank=False)
    first_of_month_check(ws, cell_of("start_typed"))
    number_check(ws, cell_of("peak"), "peak_to_average", what="Peak-to-average QPS", allow_blank=False)
    number_check(ws, cell_of("secrets"), "secrets", what="Secrets", allow_blank=False)
    for key, name in NAMES.items():
        target = refs.settings["start_typed" if key == "start" else key]
        ws.parent.defined_names[name] = DefinedName(name, attr_text=target)
    protect(ws)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    widths(ws, {1: 38, 2: 34, 3: 90})
    for c in ("A3", "B3", "C3"):
        ws[c].fill = HEADER_FILL
