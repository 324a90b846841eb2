"""File > Export: the workbook, the chart (PNG, SVG, clipboard) and the PDF handout, from the GUI.

The dialogs live here and the work in core.exports / desktop.exports (STYLE.md #6). The workbook
is written on a worker thread behind a cancellable progress dialog, so the window stays
responsive; a target that cannot be written gets a message naming the file and the reason.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QProgressDialog, QToolButton

from core import __version__
from core.compare import Comparison
from core.exports.errors import ExportCancelled, ExportError, explain_os_error

LAST_FOLDER = "last_export_folder"
PROGRESS_DELAY_MS = 400  # the progress dialog appears only if the workbook takes longer than this

KINDS = {  # kind: (dialog title, suffix, filter, what it is called in messages)
    "xlsx": ("Export to Excel", ".xlsx", "Excel workbooks (*.xlsx)", "workbook"),
    "png": ("Export Chart as PNG", ".png", "PNG images (*.png)", "chart"),
    "svg": ("Export Chart as SVG", ".svg", "SVG drawings (*.svg)", "chart"),
    "pdf": ("Export PDF Handout", ".pdf", "PDF documents (*.pdf)", "handout"),
}


def _settings() -> QSettings:
    """The user's settings (a function so tests can point it at a scratch file)."""
    from desktop.app_identity import settings

    return settings()


def default_name(window, suffix: str) -> str:
    """The plan file's name, or the plan's name made file-safe, with the export's suffix."""
    path = getattr(window.document, "path", None)
    stem = Path(path).stem if path else re.sub(r"[^\w\-. ]+", "", window.document.plan.name).strip() or "plan"
    return stem + suffix


class WorkbookJob(QObject):
    """Writes the workbook on a worker thread; `finished` carries None or the exception."""

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, comparison: Comparison, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.comparison = comparison
        self.path = path
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="workbook-export", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, seconds: float) -> bool:
        """Block until the worker has finished (True) or `seconds` passed (False)."""
        if self._thread is None:
            return True
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window (and this object) closed while the worker ran
            self._cancel.set()

    def _run(self) -> None:
        from core.exports.xlsx import write_workbook

        try:
            write_workbook(self.comparison, self.path, app_version=__version__,
                           progress=lambda done, total: self._emit(self.progressed, int(done), int(total)),
                           cancelled=self._cancel.is_set)
            error = None
        except BaseException as exc:  # reported on the GUI thread
            error = exc
        self._emit(self.finished, error)


class ExportActions(QObject):
    """The export actions of one main window. `exported(kind, path, error_text)` after each export:
    error_text is "" on success, the message shown otherwise ("cancelled" when cancelled)."""

    exported = Signal(str, object, str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.job: WorkbookJob | None = None
        self.progress: QProgressDialog | None = None
        self.excel_action = self._action("Export to &Excel…", self.export_excel, QKeySequence("Ctrl+E"),
                                         "Write a workbook for finance, with live formulas and a chart")
        self.png_action = self._action("Export Chart as &PNG…", self.export_png, None,
                                       "Save the chart as a high-resolution picture (2400 pixels wide)")
        self.svg_action = self._action("Export Chart as &SVG…", self.export_svg, None,
                                       "Save the chart as a scalable drawing")
        self.copy_action = self._action("&Copy Chart", self.copy_chart, QKeySequence("Ctrl+Shift+C"),
                                        "Copy the chart to the clipboard as a picture")
        self.pdf_action = self._action("Export PDF &Handout…", self.export_pdf, QKeySequence("Ctrl+P"),
                                       "Write a one- or two-page handout for a meeting")
        self.actions = [self.excel_action, self.png_action, self.svg_action, self.copy_action, self.pdf_action]
        self.menu = QMenu("&Export", window)
        self.menu.addAction(self.excel_action)
        self.menu.addSeparator()
        self.menu.addActions([self.png_action, self.svg_action, self.copy_action])
        self.menu.addSeparator()
        self.menu.addAction(self.pdf_action)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting)

    @Slot()
    def _quitting(self) -> None:
        """Quitting mid-export: stop the worker and let it remove its temporary file."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait(10)

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work even while the menu is closed
        return action

    # --- what is exported -----------------------------------------------------------------------
    def comparison(self) -> Comparison:
        """What the window shows: the analysis pane's comparison (with any what-if), else the plan's."""
        shown = getattr(getattr(self.window, "analysis", None), "comparison", None)
        return shown if isinstance(shown, Comparison) else self.window.document.comparison

    def whatif_note(self) -> str | None:
        """Words for an export made while a what-if is applied (it is not part of the saved plan)."""
        analysis = getattr(self.window, "analysis", None)
        whatif = getattr(analysis, "whatif", None)
        if whatif is None or getattr(whatif, "is_neutral", True):
            return None
        return f"What-if applied (not saved in the plan): {whatif.describe(self.window.document.plan.months)}"

    def chart_options(self) -> dict:
        """The on-screen chart's mode and hidden options, so the file looks like the window."""
        chart = getattr(getattr(self.window, "analysis", None), "chart", None)
        if chart is None:
            return {}
        options = {"mode": getattr(chart, "mode", "cumulative"), "hidden": tuple(sorted(getattr(chart, "hidden", ())))}
        note = self.whatif_note()
        if note:
            from desktop.exports.chart_image import chart_title

            options["title"] = f"{chart_title(self.comparison(), options['mode'])} ({note.split(': ', 1)[1]})"
        return options

    # --- dialogs ---------------------------------------------------------------------------------
    def ask_path(self, kind: str) -> Path | None:
        title, suffix, file_filter, _what = KINDS[kind]
        settings = _settings()
        folder = settings.value(LAST_FOLDER, "", str) or ""
        if not folder or not Path(folder).is_dir():
            path = getattr(self.window.document, "path", None)
            folder = str(Path(path).parent) if path else str(Path.home())
        name, _ = QFileDialog.getSaveFileName(self.window, title, str(Path(folder) / default_name(self.window, suffix)),
                                              file_filter)
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        settings.setValue(LAST_FOLDER, str(target.parent))
        return target

    def _status(self, text: str) -> None:
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if bar is not None:
            bar.showMessage(text, 8000)

    def _failed(self, kind: str, path: Path, text: str) -> None:
        QMessageBox.warning(self.window, f"Could not export the {KINDS[kind][3]}", text)
        self.exported.emit(kind, path, text)

    def _done(self, kind: str, path: Path) -> None:
        note = " with the what-if applied" if self.whatif_note() else ""
        self._status(f"Exported the {KINDS[kind][3]} to {path}{note}")
        self.exported.emit(kind, path, "")

    # --- the exports ---------------------------------------------------------------------------
    @Slot()
    def export_excel(self) -> None:
        if self.job is not None:
            return  # one workbook at a time
        path = self.ask_path("xlsx")
        if path is None:
            return
        self.start_workbook(path)

    def start_workbook(self, path: Path) -> WorkbookJob:
        from desktop.exports.target import check_target

        try:
            check_target(path)
        except ExportError as exc:
            self._failed("xlsx", path, str(exc))
            return None
        job = WorkbookJob(self.comparison(), path, self)
        dialog = QProgressDialog(f"Writing {path.name}…", "Cancel", 0, 100, self.window)
        dialog.setWindowTitle("Export to Excel")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.canceled.connect(job.cancel)
        job.progressed.connect(self._workbook_progress)
        job.finished.connect(self._workbook_finished)
        self.job, self.progress = job, dialog
        self.excel_action.setEnabled(False)
        job.start()
        return job

    @Slot(int, int)
    def _workbook_progress(self, done: int, total: int) -> None:
        if self.progress is not None and self.progress.wasCanceled() and self.job is not None:
            self.job.cancel()
        elif self.progress is not None:
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(min(done, total))

    @Slot(object)
    def _workbook_finished(self, error) -> None:
        job, dialog = self.job, self.progress
        self.job = self.progress = None
        self.excel_action.setEnabled(True)
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()
        path = job.path
        if error is None:
            self._done("xlsx", path)
        elif isinstance(error, ExportCancelled) or job.cancelled:
            self._status("Export cancelled: no workbook was written.")
            self.exported.emit("xlsx", path, "cancelled")
        elif isinstance(error, ExportError):
            self._failed("xlsx", path, str(error))
        elif isinstance(error, OSError):
            self._failed("xlsx", path, str(explain_os_error(path, error)))
        else:
            self._failed("xlsx", path, f"The workbook could not be made ({type(error).__name__}: {error}); "
                                       f"no file was written.")
        job.deleteLater()

    def _run_sync(self, kind: str, write) -> None:
        path = self.ask_path(kind)
        if path is None:
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            write(path)
        except ExportError as exc:
            QApplication.restoreOverrideCursor()
            self._failed(kind, path, str(exc))
            return
        except OSError as exc:
            QApplication.restoreOverrideCursor()
            self._failed(kind, path, str(explain_os_error(path, exc)))
            return
        QApplication.restoreOverrideCursor()
        self._done(kind, path)

    @Slot()
    def export_png(self) -> None:
        from desktop.exports.chart_image import export_png

        self._run_sync("png", lambda path: export_png(self.comparison(), path, **self.chart_options()))

    @Slot()
    def export_svg(self) -> None:
        from desktop.exports.chart_image import export_svg

        self._run_sync("svg", lambda path: export_svg(self.comparison(), path, **self.chart_options()))

    @Slot()
    def export_pdf(self) -> None:
        from desktop.exports.pdf_handout import write_handout

        self._run_sync("pdf", lambda path: write_handout(self.comparison(), path, app_version=__version__,
                                                         note=self.whatif_note()))

    @Slot()
    def copy_chart(self) -> None:
        from desktop.exports.chart_image import copy_chart

        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            copy_chart(self.comparison(), **self.chart_options())
        finally:
            QApplication.restoreOverrideCursor()
        self._status("Copied the chart to the clipboard")


def _insert_menu(window, menu: QMenu) -> None:
    """Put Export above Close/Quit in the File menu (after the save actions)."""
    file_menu = window.file_menu
    anchor = getattr(window, "file_end_separator", None)
    if anchor is None:
        ending = {"quit", "exit", "close", "close window"}
        anchor = next((a for a in file_menu.actions() if a.text().replace("&", "").lower() in ending), None)
    if anchor is not None:
        file_menu.insertMenu(anchor, menu)
    else:
        file_menu.addSeparator()
        file_menu.addMenu(menu)


def install_export_actions(window) -> ExportActions:
    """Add File > Export (and an Export button on the tool bar) to `window`, whose `document` is the
    PlanDocument. Returns the ExportActions, also kept as `window.export_actions`."""
    actions = ExportActions(window)
    _insert_menu(window, actions.menu)
    tool_bar = getattr(window, "tool_bar", None)
    if tool_bar is not None:
        button = QToolButton(tool_bar)
        button.setText("Export")
        button.setToolTip("Export the comparison: workbook, chart, handout")
        button.setMenu(actions.menu)
        button.setPopupMode(QToolButton.InstantPopup)
        actions.tool_button = button
        tool_bar.addWidget(button)
    window.export_actions = actions
    return actions
