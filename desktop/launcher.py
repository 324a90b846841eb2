"""The `kms-planner` entry point: headless commands never import Qt; anything else opens the app."""

from __future__ import annotations

import sys
from typing import Sequence

from core.cli import HEADLESS_COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in ("--version", "-h", "--help")):
        from core.cli import main as cli_main

        return cli_main(args)
    if args and args[0] == "export":
        from desktop.export_cli import main as export_main

        return export_main(args[1:])
    from desktop.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
