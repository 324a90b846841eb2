"""Whether an option can be recommended: its status, month by month, and how its figures read.

An option is ranked only when it is `ok`: fully priced, within every published limit and still
on sale. Anything else keeps its figures (never hidden) but says what kind of figure it is, so
no view prints a lower bound or a reference price as if it were a plain total.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import compress
from typing import Iterable, Sequence

from core.frozen import frozen
from core.money import fmt_money

# In order of severity: the option's status is the worst of its months.
STATUSES = ("ok", "incomplete", "unverified", "over-limit", "unavailable")
_RANK = {s: i for i, s in enumerate(STATUSES)}

_LABELS = {
    "ok": "fully priced",
    "incomplete": "lower bound",
    "unverified": "capacity not published",
    "over-limit": "over a limit",
    "unavailable": "cannot serve",
}

FIGURE_KINDS = ("total", "lower-bound", "reference", "none")


def worst(statuses: Iterable[str]) -> str:
    """The most severe status among `statuses` ("ok" when there are none)."""
    return max(statuses, key=_RANK.__getitem__, default="ok")


def severity(status: str) -> int:
    return _RANK[status]


def status_label(status: str) -> str:
    """The short human label of a status, for legends and table cells."""
    return _LABELS[status]


@frozen
class Finding:
    """One reason an option is not `ok` in some months.

    `months` holds one flag per month of the plan; `short` is the few words a headline shows
    ("ended 2025-09-30"); `enter` names the price or limit id whose entry would lift it.
    """

    status: str
    reason: str
    short: str
    months: tuple[bool, ...]
    enter: str | None = None

    @property
    def first(self) -> int | None:
        return next((m for m, on in enumerate(self.months) if on), None)


def monthly_statuses(findings: Sequence[Finding], n: int) -> tuple[str, ...]:
    """The worst status of each month's findings ("ok" in a month without any)."""
    ranks = [0] * n
    for f in findings:
        rank = _RANK[f.status]
        for m in compress(range(n), f.months):
            if rank > ranks[m]:
                ranks[m] = rank
    return tuple(map(STATUSES.__getitem__, ranks))


def figure_kind_of(status: str, has_figure: bool) -> str:
    if status == "ok":
        return "total"
    if not has_figure:
        return "none"
    return "lower-bound" if status == "incomplete" else "reference"


def figure_text(option, amount: Decimal, currency: str = "") -> str:
    """One of `option`'s amounts as every view prints it: never a plain total for an option
    that is not ok, never "0.00" for one that has no meaningful figure."""
    kind = option.figure_kind
    if kind == "none":
        return "n/a"
    text = fmt_money(amount) + (f" {currency}" if currency else "")
    if kind == "lower-bound":
        return "≥ " + text
    if kind == "reference":
        # A reference figure that also lacks a price (Dedicated KMS without its HSM cluster) is
        # both: say so, or the missing cost reads as included.
        incomplete = any(f.status == "incomplete" for f in getattr(option, "findings", ()))
        return ("≥ " if incomplete else "") + text + " (reference)"
    return text
