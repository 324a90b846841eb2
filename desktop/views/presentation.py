"""Presentation mode (View > Presentation, F5; `kms-planner --presentation PLAN`): the comparison
full screen for a projector, readable from the back of the room.

Chart first (cumulative, large type, thick lines; options that are not fully priced dashed),
then the cheapest fully priced option, core's headline with its caveats, the break-even months
in words, and a strip of totals (figures that are not plain totals marked as core prints them). Left/Right (or PageUp/PageDown, as clickers send) step
through the base plan and the scenarios stored with it; Esc leaves. Every figure comes from core.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.catalog import option_styles
from core.compare import Comparison
from core.headline import headline
from core.money import fmt_money
from core.status import figure_text, status_label
from core.summary import summary_rows
from core.words import plural
from desktop.chart import CostChart
from desktop.chart.audience import style_chart, use_audience_axes

BACKGROUND = "#ffffff"
TEXT = "#111111"
MUTED = "#555555"
CHART_PT = 20
LINE_PX = 6.0
MARKER_PX = 24
MAX_BREAK_EVENS = 3
NEXT_KEYS = (Qt.Key_Right, Qt.Key_PageDown, Qt.Key_Down, Qt.Key_Space)
PREVIOUS_KEYS = (Qt.Key_Left, Qt.Key_PageUp, Qt.Key_Up, Qt.Key_Backspace)


def _label(point_size: int, *, bold: bool = False, colour: str = TEXT, wrap: bool = False) -> QLabel:
    label = QLabel()
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    label.setFont(font)
    label.setProperty("base_pt", point_size)  # scaled with the screen by PresentationWindow
    label.setStyleSheet(f"color: {colour}; background: transparent;")
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.PlainText)
    return label


def _whole(amount) -> str:
    """An amount for the back of the room: whole units ("18,500"), but cents below 1,000 (a
    one-month plan's 3.99 USD must not read "4")."""
    return fmt_money(amount, 0 if abs(amount) >= 1000 else 2)


def scenario_views(document) -> list[tuple[str, Comparison, str]]:
    """(name, comparison, what it changes) of the base plan and each stored scenario, in order."""
    base = document.comparison
    try:
        from core.scenarios import evaluate
    except ImportError:  # before scenarios exist: the base plan alone
        return [("Base plan", base, "")]
    try:
        results = evaluate(document.plan, base)
    except (ValueError, KeyError):  # a broken "scenarios" field must not stop the talk
        return [("Base plan", base, "")]
    months = document.plan.months
    return [(r.name, r.comparison, r.scenario.whatif.describe(months) if r.scenario else "") for r in results]


def break_even_lines(c: Comparison, limit: int = MAX_BREAK_EVENS) -> list[str]:
    """The break-evens in short words, those of the cheapest option first."""
    styles = option_styles()
    events = list(c.break_evens())
    cheapest = c.cheapest
    events.sort(key=lambda e: (cheapest not in (e.cheaper, e.dearer), e.month))
    lines = []
    for e in events[:limit]:
        cheaper = styles[e.cheaper].short if e.cheaper in styles else e.cheaper
        dearer = styles[e.dearer].short if e.dearer in styles else e.dearer
        lines.append(f"From {e.label} (month {e.month + 1}): {cheaper} becomes cheaper than {dearer}")
    if len(events) > limit:
        lines.append(f"… and {plural(len(events) - limit, 'more break-even')}")
    if not events:
        lines.append(f"No break-even: no curves cross in {plural(len(c.months), 'month')}")
    return lines


class PresentationWindow(QWidget):
    """A full-screen view of one PlanDocument. `scenarioChanged(index, name)` on each step."""

    scenarioChanged = Signal(int, str)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.document = document
        self.setAttribute(Qt.WA_DeleteOnClose, True)
        self.setObjectName("PresentationWindow")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.Window, QColor(BACKGROUND))
        palette.setColor(QPalette.WindowText, QColor(TEXT))
        self.setPalette(palette)
        self.setFocusPolicy(Qt.StrongFocus)

        self.scenario_label = _label(30, bold=True, wrap=True)  # names run to 100 characters
        self.plan_label = _label(18, colour=MUTED)
        self.plan_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # clip, never widen
        self.position_label = _label(16, colour=MUTED)
        self.position_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        header = QHBoxLayout()
        header.setSpacing(32)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.scenario_label)
        titles.addWidget(self.plan_label)
        header.addLayout(titles, 1)
        header.addWidget(self.position_label)

        self.chart = CostChart()
        self.chart.setFocusPolicy(Qt.NoFocus)
        self.chart.plot.setFocusPolicy(Qt.NoFocus)
        use_audience_axes(self.chart, CHART_PT)
        self.chart.set_font_size(CHART_PT)
        self.chart.set_mode("cumulative")
        self.chart.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

        self.cheapest_caption = _label(26, colour=MUTED)
        self.cheapest_caption.setText("Cheapest fully priced:")
        self.cheapest_swatch = QLabel()
        self.cheapest_swatch.setFixedSize(16, 40)
        self.cheapest_label = _label(30, bold=True)
        self.cheapest_label.setWordWrap(True)
        self.cheapest_total = _label(30, bold=True)
        cheapest_row = QHBoxLayout()
        cheapest_row.setSpacing(14)
        cheapest_row.addWidget(self.cheapest_caption)
        cheapest_row.addWidget(self.cheapest_swatch)
        cheapest_row.addWidget(self.cheapest_label, 1)
        cheapest_row.addWidget(self.cheapest_total)
        self.headline_label = _label(16, wrap=True)  # core's headline: what is not ranked, and why
        self.headline_label.setObjectName("headline")
        self.summary_label = _label(20, wrap=True)
        self.break_even_label = _label(20, wrap=True)

        self.totals = QFrame()
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("QFrame#totals { border-top: 2px solid #cccccc; }")
        self.totals_layout = QHBoxLayout(self.totals)
        self.totals_layout.setContentsMargins(0, 12, 0, 0)
        self.totals_layout.setSpacing(20)  # six options, some with a longer figure ("(reference)"), fit 1600 px
        self.total_labels: dict[str, QLabel] = {}
        self.totals_caption: QLabel | None = None
        self.missing_label: QLabel | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 24)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.chart, 1)
        layout.addLayout(cheapest_row)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.break_even_label)
        layout.addWidget(self.totals)

        close = QAction("Leave presentation", self)
        close.setShortcuts([QKeySequence(Qt.Key_Escape), QKeySequence(Qt.Key_F5)])
        close.setShortcutContext(Qt.WindowShortcut)
        close.triggered.connect(self.close)
        self.addAction(close)

        self.views: list[tuple[str, Comparison, str]] = []
        self.index = 0
        self.scale = 1.0
        self.reload()
        document.comparisonChanged.connect(self._document_changed)

    # --- data ------------------------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison:
        return self.views[self.index][1]

    @property
    def scenario_name(self) -> str:
        return self.views[self.index][0]

    def reload(self) -> None:
        name = self.views[self.index][0] if self.views else None
        self.views = scenario_views(self.document)
        names = [v[0] for v in self.views]
        self.index = names.index(name) if name in names else 0
        self._show()

    def _document_changed(self, _comparison) -> None:
        self.reload()

    def step(self, delta: int) -> None:
        """Show the next (+1) or previous (-1) scenario, wrapping around."""
        if len(self.views) > 1:
            self.index = (self.index + delta) % len(self.views)
            self._show()

    def show_scenario(self, index: int) -> None:
        self.index = max(0, min(index, len(self.views) - 1))
        self._show()

    # --- drawing ---------------------------------------------------------------------------------
    def _show(self) -> None:
        name, c, change = self.views[self.index]
        self.setWindowTitle(f"{name} — {c.plan.name} — Presentation")
        self.scenario_label.setText(name)
        span = f"{c.months[0]} to {c.months[-1]} " if len(c.months) > 1 else f"{c.months[0]} "
        self.plan_label.setText(f"{change + ' · ' if change else ''}{c.plan.name} · {span}"
                                f"({plural(len(c.months), 'month')}) · {c.catalog.title}")
        count = len(self.views)
        hint = "← → scenarios · Esc to leave" if count > 1 else "Esc to leave"
        self.position_label.setText(f"{self.index + 1} of {count}\n{hint}")
        self.chart.set_comparison(c)
        # Options with no figure at all are noise on a projector (the totals strip names them);
        # the others stay, dashed when they are not plain totals.
        self.chart.set_hidden(o.id for o in c.options if o.figure_kind == "none")
        self._style_chart()
        cheapest = c.cheapest
        reasons = c.reasons()
        self.headline_label.setText(headline(c))
        if cheapest is None:
            self.cheapest_label.setText("none")
            self.cheapest_swatch.hide()
            self.cheapest_total.setText("")
        else:
            best = c.option(cheapest)
            colour = option_styles()[cheapest].colour if cheapest in option_styles() else TEXT
            self.cheapest_label.setText(best.label)
            self.cheapest_swatch.setStyleSheet(f"background: {colour}; border-radius: 3px;")
            self.cheapest_swatch.show()
            self.cheapest_total.setText(f"{_whole(best.total)} {c.currency}")
        self.summary_label.setText(reasons[0] if reasons else "")
        self.summary_label.setVisible(cheapest is not None)  # else it repeats the headline's "enter ..."
        self.break_even_label.setText("\n".join(break_even_lines(c)))
        self._show_totals(c)
        self.scenarioChanged.emit(self.index, name)

    def _style_chart(self) -> None:
        pt = max(9, round(CHART_PT * self.scale))
        style_chart(self.chart, font_pt=pt, line_px=LINE_PX * self.scale, marker_px=MARKER_PX * self.scale, title="")

    def set_scale(self, scale: float) -> None:
        """Grow or shrink every text and line with the screen (1.0 is designed for 1920x1080)."""
        if abs(scale - self.scale) < 1e-6:
            return
        self.scale = scale
        for label in self.findChildren(QLabel):
            base = label.property("base_pt")
            if base:
                font = label.font()
                font.setPointSizeF(float(base) * scale)
                label.setFont(font)
        pt = max(9, round(CHART_PT * scale))
        use_audience_axes(self.chart, pt)
        self.chart.set_font_size(pt)
        self.cheapest_swatch.setFixedSize(round(16 * scale), round(40 * scale))
        if self.views:
            self._style_chart()
            self._show_totals(self.comparison)

    def fit_to(self, size: QSize) -> None:
        """Scale type and lines for a screen (or window) of `size`; 1920x1080 is 1.0."""
        scale = min(size.width() / 1920, size.height() / 1080)
        self.set_scale(round(max(0.5, min(1.6, scale)) * 20) / 20)

    def resizeEvent(self, event) -> None:
        self.fit_to(event.size())
        super().resizeEvent(event)

    def _show_totals(self, c: Comparison) -> None:
        rows = [r for r in summary_rows(c) if r.figure_kind != "none"]
        missing = [r for r in summary_rows(c) if r.figure_kind == "none"]
        if [r.id for r in rows] != list(self.total_labels):
            for label in [*self.total_labels.values(), self.totals_caption, self.missing_label]:
                if label is not None:
                    label.hide()
                    label.deleteLater()
            while self.totals_layout.count():
                self.totals_layout.takeAt(0)
            self.total_labels = {}
            self.totals_caption = _label(16, colour=MUTED)
            self.totals_layout.addWidget(self.totals_caption)
            for row in rows:
                label = _label(16)
                label.setTextFormat(Qt.RichText)
                self.total_labels[row.id] = label
                self.totals_layout.addWidget(label)
            self.missing_label = _label(14, colour=MUTED, wrap=True)
            self.totals_layout.addWidget(self.missing_label, 1)
            self.totals_layout.addStretch(1)
            for label in [self.totals_caption, self.missing_label, *self.total_labels.values()]:
                font = label.font()
                font.setPointSizeF(float(label.property("base_pt")) * self.scale)
                label.setFont(font)
        styles = option_styles()
        names = [f"{styles[r.id].short if r.id in styles else r.label} ({c.option(r.id).short_reason})"
                 for r in missing]
        self.missing_label.setText("No figure: " + ", ".join(names) if names else "")
        self.missing_label.setVisible(bool(names))
        self.totals_caption.setText(f"Totals\n{c.currency}")
        big = round(24 * self.scale)
        small = round(13 * self.scale)
        for row in rows:
            style = styles.get(row.id)
            short = escape(style.short if style else row.label)
            colour = style.colour if style else TEXT
            option = c.option(row.id)
            size, status = big, ""
            if row.figure_kind == "total":
                amount = _whole(row.total)
            else:  # never a plain total: "≥ 66,563.00", "64,764.00 (reference)", smaller, with its status
                amount, size = escape(figure_text(option, row.total)), round(big * 0.7)
                status = f'<br><span style="font-size:{small}pt; color:{MUTED}">{escape(status_label(row.status))}</span>'
            weight = "bold" if row.cheapest else "normal"
            self.total_labels[row.id].setText(
                f'<span style="color:{colour}">&#9632;</span> {short}<br>'
                f'<span style="font-size:{size}pt; font-weight:{weight}">{amount}</span>{status}')

    # --- keys ------------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in NEXT_KEYS:
            self.step(+1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key == Qt.Key_Home:
            self.show_scenario(0)
        elif key == Qt.Key_End:
            self.show_scenario(len(self.views) - 1)
        elif key == Qt.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        try:
            self.document.comparisonChanged.disconnect(self._document_changed)
        except (RuntimeError, TypeError):
            pass
        parent = self.parentWidget()
        if parent is not None and getattr(parent, "presentation", None) is self:
            parent.presentation = None
        super().closeEvent(event)


def _projector_screen(window):
    """With two screens, the one the main window is not on (the projector); else the window's."""
    screens = QGuiApplication.screens()
    own = window.screen() if window is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    return others[0] if others else own


def start_presentation(window) -> PresentationWindow:
    """Open (or bring back) the presentation of `window.document`, full screen."""
    current = getattr(window, "presentation", None)
    if current is not None and current.isVisible():
        current.raise_()
        current.activateWindow()
        return current
    view = PresentationWindow(window.document, window)
    screen = _projector_screen(window)
    if screen is not None:
        view.fit_to(screen.geometry().size())
        view.setScreen(screen)
        view.move(screen.geometry().topLeft())  # (setGeometry here would cancel the full screen)
    window.presentation = view
    view.showFullScreen()
    if screen is not None and view.geometry() != screen.geometry():
        # without a window manager (kiosk, bare X) nobody resizes a full-screen window: do it here
        geometry = screen.geometry()
        QTimer.singleShot(0, view, lambda: view.setGeometry(geometry))  # dropped if the view is gone
    view.activateWindow()
    view.setFocus()
    return view


def install_presentation(window) -> QAction:
    """Add View > Presentation (F5), and a Present button on the tool bar, to `window`."""
    action = QAction("&Presentation", window)
    action.setShortcut(QKeySequence(Qt.Key_F5))
    action.setShortcutContext(Qt.WindowShortcut)
    action.setStatusTip("Show the comparison full screen for a projector (Esc to leave)")
    action.setToolTip("Present the comparison full screen (F5)")
    action.triggered.connect(lambda: start_presentation(window))
    window.addAction(action)
    window.view_menu.addAction(action)
    tool_bar = getattr(window, "tool_bar", None)
    if tool_bar is not None:
        present = QAction("Present", window)
        present.setToolTip(action.toolTip())
        present.triggered.connect(action.trigger)
        tool_bar.addAction(present)
    window.presentation = None
    window.presentation_action = action
    return action
