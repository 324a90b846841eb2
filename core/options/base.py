"""What every billing option returns: monthly line items, availability and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from typing import Sequence

from core.catalog import OptionStyle, PriceCatalog, option_styles

ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    item: str
    monthly: tuple[Decimal, ...]
    price_ids: tuple[str, ...] = ()  # the unit prices behind this line (for the workbook, the UI)

    @property
    def total(self) -> Decimal:
        return sum(self.monthly, ZERO)


@dataclass(frozen=True)
class OptionCost:
    id: str
    label: str
    available: bool
    lines: tuple[Line, ...]
    notes: tuple[str, ...]
    months: int
    details: tuple[tuple[str, tuple], ...] = ()  # per-month sizing facts, e.g. ("instances", (1, 1, 2))

    # Cached (the value is immutable): views, the quote and the comparison read these many times.
    @cached_property
    def monthly(self) -> tuple[Decimal, ...]:
        if not self.lines:
            return (ZERO,) * self.months
        return tuple(sum(values, ZERO) for values in zip(*(line.monthly for line in self.lines)))

    @cached_property
    def total(self) -> Decimal:
        return sum(self.monthly, ZERO)

    def detail(self, name: str) -> tuple | None:
        return dict(self.details).get(name)


@dataclass
class Builder:
    """Collects lines and notes; a needed price that is not known makes the option unavailable."""

    option_id: str
    catalog: PriceCatalog
    months: int
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    details: list[tuple[str, tuple]] = field(default_factory=list)

    @property
    def style(self) -> OptionStyle:
        return option_styles()[self.option_id]

    def price(self, price_id: str) -> Decimal | None:
        value = self.catalog.value(price_id)
        if value is None and price_id not in self.missing:
            self.missing.append(price_id)
        return value

    def known(self, price_id: str) -> Decimal | None:
        """A price that is used only if entered; never blocks the option."""
        return self.catalog.value(price_id)

    def line(self, item: str, monthly: Sequence[Decimal], *price_ids: str) -> None:
        self.lines.append(Line(item, tuple(monthly), tuple(price_ids)))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def block(self, reason: str) -> None:
        self.blockers.append(reason)

    def build(self) -> OptionCost:
        notes = list(self.blockers)
        for price_id in self.missing:
            price = self.catalog.price(price_id)
            notes.append(
                f"Needs the price of “{price.label}” ({price_id}), which is not published: enter it under Prices."
            )
        return OptionCost(
            id=self.option_id,
            label=self.style.label,
            available=not self.missing and not self.blockers,
            lines=tuple(self.lines),
            notes=tuple(notes + self.notes),
            months=self.months,
            details=tuple(self.details),
        )


def times(counts: Sequence, price: Decimal | None) -> tuple[Decimal, ...]:
    """Count x unit price per month; an unknown price contributes nothing (the option is blocked)."""
    if price is None:
        return tuple(ZERO for _ in counts)
    return tuple(Decimal(c) * price for c in counts)
