"""compare(plan, whatif=w) works a what-if out from the plan's kept sums (core.whatif_sums): it must
give exactly compare(apply_whatif(plan, w)), to the last digit and exponent, or fall back to it."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.planfile import load
from core.quote import quote_dict
from core.sweep import WhatIf, apply_whatif

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.kmsplan"))
SPECS = ("Aliyun_AES_256", "RSA_2048", "EC_P256", "Aliyun_SM4", "EC_SM2")
WHATIFS = (
    WhatIf(calls_factor=D("1.5")), WhatIf(calls_factor=D("0.37")), WhatIf(keys_factor=D("2.5")),
    WhatIf(keys_factor=D("0.3")), WhatIf(growth_delta_pct=D("1.5")), WhatIf(growth_delta_pct=D("-99.9")),
    WhatIf(growth_delta_pct=D("1000")), WhatIf(months=24), WhatIf(D("1.3"), D("1.7"), D("-0.5"), 48),
    WhatIf(calls_factor=D("1.0")), WhatIf(D("3.14159265358979"), D("1"), D("2.0")),
)


def _same(plan: Plan, whatif: WhatIf) -> None:
    reference = compare(apply_whatif(plan, whatif))
    fast = compare(plan, whatif=whatif)
    assert repr(fast.demand) == repr(reference.demand)  # every Decimal's digits and exponent
    assert repr(quote_dict(fast)) == repr(quote_dict(reference))
    assert fast.plan == reference.plan


def _plan(n: int, **fields) -> Plan:
    return Plan(months=24, key_groups=tuple(
        KeyGroup(name=f"g{i}", creator="service" if i % 7 == 0 else "user",
                 protection="HSM" if i % 3 == 0 else "SOFTWARE", spec=SPECS[i % len(SPECS)], count=1 + i % 9,
                 versions=1 + i % 2, rotation_days=None if i % 4 else 30 + i % 50,
                 state=("Enabled", "Disabled", "PendingDeletion")[i % 3],
                 calls_per_month=fields.get("calls", lambda i: D(1000 * (i % 97)))(i),
                 calls_growth_pct=fields.get("growth", lambda i: D(i % 3) / 2)(i))
        for i in range(n)))


def test_every_sample_and_what_if_matches_the_applied_plan():
    plans = [load(p) for p in SAMPLES] + [_plan(700)]
    for plan in plans:
        for whatif in WHATIFS:
            _same(plan, whatif)


def test_the_applied_plan_is_made_only_when_asked_for():
    plan = _plan(300)
    c = compare(plan, whatif=WhatIf(calls_factor=D(2)))
    assert "plan" not in c.__dict__  # a slider step never makes the 300 groups
    assert c.plan.key_groups[1].calls_per_month == 2 * plan.key_groups[1].calls_per_month
    assert compare(plan, whatif=WhatIf()).plan is plan


def test_growth_written_differently_keeps_the_first_groups_text_even_unbilled():
    """apply_whatif shifts each growth value once, from the first group that wrote it (billed or
    not): "1.0" + 1 = "2.0", whose powers differ in their last digits' exponent from "2"'s."""
    groups = (KeyGroup(name="gone", state="PendingDeletion", calls_per_month=D(5), calls_growth_pct=D("1.0")),
              KeyGroup(name="a", count=3, calls_per_month=D("1234.5"), calls_growth_pct=D("1")),
              KeyGroup(name="b", count=2, calls_per_month=D("10"), calls_growth_pct=D("1.00")))
    plan = Plan(months=30, key_groups=groups)
    for delta in (D(1), D("0.5"), D("-99.5"), D(999)):
        _same(plan, WhatIf(growth_delta_pct=delta, calls_factor=D("1.25")))


def test_growths_that_meet_at_the_ceiling_are_added_in_plan_order():
    groups = tuple(KeyGroup(name=f"g{i}", count=1, calls_per_month=D(i + 1) / 3 if i == 9 else D(i + 1),
                            calls_growth_pct=D(999) if i % 2 else D(1000)) for i in range(10))
    _same(Plan(months=12, key_groups=groups), WhatIf(growth_delta_pct=D(5), calls_factor=D("1.1")))


def test_a_product_that_would_round_is_left_to_apply_whatif():
    """28 digits x 2 needs 29: apply_whatif rounds each group's calls; the sum's product rounds too,
    so the what-if takes apply_whatif's plan (and its rounding) instead."""
    long = D("9.999999999999999999999999999")
    plan = _plan(40, calls=lambda i: long if i % 5 == 0 else D("0.000000000000000000000000001"))
    _same(plan, WhatIf(calls_factor=D(2)))
    _same(plan, WhatIf(calls_factor=D("1.5"), keys_factor=D(3)))
    _same(_plan(40, calls=lambda i: D("123456789012345678901234567.5")), WhatIf(calls_factor=D(3)))
    alone = Plan(key_groups=(KeyGroup(count=1, calls_per_month=D("9.999999999999999999999999999")),))
    _same(alone, WhatIf(calls_factor=D(2)))  # the sum is exact, its product is not
    assert compare(alone, whatif=WhatIf(calls_factor=D(2))).demand.user_calls[0] == D("20.00000000000000000000000000")
    # Rounded group by group, 1.000000000000000000000000001 x 1.5 is 1.500000000000000000000000002
    # twice, 3.000000000000000000000000004 in all; the sum's product would round to ...003.
    pair = Plan(key_groups=tuple(KeyGroup(name=n, count=1, calls_per_month=D("1.000000000000000000000000001"))
                                 for n in "ab"))
    _same(pair, WhatIf(calls_factor=D("1.5")))
    assert compare(pair, whatif=WhatIf(calls_factor=D("1.5"))).demand.user_calls[0] == D("3.000000000000000000000000004")


def test_keys_round_half_up_and_never_vanish():
    plan = _plan(200)
    for factor in (D("0.5"), D("0.01"), D("1.5"), D("2.5"), D("0.25")):
        _same(plan, WhatIf(keys_factor=factor))
    c = compare(Plan(key_groups=(KeyGroup(count=5, rotation_days=90),)), whatif=WhatIf(keys_factor=D("0.5")))
    assert c.demand.user_keys == 3  # 2.5 keys -> 3


_factor = st.decimals(min_value=D("0.01"), max_value=D(100), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(0, 40), calls=_factor, keys=_factor,
       delta=st.decimals(min_value=D("-99.99"), max_value=D(1000), places=2, allow_nan=False, allow_infinity=False),
       months=st.one_of(st.none(), st.integers(1, 60)),
       seed=st.integers(0, 10))
def test_any_small_plan_and_what_if_match(n, calls, keys, delta, months, seed):
    plan = _plan(n, calls=lambda i: D(seed * 37 + i * 1000 + 1) / (1 + i % 4),
                 growth=lambda i: D((i + seed) % 4) / 4 - (D("0.5") if i % 5 == 0 else 0))
    _same(plan, WhatIf(calls, keys, delta, months))
