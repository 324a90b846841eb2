"""Billed vs modelled, month by month: a table (items under each month), a small bar chart, the
notes, a mapping for items the app did not recognise, and the bill's calls offered to the plan.
Every amount and word comes from core.reconcile; floats only to draw the bars."""

from __future__ import annotations

from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHeaderView, QLabel,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from core.fields import decimal_text
from core.importers.bill import CATEGORIES, CATEGORY_LABELS, Bill
from core.money import fmt_money
from core.plan import Plan
from core.reconcile import Reconciliation, reconcile

HEADERS = ("Month / item", "Billed", "Modelled", "Difference")
BILLED_COLOUR = "#4C72B0"
MODELLED_COLOUR = "#DD8452"


def _money(value: Decimal | None) -> str:
    return "n/a" if value is None else fmt_money(value)


class ReconcileView(QDialog):
    """`callsAccepted(Decimal)`: the user chose to use the bill's calls per month in the plan."""

    callsAccepted = Signal(object)

    def __init__(self, plan: Plan, bill: Bill, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.bill = bill
        self.mapping: dict[str, str] = {}
        self.setObjectName("reconcileView")
        self.setWindowTitle(f"Reconcile with bill: {bill.source}")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(HEADERS)
        self.tree.setAccessibleName("Billed and modelled amounts by month")
        self.tree.header().setSectionResizeMode(QHeaderView.Stretch)
        layout.addWidget(self.tree, 2)

        self.chart = pg.PlotWidget(background="w")
        self.chart.setMinimumHeight(170)
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(False, False)
        self.chart.addLegend(offset=(-10, 5), labelTextColor="k")
        layout.addWidget(self.chart, 2)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.notes)

        self.mapping_box = QGroupBox("Items not recognised: count them as")
        self.mapping_form = QFormLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        layout.addWidget(self.mapping_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.use_calls_button = QPushButton()
        self.buttons.addButton(self.use_calls_button, QDialogButtonBox.ActionRole)
        self.use_calls_button.clicked.connect(self._use_calls)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._build_mapping(reconcile(plan, bill).unmapped)
        self.refresh()
        self.resize(760, 640)

    def _build_mapping(self, unmapped: tuple[str, ...]) -> None:
        for item in unmapped:
            combo = QComboBox()
            combo.addItem("not recognised", "unmapped")
            for cat in CATEGORIES:
                combo.addItem(CATEGORY_LABELS[cat], cat)
            combo.setAccessibleName(f"Count {item} as")
            combo.currentIndexChanged.connect(lambda _i, item=item, combo=combo: self._map(item, combo.currentData()))
            self.combos[item] = combo
            self.mapping_form.addRow(item, combo)
        self.mapping_box.setVisible(bool(unmapped))

    def _map(self, item: str, category: str) -> None:
        self.mapping[item] = category
        self.refresh()

    def set_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.refresh()

    def refresh(self) -> None:
        self.result: Reconciliation = reconcile(self.plan, self.bill, self.mapping)
        rec = self.result
        self.title.setText(f"Billed vs modelled ({rec.option_label}), {rec.currency}. Billed "
                           f"{fmt_money(rec.billed)}, modelled {fmt_money(rec.modelled)} over "
                           f"{len(rec.months)} month{'s' * (len(rec.months) != 1)}.")
        self.tree.clear()
        for m in rec.months:
            top = QTreeWidgetItem([m.month, fmt_money(m.billed), fmt_money(m.modelled), fmt_money(m.difference)])
            for item in m.items:
                QTreeWidgetItem(top, [item.item, fmt_money(item.billed), _money(item.modelled), _money(item.difference)])
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        for i in range(self.tree.topLevelItemCount()):
            self._align(self.tree.topLevelItem(i))
        self.notes.setText("\n".join(f"• {n}" for n in rec.notes))
        calls = rec.suggested_calls_per_month
        self.use_calls_button.setVisible(calls is not None)
        if calls is not None:
            self.use_calls_button.setText(f"Use {fmt_money(calls, 0)} calls a month")
            self.use_calls_button.setToolTip(f"Spread {decimal_text(calls)} calls a month over the plan's user key "
                                             f"groups in proportion to their keys (one undo step)")
        self._draw()

    def _align(self, item: QTreeWidgetItem) -> None:
        for col in (1, 2, 3):
            item.setTextAlignment(col, Qt.AlignRight | Qt.AlignVCenter)
        for i in range(item.childCount()):
            self._align(item.child(i))

    def _draw(self) -> None:
        chart = self.chart
        chart.clear()
        months = self.result.months
        xs = list(range(len(months)))
        billed = [float(m.billed) for m in months]  # float ok: drawing only
        modelled = [float(m.modelled) for m in months]  # float ok: drawing only
        chart.addItem(pg.BarGraphItem(x=[x - 0.18 for x in xs], height=billed, width=0.34,
                                      brush=BILLED_COLOUR, name="Billed"))
        chart.addItem(pg.BarGraphItem(x=[x + 0.18 for x in xs], height=modelled, width=0.34,
                                      brush=MODELLED_COLOUR, name="Modelled"))
        chart.getAxis("bottom").setTicks([[(x, m.month) for x, m in zip(xs, months)]])
        chart.setLabel("left", self.result.currency)
        top = max(billed + modelled + [0.0])
        chart.setYRange(0, top * 1.35 or 1, padding=0)  # headroom for the legend
        chart.setXRange(-0.6, len(xs) - 0.4, padding=0)

    def _use_calls(self) -> None:
        if self.result.suggested_calls_per_month is not None:
            self.callsAccepted.emit(self.result.suggested_calls_per_month)
