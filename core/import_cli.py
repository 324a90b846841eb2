"""The `import` and `reconcile` subcommands of kms-planner (wired into core.cli).

Kept here so core.cli stays small: this module's top imports nothing heavy, so the CLI's
start-up time is unchanged for the other commands. It sits above core.reconcile and
core.importers and below core.cli (never imports it): a refusal is a CommandRefused, which
core.cli prints as one line with exit code 2.
"""

from __future__ import annotations

import sys

IMPORT_HELP = "make a plan from saved KMS API responses, Terraform plans or key-group CSVs"
RECONCILE_HELP = "compare a plan's model with a bill-details CSV, month by month"
CATEGORIES = ("hosting", "calls", "instance", "secrets")


class CommandRefused(ValueError):
    """Bad input for import / reconcile: one message, exit 2 (core.cli turns it into its Refused)."""


def add_parsers(sub) -> None:
    i = sub.add_parser("import", help=IMPORT_HELP, description=IMPORT_HELP + ". Files are read, never executed.")
    i.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders (any mix)")
    i.add_argument("-o", "--output", required=True, metavar="PLAN.kmsplan", help="the plan file to write")
    i.add_argument("--site", choices=("international", "china"), default="international",
                   help="price list the plan uses (default: international)")
    i.add_argument("--name", default="Imported estate", help="the plan's name")
    i.add_argument("--start", metavar="YYYY-MM", help="first month of the plan (default: 2027-01)")
    r = sub.add_parser("reconcile", help=RECONCILE_HELP, description=RECONCILE_HELP + ".")
    r.add_argument("plan", help="a .kmsplan file")
    r.add_argument("bill", metavar="BILL.csv", help="bill details exported from the Expenses and Costs console")
    r.add_argument("--format", choices=("table", "json"), default="table")
    r.add_argument("--map", action="append", default=[], metavar="ITEM=CATEGORY",
                   help=f"count a billable item the app does not recognise as one of: {', '.join(CATEGORIES)}")


def cmd_import(args) -> int:
    from core.atomic import write_text_atomic
    from core.importers.errors import ImportRefused
    from core.importers.estate import import_paths, to_plan
    from core.planfile import PlanError, dumps, loads

    try:
        result = import_paths(args.sources, site=args.site)
    except ImportRefused as exc:
        raise CommandRefused(str(exc)) from None
    plan = to_plan(result, site=args.site, name=args.name)
    if args.start:
        plan = plan.with_(start_month=args.start)
    try:
        text = dumps(plan)
        loads(text)  # what is written must load: validate before touching the target
    except PlanError as exc:
        raise CommandRefused(f"the imported plan would not be valid ({exc})") from None
    try:
        write_text_atomic(args.output, text)
    except OSError as exc:
        raise CommandRefused(f"{args.output}: cannot be written ({exc.strerror or exc})") from None
    sys.stdout.write(result.summary())
    print(f"Wrote {args.output}.")
    return 0


def _mapping(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        item, sep, category = pair.rpartition("=")
        if not sep or not item or category not in CATEGORIES:
            raise CommandRefused(f'--map "{pair}": write ITEM=CATEGORY with CATEGORY one of {", ".join(CATEGORIES)}')
        out[item] = category
    return out


def cmd_reconcile(args) -> int:
    import json

    from core.importers.bill import parse_bill
    from core.importers.errors import ImportRefused
    from core.importers.sources import read_sources
    from core.reconcile import as_json, as_table, reconcile

    from core.planfile import PlanError, load

    try:
        plan = load(args.plan)
    except PlanError as exc:
        raise CommandRefused(f"{args.plan}: {exc}") from None
    mapping = _mapping(args.map)
    try:
        (source,) = read_sources([args.bill])
        bill = parse_bill(source.text, source.name)
    except ValueError as exc:
        if isinstance(exc, ImportRefused) or "unpack" not in str(exc):
            raise CommandRefused(str(exc)) from None
        raise CommandRefused(f"{args.bill}: name one bill CSV file, not a folder") from None
    rec = reconcile(plan, bill, mapping)
    if args.format == "json":
        print(json.dumps(as_json(rec), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(as_table(rec))
    return 0
