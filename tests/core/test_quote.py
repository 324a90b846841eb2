"""The headless quote: the contract's JSON reproduced exactly, and a readable table."""

import json
from decimal import Decimal

from core.compare import compare
from core.money import fmt_exact, fmt_money, parse_decimal
from core.plan import KeyGroup, Plan
from core.quote import quote_dict, quote_json, quote_table

# The example quote of plan-format-v1.md, verbatim (it lists the KMS 1.0 option only). Its amounts are
# kept to the digit; its plan (April 2027, an account that never used KMS 1.0) can no longer buy KMS 1.0,
# so under issue 8's status rules `available` is false, `cheapest` is null (no option is `ok`) and the
# notes lead with the reasons (docs/plan-format.md, "The example quote under the status rules").
CONTRACT_QUOTE = """{
  "plan": "Disk encryption in Singapore",
  "currency": "USD",
  "months": ["2027-04", "2027-05"],
  "options": [
    {
      "id": "payg-legacy",
      "label": "KMS 1.0 pay-as-you-go",
      "available": true,
      "monthly": ["0.99225", "1.02525"],
      "total": "2.0175",
      "lines": [
        {"item": "key hosting", "monthly": ["0.99", "1.023"]},
        {"item": "API calls", "monthly": ["0.00225", "0.00225"]}
      ],
      "notes": ["KMS 1.0 reached end of service on 2025-09-30; existing users only."]
    }
  ],
  "cheapest": "payg-legacy"
}"""


def contract_plan() -> Plan:
    """The contract's example plan over the two months its example quote shows."""
    group = KeyGroup(name="disk-cmk", creator="user", protection="HSM", spec="Aliyun_AES_256", count=1,
                     calls_per_month=Decimal(750))
    return Plan(name="Disk encryption in Singapore", site="international", api_region="outside_mainland",
                start_month="2027-04", months=2, key_groups=(group,))


def test_contract_example_quote_is_reproduced_field_for_field():
    expected = json.loads(CONTRACT_QUOTE)
    actual = json.loads(quote_json(compare(contract_plan())))
    for key in ("plan", "currency", "months"):
        assert actual[key] == expected[key]
    assert actual["cheapest"] is None  # the status rules: no option is ok for this plan
    [legacy] = [o for o in actual["options"] if o["id"] == "payg-legacy"]
    kept = ("id", "label", "monthly", "total", "lines")
    assert {k: legacy[k] for k in kept} == {k: expected["options"][0][k] for k in kept}
    assert legacy["available"] is False and legacy["status"] == "unavailable"
    assert legacy["first_problem_month"] == "2027-04" and legacy["figure_kind"] == "reference"
    assert legacy["status_reasons"] == [
        "KMS 1.0 reached end of service on 2025-09-30 (KMS 1.0 to 3.0 migration FAQ): nobody can pay this way "
        "from 2027-04; its figures are shown for reference."]
    assert legacy["notes"] == legacy["status_reasons"]
    assert list(legacy)[:7] == ["id", "label", "available", "monthly", "total", "lines", "notes"]
    assert [o["id"] for o in actual["options"]] == ["payg-legacy", "instance-software", "instance-hardware",
                                                   "payg-instance-software", "payg-instance-hardware", "dedicated"]


def existing_customer_plan() -> Plan:
    """The contract's plan two years earlier, for an account that used KMS 1.0: KMS 1.0 is ok and cheapest."""
    return contract_plan().with_(start_month="2024-04", kms1_user=True)


def test_quote_extensions():
    q = quote_dict(compare(existing_customer_plan()))
    assert q["cheapest"] == "payg-legacy"
    assert q["cheapest_by_month"] == ["payg-legacy", "payg-legacy"]
    assert q["break_even"] == []
    assert q["reasons"][0].startswith("KMS 1.0 pay-as-you-go is the cheapest over 2 months")
    hardware = next(o for o in q["options"] if o["id"] == "instance-hardware")
    assert hardware["details"] == {"instances": [1, 1], "route": ["instances", "instances"]}
    assert hardware["monthly"] == ["1799", "1799"] and hardware["total"] == "3598"
    assert hardware["status"] == "incomplete" and hardware["first_problem_month"] == "2024-04"
    assert hardware["figure_kind"] == "lower-bound" and hardware["monthly_status"] == ["incomplete"] * 2
    assert q["headline"] == (
        "Cheapest fully priced: KMS 1.0 PAYG, 2.02 USD over 2 months. Not ranked: Software instance (holds no "
        "HSM keys), Hardware instance (Cloud HSM cluster price not entered), Software instance PAYG (holds no HSM "
        "keys), Hardware instance PAYG (Cloud HSM cluster price not entered), Dedicated KMS (capacity not "
        "published).")


def test_every_option_has_a_status_in_the_quote():
    q = quote_dict(compare(contract_plan()))
    assert {o["id"]: o["status"] for o in q["options"]} == {
        "payg-legacy": "unavailable", "instance-software": "unavailable", "instance-hardware": "incomplete",
        "payg-instance-software": "unavailable", "payg-instance-hardware": "incomplete", "dedicated": "unverified"}
    assert all(o["available"] == (o["status"] == "ok") for o in q["options"])
    assert q["cheapest"] is None and q["cheapest_by_month"] == [None, None]


def test_unavailable_option_in_the_quote():
    q = quote_dict(compare(contract_plan()))
    soft = next(o for o in q["options"] if o["id"] == "instance-software")
    assert soft["available"] is False
    assert soft["notes"][0] == ("The plan has 1 HSM-protected key; a software key management instance "
                                "holds software keys only.")


def test_amounts_are_exact_decimal_strings():
    assert fmt_exact(Decimal("1E+3")) == "1000"
    assert fmt_exact(Decimal("0.10")) == "0.1"
    assert fmt_exact(Decimal("-0.00")) == "0"
    assert fmt_exact(Decimal("1E-12")) == "0.000000000001"
    assert fmt_exact(Decimal("18870.45164441100202967206025")) == "18870.45164441100202967206025"


def test_money_helpers():
    assert fmt_money(Decimal("1234.565")) == "1,234.56"  # half to even
    assert fmt_money(Decimal("2.0175")) == "2.02"
    assert parse_decimal(" 1,200.50 ") == Decimal("1200.50")


def test_table_marks_the_cheapest_and_lists_reasons():
    text = quote_table(compare(existing_customer_plan()))
    lines = text.splitlines()
    assert lines[0] == ("Disk encryption in Singapore: 2024-04 to 2024-05 (2 months), "
                        "International site (alibabacloud.com)")
    assert lines[1].startswith("Cheapest fully priced: KMS 1.0 PAYG, 2.02 USD over 2 months. Not ranked: ")
    assert lines[3].split() == ["Option", "Total", "(USD)", "Per", "month", "vs", "cheapest"]
    legacy = next(line for line in lines if "KMS 1.0" in line and line.startswith("*"))
    assert legacy.split()[-3:] == ["2.02", "1.01", "cheapest"]
    soft = next(line for line in lines if line.startswith("  Software key management instance (subscription)"))
    assert soft.split()[-5:] == ["(reference)", "500.00", "(reference)", "cannot", "serve"]
    hard = next(line for line in lines if line.startswith("  Hardware key management instance (subscription)"))
    assert hard.split()[-6:] == ["≥", "3,598.00", "≥", "1,799.00", "lower", "bound"]
    dedicated = next(line for line in lines if line.startswith("  Dedicated KMS"))
    # Its HSM cluster is not priced either: the reference figure is also a lower bound.
    assert dedicated.split()[-9:] == ["≥", "3,598.00", "(reference)", "≥", "1,799.00", "(reference)", "capacity",
                                      "not", "published"]
    assert "- KMS 1.0 pay-as-you-go is the cheapest over 2 months" in text


def test_table_when_no_option_is_ok():
    lines = quote_table(compare(contract_plan())).splitlines()
    assert lines[1].startswith("No option is fully priced and able to serve this plan. Not ranked: KMS 1.0 PAYG "
                               "(ended 2025-09-30), ")
    legacy = next(line for line in lines if line.startswith("  KMS 1.0"))
    assert legacy.split()[-6:] == ["2.02", "(reference)", "1.01", "(reference)", "cannot", "serve"]
    assert not any(line.startswith("*") for line in lines)


def test_table_title_for_one_month():
    assert quote_table(compare(contract_plan().with_(months=1))).splitlines()[0] == (
        "Disk encryption in Singapore: 2027-04 (1 month), International site (alibabacloud.com)")
