"""What the File menu does to the open document: new, open, save, save as, recent files, recovery.

Bad input never hurts: a plan that does not load opens nothing and says why (the PlanError
message), the open plan stays as it was; a failed save keeps the old file (atomic write) and
says why; unsaved work is never dropped without asking.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core import planfile
from core.paths import samples_dir
from core.plan import KeyGroup, Plan
from core.planfile import PlanError
from desktop import deferred_settings
from desktop.app_identity import PLAN_FILTER, PLAN_SUFFIX
from desktop.document import load_plan

SAMPLE = "growing-saas.kmsplan"
LAST_FOLDER = "lastFolder"


def sentence(text: str) -> str:
    """A message from core as a sentence of its own: capital first letter (not of a field name or a
    path), final full stop."""
    text = text.strip()
    if not text:
        return text
    if text.split(maxsplit=1)[0].isalpha():
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?)”\"" else text + "."


def sample_path() -> Path:
    return samples_dir() / SAMPLE


def new_plan() -> Plan:
    """What File > New starts from: one group of software keys, ready to edit."""
    return Plan(name="Untitled plan", key_groups=(KeyGroup(name="app-keys", count=10,
                                                            calls_per_month=Decimal(1_000_000)),))


class _PaintOneTurnLater(QObject):
    """Holds the window's next paint back by one event-loop turn once armed: after an opened plan
    has refilled every view (~5-8 ms), timers and input run before the ~9 ms paint instead of
    waiting for both (a frame missed). The paint itself is Qt's own, of every view at once, so
    the window never shows part old plan, part new."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.armed = False

    def arm(self) -> None:
        if not self.armed:
            self.armed = True
            self.window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.UpdateRequest or obj is not self.window:
            return False
        self.armed = False
        obj.removeEventFilter(self)
        QCoreApplication.postEvent(obj, QEvent(QEvent.UpdateRequest), int(Qt.LowEventPriority.value))
        return True


class FileActions(QObject):
    """File operations on `window.document`; dialogs are parented to `window`."""

    opened = Signal(object)  # Path
    saved = Signal(object)  # Path

    def __init__(self, window, recent):
        super().__init__(window)
        self.window = window
        self.recent = recent
        self._paint_later = _PaintOneTurnLater(window)

    @property
    def document(self):
        return self.window.document

    # --- folders -------------------------------------------------------------------------------
    def last_folder(self) -> str:
        value = deferred_settings.value(LAST_FOLDER, "")
        if value and Path(str(value)).is_dir():
            return str(value)
        return str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        deferred_settings.set_value(LAST_FOLDER, str(path.parent))

    def display_name(self) -> str:
        path = self.document.path
        return path.name if path else (self.document.plan.name or "Untitled plan")

    # --- asking before losing work -------------------------------------------------------------
    def maybe_discard(self, doing: str = "closing") -> bool:
        """True if it is fine to replace the open plan: saved, or the user chose to."""
        if not self.document.modified:
            return True
        answer = QMessageBox.warning(
            self.window, "Unsaved changes",
            f"“{self.display_name()}” has changes that are not saved.\n\nSave them before {doing}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # --- new / open ----------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_discard("starting a new plan"):
            return False
        self.document.reset(new_plan(), None)
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_discard("opening another plan"):
            return False
        name, _ = QFileDialog.getOpenFileName(self.window, "Open plan", self.last_folder(), PLAN_FILTER)
        if not name:
            return False
        return self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a plan file; on any problem show it and leave the open plan untouched."""
        path = Path(path)
        if ask and not self.maybe_discard("opening another plan"):
            return False
        try:
            plan = load_plan(path)  # on a worker thread: the window keeps painting
        except PlanError as exc:
            QMessageBox.critical(self.window, "Cannot open plan",
                                 f"“{path.name}” was not opened.\n\n{sentence(str(exc))}\n\n"
                                 "The plan you have open is unchanged.")
            if not path.exists():
                self.recent.remove(path)
            return False
        self.document.reset(plan, path.resolve())
        self._paint_later.arm()
        self.recent.add(path)
        self._remember_folder(path.resolve())
        self.opened.emit(path)
        return True

    # --- save ----------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        current = self.document.path
        suggested = str(current) if current else str(Path(self.last_folder()) / self._suggested_name())
        name, _ = QFileDialog.getSaveFileName(self.window, "Save plan as", suggested, PLAN_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(PLAN_SUFFIX)
        return self.save_to(path)

    def _suggested_name(self) -> str:
        stem = "".join(c if c.isalnum() or c in "-_ " else "-" for c in self.document.plan.name).strip()
        return (stem or "plan") + PLAN_SUFFIX

    def save_to(self, path: Path) -> bool:
        """Write the plan atomically; if it fails the file on disk is untouched and the user told why."""
        try:
            planfile.save(self.document.plan, path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            QMessageBox.critical(self.window, "Cannot save plan",
                                 f"{path.name} was not saved: {reason}.\n\n{path.parent}\n\n"
                                 "The file on disk is unchanged; your changes are still open. "
                                 "Try Save As to choose another folder.")
            return False
        path = path.resolve()
        self.document.mark_saved(path)
        self.recent.add(path)
        self._remember_folder(path)
        self.saved.emit(path)
        return True

    # --- crash recovery ------------------------------------------------------------------------
    def offer_recovery(self, orphans) -> bool:
        """Ask about each autosave a crashed session left; True if one was recovered."""
        for n, orphan in enumerate(orphans):
            when = orphan.saved_at.replace("T", " ") or "an unknown time"
            source = f"“{orphan.original.name}”" if orphan.original else f"the unsaved plan “{orphan.name}”"
            box = QMessageBox.question(
                self.window, "Recover unsaved changes?",
                f"KMS Cost Planner did not close properly last time.\n\nChanges to {source}, autosaved at "
                f"{when}, were not saved. Recover them?\n\nDiscard deletes the autosave; Cancel asks again "
                "next time.",
                QMessageBox.Yes | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Yes)
            if box == QMessageBox.Discard:
                orphan.discard()
                continue
            if box != QMessageBox.Yes:
                orphan.release()
                continue
            if self._recover(orphan):
                for rest in orphans[n + 1:]:
                    rest.release()
                return True
        return False

    def _recover(self, orphan) -> bool:
        try:
            recovered = orphan.load()
        except PlanError as exc:
            QMessageBox.critical(self.window, "Cannot recover",
                                 f"The autosave could not be read.\n\n{sentence(str(exc))}")
            orphan.discard()
            return False
        if self.document.modified and not self.maybe_discard("recovering the autosave"):
            orphan.release()
            return False
        base, path = Plan(name=recovered.name), None
        if orphan.original is not None:
            try:
                base, path = planfile.load(orphan.original), orphan.original
            except PlanError:
                base, path = Plan(name=recovered.name), None
        self.document.reset(base, path)
        self.document.edit(recovered, "Recover unsaved changes")
        orphan.discard()
        return True
