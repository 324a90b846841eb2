"""Table views whose changed cells repaint only themselves.

Qt repaints a changed range of cells one pixel wider and taller than the range, so every cell of
the row below it and of the column right of it is painted again too: on an edit, the inventory's
next row (11 cells), and beside the summary's changed figures its status notes (its costliest
cells: long texts laid out and elided). A change of a few cells is handed to Qt cell by cell
instead, each repainting its own rectangle; a larger one, or one out of sight, as Qt does.
"""

from __future__ import annotations

CELLS_ONE_BY_ONE = 64  # a change of more cells is repainted as Qt does


class CellRepaint:
    """Put before the Qt view class in the bases: `class View(CellRepaint, QTableView)`."""

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:
        rows = range(top_left.row(), bottom_right.row() + 1)
        columns = range(top_left.column(), bottom_right.column() + 1)
        if not top_left.isValid() or not 1 < len(rows) * len(columns) <= CELLS_ONE_BY_ONE:
            super().dataChanged(top_left, bottom_right, roles)
            return
        span = self.visualRect(top_left).united(self.visualRect(bottom_right))
        if not self.viewport().rect().intersects(span):  # out of sight: Qt paints nothing
            super().dataChanged(top_left, bottom_right, roles)
            return
        model, parent = top_left.model(), top_left.parent()
        for row in rows:
            for column in columns:
                cell = model.index(row, column, parent)
                super().dataChanged(cell, cell, roles)
