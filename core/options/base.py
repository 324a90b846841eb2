"""What every billing option returns: monthly line items, its status month by month and the reasons."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Sequence

from core.catalog import OptionStyle, PriceCatalog, option_styles
from core.frozen import frozen
from core.status import Finding, figure_kind_of, monthly_statuses, severity, worst

ZERO = Decimal(0)


@frozen
class Line:
    """One line item of an option: its amount each month and the unit prices behind it."""

    item: str
    monthly: tuple[Decimal, ...]
    price_ids: tuple[str, ...] = ()  # the unit prices behind this line (for the workbook, the UI)

    @property
    def total(self) -> Decimal:
        return sum(self.monthly, ZERO)


@frozen
class OptionCost:
    """One option priced for the plan. `available` is exactly `status == "ok"` (ranked, recommendable);
    an option built with only `available` (tests, other clouds) gets status "ok" or "unavailable"."""

    id: str
    label: str
    available: bool
    lines: tuple[Line, ...]
    notes: tuple[str, ...]
    months: int
    details: tuple[tuple[str, tuple], ...] = ()  # per-month sizing facts, e.g. ("instances", (1, 1, 2))
    status: str = ""  # the worst over the horizon, one of core.status.STATUSES
    status_reasons: tuple[str, ...] = ()  # sentences, the most severe first
    first_problem_month: str | None = None  # YYYY-MM of the first month that is not ok
    monthly_status: tuple[str, ...] = ()  # one per month
    findings: tuple[Finding, ...] = ()  # what makes the months not ok, with what to enter

    def __post_init__(self):
        status = self.status or ("ok" if self.available else "unavailable")
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "available", status == "ok")
        if not self.monthly_status:
            object.__setattr__(self, "monthly_status", (status,) * self.months)
        if status != "ok" and not self.status_reasons and self.notes:
            object.__setattr__(self, "status_reasons", self.notes[:1])

    # Cached (the value is immutable): views, the quote and the comparison read these many times.
    @cached_property
    def monthly(self) -> tuple[Decimal, ...]:
        if not self.lines:
            return (ZERO,) * self.months
        return tuple(sum(values, ZERO) for values in zip(*(line.monthly for line in self.lines)))

    @cached_property
    def total(self) -> Decimal:
        return sum(self.monthly, ZERO)

    @property
    def figure_kind(self) -> str:
        """"total" (ok), "lower-bound" (a needed price is unknown), "reference" (priced but not
        ranked) or "none" (nothing meaningful to show: every known line is zero)."""
        has_figure = any(v for line in self.lines for v in line.monthly)
        return figure_kind_of(self.status, has_figure)

    def ok_in(self, m: int) -> bool:
        return self.monthly_status[m] == "ok"

    @property
    def short_reason(self) -> str:
        """A few words for the headline: why the option is not ranked ("" when it is ok)."""
        worst_first = sorted(self.findings, key=lambda f: -severity(f.status))
        if worst_first:
            return worst_first[0].short
        return "" if self.status == "ok" else self.status.replace("-", " ")

    @property
    def to_enter(self) -> tuple[str, ...]:
        """Price or limit ids whose entry would lift this option's findings, when that can make it ok."""
        if self.status not in ("incomplete", "unverified"):
            return ()
        return tuple(dict.fromkeys(f.enter for f in self.findings if f.enter))

    def detail(self, name: str) -> tuple | None:
        return dict(self.details).get(name)


class Builder:
    """Collects lines, notes and findings; a needed price that is not known makes the months that
    need it `incomplete` (the figure is then a lower bound). (A plain class: as a dataclass it was
    compiled at every headless start for nothing it used.)"""

    def __init__(self, option_id: str, catalog: PriceCatalog, months: int, labels: tuple[str, ...] = ()):
        self.option_id = option_id
        self.catalog = catalog
        self.months = months
        self.labels = labels  # YYYY-MM of each month
        self.lines: list[Line] = []
        self.notes: list[str] = []
        self.missing: dict[str, tuple[bool, ...]] = {}
        self.findings: list[Finding] = []
        self.details: list[tuple[str, tuple]] = []

    @property
    def style(self) -> OptionStyle:
        return option_styles()[self.option_id]

    def mask(self, months: Sequence[bool] | None) -> tuple[bool, ...]:
        return tuple(bool(x) for x in months) if months is not None else (True,) * self.months

    def price(self, price_id: str, months: Sequence[bool] | None = None) -> Decimal | None:
        """A price the option needs (in `months`, default all): unknown makes those months incomplete."""
        value = self.catalog.value(price_id)
        if value is None:
            mask = self.mask(months)
            if any(mask):
                old = self.missing.get(price_id, (False,) * self.months)
                self.missing[price_id] = tuple(a or b for a, b in zip(old, mask))
        return value

    def known(self, price_id: str) -> Decimal | None:
        """A price that is used only if entered; never makes the option incomplete."""
        return self.catalog.value(price_id)

    def line(self, item: str, monthly: Sequence[Decimal], *price_ids: str) -> None:
        self.lines.append(Line(item, tuple(monthly), tuple(price_ids)))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def flag(self, status: str, reason: str, short: str, months: Sequence[bool] | None = None,
             enter: str | None = None) -> None:
        mask = self.mask(months)
        if any(mask):
            self.findings.append(Finding(status, reason, short, mask, enter))

    def block(self, reason: str, short: str = "cannot serve the plan", months: Sequence[bool] | None = None) -> None:
        self.flag("unavailable", reason, short, months)

    def build(self) -> OptionCost:
        findings = list(self.findings)
        for price_id, mask in self.missing.items():
            price = self.catalog.price(price_id)
            findings.append(Finding(
                "incomplete",
                f"Needs the price of “{price.label}” ({price_id}), which is not published: enter it under "
                f"Prices; until then the total is a lower bound.",
                f"{price.short or price.label + ' price'} not entered", mask, price_id))
        findings.sort(key=lambda f: -severity(f.status))  # stable: the order found within a status
        monthly = monthly_statuses(findings, self.months)
        status = worst(monthly)
        first = next((m for m, s in enumerate(monthly) if s != "ok"), None)
        reasons = tuple(dict.fromkeys(f.reason for f in findings if f.reason))
        return OptionCost(
            id=self.option_id,
            label=self.style.label,
            available=status == "ok",
            lines=tuple(self.lines),
            notes=reasons + tuple(n for n in self.notes if n not in reasons),
            months=self.months,
            details=tuple(self.details),
            status=status,
            status_reasons=reasons,
            first_problem_month=(self.labels[first] if first is not None and self.labels else None),
            monthly_status=monthly,
            findings=tuple(findings),
        )


def times(counts: Sequence, price: Decimal | None) -> tuple[Decimal, ...]:
    """Count x unit price per month; an unknown price contributes nothing (the option is incomplete)."""
    if price is None:
        return tuple(ZERO for _ in counts)
    return tuple(Decimal(c) * price for c in counts)
