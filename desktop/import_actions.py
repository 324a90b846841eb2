"""File > Import... / Import Folder... / Reconcile with bill..., and dropping files or folders to
import them. Reading and grouping are core's (core.importers, imported on first use: ~11 ms of
every launch otherwise); this module opens the dialogs and applies the accepted result as one undo
step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.plan import Plan

IMPORT_FILTER = "KMS responses, Terraform plans, CSV (*.json *.csv *.txt);;All files (*)"
BILL_FILTER = "Bill details CSV (*.csv);;All files (*)"
PLAN_SUFFIX = ".kmsplan"


class ImportActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.preview = None  # the open ImportPreview, if any (tests drive it)
        self.reconcile_view = None
        self.import_action = QAction("&Import…", window)
        self.import_action.setToolTip("Import keys from saved KMS API responses, a Terraform plan or a CSV")
        self.import_action.triggered.connect(self.import_files)
        self.import_folder_action = QAction("Import &Folder…", window)
        self.import_folder_action.setToolTip("Import every response saved in a folder")
        self.import_folder_action.triggered.connect(self.import_folder)
        self.reconcile_action = QAction("Reconcile with &Bill…", window)
        self.reconcile_action.setToolTip("Compare the model with a bill-details CSV, month by month")
        self.reconcile_action.triggered.connect(self.reconcile_dialog)

    @property
    def document(self):
        return self.window.document

    def _folder(self) -> str:
        files = getattr(self.window, "files", None)
        return files.last_folder() if files is not None and hasattr(files, "last_folder") else ""

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, "Import", self._folder(), IMPORT_FILTER)
        if names:
            self.import_paths([Path(n) for n in names])

    def import_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, "Import folder", self._folder())
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: list[Path]) -> bool:
        """Read `paths` and open the preview (window-modal, not blocking); False when refused."""
        from core.importers.errors import ImportRefused
        from core.importers.estate import import_paths

        plan = self.document.plan
        try:
            result = import_paths(paths, site=plan.site)
        except ImportRefused as exc:
            QMessageBox.warning(self.window, "Cannot import", str(exc))
            return False
        from desktop.views.import_preview import ImportPreview

        self.preview = ImportPreview(result, len(plan.key_groups), self.window)
        self.preview.accepted.connect(lambda: self._apply(self.preview))
        self.preview.open()
        return True

    def _apply(self, preview) -> None:
        from core.importers.estate import merge_into

        result = preview.result
        plan = merge_into(self.document.plan, result, replace=preview.replace)
        n = len(result.groups)
        how = "Replace inventory with" if preview.replace else "Import"
        self.document.edit(plan, f"{how} {n} imported key group{'s' * (n != 1)}")
        self.window.statusBar().showMessage(
            f"Imported {result.keys:,} keys in {n:,} groups and {result.secrets:,} secrets.", 8000)

    # --- drops ----------------------------------------------------------------------------------
    @staticmethod
    def dropped_paths(event) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def wants_drop(self, event) -> bool:
        """Anything but one plan file (which the window opens) is imported."""
        paths = self.dropped_paths(event)
        return bool(paths) and not (len(paths) == 1 and paths[0].suffix.lower() == PLAN_SUFFIX)

    def drop(self, event) -> None:
        paths = self.dropped_paths(event)
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.import_paths(paths))

    # --- reconcile ------------------------------------------------------------------------------
    def reconcile_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Reconcile with bill", self._folder(), BILL_FILTER)
        if name:
            self.reconcile_path(Path(name))

    def reconcile_path(self, path: Path) -> bool:
        from core.importers.bill import parse_bill
        from core.importers.errors import ImportRefused
        from core.importers.sources import read_sources

        try:
            (source,) = read_sources([path])
            bill = parse_bill(source.text, source.name)
        except ImportRefused as exc:
            QMessageBox.warning(self.window, "Cannot read the bill", str(exc))
            return False
        except ValueError:
            QMessageBox.warning(self.window, "Cannot read the bill", f"{path}: choose one bill CSV file")
            return False
        from desktop.views.reconcile_view import ReconcileView

        view = ReconcileView(self.document.plan, bill, self.window)
        view.callsAccepted.connect(self._use_calls)
        self.document.planChanged.connect(self._plan_changed)
        view.finished.connect(lambda _r: self._disconnect())
        self.reconcile_view = view
        view.open()
        return True

    def _plan_changed(self, plan: Plan, _old=None) -> None:
        if self.reconcile_view is not None:
            self.reconcile_view.set_plan(plan)

    def _disconnect(self) -> None:
        try:
            self.document.planChanged.disconnect(self._plan_changed)
        except (RuntimeError, TypeError):
            pass
        self.reconcile_view = None

    def _use_calls(self, calls) -> None:
        from core.reconcile import apply_calls

        self.document.edit(apply_calls(self.document.plan, calls), "Use the bill's calls per month")


def install_import_actions(window) -> ImportActions:
    """Add Import…, Import Folder… and Reconcile with Bill… to `window`'s File menu (after Open),
    kept as `window.import_actions`."""
    actions = ImportActions(window)
    menu = window.file_menu
    anchor = getattr(window, "file_end_separator", None)
    entries = [actions.import_action, actions.import_folder_action, actions.reconcile_action]
    if anchor is not None:
        menu.insertActions(anchor, entries)
        menu.insertSeparator(anchor)
    else:
        menu.addSeparator()
        menu.addActions(entries)
    window.import_actions = actions
    return actions
