"""Read and write plan files exactly as shared/plan-format-v1.md says.

Every refusal is a PlanError saying in words what is wrong and where, then the field as the file
spells it ("Key group 3 (disk): the key count must be a whole number of 0 or more, not -3
(key_groups[2].count)"); numeric bounds come from core.fields. Saving is atomic and keeps every digit.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
from decimal import Decimal, localcontext
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.atomic import write_text_atomic
from core.calendar import month_labels, parse_month
from core.catalog import SITES, load_catalog
from core.fields import FIELDS, FieldError, check, decimal_text
from core.plain_groups import ReadGroups, plain_groups
from core.plan import API_REGIONS, CREATORS, PROTECTIONS, STATES, DEFAULT_PEAK_TO_AVERAGE, KeyGroup, Plan
from core.refusals import PlanError, checked, describe_value, named, sentence
from core.repeated_keys import no_repeated_keys

FORMAT = "kms-cost-planner/plan"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
# Sanity ceilings (docs/plan-format.md): beyond these a number is a typo, not a plan. The numeric
# ones live in core.fields (one set of bounds for the loader, what-if and the editors).
MAX_COUNT = int(FIELDS["count"].maximum)
MAX_VERSIONS = int(FIELDS["versions"].maximum)
MAX_CALLS = FIELDS["calls_per_month"].maximum
MAX_GROUPS = 100_000
MAX_SECRETS = int(FIELDS["secrets"].maximum)
MAX_PEAK = FIELDS["peak_to_average"].maximum
MAX_GROWTH = FIELDS["calls_growth_pct"].maximum
MAX_NAME = 500
MAX_NOTES = 100_000

_TOP_FIELDS = {"format", "version", "name", "site", "api_region", "start_month", "months",
               "peak_to_average", "key_groups", "secrets", "price_overrides",
               "kms1_user", "limit_overrides"}  # the last two: compatible additions (issue 8)
# Optional fields this app adds (docs/plan-format.md); other tools may ignore them.
EXTENSION_FIELDS = {"scenarios", "notes"}
_GROUP_FIELDS = {"name", "creator", "protection", "spec", "count", "versions", "rotation_days",
                 "state", "calls_per_month", "calls_growth_pct"}
_GROUP_REQUIRED = ("creator", "protection", "spec", "count")
_TOP_REQUIRED = ("format", "version", "site", "api_region", "start_month", "months", "key_groups")
# How messages name the fields that are not numbers (numbers are named by core.fields).
_WORDS = {"name": "name", "creator": "creator", "protection": "protection level", "spec": "key spec",
          "state": "key state", "site": "site", "api_region": "API region", "start_month": "start month",
          "format": "format", "version": "format version", "key_groups": "list of key groups",
          "secrets": "secrets", "price_overrides": "price overrides", "notes": "notes"}


def group_context(index: int | None, raw: Any = None) -> str:
    """How messages name a key group: 'Key group 3 (disk-cmk)' (numbered from 1, as people count)."""
    head = f"Key group {index + 1}" if index is not None else "The key group"
    return named(head, raw.get("name") if isinstance(raw, dict) else None)


def _exact_number(value: Any) -> Any:
    """A float handed in by Python code (not JSON, which is parsed to Decimal) as its shortest exact text."""
    if isinstance(value, float):
        return Decimal(repr(value))  # float ok: repr is the float's shortest round-trip text
    return value


def field_value(name: str, value: Any, where: str, context: str = "") -> Decimal | int:
    """A number checked by core.fields' bounds for `name`, or PlanError in words naming `where`.

    Text where the file needs a number ("count": "3") is refused: the contract's numbers are JSON numbers.
    """
    value = _exact_number(value)
    if isinstance(value, str):
        field = FIELDS[name]
        problem = f"must be {'a whole number' if field.integer else 'a number'}, not the text {describe_value(value)}"
        from core.numbers import NumberTextError, parse_number  # only for this message: start-up

        try:  # text a person would read as a number (core.numbers): say how the file writes it
            meant = parse_number(value, percent=field.percent) if len(value) < 60 else None
        except NumberTextError:
            meant = None
        if meant is not None:
            problem += f" (write it as a number without quotes: {decimal_text(meant)})"
        raise PlanError(where, problem, sentence(context, f"the {field.label} {problem}"))
    return checked(name, value, where, context)


def _choice(value: Any, where: str, choices: tuple[str, ...] | list[str], context: str = "") -> str:
    if value not in choices:
        allowed = ", ".join(f'"{c}"' for c in choices)
        problem = f"must be one of {allowed}, not {describe_value(value)}"
        raise PlanError(where, problem, sentence(context, f"the {_WORDS[where.rsplit('.', 1)[-1]]} {problem}"))
    return value


def _text(value: Any, where: str, context: str = "") -> str:
    what = "plan name" if where == "name" else _WORDS.get(where.rsplit(".", 1)[-1], where)
    if not isinstance(value, str):
        problem = f"must be text, not {describe_value(value)}"
        raise PlanError(where, problem, sentence(context, f"the {what} {problem}"))
    if len(value) > MAX_NAME:
        problem = f"must be at most {MAX_NAME} characters, not {len(value):,}"
        raise PlanError(where, problem, sentence(context, f"the {what} {problem}"))
    return value


def _object(value: Any, where: str, allowed: set[str], required: tuple[str, ...], context: str = "",
            what: str = "this object") -> dict:
    if not isinstance(value, dict):
        problem = f"must be an object ({{...}}), not {describe_value(value)}"
        raise PlanError(where, problem, f"{context} {problem}" if context else sentence("", f"{what} {problem}"))
    for key in value:
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            problem = f"unknown field (a typo?); expected one of: {expected}"
            raise PlanError(f"{where}.{key}" if where else key, problem,
                            sentence(context, f'"{key}" is not a field of {what} (a typo?); '
                                              f'expected one of: {expected}'))
    for key in required:
        if key not in value:
            raise PlanError(f"{where}.{key}" if where else key, "is missing",
                            sentence(context, f'the field "{key}" is missing'))
    return value


_NUMBER_TYPES = (int, Decimal)
_new_object, _set_attribute = object.__new__, object.__setattr__
# KeyGroup's __init__ only sets its fields (a frozen dataclass with no __post_init__, in field order).
_GROUP_INIT_PLAIN = not hasattr(KeyGroup, "__post_init__") and not hasattr(KeyGroup, "__slots__") and [
    f.name for f in dataclasses.fields(KeyGroup)] == ["name", "creator", "protection", "spec", "count", "versions",
                                                       "rotation_days", "state", "calls_per_month", "calls_growth_pct"]


def _quick_group(raw: Any, specs: set[str] | frozenset[str]) -> KeyGroup | None:
    """The group when every field is plainly valid (the common case, without building a word of any
    message: a 10,000-group plan loads in a fraction of the time); None sends it to parse_group's
    checks, which say what is wrong."""
    if type(raw) is not dict or not _GROUP_FIELDS.issuperset(raw):
        return None
    get = raw.get
    creator, protection, spec, state = get("creator"), get("protection"), get("spec"), get("state", "Enabled")
    name, count, versions = get("name", ""), get("count"), get("versions", 1)
    rotation, calls, growth = get("rotation_days"), get("calls_per_month", 0), get("calls_growth_pct", 0)
    if (type(spec) is not str or creator not in CREATORS or protection not in PROTECTIONS or spec not in specs
            or state not in STATES
            or type(name) is not str or len(name) > MAX_NAME or type(count) not in _NUMBER_TYPES
            or type(versions) not in _NUMBER_TYPES or type(calls) not in _NUMBER_TYPES
            or type(growth) not in _NUMBER_TYPES or (rotation is not None and type(rotation) not in _NUMBER_TYPES)):
        return None
    try:
        fields = {"name": name, "creator": creator, "protection": protection, "spec": spec,
                  "count": check("count", count), "versions": check("versions", versions),
                  "rotation_days": None if rotation is None else check("rotation_days", rotation), "state": state,
                  "calls_per_month": check("calls_per_month", calls),
                  "calls_growth_pct": check("calls_growth_pct", growth)}
    except FieldError:
        return None
    if _GROUP_INIT_PLAIN:  # what KeyGroup(**fields) makes, without its __init__'s ten frozen setattrs
        group = _new_object(KeyGroup)
        _set_attribute(group, "__dict__", fields)
        return group
    return KeyGroup(**fields)


def parse_group(raw: Any, where: str, specs: set[str], index: int | None = None) -> KeyGroup:
    """A KeyGroup from its file object; refusals name it as 'Key group <index + 1> (<name>)'."""
    return _quick_group(raw, specs) or _checked_group(raw, where, specs, index)


def _checked_group(raw: Any, where: str, specs: set[str], index: int | None = None) -> KeyGroup:
    """parse_group with every check said in words (what _quick_group falls back to)."""
    context = group_context(index, raw)
    obj = _object(raw, where, _GROUP_FIELDS, _GROUP_REQUIRED, context, "a key group")
    rotation = obj.get("rotation_days")
    if rotation is not None:
        rotation = field_value("rotation_days", rotation, f"{where}.rotation_days", context)
    return KeyGroup(
        name=_text(obj.get("name", ""), f"{where}.name", context),
        creator=_choice(obj["creator"], f"{where}.creator", CREATORS, context),
        protection=_choice(obj["protection"], f"{where}.protection", PROTECTIONS, context),
        spec=_choice(obj["spec"], f"{where}.spec", sorted(specs), context),
        count=field_value("count", obj["count"], f"{where}.count", context),
        versions=field_value("versions", obj.get("versions", 1), f"{where}.versions", context),
        rotation_days=rotation,
        state=_choice(obj.get("state", "Enabled"), f"{where}.state", STATES, context),
        calls_per_month=Decimal(field_value("calls_per_month", obj.get("calls_per_month", 0),
                                            f"{where}.calls_per_month", context)),
        calls_growth_pct=Decimal(field_value("calls_growth_pct", obj.get("calls_growth_pct", 0),
                                             f"{where}.calls_growth_pct", context)),
    )


def _projection_far_below(groups: tuple[KeyGroup, ...], months: int) -> bool:
    """Whether the most calls of any group, grown at the steepest growth of any, stay under half of
    MAX_CALLS: then no group can pass it (the margin dwarfs the rounding of 60-digit powers)."""
    if type(groups) is ReadGroups:  # the columns they were read from: no step through each group
        growths, calls = groups.column("calls_growth_pct"), groups.column("calls_per_month")
    else:
        growths, calls = map(_growth_of, groups), map(_calls_of, groups)
    steepest = max(growths, default=0)
    if steepest <= 0:
        return True
    with localcontext() as ctx:
        ctx.prec = 60
        return max(calls) * (1 + steepest / 100) ** (months - 1) <= MAX_CALLS / 2


_growth_of, _calls_of = attrgetter("calls_growth_pct"), attrgetter("calls_per_month")


def _check_projection(groups: tuple[KeyGroup, ...], start: str, months: int) -> None:
    """Compound growth can turn a sane first month into absurd calls; refuse that like a typo."""
    if _projection_far_below(groups, months):  # the usual case, in C-speed passes over the groups
        return
    powers: dict[str, Decimal] = {}  # estates repeat growths: one power per growth as written
    with localcontext() as ctx:
        ctx.prec = 60
        for i, g in enumerate(groups):
            if g.calls_growth_pct <= 0 or not g.calls_per_month:
                continue
            written = str(g.calls_growth_pct)
            power = powers.get(written)
            if power is None:
                power = powers[written] = (1 + g.calls_growth_pct / 100) ** (months - 1)
            if g.calls_per_month * power <= MAX_CALLS:
                continue
            factor = 1 + g.calls_growth_pct / 100
            calls, m = g.calls_per_month, 0
            while calls <= MAX_CALLS:
                calls *= factor
                m += 1
            label = month_labels(start, m + 1)[m]
            problem = (f"{decimal_text(g.calls_growth_pct)} % a month takes calls past {MAX_CALLS:,.0f} a month by "
                       f"{label} (month {m + 1}), more than this planner supports: lower the growth or the horizon")
            raise PlanError(f"key_groups[{i}].calls_growth_pct", problem,
                            sentence(group_context(i, {"name": g.name}), f"a growth of {problem}"))


def plan_from_dict(raw: Any) -> Plan:
    """A validated Plan from a parsed plan document (numbers as int or Decimal)."""
    return _plan(raw, owned=False)


def _plan(raw: Any, owned: bool) -> Plan:
    """plan_from_dict; `owned`: the document was parsed for this reading alone (its key groups'
    objects may become the groups' own, core.plain_groups)."""
    obj = _object(raw, "", _TOP_FIELDS | EXTENSION_FIELDS, (), "", "a plan file")
    if obj.get("format") != FORMAT:
        problem = f'must be "{FORMAT}", not {describe_value(obj.get("format"))} (is this a plan file?)'
        raise PlanError("format", problem, f'This is not a KMS Cost Planner plan: its "format" must be "{FORMAT}", '
                                           f'not {describe_value(obj.get("format"))}')
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        problem = (f"this file was written by a newer KMS Cost Planner (format version {version}); "
                   f"this version reads version {VERSION}. Update the app to open it.")
        raise PlanError("version", problem, problem[:1].upper() + problem[1:])
    if version != VERSION:
        problem = f"must be {VERSION}, not {describe_value(version)}"
        raise PlanError("version", problem, f"The format version {problem}")
    _object(obj, "", _TOP_FIELDS | EXTENSION_FIELDS, _TOP_REQUIRED, "", "a plan file")
    site = _choice(obj["site"], "site", SITES)
    catalog = load_catalog(site)
    start = obj["start_month"]
    try:
        year, month = parse_month(start)
        if not start.isascii():  # \d also matches digits of other scripts ("２０２７-０１")
            raise ValueError(start)
    except ValueError:
        problem = f"must be a month written YYYY-MM (like 2027-01), not {describe_value(start)}"
        raise PlanError("start_month", problem, f"The start month {problem}") from None
    months = field_value("months", obj["months"], "months")
    if year * 12 + month - 1 + months - 1 > 9999 * 12 + 11:
        problem = f"must end by 9999-12; {months} months from {start} run past it"
        raise PlanError("months", problem, f"The plan {problem}")
    peak = Decimal(field_value("peak_to_average", obj.get("peak_to_average", DEFAULT_PEAK_TO_AVERAGE),
                               "peak_to_average"))
    raw_groups = obj["key_groups"]
    if not isinstance(raw_groups, list):
        problem = f"must be a list ([...]), not {describe_value(raw_groups)}"
        raise PlanError("key_groups", problem, f"The key groups {problem}")
    if len(raw_groups) > MAX_GROUPS:
        problem = f"must hold at most {MAX_GROUPS:,} groups, not {len(raw_groups):,}"
        raise PlanError("key_groups", problem, f"The list of key groups {problem}")
    specs = frozenset(catalog.specs)
    groups = plain_groups(raw_groups, specs, MAX_NAME, owned)
    if groups is None:  # some group is not plainly valid: group by group, the first refusal names it
        groups = tuple(_quick_group(g, specs) or _checked_group(g, f"key_groups[{i}]", specs, i)
                       for i, g in enumerate(raw_groups))
    _check_projection(groups, start, months)
    secrets_obj = _object(obj.get("secrets", {"count": 0}), "secrets", {"count"}, ("count",), "Secrets",
                          "the secrets")
    secrets = field_value("secrets", secrets_obj["count"], "secrets.count")
    overrides = parse_overrides(obj.get("price_overrides", {}), catalog)
    kms1_user = obj.get("kms1_user", False)
    if not isinstance(kms1_user, bool):
        problem = f"must be true or false, not {describe_value(kms1_user)}"
        raise PlanError("kms1_user", problem, f"Whether the account used KMS 1.0 (kms1_user) {problem}")
    limit_overrides = parse_limit_overrides(obj.get("limit_overrides", {}), catalog)
    extensions = {k: v for k, v in obj.items() if k in EXTENSION_FIELDS}  # in file order: saves are stable
    if "notes" in extensions and (not isinstance(extensions["notes"], str) or len(extensions["notes"]) > MAX_NOTES):
        note = extensions["notes"]
        problem = f"must be at most {MAX_NOTES:,} characters, not {len(note):,}" if isinstance(note, str) \
            else f"must be text, not {describe_value(note)}"
        raise PlanError("notes", problem, f"The notes {problem}")
    if "scenarios" in extensions:
        # Imported here only for start-up: a headless quote of a plan without scenarios pays nothing for
        # them (core.scenario_file sits below this module; there is no cycle).
        from core.scenario_file import parse_scenarios

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
        kms1_user=kms1_user,
        limit_overrides=MappingProxyType(limit_overrides),
        extensions=MappingProxyType(extensions),
    )


def _override_entries(raw: Any, noun: str):
    """(id, value, where, context) of each entry of `price_overrides` or `limit_overrides`."""
    if not isinstance(raw, dict):
        problem = f"must be an object ({{...}}), not {describe_value(raw)}"
        raise PlanError(f"{noun}_overrides", problem, f"The {noun} overrides {problem}")
    for key, value in raw.items():
        yield key, value, f'{noun}_overrides["{key}"]', f'{noun.capitalize()} override "{key}"'


def parse_limit_overrides(raw: Any, catalog) -> dict[str, Decimal]:
    """Limits the user has had raised or was quoted (limit id -> number), as price_overrides (issue 8)."""
    out = {}
    for limit_id, value, where, context in _override_entries(raw, "limit"):
        entry = catalog.limit_entries.get(limit_id)
        if entry is None or isinstance(entry.value, list):
            problem = f"no such limit id in the {catalog.site} catalog"
            raise PlanError(where, problem, f"{context}: the {catalog.site} price list has no such limit")
        out[limit_id] = Decimal(field_value("limit", value, where, context))
    return out


def parse_overrides(raw: Any, catalog) -> dict[str, Decimal]:
    overrides = {}
    for price_id, value, where, context in _override_entries(raw, "price"):
        value = _exact_number(value)
        if price_id not in catalog.prices:
            problem = f"no such price id in the {catalog.site} catalog"
            raise PlanError(where, problem, f"{context}: the {catalog.site} price list has no such price")
        if isinstance(value, str):
            try:
                number = Decimal(value.strip())
            except ArithmeticError:
                problem = f'must be a decimal string like "0.03", not {describe_value(value)}'
                raise PlanError(where, problem, f"{context}: the price {problem}") from None
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            problem = f'must be a decimal string like "0.03", not {describe_value(value)}'
            raise PlanError(where, problem, f"{context}: the price {problem}")
        overrides[price_id] = Decimal(field_value("price", number, where, context))
    return overrides


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows; write a number")


def _check_key(pairs):
    seen = dict(pairs)  # in C; only an object with a key twice is walked to name that key
    if len(seen) == len(pairs):
        return seen
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise PlanError(key, "appears twice in the same object",
                            f'The field "{key}" appears twice in the same object: keep one')
        seen[key] = value
    return seen


# What json's messages mean, for people who never read a JSON grammar.
_JSON_WORDS = (
    ("Expecting value", "a value is missing or misspelt here (a value is a number, text in double quotes, "
                        "true, false, null, a list or an object)"),
    ("Expecting ',' delimiter", "a comma is missing between two items"),
    ("Expecting ':' delimiter", "a colon is missing after a field name"),
    ("Expecting property name enclosed in double quotes",
     "a field name in double quotes was expected (a comma too many before a closing brace?)"),
    ("Extra data", "there is more text after the end of the plan"),
    ("Unterminated string", "a text in double quotes is not closed"),
    ("Invalid control character", "a text in double quotes holds a line break or a control character"),
    ("Invalid \\escape", "a backslash in a text is not a valid escape (write \\\\ for one backslash)"),
    ("Invalid \\uXXXX escape", "a \\u escape in a text is not four hexadecimal digits"),
)


def _json_words(message: str) -> str:
    for prefix, words in _JSON_WORDS:
        if message.startswith(prefix):
            return words
    return message


def loads(text: str, share: bool = False) -> Plan:
    """A Plan from the text of a plan file, or PlanError.

    The cyclic garbage collector is paused meanwhile: reading makes tens of thousands of objects
    and no cycles, and the collections their making sets off were a tenth of a 10,000-group read.
    `share`: read on a worker thread while another thread must keep running (the app's window):
    the parse calls back into Python at each JSON object, where the interpreter can hand the GIL
    over (within its switch interval), instead of holding it for the whole parse (~12 ms for
    10,000 groups). The plan and every refusal are the same either way.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _plan(_parse(text, share), owned=True)
    finally:
        if was_enabled:
            gc.enable()


def _switch_point(obj: dict) -> dict:
    """The object as parsed: being a Python call is its whole point (see loads' `share`)."""
    return obj


class _Decimals(dict):
    """The Decimal of each number text with a point or an exponent, made once per spelling.

    A plan repeats its growths (and prices) group after group: one object per spelling is made
    faster than a Decimal per number, and its hash, worked out once, serves every group that adds
    it up (core.group_sums). The same digits and exponent as Decimal(text) each time: that is what
    it holds."""

    __slots__ = ()

    def __missing__(self, text: str) -> Decimal:
        value = self[text] = Decimal(text)
        return value


def _parse(text: str, share: bool = False) -> Any:
    """The JSON document, parsed plainly when that provably lost no repeated key (core.repeated_keys),
    else with the hook that names the repeated key (every refusal of a text that is not JSON, or
    that repeats a key, comes from that parse, as it always did)."""
    try:
        raw = json.loads(text, parse_float=_Decimals().__getitem__, parse_constant=_reject_constant,
                         object_hook=_switch_point if share else None)
        if no_repeated_keys(text, raw):
            return raw
    except (ValueError, RecursionError):
        pass
    try:
        return json.loads(text, parse_float=_Decimals().__getitem__, parse_constant=_reject_constant,
                          object_pairs_hook=_check_key)
    except PlanError:
        raise
    except RecursionError:
        raise PlanError("", "The file is not valid JSON: it is nested too deeply to be a plan") from None
    except ValueError as exc:
        if hasattr(exc, "lineno"):
            raise PlanError("", f"The file is not valid JSON: line {exc.lineno}, column {exc.colno}: "
                                f"{_json_words(exc.msg)}") from None
        raise PlanError("", f"The file is not valid JSON: {exc}") from None


_BOM = b"\xef\xbb\xbf"


def load(path: str | os.PathLike, share: bool = False) -> Plan:
    """A Plan from a file; every failure (missing, unreadable, too big, not UTF-8) is a PlanError.
    `share`: see loads."""
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
        # "utf-8-sig" without its codec (a module to import, and a slower decode): one leading BOM dropped.
        text = str(memoryview(data)[3:] if data.startswith(_BOM) else data, "utf-8")
    except UnicodeDecodeError:
        raise PlanError("", f"{p.name} is not a text (UTF-8) file; is it a plan?") from None
    return loads(text, share)


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
        "price_overrides": {k: decimal_text(v) for k, v in plan.price_overrides.items()},
    }
    # Written only when set, so a plan that does not use them saves exactly as before (issue 8).
    if plan.kms1_user:
        doc["kms1_user"] = True
    if plan.limit_overrides:
        doc["limit_overrides"] = {k: _num(v) for k, v in plan.limit_overrides.items()}
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
        return decimal_text(value)
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
