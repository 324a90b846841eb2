"""Malformed input gets one clear message naming the file and the field; nothing else happens."""

import json
import os

import pytest

from core.importers import sources
from core.importers.errors import ImportRefused
from core.importers.estate import import_paths


def _refusal(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    with pytest.raises(ImportRefused) as err:
        import_paths([path])
    return str(err.value)


@pytest.mark.parametrize("doc, where, problem", [
    ({"KeyMetadata": {"KeyId": "k", "KeySpec": 5}}, "KeyMetadata.KeySpec", "must be text, got 5"),
    ({"KeyMetadata": {"KeyId": "k", "KeyState": "Gone"}}, "KeyMetadata.KeyState",
     'must be Enabled, Disabled, PendingDeletion or PendingImport, got "Gone"'),
    ({"KeyMetadata": {"KeyId": "k", "AutomaticRotation": "Enabled", "RotationInterval": "a year"}},
     "KeyMetadata.RotationInterval", 'must be a duration such as "31536000s" or "365d", got "a year"'),
    ({"KeyMetadata": {"KeyId": "k", "AutomaticRotation": "Enabled", "RotationInterval": "86400s"}},
     "KeyMetadata.RotationInterval", 'must be from 7 to 730 days, got "86400s" (1 days)'),
    ({"KeyMetadata": {"KeySpec": "RSA_2048"}}, "KeyMetadata.KeyId", "is missing: every DescribeKey response names its key"),
    ({"Keys": {"Key": "k1"}}, "Keys.Key", "must be a list, got \"k1\""),
    ({"Keys": {"Key": [{"KeyId": 7}]}}, "Keys.Key[0].KeyId", "must be text, got 7"),
    ({"KeyVersions": {"KeyVersion": []}, "TotalCount": "many"}, "TotalCount", 'must be a whole number, got "many"'),
    ({"SecretList": {"Secret": [{"SecretName": ["x"]}]}}, "SecretList.Secret[0].SecretName", "must be text, got a list"),
    ({"KmsInstance": {"InstanceId": "kst-1", "Spec": -2}}, "KmsInstance.Spec",
     "must be a whole number from 0 to 1,000,000,000, got -2"),
    ({"KmsInstance": {"InstanceId": "kst-1", "KeyNum": 1.5}}, "KmsInstance.KeyNum", "must be a whole number, got 1.5"),
    ({"resource_changes": [{"type": "alicloud_kms_key", "change": {"actions": ["create"],
                                                                   "after": {"key_spec": True}}}]},
     "resource_changes[0].change.after.key_spec", "must be text, got true"),
])
def test_wrong_types_name_the_file_and_path(tmp_path, doc, where, problem):
    assert _refusal(tmp_path, "r.json", json.dumps(doc)) == f"{tmp_path / 'r.json'}: {where}: {problem}"


def test_the_path_inside_a_json_array(tmp_path):
    doc = [{"KeyMetadata": {"KeyId": "a"}}, {"KeyMetadata": {"KeyId": "b", "ProtectionLevel": 3}}]
    assert _refusal(tmp_path, "r.json", json.dumps(doc)).endswith("r.json: [1].KeyMetadata.ProtectionLevel: must be text, got 3")


def test_truncated_json(tmp_path):
    text = json.dumps({"KeyMetadata": {"KeyId": "k", "KeySpec": "RSA_2048"}}, indent=2)
    message = _refusal(tmp_path, "cut.json", text[:-12])
    assert message.startswith(f"{tmp_path / 'cut.json'}: line ") and "is not valid JSON" in message
    assert "(the file ends early: truncated?)" in message


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportRefused) as err:
        import_paths([tmp_path / "empty"])
    assert str(err.value) == f"{tmp_path / 'empty'}: is an empty folder: there is nothing to import"


def test_missing_path_and_nothing_recognised(tmp_path):
    with pytest.raises(ImportRefused, match="does not exist"):
        import_paths([tmp_path / "nope.json"])
    message = _refusal(tmp_path, "vpcs.json", json.dumps({"Vpcs": {}}))
    assert message.startswith("import: nothing recognised to import") and "Vpcs" in message


def test_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.json"
    with open(big, "wb") as f:  # sparse: 60 MB on paper, nothing on disk
        f.truncate(60 * 1024 * 1024)
    read = []
    monkeypatch.setattr(sources.Path, "read_bytes", lambda self: read.append(self) or b"")
    with pytest.raises(ImportRefused) as err:
        import_paths([big])
    assert str(err.value) == (f"{big}: is 60 MB; files over 50 MB are refused "
                              f"(a response this large is not a KMS API response)")
    assert read == []


def test_too_many_bytes_in_all(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", 100)
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("{" + " " * 60 + "}")
    with pytest.raises(ImportRefused, match="takes the import past 0 MB in all"):
        import_paths([tmp_path])


def test_binary_file(tmp_path):
    assert "is a binary file, not JSON or CSV text" in _refusal(tmp_path, "plan.out", b"PK\x03\x04\x00\x00\xff\xfe\x00")


def test_deeply_nested_json(tmp_path):
    assert "nested too deeply" in _refusal(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)


def test_too_many_keys(tmp_path, monkeypatch):
    from core.importers import inventory
    monkeypatch.setattr(inventory, "MAX_KEYS", 2)
    doc = [{"KeyMetadata": {"KeyId": f"k{i}"}} for i in range(3)]
    assert "takes the import past 2 keys" in _refusal(tmp_path, "many.json", json.dumps(doc))


def test_hundred_thousand_keys_import_in_seconds(tmp_path):
    import time
    doc = [{"KeyMetadata": {"KeyId": f"k{i}", "KeySpec": "RSA_2048" if i % 3 else "Aliyun_AES_256",
                            "ProtectionLevel": "HSM" if i % 2 else "SOFTWARE",
                            "Arn": f"acs:kms:cn-hangzhou:1:key/k{i}"}} for i in range(100_000)]
    (tmp_path / "all.json").write_text(json.dumps(doc))
    started = time.perf_counter()
    r = import_paths([tmp_path / "all.json"])
    assert time.perf_counter() - started < 10
    assert r.keys == 100_000 and len(r.groups) == 4


def test_identifiers_from_a_file_never_start_like_a_formula(tmp_path):
    doc = [{"KeyMetadata": {"KeyId": "=HYPERLINK(\"x\")", "AutomaticRotation": "Suspended", "DKMSInstanceId": "@cmd"}}]
    (tmp_path / "k.json").write_text(json.dumps(doc))
    r = import_paths([tmp_path / "k.json"])
    text = r.summary()
    assert "(e.g. HYPERLINK(\"x\"))" in text and "(cmd)" in text
    assert "=HYPERLINK" not in text and "@cmd" not in text
