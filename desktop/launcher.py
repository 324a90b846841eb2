"""The `kms-planner` entry point: headless commands never import Qt; anything else opens the app.

`--help` is answered here, from the parsers of the window (desktop/app.py), the headless commands
(core/cli.py, with engineer F's import and reconcile) and the export command, so it lists every
command and switch; none of those parsers imports Qt.
"""

from __future__ import annotations

import sys
from typing import Sequence

from core.cli import HEADLESS_COMMANDS

HELP = ("-h", "--help")


def _commands() -> list[tuple[str, str]]:
    """(name, one line) for each subcommand: the headless ones from core.cli, then export."""
    import argparse  # here: a headless quote does without it (~1 ms of its start)

    from core.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = [(choice.dest, choice.help or "") for choice in sub._choices_actions]
    lines.append(("export", "write a plan's workbook, chart (PNG, SVG) or PDF handout without the window"))
    return lines


def help_text() -> str:
    """Every way to run kms-planner: the window and its switches, then each command."""
    from desktop.app import parser as app_parser

    window = app_parser()
    window.usage = ("kms-planner [PLAN] [--screenshot OUT.png [--size WxH]] [--presentation]\n"
                    "       kms-planner COMMAND [ARGS...]   (COMMAND --help for its own switches)\n"
                    "       kms-planner --version")
    text = window.format_help().rstrip("\n")
    width = max(len(name) for name, _ in _commands())
    commands = "\n".join(f"  {name.ljust(width)}  {line}" for name, line in _commands())
    return (f"{text}\n  --version             print the version and exit\n\n"
            f"commands (no window; they never load Qt except export's PNG, SVG and PDF):\n{commands}\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HELP:
        sys.stdout.write(help_text())
        return 0
    if args and (args[0] in HEADLESS_COMMANDS or args[0] == "--version"):
        from core.cli import main as cli_main

        return cli_main(args, program=argv is None)  # None: run as the program, not called from Python
    if args and args[0] == "export":
        from desktop.export_cli import main as export_main

        return export_main(args[1:])
    from desktop.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
