"""The analysis side of the main window: cost curves, summary, breakdown, reasons, break-evens,
what-if controls and stored scenarios, all following the open PlanDocument live.

The what-if never edits the plan: the pane shows `compare(plan, whatif=whatif)`; only
"Keep as scenario" changes the plan (one undoable edit that adds it to the "scenarios" field).
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QScrollArea, QSplitter, QTabWidget, QTextBrowser, QToolButton,
                               QVBoxLayout, QWidget)

from core.catalog import option_styles
from core.compare import Comparison, compare
from core.headline import headline_parts
from core.scenarios import Scenario, keep, scenarios_of
from core.sweep import WhatIf
from desktop.views.breakdown_table import BreakdownTable
from desktop.chart import CostChart
from desktop.palette_colours import banner_style
from desktop.views.scenarios_view import ScenariosView
from desktop.views.steady_label import SteadyLabel
from desktop.views.summary_table import SummaryTable
from desktop.views.whatif_panel import WhatIfPanel

def _pair_icon(first: str, second: str) -> QIcon:
    """Two swatches side by side: the option that becomes cheaper, then the one it undercuts."""
    pixmap = QPixmap(28, 14)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.fillRect(0, 1, 12, 12, QColor(first))
    painter.fillRect(15, 1, 12, 12, QColor(second))
    painter.end()
    return QIcon(pixmap)


REASONS_DELAY_MS = 50
SIDE_WIDTH = 320  # px: the what-if and reasons column beside the chart, at first
WHY_MIN_HEIGHT = 50
SUMMARY_SHARE = 0.32  # at most this share of the pane's height goes to the summary at first
SUMMARY_MIN_HEIGHT = 110
CAVEAT_FONT_SCALE = 0.92  # the caveat line a little smaller than the lead: several lines in a short window


class AnalysisPane(QWidget):
    """Everything about what the plan costs. `comparison` is what is shown (with the what-if)."""

    comparisonShown = Signal(object)  # the Comparison now on screen (with the what-if applied)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Analysis")
        self.setAccessibleDescription("What the plan costs with each way of paying: the headline, the cost "
                                      "curves, the what-if controls, the reasons and the summary tables")
        self._whatif = WhatIf()
        self._scenario: Scenario | None = None  # the stored scenario the what-if shows, if any
        self._comparison: Comparison = document.comparison

        # --- header: headline, what-if banner, curve mode ---------------------------------
        # core's lead: the cheapest fully priced option, or that none is. Its figures change with every
        # what-if step and edit: held in a SteadyLabel, a new text of the same size lays nothing else out.
        headline_box = SteadyLabel()
        self.headline = headline_box.label
        self.headline.setTextFormat(Qt.RichText)
        self.headline.setAccessibleName("Headline")
        self.caveat = QLabel()  # core's caveat: what is not ranked and why, what to enter
        self.caveat.setTextFormat(Qt.PlainText)
        self.caveat.setWordWrap(True)  # full width, wrapped: never cut off
        self.caveat.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.caveat.setAccessibleName("Options not ranked")
        self.caveat.setContentsMargins(4, 0, 4, 0)
        font = self.caveat.font()
        font.setPointSizeF(font.pointSizeF() * CAVEAT_FONT_SCALE)
        self.caveat.setFont(font)
        # The what-if notice: its words change with every step, held in a SteadyLabel so that a new
        # text within the width it holds lays nothing else out (the header and the window were laid
        # out again, and the caveat repainted in a second paint after the chart's).
        self.banner_box = SteadyLabel()
        self.banner = self.banner_box.label
        self.banner.setTextFormat(Qt.PlainText)
        self.banner.setStyleSheet(banner_style(self.palette()))
        self.banner.setAccessibleName("What-if notice")
        self.banner_box.hide()
        self.cumulative_button = QToolButton()
        self.cumulative_button.setText("Cumulative")
        self.cumulative_button.setToolTip("Total spent up to each month: curves cross at break-even points")
        self.monthly_button = QToolButton()
        self.monthly_button.setText("Monthly")
        self.monthly_button.setToolTip("What each month costs")
        self.mode_group = QButtonGroup(self)
        for button in (self.cumulative_button, self.monthly_button):
            button.setCheckable(True)
            button.setAutoRaise(False)
            self.mode_group.addButton(button)
        self.cumulative_button.setChecked(True)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(headline_box, 1)
        top.addWidget(self.banner_box)
        top.addSpacing(12)
        top.addWidget(QLabel("Curves:"))
        top.addWidget(self.cumulative_button)
        top.addWidget(self.monthly_button)
        header = QVBoxLayout()
        header.setContentsMargins(0, 0, 0, 2)
        header.setSpacing(0)
        header.addLayout(top)
        header.addWidget(self.caveat)

        # --- chart, and beside it the what-if controls above the reasons -----------------------
        self.chart = CostChart()
        self.whatif_panel = WhatIfPanel(document.plan.months)
        whatif_scroll = QScrollArea()
        whatif_scroll.setWidget(self.whatif_panel)
        whatif_scroll.setWidgetResizable(True)
        whatif_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        whatif_scroll.setMinimumWidth(self.whatif_panel.minimumSizeHint().width() + 20)
        whatif_scroll.setFrameShape(QScrollArea.NoFrame)
        self.why = QTextBrowser()
        self.why.setOpenLinks(False)
        self.why.setMinimumHeight(WHY_MIN_HEIGHT)
        self.why.setAccessibleName("Why")
        self.why.setAccessibleDescription("Why the cheapest fully priced option wins, and what each option's "
                                          "cost depends on")
        # During a burst of changes (typing, dragging a slider) the reasons follow 50 ms after the
        # last one: relaying out the text repaints the whole window, which would otherwise delay the
        # curves on every step. A single change updates them at once.
        self._reasons_for: Comparison | None = None
        self._last_change = 0.0
        self._reasons_timer = QTimer(self)
        self._reasons_timer.setSingleShot(True)
        self._reasons_timer.setInterval(REASONS_DELAY_MS)
        self._reasons_timer.timeout.connect(lambda: self._show_reasons(self._reasons_for))
        why_box = QWidget()
        why_layout = QVBoxLayout(why_box)
        why_layout.setContentsMargins(6, 0, 0, 0)
        why_layout.setSpacing(2)
        why_title = QLabel("<b>Why</b>")
        why_title.setToolTip("Why the cheapest option wins, and what each option's cost depends on")
        why_layout.addWidget(why_title)
        why_layout.addWidget(self.why, 1)
        # The what-if keeps the height its controls need; the reasons take the rest of the column,
        # so the column beside the chart is used to its foot at any window height.
        self.side_splitter = QSplitter(Qt.Vertical)
        self.side_splitter.setObjectName("analysisSideSplitter")
        self.side_splitter.addWidget(whatif_scroll)
        self.side_splitter.addWidget(why_box)
        self.side_splitter.setStretchFactor(0, 0)
        self.side_splitter.setStretchFactor(1, 1)
        self.side_splitter.setCollapsible(0, False)
        self.side_splitter.setCollapsible(1, False)
        whatif_height = self.whatif_panel.sizeHint().height()
        self.side_splitter.setSizes([whatif_height, 1000])
        whatif_scroll.setMinimumHeight(min(whatif_height, 90))
        self.top_splitter = QSplitter(Qt.Horizontal)
        self.top_splitter.setObjectName("analysisTopSplitter")
        self.top_splitter.addWidget(self.chart)
        self.top_splitter.addWidget(self.side_splitter)
        self.top_splitter.setStretchFactor(0, 1)
        self.top_splitter.setStretchFactor(1, 0)
        self.top_splitter.setCollapsible(0, False)
        side_width = max(SIDE_WIDTH, whatif_scroll.minimumWidth())
        self.top_splitter.setSizes([2000, side_width])

        # --- tabs: summary, breakdown, break-evens, scenarios ---------------------------------
        self.summary = SummaryTable()
        self.breakdown = BreakdownTable()
        self.break_even_list = QListWidget()
        self.break_even_list.setWordWrap(True)
        self.break_even_list.setIconSize(QSize(28, 14))
        self.break_even_list.setToolTip("Select a break-even to show its month on the chart")
        self.break_even_list.setAccessibleName("Break-even points")
        self.break_even_list.setAccessibleDescription(
            "The months where one option becomes cheaper than another; select one to show it on the chart")
        self.scenarios_view = ScenariosView(document)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Analysis tables")
        self.tabs.addTab(self.summary, "Summary")
        self.tabs.addTab(self.breakdown, "Breakdown")
        self.tabs.addTab(self.break_even_list, "Break-even points")
        self.tabs.addTab(self.scenarios_view, "Scenarios")

        # The chart takes what the summary (all its rows, no more) leaves: it is what users look at.
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setObjectName("analysisSplitter")
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        # --- wiring ---------------------------------------------------------------------------
        self.mode_group.buttonClicked.connect(
            lambda b: self.set_mode("cumulative" if b is self.cumulative_button else "monthly"))
        self.summary.optionSelected.connect(self._option_selected)
        self.summary.doubleClicked.connect(lambda _index: self.tabs.setCurrentWidget(self.breakdown))
        self.summary.visibilityChanged.connect(self.chart.set_hidden)
        self.break_even_list.currentRowChanged.connect(self._break_even_selected)
        self.whatif_panel.changed.connect(self.set_whatif)
        self.whatif_panel.keepRequested.connect(self._ask_keep)
        self.scenarios_view.applyRequested.connect(self._show_scenario)
        document.comparisonChanged.connect(self._document_changed)
        document.planChanged.connect(self._plan_changed)
        self._show(self._comparison)
        # Sizes are only known once laid out: the first show fits the summary, unless the window
        # restored the user's own split (it clears this).
        self.fit_on_show = True

    def summary_height(self) -> int:
        """The height of the tabs that shows the summary's every row and no empty space."""
        table = self.summary
        rows = table.model().rowCount()
        body = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
        return self.tabs.tabBar().sizeHint().height() + body + 2 * table.frameWidth() + 2

    def fit_summary_height(self) -> None:
        """Give the summary the height of its rows (in a short window at most SUMMARY_SHARE of the
        pane; it scrolls) and the chart everything else."""
        total = sum(self.splitter.sizes()) or max(self.height() - self.headline.sizeHint().height(), 300)
        summary = min(self.summary_height(), max(SUMMARY_MIN_HEIGHT, int(total * SUMMARY_SHARE)))
        self.splitter.setSizes([max(total - summary, 1), summary])

    # --- public API --------------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison:
        """The comparison on screen: the plan's, or the what-if's when one is active."""
        return self._comparison

    @property
    def whatif(self) -> WhatIf:
        return self._whatif

    def set_mode(self, mode: str) -> None:
        self.chart.set_mode(mode)
        (self.cumulative_button if mode == "cumulative" else self.monthly_button).setChecked(True)

    def set_whatif(self, whatif: WhatIf) -> None:
        self._whatif = whatif
        if self._scenario is not None and self._scenario.whatif != whatif:
            self._scenario = None
        self._recompute()

    def show_scenario(self, name: str) -> None:
        """Show a stored scenario in the what-if controls (and say so in the banner)."""
        scenario = next(s for s in scenarios_of(self.document.plan) if s.name == name)
        self._show_scenario(scenario.whatif, scenario.name)

    def keep_scenario(self, name: str) -> None:
        """Store the current what-if as a named scenario: one undoable edit of the plan."""
        name = name.strip()
        if not name:
            return
        plan = self.document.plan
        verb = "Replace" if any(s.name == name for s in scenarios_of(plan)) else "Keep"
        try:
            new_plan = keep(plan, Scenario(name, self._whatif))
        except ValueError as exc:
            QMessageBox.warning(self, "Keep as scenario", str(exc))
            return
        self.document.edit(new_plan, f"{verb} scenario “{name}”")

    # --- internals ---------------------------------------------------------------------------
    def _ask_keep(self) -> None:
        default = self._whatif.describe(self.document.plan.months).capitalize()
        name, ok = QInputDialog.getText(self, "Keep as scenario", "Name of the scenario:", text=default)
        if ok and name.strip():
            before = self.document.plan
            self.keep_scenario(name)
            if self.document.plan is not before:
                self.tabs.setCurrentWidget(self.scenarios_view)
                self.scenarios_view.select(name.strip())

    def _show_scenario(self, whatif: WhatIf, name: str | None = None) -> None:
        self._scenario = Scenario(name, whatif) if name else None
        if whatif == self._whatif:
            self._recompute()  # same numbers; the banner names the scenario
        self.whatif_panel.set_whatif(whatif)

    def _plan_changed(self, new, _old) -> None:
        if getattr(self.document, "loading", False):  # another plan opened: start from it as entered
            self._scenario = None
            self.summary.forget_choice()  # a new plan: the selection follows its cheapest option
            self.whatif_panel.set_plan_months(new.months)
            self.whatif_panel.reset()
            return
        self.whatif_panel.set_plan_months(new.months)

    def _document_changed(self, comparison: Comparison) -> None:
        if self._whatif.is_neutral:
            if comparison is not self._comparison:  # opening a plan resets the what-if, which showed it already
                self._show(comparison)
        else:
            self._recompute()

    def _recompute(self) -> None:
        if self._whatif.is_neutral:
            self._show(self.document.comparison)
        else:
            try:
                comparison = compare(self.document.plan, whatif=self._whatif)
            except (ValueError, ArithmeticError) as exc:  # keep what is shown, say why it did not move
                self._set_banner(f"This what-if cannot be priced: {exc}")
                return
            self._show(comparison)

    def _show(self, c: Comparison) -> None:
        self._comparison = c
        self.chart.set_comparison(c)
        self.summary.set_comparison(c)
        self.breakdown.set_comparison(c)
        selected = self.summary.selected_option()
        if selected and selected != self.breakdown.option_id:
            self.breakdown.show_option(selected)
        self._show_headline(c)
        self._reasons_for = c
        now = time.monotonic()
        if now - self._last_change > REASONS_DELAY_MS / 1000 and not self._reasons_timer.isActive():
            self._show_reasons(c)  # a single change: at once
        else:
            self._reasons_timer.start()  # a burst (typing, dragging): once it settles
        self._last_change = now
        self._show_break_evens(c)
        self.comparisonShown.emit(c)

    def _show_headline(self, c: Comparison) -> None:
        """core.headline's line: its lead in bold (with the cheapest option's colour), then what is
        not ranked and why, and what to enter to get a ranking, as core words them."""
        parts = headline_parts(c)
        text = parts.text
        self._headline_text = text
        if text != getattr(self, "_headline_shown", None):
            self._headline_shown = text
            lead = html.escape(parts.lead)
            if c.cheapest is not None:
                colour = option_styles()[c.cheapest].colour
                lead = f'<span style="color:{colour}">■</span> {lead}'
            caveat = text[len(parts.lead):].strip()
            self.headline.setText(f"<b>{lead}</b>")
            self.headline.setAccessibleDescription(text)
            self.caveat.setText(caveat)
            self.caveat.setVisible(bool(caveat))
            tip = self._not_ranked_tip(c)
            for label in (self.headline, self.caveat):
                if label.toolTip() != tip:  # setToolTip sends an event even for the same text
                    label.setToolTip(tip)
        if self._whatif.is_neutral:
            self._set_banner(None)
        else:
            what = self._whatif.describe(self.document.plan.months)
            if self._scenario is not None:
                self._set_banner(f"Scenario “{self._scenario.name}”: {what} (plan unchanged)")
            else:
                self._set_banner(f"What-if: {what} (plan unchanged)")

    def _set_banner(self, text: str | None) -> None:
        """The what-if notice (None: hidden). A slider step changes its width ("×1.7", "×1.75"); it
        only grows until the what-if ends, so a step does not lay the header out again and repaint
        the chart beside it a second time."""
        if text is None:
            self.banner_box.hide()
            self.banner_box.setMinimumWidth(0)
            if self.banner.text():  # clear() lays the window out again even when there is nothing to clear
                self.banner.clear()  # QLabel keeps its size hint (at least its minimum) until the text changes
            return
        if text != self.banner.text():
            self.banner.setText(text)
        width = self.banner.sizeHint().width()
        if width > self.banner_box.minimumWidth():
            self.banner_box.setMinimumWidth(width)
        self.banner_box.show()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "banner"):
            self.banner.setStyleSheet(banner_style(self.palette()))

    def headline_text(self) -> str:
        """The header's line as plain text: core.headline.headline of the comparison shown."""
        return self._headline_text

    @staticmethod
    def _not_ranked_tip(c: Comparison) -> str:
        """Every reason of every option that is not ranked, in full (the header says it in short)."""
        items = "".join(f"<li><b>{html.escape(o.label)}</b>: {html.escape(' '.join(o.status_reasons))}</li>"
                        for o in c.not_ranked)
        return f"<ul style='margin-left:-24px'>{items}</ul>" if items else ""

    def hideEvent(self, event) -> None:
        self._reasons_timer.stop()  # a closed pane must not wake up later; showEvent catches up
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.fit_on_show:
            self.fit_on_show = False
            self.fit_summary_height()
        if self._reasons_for is not None and not self._reasons_timer.isActive():
            self._reasons_timer.start()

    def why_text(self) -> str:
        """The reasons as shown (brought up to date first)."""
        if self._reasons_timer.isActive():
            self._reasons_timer.stop()
            self._show_reasons(self._reasons_for)
        return self.why.toPlainText()

    def _show_reasons(self, c: Comparison | None) -> None:
        if c is None:
            return
        try:
            reasons = c.reasons()
        except ArithmeticError:  # core words amounts with fmt_money, which stops at 28 digits
            reasons = ("The amounts are too large to put in words (more than 28 digits); "
                       "the table and the chart show them.",)
        items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons)
        text = f"<ul style='margin-left:-20px'>{items}</ul>"
        if text != getattr(self, "_why_html", None):
            self._why_html = text
            self._set_why_html(text)

    def _set_why_html(self, text: str) -> None:
        """New reasons, laid out once: setHtml empties the text first, and the browser hid its scroll
        bar for the empty text and showed it again for the new one (two relayouts of the text, and
        a second paint of the window). Its size is told once, when the new text is in."""
        layout = self.why.document().documentLayout()
        layout.blockSignals(True)
        try:
            self.why.setHtml(text)
        finally:
            layout.blockSignals(False)
        layout.documentSizeChanged.emit(layout.documentSize())
        self.why.viewport().update()

    def _show_break_evens(self, c: Comparison) -> None:
        self._break_evens = c.break_evens()
        styles = option_styles()
        entries = [(f"Month {e.month + 1} ({e.label}): {styles[e.cheaper].short} "
                    f"becomes cheaper than {styles[e.dearer].short}", e.reason, e.cheaper, e.dearer)
                   for e in self._break_evens]
        if not entries:
            entries = [("No break-even: no curve crosses another within the horizon.", "", None, None)]
        shown = [self.break_even_list.item(i).text() for i in range(self.break_even_list.count())]
        if shown == [text for text, *_ in entries]:
            # Same crossings (the usual case while editing): only the reasons' figures change. Refilling
            # the list would relayout and repaint the whole window on every keystroke.
            for i, (_text, reason, _a, _b) in enumerate(entries):
                item = self.break_even_list.item(i)
                if item.toolTip() != reason:
                    item.setToolTip(reason)
        else:
            self.break_even_list.blockSignals(True)
            self.break_even_list.clear()
            for text, reason, cheaper, dearer in entries:
                item = QListWidgetItem(text)
                item.setToolTip(reason)
                if cheaper is not None:
                    item.setIcon(_pair_icon(styles[cheaper].colour, styles[dearer].colour))
                self.break_even_list.addItem(item)
            self.break_even_list.blockSignals(False)
        title = f"Break-even points ({len(self._break_evens)})"
        if self.tabs.tabText(2) != title:
            self.tabs.setTabText(2, title)

    def _break_even_selected(self, row: int) -> None:
        if 0 <= row < len(self._break_evens):
            self.set_mode("cumulative")
            self.chart.show_month(self._break_evens[row].month)

    def _option_selected(self, option_id: str) -> None:
        self.breakdown.show_option(option_id)
