"""A Terraform JSON plan: counted and for_each resources once per instance, deletions left out."""

from pathlib import Path

from core.importers.estate import import_paths

PLAN = Path(__file__).resolve().parents[2] / "fixtures" / "imports" / "terraform-plan.json"


def test_counted_resources_once_per_instance_and_deletion_excluded():
    r = import_paths([PLAN])
    got = {(g.protection, g.spec, g.state, g.rotation_days, g.versions): g.count for g in r.groups}
    assert got == {
        ("SOFTWARE", "Aliyun_AES_256", "Enabled", 90, 1): 3,  # alicloud_kms_key.app[0..2], 7776000s
        ("HSM", "RSA_3072", "Enabled", None, 1): 2,           # signing["prod"], signing["staging"]
        ("SOFTWARE", "Aliyun_SM4", "Disabled", None, 1): 1,   # archive (no-op: still exists)
    }
    assert r.keys == 6 and r.secrets == 2  # alicloud_kms_secret.db[0], db[1]
    assert any("1 KMS resource the plan deletes" in why for _, why in r.skipped)  # alicloud_kms_key.legacy
    assert r.api_region == "outside_mainland"  # provider region eu-central-1
    (inst,) = r.instances
    assert (inst.instance_id, inst.qps, inst.key_quota, inst.secret_quota, inst.vpc_quota, inst.payment) == \
        ("alicloud_kms_instance.main", 1000, 1000, 0, 1, "Subscription")
    assert inst.sentence().startswith("The Terraform plan holds a 1,000-QPS instance")
    assert [k for _, k in r.recognised] == ["Terraform plan"]


def test_rotation_interval_in_days_and_a_plan_without_kms(tmp_path):
    doc = {"format_version": "1.2", "resource_changes": [
        {"address": "alicloud_kms_key.k", "type": "alicloud_kms_key", "mode": "managed",
         "change": {"actions": ["update"], "after": {"automatic_rotation": "Enabled", "rotation_interval": "7d"}}},
        {"address": "alicloud_vpc.v", "type": "alicloud_vpc", "change": {"actions": ["create"], "after": {}}}]}
    import json
    (tmp_path / "p.json").write_text(json.dumps(doc))
    r = import_paths([tmp_path / "p.json"])
    assert [(g.rotation_days, g.count) for g in r.groups] == [(7, 1)]
    (tmp_path / "p.json").write_text(json.dumps({"format_version": "1.2", "resource_changes": []}))
    r = import_paths([tmp_path / "p.json"])
    assert r.groups == () and any("no alicloud_kms_key" in why for _, why in r.skipped)
