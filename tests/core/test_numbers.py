"""core.numbers: every notation people type reads as exactly the number meant, or is refused in words."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import NumberTextError, is_number_text, parse_number


@pytest.mark.parametrize("text, value", [
    ("3000000", "3000000"), ("3,000,000", "3000000"), ("3 000 000", "3000000"),
    ("3\u00a0000\u00a0000", "3000000"), ("3\u202f000\u202f000", "3000000"), ("3'000'000", "3000000"),
    ("3_000_000", "3000000"), ("1,234.5", "1234.5"),
    ("6e7", "60000000"), ("6E7", "60000000"), ("6e+7", "60000000"), ("1.5e3", "1500"), ("2.5e-3", "0.0025"),
    ("60k", "60000"), ("60K", "60000"), ("60 k", "60000"), ("60M", "60000000"), ("60m", "60000000"),
    ("1.5M", "1500000"), ("2B", "2000000000"), ("2bn", "2000000000"), ("1.25T", "1250000000000"),
    ("3 million", "3000000"), ("0.1k", "100"), ("1.2345k", "1234.5"),
    ("-5", "-5"), ("\u22125", "-5"), ("+5", "5"), ("0.5", "0.5"), (".5", "0.5"), ("5.", "5"),
    ("  42  ", "42"), ("0", "0"), ("-0", "0"), ("0e9", "0"), ("1000", "1000"),
    ("99999999999999999", "99999999999999999"),
    ("0.000001", "0.000001"), ("12345678901234567890.123456789", "12345678901234567890.123456789"),
])
def test_reads_each_notation_as_the_number_meant(text, value):
    parsed = parse_number(text)
    assert parsed == Decimal(value)
    assert isinstance(parsed, Decimal)


def test_long_values_keep_every_digit_past_the_default_precision():
    assert parse_number("1.234567890123456789012345678901234M") == Decimal("1234567.890123456789012345678901234")
    assert str(parse_number("6e7")) == "60000000"  # no exponent left for views to print


@pytest.mark.parametrize("text, value", [("7.5%", "7.5"), ("7.5 %", "7.5"), ("-2%", "-2"), ("12", "12"),
                                         ("0.075", "0.075")])
def test_percent_fields_accept_a_percent_sign(text, value):
    assert parse_number(text, percent=True) == Decimal(value)


@pytest.mark.parametrize("text, words", [
    ("", "Enter a number"),
    ("   ", "Enter a number"),
    ("abc", '"abc" is not a number'),
    ("1,5", "decimal comma"),
    ("1.000,50", "decimal comma"),
    ("1,00,000", "grouped unevenly"),
    ("3 00 000", "grouped unevenly"),
    ("1,000 000", "grouped unevenly"),
    ("7.5%", "not a percentage"),
    ("6e7k", "exponent and a unit"),
    ("5x", 'not a unit I know'),
    ("1e999999", "too large"),
    ("1e-200", "too small"),
    ("nan", "not a number"),
    ("inf", "not a number"),
    ("Infinity", "not a number"),
    ("-", "not a number"),
    ("e7", "not a number"),
    ("12-3", "not a number"),
    ("1..2", "not a number"),
    ("0x10", "not a number"),
    ("$5", "not a number"),
])
def test_refuses_in_words_and_names_the_text(text, words):
    with pytest.raises(NumberTextError) as refused:
        parse_number(text)
    assert words in str(refused.value)
    assert isinstance(refused.value, ValueError)
    assert not is_number_text(text)


def test_unit_and_percent_do_not_mix():
    with pytest.raises(NumberTextError, match="unit and a percent"):
        parse_number("5k%", percent=True)


def test_non_ascii_digits_are_refused_not_guessed():
    with pytest.raises(NumberTextError):
        parse_number("\u0661\u0662")  # Arabic-Indic 12: Decimal() would read it


def test_numbers_already_parsed_pass_through():
    assert parse_number(Decimal("1.50")) == Decimal("1.5")
    assert parse_number(7) == Decimal(7)
    with pytest.raises(NumberTextError):
        parse_number(Decimal("NaN"))


# --- any Decimal written in any accepted notation reads back as itself -------------------------
values = st.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), places=None,
                     allow_nan=False, allow_infinity=False).filter(
    lambda d: d.is_zero() or -40 <= d.adjusted() <= 40)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _grouped(value: Decimal, separator: str) -> str:
    text = format(value, "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + separator.join(groups) + (f".{fraction}" if fraction else "")


def _scientific(value: Decimal) -> str:
    return format(value, "e") if not value.is_zero() else "0e0"


def _suffixed(value: Decimal, suffix: str, power: int) -> str:
    with localcontext() as ctx:  # the writer must not round either
        ctx.prec = 100
        return format(value.scaleb(-power), "f") + suffix


@given(values)
def test_plain_digits_round_trip(value):
    assert parse_number(_plain(value)) == value


@given(values, st.sampled_from([",", " ", "\u00a0", "\u202f", "'", "_"]))
def test_grouped_digits_round_trip(value, separator):
    assert parse_number(_grouped(value, separator)) == value


@given(values)
def test_scientific_round_trips(value):
    assert parse_number(_scientific(value)) == value
    assert parse_number(_scientific(value).upper()) == value


@given(values, st.sampled_from([("k", 3), ("K", 3), ("M", 6), ("m", 6), ("B", 9), ("bn", 9), ("T", 12),
                                (" k", 3), (" M", 6)]))
def test_suffixes_round_trip(value, unit):
    suffix, power = unit
    assert parse_number(_suffixed(value, suffix, power)) == value


@given(values, st.sampled_from(["%", " %"]))
def test_percent_round_trips(value, sign):
    assert parse_number(_plain(value) + sign, percent=True) == value


@given(st.text(max_size=12))
def test_any_text_is_read_or_refused_in_words(text):
    try:
        value = parse_number(text, percent=True)
    except NumberTextError as refused:
        assert str(refused)
    else:
        assert value.is_finite()
