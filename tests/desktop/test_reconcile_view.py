"""File > Reconcile with Bill...: the month table, the chart, mapping an item, using the bill's calls."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.plan import KeyGroup, Plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PLAN = Plan(name="bill check", site="international", api_region="mainland", start_month="2026-01", months=2,
            key_groups=(KeyGroup(name="app", count=10, calls_per_month=Decimal(1_255_000)),))


@pytest.fixture
def window(main_window):
    main_window.document.set_plan(PLAN)
    return main_window


def _open(window, qtbot, monkeypatch, name="bill-en.csv"):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(FIXTURES / name), "")))
    window.import_actions.reconcile_action.trigger()
    view = window.import_actions.reconcile_view
    qtbot.waitExposed(view)
    return view


def _rows(view):
    out = []
    for i in range(view.tree.topLevelItemCount()):
        top = view.tree.topLevelItem(i)
        out.append(tuple(top.text(c) for c in range(4)))
        out.extend(tuple("  " + top.child(j).text(0) if c == 0 else top.child(j).text(c) for c in range(4))
                   for j in range(top.childCount()))
    return out


def test_month_table_and_chart(window, qtbot, monkeypatch):
    view = _open(window, qtbot, monkeypatch)
    assert _rows(view) == [
        ("2026-01", "10.66", "10.66", "0.00"),
        ("  key hosting", "0.62", "0.62", "0.00"),
        ("  API calls", "10.04", "10.04", "0.00"),
        ("2026-02", "9.56", "10.60", "-1.04"),
        ("  key hosting", "0.56", "0.56", "0.00"),
        ("  API calls", "8.00", "10.04", "-2.04"),
        ("  Key Rotation Service", "1.00", "n/a", "n/a"),
    ]
    assert view.title.text().startswith("Billed vs modelled (KMS 1.0 pay-as-you-go), USD. Billed 20.22, modelled 21.26")
    bars = [item for item in view.chart.getPlotItem().items if type(item).__name__ == "BarGraphItem"]
    assert len(bars) == 2
    assert view.mapping_box.isVisible()


def test_mapping_an_item_moves_it_into_its_category(window, qtbot, monkeypatch):
    view = _open(window, qtbot, monkeypatch)
    combo = view.combos["Key Rotation Service"]
    combo.setCurrentIndex(combo.findData("hosting"))
    assert ("  key hosting", "1.56", "0.56", "1.00") in _rows(view)
    assert not any(r[0] == "  Key Rotation Service" for r in _rows(view))


def test_using_the_bills_calls_is_one_undo_step(window, qtbot, monkeypatch):
    view = _open(window, qtbot, monkeypatch)
    assert view.use_calls_button.text() == "Use 1,127,500 calls a month"
    qtbot.mouseClick(view.use_calls_button, Qt.LeftButton)
    assert window.document.plan.key_groups[0].calls_per_month == Decimal(1_127_500)
    assert window.document.undo_stack.undoText() == "Use the bill's calls per month"
    assert ("2026-01", "10.66", "9.64", "1.02") in _rows(view)  # the view follows the plan
    window.document.undo_stack.undo()
    assert window.document.plan == PLAN


def test_a_bill_without_the_columns_is_one_message(window, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda p, title, text, *a, **k: seen.append((title, text))))
    assert not window.import_actions.reconcile_path(FIXTURES / "bill-no-columns.csv")
    assert seen[0][0] == "Cannot read the bill" and "has no Billing Cycle / 账期" in seen[0][1]
