"""The key inventory editor: a sortable table of key groups, add / duplicate / delete, and totals.

The totals under the table are core.demand's figures for the plan (billed user keys, key versions
on the first and last day, calls per month), only formatted here.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QToolButton, QVBoxLayout, QWidget)

from core.words import plural
from desktop.models.inventory_model import InventoryModel, add_group, delete_groups, duplicate_groups
from desktop.views.plan_table_view import EDIT_TRIGGERS, plan_table_view


def _short(value) -> str:
    """A call count for people: 63.4 M, 900 k, 12."""
    number = Decimal(value)
    with localcontext() as ctx:  # a what-if can compound calls past the default 28 digits
        ctx.prec = max(ctx.prec, number.adjusted() + 4)
        for power, unit in ((12, " T"), (9, " G"), (6, " M"), (3, " k")):
            if abs(number) >= Decimal(10) ** power:
                return f"{(number.scaleb(-power)).quantize(Decimal('0.1')).normalize():f}{unit}"
        return f"{number.quantize(Decimal(1)):,}"


def totals_text(comparison) -> str:
    """The footer line, from core's demand for the plan."""
    d = comparison.demand
    last = d.months[-1]
    parts = [
        f"<b>{plural(len(comparison.plan.key_groups), 'group')}</b>",
        f"billed user keys <b>{d.user_keys:,}</b> ({d.hsm_keys:,} HSM)",
        f"key versions <b>{d.user_versions_start[0]:,}</b> now, <b>{d.user_versions_peak[-1]:,}</b> by {last}",
        f"calls / month <b>{_short(d.user_calls[0])}</b> now, <b>{_short(d.user_calls[-1])}</b> in {last}",
        f"service-key calls {_short(d.calls['service'][0])} / month",
        f"secrets <b>{d.secrets:,}</b>",
    ]
    # Wrap only between the parts, never inside one ("253.1 M" stays together).
    return " &nbsp;·&nbsp; ".join(p.replace(" ", "&nbsp;") for p in parts)


class InventoryEditor(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = InventoryModel(document, self)
        self.proxy, self.view = plan_table_view(self.model, self, "Key inventory")
        self.view.setEditTriggers(EDIT_TRIGGERS | QAbstractItemView.SelectedClicked)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._size_columns()

        self.add_action = self._action("Add Key Group", "Add keys", "Add a key group below the selected one",
                                       self.add_row, QKeySequence(Qt.CTRL | Qt.Key_Insert))
        self.duplicate_action = self._action("Duplicate Key Groups", "Duplicate", "Duplicate the selected key groups",
                                             self.duplicate_rows, QKeySequence(Qt.CTRL | Qt.Key_D))
        self.delete_action = self._action("Delete Key Groups", "Delete", "Delete the selected key groups",
                                          self.delete_rows, QKeySequence(QKeySequence.Delete))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in (self.add_action, self.duplicate_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.footer = QLabel(self)
        self.footer.setTextFormat(Qt.RichText)
        self.footer.setWordWrap(True)
        self.footer.setObjectName("inventoryTotals")
        buttons.addWidget(self.footer, 10)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        document.comparisonChanged.connect(self._update_totals)
        self._update_totals(document.comparison)
        self._update_actions()

    def _action(self, text, button_text, tip, slot, shortcut) -> QAction:
        """`text` for the Edit menu, `button_text` under the table."""
        action = QAction(text, self)
        action.setIconText(button_text)
        action.setToolTip(f"{tip} ({shortcut.toString(QKeySequence.NativeText)})")
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        for i, column in enumerate(self.model.columns):
            texts = [column.title] + [column.show(g) for g in self.model.rows[:200]]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 16
            if column.width:
                width = min(width, metrics.horizontalAdvance("x") * column.width + 16)
            self.view.setColumnWidth(i, max(width, 48))

    # --- selection in source rows --------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.proxy.mapToSource(self.view.currentIndex()).row()}
        return sorted(rows)

    def select_rows(self, rows, column: int = 0) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for n, row in enumerate(rows):
            index = self.proxy.mapFromSource(self.model.index(row, column))
            flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
            if n == 0:
                selection.setCurrentIndex(index, flags | QItemSelectionModel.Current)
            else:
                selection.select(index, flags)
        if rows:
            self.view.scrollTo(self.proxy.mapFromSource(self.model.index(rows[0], column)))

    def _update_actions(self, *_args) -> None:
        has = bool(self.selected_rows())
        self.duplicate_action.setEnabled(has)
        self.delete_action.setEnabled(has)

    def _update_totals(self, comparison) -> None:
        self.footer.setText(totals_text(comparison))
        self._update_actions()

    # --- row operations ------------------------------------------------------------------------
    def add_row(self) -> None:
        rows = self.selected_rows()
        plan, row = add_group(self.document.plan, rows[-1] if rows else None)
        self.document.edit(plan, "Add key group")
        self.select_rows([row])
        self.view.setFocus()
        self.view.edit(self.proxy.mapFromSource(self.model.index(row, 0)))

    def duplicate_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        plan, added = duplicate_groups(self.document.plan, rows)
        self.document.edit(plan, "Duplicate key group" if len(rows) == 1 else f"Duplicate {len(rows)} key groups")
        self.select_rows(added)

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.document.edit(delete_groups(self.document.plan, rows),
                           "Delete key group" if len(rows) == 1 else f"Delete {len(rows)} key groups")
        remaining = self.model.rowCount()
        if remaining:
            self.select_rows([min(rows[0], remaining - 1)])
