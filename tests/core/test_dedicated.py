"""Dedicated KMS: a flat monthly fee that depends on the site."""

from decimal import Decimal

from core.compare import compare
from core.plan import KeyGroup, Plan


def _option(site, *groups, months=3):
    return compare(Plan(site=site, start_month="2027-01", months=months, key_groups=groups)).option("dedicated")


def test_international_and_china_prices():
    assert _option("international", KeyGroup(count=5000)).monthly == (Decimal(1799),) * 3
    assert _option("china", KeyGroup(count=1)).total == Decimal(7197)  # 3 x 2,399


def test_notes_say_what_is_assumed():
    notes = _option("international", KeyGroup()).notes
    assert any("included key count and QPS are not published" in n for n in notes)
    assert "An expired instance is disabled at once and released on the 16th day after expiry." in notes


def test_no_instance_for_service_managed_keys_only():
    o = _option("international", KeyGroup(creator="service"))
    assert o.total == Decimal(0) and "Only service-managed keys: no instance is needed." in o.notes
