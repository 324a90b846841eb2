"""Key groups from rows of text: what a spreadsheet copy, a paste or a CSV file holds.

Rows are tab-, semicolon- or comma-separated, with an optional header row naming the inventory's
columns (as the table titles them, or as the plan file names them). Without a header the cells are
read in the inventory's column order, which is what copying rows from the inventory writes. Each
cell is read by the same rules as a typed cell (core.numbers, core.fields, the plan file's
choices); a row with any refused cell is left out and named ("Row 3, Calls / month: ...").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from core.catalog import load_catalog
from core.fields import FieldError, check
from core.numbers import NumberTextError, parse_number
from core.plan import KeyGroup
from core.planfile import PlanError, parse_group

# The inventory's columns: (plan-file name, title as the table shows it). "billing_class" is derived
# (shown, copied, ignored when read back).
COLUMNS = (("name", "Name"), ("creator", "Creator"), ("protection", "Protection"), ("spec", "Key spec"),
           ("count", "Keys"), ("versions", "Versions"), ("rotation_days", "Rotation"), ("state", "State"),
           ("calls_per_month", "Calls / month"), ("calls_growth_pct", "Growth"), ("billing_class", "Billed as"))
TITLES = dict(COLUMNS)
DERIVED = {"billing_class"}
_ALIASES = {
    "name": ("name", "keygroup", "group", "groupname"),
    "creator": ("creator", "createdby", "managedby"),
    "protection": ("protection", "protectionlevel"),
    "spec": ("keyspec", "spec"),
    "count": ("keys", "count", "keycount", "numberofkeys"),
    "versions": ("versions", "keyversions", "versionsperkey"),
    "rotation_days": ("rotation", "rotationdays", "rotationperiod", "rotationinterval"),
    "state": ("state", "keystate", "status"),
    "calls_per_month": ("callsmonth", "callspermonth", "calls", "monthlycalls"),
    "calls_growth_pct": ("growth", "callsgrowthpct", "growthpct", "growthmonth", "growthpermonth", "callsgrowth"),
    "billing_class": ("billedas", "billingclass"),
}
_HEADER = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_CREATORS = {"user": "user", "usermanaged": "user", "customer": "user", "customermanaged": "user",
             "service": "service", "servicemanaged": "service", "default": "service"}
_PROTECTIONS = {"software": "SOFTWARE", "hsm": "HSM", "hardware": "HSM"}
_STATES = {"enabled": "Enabled", "disabled": "Disabled", "pendingdeletion": "PendingDeletion"}
_LABELS = {"SOFTWARE": "Software", "PendingDeletion": "Pending deletion", "user": "User", "service": "Service"}
_NO_ROTATION = {"", "none", "no", "off", "never", "-", "—", "0", "null"}


@dataclass(frozen=True)
class GroupRows:
    """The groups read, in row order, and one sentence per refused cell or ignored column."""

    groups: tuple[KeyGroup, ...]
    refusals: tuple[str, ...]
    header: bool = False  # the first row named the columns


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _split(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    first = lines[0]
    delimiter = "\t" if "\t" in text else (";" if first.count(";") > first.count(",") else ",")
    try:
        reader = csv.reader(io.StringIO(text.strip("\n"), newline=""), delimiter=delimiter)
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:  # an unbalanced quote: read the lines as they are, cell by cell
        return [line.split(delimiter) for line in lines]


def _header_keys(row: list[str]) -> list[str | None] | None:
    """The column each cell names, if this row is a header (two or more known column names)."""
    keys = [_HEADER.get(_key(cell)) for cell in row]
    return keys if sum(k is not None for k in keys) >= 2 else None


def parse_group_rows(text: str, *, site: str = "international") -> GroupRows:
    """The key groups `text` holds, read against the `site` catalog's key specs."""
    rows = _split(text)
    refusals: list[str] = []
    if not rows:
        return GroupRows((), ())
    keys = _header_keys(rows[0])
    header = keys is not None
    if header:
        for cell, key in zip(rows[0], keys):
            if key is None and cell.strip():
                refusals.append(f'Column "{cell.strip()}" is not an inventory column: ignored.')
    else:
        keys = [key for key, _title in COLUMNS]
    specs = load_catalog(site).specs
    groups = []
    for number, row in enumerate(rows[1:] if header else rows, start=2 if header else 1):
        cells = {key: cell.strip() for key, cell in zip(keys, row) if key is not None and key not in DERIVED}
        group, problems = _group(cells, specs)
        refusals.extend(f"Row {number}, {TITLES[key]}: {problem}" for key, problem in problems)
        if group is not None:
            groups.append(group)
    return GroupRows(tuple(groups), tuple(refusals), header)


def _group(cells: dict[str, str], specs) -> tuple[KeyGroup | None, list[tuple[str, str]]]:
    values: dict = {}
    problems: list[tuple[str, str]] = []
    for key, reader in _READERS.items():
        text = cells.get(key, "")
        if text == "" and key != "count" and key != "rotation_days":
            continue  # an empty or missing cell takes the new group's default
        if text == "" and key == "count" and "count" not in cells:
            continue
        try:
            values[key] = reader(text, specs) if key == "spec" else reader(text)
        except (NumberTextError, FieldError, ValueError) as exc:
            problems.append((key, _sentence(str(exc))))
    if problems:
        return None, problems
    base = KeyGroup()
    raw = {"name": base.name, "creator": base.creator, "protection": base.protection, "spec": base.spec,
           "count": base.count, "versions": base.versions, "state": base.state,
           "calls_per_month": base.calls_per_month, "calls_growth_pct": base.calls_growth_pct}
    raw.update(values)
    try:
        return parse_group(raw, "group", set(specs)), []
    except PlanError as exc:
        field = exc.field.split(".", 1)[-1]
        return None, [(field if field in TITLES else "name", _sentence(exc.problem))]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _name(text: str) -> str:
    return text


def _choice(table: dict[str, str], what: str):
    def read(text: str) -> str:
        value = table.get(_key(text))
        if value is None:
            allowed = ", ".join(sorted({_LABELS.get(v, v) for v in table.values()}))
            raise ValueError(f'"{text}" is not a {what}: use one of {allowed}')
        return value
    return read


def _spec(text: str, specs) -> str:
    bare = text.split(" (")[0].strip()  # the editor's label "Aliyun_AES_256 (symmetric)"
    for spec in specs:
        if spec.casefold() == bare.casefold():
            return spec
    raise ValueError(f'"{text}" is not a key spec of this price list')


def _whole(name: str):
    def read(text: str) -> int:
        if text == "":
            raise ValueError("the key count is empty: enter a whole number of keys")
        return check(name, parse_number(text))
    return read


def _rotation(text: str) -> int | None:
    bare = re.sub(r"\s*(days?|d)\s*$", "", text.strip(), flags=re.IGNORECASE)
    if bare.casefold() in _NO_ROTATION:
        return None
    return check("rotation_days", parse_number(bare))


def _calls(text: str) -> Decimal:
    bare = re.sub(r"\s*(/\s*mo(nth)?|per\s+month|a\s+month)\s*$", "", text, flags=re.IGNORECASE)
    return check("calls_per_month", parse_number(bare))


def _growth(text: str) -> Decimal:
    bare = re.sub(r"\s*(/\s*mo(nth)?|per\s+month|a\s+month)\s*$", "", text, flags=re.IGNORECASE)
    return check("calls_growth_pct", parse_number(bare, percent=True))


def read_cell(key: str, text, *, site: str = "international"):
    """One cell of column `key` (a plan-file name) as the group holds it, or ValueError in words.

    The inventory's typed cells and its pasted rows both read through here."""
    text = "" if text is None else str(text).strip()
    if key == "spec":
        return _spec(text, load_catalog(site).specs)
    if key == "name":
        return text
    if text == "" and key in ("creator", "protection", "state", "versions", "calls_per_month", "calls_growth_pct"):
        raise ValueError("empty: enter a value")
    return _READERS[key](text)


_READERS = {
    "name": _name,
    "creator": _choice(_CREATORS, "creator"),
    "protection": _choice(_PROTECTIONS, "protection"),
    "spec": _spec,
    "count": _whole("count"),
    "versions": _whole("versions"),
    "rotation_days": _rotation,
    "state": _choice(_STATES, "state"),
    "calls_per_month": _calls,
    "calls_growth_pct": _growth,
}
