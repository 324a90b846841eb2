"""The Comparison sheet: monthly and cumulative totals per option, the cheapest, a native chart."""

from __future__ import annotations

from datetime import date

from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, quote_sheetname

from core.catalog import option_styles
from core.compare import Comparison
from core.exports.xlsx_cells import (BOLD, MONEY, MONTH, MUTED, TITLE, col, header_row, put,
                                     put_text, thick_bottom, widths)
from core.exports.xlsx_refs import Refs

AVAILABLE_ROW, TOTAL_ROW, COUNTED_ROW, DIFF_ROW = 4, 5, 6, 7
HEADER = 8
FIRST_ROW = HEADER + 1
RIGHT = Alignment(horizontal="right")
INDENT = Alignment(horizontal="left", indent=1)


def write_comparison(ws, comparison: Comparison, refs: Refs, app_version: str, today: date) -> None:
    options = comparison.options
    k = len(options)
    months = len(comparison.months)
    last = FIRST_ROW + months - 1
    styles = option_styles()
    currency = comparison.currency
    monthly_cols = [col(2 + i) for i in range(k)]
    cumulative_cols = [col(2 + k + i) for i in range(k)]

    put(ws, 1, 1, f'="Cost comparison: "&{refs.settings["name"]}', font=TITLE)
    put_text(ws, 2, 1, f"Cheapest over {months} months", BOLD)
    first, end = monthly_cols[0], monthly_cols[-1]
    counted = f"${first}${COUNTED_ROW}:${end}${COUNTED_ROW}"
    put(ws, 2, 2, f'=IF(COUNT({counted})=0,"none available",'
                  f'INDEX(${first}${HEADER}:${end}${HEADER},MATCH(MIN({counted}),{counted},0)))', font=BOLD)
    put(ws, 2, 3 + (k > 2), f'=IF(COUNT({counted})=0,"",MIN({counted}))', MONEY, BOLD)
    put_text(ws, 3, 1, f"Exported from KMS Cost Planner {app_version} on {today.isoformat()}. Amounts in "
                       f"{currency}; every figure is a formula over the Inputs and Prices sheets. "
                       f"The chart of cumulative costs is to the right of the table.", MUTED)

    for label, row in (("Available", AVAILABLE_ROW), (f"Total over {months} months", TOTAL_ROW),
                       ("Total if available", COUNTED_ROW), ("Difference to the cheapest", DIFF_ROW)):
        put_text(ws, row, 1, label, BOLD)
    header_row(ws, HEADER, 1, ["Month"]
               + [styles[o.id].short if o.id in styles else o.label for o in options]
               + [f"Cumulative: {styles[o.id].short if o.id in styles else o.label}" for o in options])
    for i, option in enumerate(options):
        sheet, total_col, available = refs.option_sheets[option.id]
        quoted = quote_sheetname(sheet)
        mc, cc = monthly_cols[i], cumulative_cols[i]
        colour = styles[option.id].colour if option.id in styles else "#444444"
        for c in (mc, cc):
            ws[f"{c}{HEADER}"].border = thick_bottom(colour)
            ws[f"{c}{HEADER}"].font = Font(bold=True, color=colour.lstrip("#").upper())
        put(ws, AVAILABLE_ROW, 2 + i, f"={available}", font=BOLD).alignment = RIGHT
        put(ws, TOTAL_ROW, 2 + i, f"=SUM({mc}{FIRST_ROW}:{mc}{last})", MONEY, BOLD)
        put(ws, COUNTED_ROW, 2 + i, f'=IF({mc}{AVAILABLE_ROW}="yes",{mc}{TOTAL_ROW},"")', MONEY)
        put(ws, DIFF_ROW, 2 + i, f'=IF(AND({mc}{AVAILABLE_ROW}="yes",COUNT({counted})>0),'
                                 f'{mc}{TOTAL_ROW}-MIN({counted}),"n/a")', MONEY)
        for m in range(months):
            r = FIRST_ROW + m
            source_row = 4 + m  # option sheets' first monthly row
            put(ws, r, 2 + i, f"={quoted}!{total_col}{source_row}", MONEY)
            previous = f"{cc}{r - 1}+" if m else ""
            put(ws, r, 2 + k + i, f"={previous}{mc}{r}", MONEY)
    for m in range(months):
        r = FIRST_ROW + m
        put(ws, r, 1, f"={refs.demand('month', r - FIRST_ROW + refs.month_first)}", MONTH)
    _cheapest_by_month(ws, k, monthly_cols, last)

    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
    widths(ws, {1: 26, **{2 + i: 15 for i in range(2 * k)}, 2 + 2 * k: 22})
    ws.row_dimensions[HEADER].height = 45
    _chart(ws, comparison, cumulative_cols, last, currency)


def _cheapest_by_month(ws, k: int, monthly_cols, last: int) -> None:
    """The cheapest available option of each month (ties go to the earlier option, as in core),
    from hidden helper columns that keep only the available options' amounts."""
    cheapest, helpers = 2 + 2 * k, [col(3 + 2 * k + i) for i in range(k)]
    header_row(ws, HEADER, cheapest, ["Cheapest this month"])
    header_row(ws, HEADER, 3 + 2 * k, [f"If available: {ws[f'{c}{HEADER}'].value}" for c in monthly_cols])
    labels = f"${monthly_cols[0]}${HEADER}:${monthly_cols[-1]}${HEADER}"
    for r in range(FIRST_ROW, last + 1):
        for mc, hc in zip(monthly_cols, helpers):
            put(ws, r, _index(hc), f'=IF({mc}${AVAILABLE_ROW}="yes",{mc}{r},"")', MONEY)
        row = f"{helpers[0]}{r}:{helpers[-1]}{r}"
        put(ws, r, cheapest, f'=IF(COUNT({row})=0,"none available",INDEX({labels},MATCH(MIN({row}),{row},0)))'
            ).alignment = INDENT
    for hc in helpers:
        ws.column_dimensions[hc].hidden = True


def _index(letter: str) -> int:
    return column_index_from_string(letter)


def _chart(ws, comparison: Comparison, cumulative_cols, last: int, currency: str) -> None:
    styles = option_styles()
    chart = LineChart()
    chart.title = "Cumulative cost"
    chart.y_axis.title = currency
    chart.x_axis.title = "Month"
    chart.y_axis.number_format = "#,##0"
    chart.x_axis.number_format = MONTH
    step = max(1, -(-len(comparison.months) // 12))  # about a dozen month labels, whatever the horizon
    chart.x_axis.tickLblSkip = step
    chart.x_axis.tickMarkSkip = step
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height, chart.width = 11, 24
    chart.legend.position = "b"
    for c, option in zip(cumulative_cols, comparison.options):
        index = ws[f"{c}{HEADER}"].column
        data = Reference(ws, min_col=index, min_row=HEADER, max_row=last)
        chart.add_data(data, titles_from_data=True)
        series = chart.series[-1]
        series.smooth = False
        colour = (styles[option.id].colour if option.id in styles else "#444444").lstrip("#").upper()
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        if not option.available:
            series.graphicalProperties.line.dashStyle = "dash"
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_ROW, max_row=last))
    ws.add_chart(chart, f"{col(3 + 3 * len(comparison.options) + 1)}{HEADER}")
