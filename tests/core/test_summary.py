"""Summary rows (core.summary): totals, averages, difference to the cheapest, as the table shows them."""

from decimal import Decimal as D

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.summary import cheapest_total, summary_rows


def test_summary_rows_hand_computed():
    # 10 software keys, 1,000,000 calls a month, Apr-Jun 2024, an existing KMS 1.0 customer:
    # KMS 1.0 = 1.82 hosting + 9.00 calls = 10.82. Software instance: 500 a month x 3 = 1,500;
    # Dedicated KMS: 1,799 x 3 = 5,397 (for reference: its capacity is not published).
    group = KeyGroup(name="app", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=10,
                     calls_per_month=D(1_000_000))
    plan = Plan(name="t", start_month="2024-04", months=3, key_groups=(group,), kms1_user=True)
    c = compare(plan)
    rows = {r.id: r for r in summary_rows(c)}
    assert [r.id for r in summary_rows(c)] == [o.id for o in c.options]
    legacy = rows["payg-legacy"]
    assert legacy.cheapest and legacy.total == D("10.82") and legacy.difference == 0
    assert legacy.average == D("10.82") / 3
    assert rows["instance-software"].total == D(1500)
    assert rows["instance-software"].difference == D("1489.18")
    assert rows["dedicated"].total == D(5397) and rows["dedicated"].difference is None  # not ranked
    assert (rows["dedicated"].status, rows["dedicated"].figure_kind) == ("unverified", "reference")
    assert not rows["dedicated"].cheapest and rows["payg-legacy"].status == "ok"
    assert cheapest_total(c) == D("10.82")


def test_a_tie_is_marked_as_a_tie():
    from dataclasses import replace

    from core.options.base import Line, OptionCost

    def opt(oid, *monthly):
        return OptionCost(oid, oid, True, (Line("fee", tuple(D(v) for v in monthly)),), (), len(monthly))

    c = compare(Plan(start_month="2027-01", months=2, key_groups=(KeyGroup(),)))
    c = replace(c, options=(opt("payg-legacy", 5, 5), opt("instance-software", 5, 5), opt("dedicated", 6, 6)))
    rows = {r.id: r for r in summary_rows(c)}
    assert rows["payg-legacy"].tie and rows["instance-software"].tie and not rows["dedicated"].tie
    assert rows["instance-software"].difference == 0 and rows["dedicated"].difference == D(2)
