"""The summary of a comparison: one row per option in its colour, total, average per month, the
difference to the cheapest fully priced option (which is marked), its status and notes. A tick
shows/hides its curve. Options that are not `ok` are greyed, say why in the Status column (core's
label and short reason) and print their figures as core.status.figure_text does ("≥ 1,234.00",
"1,234.00 (reference)", "n/a"): never a plain total. Every note reads in full in the tooltip.

The selection follows the cheapest option after every change, and is scrolled into view at any
size, until the user selects a row: then it stays on that option (until another plan is opened).
Marks take their colours from the palette (desktop/palette_colours.py): readable when dark."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from core.catalog import option_styles
from core.compare import Comparison
from core.summary import SummaryRow, summary_rows
from core.status import status_label
from desktop.views.amount_text import amount_text, figure
from desktop.views.cell_repaint import CellRepaint
from desktop.views.digit_shape import digit_shape, even_digits
from desktop.models.display_model import RIGHT, Column, ColumnModel, compact_rows, enable_copy
from desktop.palette_colours import cheapest_background, muted_foreground

NOTES = 4  # the column that stretches
FITTED_KEPT = 256  # widths kept for this many shapes of the summary's texts


class SummaryTable(CellRepaint, QTableView):
    """`optionSelected(id)` when the user selects a row; `visibilityChanged(hidden ids)` on a tick."""

    optionSelected = Signal(str)
    visibilityChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hidden: set[str] = set()
        self._currency = ""
        self._options: dict = {}  # id -> OptionCost of the comparison shown (how its figures read)
        self._tied = False
        self._chosen: str | None = None  # the option the user selected; None: follow the cheapest
        self._selecting = False  # True while the table itself moves the selection
        self._swatches: dict[tuple, QIcon] = {}  # (colour, width, height) -> its swatch, made once
        self._colours()
        styles = option_styles()

        def fg(row: SummaryRow):
            return None if row.available else self._muted

        def bg(row: SummaryRow):
            return self._cheapest_bg if row.cheapest else None

        def name(row: SummaryRow) -> str:
            return styles[row.id].short + ("  ★ cheapest" if row.cheapest else "")

        def difference(row: SummaryRow) -> str:
            if row.cheapest:
                return "cheapest (tie)" if self._tied else "cheapest"
            if not row.available:
                return "not ranked"
            if row.difference is None:
                return "—"
            return "tie" if row.difference == 0 else "+" + amount_text(row.difference)

        def status(row: SummaryRow) -> str:
            """core's status label (and for an option that is not ranked, the few words of why:
            the deciding caveat, first so it is never the part cut off), then the first note."""
            label = status_label(row.status)
            why = self._options[row.id].short_reason
            if not row.available and why and why != label:
                label = f"{label}: {why}"
            return f"{label} — {row.notes[0]}" if row.notes else label

        def notes_tip(row: SummaryRow) -> str | None:
            # Rich text: Qt wraps it at a readable width (a plain-text tooltip runs across the screen).
            items = "".join(f"<li>{html.escape(n)}</li>" for n in row.notes)
            return f"<ul style='margin-left:-24px'>{items}</ul>" if items else None

        def amount(getter):
            return lambda row: figure(self._options[row.id], getter(row))

        def figure_tip(row: SummaryRow) -> str | None:
            """Why a figure is a lower bound or a reference: the option's status reasons."""
            return None if row.available else notes_tip(row)

        self.model_ = ColumnModel([
            Column("Option", name, tooltip=lambda r: r.label, foreground=fg, background=bg,
                   decoration=lambda r: styles[r.id].colour, bold=lambda r: r.cheapest,
                   checked=lambda r: r.id not in self._hidden, on_check=self._checked,
                   header_tip="Tick to show the option's curve on the chart"),
            Column("Total", amount(lambda r: r.total), RIGHT, foreground=fg, background=bg,
                   bold=lambda r: r.cheapest, tooltip=figure_tip,
                   header_tip="Total over the plan's horizon; ≥ marks a lower bound (a needed price is not "
                              "entered), (reference) an option that cannot be ranked"),
            Column("Per month", amount(lambda r: r.average), RIGHT, foreground=fg, background=bg, tooltip=figure_tip,
                   header_tip="Average cost per month"),
            Column("vs cheapest", difference, RIGHT, foreground=fg, background=bg, tooltip=figure_tip,
                   header_tip="How much more than the cheapest fully priced option, over the horizon"),
            Column("Status and notes", status, tooltip=notes_tip, foreground=fg, background=bg,
                   header_tip="Only fully priced options that can serve the plan are ranked. "
                              "Hover a row to read every note in full"),
        ], self, swatch=self._swatch)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.ElideRight)
        self.verticalHeader().hide()
        compact_rows(self)
        enable_copy(self)
        header = self.horizontalHeader()
        # Fitted only when a column's longest text changes: fitting measures every cell and role.
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(NOTES, QHeaderView.Stretch)
        self._widths_for: tuple = ()
        self._fitted: dict[tuple, tuple] = {}  # _widths_key() -> the widths resizeColumnToContents gave
        header.setMinimumSectionSize(60)
        self.setAccessibleName("Summary of the options")
        self.setAccessibleDescription(
            "One row per way of paying: total over the horizon, average per month, difference to the "
            "cheapest fully priced option, and its status and notes. Tick a row to show its curve.")
        self.selectionModel().currentRowChanged.connect(self._row_changed)

    def _colours(self) -> None:
        palette = self.palette()
        self._muted = muted_foreground(palette).name()
        self._cheapest_bg = cheapest_background(palette).name()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "model_"):  # a theme switch: new marks
            self._colours()
            self.model_.refresh()
        if event.type() in (QEvent.FontChange, QEvent.StyleChange) and hasattr(self, "_fitted"):
            self._fitted.clear()  # texts measure differently now
        if event.type() == QEvent.StyleChange and hasattr(self, "model_"):
            self.model_.forget_roles()  # swatches of the new style's size

    def _swatch(self, colour: str) -> QIcon:
        """An option's colour as the square beside its name, drawn in its own colour when the row is
        selected too (Qt tints a colour decoration with the selection colour: orange turned olive).
        The model hands it as an icon: no delegate in Python for each painted cell, and no square
        made anew at each paint."""
        size = self.iconSize()
        if not size.isValid():  # the size Qt gives a decoration in this view
            extent = self.style().pixelMetric(QStyle.PM_SmallIconSize, None, self)
            size = QSize(extent, extent)
        key = (colour, size.width(), size.height())
        icon = self._swatches.get(key)
        if icon is None:
            pixmap = QPixmap(size)
            pixmap.fill(QColor(colour))
            icon = self._swatches[key] = QIcon()
            for mode in (QIcon.Normal, QIcon.Selected, QIcon.Active):
                icon.addPixmap(pixmap, mode)
        return icon

    def set_comparison(self, comparison: Comparison) -> None:
        self._currency = comparison.currency
        self._options = {o.id: o for o in comparison.options}
        self._tied = len(comparison.tied_with_cheapest()) > 1
        self.model_.set_title(1, f"Total ({comparison.currency})")
        self.model_.set_rows(summary_rows(comparison))
        lengths = tuple(max((len(c.text(r)) for r in self.model_.rows), default=0)
                        for c in self.model_.columns[:NOTES])
        if lengths != self._widths_for:
            self._widths_for = lengths
            self._fit_columns()
        if not self.model_.rowCount():
            return
        ids = [row.id for row in self.model_.rows]
        if self._chosen not in ids:
            self._chosen = None
        target = self._chosen or comparison.cheapest
        if target is None:  # nothing ranked: no row is singled out
            if self.selected_option() is not None:
                self._selecting = True
                try:
                    self.selectionModel().clear()
                finally:
                    self._selecting = False
            return
        if self.selected_option() != target:
            self.select_option(target)
        self.scroll_to_selected()

    def _fit_columns(self) -> None:
        """Every column but the notes as wide as its longest text. The table takes in the new widths
        at once: told by the header, it waited for a timer and repainted itself whole a paint later.
        Measuring asks every cell for every role: widths already measured for texts as wide are reused,
        and widths that do not change leave the table as it is."""
        header = self.horizontalHeader()
        key = self._widths_key()
        widths = self._fitted.get(key)
        if widths is not None and widths == tuple(header.sectionSize(c) for c in range(NOTES)):
            return
        header.blockSignals(True)
        try:
            if widths is None:
                for column in range(NOTES):
                    self.resizeColumnToContents(column)
                if len(self._fitted) >= FITTED_KEPT:
                    self._fitted.clear()
                self._fitted[key] = tuple(header.sectionSize(c) for c in range(NOTES))
            else:
                for column, width in enumerate(widths):
                    header.resizeSection(column, width)
            self.doItemsLayout()  # the notes stretch to the rest here, and the whole table repaints
        finally:
            header.blockSignals(False)

    def _widths_key(self) -> tuple:
        """What the fitted widths depend on: the titles and each row's texts and weight. When every
        digit is as wide as the others (in the table's font, plain and bold) the digits are left out,
        so the next figures of the same shape reuse the widths measured."""
        even = even_digits(self.font())
        columns = self.model_.columns[:NOTES]
        rows = tuple((row.cheapest, *(digit_shape(c.text(row)) if even else c.text(row) for c in columns))
                     for row in self.model_.rows)
        return tuple(self.model_.headerData(c, Qt.Horizontal) for c in range(NOTES)), rows

    def forget_choice(self) -> None:
        """Follow the cheapest option again (another plan was opened)."""
        self._chosen = None

    @property
    def chosen(self) -> str | None:
        """The option the user selected, which the selection stays on; None when it follows the cheapest."""
        return self._chosen

    def scroll_to_selected(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current, QAbstractItemView.EnsureVisible)

    def set_hidden(self, option_ids) -> None:
        self._hidden = set(option_ids)
        self.model_.refresh()

    @property
    def hidden(self) -> set[str]:
        return set(self._hidden)

    def _checked(self, row: SummaryRow, on: bool) -> None:
        if on:
            self._hidden.discard(row.id)
        else:
            self._hidden.add(row.id)
        self.visibilityChanged.emit(set(self._hidden))

    def selected_option(self) -> str | None:
        index = self.selectionModel().currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model_.row(index.row()).id

    def select_option(self, option_id: str, *, by_user: bool = False) -> None:
        """Select an option's row; `by_user` makes the selection stay on it through changes."""
        for i, row in enumerate(self.model_.rows):
            if row.id == option_id:
                self._selecting = not by_user
                try:
                    self.selectionModel().setCurrentIndex(
                        self.model_.index(i, 0),
                        QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                finally:
                    self._selecting = False
                if by_user:
                    self._chosen = option_id
                return

    def row_texts(self, option_id: str) -> list[str]:
        """What the table shows for an option, column by column (for tests and exports)."""
        for i, row in enumerate(self.model_.rows):
            if row.id == option_id:
                return [self.model_.index(i, c).data() for c in range(self.model_.columnCount())]
        raise KeyError(option_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scroll_to_selected()  # in a short window the selected (cheapest) row is in view at first

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._chosen is None:  # the window's layout settles after the first show: keep it in view
            self.scroll_to_selected()

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            option_id = self.model_.row(current.row()).id
            if not self._selecting:  # a click, the arrow keys, a test: the user's choice
                self._chosen = option_id
            self.optionSelected.emit(option_id)
