"""KMS 1.0 pay-as-you-go: per version-day hosting, the 2,000-version tier, calls by class and region."""

from decimal import Decimal

from core.compare import compare
from core.plan import KeyGroup, Plan


def _option(*groups, start="2027-04", months=1, region="outside_mainland", secrets=0, overrides=None,
            kms1_user=False):
    plan = Plan(start_month=start, months=months, api_region=region, key_groups=tuple(groups),
                secrets=secrets, price_overrides=overrides or {}, kms1_user=kms1_user)
    return compare(plan).option("payg-legacy")


def _line(option, item):
    return next(line.monthly for line in option.lines if line.item == item)


def test_advanced_tier_crosses_2000_versions_across_groups():
    # 1,500 EC_P256 + 600 RSA_3072 HSM keys: 2,100 advanced versions a day, across two groups.
    o = _option(KeyGroup(count=1500, protection="HSM", spec="EC_P256"),
                KeyGroup(count=600, protection="HSM", spec="RSA_3072"))
    # 2,000 x 30 x 0.083 + 100 x 30 x 0.033 (not 2,100 x 30 x 0.083 = 5,229 if counted per group)
    assert _line(o, "key hosting") == (Decimal("5079"),)
    assert any("beyond the first 2,000" in n for n in o.notes)


def test_tier_crossed_mid_month_by_rotation():
    o = _option(KeyGroup(count=1990, protection="HSM", spec="EC_P256", rotation_days=10))
    # first tier 59,900 version-days x 0.083 = 4,971.7; beyond 59,500 x 0.033 = 1,963.5
    assert _line(o, "key hosting") == (Decimal("6935.2"),)


def test_rotation_raises_the_bill_month_by_month():
    o = _option(KeyGroup(count=1, rotation_days=7), start="2027-02", months=2)
    assert _line(o, "key hosting") == (Decimal("0.14"), Decimal("0.418"))  # 70 and 209 version-days x 0.002


def test_mainland_and_outside_call_prices():
    groups = (KeyGroup(count=1, calls_per_month=Decimal(1_000_000)),
              KeyGroup(count=1, protection="HSM", spec="EC_P256", calls_per_month=Decimal(1_000_000)))
    # 100 x 10,000 calls of each class
    assert _line(_option(*groups, region="mainland"), "API calls") == (Decimal("32"),)  # 8 + 24
    assert _line(_option(*groups, region="outside_mainland"), "API calls") == (Decimal("18"),)  # 3 + 15


def test_software_advanced_keys_pay_advanced_call_prices_and_software_hosting():
    o = _option(KeyGroup(count=2, protection="SOFTWARE", spec="RSA_3072", calls_per_month=Decimal(20_000)))
    assert _line(o, "key hosting") == (Decimal("0.12"),)  # 2 x 30 x 0.002
    assert _line(o, "API calls") == (Decimal("0.3"),)  # 2 x 0.15


def test_pending_deletion_and_disabled_keys():
    pending = _option(KeyGroup(count=5, protection="HSM", state="PendingDeletion", calls_per_month=Decimal(10**6)))
    assert pending.monthly == (Decimal(0),)
    disabled = _option(KeyGroup(count=1, protection="HSM", state="Disabled"))
    assert disabled.monthly == (Decimal("0.99"),)  # 30 x 0.033, as if Enabled


def test_service_managed_keys_are_free():
    o = _option(KeyGroup(count=50, creator="service", protection="HSM", spec="EC_P256", calls_per_month=Decimal(10**7)),
                start="2024-04", kms1_user=True)
    assert o.monthly == (Decimal(0),) and o.available


def test_calendar_months_and_leap_february():
    o = _option(KeyGroup(count=1, protection="HSM"), start="2028-01", months=3)
    assert _line(o, "key hosting") == (Decimal("1.023"), Decimal("0.957"), Decimal("1.023"))  # 31, 29, 31 days


def test_growth_in_call_charges():
    o = _option(KeyGroup(count=1, calls_per_month=Decimal(10_000), calls_growth_pct=Decimal(10)), months=3)
    assert _line(o, "API calls") == (Decimal("0.03"), Decimal("0.033"), Decimal("0.0363"))


def test_lifecycle_note_and_secret_price_needed():
    o = _option(KeyGroup(count=1), start="2024-04", kms1_user=True)
    assert o.status == "ok"
    assert o.notes == ("KMS 1.0 is sold to existing customers only and ends service on 2025-09-30.",)
    with_secrets = _option(KeyGroup(count=1), secrets=3, start="2024-04", kms1_user=True)
    assert not with_secrets.available and with_secrets.status == "incomplete"
    assert "payg-legacy.secret.month" in with_secrets.notes[0]
    priced = _option(KeyGroup(count=1), secrets=3, overrides={"payg-legacy.secret.month": Decimal("0.4")},
                     start="2024-04", kms1_user=True)
    assert priced.available and _line(priced, "secrets") == (Decimal("1.2"),)


def test_price_overrides_change_the_amounts():
    o = _option(KeyGroup(count=1, protection="HSM"), overrides={"payg-legacy.hosting.hsm-basic": Decimal("0.04")})
    assert _line(o, "key hosting") == (Decimal("1.2"),)
