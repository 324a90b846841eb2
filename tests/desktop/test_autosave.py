"""Autosave: unsaved work lands in the user's data folder (debounced, atomic), goes away on a clean
save or close, and what a crashed session left is offered back on the next start."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from core import planfile
from desktop.autosave import Autosave, autosave_dir, find_orphans
from desktop.main_window import MainWindow
from tests.desktop.conftest import mark_clean

ROOT = Path(__file__).resolve().parents[2]


def _edit(document, count=61):
    plan = document.plan
    document.edit(plan.with_group(0, plan.key_groups[0].with_(count=count)), "Change count", "c")


def test_autosave_dir_is_in_the_user_data_folder(qapp, isolated_user_dirs):
    from desktop.app_identity import apply_identity

    apply_identity()
    assert autosave_dir() == isolated_user_dirs / "xdg_data_home" / "KMS Cost Planner" / "KMS Cost Planner" / "autosave"


def test_edit_is_autosaved_after_a_pause_and_removed_on_save(qtbot, document, tmp_path):
    saver = Autosave(document, tmp_path, delay_ms=50)
    assert saver.write_now() and not saver.path.exists()  # nothing unsaved yet: nothing written
    _edit(document)
    with qtbot.waitSignal(saver.saved, timeout=2000):
        pass
    assert planfile.load(saver.path) == document.plan
    note = json.loads(saver.note_path.read_text())
    assert note["original"] == str(document.path) and note["name"] == document.plan.name
    document.mark_saved(tmp_path / "x.kmsplan")  # a clean save
    assert not saver.path.exists() and not saver.note_path.exists()
    saver.close()


def test_periodic_save_and_clean_close(qtbot, document, tmp_path):
    saver = Autosave(document, tmp_path, interval_ms=60, delay_ms=60_000)
    _edit(document)
    qtbot.waitUntil(saver.path.exists, timeout=2000)
    saver.close()
    assert list(tmp_path.iterdir()) == []


def test_own_autosave_is_not_an_orphan(qtbot, document, tmp_path):
    saver = Autosave(document, tmp_path)
    _edit(document)
    assert saver.write_now()
    assert find_orphans(tmp_path) == []
    saver.close()


def _crashed_session(folder: Path, plan, original: Path | None) -> Path:
    """What a killed session leaves: an autosave and its note, no live lock."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-99999-dead.kmsplan"
    planfile.save(plan, path)
    path.with_suffix(".json").write_text(json.dumps(
        {"original": str(original) if original else None, "name": plan.name, "saved_at": "2026-11-24T09:15:00"}))
    return path


@pytest.fixture
def answer(monkeypatch):
    asked = []
    reply = {"value": QMessageBox.Yes}

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return reply["value"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(question))
    reply["asked"] = asked
    return reply


def test_recovery_offered_and_accepted(qtbot, tmp_path, sample_plan, answer):
    original = tmp_path / "orig.kmsplan"
    planfile.save(sample_plan, original)
    edited = sample_plan.with_(name="Edited before the crash", months=24)
    leftover = _crashed_session(tmp_path / "autosave", edited, original)

    window = MainWindow(sample_plan, None, autosave_dir=tmp_path / "autosave", restore_layout=False)
    qtbot.addWidget(window, before_close_func=mark_clean)
    assert window.offer_recovery()
    title, text = answer["asked"][0]
    assert title == "Recover unsaved changes?"
    assert "“orig.kmsplan”" in text and "2026-11-24 09:15:00" in text
    assert window.document.plan == edited
    assert window.document.path == original and window.document.modified
    assert window.undo_action.text() == "Undo Recover unsaved changes"
    window.undo_action.trigger()
    assert window.document.plan == sample_plan and not window.document.modified
    assert not leftover.exists() and not leftover.with_suffix(".json").exists()


def test_recovery_discarded_or_postponed(qtbot, tmp_path, sample_plan, answer):
    leftover = _crashed_session(tmp_path / "autosave", sample_plan.with_(name="Lost"), None)
    window = MainWindow(sample_plan, None, autosave_dir=tmp_path / "autosave", restore_layout=False)
    qtbot.addWidget(window, before_close_func=mark_clean)
    answer["value"] = QMessageBox.Cancel
    assert not window.offer_recovery()
    assert leftover.exists()  # asked again next time
    assert "the unsaved plan “Lost”" in answer["asked"][0][1]
    answer["value"] = QMessageBox.Discard
    assert not window.offer_recovery()
    assert not leftover.exists()
    assert window.document.plan == sample_plan


def test_window_close_removes_its_autosave(qtbot, tmp_path, sample_plan):
    window = MainWindow(sample_plan, None, autosave_dir=tmp_path / "autosave", restore_layout=False)
    qtbot.addWidget(window, before_close_func=mark_clean)
    _edit(window.document)
    assert window.autosave.write_now() and window.autosave.path.exists()
    window.document.undo_stack.setClean()
    window.close()
    assert not window.autosave.path.exists()


CRASHING_APP = """
import sys
from PySide6.QtWidgets import QApplication
from desktop.app_identity import apply_identity
from desktop.main_window import MainWindow
from core import planfile
app = QApplication([])
apply_identity()
path = sys.argv[1]
window = MainWindow(planfile.load(path), path, restore_layout=False)
window.autosave.set_delays(interval_ms=30_000, delay_ms=100)
window.show()
plan = window.document.plan
window.document.edit(plan.with_(name="Typed before the crash"), "Rename plan")
window.autosave.saved.connect(lambda p: print("autosaved", p, flush=True))
app.exec()
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_app_is_offered_back_on_next_start(qtbot, tmp_path, sample_plan, isolated_user_dirs, answer):
    original = tmp_path / "work.kmsplan"
    planfile.save(sample_plan, original)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_APP, str(original)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)  # waits for the first autosave
        line = proc.stdout.readline() if ready else "(no autosave within 60 s)"
        assert line.startswith("autosaved"), line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    from desktop.app_identity import apply_identity

    apply_identity()
    folder = autosave_dir()
    assert folder.is_relative_to(isolated_user_dirs)
    assert len(list(folder.glob("autosave-*.kmsplan"))) == 1
    window = MainWindow(sample_plan, None, restore_layout=False)  # the user's data folder, as in the app
    qtbot.addWidget(window, before_close_func=mark_clean)
    assert window.offer_recovery()
    assert "“work.kmsplan”" in answer["asked"][0][1]
    assert window.document.plan == sample_plan.with_(name="Typed before the crash")
    assert window.document.path == original.resolve() and window.document.modified
    assert list(folder.glob("autosave-*.kmsplan")) == []


# --- the writer thread -------------------------------------------------------------------------------

@pytest.fixture
def gated_dumps(monkeypatch):
    """planfile.dumps that records its thread and waits for `gate` before returning."""
    import threading

    real = planfile.dumps
    state = {"threads": [], "entered": threading.Event(), "gate": threading.Event()}

    def dumps(plan):
        state["threads"].append(threading.current_thread())
        state["entered"].set()
        assert state["gate"].wait(10), "the test never opened the gate"
        return real(plan)

    monkeypatch.setattr(planfile, "dumps", dumps)
    return state


def test_timer_writes_on_a_worker_thread_while_the_window_keeps_running(qtbot, document, tmp_path, gated_dumps):
    import threading

    saver = Autosave(document, tmp_path, delay_ms=10)
    _edit(document)
    qtbot.waitUntil(gated_dumps["entered"].is_set, timeout=5000)  # the debounce fired, the writer started...
    assert gated_dumps["threads"][0] is not threading.main_thread()
    assert saver.busy and not saver.path.exists()  # ...and the event loop got back control
    with qtbot.waitSignal(saver.saved, timeout=5000) as blocker:
        gated_dumps["gate"].set()
    assert blocker.args == [saver.path]
    assert planfile.load(saver.path) == document.plan and not saver.busy
    saver.close()


def test_a_save_during_an_autosave_write_leaves_no_autosave_behind(qtbot, document, tmp_path, gated_dumps):
    """The discard-after-save race: the writer has the plan in hand when the user saves. The
    save must win: no autosave (which would be offered back after the next crash) and no temp file."""
    saver = Autosave(document, tmp_path, delay_ms=60_000)
    saved = []
    saver.saved.connect(saved.append)
    _edit(document)
    saver.write_soon()
    assert gated_dumps["entered"].wait(5)
    document.mark_saved(tmp_path / "plan.kmsplan")  # clean: discards the autosave
    gated_dumps["gate"].set()
    assert saver.wait(5000)
    qtbot.wait(20)  # the writer's result, queued to this thread
    assert saved == [] and not saver.busy
    assert sorted(p.name for p in tmp_path.iterdir()) == [saver.path.with_suffix(".lock").name]
    saver.close()
    assert list(tmp_path.iterdir()) == []


def test_close_during_an_autosave_write_waits_for_the_writer_and_leaves_nothing(qtbot, document, tmp_path,
                                                                               gated_dumps):
    import threading

    saver = Autosave(document, tmp_path, delay_ms=60_000)
    _edit(document)
    saver.write_soon()
    assert gated_dumps["entered"].wait(5)
    threading.Timer(0.1, gated_dumps["gate"].set).start()  # the writer finishes while close() waits
    saver.close()
    assert not saver.busy
    assert list(tmp_path.iterdir()) == []


def test_a_newer_edit_during_a_write_is_written_after_it(qtbot, document, tmp_path, gated_dumps):
    saver = Autosave(document, tmp_path, delay_ms=60_000)
    _edit(document, count=61)
    saver.write_soon()
    assert gated_dumps["entered"].wait(5)
    _edit(document, count=62)
    saver.write_soon()  # queued behind the first write
    gated_dumps["gate"].set()
    assert saver.wait(5000)
    qtbot.waitUntil(lambda: not saver.busy, timeout=2000)
    assert planfile.load(saver.path).key_groups[0].count == 62
    saver.close()
