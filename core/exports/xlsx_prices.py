"""The Prices sheet: every unit price, quota and key-spec class the formulas use, editable."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule

from datetime import date

from core.catalog import PriceCatalog
from core.exports.xlsx_cells import (BOLD, COUNT, DATE, INPUT_FILL, MISSING_FILL, MUTED, RATE, TITLE,
                                     WARN, header_row, put, put_text, ref, widths)
from core.exports.xlsx_checks import choice_check, number_check, protect, unlock
from core.exports.xlsx_refs import PRICES, Refs

LIMIT_LABELS = {
    "payg_legacy_advanced_tier_versions": "KMS 1.0: advanced hardware versions per day at the first-tier price",
    "instance_software_key_quota": "Software instance: default key quota (key versions)",
    "instance_software_qps": "Software instance: default QPS",
    "instance_software_secret_quota": "Software instance: default secret quota",
    "instance_hardware_key_quota": "Hardware instance: default key quota (key versions)",
    "instance_hardware_qps": "Hardware instance: default QPS",
    "instance_hardware_secret_quota": "Hardware instance: default secret quota",
    "instance_max_key_quota": "Instance: largest key quota with add-ons",
    "instance_max_secret_quota": "Instance: largest secret quota with add-ons",
    "instance_qps_levels": "Instance: QPS level that can be bought",
}
COLUMNS = ("Price id", "What", "Value", "Unit", "Currency", "Source", "URL", "Effective date",
           "Overridden in the plan", "Published value", "Check")


def write_prices(ws, catalog: PriceCatalog, refs: Refs) -> None:
    put_text(ws, 1, 1, "Unit prices, quotas and key classes", TITLE)
    put_text(ws, 2, 1, "Change any value in column C: every option sheet and the comparison follow. "
                       "An empty value is a price the vendor does not publish: enter the buy page's "
                       "price to include it.", MUTED)
    header_row(ws, 3, 1, COLUMNS)
    row = 4
    for price in catalog.prices.values():
        put_text(ws, row, 1, price.id)
        put_text(ws, row, 2, price.label)
        value_cell = put(ws, row, 3, price.value, RATE) if price.known else ws.cell(row=row, column=3)
        value_cell.fill = INPUT_FILL  # red while empty: conditional formatting below
        unlock(value_cell)
        put_text(ws, row, 4, price.unit)
        put_text(ws, row, 5, price.currency)
        put_text(ws, row, 6, price.source.title)
        if price.source.url:
            link = put_text(ws, row, 7, price.source.url)
            link.hyperlink = price.source.url
        put_text(ws, row, 8, price.source.effective_date)
        put_text(ws, row, 9, "yes" if price.overridden else "no", BOLD if price.overridden else None)
        published = price.catalog_value if price.overridden else price.value
        if published is not None:
            put(ws, row, 10, published, RATE)
        else:
            put_text(ws, row, 10, "not published", MUTED)
        put(ws, row, 11, f'=IF(ISNUMBER(C{row}),"","not published: enter the price in C{row}")', font=WARN)
        refs.prices[price.id] = ref(PRICES, 3, row)
        refs.price_rows[price.id] = row
        row += 1

    ws.conditional_formatting.add(f"C4:C{row - 1}", FormulaRule(formula=["NOT(ISNUMBER(C4))"], fill=MISSING_FILL))
    number_check(ws, f"C4:C{row - 1}", "price", what="Price")
    row += 1
    put_text(ws, row, 1, "Quotas and tiers", BOLD)
    header_row(ws, row + 1, 1, ("Limit", "What", "Value", "", "", "", "", "", "Overridden in the plan",
                                "Published value"))
    row += 2
    entries = getattr(catalog, "limit_entries", None) or {n: None for n in catalog.limits}
    first_limit = row
    for name, entry in entries.items():
        value = entry.value if entry is not None else catalog.limits[name]
        values = value if isinstance(value, (list, tuple)) else [value]
        first = row
        for n, item in enumerate(values):
            put_text(ws, row, 1, name)
            label = entry.label if entry is not None else LIMIT_LABELS.get(name, name)
            put_text(ws, row, 2, f"{label} {n + 1}" if len(values) > 1 else label)
            cell = put(ws, row, 3, int(item), COUNT) if item is not None else ws.cell(row=row, column=3)
            cell.number_format = COUNT
            cell.fill = INPUT_FILL
            unlock(cell)
            if item is None:
                put_text(ws, row, 4, "not published: enter the value you were quoted", WARN)
            if entry is not None and entry.overridden and len(values) == 1:
                put_text(ws, row, 9, "yes", BOLD)
                published = entry.catalog_value
                if published is not None:
                    put(ws, row, 10, int(published), COUNT)
                else:
                    put_text(ws, row, 10, "not published", MUTED)
            row += 1
        if len(values) > 1:
            refs.levels = f"{PRICES}!$C${first}:$C${row - 1}"
        else:
            refs.limits[name] = ref(PRICES, 3, first)
    number_check(ws, f"C{first_limit}:C{row - 1}", "limit", what="Limit")
    ws.conditional_formatting.add(f"C{first_limit}:C{row - 1}",
                                  FormulaRule(formula=[f"NOT(ISNUMBER(C{first_limit}))"], fill=MISSING_FILL))
    if "instance_qps_levels" in catalog.limits:
        put_text(ws, row, 2, "QPS levels must stay in ascending order.", MUTED)
        row += 1

    lifecycle = getattr(catalog, "lifecycle", None) or {}
    if lifecycle:
        row += 1
        put_text(ws, row, 1, "Lifecycle dates (from the sources; fixed)", BOLD)
        header_row(ws, row + 1, 1, ("Date id", "What", "Date", "", "", "Source", "URL"))
        row += 2
        for entry in lifecycle.values():
            put_text(ws, row, 1, entry.id)
            put_text(ws, row, 2, entry.label)
            put(ws, row, 3, date.fromisoformat(entry.date), DATE)
            put_text(ws, row, 6, entry.source.title)
            if entry.source.url:
                put_text(ws, row, 7, entry.source.url).hyperlink = entry.source.url
            refs.lifecycle[entry.id] = ref(PRICES, 3, row)
            row += 1
    row += 1
    put_text(ws, row, 1, "Key specs", BOLD)
    header_row(ws, row + 1, 1, ("KeySpec", "Class (basic / advanced)", "Family (symmetric / asymmetric)"))
    row += 2
    first = row
    family = getattr(catalog, "family", lambda spec: "symmetric")
    for spec, cls in catalog.specs.items():
        put_text(ws, row, 1, spec)
        for column, value in ((2, cls), (3, family(spec))):
            unlock(put_text(ws, row, column, value))
            ws.cell(row=row, column=column).fill = INPUT_FILL
        row += 1
    refs.spec_names = f"{PRICES}!$A${first}:$A${row - 1}"
    refs.spec_classes = f"{PRICES}!$B${first}:$B${row - 1}"
    refs.spec_families = f"{PRICES}!$C${first}:$C${row - 1}"
    choice_check(ws, f"B{first}:B{row - 1}", ("basic", "advanced"), "Key class", allow_blank=False)
    choice_check(ws, f"C{first}:C{row - 1}", ("symmetric", "asymmetric"), "Key family", allow_blank=False)
    protect(ws)
    ws.print_title_rows = "3:3"

    ws.freeze_panes = "C4"
    widths(ws, {1: 40, 2: 58, 3: 12, 4: 16, 5: 9, 6: 36, 7: 40, 8: 13, 9: 11, 10: 12, 11: 30})
