"""File > Export: the workbook, the chart (PNG, SVG, clipboard) and the PDF handout, from the GUI.

The dialogs live here and the work in core.exports / desktop.exports (STYLE.md #6). The workbook
is written by a worker object on its own QThread behind a cancellable progress dialog, so the
window stays responsive; closing the window or quitting cancels the worker and waits for it (no
temporary file is left), and the worker's signals are queued to objects that disconnect when
deleted, so it never emits into a deleted object. A target that cannot be written gets a message
naming the file and the reason. Names and folders come from desktop.exports.target.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QProgressDialog, QToolButton

from core import __version__
from core.compare import Comparison
from core.exports.errors import ExportCancelled, ExportError, explain_os_error
from desktop.exports.target import KINDS, check_target, start_folder, with_suffix
from desktop.exports.target import default_name as target_name

LAST_FOLDER = "last_export_folder"
PROGRESS_DELAY_MS = 400  # the progress dialog appears only if the workbook takes longer than this
_RUNNING: set = set()  # jobs whose thread still runs: a QThread must outlive its run


def _settings() -> QSettings:
    """The user's settings (a function so tests can point it at a scratch file)."""
    from desktop.app_identity import settings

    return settings()


def default_name(window, suffix: str) -> str:
    """The plan file's name, or the plan's name made file-safe, with the export's suffix."""
    return target_name(window.document.path, window.document.plan.name, suffix)


@dataclass
class ExportSource:
    """What the exports show: the document, and the analysis pane (what-if, chart) if there is one."""

    document: Any
    analysis: Any = None

    def comparison(self) -> Comparison:
        """What the window shows: the analysis pane's comparison (with any what-if), else the plan's."""
        return self.analysis.comparison if self.analysis is not None else self.document.comparison

    def whatif_note(self) -> str | None:
        """Words for an export made while a what-if is applied (it is not part of the saved plan)."""
        return self.comparison().whatif_note

    def chart_options(self) -> dict:
        """The on-screen chart's mode and hidden options, so the file looks like the window."""
        if self.analysis is None:
            return {}
        chart = self.analysis.chart
        options = {"mode": chart.mode, "hidden": tuple(sorted(chart.hidden))}
        note = self.whatif_note()
        if note:
            from desktop.exports.chart_image import chart_title

            options["title"] = f"{chart_title(self.comparison(), options['mode'])} ({note.split(': ', 1)[1]})"
        return options


class WorkbookWorker(QObject):
    """Lives on the job's QThread: writes the workbook, then says so (queued to the GUI thread)."""

    progressed = Signal(int, int)
    done = Signal(object)  # None, or the exception

    def __init__(self, comparison: Comparison, path: Path, cancelled):
        super().__init__()
        self.comparison, self.path, self._cancelled = comparison, path, cancelled

    @Slot()
    def run(self) -> None:
        from core.exports.xlsx import write_workbook

        try:
            write_workbook(self.comparison, self.path, app_version=__version__,
                           progress=lambda done, total: self.progressed.emit(int(done), int(total)),
                           cancelled=self._cancelled)
            error = None
        except BaseException as exc:  # reported on the GUI thread
            error = exc
        self.done.emit(error)


class WorkbookJob(QObject):
    """One workbook export: a WorkbookWorker on a QThread of its own. `finished` carries None or
    the exception, on the GUI thread; cancel() asks the worker to stop, wait() joins its thread."""

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, comparison: Comparison, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.comparison = comparison
        self.path = path
        self._cancel = threading.Event()
        self._thread = QThread()  # no parent: it must not be deleted with the window while running
        self._thread.setObjectName("workbook-export")
        self._worker = WorkbookWorker(comparison, path, self._cancel.is_set)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.done.connect(self._done)
        # Direct (on the worker's thread): the thread ends as soon as run returns, even while the
        # GUI thread is blocked in wait() (a queued quit would never arrive then).
        self._worker.done.connect(self._thread.quit, Qt.DirectConnection)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.finished.connect(lambda: _RUNNING.discard(self._thread))

    def start(self) -> None:
        _RUNNING.add(self._thread)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, seconds: float) -> bool:
        """Block until the worker's thread has ended (True) or `seconds` passed (False)."""
        if not self._thread.isRunning():
            return True
        return self._thread.wait(int(seconds * 1000))

    @Slot(object)
    def _done(self, error) -> None:
        self.finished.emit(error)


class ExportActions(QObject):
    """The export actions of one main window. `exported(kind, path, error_text)` after each export:
    error_text is "" on success, the message shown otherwise ("cancelled" when cancelled)."""

    exported = Signal(str, object, str)

    def __init__(self, window, source: ExportSource | None = None):
        super().__init__(window)
        self.window = window
        self.source = source or ExportSource(window.document)
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
        self.shutdown()

    def shutdown(self, seconds: float = 30) -> None:
        """The window closes: cancel a workbook under way and wait for its thread to end (the
        worker removes its temporary file). Its result is not reported: nobody is left to tell."""
        job = self.job
        if job is None:
            return
        job.cancel()
        try:
            job.finished.disconnect(self._workbook_finished)
        except (RuntimeError, TypeError):
            pass
        job.wait(seconds)
        self.job = None
        if self.progress is not None:
            self.progress.close()
            self.progress = None

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
        return self.source.comparison()

    def whatif_note(self) -> str | None:
        return self.source.whatif_note()

    def chart_options(self) -> dict:
        return self.source.chart_options()

    # --- dialogs ---------------------------------------------------------------------------------
    def ask_path(self, kind: str) -> Path | None:
        spec = KINDS[kind]
        settings = _settings()
        folder = start_folder(settings.value(LAST_FOLDER, "", str) or "", self.window.document.path)
        name, _ = QFileDialog.getSaveFileName(self.window, spec.title,
                                              str(folder / default_name(self.window, spec.suffix)), spec.file_filter)
        if not name:
            return None
        target = with_suffix(name, spec.suffix)
        settings.setValue(LAST_FOLDER, str(target.parent))
        return target

    def _status(self, text: str) -> None:
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if bar is not None:
            bar.showMessage(text, 8000)

    def _failed(self, kind: str, path: Path, text: str) -> None:
        QMessageBox.warning(self.window, f"Could not export the {KINDS[kind].what}", text)
        self.exported.emit(kind, path, text)

    def _done(self, kind: str, path: Path) -> None:
        note = " with the what-if applied" if self.whatif_note() else ""
        self._status(f"Exported the {KINDS[kind].what} to {path}{note}")
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

    def start_workbook(self, path: Path) -> WorkbookJob | None:
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


def install_export_actions(window, analysis=None) -> ExportActions:
    """Add File > Export (and an Export button on the tool bar) to `window`, whose `document` is the
    PlanDocument; `analysis` is the pane whose comparison (with any what-if) and chart the exports
    show (None: the plan as entered, default chart). Returns the ExportActions, also kept as
    `window.export_actions`. The window calls its `shutdown()` when it closes."""
    actions = ExportActions(window, ExportSource(window.document, analysis))
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
