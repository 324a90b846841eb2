"""The key inventory as a table: one row per key group, columns declared for the generic model.

Typed values are checked by core's own plan-file rules (core.planfile.parse_group), so the table
refuses exactly what a plan file would refuse, with the same message.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal

from core.catalog import load_catalog
from core.group_sums import api_class, hosting_class
from core.fields import check, decimal_text
from core.group_rows import read_cell
from core.plan import CREATORS, PROTECTIONS, STATES, KeyGroup, Plan
from core.planfile import PlanError, parse_group, plan_to_dict
from core.refusals import clause
from desktop.models.table_model import Column, Editor, InvalidRole, TableModel

RIGHT = Qt.AlignRight | Qt.AlignVCenter
CREATOR_LABELS = {"user": "User", "service": "Service"}
PROTECTION_LABELS = {"SOFTWARE": "Software", "HSM": "HSM"}
CREATOR_TIPS = {"user": "User-managed keys: you create them; hosted and called at KMS prices",
                "service": "Service-managed (default) keys a cloud service creates: free hosting, own call price"}
STATE_LABELS = {"Enabled": "Enabled", "Disabled": "Disabled", "PendingDeletion": "Pending deletion"}
HOSTING_LABELS = {"service": "service-managed", "software": "software",
                  "hsm-basic": "hardware", "hsm-advanced": "hardware"}

# What Delete puts in a cell (choices have no empty value and are not cleared).
CLEARED = {"name": "", "count": 0, "versions": 1, "rotation_days": None, "calls_per_month": Decimal(0),
           "calls_growth_pct": Decimal(0)}

# The file's field names as the table's columns call them, for messages.
FIELD_WORDS = {"name": "Name", "creator": "Creator", "protection": "Protection", "spec": "Key spec",
               "count": "Keys", "versions": "Versions", "rotation_days": "Rotation (days)", "state": "State",
               "calls_per_month": "Calls per month", "calls_growth_pct": "Growth (% per month)"}


def check_group(group: KeyGroup, site: str) -> None:
    """ValueError naming the problem if a plan file could not hold this group."""
    raw = plan_to_dict(Plan(site=site, key_groups=(group,)))["key_groups"][0]
    try:
        parse_group(raw, "group", set(load_catalog(site).specs))
    except PlanError as exc:
        field = exc.field.split(".", 1)[-1]
        raise ValueError(f"{FIELD_WORDS.get(field, field)} {exc.problem}") from None


def billing_class(group: KeyGroup, site: str) -> str:
    """How KMS 1.0 bills this group, in words: 'software, basic', 'hardware, advanced', 'service-managed',
    'not billed'."""
    if not group.billed:
        return "not billed"  # pending deletion, or no keys
    catalog = load_catalog(site)
    hosting = hosting_class(group, catalog)
    if hosting == "service":
        return HOSTING_LABELS[hosting]
    return f"{HOSTING_LABELS[hosting]}, {api_class(group, catalog)}"


def _number(key: str):
    """The reader of a numeric column: core.group_rows.read_cell, the same rules as a pasted cell
    (core.numbers reads 3,000,000 / 6e7 / 60M / 7.5 %, core.fields checks the bounds)."""
    def read(value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return check(key, value)
        return read_cell(key, value)
    return read


def _rotation(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return check("rotation_days", value)
    return read_cell("rotation_days", value)


def _grouped(value: Decimal) -> str:
    """Exact digits, grouped: 3,000,000 and 0.0025 (never rounded, never an exponent)."""
    text = decimal_text(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")


def _choice(value, labels: dict[str, str]) -> str:
    text = str(value)
    for key, label in labels.items():
        if text in (key, label):
            return key
    allowed = ", ".join(labels.values())
    raise ValueError(f"must be one of {allowed}, got {text!r}")


class InventoryModel(TableModel):
    """Key groups of the document's plan; edits become undoable "Change <column>" steps.

    A refused value stays in its cell (red, with the reason) and `refused` says it in words for the
    status bar; the plan keeps its value."""

    refused = Signal(str)

    def __init__(self, document, parent=None):
        self._document = document
        super().__init__(document, self._columns(), lambda plan: plan.key_groups, self._commit_group,
                         context_of=lambda plan: plan.site, muted=lambda g: not g.billed, parent=parent)

    @property
    def site(self) -> str:
        return self._document.plan.site

    def _field(self, name: str, convert):
        def edit(group: KeyGroup, value) -> KeyGroup:
            new = group.with_(**{name: convert(value)})
            check_group(new, self.site)
            return new
        return edit

    def _columns(self) -> list[Column]:
        def spec_choices() -> tuple:
            specs = load_catalog(self.site).specs
            return tuple((s, f"{s} ({kind})") for s, kind in specs.items())

        def spec_of(value) -> str:
            text = str(value).split(" (")[0]
            if text not in load_catalog(self.site).specs:
                raise ValueError(f"must be a key spec of the catalog, got {str(value)!r}")
            return text

        return [
            Column("name", "Name", lambda g: g.name, edit=self._field("name", str), editor=Editor("text"), width=18),
            Column("creator", "Creator", lambda g: CREATOR_LABELS[g.creator], value=lambda g: g.creator,
                   edit=self._field("creator", lambda v: _choice(v, CREATOR_LABELS)),
                   editor=Editor("choice", tuple((c, CREATOR_LABELS[c]) for c in CREATORS)),
                   tip=lambda g: CREATOR_TIPS[g.creator]),
            Column("protection", "Protection", lambda g: PROTECTION_LABELS[g.protection], value=lambda g: g.protection,
                   edit=self._field("protection", lambda v: _choice(v, PROTECTION_LABELS)),
                   editor=Editor("choice", tuple((p, PROTECTION_LABELS[p]) for p in PROTECTIONS)),
                   tip=lambda g: "Protected by a hardware security module" if g.protection == "HSM"
                   else "Protected in software"),
            Column("spec", "Key spec", lambda g: g.spec, noun="spec", edit=self._field("spec", spec_of),
                   editor=Editor("choice", spec_choices), tip=lambda g: f"{g.spec}: {load_catalog(self.site).specs.get(g.spec, '?')} key"),
            Column("count", "Keys", lambda g: f"{g.count:,}", value=lambda g: g.count, noun="count",
                   edit=self._field("count", _number("count")), editor=Editor("number"),
                   sort=lambda g: g.count, align=RIGHT),
            Column("versions", "Versions", lambda g: f"{g.versions:,}", value=lambda g: g.versions,
                   edit=self._field("versions", _number("versions")), editor=Editor("number"),
                   sort=lambda g: g.versions, align=RIGHT,
                   tip=lambda g: "Key versions each key already has on the first day"),
            Column("rotation_days", "Rotation", lambda g: f"{g.rotation_days} days" if g.rotation_days else "none",
                   value=lambda g: g.rotation_days, edit=self._field("rotation_days", _rotation),
                   editor=Editor("number", special="none", suffix=" days"),
                   sort=lambda g: g.rotation_days or 0, align=RIGHT,
                   tip=lambda g: "Automatic rotation adds a key version every N days (7-730), or none"),
            Column("state", "State", lambda g: STATE_LABELS[g.state], value=lambda g: g.state,
                   edit=self._field("state", lambda v: _choice(v, STATE_LABELS)),
                   editor=Editor("choice", tuple((s, STATE_LABELS[s]) for s in STATES)),
                   tip=lambda g: "Keys pending deletion are neither hosted nor called" if g.state == "PendingDeletion" else None),
            Column("calls_per_month", "Calls / month", lambda g: _grouped(g.calls_per_month), noun="calls",
                   value=lambda g: g.calls_per_month, edit=self._field("calls_per_month", _number("calls_per_month")),
                   editor=Editor("number"),
                   sort=lambda g: float(g.calls_per_month), align=RIGHT, width=14),
            Column("calls_growth_pct", "Growth", lambda g: f"{_grouped(g.calls_growth_pct)} %/mo", noun="growth",
                   value=lambda g: g.calls_growth_pct, edit=self._field("calls_growth_pct", _number("calls_growth_pct")),
                   editor=Editor("number", suffix=" %"),
                   sort=lambda g: float(g.calls_growth_pct), align=RIGHT,
                   tip=lambda g: "Call volume growth per month, compounding"),
            Column("billing_class", "Billed as", lambda g: billing_class(g, self.site),
                   tip=lambda g: "KMS 1.0 billing class: hosting (software, hardware or free service-managed) "
                                 "and call price (basic or advanced key)"),
        ]

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        accepted = super().setData(index, value, role)
        if not accepted and index.isValid():
            reason = self.data(index, InvalidRole)
            if reason:
                column = self.columns[index.column()]
                shown = column.show(self.row(index.row()))
                self.refused.emit(f"Row {index.row() + 1}, {column.title}: {clause(reason)}. Not applied: "
                                  f"the plan keeps {shown}.")
        return accepted

    def _commit_group(self, row: int, group: KeyGroup, column: Column) -> None:
        plan = self._document.plan
        self._document.edit(plan.with_group(row, group), f"Change {column.noun or column.title.lower()}",
                            merge_key=f"inventory:{row}:{column.key}")


# --- row operations: pure functions from plan to plan ------------------------------------------
def unique_name(plan: Plan, base: str) -> str:
    names = {g.name for g in plan.key_groups}
    if base not in names:
        return base
    n = 2
    while f"{base}-{n}" in names:
        n += 1
    return f"{base}-{n}"


def add_group(plan: Plan, at: int | None = None) -> tuple[Plan, int]:
    """A new default group (a user software key), after row `at` or at the end; its row."""
    row = len(plan.key_groups) if at is None else at + 1
    groups = list(plan.key_groups)
    groups.insert(row, KeyGroup(name=unique_name(plan, "new-keys")))
    return plan.with_(key_groups=groups), row


def duplicate_groups(plan: Plan, rows) -> tuple[Plan, list[int]]:
    """Each chosen group copied just below itself; the copies' rows."""
    chosen = sorted(set(rows))
    names = {g.name for g in plan.key_groups}
    counters: dict[str, int] = {}
    copies = {}
    for row in chosen:
        base = plan.key_groups[row].name + "-copy"
        name, n = base, counters.get(base, 2)
        while name in names:
            name, n = f"{base}-{n}", n + 1
        counters[base] = n
        names.add(name)
        copies[row] = plan.key_groups[row].with_(name=name)
    groups, added = [], []
    for row, group in enumerate(plan.key_groups):  # one pass: copying 10,000 groups stays linear
        groups.append(group)
        if row in copies:
            groups.append(copies[row])
            added.append(len(groups) - 1)
    return plan.with_(key_groups=groups), added


def delete_groups(plan: Plan, rows) -> Plan:
    drop = set(rows)
    return plan.with_(key_groups=[g for i, g in enumerate(plan.key_groups) if i not in drop])


def insert_groups(plan: Plan, groups, at: int | None = None) -> tuple[Plan, list[int]]:
    """Groups (pasted rows) inserted after row `at` or at the end, names made unique; their rows."""
    start = len(plan.key_groups) if at is None else at + 1
    names = {g.name for g in plan.key_groups}
    counters: dict[str, int] = {}  # next suffix to try per name: 10,000 pasted "web" rows stay linear
    named = []
    for group in groups:
        base = group.name or "keys"
        name, n = base, counters.get(base, 2)
        while name in names:
            name, n = f"{base}-{n}", n + 1
        counters[base] = n
        names.add(name)
        named.append(group.with_(name=name))
    listed = list(plan.key_groups)
    listed[start:start] = named
    return plan.with_(key_groups=listed), list(range(start, start + len(named)))
