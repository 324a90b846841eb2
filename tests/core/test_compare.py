"""The comparison: totals, cumulative curves, cheapest overall and per month, break-evens, reasons."""

from dataclasses import replace
from decimal import Decimal

from core.compare import compare
from core.options.base import Line, OptionCost
from core.plan import KeyGroup, Plan

D = Decimal


def _doubling_calls() -> Plan:
    """One software key whose calls double each month; KMS 1.0 priced at 1 per 10,000 calls, free hosting.

    KMS 1.0 then costs 100, 200, 400, 800, 1,600 (cumulative 100, 300, 700, 1,500, 3,100) against a
    software instance's 500 a month (cumulative 500, 1,000, 1,500, 2,000, 2,500). A 2024 plan of an
    account that already used KMS 1.0, so both options are `ok` and ranked.
    """
    return Plan(name="doubling", start_month="2024-04", months=5, kms1_user=True,
                key_groups=(KeyGroup(count=1, calls_per_month=D(1_000_000), calls_growth_pct=D(100)),),
                price_overrides={"payg-legacy.hosting.software": D(0), "payg-legacy.api.basic.outside_mainland": D(1)})


def test_monthly_cumulative_and_totals():
    c = compare(_doubling_calls())
    assert c.option("payg-legacy").monthly == (D(100), D(200), D(400), D(800), D(1600))
    assert c.cumulative("payg-legacy") == (D(100), D(300), D(700), D(1500), D(3100))
    assert c.cumulative("instance-software") == (D(500), D(1000), D(1500), D(2000), D(2500))
    assert c.option("instance-software").total == D(2500)
    assert c.months == ("2024-04", "2024-05", "2024-06", "2024-07", "2024-08") and c.currency == "USD"


def test_break_even_month_and_reason():
    c = compare(_doubling_calls())
    pair = [e for e in c.break_evens() if {e.cheaper, e.dearer} == {"payg-legacy", "instance-software"}]
    assert len(pair) == 1
    e = pair[0]
    assert (e.cheaper, e.dearer, e.month, e.label) == ("instance-software", "payg-legacy", 4, "2024-08")
    assert e.reason == (
        "Software key management instance (subscription) becomes cheaper in total than KMS 1.0 "
        "pay-as-you-go from 2024-08 (month 5): the “API calls” line of KMS 1.0 PAYG rises from 100.00 "
        "to 1,600.00 USD a month as calls grow from 1,000,000 to 16,000,000 a month.")
    assert e.reason in c.reasons()


def _fake(c, *options):
    return replace(c, options=tuple(options))


def _opt(option_id, *monthly, available=True, notes=()):
    return OptionCost(option_id, option_id.upper(), available, (Line("fee", tuple(D(v) for v in monthly)),),
                      tuple(notes), len(monthly))


def test_a_tie_then_a_crossing_is_found():
    c = compare(Plan(start_month="2027-01", months=4, key_groups=(KeyGroup(),)))
    # cumulative A 10, 20, 30, 40; B 30, 30, 30, 30: equal in month 3, B cheaper from month 4
    c = _fake(c, _opt("payg-legacy", 10, 10, 10, 10), _opt("dedicated", 30, 0, 0, 0))
    [e] = c.break_evens()
    assert (e.cheaper, e.dearer, e.month, e.label) == ("dedicated", "payg-legacy", 3, "2027-04")
    assert e.reason.endswith(": the “fee” line of Dedicated KMS falls from 30.00 to 0.00 USD a month.")


def test_touching_without_crossing_is_not_a_break_even():
    c = compare(Plan(start_month="2027-01", months=3, key_groups=(KeyGroup(),)))
    c = _fake(c, _opt("payg-legacy", 10, 10, 10), _opt("dedicated", 20, 0, 10))  # cum 10,20,30 vs 20,20,30
    assert c.break_evens() == ()


def test_cheapest_overall_and_by_month_and_differences():
    c = compare(Plan(start_month="2027-01", months=4, key_groups=(KeyGroup(),)))
    c = _fake(c, _opt("payg-legacy", 10, 10, 10, 10), _opt("dedicated", 30, 0, 0, 0),
              _opt("instance-software", 1, 1, 1, 1, available=False, notes=["Needs a price."]))
    assert c.cheapest == "dedicated"  # 30 < 40; the unavailable option (4) is never cheapest
    assert c.cheapest_by_month() == ("payg-legacy", "dedicated", "dedicated", "dedicated")
    assert c.difference_to_cheapest("payg-legacy") == D(10)
    assert c.reasons() == (
        "DEDICATED is the cheapest over 4 months, 10.00 USD less than PAYG-LEGACY.",
        "Cheapest month by month: PAYG-LEGACY from 2027-01; DEDICATED from 2027-02.",
        "DEDICATED becomes cheaper in total than PAYG-LEGACY from 2027-04 (month 4): the “fee” line of "
        "Dedicated KMS falls from 30.00 to 0.00 USD a month.",
        "INSTANCE-SOFTWARE is not ranked (cannot serve): Needs a price.",
    )


def test_ties_go_to_the_earlier_option():
    c = compare(Plan(start_month="2027-01", months=2, key_groups=(KeyGroup(),)))
    c = _fake(c, _opt("payg-legacy", 5, 5), _opt("dedicated", 5, 5))
    assert c.cheapest == "payg-legacy" and c.cheapest_by_month() == ("payg-legacy", "payg-legacy")


def test_nothing_priceable():
    c = compare(Plan(site="china", months=1, key_groups=(KeyGroup(),)))
    c = _fake(c, _opt("dedicated", 1, available=False, notes=["Needs the price."]))
    assert c.cheapest is None and c.difference_to_cheapest("dedicated") is None
    assert c.reasons()[0] == "No option is fully priced and able to serve this plan, so none is ranked."


def test_every_option_is_priced_for_a_sample():
    c = compare(Plan(key_groups=(KeyGroup(count=10),)))
    assert [o.id for o in c.options] == ["payg-legacy", "instance-software", "instance-hardware",
                                        "payg-instance-software", "payg-instance-hardware", "dedicated"]
    assert all(len(o.monthly) == 36 for o in c.options)
