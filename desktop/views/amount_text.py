"""Amounts as text in the analysis views: core.money.fmt_money, which raises past Decimal's 28
significant digits (calls doubling monthly for years reach 1e36); then the same rounding and grouping
by format(), so an extreme but valid plan is shown instead of breaking the views' paint.

`figure` prints one of an option's amounts as core.status.figure_text does ("≥ 1,234.00" for a lower
bound, "1,234.00 (reference)" for an option that is not ranked, "n/a"), never a plain total for an
option that is not ok, with the same fallback for amounts past 28 digits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.money import fmt_money
from core.status import figure_text

ZERO_TEXT = fmt_money(Decimal(0))


def amount_text(value: Decimal, places: int = 2) -> str:
    """1,234.57 (as fmt_money) for any finite Decimal."""
    try:
        return fmt_money(value, places)
    except InvalidOperation:
        return format(value, f",.{places}f")


def figure(option, amount: Decimal, currency: str = "") -> str:
    """core.status.figure_text(option, amount, currency) for any finite amount."""
    try:
        return figure_text(option, amount, currency)
    except InvalidOperation:  # core's words around the number, the number written by format()
        return figure_text(option, Decimal(0), currency).replace(ZERO_TEXT, amount_text(amount), 1)
