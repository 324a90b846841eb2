"""The headless quote: the contract's JSON object (plan-format-v1) and a readable terminal table."""

from __future__ import annotations

import json
from decimal import Decimal

from core.compare import Comparison
from core.money import fmt_exact, fmt_money
from core.words import plural


def quote_dict(c: Comparison) -> dict:
    """The quote object of plan-format-v1; amounts are exact decimal strings.

    Extensions (docs/plan-format.md): `cheapest_by_month`, `break_even`, `reasons`, and per option
    `details` (instances per month and the like).
    """
    return {
        "plan": c.plan.name,
        "currency": c.currency,
        "months": list(c.months),
        "options": [
            {
                "id": o.id,
                "label": o.label,
                "available": o.available,
                "monthly": [fmt_exact(v) for v in o.monthly],
                "total": fmt_exact(o.total),
                "lines": [{"item": line.item, "monthly": [fmt_exact(v) for v in line.monthly]} for line in o.lines],
                "notes": list(o.notes),
                "details": {name: list(values) for name, values in o.details},
            }
            for o in c.options
        ],
        "cheapest": c.cheapest,
        "cheapest_by_month": list(c.cheapest_by_month()),
        "break_even": [
            {"cheaper": e.cheaper, "dearer": e.dearer, "month": e.label, "reason": e.reason}
            for e in c.break_evens()
        ],
        "reasons": list(c.reasons()),
    }


def quote_json(c: Comparison) -> str:
    return json.dumps(quote_dict(c), indent=2, ensure_ascii=False) + "\n"


def quote_table(c: Comparison) -> str:
    """Totals per option, with the cheapest marked, then the reasons: for a terminal."""
    cheapest = c.cheapest
    rows = []
    for o in c.options:
        diff = c.difference_to_cheapest(o.id) if o.available else None
        rows.append((
            ("* " if o.id == cheapest else "  ") + o.label,
            fmt_money(o.total) if o.available else "n/a",
            fmt_money(o.total / len(c.months)) if o.available else "n/a",
            ("cheapest" if o.id == cheapest else f"+{fmt_money(diff)}") if diff is not None else "not available",
        ))
    head = ("Option", f"Total ({c.currency})", "Per month", "vs cheapest")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]

    def fmt(row) -> str:
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))
        ).rstrip()

    span = c.months[0] if len(c.months) == 1 else f"{c.months[0]} to {c.months[-1]}"
    title = f"{c.plan.name or 'Plan'}: {span} ({plural(len(c.months), 'month')}), {c.catalog.title}"
    lines = [title, "", fmt(head), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in rows]
    lines.append("")
    lines += [f"- {r}" for r in c.reasons()]
    return "\n".join(lines) + "\n"


def total_of(c: Comparison, option_id: str) -> Decimal:
    return c.option(option_id).total
