"""A plan at the limits a real estate might reach: 10,000 key groups over 120 months."""

from __future__ import annotations

from decimal import Decimal

from core.plan import KeyGroup, Plan

SPECS = ("Aliyun_AES_256", "RSA_2048", "EC_P256", "Aliyun_SM4", "RSA_3072", "EC_P256K", "Aliyun_SM2")
STATES = ("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion")


def huge_plan(groups: int = 10_000, months: int = 120) -> Plan:
    """Varied groups (every creator, protection, spec, state; rotation on a quarter of them)."""
    return Plan(
        name=f"Huge estate: {groups:,} key groups",
        months=months,
        key_groups=tuple(
            KeyGroup(
                name=f"group-{i:05d}",
                creator="service" if i % 7 == 0 else "user",
                protection="HSM" if i % 3 == 0 else "SOFTWARE",
                spec=SPECS[i % len(SPECS)],
                count=1 + i % 50,
                versions=1 + i % 3,
                rotation_days=None if i % 4 else 30 + i % 300,
                state=STATES[i % len(STATES)],
                calls_per_month=Decimal(1000 * (i % 97)),
                calls_growth_pct=Decimal(i % 5),
            )
            for i in range(groups)
        ),
    )
