"""Issue 9 acceptance: a user edits an exported workbook the ways people do, LibreOffice recalculates
it, and every edit either reproduces the app's quote of the plan edited the same way (core.compare)
or is refused by the workbook itself (a validation that stops the entry, or sheet protection).

Validations do not fire for programmatic edits, so for those the test checks the validation is
there with a "stop" style; for the formula path it checks the recalculated values. A row inserted
inside the table is inserted by LibreOffice itself (a Basic macro), as a user would in Calc.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from core.catalog import option_styles
from core.compare import compare
from core.exports.xlsx import write_workbook
from core.plan import KeyGroup
from core.status import status_label

from xlsx_cases import insert_row_with_libreoffice, recalculate, sample_plans

pytestmark = pytest.mark.slow
CENT = 0.005
SAAS = sample_plans()["growing-saas"].with_(months=12)  # a year keeps LibreOffice's recalculation quick
FIRST = 4  # first key-group row of the Key groups sheet
COLUMNS = {"name": 1, "creator": 2, "protection": 3, "spec": 4, "count": 5, "versions": 6, "rotation": 7,
           "state": 8, "calls": 9, "growth": 10, "check": 11}


def _group_row(ws, name: str) -> int:
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(row=r, column=1).value == name)


def _set(wb, group: str, field: str, value) -> None:
    ws = wb["Key groups"]
    ws.cell(row=_group_row(ws, group), column=COLUMNS[field]).value = value


def _replace(plan, name: str, **changes):
    return plan.with_(key_groups=[g.with_(**changes) if g.name == name else g for g in plan.key_groups])


FIRST_GROUP = SAAS.key_groups[0].name
NEW = KeyGroup(name="typed-in-the-workbook", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=40,
               versions=2, rotation_days=30, calls_per_month=Decimal(2_500_000), calls_growth_pct=Decimal("2.5"))


def _add(wb) -> None:
    ws = wb["Key groups"]
    row = FIRST + len(SAAS.key_groups)  # the first spare row
    values = [NEW.name, NEW.creator, NEW.protection, NEW.spec, NEW.count, NEW.versions, NEW.rotation_days,
              NEW.state, int(NEW.calls_per_month), 0.025]
    for column, value in enumerate(values, start=1):
        ws.cell(row=row, column=column).value = value


SEED = next(p for name, p in sorted(sample_plans().items()) if name.startswith("seed-example"))
OVER_QUOTA = KeyGroup(name="over-quota", count=300, calls_per_month=Decimal(1000))


def _add_seed_group(wb) -> None:
    ws = wb["Key groups"]
    row = FIRST + len(SEED.key_groups)
    for column, value in enumerate(["over-quota", "user", "SOFTWARE", "Aliyun_AES_256", 300, 1, None, "Enabled",
                                    1000, 0], start=1):
        ws.cell(row=row, column=column).value = value


# KMS 1.0's lifecycle and key quota follow the inputs (a seed plan: 2024, an existing KMS 1.0 customer)
SEED_EDITS = {
    "seed-new-customer": (lambda wb: wb["Inputs"].__setitem__("B15", "no"), SEED.with_(kms1_user=False)),
    "seed-after-end-of-service": (lambda wb: wb["Inputs"].__setitem__("B7", datetime(2025, 10, 1)),
                                  SEED.with_(start_month="2025-10")),
    "seed-over-key-quota": (_add_seed_group, SEED.with_(key_groups=SEED.key_groups + (OVER_QUOTA,))),
    # 200 M calls a month with an RSA key: about 231 QPS at peak, over the gateway's 200 asymmetric QPS
    "seed-asymmetric-peak": (lambda wb: _set_seed_spec(wb, "RSA_2048", 200_000_000),
                             SEED.with_(key_groups=[SEED.key_groups[0].with_(spec="RSA_2048",
                                                                             calls_per_month=Decimal(200_000_000))]
                                        + list(SEED.key_groups[1:]))),
}


def _set_seed_spec(wb, spec: str, calls: int) -> None:
    ws = wb["Key groups"]
    ws.cell(row=FIRST, column=COLUMNS["spec"]).value = spec
    ws.cell(row=FIRST, column=COLUMNS["calls"]).value = calls

ESTATE = sample_plans()["regulated-estate"].with_(months=12)


def _enter_on_prices(wb, values: dict) -> None:
    ws = wb["Prices"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    for key, value in values.items():
        ws.cell(row=rows[key], column=3).value = value


# what the headline asks for, entered on the Prices sheet: Dedicated KMS is sized and ranked
ESTATE_EDITS = {
    "estate-capacity-and-cluster-entered": (
        lambda wb: _enter_on_prices(wb, {"dedicated_instance_key_quota": 5000, "dedicated_instance_qps": 2000,
                                         "cloud-hsm.cluster.month": 1234.5}),
        ESTATE.with_(limit_overrides={"dedicated_instance_key_quota": Decimal(5000),
                                      "dedicated_instance_qps": Decimal(2000)},
                     price_overrides={"cloud-hsm.cluster.month": Decimal("1234.5")})),
}

# (name, edit of the exported workbook, the plan edited the same way in the app)
EDITS = {
    "count-as-text": (lambda wb: _set(wb, FIRST_GROUP, "count", "250"),
                      _replace(SAAS, FIRST_GROUP, count=250)),
    "count-as-text-with-spaces": (lambda wb: _set(wb, FIRST_GROUP, "count", " 1,250 "),
                                  _replace(SAAS, FIRST_GROUP, count=1250)),
    # "7.5%" typed in Excel or LibreOffice is stored as 0.075 in a percent-formatted cell
    "growth-as-percent": (lambda wb: _set(wb, FIRST_GROUP, "growth", 0.075),
                          _replace(SAAS, FIRST_GROUP, calls_growth_pct=Decimal("7.5"))),
    "growth-as-percent-text": (lambda wb: _set(wb, FIRST_GROUP, "growth", "7.5%"),
                               _replace(SAAS, FIRST_GROUP, calls_growth_pct=Decimal("7.5"))),
    "extra-group": (_add, SAAS.with_(key_groups=SAAS.key_groups + (NEW,))),
    # a date on the 15th counts from the first of its month (and typing it is refused, see below)
    "mid-month-start": (lambda wb: wb["Inputs"].__setitem__("B7", datetime(2027, 3, 15)),
                        SAAS.with_(start_month="2027-03")),
    # a typo is never billed as something else: the row is left out, and says so
    "typo-in-choice": (lambda wb: _set(wb, FIRST_GROUP, "protection", "Sofware"),
                       SAAS.with_(key_groups=SAAS.key_groups[1:])),
    "region-and-secrets": (lambda wb: (wb["Inputs"].__setitem__("B6", "mainland"),
                                       wb["Inputs"].__setitem__("B10", 12)),
                           SAAS.with_(api_region="mainland", secrets=12)),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """name -> (the app's comparison of the edited plan, the edited workbook recalculated by LibreOffice)."""
    folder = tmp_path_factory.mktemp("edited")
    files = []
    for name, (edit, _) in {**EDITS, **SEED_EDITS, **ESTATE_EDITS}.items():
        path = folder / f"{name}.xlsx"
        base = SEED if name in SEED_EDITS else ESTATE if name in ESTATE_EDITS else SAAS
        write_workbook(compare(base), path, app_version="test")
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
        files.append(path)
    outputs = recalculate(files, folder / "out", tmp_path_factory.mktemp("lo-profile"))
    return {name: (compare(plan), openpyxl.load_workbook(outputs[folder / f"{name}.xlsx"], data_only=True))
            for name, (_, plan) in {**EDITS, **SEED_EDITS, **ESTATE_EDITS}.items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("exported") / "saas.xlsx"
    write_workbook(compare(SAAS), path, app_version="test")
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("name", list(EDITS) + list(SEED_EDITS) + list(ESTATE_EDITS))
def test_each_edit_reproduces_the_apps_quote_of_the_edited_plan(edited, name):
    comparison, wb = edited[name]
    ws = wb["Comparison"]
    k = len(comparison.options)
    for i, option in enumerate(comparison.options):
        assert ws.cell(row=3, column=2 + i).value == status_label(option.status), (name, option.id)
        assert ws.cell(row=4, column=2 + i).value == pytest.approx(float(option.total), abs=CENT), (name, option.id)
        for m, amount in enumerate(option.monthly):
            assert ws.cell(row=8 + m, column=2 + i).value == pytest.approx(float(amount), abs=CENT), (
                name, option.id, comparison.months[m])
    assert ws.cell(row=8, column=1).value.strftime("%Y-%m") == comparison.months[0]
    by_month = [ws.cell(row=8 + m, column=2 + k).value for m in range(len(comparison.months))]
    shorts = option_styles()
    assert by_month == [shorts[o].short if o else "none fully priced" for o in comparison.cheapest_by_month()]
    assert ws["B2"].value == (shorts[comparison.cheapest].short if comparison.cheapest else "none fully priced")


def test_kms1_edits_change_its_status_as_the_app_does(edited):
    assert edited["seed-new-customer"][1]["Comparison"]["B3"].value == "cannot serve"
    assert edited["seed-after-end-of-service"][1]["Comparison"]["B3"].value == "cannot serve"
    assert edited["seed-over-key-quota"][1]["Comparison"]["B3"].value == "over a limit"
    assert edited["seed-asymmetric-peak"][1]["Comparison"]["B3"].value == "over a limit"
    assert compare(SEED).option("payg-legacy").status == "ok"  # before the edits


def test_entering_what_the_headline_asks_for_ranks_dedicated(edited):
    comparison, wb = edited["estate-capacity-and-cluster-entered"]
    assert compare(ESTATE).cheapest is None and comparison.cheapest == "dedicated"
    assert wb["Comparison"]["B2"].value == "Dedicated KMS"


def test_a_typo_is_left_out_and_said_so_in_the_row_and_on_the_comparison(edited):
    _, wb = edited["typo-in-choice"]
    ws = wb["Key groups"]
    assert ws.cell(row=_group_row(ws, FIRST_GROUP), column=COLUMNS["check"]).value == "Protection: SOFTWARE or HSM. "
    warning = wb["Comparison"].cell(row=2, column=2 + 6).value
    assert warning.startswith("1 key group row(s) not counted: see Key groups, column Check")
    _, clean = edited["count-as-text"]
    assert clean["Comparison"].cell(row=2, column=2 + 6).value in (None, "")


def test_the_start_month_counts_from_its_first_day(edited):
    _, wb = edited["mid-month-start"]
    assert wb["Inputs"]["B14"].value.date().isoformat() == "2027-03-01"


def _validation(ws, coordinate: str):
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, (ws.title, coordinate, found)
    dv = found[0]
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop"), (coordinate, dv.errorStyle)  # None is "stop"
    assert dv.error, coordinate  # says what to type
    return dv


@pytest.mark.parametrize("field, kind, low, high", [
    ("count", "whole", "0", "10000000"), ("versions", "whole", "1", "100000"), ("rotation", "whole", "7", "730"),
    ("calls", "decimal", "0", "1000000000000000"), ("growth", "decimal", "-0.999999999", "10"),
])
def test_number_cells_refuse_text_and_out_of_range_entries(exported, field, kind, low, high):
    ws = exported["Key groups"]
    for row in (FIRST, FIRST + len(SAAS.key_groups) + 39):  # an exported row and the last spare row
        dv = _validation(ws, f"{openpyxl.utils.get_column_letter(COLUMNS[field])}{row}")
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == (kind, "between", low, high)


@pytest.mark.parametrize("field, choices", [
    ("creator", '"user,service"'), ("protection", '"SOFTWARE,HSM"'), ("state", '"Enabled,Disabled,PendingDeletion"'),
])
def test_choice_cells_stop_typos(exported, field, choices):
    ws = exported["Key groups"]
    dv = _validation(ws, f"{openpyxl.utils.get_column_letter(COLUMNS[field])}{FIRST + 3}")
    assert (dv.type, dv.formula1) == ("list", choices)
    spec = _validation(ws, f"D{FIRST}")
    assert spec.type == "list" and spec.formula1.startswith("Prices!$A$")


def test_settings_are_validated_and_a_mid_month_start_is_refused_when_typed(exported):
    ws = exported["Inputs"]
    start = _validation(ws, "B7")
    assert (start.type, start.formula1) == ("custom", "AND(ISNUMBER(B7),DAY(B7)=1)")
    assert _validation(ws, "B6").formula1 == '"mainland,outside_mainland"'
    assert _validation(ws, "B9").type == "decimal" and _validation(ws, "B10").type == "whole"


@pytest.mark.parametrize("label", ["Months", "Site (price list)", "Currency"])
def test_what_does_not_recalculate_is_locked_and_says_so(exported, label):
    ws = exported["Inputs"]
    assert ws.protection.sheet
    row = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == label)
    assert ws.cell(row=row, column=2).protection.locked
    assert "change this in the app and export again" in ws.cell(row=row, column=3).value
    for live in ("B4", "B6", "B7", "B9", "B10"):
        assert not ws[live].protection.locked, live


def test_rows_cannot_be_inserted_and_nothing_can_be_typed_below_the_spare_rows(exported):
    ws = exported["Key groups"]
    assert ws.protection.sheet and ws.protection.insertRows and ws.protection.deleteRows  # True = not allowed
    assert not ws.protection.formatColumns  # widening a column stays possible
    last = FIRST + len(SAAS.key_groups) + 39
    for column in range(1, 11):
        assert not ws.cell(row=last, column=column).protection.locked
        assert ws.cell(row=last + 1, column=column).protection.locked
        assert ws.cell(row=last + 5, column=column).protection.locked
    assert ws.cell(row=FIRST, column=COLUMNS["check"]).protection.locked  # formulas cannot be overwritten
    assert "spare rows above are already counted" in ws.cell(row=last + 1, column=1).value


def test_key_inputs_have_defined_names(exported):
    names = {name: dn.attr_text for name, dn in exported.defined_names.items()}
    assert names["StartMonth"] == "'Inputs'!$B$7"
    assert names["PeakToAverage"] == "'Inputs'!$B$9"
    assert names["Secrets"] == "'Inputs'!$B$10"
    assert {"PlanName", "ApiRegion", "Months", "Site", "Currency", "ProjectionStart"} <= set(names)


@pytest.fixture(scope="module")
def inserted(tmp_path_factory):
    """A row inserted inside the table in LibreOffice (after unprotecting the sheet): once empty,
    once with a key group typed into it."""
    folder = tmp_path_factory.mktemp("inserted")
    source = folder / "saas.xlsx"
    write_workbook(compare(SAAS), source, app_version="test")
    profile = tmp_path_factory.mktemp("lo-macro-profile")
    out = {}
    for name, values in (("empty", []), ("typed", ["inserted", "user", "SOFTWARE", "Aliyun_AES_256", 10, 1, None,
                                                   "Enabled", 1000, 0])):
        target = insert_row_with_libreoffice(source, folder / f"{name}.xlsx", FIRST + 2, values, profile)
        out[name] = openpyxl.load_workbook(target, data_only=True)
    return out


@pytest.mark.parametrize("name", ["empty", "typed"])
def test_a_row_inserted_inside_the_table_keeps_every_total_right(inserted, name):
    """Ranges expand over the new row and nothing turns into #DIV/0!; a group typed into a row that
    has no formulas is not counted, and the Comparison says so rather than hiding it."""
    wb = inserted[name]
    comparison = compare(SAAS)
    ws = wb["Comparison"]
    for i, option in enumerate(comparison.options):
        assert ws.cell(row=4, column=2 + i).value == pytest.approx(float(option.total), abs=CENT), option.id
    errors = [(s.title, c.coordinate) for s in wb.worksheets for row in s.iter_rows() for c in row
              if isinstance(c.value, str) and c.value.startswith(("#", "Err:"))]
    assert not errors, errors[:5]
    warning = ws.cell(row=2, column=2 + len(comparison.options)).value
    if name == "typed":
        assert warning.startswith("1 key group row(s) not counted") and "inserted by hand" in warning
    else:
        assert warning in (None, "")
