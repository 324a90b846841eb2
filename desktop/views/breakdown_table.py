"""One option's line items month by month (lines x months, total first), its sizing details
(instances, billed QPS per month) and its notes: what lies behind a row of the summary."""

from __future__ import annotations

import html

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QScrollArea, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from core.catalog import option_styles
from core.compare import Comparison
from core.status import status_label
from desktop.views.amount_text import amount_text, figure
from desktop.models.display_model import RIGHT, Column, ColumnModel, compact_rows, enable_copy
from desktop.palette_colours import muted_foreground


@dataclass(frozen=True)
class BreakdownRow:
    item: str
    total: str  # already formatted ("" for a detail row)
    cells: tuple[str, ...]
    kind: str  # "line", "total" or "detail"
    tip: str = ""


def _detail_text(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def breakdown_rows(comparison: Comparison, option_id: str) -> list[BreakdownRow]:
    """Line items as priced; the Total row as core.status.figure_text prints the option's amounts
    (a lower bound "≥ ...", "... (reference)", "n/a"): never a plain total for an option not ranked."""
    option = comparison.option(option_id)
    rows = [BreakdownRow(line.item, amount_text(line.total), tuple(amount_text(v) for v in line.monthly), "line",
                         "Unit prices: " + ", ".join(line.price_ids) if line.price_ids else "")
            for line in option.lines]
    tip = "" if option.available else " ".join(option.status_reasons)
    rows.append(BreakdownRow("Total", figure(option, option.total), tuple(figure(option, v) for v in option.monthly),
                             "total", tip))
    for name, values in option.details:
        rows.append(BreakdownRow(name, "", tuple(_detail_text(v) for v in values), "detail",
                                 f"Sizing: {name} in each month"))
    return rows


class BreakdownTable(QWidget):
    """Shows the option given to `show_option` for the comparison given to `set_comparison`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._option_id: str | None = None
        self._columns_for: tuple[str, ...] | None = None
        self._fitted: tuple | None = None  # (columns, widest text of each, their widths) when last fitted
        self._dirty = False
        self.title = QLabel()
        self.title.setTextFormat(Qt.RichText)
        self.model_ = ColumnModel([], self, row_title=lambda r: r.item)
        self.table = QTableView()
        self.table.setModel(self.model_)
        self.table.setAccessibleName("Breakdown month by month")
        self.table.setAccessibleDescription("The selected option's line items (rows) for each month (columns), "
                                            "their totals over the horizon, and its sizing details")
        self._detail_fg = muted_foreground(self.table.palette()).name()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        enable_copy(self.table)
        compact_rows(self.table)
        self.table.setWordWrap(False)
        # Widths are fitted when the table is refreshed (fitting on every change would measure
        # every cell of 60+ months on each edit, even while the tab is hidden).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notes.setAccessibleName("Notes on the option")
        self.notes.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        notes_scroll = QScrollArea()
        notes_scroll.setWidget(self.notes)
        notes_scroll.setWidgetResizable(True)
        notes_scroll.setFrameShape(QScrollArea.NoFrame)
        notes_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.table)
        split.addWidget(notes_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([700, 260])
        notes_scroll.setMinimumWidth(200)
        self.notes_scroll = notes_scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)

    @property
    def option_id(self) -> str | None:
        return self._option_id

    @property
    def rows(self) -> tuple[BreakdownRow, ...]:
        if self._dirty:
            self._refresh()
        return self.model_.rows

    def set_comparison(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self._refresh_when_seen()

    def show_option(self, option_id: str) -> None:
        self._option_id = option_id
        self._refresh_when_seen()

    def _refresh_when_seen(self) -> None:
        """Refresh now if on screen, else when next shown (an edit must not wait for hidden tabs)."""
        if self.isVisible():
            self._refresh()
        else:
            self._dirty = True

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "table"):
            self._detail_fg = muted_foreground(self.table.palette()).name()

    def showEvent(self, event) -> None:
        if self._dirty:
            self._refresh()
        super().showEvent(event)

    def _columns(self, months: tuple[str, ...]) -> list[Column]:
        if self._columns_for != months:
            def fg(row: BreakdownRow):
                return self._detail_fg if row.kind == "detail" else None

            def bold(row: BreakdownRow):
                return row.kind == "total"

            # The line names are the vertical header: they stay in view while the months scroll.
            columns = [Column("Total", lambda r: r.total, RIGHT, foreground=fg, bold=bold,
                              tooltip=lambda r: r.tip or None, header_tip="Over the whole horizon")]
            for m, label in enumerate(months):
                columns.append(Column(label, lambda r, m=m: r.cells[m], RIGHT, foreground=fg, bold=bold,
                                      header_tip=f"Month {m + 1}"))
            self._cached_columns = columns
            self._columns_for = months
        return self._cached_columns

    def _refresh(self) -> None:
        self._dirty = False
        c = self._comparison
        if c is None or self._option_id is None:
            self.title.setText("Select an option in the summary to see its costs month by month.")
            return
        option = c.option(self._option_id)
        style = option_styles()[option.id]
        state = ""
        if not option.available:  # core's label and few words of why, e.g. "lower bound: Cloud HSM ..."
            why = option.short_reason
            label = status_label(option.status)
            state = f" — <i>not ranked, {html.escape(label if why in ('', label) else f'{label}: {why}')}</i>"
        self.title.setText(f'<span style="color:{style.colour}">■</span> <b>{html.escape(option.label)}</b>{state}'
                           f" — {c.currency}, month by month")
        columns = self._columns(c.months)
        self.model_.set_rows(breakdown_rows(c, option.id), columns)
        self._fit_columns(columns)
        self.notes.setText("\n".join("• " + n for n in option.notes))
        self.notes_scroll.setVisible(bool(option.notes))

    def _fit_columns(self, columns: list[Column]) -> None:
        """Fit each column to its contents again where that can change its width: its widest text
        changed (each text in its row's font; the Total row is bold), or it is not as wide as
        fitted last (the user dragged it). Fitting all of them measures every cell of every month:
        ~8 ms of each edit at 120 months, for widths that rarely change."""
        plain = QFontMetrics(self.table.font())
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        rows = self.model_.rows
        widths = [max(((bold if row.kind == "total" else plain).horizontalAdvance(column.text(row)) for row in rows),
                      default=0) for column in columns]
        fitted = self._fitted
        if fitted is None or fitted[0] is not columns:
            self.table.resizeColumnsToContents()
        else:
            for i, (before, now, size) in enumerate(zip(fitted[1], widths, fitted[2])):
                if before != now or self.table.columnWidth(i) != size:
                    self.table.resizeColumnToContents(i)
        self._fitted = (columns, widths, [self.table.columnWidth(i) for i in range(len(columns))])

    def cell_text(self, item: str, month: int) -> str:
        """The text shown for a line (or detail) in a month (tests)."""
        if self._dirty:
            self._refresh()
        for row in self.model_.rows:
            if row.item == item:
                return row.cells[month]
        raise KeyError(item)
