"""Saved KMS API responses (`aliyun kms <Operation> ...` prints the API's JSON as it is).

Each response is recognised by its shape, never by its file name: DescribeKey has KeyMetadata,
ListKeys Keys.Key, ListKeyVersions KeyVersions.KeyVersion, ListSecrets SecretList.Secret,
DescribeSecret a top-level SecretName, ListKmsInstances KmsInstances.KmsInstance,
GetKmsInstance KmsInstance, GetKmsInstanceQuotaInfos KmsInstanceQuotaInfos (field names from the
API reference pages cited in docs/importers.md).
"""

from __future__ import annotations

import re

from core.fields import FIELDS
from core.importers.errors import join_path, plain
from core.importers.fields import Reader
from core.importers.inventory import Findings, InstanceRecord, KeyRecord, region_of_arn
from core.plan import PROTECTIONS, STATES
from core.planfile import MAX_VERSIONS

SECONDS_PER_DAY = 86_400
_INTERVAL = re.compile(r"^\s*(\d{1,12})\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"s": 1, "": 1, "m": 60, "h": 3600, "d": SECONDS_PER_DAY}


def shape(obj: object) -> str | None:
    """The operation a parsed response came from, by its fields; None if it is none of them."""
    if not isinstance(obj, dict):
        return None
    if "KeyMetadata" in obj:
        return "DescribeKey"
    if isinstance(obj.get("Keys"), dict) and "Key" in obj["Keys"]:
        return "ListKeys"
    if isinstance(obj.get("KeyVersions"), dict) and "KeyVersion" in obj["KeyVersions"]:
        return "ListKeyVersions"
    if isinstance(obj.get("SecretList"), dict) and "Secret" in obj["SecretList"]:
        return "ListSecrets"
    if "SecretName" in obj and "SecretData" not in obj:
        return "DescribeSecret"
    if isinstance(obj.get("KmsInstances"), dict) and "KmsInstance" in obj["KmsInstances"]:
        return "ListKmsInstances"
    if "KmsInstanceQuotaInfos" in obj:
        return "GetKmsInstanceQuotaInfos"
    if "KmsInstance" in obj:
        return "GetKmsInstance"
    return None


def rotation_days(reader: Reader, text: str | None, path: str) -> int | None:
    """"31536000s" -> 365; whole days only, within the plan's rotation bounds (core.fields)."""
    if text is None or text == "":
        return None
    m = _INTERVAL.match(text)
    if not m:
        raise reader.refuse(path, f'must be a duration such as "31536000s" or "365d", got "{text[:40]}"')
    seconds = int(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    days, rest = divmod(seconds, SECONDS_PER_DAY)
    if rest:
        days += 1  # a part day still rotates within that day
    rule = FIELDS["rotation_days"]
    if not rule.minimum <= days <= rule.maximum:
        raise reader.refuse(path, f'must be from {rule.minimum} to {rule.maximum} days, got "{text}" ({days:,} days)')
    return days


def creator_kind(creator: str | None) -> str:
    """KeyMetadata.Creator is the account ID (digits) for a key a user made; a cloud service's
    name (e.g. "Oss", "Ecs") for a key the service made for itself."""
    if not creator or creator.replace("*", "").isdigit():
        return "user"
    return "service"


def read_key(reader: Reader, meta: dict, path: str, findings: Findings) -> None:
    key_id = reader.text(meta, "KeyId", path)
    if not key_id:
        raise reader.refuse(join_path(path, "KeyId"), "is missing: every DescribeKey response names its key")
    findings.described.add(key_id)
    shown_id = plain(key_id)
    arn = reader.text(meta, "Arn", path)
    state = reader.choice(meta, "KeyState", path, "Enabled", STATES + ("PendingImport",))
    if state == "PendingImport":
        findings.skipped.append((reader.source, f"key {shown_id} is PendingImport (no key material yet, not billed)"))
        return
    protection = reader.choice(meta, "ProtectionLevel", path, "SOFTWARE", PROTECTIONS, upper=True)
    spec = reader.text(meta, "KeySpec", path, "Aliyun_AES_256")
    rotation_state = reader.text(meta, "AutomaticRotation", path, "Disabled")
    interval = reader.text(meta, "RotationInterval", path)
    days = None
    if rotation_state == "Enabled":
        days = rotation_days(reader, interval, join_path(path, "RotationInterval"))
        if days is None:
            findings.note(f"{reader.source}: key {shown_id} has automatic rotation enabled but no "
                          f"RotationInterval: counted without rotation.")
    elif rotation_state == "Suspended":
        findings.note(f"Keys with automatic rotation Suspended are counted without rotation (e.g. {shown_id}).")
    instance = reader.text(meta, "DKMSInstanceId", path) or None
    findings.add_key(KeyRecord(
        key_id=key_id, source=reader.source, creator=creator_kind(reader.text(meta, "Creator", path)),
        protection=protection, spec=spec, state=state, rotation_days=days,
        region=region_of_arn(arn), instance_id=instance,
    ))
    if instance:
        findings.merge_instance(InstanceRecord(instance, reader.source, region=region_of_arn(arn)))


def read_response(reader: Reader, obj: dict, path: str, findings: Findings) -> str | None:
    """Record what one response says; returns the operation it was recognised as, or None."""
    kind = shape(obj)
    if kind == "DescribeKey":
        meta = reader.obj(obj, "KeyMetadata", path) or {}
        read_key(reader, meta, join_path(path, "KeyMetadata"), findings)
    elif kind == "ListKeys":
        for e, where, key_id in reader.listed(obj, "Keys", "Key", path, "KeyId"):
            if key_id:
                findings.listed_keys[key_id] = region_of_arn(reader.text(e, "KeyArn", where))
        total = reader.whole(obj, "TotalCount", path, 0)
        findings.listed_total = max(findings.listed_total, total)
    elif kind == "ListKeyVersions":
        per_key: dict[str, int] = {}
        for _e, _where, key_id in reader.listed(obj, "KeyVersions", "KeyVersion", path, "KeyId"):
            if key_id:
                per_key[key_id] = per_key.get(key_id, 0) + 1
        total = reader.whole(obj, "TotalCount", path, None, MAX_VERSIONS)
        if len(per_key) == 1:
            key_id, listed = next(iter(per_key.items()))
            findings.versions[key_id] = max(listed, total or 0, findings.versions.get(key_id, 0))
        else:
            for key_id, listed in per_key.items():
                findings.versions[key_id] = max(listed, findings.versions.get(key_id, 0))
    elif kind == "ListSecrets":
        for _e, _where, name in reader.listed(obj, "SecretList", "Secret", path, "SecretName"):
            if name:
                findings.secrets.add(name)
        findings.secret_total = max(findings.secret_total, reader.whole(obj, "TotalCount", path, 0))
    elif kind == "DescribeSecret":
        name = reader.text(obj, "SecretName", path)
        if name:
            findings.secrets.add(name)
        region = region_of_arn(reader.text(obj, "Arn", path))
        if region:
            findings.secret_regions.append(region)
    elif kind == "ListKmsInstances":
        ipath = join_path(join_path(path, "KmsInstances"), "KmsInstance")
        for i, entry in enumerate(reader.items(obj["KmsInstances"], "KmsInstance", join_path(path, "KmsInstances"))):
            e = reader.entry(entry, f"{ipath}[{i}]")
            inst = reader.text(e, "KmsInstanceId", f"{ipath}[{i}]")
            if inst:
                region = region_of_arn(reader.text(e, "KmsInstanceArn", f"{ipath}[{i}]"))
                findings.merge_instance(InstanceRecord(inst, reader.source, region=region))
    elif kind == "GetKmsInstance":
        ipath = join_path(path, "KmsInstance")
        inst = reader.obj(obj, "KmsInstance", path) or {}
        inst_id = reader.text(inst, "InstanceId", ipath)
        if not inst_id:
            raise reader.refuse(join_path(ipath, "InstanceId"), "is missing: GetKmsInstance names its instance")
        kind_text = " ".join(filter(None, (reader.text(inst, name, ipath)
                                            for name in ("ProductType", "ProductVersion", "SaleType")))).lower()
        instance_kind = "hardware" if ("hardware" in kind_text or "hsm" in kind_text) else \
            "software" if "software" in kind_text else None
        findings.merge_instance(InstanceRecord(
            inst_id, reader.source, kind=instance_kind, qps=reader.whole(inst, "Spec", ipath),
            key_quota=reader.whole(inst, "KeyNum", ipath), secret_quota=reader.whole(inst, "SecretNum", ipath),
            vpc_quota=reader.whole(inst, "VpcNum", ipath), payment=reader.text(inst, "ChargeType", ipath),
        ))
    elif kind == "GetKmsInstanceQuotaInfos":
        inst_id = reader.text(obj, "KmsInstanceId", path)
        quotas: dict[str, int | None] = {}
        used: dict[str, int | None] = {}
        qpath = join_path(path, "KmsInstanceQuotaInfos")
        for i, entry in enumerate(reader.items(obj, "KmsInstanceQuotaInfos", path)):
            e = reader.entry(entry, f"{qpath}[{i}]")
            rtype = (reader.text(e, "ResourceType", f"{qpath}[{i}]") or "").lower()
            quotas[rtype] = reader.whole(e, "ResourceQuota", f"{qpath}[{i}]")
            used[rtype] = reader.whole(e, "UsedQuantity", f"{qpath}[{i}]")
        if inst_id:
            findings.merge_instance(InstanceRecord(
                inst_id, reader.source, qps=quotas.get("qps"), key_quota=quotas.get("key"),
                secret_quota=quotas.get("secret"), vpc_quota=quotas.get("vpc"),
                keys_used=used.get("key"), secrets_used=used.get("secret"),
            ))
    return kind
