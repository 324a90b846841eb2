"""The workbook for finance: the plan, prices and every option as live formulas, and a chart.

`write_workbook` is the one entry point (GUI menu and `kms-planner export` share it). It builds
the whole file in memory and renames it into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import io
import os
from datetime import date
from typing import Callable

from openpyxl import Workbook

from core.atomic import write_bytes_atomic
from core.catalog import option_styles
from core.compare import Comparison
from core.exports.errors import ExportCancelled, ExportError, explain_os_error
from core.exports.xlsx_cells import print_fit_width
from core.exports.xlsx_comparison import write_chart_sheet, write_comparison
from core.exports.xlsx_demand import SLACK_DAYS, write_days, write_demand
from core.exports.xlsx_groups import write_groups
from core.exports.xlsx_inputs import write_inputs
from core.exports.xlsx_options import write_option
from core.exports.xlsx_prices import write_prices
from core.exports.xlsx_refs import CHART, COMPARISON, DAYS, DEMAND, INPUTS, KEY_GROUPS, PRICES, Refs

Progress = Callable[[int, int], None]


def default_version() -> str:
    try:
        from importlib.metadata import version
        return version("kms-cost-planner")
    except Exception:  # not installed (a source tree): say so rather than guess
        return "(development)"


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip("' ")[:31] or "Option"
    title, n = clean, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = clean[:31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def export_steps(comparison: Comparison) -> int:
    """Progress steps of an export: one per sheet, one per 500 plan days, and the final save."""
    return 6 + len(comparison.options) + (sum(comparison.demand.days) + SLACK_DAYS) // 500


def build_workbook(comparison: Comparison, *, app_version: str | None = None, today: date | None = None,
                   progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> Workbook:
    """The workbook object (not saved); see write_workbook."""
    app_version = app_version or default_version()
    today = today or date.today()
    days = sum(comparison.demand.days)
    steps = export_steps(comparison)
    done = 0

    def step() -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise ExportCancelled("Export cancelled: no file was written.")
        done += 1
        if progress is not None:
            progress(min(done, steps), steps)

    refs = Refs()
    wb = Workbook()
    comparison_ws = wb.active
    comparison_ws.title = COMPARISON
    inputs_ws = wb.create_sheet(INPUTS)
    groups_ws = wb.create_sheet(KEY_GROUPS)
    prices_ws = wb.create_sheet(PRICES)
    demand_ws = wb.create_sheet(DEMAND)
    taken = {t.lower() for t in (COMPARISON, CHART, INPUTS, KEY_GROUPS, PRICES, DEMAND, DAYS)}
    styles = option_styles()
    option_ws = [wb.create_sheet(sheet_title(styles[o.id].short if o.id in styles else o.label, taken))
                 for o in comparison.options]
    days_ws = wb.create_sheet(DAYS)

    step()
    write_prices(prices_ws, comparison.catalog, refs)
    step()
    write_inputs(inputs_ws, comparison.plan, comparison.currency, refs, app_version, today)
    write_groups(groups_ws, comparison.plan, refs)
    step()
    write_days(days_ws, days, refs, progress=step)
    write_demand(demand_ws, len(comparison.months), refs)
    step()
    for ws, option in zip(option_ws, comparison.options):
        colour = styles[option.id].colour if option.id in styles else "#444444"
        ws.sheet_properties.tabColor = colour.lstrip("#").upper()
        write_option(ws, comparison, option, colour, refs)
        step()
    write_comparison(comparison_ws, comparison, refs, app_version, today)
    write_chart_sheet(wb.create_sheet(CHART, 1), comparison_ws, comparison)
    step()
    title = comparison.plan.name  # the print header (at most 120 characters): a what-if says so in full
    if comparison.whatif is not None:
        title = f"{title[:50]} (what-if, not saved: {comparison.whatif.describe(comparison.entered.months)})"
    for ws in wb.worksheets:
        if ws is not days_ws:
            print_fit_width(ws, title, today.isoformat())
    wb.calculation.fullCalcOnLoad = True
    return wb


def write_workbook(comparison: Comparison, path, *, app_version: str | None = None, today: date | None = None,
                   progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> None:
    """Write the comparison as a live .xlsx workbook at `path`, atomically.

    Raises ExportCancelled if `cancelled()` turns true, ExportError (naming the file) if it cannot
    be written; in both cases an existing file at `path` is left as it was.
    """
    target = os.fspath(path)
    if os.path.isdir(target):
        raise ExportError(f"Cannot write {target}: it is a folder, not a file.")
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise ExportError(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        wb = build_workbook(comparison, app_version=app_version, today=today, progress=progress,
                            cancelled=cancelled)
        buffer = io.BytesIO()
        wb.save(buffer)
    except ExportCancelled:
        raise ExportCancelled(f"Export of {target} cancelled: no file was written.") from None
    except ExportError:
        raise
    except Exception as exc:  # a bug or an openpyxl refusal: still a clear message, nothing written
        raise ExportError(f"Cannot write {target}: the workbook could not be built ({exc}).") from exc
    if cancelled is not None and cancelled():
        raise ExportCancelled(f"Export of {target} cancelled: no file was written.")
    try:
        write_bytes_atomic(target, buffer.getvalue())
    except OSError as exc:
        raise explain_os_error(target, exc) from None
    if progress is not None:
        steps = export_steps(comparison)
        progress(steps, steps)
