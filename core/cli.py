"""The headless command line: quote, validate, timeline. Imports no Qt, so it starts fast.

Exit codes: 0 success, 2 refused input (message on stderr, never a traceback), 1 an internal error.
"""

from __future__ import annotations

import gc
import os
import sys
from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Sequence

from core import __version__

if TYPE_CHECKING:
    import argparse

HEADLESS_COMMANDS = ("quote", "validate", "timeline", "import", "reconcile")


class Refused(Exception):
    """Bad input: printed as one message, exit 2."""


@lru_cache(maxsize=None)
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser with its refusals on one line (argparse is imported when a parser is built)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # argparse exits 2 too; keep its message on one line
            self.print_usage(sys.stderr)
            print(f"{self.prog}: {message}", file=sys.stderr)
            raise SystemExit(2)

    return _Parser


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command` alone (what a run of it needs: each subparser
    costs its start-up ~0.5 ms, mostly gettext looking for translations). Usage lines name every
    command either way."""
    _Parser = _parser_class()
    parser = _Parser(prog="kms-planner", description="Compare what each way of paying for Alibaba Cloud KMS costs.")
    parser.add_argument("--version", action="version", version=f"kms-planner {__version__}")
    every = "{" + ",".join(HEADLESS_COMMANDS) + "}"  # as argparse shows the choices when all are built
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar=every if command else None)
    if command in (None, "quote"):
        q = sub.add_parser("quote", help="price a plan file with every option")
        q.add_argument("plan", help="a .kmsplan file")
        q.add_argument("--format", choices=("json", "table"), default="table")
    if command in (None, "validate"):
        v = sub.add_parser("validate", help="check a plan file and name any problem")
        v.add_argument("plan")
    if command in (None, "timeline"):
        t = sub.add_parser("timeline", help="expiry, reminders and release of a subscription")
        t.add_argument("--option", required=True, choices=("instance-software", "instance-hardware", "dedicated"))
        t.add_argument("--purchased", required=True,
                       help="purchase time, e.g. 2027-01-15T10:30:00 (UTC+8 unless given)")
        t.add_argument("--months", required=True, type=int, help="subscription period: 1, 2, 3, 6, 12, 24 or 36")
        t.add_argument("--format", choices=("json", "table"), default="table")
    if command in (None, "import", "reconcile"):
        from core.import_cli import add_parsers as add_import_parsers  # import, reconcile (engineer F)

        add_import_parsers(sub)
    return parser


def _load(path: str):
    from core.planfile import PlanError, load

    try:
        return load(path)
    except PlanError as exc:
        raise Refused(f"{path}: {exc}") from None


def cmd_quote(args) -> int:
    from core.compare import compare
    from core.quote import quote_json, quote_table

    comparison = compare(_load(args.plan))
    sys.stdout.write(quote_json(comparison) if args.format == "json" else quote_table(comparison))
    return 0


def cmd_validate(args) -> int:
    plan = _load(args.plan)
    groups = len(plan.key_groups)
    print(f"{args.plan}: valid plan “{plan.name}”, {groups} key group{'s' * (groups != 1)}, "
          f"{plan.months} months from {plan.start_month}")
    return 0


def cmd_timeline(args) -> int:
    import json

    from core.cycles import parse_purchase, timeline

    try:
        t = timeline(args.option, parse_purchase(args.purchased), args.months)
    except ValueError as exc:
        raise Refused(str(exc)) from None
    rows = t.events()
    if args.format == "json":
        print(json.dumps(dict(rows), indent=2))
    else:
        width = max(len(k) for k, _ in rows)
        print(f"{args.option}, {args.months} month{'s' * (args.months != 1)}")
        for key, value in rows:
            print(f"  {key.ljust(width)}  {value}")
    return 0


COMMANDS = {"quote": cmd_quote, "validate": cmd_validate, "timeline": cmd_timeline}


def _import_command(name: str):
    def run(args) -> int:
        from core import import_cli

        try:
            return getattr(import_cli, f"cmd_{name}")(args)
        except import_cli.CommandRefused as exc:
            raise Refused(str(exc)) from None
    return run


COMMANDS.update({"import": _import_command("import"), "reconcile": _import_command("reconcile")})


def main(argv: Sequence[str] | None = None, program: bool = False) -> int:
    """Run one command; `program`: this process runs it and ends (kms-planner, python -m core).

    A program runs without the cyclic garbage collector: reading, pricing and the imports make next
    to no cycles, and each pass walks every object (numpy's too). Once its output is flushed it
    ends at once (os._exit) instead of tearing the interpreter down: that frees every object one by
    one (a 10,000-group plan, its sums, numpy) for nothing, ~5 ms of a quote's process. Every file a
    command writes is closed before it returns; if the output cannot be flushed (a closed pipe),
    Python's own exit reports it as it always did.
    """
    if not program:
        return _run(argv)
    gc.disable()
    code = _run(argv)
    gc.freeze()  # if the interpreter does end normally, its last pass walks nothing
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with the stream closed
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: let the interpreter's exit deal with it
        return code
    os._exit(code)


def quote_arguments(words: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of `quote PLAN`, `quote PLAN --format F` or `quote --format F PLAN` (F json or
    table; PLAN no option: it does not start with '-') as argparse reads them, without building its
    parser: that looks up its messages' translations and imports locale (~1.3 ms of a quote's own
    ~55). None for anything else, which argparse reads, and refuses, as ever."""
    if len(words) not in (2, 4) or words[0] != "quote":
        return None
    if len(words) == 2:
        plan, form = words[1], "table"
    elif words[2] == "--format":
        plan, form = words[1], words[3]
    elif words[1] == "--format":
        plan, form = words[3], words[2]
    else:
        return None
    if plan.startswith("-") or form not in ("json", "table"):
        return None
    return SimpleNamespace(command="quote", plan=plan, format=form)


def _run(argv: Sequence[str] | None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = quote_arguments(words)
    if args is None:
        parser = build_parser(words[0] if words and words[0] in HEADLESS_COMMANDS else None)
        args = parser.parse_args(words)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("kms-planner: name a command: quote, validate, timeline, import or reconcile", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except Refused as exc:
        print(f"kms-planner: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: one line, no traceback unless asked for
        if os.environ.get("KMS_PLANNER_DEBUG"):
            raise
        print(f"kms-planner: internal error ({type(exc).__name__}: {exc}); "
              f"set KMS_PLANNER_DEBUG=1 for details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main(program=True))
