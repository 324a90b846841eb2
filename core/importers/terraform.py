"""A Terraform JSON plan (`terraform show -json plan.out`): the planned state of each
alicloud_kms_key, alicloud_kms_secret and alicloud_kms_instance.

`resource_changes[]` lists one entry per resource instance (count and for_each expanded, with
`index`); `change.after` is the planned object. Resources whose actions are only ["delete"] will
not exist after the apply, so they are left out (and counted in the summary).
"""

from __future__ import annotations

from core.importers.errors import join_path
from core.importers.fields import Reader
from core.importers.inventory import Findings, InstanceRecord, KeyRecord
from core.importers.kms_api import rotation_days
from core.plan import PROTECTIONS, STATES

KMS_TYPES = ("alicloud_kms_key", "alicloud_kms_secret", "alicloud_kms_instance")


def is_plan(obj: object) -> bool:
    return isinstance(obj, dict) and "resource_changes" in obj and (
        "format_version" in obj or "terraform_version" in obj or isinstance(obj.get("resource_changes"), list))


def _provider_region(reader: Reader, obj: dict) -> str | None:
    """The alicloud provider's region, when the configuration gives it as a constant."""
    config = obj.get("configuration")
    if not isinstance(config, dict):
        return None
    providers = config.get("provider_config")
    if not isinstance(providers, dict):
        return None
    alicloud = providers.get("alicloud")
    if not isinstance(alicloud, dict):
        return None
    region = ((alicloud.get("expressions") or {}).get("region") or {}) if isinstance(alicloud.get("expressions"), dict) else {}
    value = region.get("constant_value") if isinstance(region, dict) else None
    return value if isinstance(value, str) else None


def read_plan(reader: Reader, obj: dict, findings: Findings) -> None:
    changes = reader.items(obj, "resource_changes", "")
    deleted = 0
    found = 0
    for i, raw in enumerate(changes):
        path = f"resource_changes[{i}]"
        rc = reader.entry(raw, path)
        rtype = reader.text(rc, "type", path)
        if rtype not in KMS_TYPES or rc.get("mode") == "data":
            continue
        address = reader.text(rc, "address", path) or f"{rtype}[{i}]"
        change = reader.obj(rc, "change", path) or {}
        cpath = join_path(path, "change")
        actions = reader.items(change, "actions", cpath)
        if any(not isinstance(a, str) for a in actions):
            raise reader.refuse(join_path(cpath, "actions"), "must be a list of words such as \"create\"")
        after = change.get("after")
        if actions == ["delete"] or after is None:
            deleted += 1
            continue
        apath = join_path(cpath, "after")
        after = reader.entry(after, apath)
        found += 1
        if rtype == "alicloud_kms_key":
            state = reader.choice(after, "status", apath, "Enabled", STATES)
            protection = reader.choice(after, "protection_level", apath, "SOFTWARE", PROTECTIONS, upper=True)
            days = None
            if reader.text(after, "automatic_rotation", apath, "Disabled") == "Enabled":
                days = rotation_days(reader, reader.text(after, "rotation_interval", apath),
                                     join_path(apath, "rotation_interval"))
            instance = reader.text(after, "dkms_instance_id", apath) or None
            findings.add_key(KeyRecord(
                key_id=address, source=reader.source, creator="user", protection=protection,
                spec=reader.text(after, "key_spec", apath, "Aliyun_AES_256"), state=state,
                rotation_days=days, versions=1, instance_id=instance,
            ))
            if instance:
                findings.merge_instance(InstanceRecord(instance, reader.source, planned=True))
        elif rtype == "alicloud_kms_secret":
            findings.secrets.add(address)
        else:
            version = (reader.text(after, "product_version", apath) or "").lower()
            kind = "hardware" if "hardware" in version else "software" if "software" in version else None
            findings.merge_instance(InstanceRecord(
                address, reader.source, kind=kind, qps=reader.whole(after, "spec", apath),
                key_quota=reader.whole(after, "key_num", apath), secret_quota=reader.whole(after, "secret_num", apath),
                vpc_quota=reader.whole(after, "vpc_num", apath), payment=reader.text(after, "payment_type", apath),
                planned=True,
            ))
    if deleted:
        findings.skipped.append((reader.source, f"{deleted:,} KMS resource{'s' * (deleted != 1)} the plan deletes"))
    if not found and not deleted:
        findings.skipped.append((reader.source, "a Terraform plan with no alicloud_kms_key, alicloud_kms_secret "
                                                "or alicloud_kms_instance"))
    region = _provider_region(reader, obj)
    if region:
        findings.terraform_region = region
    if found:
        findings.note("Keys from a Terraform plan are counted with 1 version each (new keys; rotation adds versions).")
