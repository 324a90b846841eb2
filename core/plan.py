"""The plan: a key inventory and a usage projection, as frozen values.

Validation lives in core.planfile (it names fields as the file does); a Plan built in code is
trusted. Edits make new plans (dataclasses.replace), which is what undo relies on.
"""

from __future__ import annotations

from dataclasses import field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from core.frozen import frozen

CREATORS = ("user", "service")
PROTECTIONS = ("SOFTWARE", "HSM")
STATES = ("Enabled", "Disabled", "PendingDeletion")
API_REGIONS = ("mainland", "outside_mainland")
DEFAULT_PEAK_TO_AVERAGE = Decimal(3)


@frozen
class KeyGroup:
    """Keys alike in creator, protection, spec, rotation and state, and their calls a month."""

    name: str = "keys"
    creator: str = "user"
    protection: str = "SOFTWARE"
    spec: str = "Aliyun_AES_256"
    count: int = 1
    versions: int = 1
    rotation_days: int | None = None
    state: str = "Enabled"
    calls_per_month: Decimal = Decimal(0)
    calls_growth_pct: Decimal = Decimal(0)

    @property
    def billed(self) -> bool:
        """PendingDeletion keys are neither hosted nor called (plan-format-v1, Billing of KMS 1.0)."""
        return self.state != "PendingDeletion" and self.count > 0

    def with_(self, **changes) -> "KeyGroup":
        return replace(self, **changes)


@frozen
class Plan:
    """A key inventory (its key groups), the horizon it is priced over and the user's overrides."""

    name: str = "Untitled plan"
    site: str = "international"
    api_region: str = "outside_mainland"
    start_month: str = "2027-01"
    months: int = 36
    peak_to_average: Decimal = DEFAULT_PEAK_TO_AVERAGE
    key_groups: tuple[KeyGroup, ...] = ()
    secrets: int = 0
    price_overrides: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    # Whether the account already used KMS 1.0 before it closed to new customers (issue 8).
    kms1_user: bool = False
    # Limits that replace the catalog's, by the catalog's limit ids (a raised quota, a quoted capacity).
    limit_overrides: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    # Optional extensions (docs/plan-format.md) are kept here untouched so a save keeps them.
    extensions: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def with_(self, **changes) -> "Plan":
        for name in ("price_overrides", "limit_overrides"):
            if name in changes:
                changes[name] = MappingProxyType(dict(changes[name]))
        if "key_groups" in changes:
            changes["key_groups"] = tuple(changes["key_groups"])
        return replace(self, **changes)

    def with_group(self, index: int, group: KeyGroup) -> "Plan":
        groups = list(self.key_groups)
        groups[index] = group
        return self.with_(key_groups=groups)

    def __hash__(self) -> int:  # the mappings are not hashable; hash the fields that are
        return hash((self.name, self.site, self.api_region, self.start_month, self.months,
                     self.peak_to_average, self.key_groups, self.secrets,
                     frozenset(self.price_overrides.items()), self.kms1_user,
                     frozenset(self.limit_overrides.items())))
