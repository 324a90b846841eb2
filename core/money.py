"""Decimal helpers: money never passes through float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext

from core.fields import decimal_text

ZERO = Decimal(0)


# The plain decimal string of the quote contract (exact, no exponent, no trailing zeros): the one
# exact-decimal writer, core.fields.decimal_text, under the name the quote and the views know.
fmt_exact = decimal_text


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
