"""The summary of a comparison as rows a table shows: total, average per month, the difference to
the cheapest, the status and notes. Computed here so the desktop only formats (house rule).
`available` is `status == "ok"`; a row that is not ok has no difference and prints its figures
with core.status.figure_text (a lower bound or a reference, never a plain total)."""

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
    status: str = "ok"  # core.status.STATUSES; only "ok" rows are ranked
    figure_kind: str = "total"  # how to print total/average: core.status.figure_text
    status_reasons: tuple[str, ...] = ()
    first_problem_month: str | None = None
    tie: bool = False  # shares the cheapest total with another ok option: print "tie", never "+0.00"


def summary_rows(comparison: Comparison) -> tuple[SummaryRow, ...]:
    """One row per option in display order."""
    months = len(comparison.months) or 1
    cheapest = comparison.cheapest
    tied = comparison.tied_with_cheapest()
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
            status=o.status,
            figure_kind=o.figure_kind,
            status_reasons=o.status_reasons,
            first_problem_month=o.first_problem_month,
            tie=len(tied) > 1 and o.id in tied,
        ))
    return tuple(rows)


def cheapest_total(comparison: Comparison) -> Decimal | None:
    """What the plan costs over its horizon with the cheapest option (None if nothing is priced)."""
    cheapest = comparison.cheapest
    return comparison.option(cheapest).total if cheapest else None
