"""Stored scenarios side by side with the base plan: changes, cheapest option and its total, the
difference to the base, and every option's total. Show one in the what-if controls, or delete it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from core.catalog import option_styles
from core.scenarios import ScenarioRow, remove, scenario_rows
from core.sweep import WhatIf
from desktop.views.amount_text import amount_text
from desktop.models.display_model import RIGHT, Column, ColumnModel, compact_rows, enable_copy
from desktop.palette_colours import muted_foreground, quiet_background


def _signed(value) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "±0.00"
    return ("+" if value > 0 else "−") + amount_text(abs(value))


class ScenariosView(QWidget):
    """Follows the document's plan; `applyRequested(WhatIf)` asks the pane to show a scenario."""

    applyRequested = Signal(object, object)  # WhatIf, scenario name (None for the base plan)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._dirty = True
        self._colours()
        styles = option_styles()

        def bg(row: ScenarioRow):
            return self._base_bg if row.scenario is None else None

        def cheapest(row: ScenarioRow) -> str:
            return styles[row.cheapest].short if row.cheapest else "none fully priced"

        def option_total(option_id: str):
            def text(row: ScenarioRow) -> str:
                """core's figure (a plain total only when ranked: "≥ ...", "... (reference)", "n/a")."""
                value = dict(row.totals).get(option_id)
                if value is not None:
                    return amount_text(value)
                return dict(row.figures).get(option_id, "n/a")
            return text

        columns = [
            Column("Scenario", lambda r: r.name, background=bg, bold=lambda r: r.scenario is None),
            Column("Changes", lambda r: r.changes, background=bg),
            Column("Months", lambda r: str(r.months), RIGHT, background=bg),
            Column("Cheapest option", cheapest, background=bg,
                   decoration=lambda r: styles[r.cheapest].colour if r.cheapest else None),
            Column("Cheapest total", lambda r: "—" if r.cheapest_total is None else amount_text(r.cheapest_total),
                   RIGHT, background=bg, bold=lambda r: True),
            Column("Per month", lambda r: "—" if r.cheapest_average is None else amount_text(r.cheapest_average),
                   RIGHT, background=bg, header_tip="The cheapest total over the scenario's months"),
            Column("vs base", lambda r: _signed(r.vs_base), RIGHT, background=bg,
                   header_tip="Cheapest total minus the base plan's cheapest total"),
        ]
        for option_id, style in styles.items():
            columns.append(Column(style.short, option_total(option_id), RIGHT, background=bg,
                                  foreground=lambda r, i=option_id: None if dict(r.totals).get(i) is not None else self._muted,
                                  header_tip=f"{style.label}: total over the scenario's horizon (≥ a lower bound, "
                                             "(reference) when it cannot be ranked)"))
        self.model_ = ColumnModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model_)
        self.table.setAccessibleName("Stored scenarios")
        self.table.setAccessibleDescription("The base plan and each kept scenario: its changes, cheapest option, "
                                            "cheapest total, difference to the base and every option's total")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        enable_copy(self.table)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.hint = QLabel("No scenarios yet: set the what-if controls and press “Keep as scenario…”.")
        self.hint.setWordWrap(True)
        self.show_button = QPushButton("Show in what-if")
        self.delete_button = QPushButton("Delete scenario")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.show_button.clicked.connect(self._show_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.doubleClicked.connect(lambda _i: self._show_selected())
        delete = QAction("Delete scenario", self.table)
        delete.setShortcut(QKeySequence.Delete)
        delete.setShortcutContext(Qt.WidgetShortcut)
        delete.triggered.connect(self._delete_selected)
        self.table.addAction(delete)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        document.planChanged.connect(self._plan_changed)
        self.refresh()

    def _colours(self) -> None:
        self._base_bg = quiet_background(self.palette()).name()
        self._muted = muted_foreground(self.palette()).name()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "model_"):
            self._colours()
            self.refresh()

    # --- updating ------------------------------------------------------------------------
    def _plan_changed(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._dirty = False
        self.model_.set_title(4, f"Cheapest total ({self.document.comparison.currency})")
        self.model_.set_rows(scenario_rows(self.document.plan, self.document.comparison))
        self.hint.setText("No scenarios yet: set the what-if controls and press “Keep as scenario…”."
                          if self.model_.rowCount() <= 1 else
                          "Double-click a scenario to show it in the what-if controls.")
        self._update_buttons()

    @property
    def rows(self) -> tuple[ScenarioRow, ...]:
        if self._dirty:
            self.refresh()
        return self.model_.rows

    # --- actions -------------------------------------------------------------------------
    def selected(self) -> ScenarioRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model_.row(rows[0].row()) if rows else None

    def select(self, name: str) -> None:
        for i, row in enumerate(self.model_.rows):
            if row.name == name:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.show_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.scenario is not None)

    def _show_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.scenario is None:
            self.applyRequested.emit(WhatIf(), None)
        else:
            self.applyRequested.emit(row.scenario.whatif, row.name)

    def _delete_selected(self) -> None:
        row = self.selected()
        if row is None or row.scenario is None:
            return
        self.document.edit(remove(self.document.plan, row.name), f"Delete scenario “{row.name}”")
