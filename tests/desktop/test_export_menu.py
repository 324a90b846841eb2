"""File > Export in the main window: the actions and their shortcuts, file dialogs that remember
the last folder, the workbook on a worker thread behind a cancellable progress dialog, and clear
messages (and no half-written file) when a target cannot be written. Dialogs are monkeypatched."""

from __future__ import annotations

import stat
import threading
import xml.etree.ElementTree as ET
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from desktop import export_menu
from desktop.app_identity import settings
from desktop.exports import target


class Dialogs:
    """Records what the save dialog and the message boxes were asked, answers with `answer`."""

    def __init__(self, monkeypatch):
        self.answer: str = ""
        self.asked: list[tuple] = []
        self.warnings: list[tuple[str, str]] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(self._warning))

    def _save(self, parent, title, start, file_filter):
        self.asked.append((title, start, file_filter))
        return self.answer, file_filter

    def _warning(self, parent, title, text, *args, **kwargs):
        self.warnings.append((title, text))
        return QMessageBox.Discard  # also answers "Unsaved changes" when the window closes


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def actions(main_window):
    return main_window.export_actions


def export_menu_of(window):
    menus = {a.text(): a.menu() for a in window.file_menu.actions() if a.menu() is not None}
    return menus["&Export"]


def test_file_menu_has_the_export_actions_with_their_shortcuts(main_window):
    menu = export_menu_of(main_window)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Export to &Excel…", "Export Chart as &PNG…", "Export Chart as &SVG…", "&Copy Chart",
                     "Export PDF &Handout…"]
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["Export to &Excel…"] == "Ctrl+E"
    assert shortcuts["&Copy Chart"] == "Ctrl+Shift+C"
    assert shortcuts["Export PDF &Handout…"] == "Ctrl+P"
    file_items = [a.text() for a in main_window.file_menu.actions()]
    assert file_items.index("&Export") < file_items.index("&Quit")


def test_png_goes_where_the_dialog_says_with_the_suffix_added_and_the_folder_remembered(
        qtbot, main_window, actions, dialogs, tmp_path):
    dialogs.answer = str(tmp_path / "board-chart")
    with qtbot.waitSignal(actions.exported) as done:
        actions.png_action.trigger()
    out = tmp_path / "board-chart.png"
    assert done.args == ["png", out, ""]
    image = QImage(str(out))
    assert image.width() == 2400
    assert settings().value(export_menu.LAST_FOLDER) == str(tmp_path)
    title, start, file_filter = dialogs.asked[0]
    assert title == "Export Chart as PNG" and file_filter == "PNG images (*.png)"
    assert start.endswith("Growing SaaS with rotation software keys.png")  # the unsaved plan's name
    assert main_window.statusBar().currentMessage() == f"Exported the chart to {out}"


def test_the_next_dialog_opens_in_the_last_export_folder(qtbot, actions, dialogs, tmp_path):
    folder = tmp_path / "handouts"
    folder.mkdir()
    store = settings()
    store.setValue(export_menu.LAST_FOLDER, str(folder))
    store.sync()
    dialogs.answer = ""  # the user cancels: nothing is written
    actions.svg_action.trigger()
    assert dialogs.asked[0][1].startswith(str(folder))
    assert list(folder.iterdir()) == []


def test_svg_and_pdf_exports_write_their_files(qtbot, actions, dialogs, tmp_path):
    dialogs.answer = str(tmp_path / "chart.svg")
    with qtbot.waitSignal(actions.exported):
        actions.svg_action.trigger()
    ET.parse(tmp_path / "chart.svg")
    dialogs.answer = str(tmp_path / "handout.pdf")
    with qtbot.waitSignal(actions.exported):
        actions.pdf_action.trigger()
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")
    assert dialogs.warnings == []


def test_the_chart_export_follows_the_on_screen_chart_mode(qtbot, main_window, actions, dialogs, tmp_path):
    main_window.analysis.set_mode("monthly")
    dialogs.answer = str(tmp_path / "monthly.svg")
    with qtbot.waitSignal(actions.exported):
        actions.svg_action.trigger()
    assert "monthly cost" in (tmp_path / "monthly.svg").read_text(encoding="utf-8")


def test_ctrl_shift_c_copies_the_chart(qtbot, main_window, actions):
    QGuiApplication.clipboard().clear()
    main_window.show()
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window.focusWidget() or main_window, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() == 1600
    assert main_window.statusBar().currentMessage() == "Copied the chart to the clipboard"


def test_excel_export_runs_in_the_background_and_writes_the_workbook(qtbot, actions, dialogs, tmp_path):
    dialogs.answer = str(tmp_path / "finance")
    with qtbot.waitSignal(actions.exported, timeout=60_000) as done:
        actions.excel_action.trigger()
        assert actions.job is not None and not actions.excel_action.isEnabled()  # returned at once
    out = tmp_path / "finance.xlsx"
    assert done.args == ["xlsx", out, ""]
    with zipfile.ZipFile(out) as book:
        assert "xl/workbook.xml" in book.namelist()
    assert actions.job is None and actions.excel_action.isEnabled()
    assert dialogs.warnings == []


@pytest.fixture
def held_workbook(monkeypatch):
    """Hold the workbook export at its start until the test releases it (a "long" export)."""
    import core.exports.xlsx as xlsx

    gate = threading.Event()
    real = xlsx.build_workbook

    def held(*args, **kwargs):
        assert gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsx, "build_workbook", held)
    yield gate
    gate.set()


def test_a_long_export_shows_progress_and_cancel_leaves_no_file(qtbot, actions, dialogs, tmp_path, held_workbook):
    out = tmp_path / "finance.xlsx"
    dialogs.answer = str(out)
    actions.excel_action.trigger()
    dialog = actions.progress
    # the window's event loop keeps running while the worker is busy: the dialog appears by itself
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.labelText() == "Writing finance.xlsx…"
    with qtbot.waitSignal(actions.exported, timeout=60_000) as done:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.LeftButton)  # its Cancel button
        held_workbook.set()
    assert done.args == ["xlsx", out, "cancelled"]
    assert list(tmp_path.iterdir()) == []  # neither the workbook nor a temporary file
    assert dialogs.warnings == []


def test_a_read_only_target_gets_a_message_naming_it_and_stays_as_it_was(qtbot, actions, dialogs, tmp_path):
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"last week's handout")
    out.chmod(stat.S_IRUSR)
    dialogs.answer = str(out)
    try:
        with qtbot.waitSignal(actions.exported) as done:
            actions.pdf_action.trigger()
        assert dialogs.warnings == [("Could not export the handout", f"Cannot write {out}: the file is read-only.")]
        assert done.args[2] == dialogs.warnings[0][1]
        assert out.read_bytes() == b"last week's handout"
        with qtbot.waitSignal(actions.exported):
            dialogs.answer = str(tmp_path / "handout.xlsx")
            (tmp_path / "handout.xlsx").write_bytes(b"old")
            (tmp_path / "handout.xlsx").chmod(stat.S_IRUSR)
            actions.excel_action.trigger()
        assert dialogs.warnings[1][1] == f"Cannot write {tmp_path / 'handout.xlsx'}: the file is read-only."
        assert actions.job is None
    finally:
        for f in tmp_path.iterdir():
            f.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["handout.pdf", "handout.xlsx"]


def test_a_file_open_elsewhere_gets_a_clear_message_and_no_file(qtbot, actions, dialogs, tmp_path, monkeypatch):
    def locked(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(target, "write_bytes_atomic", locked)
    out = tmp_path / "chart.png"
    dialogs.answer = str(out)
    with qtbot.waitSignal(actions.exported):
        actions.png_action.trigger()
    title, text = dialogs.warnings[0]
    assert title == "Could not export the chart"
    assert text.startswith(f"Cannot write {out}: the folder is read-only or you may not write there")
    assert not out.exists()


def test_a_missing_folder_is_named(qtbot, actions, dialogs, tmp_path):
    out = tmp_path / "gone" / "book.xlsx"
    dialogs.answer = str(out)
    with qtbot.waitSignal(actions.exported):
        actions.excel_action.trigger()
    assert dialogs.warnings == [("Could not export the workbook",
                                 f"Cannot write {out}: the folder {out.parent} does not exist.")]
    assert not out.parent.exists()


def test_install_works_on_any_window_with_the_same_attributes(qtbot, document):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.document = document
    window.file_menu = window.menuBar().addMenu("&File")
    window.file_menu.addAction("&Quit")
    window.tool_bar = window.addToolBar("Main")
    actions = export_menu.install_export_actions(window)
    assert window.export_actions is actions
    assert actions.comparison() is document.comparison and actions.chart_options() == {}
    assert [a.text() for a in window.file_menu.actions() if not a.isSeparator()] == ["&Export", "&Quit"]


def test_an_export_made_under_a_what_if_says_so(qtbot, main_window, actions, dialogs, tmp_path):
    from decimal import Decimal

    from core.sweep import WhatIf

    main_window.analysis.set_whatif(WhatIf(calls_factor=Decimal(2)))
    assert actions.whatif_note() == "What-if applied (not saved in the plan): calls ×2"
    assert actions.comparison().plan.key_groups[0].calls_per_month == Decimal(120_000_000)  # 60 M x 2
    assert actions.chart_options()["title"].endswith("(calls ×2)")
    dialogs.answer = str(tmp_path / "whatif.pdf")
    with qtbot.waitSignal(actions.exported):
        actions.pdf_action.trigger()
    assert main_window.statusBar().currentMessage() == \
        f"Exported the handout to {tmp_path / 'whatif.pdf'} with the what-if applied"
    main_window.analysis.set_whatif(WhatIf())
    assert actions.whatif_note() is None and "title" not in actions.chart_options()


def test_options_hidden_on_screen_are_left_out_of_the_chart_file(qtbot, main_window, actions, dialogs, tmp_path):
    from core.catalog import option_styles

    main_window.analysis.chart.set_hidden({"dedicated"})
    assert actions.chart_options()["hidden"] == ("dedicated",)
    dialogs.answer = str(tmp_path / "chart.svg")
    with qtbot.waitSignal(actions.exported):
        actions.svg_action.trigger()
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8").lower()
    assert f'stroke="{option_styles()["dedicated"].colour.lower()}"' not in svg
    assert f'stroke="{option_styles()["payg-legacy"].colour.lower()}"' in svg


# --- the workbook worker and the window's end ----------------------------------------------------------

@pytest.fixture
def held_on_thread(monkeypatch):
    """Like held_workbook, and records the QThread the workbook is built on."""
    import core.exports.xlsx as xlsx
    from PySide6.QtCore import QThread

    state = {"gate": threading.Event(), "entered": threading.Event(), "threads": []}
    real = xlsx.build_workbook

    def held(*args, **kwargs):
        state["threads"].append(QThread.currentThread())
        state["entered"].set()
        assert state["gate"].wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsx, "build_workbook", held)
    yield state
    state["gate"].set()


def test_the_workbook_is_written_by_a_worker_on_its_own_qthread(qtbot, actions, dialogs, tmp_path, held_on_thread):
    from PySide6.QtCore import QThread

    dialogs.answer = str(tmp_path / "book.xlsx")
    actions.excel_action.trigger()
    assert held_on_thread["entered"].wait(10)
    worker_thread = held_on_thread["threads"][0]
    assert worker_thread is not QThread.currentThread() and worker_thread.objectName() == "workbook-export"
    with qtbot.waitSignal(actions.exported, timeout=60_000) as done:
        held_on_thread["gate"].set()
    assert done.args == ["xlsx", tmp_path / "book.xlsx", ""]
    qtbot.waitUntil(lambda: not worker_thread.isRunning() and export_menu._RUNNING == set(), timeout=5000)


def test_closing_the_window_mid_export_cancels_joins_and_leaves_no_file(qtbot, main_window, actions, dialogs,
                                                                       tmp_path, held_on_thread):
    dialogs.answer = str(tmp_path / "book.xlsx")
    reported = []
    actions.exported.connect(lambda *args: reported.append(args))
    actions.excel_action.trigger()
    job = actions.job
    assert held_on_thread["entered"].wait(10)
    threading.Timer(0.2, held_on_thread["gate"].set).start()  # the worker is busy as the window closes
    main_window.document.undo_stack.setClean()
    assert main_window.close()
    assert not job._thread.isRunning()  # joined before the window went
    assert job.cancelled and actions.job is None
    qtbot.wait(50)  # anything the worker queued is delivered (or dropped) now
    assert list(tmp_path.iterdir()) == []  # no workbook, no temporary file
    assert reported == [] and dialogs.warnings == []
    assert export_menu._RUNNING == set()


def test_quitting_mid_export_cancels_and_leaves_no_file(qtbot, actions, dialogs, tmp_path, held_on_thread):
    dialogs.answer = str(tmp_path / "book.xlsx")
    actions.excel_action.trigger()
    job = actions.job
    assert held_on_thread["entered"].wait(10)
    threading.Timer(0.2, held_on_thread["gate"].set).start()
    QApplication.instance().aboutToQuit.emit()
    assert job.cancelled and not job._thread.isRunning()
    qtbot.wait(50)
    assert list(tmp_path.iterdir()) == []


def test_a_job_deleted_mid_export_is_never_emitted_into(qtbot, main_window, tmp_path, held_on_thread):
    """The worker's signals go through queued connections, which Qt drops for a deleted receiver:
    deleting the job (and everything it would report to) mid-export is safe."""
    import shiboken6

    job = export_menu.WorkbookJob(main_window.document.comparison, tmp_path / "book.xlsx")
    got = []
    job.finished.connect(got.append)
    job.start()
    assert held_on_thread["entered"].wait(10)
    thread = job._thread
    job.cancel()
    shiboken6.delete(job)
    held_on_thread["gate"].set()
    qtbot.waitUntil(lambda: not thread.isRunning(), timeout=30_000)
    qtbot.wait(50)
    assert got == [] and export_menu._RUNNING == set()
    assert list(tmp_path.iterdir()) == []


def test_export_paths_come_from_the_target_module(tmp_path):
    from pathlib import Path

    assert target.default_name(tmp_path / "estate.kmsplan", "ignored", ".xlsx") == "estate.xlsx"
    assert target.default_name(None, "Q3 plan: EU/US?", ".pdf") == "Q3 plan EUUS.pdf"
    assert target.default_name(None, "???", ".png") == "plan.png"
    assert target.start_folder(str(tmp_path), None) == tmp_path
    assert target.start_folder(str(tmp_path / "gone"), tmp_path / "sub" / "p.kmsplan") == tmp_path / "sub"
    assert target.start_folder("", None) == Path.home()
    assert target.with_suffix(tmp_path / "book", ".xlsx") == tmp_path / "book.xlsx"
    assert target.with_suffix(tmp_path / "book.XLSX", ".xlsx") == tmp_path / "book.XLSX"
    assert target.with_suffix(tmp_path / "chart.svg", ".png") == tmp_path / "chart.svg.png"
    assert {k: v.suffix for k, v in target.KINDS.items()} == {"xlsx": ".xlsx", "png": ".png", "svg": ".svg",
                                                             "pdf": ".pdf"}
