"""What-if scaling of a plan (core.sweep): exact Decimal, whole keys rounded half up."""

from decimal import Decimal as D

import pytest

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.sweep import WhatIf, apply_whatif, scale_count, shift_growth


def _plan(count=10, calls="1000000", growth="0") -> Plan:
    group = KeyGroup(name="app", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=count,
                     calls_per_month=D(calls), calls_growth_pct=D(growth))
    return Plan(name="t", site="international", api_region="outside_mainland", start_month="2027-04",
                months=3, key_groups=(group,))


def test_neutral_whatif_returns_the_plan_itself():
    plan = _plan()
    assert WhatIf().is_neutral
    assert apply_whatif(plan, WhatIf()) is plan


def test_calls_are_scaled_exactly():
    plan = apply_whatif(_plan(calls="1000000.1"), WhatIf(calls_factor=D("1.5")))
    assert plan.key_groups[0].calls_per_month == D("1500000.15")


@pytest.mark.parametrize("count, factor, expected", [
    (10, "1.25", 13),   # 12.5 rounds half up
    (10, "1.24", 12),   # 12.4 rounds down
    (3, "0.5", 2),      # 1.5 -> 2
    (1, "0.1", 1),      # 0.1 would be 0: a group that had keys keeps one
    (0, "5", 0),        # an empty group stays empty
    (7, "2", 14),
])
def test_keys_are_whole_keys_rounded_half_up(count, factor, expected):
    assert scale_count(count, D(factor)) == expected
    assert apply_whatif(_plan(count=count), WhatIf(keys_factor=D(factor))).key_groups[0].count == expected


@pytest.mark.parametrize("growth, delta, expected", [
    ("4", "2", "6"), ("4", "-50", "-46"),
    ("-1", "-99.5", "-99"),        # -100.5 is no growth: stops at -99
    ("-90", "-9.5", "-99.5"),      # inside the field's bounds (above -100): kept exactly, never clamped to -99
    ("-99.5", "-1", "-99.5"),      # -100.5: a cut never raises a growth, so it stays at its own -99.5
    ("-99.999", "0.001", "-99.998"),
    ("900", "500", "1000")])
def test_growth_shift_stays_inside_the_format_range(growth, delta, expected):
    assert shift_growth(D(growth), D(delta)) == D(expected)
    plan = apply_whatif(_plan(growth=growth), WhatIf(growth_delta_pct=D(delta)))
    assert plan.key_groups[0].calls_growth_pct == D(expected)


def test_horizon_override_and_plan_kept():
    base = _plan()
    plan = apply_whatif(base, WhatIf(months=12))
    assert plan.months == 12 and base.months == 3
    assert apply_whatif(base, WhatIf(calls_factor=D(2))).months == 3


def test_whatif_costs_follow_hand_computed_prices():
    # 13 software keys x 30 days (April) x 0.002 = 0.78; 2,000,000 calls / 10,000 x 0.03 = 6.00
    c = compare(apply_whatif(_plan(), WhatIf(calls_factor=D(2), keys_factor=D("1.25"))))
    lines = {line.item: line.monthly[0] for line in c.option("payg-legacy").lines}
    assert lines["key hosting"] == D("0.78")
    assert lines["API calls"] == D("6.00")


@pytest.mark.parametrize("kwargs", [dict(calls_factor=D(0)), dict(keys_factor=D(-1)), dict(calls_factor=D(1001)),
                                    dict(growth_delta_pct=D(-100)), dict(months=0), dict(months=121),
                                    dict(calls_factor=1.5)])
def test_invalid_whatif_is_refused(kwargs):
    with pytest.raises(ValueError):
        WhatIf(**kwargs)


def test_describe_in_plain_words():
    assert WhatIf().describe() == "as planned"
    assert WhatIf(D("1.50"), D(2), D("-0.5"), 48).describe(36) == "calls ×1.5, keys ×2, growth −0.5 pp, +12 months (48)"
    assert WhatIf(months=36).describe(36) == "as planned"


def test_a_longer_horizon_still_ends_by_9999_12():
    plan = _plan().with_(start_month="9999-01", months=12)
    stretched = apply_whatif(plan, WhatIf(months=120))
    assert stretched.months == 12
    assert compare(stretched).months[-1] == "9999-12"
    assert apply_whatif(_plan().with_(start_month="9998-06"), WhatIf(months=120)).months == 19


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=100_000).map(lambda n: D(n) / 100))
def test_calls_factor_scales_the_call_charges_exactly(factor):
    # Without growth, KMS 1.0's call charge is linear in the calls: k x calls costs exactly k x as much.
    base = compare(_plan()).option("payg-legacy")
    scaled = compare(apply_whatif(_plan(), WhatIf(calls_factor=factor))).option("payg-legacy")
    calls = {line.item: line for line in base.lines}["API calls"]
    scaled_calls = {line.item: line for line in scaled.lines}["API calls"]
    assert scaled_calls.monthly == tuple(v * factor for v in calls.monthly)
    assert {line.item: line for line in scaled.lines}["key hosting"] == {line.item: line for line in base.lines}["key hosting"]


def test_a_whatif_keeps_a_growth_of_minus_99_5_percent():
    """The what-if once clamped every growth into -99 .. 1000, so -99.5 % silently became -99 %."""
    plan = apply_whatif(_plan(growth="-99.5"), WhatIf(keys_factor=D(2)))
    assert plan.key_groups[0].calls_growth_pct == D("-99.5")
    assert plan.key_groups[0].count == 20


def test_each_group_is_a_real_key_group_with_only_three_fields_changed():
    base = _plan(count=3, calls="10", growth="1")
    group = apply_whatif(base, WhatIf(D(2), D(2), D(1))).key_groups[0]
    assert group == base.key_groups[0].with_(count=6, calls_per_month=D(20), calls_growth_pct=D(2))
    assert hash(group) == hash(base.key_groups[0].with_(count=6, calls_per_month=D(20), calls_growth_pct=D(2)))
    with pytest.raises(AttributeError):  # still frozen
        group.count = 1


def test_refusals_are_in_words():
    with pytest.raises(ValueError, match="The calls factor must be a number above 0 and at most 1,000, not 0"):
        WhatIf(calls_factor=D(0))
    with pytest.raises(ValueError, match="The number of months must be a whole number from 1 to 120, not 121"):
        WhatIf(months=121)


def test_describe_says_the_horizon_change_as_the_control_does():
    """The what-if's Horizon is relative: its words say the change, then the months it makes."""
    assert WhatIf(months=24).describe(36) == "−12 months (24)"
    assert WhatIf(months=37).describe(36) == "+1 month (37)"
    assert WhatIf(months=36).describe(36) == "as planned"
    assert WhatIf(months=1).describe() == "1 month"
