"""A CSV of key groups with the inventory's headers imports through core.group_rows; a bill CSV
given to import is pointed to reconcile instead."""

from pathlib import Path

from core.importers.estate import import_paths, import_sources
from core.importers.sources import Source

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def test_inventory_csv_becomes_groups():
    text = ("Name,Creator,Protection,Key spec,Keys,Versions,Rotation,State,Calls / month\n"
            "disk keys,User,Software,Aliyun_AES_256,40,1,365 days,Enabled,\"3,000,000\"\n"
            "signing,User,HSM,RSA_2048,2,1,none,Enabled,60k\n")
    r = import_sources([Source("groups.csv", text)])
    assert [(g.name, g.count, g.rotation_days, int(g.calls_per_month)) for g in r.groups] == [
        ("disk keys", 40, 365, 3_000_000), ("signing", 2, None, 60_000)]
    assert r.recognised == (("groups.csv", "key-group CSV"),)


def test_a_bad_row_is_skipped_with_its_reason():
    text = "Name,Keys\nok,3\nbad,-5\n"
    r = import_sources([Source("g.csv", text)])
    assert [(g.name, g.count) for g in r.groups] == [("ok", 3)]
    assert any(src == "g.csv" and why.startswith("Row 3") for src, why in r.skipped)


def test_a_bill_given_to_import_points_to_reconcile():
    r = import_paths([FIXTURES / "bill-en.csv", FIXTURES / "terraform-plan.json"])
    assert any("a bill-details CSV: reconcile the plan with it instead" in why for _, why in r.skipped)
