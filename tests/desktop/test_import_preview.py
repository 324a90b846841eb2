"""File > Import drives the preview into the inventory as one undo step; drops and refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
RESPONSES = FIXTURES / "cli-responses"


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: seen.append((title, text))))
    return seen


def _file_menu_texts(window):
    return [a.text() for a in window.file_menu.actions() if not a.isSeparator()]


def test_the_file_menu_has_import_and_reconcile(main_window):
    texts = _file_menu_texts(main_window)
    assert {"&Import…", "Import &Folder…", "Reconcile with &Bill…"} <= set(texts)
    quit_at = next(i for i, t in enumerate(texts) if "Quit" in t)
    assert texts.index("&Export") < texts.index("&Import…") < texts.index("Reconcile with &Bill…") < quit_at


def test_import_folder_through_the_preview_into_the_inventory_and_undo(main_window, qtbot, monkeypatch):
    w = main_window
    before = w.document.plan
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(RESPONSES)))
    w.import_actions.import_folder_action.trigger()
    preview = w.import_actions.preview
    qtbot.waitExposed(preview)
    assert preview.table.rowCount() == 8
    assert preview.table.item(0, 0).text() == "EC_P256, HSM, no rotation, Disabled"
    shown = {tuple(preview.table.item(r, c).text() for c in (2, 3, 4, 5, 6)) for r in range(8)}
    assert ("Software", "Aliyun_AES_256", "2", "3", "365 days") in shown
    assert preview.skipped.count() == 2 and "PendingImport" in preview.skipped.item(0).text()
    assert "You already pay for a 2,000-QPS software instance" in preview.notes.text()
    assert preview.add_button.isChecked()  # the sample plan has an inventory: adding is the default
    # on the indicator: a radio button reacts to its circle and text, not its full width
    qtbot.mouseClick(preview.replace_button, Qt.LeftButton, pos=QPoint(8, preview.replace_button.height() // 2))
    qtbot.mouseClick(preview.import_button, Qt.LeftButton)
    plan = w.document.plan
    assert len(plan.key_groups) == 8 and sum(g.count for g in plan.key_groups) == 9 and plan.secrets == 4
    assert plan.api_region == "mainland"
    assert w.document.undo_stack.undoText() == "Replace inventory with 8 imported key groups"
    w.document.undo_stack.undo()
    assert w.document.plan == before


def test_import_files_adds_to_the_inventory(main_window, qtbot, monkeypatch):
    w = main_window
    n = len(w.document.plan.key_groups)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(FIXTURES / "terraform-plan.json")], "")))
    w.import_actions.import_action.trigger()
    preview = w.import_actions.preview
    qtbot.waitUntil(preview.isVisible)
    qtbot.mouseClick(preview.import_button, Qt.LeftButton)
    assert len(w.document.plan.key_groups) == n + 3
    assert w.document.undo_stack.undoText() == "Import 3 imported key groups"


def test_cancel_changes_nothing(main_window, qtbot):
    w = main_window
    before = w.document.plan
    assert w.import_actions.import_paths([FIXTURES / "terraform-plan.json"])
    preview = w.import_actions.preview
    qtbot.waitUntil(preview.isVisible)
    preview.reject()
    assert w.document.plan == before and w.document.undo_stack.count() == 0


def test_malformed_input_is_one_message(main_window, tmp_path, warnings):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"KeyMetadata": {"KeyId": "k", "KeySpec": 5}}))
    assert not main_window.import_actions.import_paths([bad])
    assert warnings == [("Cannot import", f"{bad}: KeyMetadata.KeySpec: must be text, got 5")]


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))


def test_dropping_responses_opens_the_preview(main_window, qtbot):
    w = main_window
    _drop(w, [RESPONSES / "describe-key-a1.json", RESPONSES / "list-secrets.json"])
    qtbot.waitUntil(lambda: w.import_actions.preview is not None and w.import_actions.preview.isVisible())
    assert w.import_actions.preview.table.rowCount() == 1
    assert w.import_actions.preview.result.secrets == 3


def test_an_empty_folder_is_one_message(main_window, tmp_path, monkeypatch, warnings):
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "empty")))
    main_window.import_actions.import_folder_action.trigger()
    assert warnings == [("Cannot import", f"{tmp_path / 'empty'}: is an empty folder: there is nothing to import")]
    assert main_window.import_actions.preview is None
