"""The three worked examples of "Billing of KMS 1.0" (shared/seeds), reproduced to the cent.

The seed prices a month as 30 days, outside the mainland (Singapore): April has 30 days. The examples are
historical plans of an existing KMS 1.0 customer (April 2024, `kms1_user`), when the seed page applied: KMS 1.0
is then `ok` and the answer (issue 8), as the page says.
"""

from decimal import Decimal

import pytest

from core.compare import compare
from core.plan import KeyGroup, Plan


def _one_key(spec: str, calls: int) -> Plan:
    group = KeyGroup(name="cmk", creator="user", protection="HSM", spec=spec, count=1,
                     calls_per_month=Decimal(calls))
    return Plan(name="seed", site="international", api_region="outside_mainland",
                start_month="2024-04", months=1, key_groups=(group,), kms1_user=True)


def _lines(plan: Plan) -> dict[str, Decimal]:
    option = compare(plan).option("payg-legacy")
    assert option.status == "ok"
    return {line.item: line.monthly[0] for line in option.lines} | {"total": option.monthly[0]}


def test_example_1_cloud_disk_encryption():
    lines = _lines(_one_key("Aliyun_AES_256", 750))
    assert lines["key hosting"] == Decimal("0.99")  # the page rounds 0.033 x 30 to 1 for display
    assert lines["API calls"] == Decimal("0.00225")  # the page shows 0.002 (0.03 x 750 / 10,000)
    assert lines["total"] == Decimal("0.99225")


def test_example_1_with_a_service_managed_key_is_free():
    plan = _one_key("Aliyun_AES_256", 750)
    plan = plan.with_(key_groups=[plan.key_groups[0].with_(creator="service")])
    assert _lines(plan)["total"] == Decimal("0")


def test_example_2_oss_client_side_encryption():
    lines = _lines(_one_key("Aliyun_AES_256", 2_010_000))
    assert lines["API calls"] == Decimal("6.03")
    assert lines["total"] == Decimal("7.02")  # 0.99 + 6.03; the page shows 1 + 6.03 = 7.03


def test_example_3_signature_generation():
    lines = _lines(_one_key("EC_P256", 100_000))
    assert lines["key hosting"] == Decimal("2.49")
    assert lines["API calls"] == Decimal("1.50")
    assert lines["total"] == Decimal("3.99")


def test_contract_example_two_calendar_months():
    plan = _one_key("Aliyun_AES_256", 750).with_(months=2)
    option = compare(plan).option("payg-legacy")
    assert option.monthly == (Decimal("0.99225"), Decimal("1.02525"))
    assert option.total == Decimal("2.0175")
    assert [line.monthly for line in option.lines] == [
        (Decimal("0.99"), Decimal("1.023")),
        (Decimal("0.00225"), Decimal("0.00225")),
    ]


# The same three examples as the sample plan files the app ships, quoted as the CLI prints them.
SAMPLE_QUOTES = {
    "seed-example-1-disk-encryption.kmsplan": {"key hosting": "0.99", "API calls": "0.00225", "total": "0.99225"},
    "seed-example-2-oss-client-encryption.kmsplan": {"key hosting": "0.99", "API calls": "6.03", "total": "7.02"},
    "seed-example-3-signatures.kmsplan": {"key hosting": "2.49", "API calls": "1.5", "total": "3.99"},
}


@pytest.mark.parametrize("name,expected", SAMPLE_QUOTES.items())
def test_seed_sample_files_quote_the_worked_examples(name, expected):
    from core.paths import samples_dir
    from core.planfile import load
    from core.quote import quote_dict

    q = quote_dict(compare(load(samples_dir() / name)))
    legacy = q["options"][0]
    assert legacy["id"] == "payg-legacy" and q["months"] == ["2024-04"] and legacy["status"] == "ok"
    assert {line["item"]: line["monthly"][0] for line in legacy["lines"]} | {"total": legacy["total"]} == expected
    assert q["cheapest"] == "payg-legacy"
    shown = {"0.99225": "0.99", "7.02": "7.02", "3.99": "3.99"}[expected["total"]]
    assert q["headline"].startswith(f"Cheapest fully priced: KMS 1.0 PAYG, {shown} USD over 1 month. Not ranked: ")
