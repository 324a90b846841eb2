"""KMS API responses saved by the command-line client become key groups: every group, count,
version, rotation, the region, the secrets and the instance, from fixtures written for these tests."""

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from core.compare import compare
from core.importers.estate import import_paths, merge_into, to_plan
from core.plan import KeyGroup, Plan
from core.planfile import dumps, loads

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
RESPONSES = FIXTURES / "cli-responses"


@pytest.fixture(scope="module")
def result():
    return import_paths([RESPONSES])


def _group(result, **want) -> KeyGroup:
    found = [g for g in result.groups if all(getattr(g, k) == v for k, v in want.items())]
    assert len(found) == 1, (want, result.groups)
    return found[0]


def test_every_group_with_its_count_versions_and_rotation(result):
    got = {(g.creator, g.protection, g.spec, g.state, g.rotation_days, g.versions): g.count for g in result.groups}
    assert got == {
        ("user", "SOFTWARE", "Aliyun_AES_256", "Enabled", 365, 3): 2,   # key-a1, key-a2: 31536000s, 3 versions each
        ("user", "SOFTWARE", "Aliyun_AES_256", "Enabled", None, 1): 1,  # key-b1: rotation Disabled
        ("user", "SOFTWARE", "Aliyun_AES_256", "Enabled", 30, 2): 1,    # key-h1: 2592000s, 2 versions
        ("user", "HSM", "RSA_2048", "Enabled", None, 1): 1,             # key-c1
        ("user", "HSM", "EC_P256", "Disabled", None, 1): 1,             # key-d1
        ("user", "HSM", "EC_SM2", "Enabled", None, 1): 1,               # key-g1: rotation Suspended -> none
        ("user", "SOFTWARE", "Aliyun_SM4", "PendingDeletion", None, 1): 1,  # key-e1
        ("service", "SOFTWARE", "Aliyun_AES_256", "Enabled", None, 1): 1,  # key-f1: Creator "Oss"
    }
    assert result.keys == 9
    assert _group(result, rotation_days=365).name == "Aliyun_AES_256, software, rotated every 365 days, 3 versions"
    assert all(g.calls_per_month == 0 for g in result.groups)


def test_region_secrets_and_instance(result):
    assert result.api_region == "mainland"  # 8 keys in cn-hangzhou, 1 in ap-southeast-1
    assert any("both mainland China and other regions (ap-southeast-1, cn-hangzhou)" in n for n in result.notes)
    assert result.secrets == 4  # db-password, api-token, rds-root (listed and described), ssh-key (described)
    (inst,) = result.instances
    assert (inst.instance_id, inst.kind, inst.qps, inst.key_quota, inst.secret_quota, inst.vpc_quota) == \
        ("kst-hzz65f1aa0fixture01", "software", 2000, 1000, 100, 1)
    assert inst.keys_imported == 2 and inst.keys_used == 2
    assert inst.sentence().startswith("You already pay for a 2,000-QPS software instance (kst-hzz65f1aa0fixture01)")
    assert "2,000-QPS software instance" in result.summary()


def test_skipped_and_notes_say_why(result):
    skipped = dict((Path(s).name, why) for s, why in result.skipped)
    assert "PendingImport" in skipped["describe-key-i1.json"]
    assert "not a KMS API response" in skipped["not-kms.json"] and "Vpcs" in skipped["not-kms.json"]
    assert any(n.startswith("6 keys have no ListKeyVersions response: counted with 1 version each") for n in result.notes)
    assert any("Calls per month are not in these files" in n for n in result.notes)
    kinds = sorted(k for _, k in result.recognised)
    assert kinds.count("DescribeKey") == 10 and kinds.count("ListKeyVersions") == 3
    summary = result.summary()
    assert summary.startswith("Recognised 20 responses") and "Grouped 9 keys into 8 groups; 4 secrets." in summary


def test_shape_not_name_decides(tmp_path, result):
    """Renamed files, one JSON array of every response, or the folder: the same groups."""
    for i, path in enumerate(sorted(RESPONSES.rglob("*.json"))):
        shutil.copy(path, tmp_path / f"response-{i:02d}.txt")
    assert import_paths([tmp_path]).groups == result.groups
    everything = []
    for path in sorted(RESPONSES.rglob("*.json")):
        doc = json.loads(path.read_text())
        everything.extend(doc if isinstance(doc, list) else [doc])
    (tmp_path / "all.json").write_text(json.dumps(everything))
    again = import_paths([tmp_path / "all.json"])
    assert again.groups == result.groups and again.secrets == 4


def test_a_quote_of_the_imported_plan_gives_hand_computed_figures(result):
    plan = to_plan(result).with_(start_month="2027-01", months=1)
    plan = loads(dumps(plan))  # what the CLI writes is what is quoted
    legacy = compare(plan).option("payg-legacy")
    hosting = next(line for line in legacy.lines if line.item == "key hosting")
    # January 2027, 31 days. Software: 2 keys x 3 versions x 31 = 186, 1 x 31 = 31, key-h1 2 versions
    # for 30 days and 3 on day 31 (30-day rotation) = 63: 280 version-days x 0.002 = 0.56.
    # Basic HSM (RSA_2048): 31 x 0.033 = 1.023. Advanced HSM (EC_P256 disabled, EC_SM2): 62 x 0.083 = 5.146.
    # Service key free; Pending Deletion free.
    assert hosting.monthly == (Decimal("6.729"),)
    assert plan.secrets == 4 and plan.api_region == "mainland"
    assert "You already pay for a 2,000-QPS software instance" in plan.extensions["notes"]


def test_add_to_or_replace_an_inventory(result):
    base = Plan(key_groups=(KeyGroup(name="mine", count=5),), secrets=2)
    added = merge_into(base, result, replace=False)
    assert added.key_groups[0].name == "mine" and len(added.key_groups) == 9 and added.secrets == 6
    assert added.api_region == "outside_mainland"  # adding keeps the plan's region
    replaced = merge_into(base, result, replace=True)
    assert replaced.key_groups == result.groups and replaced.secrets == 4 and replaced.api_region == "mainland"


def test_listed_keys_without_describe_and_missing_pages_are_reported(tmp_path):
    (tmp_path / "keys.json").write_text(json.dumps({
        "Keys": {"Key": [{"KeyId": "k1", "KeyArn": "acs:kms:cn-beijing:1:key/k1"}, {"KeyId": "k2"}]},
        "TotalCount": 50, "PageNumber": 1, "PageSize": 2}))
    (tmp_path / "k1.json").write_text(json.dumps({"KeyMetadata": {"KeyId": "k1", "KeySpec": "RSA_3072",
                                                                  "ProtectionLevel": "HSM", "Creator": "123"}}))
    r = import_paths([tmp_path])
    assert [(g.spec, g.count) for g in r.groups] == [("RSA_3072", 1)]
    assert any("1 listed key without a DescribeKey response" in why and "k2" in why for _, why in r.skipped)
    assert any("ListKeys reports 50 keys in all but only 2 appear" in n for n in r.notes)
