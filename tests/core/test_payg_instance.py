"""KMS 3.0 pay-as-you-go instances: per day for the instance, key versions, secrets and QPS."""

from decimal import Decimal

from core.compare import compare
from core.plan import KeyGroup, Plan

ONE_QPS_IN_APRIL = Decimal(2_592_000)  # calls in April's 2,592,000 seconds


def _option(option_id, *groups, start="2027-04", months=1, secrets=0, overrides=None):
    plan = Plan(start_month=start, months=months, key_groups=tuple(groups), secrets=secrets,
                price_overrides=overrides or {})
    return compare(plan).option(option_id)


def _lines(option):
    return {line.item: line.monthly for line in option.lines}


def test_software_instance_per_day():
    o = _option("payg-instance-software", KeyGroup(count=1, calls_per_month=ONE_QPS_IN_APRIL), secrets=10)
    assert _lines(o) == {
        "instance fee": (Decimal("135.0"),),  # 30 days x 4.5
        "key versions": (Decimal("0.90"),),  # 30 version-days x 0.03
        "secrets": (Decimal("3.900"),),  # 10 x 30 x 0.013
        "QPS": (Decimal("45.0"),),  # peak 3 QPS x 30 days x 0.5
    }
    assert o.monthly == (Decimal("184.8"),) and o.detail("billed QPS") == (3,)


def test_hardware_instance_per_day_and_cluster_when_entered():
    group = KeyGroup(count=1, protection="HSM", calls_per_month=ONE_QPS_IN_APRIL)
    assert _option("payg-instance-hardware", group).monthly == (Decimal("315.9"),)  # 270 + 0.9 + 45
    with_cluster = _option("payg-instance-hardware", group, overrides={"cloud-hsm.cluster.month": Decimal(1000)})
    assert with_cluster.monthly == (Decimal("1315.9"),)


def test_qps_is_rounded_up_per_month():
    # April 1 QPS average, x3 = 3; in May the same calls spread over 31 days: 2.9 rounds up to 3.
    o = _option("payg-instance-software", KeyGroup(count=1, calls_per_month=ONE_QPS_IN_APRIL), months=2)
    assert o.detail("billed QPS") == (3, 3)
    assert _lines(o)["QPS"] == (Decimal("45.0"), Decimal("46.5"))
    assert _lines(o)["instance fee"] == (Decimal("135.0"), Decimal("139.5"))


def test_rotated_versions_billed_per_day_and_pending_deletion_free():
    o = _option("payg-instance-software", KeyGroup(count=1, rotation_days=7),
                KeyGroup(count=100, state="PendingDeletion"), start="2027-02")
    assert _lines(o)["key versions"] == (Decimal("2.10"),)  # 70 version-days x 0.03


def test_no_instance_for_service_managed_keys_only():
    o = _option("payg-instance-hardware", KeyGroup(count=3, creator="service", calls_per_month=Decimal(10**6)))
    assert o.monthly == (Decimal(0),)
    assert "Only service-managed keys: no instance is needed." in o.notes


def test_software_payg_instance_refuses_hsm_keys():
    assert not _option("payg-instance-software", KeyGroup(count=1, protection="HSM")).available
