"""Decimal helpers: money never passes through float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext

ZERO = Decimal(0)


def fmt_exact(value: Decimal) -> str:
    """The plain decimal string of the quote contract: exact, no exponent, no trailing zeros."""
    if value == 0:
        return "0"
    with localcontext() as ctx:  # normalize() rounds to the context's precision: give it room
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits))
        return format(value.normalize(), "f")


def fmt_money(value: Decimal, places: int = 2) -> str:
    """A rounded, grouped amount for people (tables, titles): 1,234.57."""
    q = Decimal(1).scaleb(-places)
    with localcontext() as ctx:  # quantize fails past the context's precision (huge what-ifs)
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return f"{value.quantize(q):,}"


def parse_decimal(text: str) -> Decimal:
    """A finite Decimal from user text, or ValueError naming the text."""
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value
