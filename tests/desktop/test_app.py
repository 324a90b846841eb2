"""The app entry: arguments, --screenshot renders the window offscreen, --presentation calls the hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop import app

ROOT = Path(__file__).resolve().parents[2]


def test_parser_accepts_plan_screenshot_size_presentation():
    args = app.parser().parse_args(["p.kmsplan", "--screenshot", "o.png", "--size", "1024x640", "--presentation"])
    assert (args.plan, args.screenshot, args.size, args.presentation) == (Path("p.kmsplan"), Path("o.png"),
                                                                          (1024, 640), True)
    assert app.parser().parse_args([]).size == (1440, 900)
    with pytest.raises(SystemExit):
        app.parser().parse_args(["--size", "big"])


@pytest.mark.parametrize("size", [None, (1024, 640)])
def test_screenshot_is_a_png_of_the_asked_size(qapp, tmp_path, sample_path, size):
    out = tmp_path / "shot.png"
    extra = ["--size", f"{size[0]}x{size[1]}"] if size else []
    assert app.main(["--screenshot", str(out), str(sample_path)] + extra) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (size or (1440, 900))


def test_screenshot_of_a_broken_plan_fails_with_the_reason(qapp, tmp_path, capsys):
    bad = tmp_path / "bad.kmsplan"
    bad.write_text("[]")
    assert app.main(["--screenshot", str(tmp_path / "x.png"), str(bad)]) == 2
    assert "bad.kmsplan: A plan file must be an object ({...}), not a list" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_presentation_switch_starts_the_presentation_view(main_window, monkeypatch):
    from desktop.views import presentation

    started = []
    monkeypatch.setattr(presentation, "start_presentation", lambda window: started.append(window))
    app.start_presentation(main_window)
    assert started == [main_window]


def test_presentation_screenshot_renders_the_presentation_not_the_window(qapp, tmp_path, sample_path, monkeypatch):
    from desktop.views import presentation

    shown = []
    real_show = presentation.PresentationWindow._show
    monkeypatch.setattr(presentation.PresentationWindow, "_show",
                        lambda self: shown.append(self) or real_show(self))
    window_shot, talk_shot = tmp_path / "window.png", tmp_path / "talk.png"
    assert app.main(["--screenshot", str(window_shot), str(sample_path), "--size", "1920x1080"]) == 0
    assert shown == []
    assert app.main(["--screenshot", str(talk_shot), str(sample_path), "--size", "1920x1080", "--presentation"]) == 0
    assert shown, "the presentation view was not built"
    window, talk = QImage(str(window_shot)), QImage(str(talk_shot))
    assert (talk.width(), talk.height()) == (1920, 1080)
    # The presentation has no menu bar: its top-left corner is its own white background, where the
    # window shows its menu bar.
    assert talk.pixelColor(3, 3).name() == presentation.BACKGROUND
    assert window.pixelColor(3, 3).name() != talk.pixelColor(3, 3).name() or window != talk


def test_screenshot_lays_the_window_out_before_its_first_paint(qapp, tmp_path, sample_path, monkeypatch):
    """--screenshot paints the window once: the docks are sized for the shot before anything is drawn."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.main_window import MainWindow

    log = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and not log.count("paint"):
                log.append("paint")
            return False

    watch = Watch()
    real_reset = MainWindow.reset_layout

    def reset(self, *args, **kwargs):
        log.append("layout")
        if not getattr(self, "_watched", False):
            self._watched = True
            self.installEventFilter(watch)
        return real_reset(self, *args, **kwargs)

    monkeypatch.setattr(MainWindow, "reset_layout", reset)
    assert app.main(["--screenshot", str(tmp_path / "s.png"), str(sample_path)]) == 0
    assert "paint" in log
    assert "layout" not in log[log.index("paint"):], log  # no layout after the first paint


@pytest.mark.slow
def test_kms_planner_screenshot_command_small_size(tmp_path, isolated_user_dirs):
    out = tmp_path / "small.png"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot must go offscreen by itself
    done = subprocess.run([sys.executable, "-m", "desktop.launcher", "--screenshot", str(out), "--size", "1024x640"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 640)


def test_screenshot_leaves_the_users_window_layout_alone(qapp, tmp_path, sample_path, isolated_user_dirs):
    from desktop.app_identity import settings
    from desktop.main_window import GEOMETRY, STATE

    store = settings()
    store.setValue(GEOMETRY, b"the user's own geometry")
    store.remove(STATE)
    store.sync()
    assert app.main(["--screenshot", str(tmp_path / "s.png"), str(sample_path), "--size", "1024x640"]) == 0
    again = settings()
    assert again.value(GEOMETRY) in (b"the user's own geometry", "the user's own geometry")
    assert again.value(STATE) is None
