"""Recent files and the last folder are written after the opened plan is shown, yet never lost:
read back at once, on disk within a second, on disk when a window closes or the app quits, and
there again after a restart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from core import planfile
from desktop import deferred_settings
from desktop.app_identity import settings
from desktop.file_actions import LAST_FOLDER
from desktop.recent_files import KEY as RECENT
from desktop.recent_files import RecentFiles

ROOT = Path(__file__).resolve().parents[2]


def on_disk(key):
    """The value in the settings file itself (a fresh reader, not this process's pending writes);
    a list of one item as that item, however QSettings reads it back."""
    value = QSettings(settings().fileName(), QSettings.NativeFormat).value(key)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def test_read_at_once_written_within_a_second(qtbot, tmp_path):
    recent = RecentFiles()
    recent.add(tmp_path / "a.kmsplan")
    assert recent.paths() == [(tmp_path / "a.kmsplan").resolve()]
    assert on_disk(RECENT) is None  # not written during the frame that shows the plan
    qtbot.waitUntil(lambda: on_disk(RECENT) is not None, timeout=deferred_settings.DELAY_MS + 2000)
    assert Path(on_disk(RECENT)) == (tmp_path / "a.kmsplan").resolve()


def test_writes_are_batched_and_flush_writes_them(qapp, tmp_path):
    deferred_settings.set_value(LAST_FOLDER, str(tmp_path))
    deferred_settings.set_value(RECENT, [str(tmp_path / "b.kmsplan")])
    assert deferred_settings.value(LAST_FOLDER) == str(tmp_path)
    deferred_settings.flush()
    assert on_disk(LAST_FOLDER) == str(tmp_path)
    assert on_disk(RECENT) == str(tmp_path / "b.kmsplan")


def test_closing_the_window_right_after_opening_writes_them(main_window, sample_plan, tmp_path):
    path = tmp_path / "plans" / "p.kmsplan"
    path.parent.mkdir()
    planfile.save(sample_plan, path)
    assert main_window.files.open_path(path, ask=False)
    main_window.close()
    assert Path(on_disk(RECENT)) == path.resolve()
    assert on_disk(LAST_FOLDER) == str(path.parent.resolve())


_OPEN_AND_QUIT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.main_window import MainWindow

app = QApplication([])
window = MainWindow(None, None, autosave_dir=Path(sys.argv[2]), restore_layout=False)
window.show()

def open_then_quit():
    assert window.files.open_path(Path(sys.argv[1]), ask=False)
    app.quit()  # at once: long before the deferred write's timer

QTimer.singleShot(0, open_then_quit)
app.exec()
"""

_ADD_AND_EXIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.recent_files import RecentFiles

app = QApplication([])
recent = RecentFiles()
QTimer.singleShot(0, lambda: (recent.add(sys.argv[1]), app.exit(0)))  # no window to close: aboutToQuit
app.exec()
"""

_REPORT = """
from PySide6.QtWidgets import QApplication
from desktop.main_window import MainWindow

app = QApplication([])
window = MainWindow(None, None, restore_layout=False)
print(window.recent.paths()[0])
print(window.files.last_folder())
"""


def test_quitting_right_after_opening_keeps_them_for_the_next_session(sample_plan, tmp_path):
    path = tmp_path / "plans" / "kept.kmsplan"
    path.parent.mkdir()
    planfile.save(sample_plan, path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))  # XDG_* from the fixture

    def run(script, *args):
        return subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=120, check=True).stdout.splitlines()

    run(_OPEN_AND_QUIT, str(path), str(tmp_path / "autosave"))
    assert run(_REPORT) == [str(path.resolve()), str(path.parent.resolve())]


def test_leaving_the_event_loop_without_a_window_keeps_them(sample_plan, tmp_path):
    path = tmp_path / "alone.kmsplan"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", _ADD_AND_EXIT, str(path)], env=env, cwd=ROOT, timeout=120, check=True)
    assert Path(on_disk(RECENT)) == path.resolve()
