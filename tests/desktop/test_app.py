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


def test_presentation_hook_is_called_when_present(main_window, monkeypatch):
    from desktop.views import presentation

    started = []
    monkeypatch.setattr(presentation, "start_presentation", lambda window: started.append(window), raising=False)
    app.start_presentation(main_window)
    assert started == [main_window]
    monkeypatch.delattr(presentation, "start_presentation")
    app.start_presentation(main_window)  # absent: nothing happens
    assert started == [main_window]


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
