"""Read and write plan files exactly as shared/plan-format-v1.md says.

Every refusal is a PlanError whose message names the field as the file spells it
(`key_groups[2].count: must be an integer >= 0, got -3`). Saving is atomic.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal, localcontext
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.atomic import write_text_atomic
from core.calendar import month_labels, parse_month
from core.catalog import SITES, load_catalog
from core.plan import API_REGIONS, CREATORS, PROTECTIONS, STATES, DEFAULT_PEAK_TO_AVERAGE, KeyGroup, Plan

FORMAT = "kms-cost-planner/plan"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
# Sanity ceilings (docs/plan-format.md): beyond these a number is a typo, not a plan.
MAX_COUNT = 10_000_000
MAX_VERSIONS = 100_000
MAX_CALLS = Decimal("1e15")
MAX_GROUPS = 100_000
MAX_SECRETS = 10_000_000
MAX_PEAK = Decimal(1000)
MAX_GROWTH = Decimal(1000)
MAX_NAME = 500
MAX_NOTES = 100_000

_TOP_FIELDS = {"format", "version", "name", "site", "api_region", "start_month", "months",
               "peak_to_average", "key_groups", "secrets", "price_overrides"}
# Optional fields this app adds (docs/plan-format.md); other tools may ignore them.
EXTENSION_FIELDS = {"scenarios", "notes"}
_GROUP_FIELDS = {"name", "creator", "protection", "spec", "count", "versions", "rotation_days",
                 "state", "calls_per_month", "calls_growth_pct"}
_GROUP_REQUIRED = ("creator", "protection", "spec", "count")
_TOP_REQUIRED = ("format", "version", "site", "api_region", "start_month", "months", "key_groups")


class PlanError(ValueError):
    """A plan refused; `field` is the path as the file spells it, '' for the whole file."""

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


def describe_value(value: Any) -> str:
    """A value as a refusal message quotes it: JSON words, short text, numbers without exponents."""
    if isinstance(value, str):
        return f'"{value}"' if len(value) < 60 else f'"{value[:57]}..."'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    if isinstance(value, Decimal) and value.is_finite():
        if not -40 < value.adjusted() < 40:  # 1E+999999999 written out in full is a gigabyte
            return str(value)
        text = format(value, "f")
        return text if len(text) <= 40 else str(value)
    return str(value)


def _exact_number(value: Any) -> Any:
    """A float handed in by Python code (not JSON, which is parsed to Decimal) as its shortest exact text."""
    if isinstance(value, float):
        return Decimal(repr(value))  # float ok: repr is the float's shortest round-trip text
    return value


def _integer(value: Any, where: str, low: int, high: int, what: str, ceiling: bool = True) -> int:
    """An integer in [low, high]; `what` states the contract's rule (">= 0", "from 1 to 120").

    With `ceiling`, `high` is this app's sanity ceiling rather than part of the rule, and a value
    above it is refused as a likely typo.
    """
    value = _exact_number(value)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            if value.adjusted() > 30:  # int(1E+999999) takes minutes; it is out of range anyway
                if value < low or not ceiling:
                    raise PlanError(where, f"must be an integer {what}, got {describe_value(value)}")
                raise PlanError(where, f"must be at most {high:,} (a sanity ceiling: a typo?), got {describe_value(value)}")
            value = int(value)
        else:
            raise PlanError(where, f"must be an integer {what}, got {describe_value(value)}")
    if value < low or (value > high and not ceiling):
        raise PlanError(where, f"must be an integer {what}, got {value}")
    if value > high:
        raise PlanError(where, f"must be at most {high:,} (a sanity ceiling: a typo?), got {value:,}")
    return value


def _number(value: Any, where: str) -> Decimal:
    value = _exact_number(value)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PlanError(where, f"must be a number, got {describe_value(value)}")
    value = Decimal(value)
    if not value.is_finite():
        raise PlanError(where, f"must be a finite number, got {value}")
    return value


def _bounded(value: Any, where: str, ok, what: str, ceiling: Decimal) -> Decimal:
    """A number meeting the contract's rule `ok` (described by `what`) and below the sanity ceiling."""
    number = _number(value, where)
    if not ok(number):
        raise PlanError(where, f"must be a number {what}, got {describe_value(value)}")
    if number > ceiling:
        raise PlanError(where, f"must be at most {ceiling:,f} (a sanity ceiling: a typo?), got {describe_value(value)}")
    return number


def _choice(value: Any, where: str, choices: tuple[str, ...] | list[str]) -> str:
    if value not in choices:
        allowed = ", ".join(f'"{c}"' for c in choices)
        raise PlanError(where, f"must be one of {allowed}, got {describe_value(value)}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PlanError(where, f"must be text, got {describe_value(value)}")
    if len(value) > MAX_NAME:
        raise PlanError(where, f"must be at most {MAX_NAME} characters, got {len(value)}")
    return value


def _object(value: Any, where: str, allowed: set[str], required: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise PlanError(where, f"must be an object, got {describe_value(value)}")
    for key in value:
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            raise PlanError(f"{where}.{key}" if where else key, f"unknown field (a typo?); expected one of: {expected}")
    for key in required:
        if key not in value:
            raise PlanError(f"{where}.{key}" if where else key, "is missing")
    return value


def parse_group(raw: Any, where: str, specs: set[str]) -> KeyGroup:
    obj = _object(raw, where, _GROUP_FIELDS, _GROUP_REQUIRED)
    rotation = obj.get("rotation_days")
    if rotation is not None:
        rotation = _integer(rotation, f"{where}.rotation_days", 7, 730, "from 7 to 730 or null", ceiling=False)
    calls = _bounded(obj.get("calls_per_month", 0), f"{where}.calls_per_month", lambda v: v >= 0, ">= 0", MAX_CALLS)
    growth = _bounded(obj.get("calls_growth_pct", 0), f"{where}.calls_growth_pct", lambda v: v > -100,
                      "> -100", MAX_GROWTH)
    return KeyGroup(
        name=_text(obj.get("name", ""), f"{where}.name"),
        creator=_choice(obj["creator"], f"{where}.creator", CREATORS),
        protection=_choice(obj["protection"], f"{where}.protection", PROTECTIONS),
        spec=_choice(obj["spec"], f"{where}.spec", sorted(specs)),
        count=_integer(obj["count"], f"{where}.count", 0, MAX_COUNT, ">= 0"),
        versions=_integer(obj.get("versions", 1), f"{where}.versions", 1, MAX_VERSIONS, ">= 1"),
        rotation_days=rotation,
        state=_choice(obj.get("state", "Enabled"), f"{where}.state", STATES),
        calls_per_month=calls,
        calls_growth_pct=growth,
    )


def _check_projection(groups: tuple[KeyGroup, ...], start: str, months: int) -> None:
    """Compound growth can turn a sane first month into absurd calls; refuse that like a typo."""
    with localcontext() as ctx:
        ctx.prec = 60
        for i, g in enumerate(groups):
            if g.calls_growth_pct <= 0 or not g.calls_per_month:
                continue
            factor = 1 + g.calls_growth_pct / 100
            if g.calls_per_month * factor ** (months - 1) <= MAX_CALLS:
                continue
            calls, m = g.calls_per_month, 0
            while calls <= MAX_CALLS:
                calls *= factor
                m += 1
            label = month_labels(start, m + 1)[m]
            raise PlanError(
                f"key_groups[{i}].calls_growth_pct",
                f"{g.calls_growth_pct} % a month takes calls past {MAX_CALLS:,.0f} a month by {label} "
                f"(month {m + 1}), more than this planner supports: lower the growth or the horizon",
            )


def plan_from_dict(raw: Any) -> Plan:
    """A validated Plan from a parsed plan document (numbers as int or Decimal)."""
    obj = _object(raw, "", _TOP_FIELDS | EXTENSION_FIELDS, ())
    if obj.get("format") != FORMAT:
        raise PlanError("format", f'must be "{FORMAT}", got {describe_value(obj.get("format"))} (is this a plan file?)')
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise PlanError("version", f"this file was written by a newer KMS Cost Planner (format version {version}); "
                                   f"this version reads version {VERSION}. Update the app to open it.")
    if version != VERSION:
        raise PlanError("version", f"must be {VERSION}, got {describe_value(version)}")
    _object(obj, "", _TOP_FIELDS | EXTENSION_FIELDS, _TOP_REQUIRED)
    site = _choice(obj["site"], "site", SITES)
    catalog = load_catalog(site)
    start = obj["start_month"]
    try:
        year, month = parse_month(start)
        if not start.isascii():  # \d also matches digits of other scripts ("２０２７-０１")
            raise ValueError(f"must be a month as YYYY-MM, got {start!r}")
    except ValueError as exc:
        raise PlanError("start_month", str(exc)) from None
    months = _integer(obj["months"], "months", 1, 120, "from 1 to 120", ceiling=False)
    if year * 12 + month - 1 + months - 1 > 9999 * 12 + 11:
        raise PlanError("months", f"must end by 9999-12; {months} months from {start} run past it")
    peak = _bounded(obj.get("peak_to_average", DEFAULT_PEAK_TO_AVERAGE), "peak_to_average",
                    lambda v: v >= 1, ">= 1", MAX_PEAK)
    raw_groups = obj["key_groups"]
    if not isinstance(raw_groups, list):
        raise PlanError("key_groups", f"must be a list, got {describe_value(raw_groups)}")
    if len(raw_groups) > MAX_GROUPS:
        raise PlanError("key_groups", f"must hold at most {MAX_GROUPS:,} groups, got {len(raw_groups):,}")
    specs = set(catalog.specs)
    groups = tuple(parse_group(g, f"key_groups[{i}]", specs) for i, g in enumerate(raw_groups))
    _check_projection(groups, start, months)
    secrets_obj = _object(obj.get("secrets", {"count": 0}), "secrets", {"count"}, ("count",))
    secrets = _integer(secrets_obj["count"], "secrets.count", 0, MAX_SECRETS, ">= 0")
    overrides = parse_overrides(obj.get("price_overrides", {}), catalog)
    extensions = {k: v for k, v in obj.items() if k in EXTENSION_FIELDS}  # in file order: saves are stable
    if "notes" in extensions and (not isinstance(extensions["notes"], str) or len(extensions["notes"]) > MAX_NOTES):
        note = extensions["notes"]
        problem = f"must be at most {MAX_NOTES:,} characters, got {len(note):,}" if isinstance(note, str) \
            else f"must be text, got {describe_value(note)}"
        raise PlanError("notes", problem)
    if "scenarios" in extensions:  # core.scenarios imports PlanError from here: import late
        from core.scenarios import parse_scenarios
        parse_scenarios(extensions["scenarios"])
    return Plan(
        name=_text(obj.get("name", ""), "name"),
        site=site,
        api_region=_choice(obj["api_region"], "api_region", API_REGIONS),
        start_month=start,
        months=months,
        peak_to_average=peak,
        key_groups=groups,
        secrets=secrets,
        price_overrides=MappingProxyType(overrides),
        extensions=MappingProxyType(extensions),
    )


def parse_overrides(raw: Any, catalog) -> dict[str, Decimal]:
    if not isinstance(raw, dict):
        raise PlanError("price_overrides", f"must be an object, got {describe_value(raw)}")
    overrides = {}
    for price_id, value in raw.items():
        where = f'price_overrides["{price_id}"]'
        value = _exact_number(value)
        if price_id not in catalog.prices:
            raise PlanError(where, f"no such price id in the {catalog.site} catalog")
        if isinstance(value, str):
            try:
                number = Decimal(value.strip())
            except ArithmeticError:
                raise PlanError(where, f"must be a decimal string like \"0.03\", got {describe_value(value)}") from None
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            raise PlanError(where, f"must be a decimal string like \"0.03\", got {describe_value(value)}")
        if not number.is_finite() or number < 0 or number > Decimal("1e9"):
            raise PlanError(where, f"must be a price from 0 to 1,000,000,000, got {describe_value(value)}")
        overrides[price_id] = number
    return overrides


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_key(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise PlanError(key, "appears twice in the same object")
        seen[key] = value
    return seen


def loads(text: str) -> Plan:
    """A Plan from the text of a plan file, or PlanError."""
    try:
        raw = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant, object_pairs_hook=_check_key)
    except PlanError:
        raise
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        msg = exc.msg if hasattr(exc, "msg") else str(exc)
        raise PlanError("", f"not valid JSON{where}: {msg}") from None
    return plan_from_dict(raw)


def load(path: str | os.PathLike) -> Plan:
    """A Plan from a file; every failure (missing, unreadable, too big, not UTF-8) is a PlanError."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PlanError("", f"{p.name} is {size / 1e6:.0f} MB; a plan file is at most {MAX_FILE_BYTES // 10**6} MB")
        data = p.read_bytes()
    except FileNotFoundError:
        raise PlanError("", f"{p} does not exist") from None
    except IsADirectoryError:
        raise PlanError("", f"{p} is a folder, not a plan file") from None
    except PermissionError:
        raise PlanError("", f"{p} cannot be read: permission denied") from None
    except OSError as exc:
        raise PlanError("", f"{p} cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError("", f"{p.name} is not a text (UTF-8) file; is it a plan?") from None
    return loads(text)


def _num(value: Decimal) -> int | float | Decimal:
    """A JSON number for an exact Decimal: integers as int, others kept exact via the encoder."""
    if value == value.to_integral_value():
        return int(value)
    return value


def plan_to_dict(plan: Plan) -> dict:
    """The plan as a version-1 document (all fields written, overrides as decimal strings)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": plan.name,
        "site": plan.site,
        "api_region": plan.api_region,
        "start_month": plan.start_month,
        "months": plan.months,
        "peak_to_average": _num(plan.peak_to_average),
        "key_groups": [
            {
                "name": g.name,
                "creator": g.creator,
                "protection": g.protection,
                "spec": g.spec,
                "count": g.count,
                "versions": g.versions,
                "rotation_days": g.rotation_days,
                "state": g.state,
                "calls_per_month": _num(g.calls_per_month),
                "calls_growth_pct": _num(g.calls_growth_pct),
            }
            for g in plan.key_groups
        ],
        "secrets": {"count": plan.secrets},
        "price_overrides": {k: format(v.normalize(), "f") if v else "0" for k, v in plan.price_overrides.items()},
    }
    for key, value in plan.extensions.items():
        doc[key] = value
    return doc


def dumps(plan: Plan) -> str:
    return dump_json(plan_to_dict(plan))


_encode_text = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str


def dump_json(doc: Any, indent: int = 2) -> str:
    """JSON text like json.dumps(indent=2), but a Decimal is written as its exact digits.

    (json itself writes numbers through float, which would turn 123456789.123456789 into
    123456789.12345679.)
    """
    return _emit(doc, indent, 0) + "\n"


def _emit(value: Any, indent: int, depth: int) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a number JSON allows")
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad, inner = " " * (indent * depth), " " * (indent * (depth + 1))
        items = [f"{inner}{_encode_text(str(k))}: {_emit(v, indent, depth + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        pad, inner = " " * (indent * depth), " " * (indent * (depth + 1))
        return "[\n" + ",\n".join(inner + _emit(v, indent, depth + 1) for v in value) + "\n" + pad + "]"
    # The common scalars without json.dumps's per-call encoder set-up (autosave of huge plans).
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, str):
        return _encode_text(value)
    return json.dumps(value, ensure_ascii=False)


def save(plan: Plan, path: str | os.PathLike) -> None:
    """Write the plan atomically: the old file stays intact if anything fails."""
    write_text_atomic(path, dumps(plan))
