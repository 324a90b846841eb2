"""The Days (hidden) and Demand sheets: plan-format-v1 demand as formulas over Inputs.

Days has one row per plan day with each billing class's key versions that day (rotation adds
floor(d / R) versions per key); Demand sums them per month and projects calls with growth.
"""

from __future__ import annotations

from core.demand import HOSTING_CLASSES
from core.exports.xlsx_cells import (COUNT, HELPER_FILL, MONTH, MUTED, QUANTITY, TITLE, col, header_row,
                                     put, put_text, widths)
from core.exports.xlsx_refs import Refs

SECONDS_PER_DAY = 86_400
SLACK_DAYS = 4  # the horizon may gain a few days if the start month is edited in the workbook

DAY_COLUMNS = (("day", "Plan day"), ("month", "Month index"),
               *((cls, f"Versions: {cls}") for cls in HOSTING_CLASSES),
               ("first", "Advanced HSM: first tier"), ("beyond", "Advanced HSM: beyond tier"),
               ("user", "User key versions"))

DEMAND_COLUMNS = (
    ("month", "Month", MONTH),
    ("index", "Month index", COUNT),
    ("days", "Days", COUNT),
    ("first_day", "First plan day", COUNT),
    ("last_day", "Last plan day", COUNT),
    *((f"vd_{cls}", f"Version-days: {cls}", COUNT) for cls in HOSTING_CLASSES),
    ("vd_first", "Version-days: advanced HSM first tier", COUNT),
    ("vd_beyond", "Version-days: advanced HSM beyond tier", COUNT),
    ("vd_user", "Version-days: user keys", COUNT),
    ("versions_start", "User key versions on the first day", COUNT),
    ("versions_peak", "Peak user key versions (last day)", COUNT),
    ("calls_service", "Calls: service-managed keys", COUNT),
    ("calls_basic", "Calls: basic keys", COUNT),
    ("calls_advanced", "Calls: advanced keys", COUNT),
    ("calls_user", "Calls: user keys", COUNT),
    ("peak_qps", "Peak QPS", QUANTITY),
    ("whole_qps", "Peak QPS, rounded up", COUNT),
    ("qps_symmetric", "Peak QPS, symmetric user keys, rounded up", COUNT),
    ("qps_asymmetric", "Peak QPS, asymmetric user keys, rounded up", COUNT),
    ("active", "Needs an instance (1 = yes)", COUNT),
)


def write_days(ws, total_days: int, refs: Refs, progress=None) -> None:
    """One row per plan day; hidden, it feeds Demand's monthly sums."""
    header_row(ws, 1, 1, [h for _, h in DAY_COLUMNS])
    refs.day_cols = {key: col(i + 1) for i, (key, _) in enumerate(DAY_COLUMNS)}
    refs.day_first, refs.day_last = 2, 1 + total_days + SLACK_DAYS
    d = refs.day_cols
    start = refs.settings["start"]
    tier = refs.limits.get("payg_legacy_advanced_tier_versions", "2000")
    hosting, start_versions = refs.group("hosting"), refs.group("start_versions")
    rotating, divisor = refs.group("rotating"), refs.group("divisor")
    for day in range(total_days + SLACK_DAYS):
        r = refs.day_first + day
        ws.cell(row=r, column=1, value=day)
        ws.cell(row=r, column=2, value=f"=(YEAR({start}+A{r})-YEAR({start}))*12+MONTH({start}+A{r})-MONTH({start})")
        for i, cls in enumerate(HOSTING_CLASSES):
            ws.cell(row=r, column=3 + i, value=(
                f'=SUMPRODUCT(({hosting}="{cls}")*({start_versions}+{rotating}*INT(A{r}/({divisor}+({divisor}=0)))))'))
        adv = d["hsm-advanced"]
        ws.cell(row=r, column=3 + len(HOSTING_CLASSES), value=f"=MIN({adv}{r},{tier})")
        ws.cell(row=r, column=4 + len(HOSTING_CLASSES), value=f"={adv}{r}-{d['first']}{r}")
        ws.cell(row=r, column=5 + len(HOSTING_CLASSES), value=f"={d['software']}{r}+{d['hsm-basic']}{r}+{adv}{r}")
        if progress is not None and day % 500 == 499:
            progress()
    ws.freeze_panes = "C2"
    widths(ws, {i + 1: 14 for i in range(len(DAY_COLUMNS))})
    ws.sheet_state = "hidden"


def write_demand(ws, months: int, refs: Refs) -> None:
    """Month by month demand: version-days per class, peak versions, calls, peak QPS."""
    put_text(ws, 1, 1, "Demand per month", TITLE)
    put_text(ws, 2, 1, "Computed from Inputs (the hidden Days sheet holds one row per plan day). "
                       "Pending-deletion keys are excluded; service-managed keys need no instance.", MUTED)
    header_row(ws, 3, 1, [h for _, h, _ in DEMAND_COLUMNS])
    refs.demand_cols = {key: col(i + 1) for i, (key, _, _) in enumerate(DEMAND_COLUMNS)}
    refs.month_first, refs.month_last = 4, 3 + months
    c = refs.demand_cols
    s = refs.settings
    for m in range(months):
        r = refs.month_first + m
        growth = f"(1+{refs.group('growth_n')})^${c['index']}{r}"
        billed_calls = f"{refs.group('billed')}*{refs.group('calls_n')}*{growth}"
        formulas = {
            "month": f"=DATE(YEAR({s['start']}),MONTH({s['start']})+{c['index']}{r},1)",
            "index": m,
            "days": f"=DATE(YEAR({c['month']}{r}),MONTH({c['month']}{r})+1,1)-{c['month']}{r}",
            "first_day": f"={c['month']}{r}-{s['start']}",
            "last_day": f"={c['first_day']}{r}+{c['days']}{r}-1",
            **{f"vd_{cls}": _month_sum(refs, cls, r) for cls in HOSTING_CLASSES},
            "vd_first": _month_sum(refs, "first", r),
            "vd_beyond": _month_sum(refs, "beyond", r),
            "vd_user": _month_sum(refs, "user", r),
            "versions_start": f"=INDEX({refs.day('user')},{c['first_day']}{r}+1)",
            "versions_peak": f"=INDEX({refs.day('user')},{c['last_day']}{r}+1)",
            "calls_service": f'=SUMPRODUCT(({refs.group("api")}="service")*{billed_calls})',
            "calls_basic": f'=SUMPRODUCT(({refs.group("api")}="basic")*{billed_calls})',
            "calls_advanced": f'=SUMPRODUCT(({refs.group("api")}="advanced")*{billed_calls})',
            "calls_user": f"=SUMPRODUCT({refs.group('user')}*{refs.group('calls_n')}*{growth})",
            "peak_qps": f"={c['calls_user']}{r}*{s['peak']}/({c['days']}{r}*{SECONDS_PER_DAY})",
            # rounded up after dropping sub-nano noise, as core.demand.whole_qps does
            "whole_qps": f"=ROUNDUP(ROUND({c['peak_qps']}{r},9),0)",
            **{f"qps_{family}": (
                f'=ROUNDUP(ROUND(SUMPRODUCT({refs.group("user")}*({refs.group("family")}="{family}")'
                f"*{refs.group('calls_n')}*{growth})*{s['peak']}/({c['days']}{r}*{SECONDS_PER_DAY}),9),0)")
               for family in ("symmetric", "asymmetric")},
            "active": f"=IF(OR({c['versions_peak']}{r}>0,{s['secrets']}>0,{c['calls_user']}{r}>0),1,0)",
        }
        for i, (key, _, fmt) in enumerate(DEMAND_COLUMNS):
            put(ws, r, i + 1, formulas[key], fmt)
    ws.freeze_panes = ws.cell(row=refs.month_first, column=2)
    widths(ws, {1: 10, **{i + 2: 14 for i in range(len(DEMAND_COLUMNS) - 1)}})
    for row in ws.iter_rows(min_row=3, max_row=3, min_col=2, max_col=5):
        for cell in row:
            cell.fill = HELPER_FILL


def _month_sum(refs: Refs, day_key: str, r: int) -> str:
    return f"=SUMIFS({refs.day(day_key)},{refs.day('month')},${refs.demand_cols['index']}{r})"

