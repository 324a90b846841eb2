"""What an importer found (keys, secrets, instances, regions) and how it becomes key groups.

Keys are grouped by everything that bills differently: creator, protection, spec, state,
rotation interval and current version count. Calls per month are in none of the sources.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.plan import KeyGroup

MAX_KEYS = 100_000
MAINLAND_EXCEPTIONS = ("cn-hongkong",)
CALLS_NOTE = ("Calls per month are not in these files: every group starts at 0 calls. Enter them, "
              "or reconcile with a bill to take them from its call usage.")


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    source: str
    creator: str = "user"
    protection: str = "SOFTWARE"
    spec: str = "Aliyun_AES_256"
    state: str = "Enabled"
    rotation_days: int | None = None
    versions: int | None = None  # None: not known (counted as 1, with a note)
    region: str | None = None
    instance_id: str | None = None


@dataclass(frozen=True)
class InstanceRecord:
    instance_id: str
    source: str
    kind: str | None = None  # "software" | "hardware" | None (not stated)
    qps: int | None = None
    key_quota: int | None = None
    secret_quota: int | None = None
    vpc_quota: int | None = None
    payment: str | None = None
    keys_used: int | None = None
    secrets_used: int | None = None
    region: str | None = None
    keys_imported: int = 0  # imported keys whose DKMSInstanceId names this instance
    planned: bool = False  # from a Terraform plan: not necessarily paid for yet

    def sentence(self) -> str:
        keys_here = self.keys_imported
        what = f"{self.kind} instance" if self.kind else "instance (type not stated)"
        lead = f"{self.qps:,}-QPS {what}" if self.qps else what
        quotas = []
        if self.key_quota is not None:
            quotas.append(f"{self.key_quota:,} keys")
        if self.secret_quota is not None:
            quotas.append(f"{self.secret_quota:,} secrets")
        if self.vpc_quota is not None:
            quotas.append(f"{self.vpc_quota:,} VPC{'s' * (self.vpc_quota != 1)}")
        from core.importers.errors import plain

        text = f"{'The Terraform plan holds' if self.planned else 'You already pay for'} a {lead} ({plain(self.instance_id)})"
        if quotas:
            text += " with quotas of " + ", ".join(quotas)
        if self.payment:
            text += f", {'pay-as-you-go' if self.payment.lower().startswith('pay') else 'subscription'}"
        if keys_here:
            text += f"; {keys_here:,} of the imported keys live in it"
        return text + "."


@dataclass
class Findings:
    """Collected while reading; `assemble` turns it into an ImportResult."""

    keys: dict[str, KeyRecord] = field(default_factory=dict)  # by KeyId (a key described twice counts once)
    described: set[str] = field(default_factory=set)  # every KeyId a DescribeKey named, skipped ones too
    listed_keys: dict[str, str | None] = field(default_factory=dict)  # KeyId -> region, from ListKeys
    listed_total: int = 0  # the largest TotalCount ListKeys reported
    versions: dict[str, int] = field(default_factory=dict)  # KeyId -> version count (ListKeyVersions)
    secrets: set[str] = field(default_factory=set)
    secret_total: int = 0
    secret_regions: list[str] = field(default_factory=list)
    instances: dict[str, InstanceRecord] = field(default_factory=dict)
    recognised: list[tuple[str, str]] = field(default_factory=list)  # (source, what it was)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, why)
    notes: list[str] = field(default_factory=list)
    terraform_region: str | None = None

    def add_key(self, record: KeyRecord) -> None:
        if record.key_id not in self.keys and len(self.keys) >= MAX_KEYS:
            from core.importers.errors import ImportRefused
            raise ImportRefused(record.source, "", f"takes the import past {MAX_KEYS:,} keys, "
                                                   f"more than this planner imports at once")
        self.keys[record.key_id] = record

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def merge_instance(self, record: InstanceRecord) -> None:
        old = self.instances.get(record.instance_id)
        if old is None:
            self.instances[record.instance_id] = record
            return
        merged = {name: getattr(record, name) if getattr(record, name) is not None else getattr(old, name)
                  for name in ("kind", "qps", "key_quota", "secret_quota", "vpc_quota", "payment",
                               "keys_used", "secrets_used", "region")}
        merged["planned"] = old.planned and record.planned
        self.instances[record.instance_id] = InstanceRecord(record.instance_id, old.source, **merged)


@dataclass(frozen=True)
class ImportResult:
    groups: tuple[KeyGroup, ...]
    secrets: int
    api_region: str | None  # None: no region in the files (keep the plan's)
    instances: tuple[InstanceRecord, ...]
    recognised: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    keys: int  # keys grouped

    def summary(self) -> str:
        """The import summary the CLI prints and the preview shows: recognised, grouped, skipped and why."""
        kinds = Counter(kind for _, kind in self.recognised)
        lines = [f"Recognised {len(self.recognised):,} response{'s' * (len(self.recognised) != 1)}"
                 + (": " + ", ".join(f"{n:,} {k}" for k, n in sorted(kinds.items())) if kinds else "") + "."]
        lines.append(f"Grouped {self.keys:,} key{'s' * (self.keys != 1)} into {len(self.groups):,} "
                     f"group{'s' * (len(self.groups) != 1)}; {self.secrets:,} secret{'s' * (self.secrets != 1)}.")
        for g in self.groups:
            lines.append(f"  {g.count:>7,}  {g.name}")
        if self.api_region:
            lines.append(f"API region: {'mainland China' if self.api_region == 'mainland' else 'outside mainland China'}.")
        lines.extend(i.sentence() for i in self.instances)
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped):,}:")
            lines.extend(f"  {source}: {why}" for source, why in self.skipped)
        lines.extend(self.notes)
        return "\n".join(lines) + "\n"


def region_of_arn(arn: str | None) -> str | None:
    """`acs:kms:<region>:<account>:key/...` -> region; anything else -> None."""
    if not arn:
        return None
    parts = arn.split(":")
    if len(parts) >= 4 and parts[0] == "acs" and parts[2]:
        return parts[2]
    return None


def is_mainland(region: str) -> bool:
    return region.startswith("cn-") and region not in MAINLAND_EXCEPTIONS


def api_region(regions: list[str], notes: list[str]) -> str | None:
    """The plan's one API region from the regions seen; both kinds -> the one with more keys, noted."""
    if not regions:
        return None
    mainland = sum(1 for r in regions if is_mainland(r))
    rest = len(regions) - mainland
    chosen = "mainland" if mainland >= rest and mainland else "outside_mainland"
    if mainland and rest:
        names = ", ".join(sorted(set(regions)))
        notes.append(f"Keys are in both mainland China and other regions ({names}): the plan prices all calls "
                     f"at the {'mainland' if chosen == 'mainland' else 'outside-mainland'} rate, where most "
                     f"are ({max(mainland, rest):,} of {len(regions):,}). Split the estate into two plans to "
                     f"price each region's calls at its own rate.")
    return chosen


def _group_name(creator: str, protection: str, spec: str, state: str, rotation: int | None, versions: int) -> str:
    parts = [spec, "software" if protection == "SOFTWARE" else "HSM"]
    if creator == "service":
        parts.insert(0, "service")
    parts.append(f"rotated every {rotation} days" if rotation else "no rotation")
    if versions != 1:
        parts.append(f"{versions} versions")
    if state != "Enabled":
        parts.append(state)
    return ", ".join(parts)


def group_keys(records: list[KeyRecord], specs: set[str], versions: dict[str, int],
               notes: list[str], skipped: list[tuple[str, str]]) -> tuple[KeyGroup, ...]:
    counts: Counter = Counter()
    unknown_versions = 0
    bad_specs: Counter = Counter()
    for r in records:
        spec = r.spec
        if spec not in specs and spec == "EC_SM2" and "Aliyun_SM2" in specs:
            spec = "Aliyun_SM2"  # the older billing page's name for the same SM2 spec
        if spec not in specs:
            bad_specs[r.spec] += 1
            continue
        v = versions.get(r.key_id, r.versions)
        if v is None:
            unknown_versions += 1
            v = 1
        counts[(r.creator, r.protection, spec, r.state, r.rotation_days, max(v, 1))] += 1
    for spec, n in sorted(bad_specs.items()):
        skipped.append(("keys", f"{n:,} key{'s' * (n != 1)} of spec {spec}: not in this site's price list "
                                f"(priced specs: {', '.join(sorted(specs))})"))
    if unknown_versions:
        notes.append(f"{unknown_versions:,} key{'s have' if unknown_versions != 1 else ' has'} no ListKeyVersions "
                     f"response: counted with 1 version each. Save `aliyun kms ListKeyVersions --KeyId ...` "
                     f"for rotated keys to count their versions.")
    order = {"Enabled": 0, "Disabled": 1, "PendingDeletion": 2}
    keys = sorted(counts, key=lambda k: (k[0] != "user", k[1], k[2], order.get(k[3], 9), k[4] or 0, k[5]))
    return tuple(
        KeyGroup(name=_group_name(*k), creator=k[0], protection=k[1], spec=k[2], count=counts[k],
                 versions=k[5], rotation_days=k[4], state=k[3])
        for k in keys
    )
