"""The workbook prints: A4 landscape one page wide, repeated header rows, plan, export date and page
numbers in the header and footer, the chart on its own sheet, readable colours (WCAG contrast at
least 4.5:1), thousands separators, markers for short plans, freeze panes that leave room."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest

from core.compare import compare
from core.exports.xlsx import write_workbook

from xlsx_cases import sample_plans, soffice

SAMPLES = sample_plans()
SAAS = SAMPLES["growing-saas"]
ONE_MONTH = next(p for name, p in SAMPLES.items() if p.months == 1)
TODAY = date(2027, 3, 4)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    out = {}
    for key, plan in (("saas", SAAS.with_(name="Saas & co <print>")), ("one", ONE_MONTH),
                      ("estate", SAMPLES["regulated-estate"])):
        path = folder / f"{key}.xlsx"
        write_workbook(compare(plan), path, app_version="t", today=TODAY)
        out[key] = (path, openpyxl.load_workbook(path))
    return out


def _printed(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def test_every_printed_sheet_is_a4_landscape_one_page_wide_with_header_and_footer(books):
    _, wb = books["saas"]
    for ws in _printed(wb):
        setup = ws.page_setup
        got = (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight)
        assert got == (9, "landscape", 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.oddHeader.left.text == "Saas && co <print>", ws.title  # "&" doubled: not a header code
        assert ws.oddHeader.right.text == "Exported 2027-03-04"
        assert ws.oddFooter.right.text == "Page &P of &N" and ws.oddFooter.left.text == "&A"


@pytest.mark.parametrize("title, rows", [("Comparison", "$7:$7"), ("Inputs", "$3:$3"), ("Key groups", "$3:$3"),
                                         ("Prices", "$3:$3"), ("Software instance", "$3:$3")])
def test_header_rows_repeat_on_every_page(books, title, rows):
    _, wb = books["saas"]
    assert wb[title].print_title_rows == rows


def test_the_chart_is_on_its_own_sheet_and_the_comparison_prints_no_wider_than_its_table(books):
    path, wb = books["saas"]
    assert wb.sheetnames[1] == "Chart"
    assert wb["Comparison"]._charts == []  # nothing right of the table
    k = 6
    assert wb["Comparison"].print_area == f"'Comparison'!$A$1:${openpyxl.utils.get_column_letter(2 + k)}$45"
    with zipfile.ZipFile(path) as z:
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode()  # the Chart sheet holds the drawing
    assert "drawing" in rels


def test_one_month_plans_draw_markers_and_long_plans_do_not(books):
    for key, markers in (("one", True), ("saas", False)):
        path, _ = books[key]
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/charts/chart1.xml").decode()
        assert ('<c:symbol val="circle"' in xml or '<symbol val="circle"' in xml) == markers, key


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _rgb(colour, default: str) -> str:
    value = getattr(colour, "rgb", None) if colour is not None else None
    if not isinstance(value, str) or getattr(colour, "type", "rgb") != "rgb":
        return default
    return value[-6:].upper()


def test_contrast_of_every_coloured_cell_is_at_least_4_5_to_1(books):
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0 and round(contrast("777777", "FFFFFF"), 2) == 4.48
    _, wb = books["saas"]
    worst = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                fill = _rgb(cell.fill.fgColor, "FFFFFF") if cell.fill.fill_type == "solid" else "FFFFFF"
                font = _rgb(cell.font.color, "000000")
                ratio = contrast(font, fill)
                if ratio < 4.5:
                    worst.append((ws.title, cell.coordinate, font, fill, round(ratio, 2)))
        for rules in ws.conditional_formatting:  # highlight fills behind the cells' text
            for rule in rules.rules:
                if rule.dxf is not None and rule.dxf.fill is not None:
                    fill = _rgb(rule.dxf.fill.fgColor, "FFFFFF")
                    for font in ("000000", "B00020"):
                        assert contrast(font, fill) >= 4.5, (ws.title, fill, font)
    assert not worst, worst[:10]


def test_amounts_and_counts_have_thousands_separators(books):
    _, wb = books["saas"]
    ws = wb["Comparison"]
    for column in range(2, 8):  # one column per option
        assert "#,##0" in ws.cell(row=8, column=column).number_format
    prices = wb["Prices"]
    assert prices["C4"].number_format.startswith("#,##0")


def test_frozen_rows_leave_room_on_a_laptop_screen(books):
    """At most 210 pt (280 px) frozen, the estate's five-line headline included: Excel on a 1366x768
    laptop (about 480 px of grid) still shows ten months or more below the frozen rows."""
    for key in ("saas", "estate"):  # the estate has the longest headline
        _frozen_height_fits(books[key][1])


def _frozen_height_fits(wb):
    for ws in _printed(wb):
        if not ws.freeze_panes:
            continue
        rows = openpyxl.utils.cell.coordinate_to_tuple(ws.freeze_panes)[0] - 1
        height = sum(ws.row_dimensions[r].height or 15 for r in range(1, rows + 1))
        assert height <= 210, (ws.title, height)


@pytest.mark.slow
def test_libreoffice_prints_the_comparison_with_its_headline_and_page_numbers(books, tmp_path):
    """Page 1 as LibreOffice prints it; and once the cluster price is entered in the workbook, the
    hardware options print as plain totals (the number formats follow the live status)."""
    if shutil.which("pdftotext") is None or soffice() is None:
        pytest.skip("needs LibreOffice and poppler-utils")
    path, _ = books["saas"]
    edited = tmp_path / "entered.xlsx"
    wb = openpyxl.load_workbook(path)
    prices = wb["Prices"]
    row = next(r for r in range(1, prices.max_row + 1)
               if prices.cell(row=r, column=1).value == "cloud-hsm.cluster.month")
    prices.cell(row=row, column=3).value = 1000
    wb.save(edited)
    out = tmp_path / "pdf"
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), str(path), str(edited)], capture_output=True,
                   timeout=300)

    def page_one(name: str) -> str:
        assert (out / name).exists()
        return subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(out / name), "-"],
                              capture_output=True, text=True).stdout

    text = page_one("saas.pdf")
    assert "Cheapest fully priced: Software instance" in text
    assert "Saas & co <print>" in text and "Exported 2027-03-04" in text
    assert "Page 1 of" in text and "Comparison" in text
    assert "(reference)" in text and "≥ 1,799.00" in text  # not-ok options never print as plain totals
    entered = page_one("entered.pdf")
    totals = next(line for line in entered.splitlines() if line.startswith("Total over"))
    assert "103,563.00" in totals and "≥" not in totals  # the app's total for the hardware instance, now ok
    status = next(line for line in entered.splitlines() if line.startswith("Status"))
    assert status.split().count("fully") == 4  # both instances and both pay-as-you-go instances
