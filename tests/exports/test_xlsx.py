"""The exported workbook's structure: sheets, live formulas, the chart, text safety, safe writes."""

from __future__ import annotations

import errno
import os
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

import core.atomic
from core.catalog import option_styles
from core.compare import compare
from core.exports import ExportCancelled, ExportError
from core.exports.xlsx import sheet_title, write_workbook
from core.headline import headline
from core.plan import KeyGroup, Plan

from xlsx_cases import sample_plans

SAAS = sample_plans()["growing-saas"]
SAAS_START = date(*map(int, SAAS.start_month.split("-")), 1)


@pytest.fixture(scope="module")
def saas_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "saas.xlsx"
    write_workbook(compare(SAAS), path, app_version="9.8.7", today=date(2027, 3, 4))
    return path, openpyxl.load_workbook(path)


def _option_sheet(wb, option):
    return next(wb[t] for t in wb.sheetnames if wb[t]["A1"].value == option.label)


def test_sheets_in_reading_order_with_days_hidden(saas_book):
    _, wb = saas_book
    shorts = [s.short for s in option_styles().values()]
    assert wb.sheetnames == ["Comparison", "Chart", "Inputs", "Key groups", "Prices", "Demand", *shorts, "Days"]
    assert wb["Days"].sheet_state == "hidden"
    assert all(wb[name].sheet_state == "visible" for name in wb.sheetnames[:-1])


def test_inputs_hold_the_plan_as_editable_values(saas_book):
    _, wb = saas_book
    ws = wb["Inputs"]
    assert ws["B4"].value == SAAS.name and ws["B6"].value == "outside_mainland"
    assert ws["B7"].value.date() == SAAS_START and ws["B7"].number_format == "yyyy-mm"
    assert (ws["B8"].value, ws["B9"].value, ws["B10"].value) == (36, 3, 0)
    assert ws["B12"].value == "KMS Cost Planner 9.8.7" and ws["B13"].value.date() == date(2027, 3, 4)
    assert ws["B14"].value == "=DATE(YEAR(B7),MONTH(B7),1)"  # a date on the 15th counts from the 1st
    assert ws.freeze_panes == "A4"
    ws = wb["Key groups"]
    first = 4
    assert [ws.cell(row=first, column=c).value for c in range(1, 11)] == [
        "tenant-data-keys", "user", "SOFTWARE", "Aliyun_AES_256", 60, 1, 90, "Enabled", 60000000, 0.04]
    assert ws.cell(row=first, column=10).number_format == "0.0###%"  # growth is a percentage
    assert ws.cell(row=first + 3, column=7).value is None  # no rotation: an empty cell
    assert ws.cell(row=first + 4, column=8).value == "PendingDeletion"
    # the row's check, then helper columns: formulas over the row (numbers read, billing class, ...)
    assert ws.cell(row=first, column=11).value.startswith("=IF(COUNTA(")
    assert ws.cell(row=first, column=12).value.startswith("=IF(ISNUMBER(E4),E4,IFERROR(VALUE(TRIM(E4)),0))")
    assert ws.freeze_panes == "B4"


def test_prices_list_every_price_with_its_source_and_flag_unknown_ones(saas_book):
    _, wb = saas_book
    ws = wb["Prices"]
    catalog = compare(SAAS).catalog
    rows = {ws.cell(row=r, column=1).value: r for r in range(4, 4 + len(catalog.prices))}
    assert set(rows) == set(catalog.prices)
    r = rows["payg-legacy.hosting.hsm-advanced.first-2000"]
    assert [ws.cell(row=r, column=c).value for c in (3, 4, 5, 6, 8, 9)] == [
        0.083, "key version-day", "USD", "Billing of KMS 1.0", "2025-09-01", "no"]
    assert ws.cell(row=r, column=7).hyperlink.target.startswith("https://www.alibabacloud.com/")
    unknown = rows["cloud-hsm.cluster.month"]
    assert ws.cell(row=unknown, column=3).value is None
    assert ws.cell(row=unknown, column=10).value == "not published"
    assert ws.cell(row=unknown, column=11).value.startswith("=IF(ISNUMBER(C")


def test_overridden_prices_say_so_and_keep_the_published_value(tmp_path):
    plan = SAAS.with_(price_overrides={"dedicated.month": Decimal("1650.5")})
    write_workbook(compare(plan), tmp_path / "o.xlsx", app_version="t")
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx")["Prices"]
    r = next(r for r in range(4, ws.max_row) if ws.cell(row=r, column=1).value == "dedicated.month")
    assert [ws.cell(row=r, column=c).value for c in (3, 9, 10)] == [1650.5, "yes", 1799]


def test_option_sheets_are_formulas_with_core_line_items_and_a_total(saas_book):
    _, wb = saas_book
    comparison = compare(SAAS)
    for option in comparison.options:
        ws = _option_sheet(wb, option)
        headers = [ws.cell(row=3, column=c).value for c in range(1, ws.max_column + 1)]
        assert headers[0] == "Month"
        total = headers.index("Total (USD)")
        assert [line.item for line in option.lines] == [h for h in headers[1:total] if h in
                                                        {line.item for line in option.lines}]
        for m in range(len(comparison.months)):
            for c in range(1, total + 2):
                value = ws.cell(row=4 + m, column=c).value
                assert isinstance(value, str) and value.startswith("="), (option.id, m, c, value)
        assert ws["B2"].value.startswith("=CHOOSE(")  # the status label of the live severity
        assert ws.freeze_panes == "B4"


def test_payg_hosting_formula_reads_demand_and_the_price_block(saas_book):
    _, wb = saas_book
    ws = wb["KMS 1.0 PAYG"]
    formula = ws["B4"].value
    assert formula.startswith("=Demand!$F4*$") and "Demand!$J4" in formula and "Demand!$K4" in formula
    # the price block on the right points at the Prices sheet
    block = next(c for c in range(1, ws.max_column + 1) if ws.cell(row=3, column=c).value == "Price used")
    assert ws.cell(row=4, column=block + 1).value == "payg-legacy.hosting.service"
    assert ws.cell(row=4, column=block + 2).value == "='Prices'!$C$4"


def test_a_whatif_workbook_says_so_and_holds_the_scaled_plan(tmp_path):
    """Exported while a what-if is shown: the scaled plan is in the inputs, and the headline (on the
    Comparison and the Chart sheets) and every printed page's header say it is a what-if."""
    from core.sweep import WhatIf

    comparison = compare(SAAS, whatif=WhatIf(keys_factor=Decimal("2.5"), months=48))
    path = tmp_path / "whatif.xlsx"
    write_workbook(comparison, path, app_version="t")
    wb = openpyxl.load_workbook(path)
    note = "What-if applied (not saved in the plan): keys ×2.5, +12 months (48)"
    assert comparison.whatif_note == note
    assert wb["Comparison"]["A1"].value == headline(comparison) + "\n" + note
    assert wb["Chart"]["A1"].value == wb["Comparison"]["A1"].value
    header = "Growing SaaS with rotation (software keys) (what-if, not saved: keys ×2.5, +12 months (48))"
    assert wb["Inputs"].oddHeader.left.text == wb["Key groups"].oddHeader.left.text == header
    assert wb["Key groups"]["E4"].value == 150  # 60 keys x 2.5
    assert compare(SAAS).whatif_note is None


def test_comparison_has_totals_cheapest_and_cumulative_formulas(saas_book):
    _, wb = saas_book
    ws = wb["Comparison"]
    k = len(option_styles())
    assert ws["A1"].value == headline(compare(SAAS))
    assert "INDEX(" in ws["B2"].value and "MATCH(MIN(" in ws["B2"].value
    assert ws["B4"].value == "=SUM(B8:B43)"
    assert ws["B8"].value == "='KMS 1.0 PAYG'!E4"  # key hosting, API calls, secrets, total
    assert ws.cell(row=9, column=3 + k).value == f"={ws.cell(row=8, column=3 + k).coordinate}+B9"
    assert ws.freeze_panes == "B8"
    assert ws["C8"].number_format == "#,##0.00"  # software instance: fully priced
    assert ws["B8"].number_format == '#,##0.00" (reference)"'  # KMS 1.0: ended, a reference figure
    assert ws["D8"].number_format == '"≥ "#,##0.00'  # hardware instance: a lower bound
    assert ws["G8"].number_format == '"≥ "#,##0.00" (reference)"'  # Dedicated: no capacity, no cluster price


def test_chart_is_a_native_line_chart_with_one_coloured_series_per_option(saas_book):
    path, wb = saas_book
    ws = wb["Comparison"]
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = z.read(charts[0]).decode()
    assert len(charts) == 1
    assert xml.count("<ser>") == len(option_styles()) and "<lineChart>" in xml
    for style in option_styles().values():
        assert style.colour.lstrip("#").upper() in xml
    assert xml.count('<delete val="0" />') == 2  # both axes shown in current Excel
    assert "'Comparison'!$J$8:$J$43" in xml  # the first cumulative column
    assert "'Comparison'!$A$8:$A$43" in xml  # months on the category axis
    assert ws.title == "Comparison"


def test_text_typed_by_the_user_never_becomes_a_formula(tmp_path):
    plan = Plan(name="=HYPERLINK(\"http://x\")", key_groups=(
        KeyGroup(name="=1+1", count=2), KeyGroup(name="+cmd", count=1), KeyGroup(name="-2", count=1)))
    path = tmp_path / "t.xlsx"
    write_workbook(compare(plan), path, app_version="t")
    wb = openpyxl.load_workbook(path)
    ws = wb["Inputs"]
    assert ws["B4"].value == "=HYPERLINK(\"http://x\")" and ws["B4"].data_type == "s"
    ws = wb["Key groups"]
    assert [ws.cell(row=r, column=1).value for r in (4, 5, 6)] == ["=1+1", "+cmd", "-2"]
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in (4, 5, 6))
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet4.xml").decode()  # Key groups
    assert "<f>1+1</f>" not in sheet and "<f>HYPERLINK" not in sheet
    assert 't="inlineStr"><is><t>=1+1</t>' in sheet


def test_progress_counts_up_to_the_total(tmp_path):
    calls = []
    write_workbook(compare(SAAS), tmp_path / "p.xlsx", progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 5
    total = calls[0][1]
    assert all(t == total for _, t in calls)
    assert [done for done, _ in calls] == list(range(1, total + 1))


def test_cancel_leaves_no_file_and_keeps_an_existing_one(tmp_path):
    target = tmp_path / "c.xlsx"
    with pytest.raises(ExportCancelled) as info:
        write_workbook(compare(SAAS), target, cancelled=lambda: True)
    assert str(info.value) == f"Export of {target} cancelled: no file was written."
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"old")
    seen = []
    with pytest.raises(ExportCancelled):
        write_workbook(compare(SAAS), target, cancelled=lambda: len(seen) > 3 or seen.append(1))
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_gives_export_error_and_keeps_the_file(tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="r.xlsx"):
            write_workbook(compare(SAAS), target)
    finally:
        tmp_path.chmod(0o755)
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("error, words", [
    (PermissionError(errno.EACCES, "Permission denied"), "read-only, or open in another program"),
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
])
def test_write_failures_name_the_file_and_the_problem_and_keep_it(tmp_path, monkeypatch, error, words):
    target = tmp_path / "locked.xlsx"
    target.write_bytes(b"old")

    def refuse(*args):
        raise error
    monkeypatch.setattr(core.atomic.os, "replace", refuse)
    with pytest.raises(ExportError) as info:
        write_workbook(compare(SAAS), target)
    assert str(target) in str(info.value) and words in str(info.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.xlsx"]  # no temporary file left


def test_read_only_folder_message_when_nothing_exists_yet(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(core.atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="folder is read-only"):
        write_workbook(compare(SAAS), tmp_path / "new.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_and_folder_target_are_explained(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_workbook(compare(SAAS), tmp_path / "nope" / "x.xlsx")
    with pytest.raises(ExportError, match="is a folder"):
        write_workbook(compare(SAAS), tmp_path)
    assert issubclass(ExportError, ValueError) and issubclass(ExportCancelled, ExportError)


def test_sheet_titles_are_valid_and_unique():
    taken = {"comparison"}
    assert sheet_title("Comparison", taken) == "Comparison (2)"
    assert sheet_title("a/b:c*d?[e]", taken) == "a b c d  e"
    assert len(sheet_title("x" * 40, taken)) == 31


def test_core_never_imports_qt_for_the_workbook():
    import subprocess
    import sys
    code = ("import sys; import core.exports.xlsx; "
            "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_an_option_without_formulas_is_written_as_values_and_said_so(tmp_path):
    from dataclasses import replace

    from core.options.base import Line, OptionCost
    base = compare(SAAS)
    extra = OptionCost(id="other-cloud", label="Other cloud KMS", available=True, months=36, notes=("For reference.",),
                       lines=(Line("keys", (Decimal("1.25"),) * 36),))
    path = tmp_path / "extra.xlsx"
    write_workbook(replace(base, options=base.options + (extra,)), path, app_version="t")
    wb = openpyxl.load_workbook(path)
    ws = wb["Other cloud KMS"]
    assert ws["B4"].value == 1.25 and ws["C4"].value == "=SUM(B4:B4)"
    assert "no formulas" in ws["C2"].value
    assert wb["Comparison"].cell(row=8, column=8).value == "='Other cloud KMS'!C4"
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/charts/chart1.xml").decode().count("<ser>") == 7


# Functions Excel 2007+ and LibreOffice both evaluate, none needing Excel's _xlfn. prefix.
PORTABLE = {"SUM", "SUMPRODUCT", "SUMIFS", "INDEX", "MATCH", "MIN", "MAX", "ROUNDUP", "ROUND", "IF", "AND", "OR",
            "NOT", "INT", "DATE", "YEAR", "MONTH", "ISNUMBER", "IFERROR", "N", "COUNT", "COUNTA", "CHOOSE",
            "VALUE", "TRIM", "LEN", "COUNTIF"}


def test_every_formula_parses_and_uses_only_portable_functions(saas_book):
    from openpyxl.formula.tokenizer import Token, Tokenizer
    _, wb = saas_book
    used, formulas = set(), 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas += 1
                    for token in Tokenizer(cell.value).items:
                        if token.type == Token.FUNC and token.subtype == Token.OPEN:
                            used.add(token.value.rstrip("("))
    assert formulas > 10_000
    assert used <= PORTABLE, used - PORTABLE


def test_control_characters_in_names_become_visible_symbols(tmp_path):
    plan = Plan(name="bell\x07", key_groups=(KeyGroup(name="=unit\x1fsep\x00"),))
    write_workbook(compare(plan), tmp_path / "ctl.xlsx", app_version="t")
    wb = openpyxl.load_workbook(tmp_path / "ctl.xlsx")
    assert wb["Inputs"]["B4"].value == "bell\u2407"
    ws = wb["Key groups"]
    assert ws["A4"].value == "=unit\u241fsep\u2400" and ws["A4"].data_type == "s"
