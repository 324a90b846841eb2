"""Check the model against the bill: for each billing month, what was billed, what the plan's
model gives for that month (same site, same prices), and the difference, item by item.

Which option's lines are compared follows what the bill shows: instance items -> the KMS 3.0
instance option (hardware when the bill's instance item says so, per day -> pay-as-you-go),
otherwise KMS 1.0 pay-as-you-go. The bill's call usage is offered as calls per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Mapping

from core.compare import Comparison, compare
from core.fields import decimal_text
from core.importers.bill import CATEGORY_LABELS, Bill, calls_in, categorise
from core.plan import Plan

ZERO = Decimal(0)
# option line -> bill category
LINE_CATEGORY = {
    "key hosting": "hosting", "key versions": "hosting", "API calls": "calls", "secrets": "secrets",
    "instance fee": "instance", "key quota add-on": "instance", "QPS add-on": "instance", "QPS": "instance",
    "secret quota add-on": "instance", "Cloud HSM cluster": "instance", "subscription": "instance",
}


@dataclass(frozen=True)
class ItemRow:
    item: str  # the category's label, or the bill's own name for an unmapped item
    category: str
    bill_items: tuple[str, ...]
    billed: Decimal
    modelled: Decimal | None  # None: the model has no such line (an unmapped item)
    usage: Decimal | None
    unit: str

    @property
    def difference(self) -> Decimal | None:
        return None if self.modelled is None else self.billed - self.modelled


@dataclass(frozen=True)
class MonthRow:
    month: str
    billed: Decimal
    modelled: Decimal
    items: tuple[ItemRow, ...]
    calls: Decimal | None  # calls the bill shows this month
    in_horizon: bool

    @property
    def difference(self) -> Decimal:
        return self.billed - self.modelled


@dataclass(frozen=True)
class Reconciliation:
    currency: str
    option_id: str
    option_label: str
    months: tuple[MonthRow, ...]
    notes: tuple[str, ...]
    unmapped: tuple[str, ...]  # bill items the app did not recognise (map them)
    suggested_calls_per_month: Decimal | None

    @property
    def billed(self) -> Decimal:
        return sum((m.billed for m in self.months), ZERO)

    @property
    def modelled(self) -> Decimal:
        return sum((m.modelled for m in self.months), ZERO)


def _option_for(bill: Bill, categories: Mapping[str, str]) -> str:
    instance_items = [i for i, c in categories.items() if c == "instance"]
    if not instance_items:
        return "payg-legacy"
    words = " ".join(instance_items).lower()
    units = " ".join(r.unit.lower() for r in bill.rows if r.item in instance_items)
    hardware = "hardware" in words or "hsm" in words or "硬件" in words
    per_day = "day" in units or "天" in units or "日" in units or "pay-as-you-go" in words or "按量" in words
    kind = "hardware" if hardware else "software"
    return f"payg-instance-{kind}" if per_day else f"instance-{kind}"


def _month_model(plan: Plan, comparison: Comparison, month: str, option_id: str):
    """(lines by category, total, in horizon) for one calendar month of the plan's model."""
    if month in comparison.months:
        m = comparison.months.index(month)
        option = comparison.option(option_id)
        inside = True
    else:
        one = compare(plan.with_(start_month=month, months=1))
        option, m, inside = one.option(option_id), 0, False
    by_cat: dict[str, Decimal] = {}
    for line in option.lines:
        cat = LINE_CATEGORY.get(line.item, "instance")
        by_cat[cat] = by_cat.get(cat, ZERO) + line.monthly[m]
    return by_cat, option.monthly[m], inside


def reconcile(plan: Plan, bill: Bill, mapping: Mapping[str, str] | None = None) -> Reconciliation:
    categories = categorise(bill, mapping)
    option_id = _option_for(bill, categories)
    comparison = compare(plan)
    option = comparison.option(option_id)
    notes: list[str] = []
    if bill.currency and bill.currency != comparison.currency:
        notes.append(f"The bill is in {bill.currency} but the plan's prices ({plan.site} site) are in "
                     f"{comparison.currency}: set the plan's site to the one the bill comes from.")
    months = []
    outside = []
    for month in bill.months:
        rows = [r for r in bill.rows if r.month == month]
        by_cat, total, inside = _month_model(plan, comparison, month, option_id)
        if not inside:
            outside.append(month)
        items = []
        for cat in ("hosting", "calls", "instance", "secrets"):
            cat_rows = [r for r in rows if categories[r.item] == cat]
            if not cat_rows and not by_cat.get(cat):
                continue
            units = {r.unit for r in cat_rows}
            usage = sum((r.usage for r in cat_rows if r.usage is not None), ZERO) if len(units) == 1 and \
                any(r.usage is not None for r in cat_rows) else None
            items.append(ItemRow(CATEGORY_LABELS[cat], cat, tuple(sorted({r.item for r in cat_rows})),
                                 sum((r.amount for r in cat_rows), ZERO), by_cat.get(cat, ZERO),
                                 usage, units.pop() if len(units) == 1 else ""))
        for item in sorted({r.item for r in rows if categories[r.item] == "unmapped"}):
            item_rows = [r for r in rows if r.item == item]
            units = {r.unit for r in item_rows}
            usage = sum((r.usage for r in item_rows if r.usage is not None), ZERO) \
                if any(r.usage is not None for r in item_rows) and len(units) == 1 else None
            items.append(ItemRow(item, "unmapped", (item,), sum((r.amount for r in item_rows), ZERO), None,
                                 usage, units.pop() if len(units) == 1 else ""))
        call_rows = [calls_in(r) for r in rows if categories[r.item] == "calls"]
        calls = sum((c for c in call_rows if c is not None), ZERO) if any(c is not None for c in call_rows) else None
        months.append(MonthRow(month, bill.billed(month), total, tuple(items), calls, inside))
    if outside:
        notes.append(f"{', '.join(outside)} {'is' if len(outside) == 1 else 'are'} outside the plan's horizon "
                     f"({comparison.months[0]} to {comparison.months[-1]}): modelled with the plan's "
                     f"first-month inventory and calls.")
    if not option.available:
        notes.append(f"{option.label} is not fully priced for this plan: {option.notes[0] if option.notes else ''}")
    unmapped = tuple(sorted(i for i, c in categories.items() if c == "unmapped"))
    if unmapped:
        notes.append(f"Not recognised, so not compared item by item: {', '.join(unmapped)}. Map each to key "
                     f"hosting, API calls, instance or secrets.")
    with_calls = [m.calls for m in months if m.calls is not None]
    suggested = None
    if with_calls:
        suggested = (sum(with_calls, ZERO) / len(with_calls)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
        notes.append(f"The bill shows {suggested:,} calls a month on average "
                     f"({len(with_calls)} month{'s' * (len(with_calls) != 1)}): accept it to use it as the plan's "
                     f"calls per month.")
    return Reconciliation(bill.currency or comparison.currency, option_id, option.label, tuple(months),
                          tuple(notes), unmapped, suggested)


def apply_calls(plan: Plan, calls: Decimal) -> Plan:
    """The plan with `calls` a month spread over its billed user groups in proportion to their keys
    (whole calls; the remainder goes to the largest group). Service keys' calls stay as they are."""
    targets = [i for i, g in enumerate(plan.key_groups) if g.billed and g.creator == "user"]
    if not targets:
        targets = [i for i, g in enumerate(plan.key_groups) if g.billed]
    if not targets:
        return plan
    keys = sum(plan.key_groups[i].count for i in targets)
    groups = list(plan.key_groups)
    given = ZERO
    shares = {}
    for i in targets:
        share = (calls * plan.key_groups[i].count / keys).to_integral_value(rounding="ROUND_FLOOR")
        shares[i] = share
        given += share
    largest = max(targets, key=lambda i: plan.key_groups[i].count)
    shares[largest] += calls - given
    for i, share in shares.items():
        groups[i] = groups[i].with_(calls_per_month=share)
    return plan.with_(key_groups=groups)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def as_json(rec: Reconciliation) -> dict:
    """The CLI's JSON: exact decimal strings, months in order."""
    return {
        "currency": rec.currency,
        "option": rec.option_id,
        "months": [
            {
                "month": m.month, "billed": decimal_text(m.billed), "modelled": decimal_text(m.modelled),
                "difference": decimal_text(m.difference),
                "items": [
                    {"item": i.item, "category": i.category, "bill_items": list(i.bill_items),
                     "billed": decimal_text(i.billed), "modelled": _text(i.modelled),
                     "difference": _text(i.difference), "usage": _text(i.usage), "unit": i.unit}
                    for i in m.items
                ],
                "calls": _text(m.calls),
            }
            for m in rec.months
        ],
        "suggested_calls_per_month": _text(rec.suggested_calls_per_month),
        "unmapped_items": list(rec.unmapped),
        "notes": list(rec.notes),
    }


def as_table(rec: Reconciliation) -> str:
    from core.money import fmt_money

    lines = [f"Billed vs modelled ({rec.option_label}), {rec.currency}"]
    head = f"{'Month':<16} {'Billed':>14} {'Modelled':>14} {'Difference':>14}"
    lines += [head, "-" * len(head)]
    for m in rec.months:
        lines.append(f"{m.month:<16} {fmt_money(m.billed):>14} {fmt_money(m.modelled):>14} {fmt_money(m.difference):>14}")
        for i in m.items:
            modelled = fmt_money(i.modelled) if i.modelled is not None else "n/a"
            diff = fmt_money(i.difference) if i.difference is not None else "n/a"
            lines.append(f"  {i.item[:14]:<14} {fmt_money(i.billed):>14} {modelled:>14} {diff:>14}")
    lines.append("-" * len(head))
    lines.append(f"{'Total':<16} {fmt_money(rec.billed):>14} {fmt_money(rec.modelled):>14} "
                 f"{fmt_money(rec.billed - rec.modelled):>14}")
    lines.extend(rec.notes)
    return "\n".join(lines) + "\n"
