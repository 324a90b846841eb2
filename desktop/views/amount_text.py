"""Amounts as text in the analysis views: core.money.fmt_money, which raises past Decimal's 28
significant digits (calls doubling monthly for years reach 1e36); then the same rounding and grouping
by format(), so an extreme but valid plan is shown instead of breaking the views' paint."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.money import fmt_money


def amount_text(value: Decimal, places: int = 2) -> str:
    """1,234.57 (as fmt_money) for any finite Decimal."""
    try:
        return fmt_money(value, places)
    except InvalidOperation:
        return format(value, f",.{places}f")
