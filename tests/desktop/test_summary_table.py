"""The summary's column widths: fitted to the texts, measured once per shape of texts."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from core.compare import compare
from core.planfile import load
from core.sweep import WhatIf
from desktop.views.summary_table import NOTES, SummaryTable

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _table(qtbot):
    table = SummaryTable()
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    return table


def _widths(table):
    return tuple(table.columnWidth(c) for c in range(NOTES))


def test_reused_widths_are_the_measured_ones(qtbot, monkeypatch):
    """Stepping through what-ifs, every refit gives the widths a fresh table measures for those
    texts, and texts of a shape seen before are not measured again."""
    plan = load(SAMPLES / "growing-saas.kmsplan")
    comparisons = [compare(plan, whatif=WhatIf(calls_factor=D(f), keys_factor=D(k)))
                   for f, k in (("1", "1"), ("2", "1"), ("1", "1"), ("9", "3"), ("1", "1.1"), ("2", "1"),
                                ("7", "3"), ("9", "3"))]
    table = _table(qtbot)
    measured = []
    real = SummaryTable.resizeColumnToContents
    monkeypatch.setattr(SummaryTable, "resizeColumnToContents",
                        lambda self, column: (self is table and measured.append(column), real(self, column)))
    for i, comparison in enumerate(comparisons):
        before, fits = table._widths_for, len(measured)
        table.set_comparison(comparison)
        if table._widths_for != before:  # a refit: the widths a fresh table gives these texts
            fresh = _table(qtbot)
            fresh.set_comparison(comparison)
            assert _widths(table) == _widths(fresh), i
        if i == 2:  # back to the first texts: their widths are known
            assert len(measured) == fits
    assert len(measured) < 4 * len(comparisons)


def test_the_swatches_keep_their_colour_when_selected_and_paint_without_python(qtbot):
    """An option's square is an icon the model hands over (no delegate in Python paints a cell),
    drawn in the option's own colour on the selected row too (a colour decoration is tinted)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QIcon

    from core.catalog import option_styles

    table = _table(qtbot)
    qtbot.waitExposed(table)
    comparison = compare(load(SAMPLES / "growing-saas.kmsplan"))
    table.set_comparison(comparison)
    assert all(table.itemDelegateForColumn(c) is None for c in range(table.model().columnCount()))
    assert type(table.itemDelegate()).__module__.startswith("PySide6")  # Qt's own delegate
    selected = table.selected_option()
    assert selected == comparison.cheapest
    styles = option_styles()
    image = table.viewport().grab().toImage()
    for r, row in enumerate(table.model_.rows):
        icon = table.model_.index(r, 0).data(Qt.DecorationRole)
        assert isinstance(icon, QIcon)
        rect = table.visualRect(table.model_.index(r, 0))
        colours = {image.pixelColor(x, rect.center().y()).name() for x in range(rect.left(), rect.right())}
        assert QColor(styles[row.id].colour).name() in colours, (row.id, row.id == selected)
    table.setStyle(table.style())  # a new style: swatches of its size
    assert table.model_.index(0, 0).data(Qt.DecorationRole).availableSizes()[0] == table._swatch("#123456").availableSizes()[0]


def test_new_figures_repaint_their_own_cells_not_the_notes_beside_them(qtbot):
    """Qt repaints a changed range one pixel wider and taller than its cells: the status notes (the
    costliest cells) and the row below were painted again with every change of a row's figures."""
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        def __init__(self):
            super().__init__()
            self.rects = []

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint:
                self.rects.extend(event.region())
            return False

    plan = load(SAMPLES / "growing-saas.kmsplan")
    table = _table(qtbot)
    qtbot.waitExposed(table)
    table.set_comparison(compare(plan))
    qtbot.wait(50)
    paints = Paints()
    table.viewport().installEventFilter(paints)
    group = plan.key_groups[0]
    table.set_comparison(compare(plan.with_group(0, group.with_(count=group.count + 7))))
    qtbot.wait(50)
    notes = table.columnViewportPosition(NOTES)
    assert paints.rects and all(rect.right() < notes for rect in paints.rects)
    cells = [table.visualRect(table.model_.index(r, c))
             for r in range(table.model_.rowCount()) for c in range(NOTES)]
    assert all(any(cell.contains(rect) for cell in cells) for rect in paints.rects)
