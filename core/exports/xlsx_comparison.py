"""The Comparison sheet: the app's headline first, each option's status, monthly and cumulative
totals, the cheapest fully priced option (live), and a native chart on its own sheet.

Only options whose status is fully priced are ranked; the others keep their figures, printed as
"≥ 1,234.00" (a lower bound), "1,234.00 (reference)" or "n/a", never as a plain total.
"""

from __future__ import annotations

from datetime import date

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, quote_sheetname

from core.catalog import option_styles
from core.compare import Comparison
from core.exports.xlsx_cells import (BOLD, MONEY, MONTH, MUTED, WARN, col, header_row, put, put_text,
                                     thick_bottom, widths)
from core.exports.xlsx_refs import Refs
from core.exports.xlsx_status import AS_EXPORTED, figure_formats, static_format
from core.headline import headline
from core.status import status_label

STATUS_ROW, TOTAL_ROW, COUNTED_ROW, DIFF_ROW = 3, 4, 5, 6
HEADER = 7
FIRST_ROW = HEADER + 1
RIGHT = Alignment(horizontal="right")
INDENT = Alignment(horizontal="left", indent=1)
DIFFERENCE = '+#,##0.00;-#,##0.00;"cheapest"'
DASHES = ("dash", "sysDot", "lgDashDot", "sysDash", "lgDash", "dashDot")
MARKERS_UP_TO = 24  # months: fewer points than this get markers, so a one-month plan shows its data
HEADLINE_FONT = Font(bold=True, size=12)
WIDE = {"reference": 26, "lower-bound": 16}  # column widths that fit each kind of figure


def _short(option) -> str:
    styles = option_styles()
    return styles[option.id].short if option.id in styles else option.label


def headline_text(comparison: Comparison) -> str:
    """The app's headline, word for word (core.headline); with a what-if, a second line that says so
    (these figures are not the saved plan's)."""
    note = comparison.whatif_note
    return headline(comparison) + (f"\n{note}" if note else "")


def write_comparison(ws, comparison: Comparison, refs: Refs, app_version: str, today: date) -> None:
    options = comparison.options
    k = len(options)
    months = len(comparison.months)
    last = FIRST_ROW + months - 1
    currency = comparison.currency
    monthly_cols = [col(2 + i) for i in range(k)]
    cheapest_col = 2 + k
    cumulative_cols = [col(3 + k + i) for i in range(k)]  # charted; not printed (the Chart sheet is)
    helper_cols = [col(3 + 2 * k + i) for i in range(k)]  # hidden: severity (row 4), ranked amounts

    # Row 1: the app's headline, word for word (core.headline), as exported; with a what-if, a line
    # that says so (its figures are not the saved plan's)
    cell = put_text(ws, 1, 1, headline_text(comparison), HEADLINE_FONT)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=cheapest_col)
    span = 34 + sum(WIDE.get(o.figure_kind, 14) for o in options) + 18  # the merged width, in characters
    ws.row_dimensions[1].height = 16 * sum(max(1, -(-len(line) // int(span * 0.8))) for line in cell.value.split("\n")) + 4

    first, end = monthly_cols[0], monthly_cols[-1]
    counted = f"${first}${COUNTED_ROW}:${end}${COUNTED_ROW}"
    put_text(ws, 2, 1, "Cheapest fully priced (recalculates)", BOLD)
    put(ws, 2, 2, f'=IF(COUNT({counted})=0,"none fully priced",'
                  f'INDEX(${first}${HEADER}:${end}${HEADER},MATCH(MIN({counted}),{counted},0))'
                  f'&IF(COUNTIF({counted},MIN({counted}))>1," (a tie: see the difference row)",""))', font=BOLD)
    put(ws, 2, 3 + (k > 2), f'=IF(COUNT({counted})=0,"",MIN({counted}))', MONEY, BOLD)
    # rows whose Check says why, and rows inserted by hand (no helper formulas: Billed is empty)
    billed = refs.group("billed")
    filled = f"(LEN({refs.group('name')}&{refs.group('creator')}&{refs.group('count')})>0)"
    problems = (f"(SUMPRODUCT((LEN({refs.group('check')})>0)*1)"
                f"+SUMPRODUCT({filled}*(1-ISNUMBER({billed}))))")
    put(ws, 2, 2 + k, f'=IF({problems}=0,"",{problems}&" key group row(s) not counted: see Key groups, column '
                      f'Check (a row inserted by hand has no formulas: copy them from the row above).")', font=WARN)

    for label, row in (("Status", STATUS_ROW), (f"Total over {months} months", TOTAL_ROW),
                       ("Total if fully priced (ranked)", COUNTED_ROW), ("Difference to the cheapest", DIFF_ROW)):
        put_text(ws, row, 1, label, BOLD)
    header_row(ws, HEADER, 1, ["Month"] + [_short(o) for o in options])
    header_row(ws, HEADER, 3 + k, [f"Cumulative: {_short(o)}" for o in options])
    styles = option_styles()
    for i, option in enumerate(options):
        sheet, total_col, status_cell, status_col, severity_cell, missing_cell = refs.option_sheets[option.id]
        quoted = quote_sheetname(sheet)
        mc, cc, hc = monthly_cols[i], cumulative_cols[i], helper_cols[i]
        colour = styles[option.id].colour if option.id in styles else "#444444"
        for c in (mc, cc):
            ws[f"{c}{HEADER}"].border = thick_bottom(colour)
        severity = f"${hc}${STATUS_ROW}"
        put(ws, STATUS_ROW, _index(hc), f"={severity_cell}")
        put(ws, TOTAL_ROW, _index(hc), f"={missing_cell}")  # hidden: a needed price is missing (1)
        missing = f"${hc}${TOTAL_ROW}"
        put(ws, STATUS_ROW, 2 + i, f"={status_cell}", font=BOLD).alignment = RIGHT
        figure = static_format(option, MONEY)
        put(ws, TOTAL_ROW, 2 + i, f"=SUM({mc}{FIRST_ROW}:{mc}{last})", figure, BOLD if option.available else None)
        put(ws, COUNTED_ROW, 2 + i, f'=IF({severity}=0,{mc}{TOTAL_ROW},"")', MONEY)
        put(ws, DIFF_ROW, 2 + i, f'=IF(AND({severity}=0,COUNT({counted})>0),'
                                 f'{mc}{TOTAL_ROW}-MIN({counted}),"n/a")', DIFFERENCE).alignment = RIGHT
        for m in range(months):
            r = FIRST_ROW + m
            source_row = 4 + m  # option sheets' first monthly row
            put(ws, r, 2 + i, f"={quoted}!{total_col}{source_row}", figure)
            previous = f"{cc}{r - 1}+" if m else ""
            put(ws, r, _index(cc), f"={previous}{mc}{r}", figure)
            put(ws, r, _index(hc), f'=IF({quoted}!{status_col}{source_row}=0,{mc}{r},"")', MONEY)
        total_cell = f"${mc}${TOTAL_ROW}"
        figure_formats(ws, f"{mc}{FIRST_ROW}:{mc}{last}", severity, total_cell, missing)
        figure_formats(ws, f"{cc}{FIRST_ROW}:{cc}{last}", severity, total_cell, missing)
        figure_formats(ws, f"{mc}{TOTAL_ROW}:{mc}{TOTAL_ROW}", severity, total_cell, missing, bold_when_ok=True)
    for m in range(months):
        r = FIRST_ROW + m
        put(ws, r, 1, f"={refs.demand('month', r - FIRST_ROW + refs.month_first)}", MONTH, alignment=INDENT)
    _cheapest_by_month(ws, k, monthly_cols, helper_cols, last)
    note = last + 2
    put_text(ws, note, 1, f"Exported from KMS Cost Planner {app_version} on {today.isoformat()}; amounts in "
                          f"{currency}. The first line is the app's verdict at export (it does not recalculate). "
                          f"{AS_EXPORTED} Figures of an option that is not fully priced read \"≥\" (a lower "
                          f"bound: a price it needs is missing) or \"(reference)\" (it cannot be ranked); they "
                          f"are never totals to choose by. The chart is on the Chart sheet; the cumulative "
                          f"columns it draws are right of this table (not printed).", MUTED).alignment = Alignment(
        wrap_text=True, vertical="top")
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=cheapest_col)
    ws.row_dimensions[note].height = 14 * max(1, -(-len(ws.cell(row=note, column=1).value) // 150)) + 4
    ws.print_area = f"A1:{col(cheapest_col)}{note}"

    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
    ws.print_title_rows = f"{HEADER}:{HEADER}"
    sizes = {2 + i: WIDE.get(o.figure_kind, 14) for i, o in enumerate(options)}
    sizes.update({3 + k + i: max(16, WIDE.get(o.figure_kind, 14)) for i, o in enumerate(options)})
    widths(ws, {1: 34, **sizes, cheapest_col: 18})
    ws.row_dimensions[HEADER].height = 45


def _cheapest_by_month(ws, k: int, monthly_cols, helper_cols, last: int) -> None:
    """The cheapest option fully priced in each month (ties go to the earlier option, as in core),
    from hidden helper columns that keep only those options' amounts."""
    cheapest = 2 + k
    header_row(ws, HEADER, cheapest, ["Cheapest fully priced this month"])
    header_row(ws, HEADER, 3 + 2 * k, [f"If fully priced: {ws[f'{c}{HEADER}'].value}" for c in monthly_cols])
    labels = f"${monthly_cols[0]}${HEADER}:${monthly_cols[-1]}${HEADER}"
    for r in range(FIRST_ROW, last + 1):
        row = f"{helper_cols[0]}{r}:{helper_cols[-1]}{r}"
        put(ws, r, cheapest, f'=IF(COUNT({row})=0,"none fully priced",INDEX({labels},MATCH(MIN({row}),{row},0)))',
            alignment=INDENT)
    for hc in helper_cols:
        ws.column_dimensions[hc].hidden = True


def _index(letter: str) -> int:
    return column_index_from_string(letter)


def build_chart(ws, comparison: Comparison) -> LineChart:
    """Cumulative cost per option over the Comparison sheet's columns; options that are not fully
    priced are dashed; few months get markers so every point shows."""
    styles = option_styles()
    k = len(comparison.options)
    months = len(comparison.months)
    last = FIRST_ROW + months - 1
    chart = LineChart()
    chart.title = "Cumulative cost (dashed: not fully priced, for reference)"
    chart.y_axis.title = comparison.currency
    chart.x_axis.title = "Month"
    chart.y_axis.number_format = "#,##0"
    chart.x_axis.number_format = MONTH
    step = max(1, -(-months // 12))  # about a dozen month labels, whatever the horizon
    chart.x_axis.tickLblSkip = step
    chart.x_axis.tickMarkSkip = step
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    dashed = 0
    for i, option in enumerate(comparison.options):
        data = Reference(ws, min_col=3 + k + i, min_row=HEADER, max_row=last)
        chart.add_data(data, titles_from_data=True)
        series = chart.series[-1]
        series.smooth = False
        colour = (styles[option.id].colour if option.id in styles else "#444444").lstrip("#").upper()
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        if not option.available:  # each its own dash, so coinciding curves stay visible; named as not ranked
            series.graphicalProperties.line.dashStyle = DASHES[dashed % len(DASHES)]
            dashed += 1
            series.tx = SeriesLabel(v=f"{_short(option)} ({status_label(option.status)}, not ranked)")
        else:
            series.tx = SeriesLabel(v=_short(option))
        if months <= MARKERS_UP_TO:
            series.marker = Marker(symbol="circle", size=8)
            series.marker.graphicalProperties = None
            from openpyxl.chart.shapes import GraphicalProperties
            series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
            series.marker.graphicalProperties.line.solidFill = colour
        else:
            series.marker = Marker(symbol="none")
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_ROW, max_row=last))
    return chart


def write_chart_sheet(ws, comparison_ws, comparison: Comparison) -> None:
    """The chart on a sheet of its own: it prints on its own landscape page, headline above it."""
    put_text(ws, 1, 1, headline_text(comparison), HEADLINE_FONT).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A1:P1")
    ws.row_dimensions[1].height = 18 * sum(max(1, -(-len(line) // 120)) for line in ws["A1"].value.split("\n")) + 4
    put_text(ws, 2, 1, "Data: the cumulative columns of the Comparison sheet (they recalculate).", MUTED)
    chart = build_chart(comparison_ws, comparison)
    chart.height, chart.width = 19, 36  # cm: fills an A4 landscape page (printed to fit)
    ws.add_chart(chart, "A3")
    ws.print_area = "A1:P40"
    widths(ws, {i + 1: 9.5 for i in range(16)})
