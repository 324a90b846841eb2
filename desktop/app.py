"""The desktop app's entry: parse arguments, open the main window (or render a screenshot) and run.

`kms-planner [PLAN]` opens PLAN (default: the built-in sample); `--screenshot OUT.png [--size WxH]`
renders the window offscreen and exits; `--presentation` starts presentation mode (with
`--screenshot`, renders the presentation view instead of the window).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from desktop.collector import collect_between_interactions, paused_then_frozen

SCREENSHOT_SIZE = (1440, 900)
PNG_QUALITY = 75  # zlib's faster levels: ~30 % less time than the default, and no larger a file


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1440x900, got {text!r}") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"size must be between 320x240 and 8000x8000, got {text!r}")
    return width, height


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kms-planner", description="KMS Cost Planner: compare what Alibaba Cloud "
                                "KMS costs month by month.")
    p.add_argument("plan", nargs="?", type=Path, help="a plan file (.kmsplan) to open; default: the sample plan")
    p.add_argument("--screenshot", metavar="OUT.png", type=Path,
                   help="render the main window offscreen to a PNG and exit")
    p.add_argument("--size", type=_size, default=SCREENSHOT_SIZE, metavar="WxH",
                   help="window size for --screenshot (default 1440x900)")
    p.add_argument("--presentation", action="store_true",
                   help="start in presentation mode (with --screenshot: render the presentation)")
    return p


def _load(path: Path | None):
    """(plan, path) to open, or raise PlanError."""
    from core import planfile
    from desktop.file_actions import sample_path

    if path is None:
        return planfile.load(sample_path()), None
    return planfile.load(path), path


def screenshot(window, out: Path, size: tuple[int, int], presentation: bool = False) -> None:
    """Render the window (or its presentation) at `size` to `out`: laid out once, painted once.

    The docks are sized once the window is shown but before its first paint: laying them out
    after the first paint (as before) laid out and painted the whole window twice."""
    from PySide6.QtWidgets import QApplication

    if presentation:
        widget = presentation_widget(window, size)
        widget.show()
    else:
        widget = window
        window.resize(*size)
        window.show()
        window.reset_layout()  # docks sized for the window as shown (a hidden window's are not exact)
    # Painted as shown before the grab: the chart's axes widen to fit their labels on a first
    # paint (grabbing an unpainted window cut a 1,000,000 label and dropped the others).
    for _ in range(5):
        QApplication.processEvents()
    image = _grab(widget)
    if presentation:
        widget.close()
    if not image.save(str(out), "PNG", PNG_QUALITY):
        raise OSError(f"cannot write {out}")


def _dismiss(window) -> None:
    """Put away a screenshot's window without closing it as a user would: closing saves the window
    layout to the user's settings, and a screenshot (laid out for --size) must not replace theirs."""
    window.document.undo_stack.setClean()
    window.export_actions.shutdown()
    window.autosave.close()
    window.hide()
    window.deleteLater()


def _grab(widget):
    """The window as painted. Offscreen (as --screenshot runs) its backing store already holds the
    painted window: copy it rather than paint the whole window a second time (widget.grab())."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "offscreen":
        image = widget.screen().grabWindow(widget.winId())
        if not image.isNull() and image.size() == widget.size() * image.devicePixelRatio():
            return image
    return widget.grab()


def presentation_widget(window, size: tuple[int, int]):
    """The presentation view of the window's plan at `size` (a window of its own, not full screen)."""
    from PySide6.QtCore import QSize

    from desktop.views.presentation import PresentationWindow

    view = PresentationWindow(window.document, window)
    view.fit_to(QSize(*size))
    view.resize(*size)
    window.presentation = view
    return view


def start_presentation(window) -> None:
    from desktop.views.presentation import start_presentation as start

    start(window)


def _start(args):
    """The app and its window, shown; or the exit code of a screenshot (or of a plan it cannot
    open). Returns (app, window, path opened, problem) or an int."""
    from PySide6.QtWidgets import QApplication

    from core.planfile import PlanError
    from desktop.app_identity import app_icon, apply_identity
    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kms-planner"])
    apply_identity()
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    try:
        plan, path = _load(args.plan)
        problem = None
    except PlanError as exc:
        plan, path, problem = None, None, exc
    if problem is not None and args.screenshot is not None:
        print(f"kms-planner: {args.plan}: {problem}", file=sys.stderr)
        return 2
    window = MainWindow(plan, path, restore_layout=args.screenshot is None)
    if args.screenshot is not None:
        try:
            screenshot(window, args.screenshot, args.size, presentation=args.presentation)
        except OSError as exc:
            print(f"kms-planner: {exc}", file=sys.stderr)
            return 1
        finally:
            _dismiss(window)
        return 0
    laid_out_for = window.size()
    window.show()
    if not window.layout_restored and window.size() != laid_out_for:
        window.reset_layout()  # first run: dock sizes for the size the window really got
    return app, window, path, problem


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with paused_then_frozen():  # start-up builds what the app keeps: see desktop.collector
        started = _start(args)
    if isinstance(started, int):
        return started
    app, window, path, problem = started
    if problem is not None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, "Cannot open plan",
                             f"{args.plan} was not opened:\n\n{problem}\n\nShowing the sample plan instead.")
    elif path is not None:
        window.recent.add(path)
    if args.presentation:
        start_presentation(window)
    window.offer_recovery_later()
    collect_between_interactions(window)
    return app.exec()
