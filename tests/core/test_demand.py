"""Demand: key version-days, calls and peak QPS per month, with rotation, growth and key states."""

from decimal import Decimal

from core.catalog import load_catalog
from core.demand import expand, whole_qps
from core.plan import KeyGroup, Plan

CATALOG = load_catalog("international")


def _demand(*groups, start="2027-04", months=1, peak=3, secrets=0):
    plan = Plan(start_month=start, months=months, peak_to_average=Decimal(peak), key_groups=tuple(groups),
                secrets=secrets)
    return expand(plan, CATALOG)


def test_calendar_months_have_their_real_days():
    d = _demand(KeyGroup(count=1), start="2027-12", months=4)  # Dec, Jan, Feb (2028 is a leap year), Mar
    assert d.months == ("2027-12", "2028-01", "2028-02", "2028-03")
    assert d.days == (31, 31, 29, 31)
    assert d.version_days["software"] == (31, 31, 29, 31)


def test_rotation_adds_a_version_every_interval_and_old_versions_stay():
    # One key rotated every 7 days from 2027-02-01: days 0-6 one version, 7-13 two, 14-20 three, 21-27 four.
    d = _demand(KeyGroup(count=1, rotation_days=7), start="2027-02", months=2)
    assert d.version_days["software"][0] == 7 * (1 + 2 + 3 + 4)  # 70
    # March is days 28-58: versions 5,6,7,8 for 7 days each, then 9 for days 56-58.
    assert d.version_days["software"][1] == 7 * (5 + 6 + 7 + 8) + 3 * 9  # 209
    assert d.user_versions_start == (1, 5) and d.user_versions_peak == (4, 9)


def test_initial_versions_and_count_multiply():
    d = _demand(KeyGroup(count=10, versions=3))
    assert d.version_days["software"] == (10 * 3 * 30,)


def test_pending_deletion_keys_are_not_hosted_and_make_no_calls():
    d = _demand(KeyGroup(count=100, state="PendingDeletion", calls_per_month=Decimal(10**6)),
                KeyGroup(count=1, state="Disabled", calls_per_month=Decimal(500)))
    assert d.version_days["software"] == (30,)  # only the Disabled key, hosted like an Enabled one
    assert d.calls["basic"] == (Decimal(500),)
    assert d.user_keys == 1


def test_billing_classes_by_creator_protection_and_spec():
    d = _demand(KeyGroup(count=1, creator="service", protection="HSM", calls_per_month=Decimal(7)),
                KeyGroup(count=2, protection="HSM", spec="Aliyun_SM4", calls_per_month=Decimal(11)),
                KeyGroup(count=3, protection="HSM", spec="EC_P256", calls_per_month=Decimal(13)),
                KeyGroup(count=4, protection="SOFTWARE", spec="RSA_3072", calls_per_month=Decimal(17)))
    assert {k: v[0] for k, v in d.version_days.items()} == {
        "service": 30, "hsm-basic": 60, "hsm-advanced": 90, "software": 120}
    assert {k: v[0] for k, v in d.calls.items()} == {"service": 7, "basic": 11, "advanced": 30}
    assert d.user_keys == 9 and d.hsm_keys == 5  # service-managed keys need no instance
    assert d.user_calls == (Decimal(41),)


def test_calls_grow_by_compound_percent():
    d = _demand(KeyGroup(count=1, calls_per_month=Decimal(10_000), calls_growth_pct=Decimal(10)), months=3)
    assert d.calls["basic"] == (Decimal(10_000), Decimal(11_000), Decimal(12_100))


def test_groups_with_different_growth_add_up():
    d = _demand(KeyGroup(count=1, calls_per_month=Decimal(1000), calls_growth_pct=Decimal(50)),
                KeyGroup(count=1, calls_per_month=Decimal(1000), calls_growth_pct=Decimal(-50)), months=3)
    assert d.calls["basic"] == (Decimal(2000), Decimal(2000), Decimal(2500))  # 2250+250


def test_peak_qps_is_average_times_peak_to_average():
    # 2,592,000 calls in April's 2,592,000 seconds: 1 QPS on average, 3 at peak.
    d = _demand(KeyGroup(count=1, calls_per_month=Decimal(2_592_000)))
    assert d.peak_qps == (Decimal(3),) and d.peak_qps_whole == (3,)


def test_an_exact_whole_peak_is_not_rounded_up_by_division_noise():
    # 1,728,000 calls in April: 2/3 QPS on average, times 3 = exactly 2 QPS (not 3).
    d = _demand(KeyGroup(count=1, calls_per_month=Decimal(1_728_000)))
    assert d.peak_qps_whole == (2,)


def test_whole_qps_rounds_up():
    assert [whole_qps(Decimal(x)) for x in ("0", "0.001", "1", "1.5", "999.0000001")] == [0, 1, 1, 2, 1000]


def test_advanced_tier_counts_versions_across_all_groups_day_by_day():
    # 1,990 advanced HSM keys rotated every 10 days in April: 1,990 versions on days 0-9,
    # 3,980 on days 10-19, 5,970 on days 20-29.
    d = _demand(KeyGroup(count=1990, protection="HSM", spec="EC_P256", rotation_days=10),
                KeyGroup(count=0, protection="HSM", spec="RSA_3072"))
    assert d.advanced_first_tier == (10 * (1990 + 2000 + 2000),)
    assert d.advanced_beyond_tier == (10 * (0 + 1980 + 3970),)


def test_peak_qps_by_key_family():
    """Issue 8: the shared gateway's limits are per family (symmetric, asymmetric): April 2027 has
    2,592,000 s; 86,400,000 AES calls x 3 = 100 QPS; 17,280,000 RSA calls x 3 = 20 QPS; service keys not counted."""
    from core.catalog import load_catalog
    from core.demand import expand
    from core.plan import KeyGroup, Plan

    plan = Plan(start_month="2027-04", months=1, key_groups=(
        KeyGroup(spec="Aliyun_AES_256", calls_per_month=Decimal(86_400_000)),
        KeyGroup(spec="RSA_2048", calls_per_month=Decimal(17_280_000)),
        KeyGroup(spec="EC_SM2", creator="service", calls_per_month=Decimal(10**9)),
    ))
    d = expand(plan, load_catalog("international"))
    assert d.peak_qps_by_family == {"symmetric": (Decimal(100),), "asymmetric": (Decimal(20),)}
