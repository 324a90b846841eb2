"""The open plan as a Qt document: current Plan, file path, undo stack, and the live comparison.

Every edit goes through `edit()`, which pushes a labelled undoable command; every change of plan
recomputes the comparison in `core` (a few milliseconds even for large plans) and emits
`planChanged` / `comparisonChanged`. "Modified" is the undo stack's clean state.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.compare import Comparison, compare
from core.plan import Plan
from desktop.commands import ReplacePlan


class PlanDocument(QObject):
    planChanged = Signal(object, object)  # new plan, old plan
    comparisonChanged = Signal(object)  # Comparison
    pathChanged = Signal(object)  # Path | None
    modifiedChanged = Signal(bool)

    def __init__(self, plan: Plan, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._plan = plan
        self._path = path
        self._comparison = compare(plan)
        self._loading = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        # A bound slot (not a lambda), so Qt drops the connection when the document is deleted.
        self.modifiedChanged.emit(not clean)

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def comparison(self) -> Comparison:
        return self._comparison

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def loading(self) -> bool:
        """True while reset() swaps in a new or opened plan: views may reset instead of diffing."""
        return self._loading

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def edit(self, new_plan: Plan, label: str, merge_key: str | None = None) -> None:
        """Apply an edit as one undoable step, shown in the menu as "Undo <label>"."""
        if new_plan == self._plan:
            return
        self.undo_stack.push(ReplacePlan(self, self._plan, new_plan, label, merge_key))

    def set_plan(self, plan: Plan) -> None:
        """Used by the commands only: swap the plan and recompute."""
        old, self._plan = self._plan, plan
        self._comparison = compare(plan)
        self.planChanged.emit(plan, old)
        self.comparisonChanged.emit(self._comparison)

    def reset(self, plan: Plan, path: Path | None) -> None:
        """A new or opened document: forget undo history, mark clean."""
        self.undo_stack.clear()
        self._path = path
        self._loading = True
        try:
            self.set_plan(plan)
        finally:
            self._loading = False
        self.undo_stack.setClean()
        self.pathChanged.emit(path)
        self.modifiedChanged.emit(False)

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.pathChanged.emit(path)
