"""The key inventory editor: a sortable table of key groups, add / duplicate / delete, and totals.

Spreadsheet-grade: copy selected rows as tab-separated text (with headers on request), paste rows
from a spreadsheet as new groups (core.group_rows: validated, one undo step, refusals listed),
Delete clears a cell's value, removing groups is its own action (Ctrl+-), Tab never traps.
The totals under the table are core.demand's figures for the plan (billed user keys, key versions
on the first and last day, calls per month), only formatted here.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QToolButton, QVBoxLayout, QWidget)

from core.group_rows import parse_group_rows
from core.numbers import is_number_text
from core.words import plural
from core.refusals import clause
from desktop.models.inventory_model import (CLEARED, InventoryModel, add_group, delete_groups, duplicate_groups,
                                            insert_groups)
from desktop.models.table_model import InvalidRole
from desktop.views.palette_colours import warning_foreground
from desktop.views.plan_table_view import EDIT_TRIGGERS, plan_table_view
from desktop.views.refusal_line import echo_in_status_bar
from desktop.views.steady_label import SteadyLabel

MAX_LISTED = 6  # refusals listed under the table; all of them are in its tooltip


def _csv_row(line: str) -> bool:
    """One line of comma- or semicolon-separated cells (a CSV row), not one value such as 3,000,000."""
    if is_number_text(line, percent=True):
        return False
    return max(line.count(","), line.count(";")) >= 3


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
        self.delete_action = self._action("Delete Key Groups", "Delete groups",
                                          "Delete the selected key groups (undo brings them back)",
                                          self.delete_rows, QKeySequence(Qt.CTRL | Qt.Key_Minus))
        self.delete_action.setShortcuts([QKeySequence(Qt.CTRL | Qt.Key_Minus),
                                         QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_Delete)])
        self.clear_action = self._action("Clear Cell", "Clear", "Clear the current cell's value (none, 0)",
                                         self.clear_cell, QKeySequence(QKeySequence.Delete))
        self.copy_action = self._action("Copy Rows", "Copy", "Copy the selected key groups as tab-separated rows",
                                        lambda: self.copy_rows(), QKeySequence(QKeySequence.Copy))
        self.copy_headers_action = self._action("Copy Rows with Headers", "Copy with headers",
                                                "Copy the selected key groups with a header row",
                                                lambda: self.copy_rows(headers=True),
                                                QKeySequence(Qt.CTRL | Qt.ALT | Qt.Key_C))
        self.paste_action = self._action("Paste Rows", "Paste",
                                         "Paste rows from a spreadsheet or text as new key groups",
                                         lambda: self.paste(), QKeySequence(QKeySequence.Paste))
        self.view.setContextMenuPolicy(Qt.ActionsContextMenu)
        for action in (self.copy_action, self.copy_headers_action, self.paste_action, self.clear_action,
                       self.add_action, self.duplicate_action, self.delete_action):
            self.view.addAction(action)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; while editing, Tab moves to the next cell
        self.view.setAccessibleDescription(
            "One row per key group. Type to edit a cell; Ctrl+C copies rows, Ctrl+V pastes rows from a "
            "spreadsheet, Delete clears a cell, Ctrl+minus deletes the selected groups.")
        self.message = QLabel(self)
        self.message.setObjectName("inventoryMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.hide()
        self.model.refused.connect(self.say)
        self.view.itemDelegate().refused.connect(self.say)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in (self.add_action, self.duplicate_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        totals = self._totals = SteadyLabel(self)  # new figures on each edit: no relayout of the window for them
        totals.setWordWrap(True)
        totals.setAutoFillBackground(True)  # opaque: the dock is not painted under it with every edit
        self.footer = totals.label
        self.footer.setTextFormat(Qt.RichText)
        self.footer.setObjectName("inventoryTotals")
        buttons.addWidget(totals, 10)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.selectionModel().currentChanged.connect(self._explain_current)
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
        """Select these source rows (whole rows) in one selection change: contiguous runs become one
        range each, so selecting 10,000 pasted rows is one signal, not 10,000."""
        selection = self.view.selectionModel()
        rows = list(rows)
        if not rows:
            selection.clearSelection()
            return
        proxy_rows = sorted(self.proxy.mapFromSource(self.model.index(r, column)).row() for r in rows)
        last = self.proxy.columnCount() - 1
        ranges = QItemSelection()
        start = previous = proxy_rows[0]
        for r in proxy_rows[1:] + [None]:
            if r is not None and r == previous + 1:
                previous = r
                continue
            ranges.select(self.proxy.index(start, 0), self.proxy.index(previous, last))
            if r is not None:
                start = previous = r
        first = self.proxy.mapFromSource(self.model.index(rows[0], column))
        selection.setCurrentIndex(first, QItemSelectionModel.NoUpdate)
        selection.select(ranges, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.view.scrollTo(first)

    def _update_actions(self, *_args) -> None:
        has = bool(self.selected_rows())
        self.duplicate_action.setEnabled(has)
        self.delete_action.setEnabled(has)
        self.copy_action.setEnabled(has)
        self.copy_headers_action.setEnabled(has)

    # --- messages ------------------------------------------------------------------------------
    def _explain_current(self, current, _previous=None) -> None:
        """Moving onto a refused cell says again why it was refused (the status bar, in words)."""
        reason = current.data(InvalidRole) if current.isValid() else None
        if reason:
            source = self.proxy.mapToSource(current)
            column = self.model.columns[source.column()]
            shown = column.show(self.model.row(source.row()))
            self.say(f"Row {source.row() + 1}, {column.title}: {clause(reason)}. Not applied: the plan keeps {shown}.")

    def say(self, text: str, problem: bool = True, details: str = "") -> None:
        """A message under the table and in the window's status bar, in words."""
        palette = self.message.palette()
        palette.setColor(self.message.foregroundRole(),
                         warning_foreground(self.palette()) if problem else self.palette().color(QPalette.WindowText))
        self.message.setPalette(palette)
        before = self.message.text()
        self.message.setText(text)
        self.message.setToolTip(details or text)
        self.message.setAccessibleDescription(details or text)
        self.message.setVisible(bool(text))
        echo_in_status_bar(self, text, before)

    def _update_totals(self, comparison) -> None:
        self.footer.setText(totals_text(comparison))
        self._totals.settle()
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
        label = "Delete key group" if len(rows) == 1 else f"Delete {len(rows)} key groups"
        self.document.edit(delete_groups(self.document.plan, rows), label)
        remaining = self.model.rowCount()
        if remaining:
            self.select_rows([min(rows[0], remaining - 1)])
        undo = QKeySequence(QKeySequence.Undo).toString(QKeySequence.NativeText)
        self.say(f"Deleted {plural(len(rows), 'key group')} ({undo} brings them back).", problem=False)

    def clear_cell(self) -> None:
        """Delete on a cell: its value back to empty (none, 0), where a cell has such a value."""
        current = self.view.currentIndex()
        if not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        column = self.model.columns[source.column()]
        if column.key not in CLEARED:
            self.say(f"{column.title} has no empty value: pick one from its list. To remove whole key groups, "
                     f"use Delete groups (Ctrl+-).")
            return
        self.model.setData(source, CLEARED[column.key], Qt.EditRole)

    # --- copy and paste ------------------------------------------------------------------------
    def rows_text(self, rows, headers: bool = False) -> str:
        """The rows as the table shows them, tab-separated (what a spreadsheet pastes as cells)."""
        columns = self.model.columns
        lines = ["\t".join(c.title for c in columns)] if headers else []
        for row in rows:
            group = self.model.row(row)
            lines.append("\t".join(c.show(group).replace("\t", " ").replace("\n", " ") for c in columns))
        return "\n".join(lines) + "\n"

    def copy_rows(self, headers: bool = False) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        # In the order shown (sorted views copy what the user sees).
        rows.sort(key=lambda r: self.proxy.mapFromSource(self.model.index(r, 0)).row())
        QGuiApplication.clipboard().setText(self.rows_text(rows, headers))
        self.say(f"Copied {plural(len(rows), 'key group')}" + (" with headers." if headers else "."), problem=False)

    def paste(self, text: str | None = None) -> None:
        """Clipboard text: one value goes into the current cell; rows become new key groups after the
        selection, as one undo step; refused rows are listed and left out."""
        text = QGuiApplication.clipboard().text() if text is None else text
        if not text.strip():
            self.say("Nothing to paste: the clipboard holds no text.")
            return
        body = text.strip("\r\n")
        current = self.view.currentIndex()
        if "\t" not in body and "\n" not in body and current.isValid() and not _csv_row(body):
            source = self.proxy.mapToSource(current)
            column = self.model.columns[source.column()]
            if not self.model.flags(source) & Qt.ItemIsEditable:
                self.say(f"{column.title} cannot be typed or pasted: it follows from the other columns.")
            elif self.model.setData(source, body.strip(), Qt.EditRole):
                self.say("")
            return
        read = parse_group_rows(text, site=self.document.plan.site)
        refused = list(read.refusals)
        if read.groups:
            rows = self.selected_rows()
            plan, added = insert_groups(self.document.plan, read.groups, rows[-1] if rows else None)
            n = len(added)
            self.document.edit(plan, "Paste key group" if n == 1 else f"Paste {n} key groups")
            self.select_rows(added)
            lead = f"Pasted {plural(n, 'key group')}."
        else:
            lead = "Nothing pasted: no row could be read as a key group."
        if refused:
            listed = refused[:MAX_LISTED] + ([f"… and {len(refused) - MAX_LISTED} more"]
                                              if len(refused) > MAX_LISTED else [])
            self.say(lead + " Left out:\n" + "\n".join(listed), details="\n".join(refused))
        else:
            self.say(lead, problem=not read.groups)
