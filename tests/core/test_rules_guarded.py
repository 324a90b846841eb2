"""Rules that only the LibreOffice recalculation (or nothing) guarded, each held by a core test with a
value worked out by hand (issue 11, item 7). Each test fails when its rule is broken on purpose; the
mutations tried are listed in the docstrings ("Breaks when ...").
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core.catalog import load_catalog
from core.compare import compare
from core.demand import expand, whole_qps
from core.plan import KeyGroup, Plan
from core.planfile import PlanError, dumps, loads, plan_from_dict, plan_to_dict
from core.sweep import WhatIf, apply_whatif


def _plan(**changes) -> Plan:
    return Plan(name="rules", site="international", api_region="outside_mainland", start_month="2027-01",
                months=1, **changes)


def _keys(count=1, calls="0", growth="0", **more) -> KeyGroup:
    return KeyGroup(name="app", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=count,
                    calls_per_month=D(calls), calls_growth_pct=D(growth), **more)


# 1. Peak QPS in a 31-day month ------------------------------------------------------------------

def test_peak_qps_of_a_31_day_month_divides_by_31_days():
    """January has 31 x 86,400 = 2,678,400 seconds: 26,784,000 calls are 10 QPS on average, and a
    peak-to-average of 3 makes a peak of exactly 30 QPS (a 30-day month would give 31, rounded up
    from 31.0). Breaks when the month's real days are replaced by 30."""
    plan = _plan(key_groups=(_keys(calls="26784000"),), peak_to_average=D(3))
    demand = expand(plan, load_catalog("international"))
    assert demand.days == (31,)
    assert demand.peak_qps == (D(30),)
    assert demand.peak_qps_whole == (30,)
    payg = compare(plan).option("payg-instance-software")
    assert dict(payg.details)["billed QPS"] == (30,)


def test_peak_qps_follows_each_months_own_days():
    """Jan, Feb (2027: 28 days), Mar with the same 24,192,000 calls a month and peak 1:
    24,192,000 / 2,678,400 = 9.03... -> 10; / 2,419,200 = 10 exactly -> 10; March as January -> 10.
    With peak 2: 18.06... -> 19, 20 -> 20, 19."""
    plan = _plan(key_groups=(_keys(calls="24192000"),), peak_to_average=D(2)).with_(months=3)
    demand = expand(plan, load_catalog("international"))
    assert demand.days == (31, 28, 31)
    assert demand.peak_qps[1] == D(20)
    assert demand.peak_qps_whole == (19, 20, 19)


# 2. A secrets-only plan needs an instance --------------------------------------------------------

def test_a_plan_of_secrets_only_buys_an_instance():
    """No keys, 10 secrets, one 31-day month. Subscription: one software instance, 500 a month
    (the secret-quota add-on has no published price, so the option is a lower bound of 500.00).
    Pay-as-you-go instance: 4.5 a day x 31 = 139.5, plus 10 secrets x 0.013 x 31 = 4.03: 143.53.
    Breaks when needs_instance forgets secrets (no instance: 0)."""
    c = compare(_plan(secrets=10))
    sub = c.option("instance-software")
    assert dict(sub.details)["instances"] == (1,)
    assert sub.monthly == (D(500),)
    assert sub.status == "incomplete" and "instance-software.secret-quota" in sub.to_enter
    payg = c.option("payg-instance-software")
    assert payg.total == D("143.53")


def test_a_plan_of_secrets_only_with_the_add_on_priced_is_fully_priced():
    """With the secret-quota add-on entered at 0.1 a secret-month: 500 + 10 x 0.1 = 501.00."""
    c = compare(_plan(secrets=10, price_overrides={"instance-software.secret-quota": D("0.1")}))
    sub = c.option("instance-software")
    assert sub.total == D(501) and dict(sub.details)["instances"] == (1,) and sub.status == "ok"


# 3. The noise guard of whole_qps -----------------------------------------------------------------

@pytest.mark.parametrize("qps, whole", [
    (D("1000.000000000000000000000001"), 1000),   # 28 digits: growth noise, exactly 1,000 QPS meant
    (D("999.9999999999999999999999999"), 1000),   # noise below: still 1,000
    (D("29.99999999999999999999999999"), 30),
    (D("1000.000000001"), 1001),                   # a real nano-QPS above 1,000 is still rounded up
    (D("1000.0000000005"), 1000),                  # half a nano-QPS: noise, rounded half to even
    (D("0.0000000001"), 0),
    (D("12.5"), 13),
])
def test_whole_qps_drops_28_digit_noise_but_rounds_real_fractions_up(qps, whole):
    """Breaks when whole_qps is a plain ceiling (1000.000...001 -> 1001)."""
    assert whole_qps(qps) == whole


# 4. The growth ceiling at its boundary month -----------------------------------------------------

def _growth_doc(months: int) -> dict:
    """125,000,000,000,000 calls doubling every month: month 4 is 125e12 x 2^3 = 1e15, exactly the
    ceiling (allowed); month 5 would be 2e15."""
    plan = _plan(key_groups=(_keys(calls="125000000000000", growth="100"),)).with_(months=months)
    return plan_to_dict(plan)


def test_growth_reaching_the_ceiling_exactly_in_the_last_month_is_accepted():
    """Breaks when the ceiling is exclusive (calls must stay below 1e15 instead of at most)."""
    plan = plan_from_dict(_growth_doc(4))
    assert expand(plan, load_catalog("international")).user_calls[-1] == D("1E15")


def test_growth_past_the_ceiling_one_month_later_is_refused_naming_that_month():
    """Breaks when the check stops one month early or late (the month named is 2027-05, month 5)."""
    with pytest.raises(PlanError) as err:
        plan_from_dict(_growth_doc(5))
    assert err.value.field == "key_groups[0].calls_growth_pct"
    assert "by 2027-05 (month 5)" in str(err.value)


# 5. An add-on route that ties with whole instances ------------------------------------------------

def _tie_plan(key_quota_price: str) -> Plan:
    """2,000 key versions: two default software instances (quota 1,000 each) at 500 = 1,000 a month,
    or one instance with 1,000 extra key slots at `key_quota_price` each (no extra QPS needed)."""
    return _plan(key_groups=(_keys(count=2000),),
                 price_overrides={"instance-software.key-quota": D(key_quota_price)})


def test_an_add_on_route_that_ties_keeps_the_whole_instances():
    """1,000 slots x 0.5 = 500, plus the instance's 500: 1,000, the same as two instances. A tie keeps
    the whole instances (nothing to configure). Breaks when the comparison becomes <=."""
    option = compare(_tie_plan("0.5")).option("instance-software")
    assert dict(option.details)["route"] == ("instances",)
    assert dict(option.details)["instances"] == (2,)
    assert option.total == D(1000)


def test_an_add_on_route_one_step_cheaper_is_taken():
    """At 0.4999 a slot: 500 + 499.90 = 999.90 < 1,000: one instance with add-ons."""
    option = compare(_tie_plan("0.4999")).option("instance-software")
    assert dict(option.details)["route"] == ("add-ons",)
    assert dict(option.details)["instances"] == (1,)
    assert option.total == D("999.90")


# 6. Round trips and what-if keep what the user wrote ----------------------------------------------

def test_a_30_digit_number_survives_load_save_load():
    """1000000.000000000000000000000001 (31 significant digits) once saved as 1000000
    (normalize() under the default 28-digit context). Breaks when the writer rounds."""
    calls = "1000000.000000000000000000000001"
    growth = "0.000000000000000000000000000001"  # 30 decimal places
    peak = "2.00000000000000000000000000001"
    text = dumps(_plan(key_groups=(_keys(calls=calls, growth=growth),), peak_to_average=D(peak)))
    assert f'"calls_per_month": {calls}' in text
    assert f'"calls_growth_pct": {growth}' in text
    assert f'"peak_to_average": {peak}' in text
    plan = loads(text)
    assert plan.key_groups[0].calls_per_month == D(calls)
    assert plan.key_groups[0].calls_growth_pct == D(growth)
    assert plan.peak_to_average == D(peak)
    assert dumps(plan) == text


def test_a_30_digit_price_override_survives_load_save_load():
    price = "0.123456789012345678901234567891"
    text = dumps(_plan(price_overrides={"instance-software.month": D(price)}))
    assert f'"instance-software.month": "{price}"' in text
    assert loads(text).price_overrides["instance-software.month"] == D(price)


def test_a_whatif_keeps_minus_99_5_percent_growth():
    """The what-if clamped every growth into -99 .. 1,000, so -99.5 % became -99 %: a key factor of 2
    must double the keys and leave the growth alone. Breaks when growth is clamped at -99 again."""
    plan = _plan(key_groups=(_keys(count=3, calls="1000", growth="-99.5"),))
    shifted = apply_whatif(plan, WhatIf(keys_factor=D(2)))
    assert shifted.key_groups[0].calls_growth_pct == D("-99.5")
    assert shifted.key_groups[0].count == 6
    # and a shift of -0.25 pp lands exactly on -99.75 (inside the bounds: kept, not clamped)
    assert apply_whatif(plan, WhatIf(growth_delta_pct=D("-0.25"))).key_groups[0].calls_growth_pct == D("-99.75")
