"""The prices panel: every catalog price, then every catalog limit, with unit, source and date;
override any (a contract price, a raised quota, Dedicated KMS capacity from a quote), fill unknown ones.

Overridden figures are highlighted and can be reverted; overrides are saved with the plan.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from core.refusals import clause
from core.words import plural
from desktop.models.prices_model import LimitsModel, PricesModel
from desktop.models.table_model import InvalidRole
from desktop.views.refusal_line import show_refusal
from desktop.views.plan_table_view import plan_table_view


def _value_shown(model, row) -> str:
    return model.columns[model.column_index("value")].show(row)


class PricesPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = PricesModel(document, self)
        self.proxy, self.view = plan_table_view(self.model, self, "Prices")
        self.limits_model = LimitsModel(document, self)
        self.limits_proxy, self.limits_view = plan_table_view(self.limits_model, self, "Limits")
        self.view.setAccessibleDescription("Every price of the price list. Type a value to override it; "
                                           "clear it to use the published price.")
        self.limits_view.setAccessibleDescription(
            "Published limits (quotas, throughput) and Dedicated KMS capacity. Type a value to override it "
            "(a raised quota, or your quote); clear it to use the published figure.")
        char = self.fontMetrics().horizontalAdvance("x")
        for view, model in ((self.view, self.model), (self.limits_view, self.limits_model)):
            view.setWordWrap(False)
            view.setTextElideMode(Qt.ElideRight)
            view.verticalHeader().setVisible(False)
            view.setTabKeyNavigation(False)
            header = view.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.Interactive)
            header.setSectionResizeMode(0, QHeaderView.Stretch)
            for i, column in enumerate(model.columns):
                if i:
                    view.setColumnWidth(i, char * column.width + 24)
            view.setMinimumWidth(0)
            # Two tables share the dock: each may shrink to a few rows so the window keeps fitting 1024x640.
            view.setMinimumHeight(view.horizontalHeader().sizeHint().height()
                                  + view.verticalHeader().defaultSectionSize() + 4)
        self._last_view = self.view

        self.revert_action = QAction("Revert to published", self)
        self.revert_action.setToolTip("Use the published figure again for the selected rows")
        self.revert_action.triggered.connect(self.revert_selected)
        for view in (self.view, self.limits_view):
            view.addAction(self.revert_action)
            view.setContextMenuPolicy(Qt.ActionsContextMenu)
        revert_button = QToolButton(self)
        revert_button.setDefaultAction(self.revert_action)
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.RichText)
        self.source_label.setOpenExternalLinks(True)
        self.source_label.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.source_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setObjectName("pricesMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(revert_button)
        bar.addWidget(self.status_label)
        bar.addWidget(self.source_label, 1)
        limits = QWidget(self)
        limits_layout = QVBoxLayout(limits)
        limits_layout.setContentsMargins(0, 0, 0, 0)
        limits_layout.setSpacing(2)
        caption = QLabel("<b>Limits</b> &nbsp;quotas and capacity the options are checked against", limits)
        caption.setToolTip("Enter a raised quota, or Dedicated KMS capacity from your quote, as you override a price")
        caption.setBuddy(self.limits_view)
        limits_layout.addWidget(caption)
        limits_layout.addWidget(self.limits_view, 1)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(limits)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        # The panel may get as short as one table (a 1024x640 window): the splitter then clips the limits,
        # which come back as the dock grows; its own minimum would otherwise be both tables' and the caption's.
        splitter.setMinimumHeight(self.view.minimumHeight())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bar)

        for view in (self.view, self.limits_view):
            view.selectionModel().currentRowChanged.connect(lambda *_, v=view: self._show_source(v))
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
            view.itemDelegate().refused.connect(self.say)
        self.model.refused.connect(self.say)
        self.limits_model.refused.connect(self.say)
        document.planChanged.connect(lambda *_: self._refresh())
        self._refresh()

    def say(self, text: str) -> None:
        """A refusal in words, under the tables and in the window's status bar."""
        show_refusal(self.message, self, text)

    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)

    def selected_limit_rows(self) -> list[int]:
        view = self.limits_view
        return sorted({self.limits_proxy.mapToSource(i).row() for i in view.selectionModel().selectedRows()})

    def row_of(self, price_id: str) -> int:
        return next(i for i, p in enumerate(self.model.rows) if p.id == price_id)

    def limit_row_of(self, limit_id: str) -> int:
        return next(i for i, p in enumerate(self.limits_model.rows) if p.id == limit_id)

    def revert_selected(self) -> None:
        """Revert the selected prices and limits (each table's own undo step)."""
        self.model.revert_rows(self.selected_rows())
        self.limits_model.revert_rows(self.selected_limit_rows())

    def _refresh(self) -> None:
        rows = self.model.rows + self.limits_model.rows
        overridden = sum(1 for p in rows if p.overridden)
        unknown = sum(1 for p in rows if p.value is None)
        parts = []
        if overridden:
            parts.append(plural(overridden, "override"))
        if unknown:
            parts.append(f"{unknown} not published")
        self.status_label.setText(" · ".join(parts))
        self._show_source(self._last_view)
        self._update_actions()
        if self.message.isVisible() and not any(m._invalid for m in (self.model, self.limits_model)):
            self.message.hide()

    def _update_actions(self) -> None:
        self.revert_action.setEnabled(
            any(self.model.row(r).overridden for r in self.selected_rows())
            or any(self.limits_model.row(r).overridden for r in self.selected_limit_rows()))

    def _show_source(self, view=None) -> None:
        view = view or self._last_view
        self._last_view = view
        current = view.currentIndex()
        reason = current.data(InvalidRole) if current.isValid() else None
        if reason:  # moving onto a refused value says again why
            model = self.model if view is self.view else self.limits_model
            row = model.row(view.model().mapToSource(current).row())
            self.say(f"{row.label}: {clause(reason)}. Not applied: the plan keeps {_value_shown(model, row)}.")
        if not current.isValid():
            self.source_label.setText("Select a price or a limit to see its source. Double-click a value to "
                                      "override it; clear it to use the published figure.")
            return
        model = self.model if view is self.view else self.limits_model
        price = model.row(view.model().mapToSource(current).row())
        title = escape(price.source.title)
        link = f'<a href="{escape(price.source.url)}">{title}</a>' if price.source.url else title
        date = f", effective {escape(price.source.effective_date)}" if price.source.effective_date else ""
        self.source_label.setText(f"<b>{escape(price.label)}</b>: {link}{date}")
