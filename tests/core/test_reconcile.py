"""Billed vs modelled per billing month, item by item, with exact decimals."""

from decimal import Decimal
from pathlib import Path

from core.importers.bill import parse_bill
from core.importers.sources import read_sources
from core.plan import KeyGroup, Plan
from core.reconcile import apply_calls, as_json, as_table, reconcile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def _bill(name):
    (source,) = read_sources([FIXTURES / name])
    return parse_bill(source.text, source.name)


# 10 software keys, 1,255,000 calls a month at the mainland rate: January 2026 (31 days) models
# 310 version-days x 0.002 = 0.62 hosting and 125.5 x 0.08 = 10.04 calls, as the bill says.
PLAN = Plan(site="international", api_region="mainland", start_month="2026-01", months=2,
            key_groups=(KeyGroup(name="app", count=10, calls_per_month=Decimal(1_255_000)),))


def test_each_month_billed_modelled_difference_and_items():
    rec = reconcile(PLAN, _bill("bill-en.csv"))
    assert rec.option_id == "payg-legacy" and rec.currency == "USD"
    jan, feb = rec.months
    assert (jan.month, jan.billed, jan.modelled, jan.difference) == ("2026-01", Decimal("10.66"), Decimal("10.66"), 0)
    # February: 28 days -> 280 version-days = 0.56 hosting; calls modelled 10.04, billed 8.00; an unmapped 1.00
    assert (feb.billed, feb.modelled, feb.difference) == (Decimal("9.56"), Decimal("10.60"), Decimal("-1.04"))
    items = {i.item: (i.billed, i.modelled, i.difference) for i in feb.items}
    assert items == {"key hosting": (Decimal("0.56"), Decimal("0.560"), Decimal("0.000")),
                     "API calls": (Decimal("8.00"), Decimal("10.04"), Decimal("-2.04")),
                     "Key Rotation Service": (Decimal("1.00"), None, None)}
    assert rec.unmapped == ("Key Rotation Service",)
    assert (jan.calls, feb.calls) == (Decimal("1255000.0"), Decimal(1_000_000))
    assert rec.suggested_calls_per_month == Decimal(1_127_500)


def test_the_users_mapping_counts_an_item_where_they_say():
    rec = reconcile(PLAN, _bill("bill-en.csv"), {"Key Rotation Service": "hosting"})
    feb = rec.months[1]
    hosting = next(i for i in feb.items if i.category == "hosting")
    assert hosting.billed == Decimal("1.56") and hosting.bill_items == ("Key Hosting", "Key Rotation Service")
    assert rec.unmapped == ()


def test_json_is_exact_decimal_strings():
    doc = as_json(reconcile(PLAN, _bill("bill-en.csv")))
    assert doc["currency"] == "USD"
    assert [(m["month"], m["billed"], m["modelled"], m["difference"]) for m in doc["months"]] == [
        ("2026-01", "10.66", "10.66", "0"), ("2026-02", "9.56", "10.6", "-1.04")]
    assert doc["months"][1]["items"][2] == {
        "item": "Key Rotation Service", "category": "unmapped", "bill_items": ["Key Rotation Service"],
        "billed": "1", "modelled": None, "difference": None, "usage": "1", "unit": "Month"}
    assert doc["suggested_calls_per_month"] == "1127500"


def test_chinese_bill_months_outside_the_horizon_and_another_currency():
    rec = reconcile(PLAN, _bill("bill-zh.csv"))
    assert [(m.month, m.billed) for m in rec.months] == [("2026-03", Decimal("15.87")), ("2026-04", Decimal("601.09"))]
    assert not rec.months[0].in_horizon
    assert any("outside the plan's horizon" in n for n in rec.notes)
    assert any("The bill is in CNY but the plan's prices" in n for n in rec.notes)
    assert rec.suggested_calls_per_month == Decimal(6_152_500)  # (300,000 + 12,005,000) / 2


def test_instance_items_compare_with_the_instance_option():
    text = ("Billing Cycle,Product Code,Billable Item,Usage,Usage Unit,Pretax Amount,Currency\n"
            "2026-01,kms,Software Key Management Instance,1,Month,500.00,USD\n")
    rec = reconcile(PLAN, parse_bill(text, "b.csv"))
    assert rec.option_id == "instance-software"
    (month,) = rec.months
    assert month.billed == Decimal("500.00") and month.items[0].category == "instance"


def test_apply_calls_spreads_by_keys_in_whole_calls():
    plan = Plan(key_groups=(KeyGroup(name="a", count=1), KeyGroup(name="b", count=2),
                            KeyGroup(name="svc", creator="service", count=5)))
    out = apply_calls(plan, Decimal(1000))
    assert [g.calls_per_month for g in out.key_groups] == [Decimal(333), Decimal(667), Decimal(0)]


def test_table_lists_months_and_total():
    table = as_table(reconcile(PLAN, _bill("bill-en.csv")))
    assert "2026-02                    9.56          10.60          -1.04" in table
    assert table.splitlines()[0] == "Billed vs modelled (KMS 1.0 pay-as-you-go), USD"
