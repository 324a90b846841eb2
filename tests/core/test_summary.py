"""Summary rows (core.summary): totals, averages, difference to the cheapest, as the table shows them."""

from decimal import Decimal as D

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.summary import cheapest_total, summary_rows


def test_summary_rows_hand_computed():
    # 10 software keys, 1,000,000 calls a month, Apr-Jun 2027: KMS 1.0 = 1.82 hosting + 9.00 calls = 10.82.
    # Software instance: 500 a month x 3 = 1,500; Dedicated KMS: 1,799 x 3 = 5,397.
    group = KeyGroup(name="app", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=10,
                     calls_per_month=D(1_000_000))
    plan = Plan(name="t", start_month="2027-04", months=3, key_groups=(group,))
    c = compare(plan)
    rows = {r.id: r for r in summary_rows(c)}
    assert [r.id for r in summary_rows(c)] == [o.id for o in c.options]
    legacy = rows["payg-legacy"]
    assert legacy.cheapest and legacy.total == D("10.82") and legacy.difference == 0
    assert legacy.average == D("10.82") / 3
    assert rows["instance-software"].total == D(1500)
    assert rows["instance-software"].difference == D("1489.18")
    assert rows["dedicated"].difference == D("5386.18")
    assert not rows["dedicated"].cheapest
    assert cheapest_total(c) == D("10.82")
