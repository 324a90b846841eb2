"""One sheet per billing option: monthly line items as formulas over Inputs, Prices and Demand."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment
from openpyxl.utils import quote_sheetname

from core.compare import Comparison
from core.exports.xlsx_cells import (BOLD, COUNT, HELPER_FILL, HELPER_HEADER, MISSING_FILL, MONEY, MONTH, MUTED,
                                     RATE, TITLE, WARN, col, header_row, put, put_text, thick_bottom, widths)
from core.exports.xlsx_option_rules import RULES, Rules
from core.exports.xlsx_prices import LIMIT_LABELS
from core.exports.xlsx_refs import Refs
from core.exports.xlsx_status import figure_formats, fixed_severities, label_formula, static_format
from core.options.base import OptionCost
from core.status import status_label

WRAP_TOP = Alignment(wrap_text=True, vertical="top")
FIRST_ROW = 4  # monthly rows start here; row 3 is the header


class Sheet:
    """Resolves rule names to cells of this option sheet, of Demand, Inputs and Prices."""

    def __init__(self, rules: Rules, refs: Refs):
        self.rules, self.refs = rules, refs
        # column indexes: Month, line items, Total, a gap, helpers, a gap, the price block
        self.line_cols = {item: 2 + i for i, (item, _) in enumerate(rules.lines)}
        self.total_col = 2 + len(rules.lines)
        self.status_col = self.total_col + 1  # severity this month (0 ok ... 4 cannot serve)
        self.fixed_col = self.total_col + 2  # the part of it fixed at export
        self.missing_col = self.total_col + 3  # a price it needs is missing this month (1 = yes)
        self.first_helper = self.total_col + 5
        self.helper_cols = {key: self.first_helper + i for i, (key, *_) in enumerate(rules.helpers)}
        self.block_col = self.first_helper + len(rules.helpers) + (1 if rules.helpers else 0)
        self.price_rows = {key: FIRST_ROW + i for i, (key, _) in enumerate(rules.prices)}
        limit_top = FIRST_ROW + len(rules.prices) + 1
        self.limit_rows = {key: limit_top + i for i, (key, _) in enumerate(rules.limits)}
        self.hsm_row = limit_top + len(rules.limits)

    def p(self, key: str) -> str:
        return f"${col(self.block_col + 2)}${self.price_rows[key]}"

    def k(self, key: str) -> str:
        return f"${col(self.block_col + 3)}${self.price_rows[key]}"

    def l(self, key: str) -> str:  # noqa: E743 - short on purpose, like p/k/h
        return f"${col(self.block_col + 2)}${self.limit_rows[key]}"

    def h(self, key: str, r: int) -> str:
        return f"{col(self.helper_cols[key])}{r}"

    def d(self, name: str, r: int) -> str:
        return self.refs.demand(name, r)

    def s(self, name: str) -> str:
        return self.refs.settings[name]

    def levels(self) -> str:
        return self.refs.levels

    def hsm_keys(self) -> str:
        return f"${col(self.block_col + 2)}${self.hsm_row}"

    def user_keys(self) -> str:
        return f"${col(self.block_col + 2)}${self.hsm_row + 1}"

    def lifecycle(self, date_id: str) -> str:
        return self.refs.lifecycle[date_id]


def write_option(ws, comparison: Comparison, option: OptionCost, colour: str, refs: Refs) -> None:
    factory = RULES.get(option.id)
    if factory is None:
        _write_values(ws, comparison, option, refs)
        return
    rules = factory()
    x = Sheet(rules, refs)
    months = len(comparison.months)
    last = FIRST_ROW + months - 1
    total_row = last + 1
    status, fixed, total = col(x.status_col), col(x.fixed_col), col(x.total_col)
    severity = f"${status}${total_row}"

    put_text(ws, 1, 1, option.label, TITLE).border = thick_bottom(colour)
    put_text(ws, 2, 1, "Status", BOLD)
    put(ws, 2, 2, label_formula(severity), font=BOLD)
    put(ws, 2, 3, f'=IF({severity}=0,"",IF({severity}=1,"Lower bound: a price it needs is not entered (red on '
                  f'the right); the totals count the known prices only.","Not ranked: see the notes on the right; '
                  f'the figures are for reference."))', font=WARN)
    header_row(ws, 3, 1, ["Month"] + [item for item, _ in rules.lines] + [f"Total ({comparison.currency})"])
    header_row(ws, 3, x.status_col, ["Status (0 = fully priced)", "Fixed at export",
                                     "Price missing (1 = yes)"],
               font=HELPER_HEADER, fill=HELPER_FILL)
    header_row(ws, 3, x.first_helper, [h for _, h, _, _ in rules.helpers],
               font=HELPER_HEADER, fill=HELPER_FILL)
    live = {"incomplete"} | ({"unverified"} if rules.capacity else set()) | (
        {"unavailable"} if rules.blockers else set())
    fixed_values = fixed_severities(option, live | set(rules.live_statuses), set(rules.live_limits))
    figure = static_format(option, MONEY)
    for m in range(months):
        r = FIRST_ROW + m
        put(ws, r, 1, f"={refs.demand('month', r)}", MONTH)
        for key, _, fmt, formula in rules.helpers:
            put(ws, r, x.helper_cols[key], formula(x, r), fmt)
        for item, formula in rules.lines:
            put(ws, r, x.line_cols[item], formula(x, r), figure)
        first_line, last_line = col(2), col(1 + len(rules.lines))
        put(ws, r, x.total_col, f"=SUM({first_line}{r}:{last_line}{r})", figure)
        put(ws, r, x.fixed_col, fixed_values[m], COUNT, fill=HELPER_FILL)
        put(ws, r, x.missing_col, _missing(rules, x, r), COUNT, fill=HELPER_FILL)
        put(ws, r, x.status_col, f"=MAX({fixed}{r},{col(x.missing_col)}{r}," + _month_status(rules, x, r)[1:] + ")",
            COUNT, fill=HELPER_FILL)
    put_text(ws, total_row, 1, "Total", BOLD)
    for item in list(x.line_cols.values()) + [x.total_col]:
        letter = col(item)
        put(ws, total_row, item, f"=SUM({letter}{FIRST_ROW}:{letter}{last})", figure)
    put(ws, total_row, x.status_col, f"=MAX({status}{FIRST_ROW}:{status}{last})", COUNT, BOLD)
    missing_col = col(x.missing_col)
    missing = f"${missing_col}${total_row}"
    put(ws, total_row, x.missing_col, f"=MAX({missing_col}{FIRST_ROW}:{missing_col}{last})", COUNT, BOLD)
    figure_formats(ws, f"B{FIRST_ROW}:{total}{last}", severity, f"${total}${total_row}", missing)
    figure_formats(ws, f"B{total_row}:{total}{total_row}", severity, f"${total}${total_row}", missing,
                   bold_when_ok=True)
    quoted = quote_sheetname(ws.title)
    refs.option_sheets[option.id] = (ws.title, total, f"{quoted}!$B$2", status, f"{quoted}!{severity}",
                                     f"{quoted}!{missing}")

    _write_block(ws, comparison, option, rules, x)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
    ws.print_title_rows = "3:3"
    wide = 26 if figure != MONEY else 15  # "≥ 12,345.67 (reference)" needs the room
    widths(ws, {1: 10, **{c: wide for c in x.line_cols.values()}, x.total_col: wide + 1, x.status_col: 12,
                x.fixed_col: 10, x.missing_col: 10, x.missing_col + 1: 3})
    notes_end = _printed_notes(ws, option, total_row + 2, x.missing_col)
    ws.print_area = f"A1:{missing_col}{notes_end}"  # the table and the app's notes (helpers are not printed)
    widths(ws, {c: 13 for c in x.helper_cols.values()})


def _printed_notes(ws, option: OptionCost, row: int, last_column: int) -> int:
    """The app's notes under the table, wrapped across it, so a printed option sheet carries them."""
    put_text(ws, row, 1, "Notes from the app at export (they do not recalculate)", BOLD)
    width = sum(ws.column_dimensions[col(c)].width or 13 for c in range(1, last_column + 1))
    for note in option.notes:
        row += 1
        put_text(ws, row, 1, note, alignment=WRAP_TOP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        ws.row_dimensions[row].height = 15 * max(1, -(-len(note) // max(40, int(width * 0.9)))) + 2
    return row


def _missing(rules: Rules, x: Sheet, r: int) -> str:
    """1 when a price the option needs this month is not entered (core: `incomplete` that month)."""
    active = x.d("active", r)
    missing = [f"{x.k(key)}=0" for key in rules.required]
    missing += [f"AND({active}=1,{x.k(key)}=0)" for key in rules.required_active]
    missing += [f"AND({x.s('secrets')}>0,{x.k(key)}=0)" for key in rules.required_with_secrets]
    return f"=IF(OR({','.join(missing)}),1,0)" if missing else "=0"


def _month_status(rules: Rules, x: Sheet, r: int) -> str:
    """This month's severity from what the formulas follow live beyond prices (capacity, HSM keys)."""
    active = x.d("active", r)
    parts = ["0"]
    if rules.capacity:
        known = ",".join(f"ISNUMBER({x.l(key)})" for key in rules.capacity)
        parts.append(f"IF(AND({active}=1,NOT(AND({known}))),2,0)")
    for _, condition in rules.blockers:
        parts.append(f"IF(AND({active}=1,{condition(x)}),4,0)")
    for level, condition in rules.live_checks:
        parts.append(f"IF({condition(x, r)},{level},0)")
    return "=" + ",".join(parts)


def _write_block(ws, comparison: Comparison, option: OptionCost, rules: Rules, x: Sheet) -> None:
    """Prices, limits and notes to the right of the monthly table: the formulas point here."""
    b = x.block_col
    header_row(ws, 3, b, ("Price used", "Price id", "Value", "Known (1 = yes)"))
    region = x.s("region")
    for key, price_id in rules.prices:
        r = x.price_rows[key]
        if "{region}" in price_id:
            ids = [price_id.format(region=reg) for reg in ("mainland", "outside_mainland")]
            cells = [x.refs.prices.get(i) for i in ids]
            label = comparison.catalog.price(price_id.format(region=comparison.plan.api_region)).label
            put_text(ws, r, b, label)
            put_text(ws, r, b + 1, price_id.replace("{region}", "<API region>"))
            put(ws, r, b + 2, f'=IF({region}="mainland",{cells[0]},{cells[1]})', RATE)
            put(ws, r, b + 3, f'=IF(IF({region}="mainland",ISNUMBER({cells[0]}),ISNUMBER({cells[1]})),1,0)', COUNT)
        else:
            cell = x.refs.prices[price_id]
            put_text(ws, r, b, comparison.catalog.price(price_id).label)
            put_text(ws, r, b + 1, price_id)
            put(ws, r, b + 2, f"={cell}", RATE)
            put(ws, r, b + 3, f"=IF(ISNUMBER({cell}),1,0)", COUNT)
    if rules.prices:  # an unknown price shows red, live: entering it on Prices clears the flag
        first, last = FIRST_ROW, FIRST_ROW + len(rules.prices) - 1
        known = col(b + 3)
        ws.conditional_formatting.add(f"{col(b + 2)}{first}:{known}{last}",
                                      FormulaRule(formula=[f"${known}{first}=0"], fill=MISSING_FILL))
    for key, name in rules.limits:
        r = x.limit_rows[key]
        entry = getattr(comparison.catalog, "limit_entries", {}).get(name)
        put_text(ws, r, b, entry.label if entry is not None else LIMIT_LABELS.get(name, name))
        put_text(ws, r, b + 1, name)
        cell = x.refs.limits[name]
        put(ws, r, b + 2, f'=IF(ISNUMBER({cell}),{cell},"")', COUNT)
    r = x.hsm_row
    put_text(ws, r, b, "HSM-protected user keys in the plan")
    put(ws, r, b + 2, f"=SUMPRODUCT({x.refs.group('hsm')}*{x.refs.group('keys')})", COUNT)
    put_text(ws, r + 1, b, "User keys in the plan (billed)")
    put(ws, r + 1, b + 2, f"=SUMPRODUCT({x.refs.group('user')}*{x.refs.group('keys')})", COUNT)
    r += 1

    r += 2
    put_text(ws, r, b, "Notes from the app at export (text: they do not recalculate)", BOLD)
    for note in option.notes:  # one line each, overflowing to the right: rows keep their height
        r += 1
        put_text(ws, r, b, note)
    widths(ws, {b: 44, b + 1: 34, b + 2: 12, b + 3: 10})


def _write_values(ws, comparison: Comparison, option: OptionCost, refs: Refs) -> None:
    """An option the workbook has no formulas for: its monthly amounts and statuses as values, said plainly."""
    from core.status import severity as rank
    n = len(option.lines)
    total, status = col(2 + n), col(3 + n)
    months = len(comparison.months)
    total_row = FIRST_ROW + months
    put_text(ws, 1, 1, option.label, TITLE)
    put_text(ws, 2, 1, "Status", BOLD)
    put_text(ws, 2, 2, status_label(option.status), BOLD)
    put_text(ws, 2, 3, "Values from the app at export: this option has no formulas in the workbook.", WARN)
    header_row(ws, 3, 1, ["Month"] + [line.item for line in option.lines] + [f"Total ({comparison.currency})",
                                                                             "Status (0 = fully priced)"])
    figure = static_format(option, MONEY)
    for m in range(months):
        r = FIRST_ROW + m
        put(ws, r, 1, f"={refs.demand('month', r)}", MONTH)
        for i, line in enumerate(option.lines):
            put(ws, r, 2 + i, line.monthly[m], figure)
        put(ws, r, 2 + n, f"=SUM(B{r}:{col(1 + n)}{r})" if option.lines else 0, figure)
        put(ws, r, 3 + n, rank(option.monthly_status[m]), COUNT)
    put_text(ws, total_row, 1, "Total", BOLD)
    put(ws, total_row, 2 + n, f"=SUM({total}{FIRST_ROW}:{total}{total_row - 1})", figure)
    put(ws, total_row, 3 + n, rank(option.status), COUNT)
    refs.option_sheets[option.id] = (ws.title, total, f"{quote_sheetname(ws.title)}!$B$2", status,
                                     f"{quote_sheetname(ws.title)}!${status}${total_row}",
                                     "1" if any(f.status == "incomplete" for f in option.findings) else "0")
    for i, note in enumerate(option.notes):
        put_text(ws, FIRST_ROW + i, 5 + n, note, MUTED)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
    ws.print_title_rows = "3:3"
