"""Bill-details CSVs with English or Chinese headers: KMS rows only, items sorted by unit."""

from decimal import Decimal
from pathlib import Path

import pytest

from core.importers.bill import calls_in, categorise, classify, looks_like_bill, parse_bill
from core.importers.errors import ImportRefused
from core.importers.sources import read_sources

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def _bill(name):
    (source,) = read_sources([FIXTURES / name])
    return parse_bill(source.text, source.name)


def test_english_headers_sum_to_the_cent_and_ignore_other_products():
    bill = _bill("bill-en.csv")
    assert bill.months == ("2026-01", "2026-02") and bill.currency == "USD" and bill.other_rows == 2
    assert bill.billed("2026-01") == Decimal("10.66") and bill.billed("2026-02") == Decimal("9.56")
    assert categorise(bill) == {"API Requests": "calls", "Key Hosting": "hosting", "Key Rotation Service": "unmapped"}
    assert categorise(bill, {"Key Rotation Service": "hosting"})["Key Rotation Service"] == "hosting"
    calls = [calls_in(r) for r in bill.rows if r.item == "API Requests"]
    assert calls == [Decimal("1255000.0"), Decimal("1000000")]


def test_chinese_headers_with_a_bom_and_grouped_usage():
    bill = _bill("bill-zh.csv")
    assert bill.months == ("2026-03", "2026-04") and bill.currency == "CNY" and bill.other_rows == 1
    assert bill.billed("2026-03") == Decimal("15.87") and bill.billed("2026-04") == Decimal("601.09")
    assert categorise(bill) == {"API调用": "calls", "密钥托管": "hosting"}
    assert [calls_in(r) for r in bill.rows if r.item == "API调用"] == [Decimal(300000), Decimal("12005000.0")]


def test_gb18030_export_reads_too(tmp_path):
    text = (FIXTURES / "bill-zh.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "gbk.csv").write_bytes(text.encode("gb18030"))
    (source,) = read_sources([tmp_path / "gbk.csv"])
    assert parse_bill(source.text, "gbk.csv").billed("2026-04") == Decimal("601.09")


def test_classify_by_unit_then_name():
    assert classify("Anything", "10,000 Calls") == "calls"
    assert classify("Key Hosting", "Key Version*Day") == "hosting"
    assert classify("KMS instance (software)", "Month") == "instance"
    assert classify("凭据托管", "个*天") == "secrets"
    assert classify("Mystery", "Unit") == "unmapped"


def test_a_csv_without_the_needed_columns_is_named():
    with pytest.raises(ImportRefused) as err:
        _bill("bill-no-columns.csv")
    message = str(err.value)
    assert "bill-no-columns.csv: header: has no Billing Cycle / 账期 or Product Code / 产品代码 or " \
           "Pretax Amount / 应付金额 column (its columns: Month, Service, Cost)" in message
    assert not looks_like_bill((FIXTURES / "bill-no-columns.csv").read_text())
    assert looks_like_bill((FIXTURES / "bill-en.csv").read_text())


@pytest.mark.parametrize("row, where, problem", [
    ("2026-13,kms,1.00", "line 2, Billing Cycle", 'must be a billing month such as "2026-03", got "2026-13"'),
    ("2026-01,kms,abc", "line 2, Pretax Amount", 'must be an amount such as "12.34", got "abc"'),
])
def test_bad_cells_name_the_line_and_column(row, where, problem):
    with pytest.raises(ImportRefused) as err:
        parse_bill("Billing Cycle,Product Code,Pretax Amount\n" + row + "\n", "b.csv")
    assert str(err.value) == f"b.csv: {where}: {problem}"


def test_a_bill_without_kms_rows():
    with pytest.raises(ImportRefused, match="has no rows with product code kms \\(1 row of other products\\)"):
        parse_bill("Billing Cycle,Product Code,Pretax Amount\n2026-01,ecs,3\n", "b.csv")
