"""Formatting amounts: exact strings for the contract, rounded ones for people, at any size."""

from decimal import Decimal, localcontext

from core.money import fmt_exact, fmt_money, parse_decimal


def test_exact_strings_drop_trailing_zeros_and_never_use_exponents():
    assert fmt_exact(Decimal("0.990")) == "0.99"
    assert fmt_exact(Decimal("1.5E+3")) == "1500"
    assert fmt_exact(Decimal("0")) == "0"


def test_exact_strings_keep_every_digit_past_the_default_precision():
    value = Decimal("123456789012345678901234567890.123456789")
    assert fmt_exact(value) == "123456789012345678901234567890.123456789"


def test_money_rounds_half_even_to_cents_and_groups_thousands():
    assert fmt_money(Decimal("1234.565")) == "1,234.56"
    assert fmt_money(Decimal("0.00225")) == "0.00"


def test_money_formats_amounts_beyond_28_digits():
    huge = Decimal("1.23456789012345678901234567890123456789E+40")
    assert fmt_money(huge) == "12,345,678,901,234,567,890,123,456,789,012,345,678,900.00"


def test_parse_decimal_names_bad_text():
    assert parse_decimal(" 1,500.10 ") == Decimal("1500.10")
    for bad in ("abc", "nan", "inf"):
        try:
            parse_decimal(bad)
        except ValueError as exc:
            assert repr(bad) in str(exc)
        else:
            raise AssertionError(bad)


def test_fmt_exact_is_the_one_exact_writer_and_never_rounds():
    from core.fields import decimal_text
    from core.money import fmt_exact as writer

    assert writer is decimal_text
    with localcontext() as ctx:
        ctx.prec = 3
        assert writer(Decimal("1000000.000000000000000000000001")) == "1000000.000000000000000000000001"
