"""The summary of a comparison as rows a table shows: total, average per month, the difference to
the cheapest, availability and notes. Computed here so the desktop only formats (house rule)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.compare import Comparison


@dataclass(frozen=True)
class SummaryRow:
    id: str
    label: str
    available: bool
    total: Decimal
    average: Decimal  # total / months, exact to Decimal's precision
    difference: Decimal | None  # to the cheapest option's total; None when nothing is priced
    cheapest: bool
    notes: tuple[str, ...]


def summary_rows(comparison: Comparison) -> tuple[SummaryRow, ...]:
    """One row per option in display order."""
    months = len(comparison.months) or 1
    cheapest = comparison.cheapest
    rows = []
    for o in comparison.options:
        total = o.total
        rows.append(SummaryRow(
            id=o.id,
            label=o.label,
            available=o.available,
            total=total,
            average=total / months,
            difference=comparison.difference_to_cheapest(o.id) if o.available else None,
            cheapest=o.id == cheapest,
            notes=o.notes,
        ))
    return tuple(rows)


def cheapest_total(comparison: Comparison) -> Decimal | None:
    """What the plan costs over its horizon with the cheapest option (None if nothing is priced)."""
    cheapest = comparison.cheapest
    return comparison.option(cheapest).total if cheapest else None
