"""The open plan as a Qt document: current Plan, file path, undo stack, and the live comparison.

Every edit goes through `edit()`, which pushes a labelled undoable command; every change of plan
recomputes the comparison in `core` (a few milliseconds even for large plans) and emits
`planChanged` / `comparisonChanged`. "Modified" is the undo stack's clean state.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal
from PySide6.QtGui import QUndoStack

from core import planfile
from core.compare import Comparison, compare
from core.plan import Plan
from desktop.collector import paused_then_frozen
from desktop.commands import ReplacePlan


_computed: list = [None, None]  # (plan, its comparison): the last one worked out off the GUI thread
_computed_lock = threading.Lock()


def _remember_comparison(plan: Plan, comparison: Comparison) -> None:
    with _computed_lock:
        _computed[:] = [plan, comparison]


def comparison_of(plan: Plan) -> Comparison:
    """compare(plan), or the comparison a worker already made of this very plan object."""
    with _computed_lock:
        if _computed[0] is plan:
            comparison = _computed[1]
            _computed[:] = [None, None]
            return comparison
    return compare(plan)


class _Finished(QObject):
    done = Signal()


def load_plan(path: str | Path) -> Plan:
    """planfile.load, read and checked on a worker thread while this thread's event loop keeps
    painting and running timers (a 10,000-group file takes ~100 ms to parse). Input waits until
    the plan is in, so nothing is edited half-way. Raises what planfile.load raises.

    The garbage collector waits meanwhile, and the heap is frozen after (desktop.collector)."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return planfile.load(path)
    outcome: dict = {}
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit)  # queued: emitted on the worker, run here

    def work() -> None:
        try:
            plan = planfile.load(path, share=True)  # lets this thread's timers and paints run meanwhile
            _remember_comparison(plan, compare(plan))  # the document will ask for it next
            outcome["plan"] = plan
        except BaseException as exc:  # re-raised on this thread
            outcome["error"] = exc
        finished.done.emit()

    with paused_then_frozen():
        worker = threading.Thread(target=work, name="open-plan", daemon=True)
        worker.start()
        loop.exec(QEventLoop.ExcludeUserInputEvents)  # quit by `done`, even if it came already
        worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["plan"]


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
        self._comparison = comparison_of(plan)
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
