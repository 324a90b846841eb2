"""Dedicated KMS as published: a monthly fee per instance, one dedicated HSM cluster per instance, and a
capacity that is not published (unverified until the user enters it, then sized by whole instances)."""

from decimal import Decimal

from core.compare import compare
from core.plan import KeyGroup, Plan

CAPACITY = {"dedicated_instance_key_quota": Decimal(2000), "dedicated_instance_qps": Decimal(400)}
CLUSTER = {"cloud-hsm.cluster.month": Decimal(1000)}


def _option(site, *groups, months=3, limits=None, prices=None, start="2027-01"):
    plan = Plan(site=site, start_month=start, months=months, key_groups=groups,
                limit_overrides=limits or {}, price_overrides=prices or {})
    return compare(plan).option("dedicated")


def _lines(option):
    return {line.item: line.monthly for line in option.lines}


def test_without_capacity_one_instance_for_reference_and_unverified():
    o = _option("international", KeyGroup(count=5000))
    assert o.monthly == (Decimal(1799),) * 3 and o.detail("instances") == (1, 1, 1)
    assert (o.status, o.figure_kind, o.first_problem_month) == ("unverified", "reference", "2027-01")
    assert o.short_reason == "capacity not published"
    assert o.to_enter == ("dedicated_instance_key_quota", "dedicated_instance_qps", "cloud-hsm.cluster.month")
    assert _option("china", KeyGroup(count=1)).total == Decimal(7197)  # 3 x 2,399


def test_sized_by_entered_capacity_with_one_cluster_per_instance():
    # 5,000 key versions / 2,000 per instance = 3 instances; 3 x 1,799 + 3 x 1,000 a month.
    o = _option("international", KeyGroup(count=5000), limits=CAPACITY, prices=CLUSTER)
    assert o.detail("instances") == (3, 3, 3)
    assert _lines(o) == {"subscription": (Decimal(5397),) * 3, "Cloud HSM cluster": (Decimal(3000),) * 3}
    assert o.total == Decimal(25191) and o.status == "ok" and o.available
    assert ("Sized by whole instances of the entered capacity (2,000 key versions, 400 QPS each): 3 instances "
            "by 2027-01, each with its own HSM cluster.") in o.notes


def test_sized_by_qps():
    # 864,000,000 calls in April x 3 / 2,592,000 s = 1,000 QPS at peak; 400 QPS each -> 3 instances.
    o = _option("international", KeyGroup(count=10, calls_per_month=Decimal(864_000_000)), months=1,
                limits=CAPACITY, prices=CLUSTER, start="2027-04")
    assert o.detail("instances") == (3,) and o.monthly == (Decimal(8397),)


def test_capacity_without_cluster_price_is_a_lower_bound():
    o = _option("international", KeyGroup(count=5000), limits=CAPACITY)
    assert _lines(o) == {"subscription": (Decimal(5397),) * 3}
    assert (o.status, o.figure_kind, o.to_enter) == ("incomplete", "lower-bound", ("cloud-hsm.cluster.month",))


def test_notes_say_what_the_pages_say():
    notes = _option("international", KeyGroup()).notes
    assert ("Each Dedicated KMS instance must be connected to its own dedicated HSM cluster (at least two HSMs "
            "in different zones), bought separately.") in notes
    assert ("Dedicated KMS (Standard edition) is sold in China (Hangzhou), China (Shanghai), China (Beijing), "
            "China (Shenzhen), China (Hong Kong), Malaysia (Kuala Lumpur) and Singapore.") in notes
    assert "Subscription only. An expired instance is disabled at once and released on the 16th day after expiry." in notes


def test_no_instance_for_service_managed_keys_only():
    o = _option("international", KeyGroup(creator="service"))
    assert o.total == Decimal(0) and o.notes == ("Only service-managed keys: no instance is needed.",)
    assert o.status == "ok"  # nothing to buy, nothing missing; no cluster or capacity note that does not apply
