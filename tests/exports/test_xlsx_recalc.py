"""The workbook's formulas reproduce the app's numbers: LibreOffice recalculates every export.

Every sample plan and edge plan (overrides, secrets, mainland, key states, service keys, the
add-on route, Dedicated sized by entered capacity, a tie) is exported, recalculated by LibreOffice
headless in one process, and each option's status, total, monthly totals and line totals are
compared with core to the cent. Edited
workbooks (a price, a key count, a new key group, the start month, the region) prove the
formulas are live: their totals match core for the plan edited the same way.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from core.catalog import option_styles
from core.compare import compare
from core.exports.xlsx import write_workbook
from core.headline import headline
from core.plan import KeyGroup
from core.status import status_label
from core.sweep import WhatIf

from xlsx_cases import all_plans, recalculate, sample_plans

pytestmark = pytest.mark.slow
CENT = 0.005


def _row_of(ws, column: int, value) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value!r} not found in column {column} of {ws.title}")


def _edit_price(wb, price_id: str, value) -> None:
    ws = wb["Prices"]
    ws.cell(row=_row_of(ws, 1, price_id), column=3).value = value


def _edit_setting(wb, label: str, value) -> None:
    ws = wb["Inputs"]
    ws.cell(row=_row_of(ws, 1, label), column=2).value = value


def _edit_group(wb, name: str, column: int, value) -> None:
    ws = wb["Key groups"]
    ws.cell(row=_row_of(ws, 1, name), column=column).value = value


def _add_group(wb, after: str, values) -> None:
    ws = wb["Key groups"]
    row = _row_of(ws, 1, after) + 1
    for i, value in enumerate(values):
        ws.cell(row=row, column=1 + i).value = value


def _edits():
    """(name, base plan, edit of the exported workbook, the same edit on the plan)."""
    saas = sample_plans()["growing-saas"]
    estate = sample_plans()["regulated-estate"]
    new_group = KeyGroup(name="added-in-excel", protection="HSM", spec="EC_P256", count=2100, rotation_days=30,
                         calls_per_month=Decimal(4_000_000), calls_growth_pct=Decimal(1))
    return [
        ("edit-prices", saas,
         lambda wb: (_edit_price(wb, "instance-software.month", 650), _edit_price(wb, "payg-instance.qps.day", 0.7),
                     _edit_price(wb, "instance-software.key-quota", 0.02)),
         saas.with_(price_overrides={"instance-software.month": Decimal(650), "payg-instance.qps.day": Decimal("0.7"),
                                     "instance-software.key-quota": Decimal("0.02")})),
        ("edit-keys", saas,
         lambda wb: (_edit_group(wb, "tenant-data-keys", 5, 1500), _edit_group(wb, "jwt-signing", 7, 45),
                     _edit_group(wb, "archive-keys", 8, "PendingDeletion"), _edit_setting(wb, "Secrets", 3)),
         saas.with_(secrets=3, key_groups=[
             g.with_(count=1500) if g.name == "tenant-data-keys" else
             g.with_(rotation_days=45) if g.name == "jwt-signing" else
             g.with_(state="PendingDeletion") if g.name == "archive-keys" else g for g in saas.key_groups])),
        ("edit-add-group", estate,
         lambda wb: (_add_group(wb, estate.key_groups[-1].name,
                                ["added-in-excel", "user", "HSM", "EC_P256", 2100, 1, 30, "Enabled", 4_000_000, 0.01]),
                     _edit_setting(wb, "Start month", datetime(2028, 2, 1)),
                     _edit_setting(wb, "API region (mainland / outside_mainland)", "outside_mainland"),
                     _edit_setting(wb, "Peak-to-average QPS", 6)),
         estate.with_(key_groups=estate.key_groups + (new_group,), start_month="2028-02",
                      api_region="outside_mainland", peak_to_average=Decimal(6))),
    ]


_WHATIFS = {  # a what-if comparison carries the scaled plan only when asked (core.compare.Comparison.plan)
    "growing-saas, keys x2.5 calls x1.5 +12 months": (
        sample_plans()["growing-saas"], WhatIf(Decimal("1.5"), Decimal("2.5"), Decimal(0), 48)),
    "regulated-estate, growth +1.5 pp": (sample_plans()["regulated-estate"], WhatIf(growth_delta_pct=Decimal("1.5"))),
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """name -> (core comparison expected, recalculated workbook with values)."""
    folder = tmp_path_factory.mktemp("workbooks")
    expected, files = {}, []
    for name, plan in all_plans().items():
        comparison = compare(plan)
        path = folder / f"{name}.xlsx"
        write_workbook(comparison, path, app_version="test")
        expected[name], files = comparison, files + [path]
    for name, (plan, whatif) in _WHATIFS.items():  # what the Export menu writes while a what-if is shown
        comparison = compare(plan, whatif=whatif)
        path = folder / f"{name}.xlsx"
        write_workbook(comparison, path, app_version="test")
        expected[name], files = comparison, files + [path]
    for name, plan, edit, edited in _edits():
        path = folder / f"{name}.xlsx"
        write_workbook(compare(plan), path, app_version="test")
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
        expected[name], files = compare(edited), files + [path]
    outputs = recalculate(files, folder / "out", tmp_path_factory.mktemp("lo-profile"))
    return {name: (expected[name], openpyxl.load_workbook(outputs[folder / f"{name}.xlsx"], data_only=True))
            for name in expected}


EDITED = [name for name, *_ in _edits()]
NAMES = list(all_plans()) + list(_WHATIFS) + EDITED


@pytest.mark.parametrize("name", NAMES)
def test_comparison_sheet_matches_core_to_the_cent(recalculated, name):
    comparison, wb = recalculated[name]
    ws = wb["Comparison"]
    k = len(comparison.options)
    for i, option in enumerate(comparison.options):
        column = 2 + i
        assert ws.cell(row=3, column=column).value == status_label(option.status), option.id
        assert ws.cell(row=4, column=column).value == pytest.approx(float(option.total), abs=CENT), option.id
        missing = ws.cell(row=4, column=3 + 2 * k + i).value  # hidden: a needed price is missing
        assert missing == (1 if any(f.status == "incomplete" for f in option.findings) else 0), option.id
        ranked = ws.cell(row=5, column=column).value
        assert (ranked == pytest.approx(float(option.total), abs=CENT)) if option.available else ranked is None
        for m, amount in enumerate(option.monthly):
            got = ws.cell(row=8 + m, column=column).value
            assert got == pytest.approx(float(amount), abs=CENT), (option.id, comparison.months[m])
        cumulative = comparison.cumulative(option.id)
        last = ws.cell(row=7 + len(comparison.months), column=3 + k + i).value
        assert last == pytest.approx(float(cumulative[-1]), abs=CENT)
    by_month = [ws.cell(row=8 + m, column=2 + k).value for m in range(len(comparison.months))]
    shorts = option_styles()
    assert by_month == [shorts[o].short if o else "none fully priced" for o in comparison.cheapest_by_month()]
    cheapest = comparison.cheapest
    tie = " (a tie: see the difference row)" if len(comparison.tied_with_cheapest()) > 1 else ""
    assert ws["B2"].value == (option_styles()[cheapest].short + tie if cheapest else "none fully priced")
    for i, option in enumerate(comparison.options):  # the difference row: "cheapest" is a number 0, never "0.00 less"
        difference = comparison.difference_to_cheapest(option.id) if option.available else None
        got = ws.cell(row=6, column=2 + i).value
        assert got == ("n/a" if difference is None else pytest.approx(float(difference), abs=CENT)), option.id
    if name not in EDITED:  # the headline is the app's verdict at export: it does not recalculate
        note = comparison.whatif_note  # a what-if says so, on its own line
        assert ws["A1"].value == headline(comparison) + (f"\n{note}" if note else "")
        assert (name in _WHATIFS) == bool(note)
        assert wb["Chart"]["A1"].value == ws["A1"].value
    assert ws.cell(row=8, column=1).value.strftime("%Y-%m") == comparison.months[0]


@pytest.mark.parametrize("name", NAMES)
def test_option_sheets_line_items_match_core(recalculated, name):
    comparison, wb = recalculated[name]
    for option in comparison.options:
        ws = next(wb[t] for t in wb.sheetnames if wb[t]["A1"].value == option.label)
        headers = {ws.cell(row=3, column=c).value: c for c in range(2, ws.max_column + 1)}
        total_row = 4 + len(comparison.months)
        core_lines = {line.item: line for line in option.lines}
        for item, line in core_lines.items():
            assert item in headers, (option.id, item)
            assert ws.cell(row=total_row, column=headers[item]).value == pytest.approx(float(line.total), abs=CENT), (
                option.id, item)
            for m, amount in enumerate(line.monthly):
                got = ws.cell(row=4 + m, column=headers[item]).value
                assert got == pytest.approx(float(amount), abs=CENT), (option.id, item, m)
        total_col = headers[f"Total ({comparison.currency})"]
        for column in range(2, total_col):  # line items not in core's lines must stay at zero
            item = ws.cell(row=3, column=column).value
            if item not in core_lines:
                assert ws.cell(row=total_row, column=column).value == pytest.approx(0, abs=CENT), (option.id, item)
        assert ws.cell(row=total_row, column=total_col).value == pytest.approx(float(option.total), abs=CENT)

ERRORS = ("#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


@pytest.mark.parametrize("name", NAMES)
def test_no_cell_anywhere_evaluates_to_an_error(recalculated, name):
    _, wb = recalculated[name]
    bad = [f"{ws.title}!{cell.coordinate}={cell.value}" for ws in wb.worksheets for row in ws.iter_rows()
           for cell in row if isinstance(cell.value, str) and cell.value.startswith(ERRORS)]
    assert not bad, bad[:10]


def test_instance_counts_follow_core(recalculated):
    comparison, wb = recalculated["addon-route"]
    for option_id in ("instance-software", "instance-hardware"):
        option = comparison.option(option_id)
        ws = next(wb[t] for t in wb.sheetnames if wb[t]["A1"].value == option.label)
        headers = {ws.cell(row=3, column=c).value: c for c in range(2, ws.max_column + 1)}
        got = [ws.cell(row=4 + m, column=headers["Instances bought"]).value for m in range(len(comparison.months))]
        assert got == list(option.detail("instances"))
        routes = [ws.cell(row=4 + m, column=headers["Add-ons cheaper (1 = yes)"]).value
                  for m in range(len(comparison.months))]
        assert routes == [1 if r == "add-ons" else 0 for r in option.detail("route")]
        assert routes[0] == 0 and routes[-1] == 1  # the route changes within the plan


def test_dedicated_is_sized_by_the_entered_capacity_with_a_cluster_each(recalculated):
    comparison, wb = recalculated["dedicated-sized"]
    option = comparison.option("dedicated")
    ws = next(wb[t] for t in wb.sheetnames if wb[t]["A1"].value == option.label)
    headers = {ws.cell(row=3, column=c).value: c for c in range(2, ws.max_column + 1)}
    got = [ws.cell(row=4 + m, column=headers["Instances (one until the capacity is entered)"]).value
           for m in range(len(comparison.months))]
    assert got == list(option.detail("instances")) and max(got) > 1
    assert "Cloud HSM cluster" in headers and option.status == "ok"


def test_names_starting_with_equals_stay_text_after_recalculation(recalculated):
    comparison, wb = recalculated["service-only"]
    assert wb["Inputs"]["B4"].value == "=SUM(1,2) service keys"
    assert wb["Key groups"]["A4"].value == "=cloud-default"
    assert wb["Comparison"]["A1"].value == headline(comparison)
