"""core.fields: one set of bounds, messages in words, and the exact-decimal writer."""

from decimal import Decimal, localcontext

import pytest

from core.fields import FIELDS, FieldError, check, decimal_text


def refusal(name, value) -> str:
    with pytest.raises(FieldError) as info:
        check(name, value)
    return str(info.value)


def test_every_interface_field_is_declared():
    for name in ("count", "versions", "rotation_days", "calls_per_month", "calls_growth_pct", "months",
                 "peak_to_average", "secrets", "price", "limit"):
        assert FIELDS[name].name == name


def test_messages_are_sentences_in_words():
    assert refusal("count", -3) == "The key count must be a whole number of 0 or more, not -3"
    assert refusal("count", Decimal("2.5")) == "The key count must be a whole number, not 2.5"
    assert refusal("count", "abc") == 'The key count must be a whole number, not "abc"'
    assert refusal("count", True) == "The key count must be a whole number, not true"
    assert refusal("count", 10_000_001) == ("The key count must be at most 10,000,000 (more is likely a typo), "
                                            "not 10000001")
    assert refusal("rotation_days", 5) == "The rotation period must be a whole number of days from 7 to 730, not 5"
    assert refusal("months", 121) == "The number of months must be a whole number from 1 to 120, not 121"
    assert refusal("calls_growth_pct", -100) == "The monthly growth of calls must be above -100 %, not -100 %"
    assert refusal("peak_to_average", Decimal("0.5")) == "The peak-to-average ratio must be 1 or more, not 0.5"
    assert refusal("price", "-1") == "The price must be a number from 0 to 1,000,000,000, not -1"
    assert refusal("calls_per_month", Decimal("NaN")) == \
        "The number of calls per month must be a finite number, not NaN"


def test_values_in_bounds_come_back_exact_and_typed():
    assert check("count", Decimal("1E+3")) == 1000 and type(check("count", Decimal("1E+3"))) is int
    assert check("calls_growth_pct", Decimal("-99.5")) == Decimal("-99.5")
    assert check("calls_growth_pct", Decimal("-99.999999")) == Decimal("-99.999999")
    assert check("price", "0.03") == Decimal("0.03")
    assert check("calls_per_month", 0.1) == Decimal("0.1")  # float read through its shortest text
    assert check("count", 10_000_000) == 10_000_000
    assert check("rotation_days", 730) == 730


def test_a_huge_exponent_is_refused_without_building_the_integer():
    assert "at most 10,000,000" in refusal("count", Decimal("1E+999999"))


def test_bounds_are_one_set():
    growth = FIELDS["calls_growth_pct"]
    assert (growth.minimum, growth.min_exclusive, growth.percent) == (Decimal(-100), True, True)
    assert not growth.contains(Decimal(-100)) and growth.contains(Decimal("-99.5"))


def test_decimal_text_keeps_every_digit():
    value = Decimal("1000000.000000000000000000000001")  # 31 significant digits
    assert decimal_text(value) == "1000000.000000000000000000000001"
    with localcontext() as ctx:
        ctx.prec = 5  # the context never rounds the text
        assert decimal_text(value) == "1000000.000000000000000000000001"
    assert decimal_text(Decimal("1.50E-7")) == "0.00000015"
    assert decimal_text(Decimal("1E+3")) == "1000"
    assert decimal_text(Decimal("-0.00")) == "0"
    assert decimal_text(Decimal("0.990")) == "0.99"
    assert decimal_text(Decimal("-12.3400")) == "-12.34"
    assert decimal_text(42) == "42"
    with pytest.raises(ValueError):
        decimal_text(Decimal("Infinity"))


def test_a_number_with_more_than_60_decimal_places_is_refused():
    """1E-999999999 is in bounds (0 or more) but would be written out as a billion zeros."""
    assert refusal("calls_per_month", Decimal("1E-999999999")) == (
        "The number of calls per month must have at most 60 digits after the decimal point, not 1E-999999999")
    assert check("calls_per_month", Decimal("1E-60")) == Decimal("1E-60")
    assert check("price", Decimal("1." + "0" * 100)) == 1  # trailing zeros are not digits of the value


@pytest.mark.parametrize("growth, accepted", [("-100", False), ("-99.999999", True), ("-99.5", True),
                                              ("1000", True), ("1000.0001", False)])
def test_growth_has_one_set_of_bounds_in_the_file_the_whatif_and_the_fields(growth, accepted):
    """Once the file took > -100, the editor -99.99 and the what-if clamped to -99: now one rule."""
    from core.plan import KeyGroup, Plan
    from core.planfile import PlanError, loads, plan_to_dict, dump_json
    from core.sweep import WhatIf, apply_whatif

    assert FIELDS["calls_growth_pct"].contains(Decimal(growth)) is accepted
    doc = plan_to_dict(Plan(months=1, key_groups=(KeyGroup(),)))
    doc["key_groups"][0]["calls_growth_pct"] = Decimal(growth)
    if accepted:
        plan = loads(dump_json(doc))
        assert plan.key_groups[0].calls_growth_pct == Decimal(growth)
        assert apply_whatif(plan, WhatIf(keys_factor=Decimal(2))).key_groups[0].calls_growth_pct == Decimal(growth)
    else:
        with pytest.raises(PlanError, match="the monthly growth of calls must be"):
            loads(dump_json(doc))
