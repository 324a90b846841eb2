"""`kms-planner export PLAN [--xlsx F] [--png F] [--svg F] [--pdf F]`: the GUI's exports, headless.

Same functions as File > Export (STYLE.md #6). Qt is started (off screen when there is no display)
only if a PNG, SVG or PDF is asked for. Exit 0 when every file was written; 2 with one clear
message on a bad plan, an unwritable target or a failed export; 1 on an internal error (also one
line: never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from core import __version__

QT_OUTPUTS = ("png", "svg", "pdf")


class Refused(Exception):
    """Printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # keep argparse's usage error to one line, exit 2
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kms-planner export",
        description="Write a plan's comparison as a workbook, a chart (PNG, SVG) and/or a PDF handout.",
    )
    parser.add_argument("plan", help="a .kmsplan file")
    parser.add_argument("--xlsx", metavar="FILE", help="the Excel workbook for finance (live formulas)")
    parser.add_argument("--png", metavar="FILE", help="the chart as a PNG image")
    parser.add_argument("--svg", metavar="FILE", help="the chart as an SVG drawing")
    parser.add_argument("--pdf", metavar="FILE", help="a one- or two-page A4 handout")
    parser.add_argument("--width", type=int, default=2400, metavar="PIXELS",
                        help="width of the PNG (default 2400)")
    parser.add_argument("--mode", choices=("cumulative", "monthly"), default="cumulative",
                        help="what the chart shows (default cumulative)")
    return parser


def ensure_qt_app():
    """The running QApplication, or a new one; off screen when there is no display to show it on."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_quiet_qt)
        app = QApplication(["kms-planner"])
    return app


_NOISE = ("propagateSizeHints",)  # the offscreen platform's notes about window hints: not for users


def _quiet_qt(_mode, _context, message: str) -> None:
    if not any(n in message for n in _NOISE):
        print(message, file=sys.stderr)


def _targets(args) -> list[tuple[str, Path]]:
    from desktop.exports.target import ExportError, check_target

    targets = [(kind, Path(getattr(args, kind))) for kind in ("xlsx", *QT_OUTPUTS) if getattr(args, kind)]
    if not targets:
        raise Refused("nothing to export: give at least one of --xlsx, --png, --svg, --pdf")
    seen: dict[Path, str] = {}
    for kind, path in targets:
        key = path.resolve()
        if key in seen:
            raise Refused(f"--{seen[key]} and --{kind} both name {path}")
        seen[key] = kind
        try:
            check_target(path)
        except ExportError as exc:
            raise Refused(str(exc)) from None
    return targets


def _write(kind: str, path: Path, comparison, args) -> str:
    if kind == "xlsx":
        from core.exports.xlsx import write_workbook

        write_workbook(comparison, path, app_version=__version__)
        return "workbook"
    ensure_qt_app()
    if kind == "png":
        from desktop.exports.chart_image import export_png

        export_png(comparison, path, width=args.width, mode=args.mode)
        return f"chart, {args.width} px wide"
    if kind == "svg":
        from desktop.exports.chart_image import export_svg

        export_svg(comparison, path, mode=args.mode)
        return "chart"
    from desktop.exports.pdf_handout import write_handout

    pages = write_handout(comparison, path, app_version=__version__)
    return f"handout, {pages} page{'s' * (pages != 1)}"


def run(args) -> int:
    from core.compare import compare
    from core.planfile import PlanError, load
    from desktop.exports.target import ExportError

    if args.width < 200 or args.width > 20000:
        raise Refused(f"--width: must be from 200 to 20000 pixels, got {args.width}")
    try:
        plan = load(args.plan)
    except PlanError as exc:
        raise Refused(f"{args.plan}: {exc}") from None
    targets = _targets(args)
    comparison = compare(plan)
    for kind, path in targets:
        try:
            what = _write(kind, path, comparison, args)
        except ExportError as exc:
            raise Refused(str(exc)) from None
        except OSError as exc:
            from core.exports.errors import explain_os_error

            raise Refused(str(explain_os_error(path, exc))) from None
        print(f"wrote {path} ({what})")
    return 0


def main(args: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[2:] if args is None else args)
    try:
        parsed = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, already printed)
        return int(exc.code or 0)
    try:
        return run(parsed)
    except Refused as exc:
        print(f"kms-planner export: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line, exit 1 (as core.cli)
        print(f"kms-planner export: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
