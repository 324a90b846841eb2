"""`kms-planner import` and `kms-planner reconcile`: exit codes, the summary, never a half-written plan."""

import json
import subprocess
import sys
from pathlib import Path

from core.cli import main
from core.planfile import load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "imports"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_a_folder_and_a_terraform_plan(tmp_path, capsys):
    target = tmp_path / "estate.kmsplan"
    code, out, err = run(capsys, "import", FIXTURES / "cli-responses", FIXTURES / "terraform-plan.json",
                         "-o", target)
    assert code == 0 and err == ""
    assert out.startswith("Recognised 21 responses") and "Grouped 15 keys into 11 groups; 6 secrets." in out
    assert "Skipped 3:" in out and out.endswith(f"Wrote {target}.\n")
    plan = load(target)
    assert sum(g.count for g in plan.key_groups) == 15 and plan.secrets == 6 and plan.api_region == "mainland"


def test_malformed_input_exits_2_naming_file_and_field_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"KeyMetadata": {"KeyId": "k", "KeySpec": 5}}))
    target = tmp_path / "out.kmsplan"
    target.write_text("previous content")
    code, out, err = run(capsys, "import", bad, "-o", target)
    assert code == 2 and out == ""
    assert err == f"kms-planner: {bad}: KeyMetadata.KeySpec: must be text, got 5\n"
    assert target.read_text() == "previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.kmsplan"]  # no temp file left


def test_reconcile_json_and_table(tmp_path, capsys):
    plan = tmp_path / "p.kmsplan"
    plan.write_text(json.dumps({
        "format": "kms-cost-planner/plan", "version": 1, "name": "bill check", "site": "international",
        "api_region": "mainland", "start_month": "2026-01", "months": 2,
        "key_groups": [{"name": "app", "creator": "user", "protection": "SOFTWARE", "spec": "Aliyun_AES_256",
                        "count": 10, "calls_per_month": 1255000}]}))
    code, out, err = run(capsys, "reconcile", plan, FIXTURES / "bill-en.csv", "--format", "json",
                         "--map", "Key Rotation Service=hosting")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["currency"] == "USD"
    assert [(m["month"], m["billed"], m["modelled"], m["difference"]) for m in doc["months"]] == [
        ("2026-01", "10.66", "10.66", "0"), ("2026-02", "9.56", "10.6", "-1.04")]
    assert doc["unmapped_items"] == []
    code, out, _ = run(capsys, "reconcile", plan, FIXTURES / "bill-zh.csv")
    assert code == 0 and "2026-04" in out and "601.09" in out


def test_reconcile_refusals(tmp_path, capsys):
    plan = ROOT / "resources" / "samples" / "growing-saas.kmsplan"
    code, _, err = run(capsys, "reconcile", plan, FIXTURES / "bill-no-columns.csv")
    assert code == 2 and "bill-no-columns.csv: header: has no Billing Cycle / 账期" in err
    code, _, err = run(capsys, "reconcile", plan, FIXTURES / "bill-en.csv", "--map", "Key Rotation Service=fees")
    assert code == 2 and '--map "Key Rotation Service=fees": write ITEM=CATEGORY' in err


def test_the_entry_point_routes_import_without_qt(tmp_path):
    code = ("import sys; from desktop.launcher import main; rc = main(sys.argv[1:]); "
            "assert 'PySide6' not in sys.modules, 'Qt imported'; raise SystemExit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "import", str(FIXTURES / "terraform-plan.json"),
                           "-o", str(tmp_path / "tf.kmsplan")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Grouped 6 keys into 3 groups; 2 secrets." in proc.stdout
