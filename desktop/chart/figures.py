"""What the chart says about an option, asked from core: the kind of figure it has, its status in
words, and how each of its amounts is printed. One place, so every label on the chart, in its
legend and in its readout reads the same as the summary and the exports."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.compare import Comparison
from core.headline import headline
from core.money import fmt_money
from core.status import figure_text, status_label


def figure_kind(option) -> str:
    """"total", "lower-bound", "reference" or "none" (core.options.base.OptionCost.figure_kind)."""
    return option.figure_kind


def has_figure(option) -> bool:
    return figure_kind(option) != "none"


def amount(option, value: Decimal, currency: str = "") -> str:
    """One of the option's amounts as every view prints it: "1,234.00", "≥ 1,234.00",
    "1,234.00 (reference)". Past Decimal's 28 digits (calls doubling for years) grouped digits."""
    try:
        return figure_text(option, value, currency)
    except InvalidOperation:
        text = format(value, ",.2f")
        return f"{text} {currency}".strip()


def money(value: Decimal, places: int = 0) -> str:
    try:
        return fmt_money(value, places)
    except InvalidOperation:
        return format(value, f",.{places}f")


def status_words(option) -> str:
    """What the legend adds after a name that is not a plain total: its status label ("lower
    bound", "capacity not published", "cannot serve"); the dashes say the figure is not a total."""
    kind = figure_kind(option)
    if kind == "total":
        return ""
    if kind == "none":  # nothing drawn: say why ("Cloud HSM cluster price not entered")
        return getattr(option, "short_reason", "") or status_label(option.status)
    return status_label(option.status)


def caption(comparison: Comparison) -> str:
    """The one line with its caveats that every view and export shows (core.headline)."""
    return headline(comparison)
