"""Amounts as text (desktop/views/amount_text.py): as core's fmt_money, and past 28 digits too."""

from decimal import Decimal as D

from core.money import fmt_money
from desktop.views.amount_text import amount_text


def test_same_as_fmt_money_for_ordinary_amounts():
    for text in ("0", "1234.565", "1234.575", "-0.005", "18500", "1315961.004999"):
        assert amount_text(D(text)) == fmt_money(D(text))
    assert amount_text(D("1234.565")) == "1,234.56"  # half-even, as the context rounds


def test_amounts_past_28_digits_are_shown_not_raised():
    value = D("1234567890123456789012345678901.236")  # 31 digits before the point
    assert amount_text(value) == "1,234,567,890,123,456,789,012,345,678,901.24"
