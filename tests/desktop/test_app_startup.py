"""Start-up does only what the first painted window needs: the garbage collector waits until the
window is shown (then runs again), and the importers load on first use."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import app

ROOT = Path(__file__).resolve().parents[2]


def _main_windows():
    from desktop.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _close(windows):
    for window in windows:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()


def test_the_window_opens_the_plan_and_the_collector_runs_again(qapp, qtbot, sample_path, monkeypatch):
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    before = set(_main_windows())
    assert app.main([str(sample_path)]) == 0
    opened = [w for w in _main_windows() if w not in before]
    try:
        assert len(opened) == 1 and opened[0].document.path == sample_path.resolve()
        assert opened[0].recent.paths()[0] == sample_path.resolve()
        # The collector runs again, its passes made between interactions (desktop.collector) ...
        assert opened[0].findChild(QTimer, "collectBetweenInteractions").isActive()
        assert not gc.isenabled()
    finally:
        _close(opened)
    # ... and on its own once the window is gone.
    qtbot.waitUntil(gc.isenabled, timeout=1000)


def test_a_plan_that_cannot_open_shows_the_sample_and_says_why(qapp, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "bad.kmsplan"
    bad.write_text("[]")
    told = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: told.append(title)))
    before = set(_main_windows())
    assert app.main([str(bad)]) == 0
    opened = [w for w in _main_windows() if w not in before]
    try:
        assert told == ["Cannot open plan"] and opened[0].document.path is None
    finally:
        _close(opened)
    qtbot.waitUntil(gc.isenabled, timeout=1000)


def test_screenshots_leave_the_collector_as_they_found_it(qapp, tmp_path, sample_path):
    assert app.main(["--screenshot", str(tmp_path / "s.png"), str(sample_path)]) == 0
    assert gc.isenabled()
    assert app.main(["--screenshot", str(tmp_path / "x.png"), str(tmp_path / "missing.kmsplan")]) == 2
    assert gc.isenabled()
    gc.disable()
    try:
        assert app.main(["--screenshot", str(tmp_path / "s.png"), str(sample_path)]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_building_the_window_imports_no_importer(tmp_path):
    script = ("import sys\n"
              "from PySide6.QtWidgets import QApplication\n"
              "from desktop.main_window import MainWindow\n"
              "app = QApplication([])\n"
              f"window = MainWindow(None, None, autosave_dir={str(tmp_path)!r}, restore_layout=False)\n"
              "assert window.import_actions.import_action is not None\n"
              "print(sorted(m for m in sys.modules if m.startswith('core.importers.')))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"
