"""The prices panel: every catalog price with unit, source and date; override any, fill unknown ones.

Overridden prices are highlighted and can be reverted; overrides are saved with the plan.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel,
                               QToolButton, QVBoxLayout, QWidget)

from core.words import plural
from desktop.models.prices_model import PricesModel
from desktop.views.plan_table_view import plan_table_view


class PricesPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = PricesModel(document, self)
        self.proxy, self.view = plan_table_view(self.model, self, "Prices")
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.ElideRight)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        char = self.fontMetrics().horizontalAdvance("x")
        for i, column in enumerate(self.model.columns):
            if i:
                self.view.setColumnWidth(i, char * column.width + 24)
        self.view.setMinimumWidth(0)

        self.revert_action = QAction("Revert to published", self)
        self.revert_action.setToolTip("Use the published price again for the selected rows")
        self.revert_action.triggered.connect(self.revert_selected)
        self.view.addAction(self.revert_action)
        self.view.setContextMenuPolicy(Qt.ActionsContextMenu)
        revert_button = QToolButton(self)
        revert_button.setDefaultAction(self.revert_action)
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.RichText)
        self.source_label.setOpenExternalLinks(True)
        self.source_label.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.source_label.setWordWrap(True)
        self.status_label = QLabel(self)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(revert_button)
        bar.addWidget(self.status_label)
        bar.addWidget(self.source_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_source())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        document.planChanged.connect(lambda *_: self._refresh())
        self._refresh()

    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)

    def row_of(self, price_id: str) -> int:
        return next(i for i, p in enumerate(self.model.rows) if p.id == price_id)

    def revert_selected(self) -> None:
        self.model.revert(self.selected_rows())

    def _refresh(self) -> None:
        prices = self.model.rows
        overridden = sum(1 for p in prices if p.overridden)
        unknown = sum(1 for p in prices if p.value is None)
        parts = []
        if overridden:
            parts.append(plural(overridden, "override"))
        if unknown:
            parts.append(f"{unknown} not published")
        self.status_label.setText(" · ".join(parts))
        self._show_source()
        self._update_actions()

    def _update_actions(self) -> None:
        self.revert_action.setEnabled(any(self.model.row(r).overridden for r in self.selected_rows()))

    def _show_source(self) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            self.source_label.setText("Select a price to see its source. Double-click a value to override it; "
                                      "clear it to use the published price.")
            return
        price = self.model.row(self.proxy.mapToSource(current).row())
        title = escape(price.source.title)
        link = f'<a href="{escape(price.source.url)}">{title}</a>' if price.source.url else title
        date = f", effective {escape(price.source.effective_date)}" if price.source.effective_date else ""
        self.source_label.setText(f"<b>{escape(price.label)}</b>: {link}{date}")
