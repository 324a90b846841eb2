"""KMS 1.0 pay-as-you-go: per key version per day, plus per 10,000 cryptographic calls.

Source: "Billing of KMS 1.0" (shared/seeds/kms-pay-as-you-go-billing.txt). Pending Deletion keys
are free; advanced hardware versions cost the first-tier price for the first 2,000 versions of
the whole account on each day, and the lower price beyond.
"""

from __future__ import annotations

from decimal import Decimal

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import Builder, OptionCost, times
from core.plan import Plan

ID = "payg-legacy"
TEN_THOUSAND = Decimal(10_000)
END_OF_SERVICE = "KMS 1.0 reached end of service on 2025-09-30; existing users only."


def quote(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    b = Builder(ID, catalog, demand.n)
    hosting_ids = {
        "service": "payg-legacy.hosting.service",
        "software": "payg-legacy.hosting.software",
        "hsm-basic": "payg-legacy.hosting.hsm-basic",
    }
    first_id = "payg-legacy.hosting.hsm-advanced.first-2000"
    beyond_id = "payg-legacy.hosting.hsm-advanced.beyond-2000"
    parts = [times(demand.version_days[cls], b.price(pid)) for cls, pid in hosting_ids.items()]
    parts.append(times(demand.advanced_first_tier, b.price(first_id)))
    parts.append(times(demand.advanced_beyond_tier, b.price(beyond_id)))
    b.line("key hosting", [sum(month) for month in zip(*parts)], *hosting_ids.values(), first_id, beyond_id)

    region = plan.api_region
    api_ids = [f"payg-legacy.api.{cls}.{region}" for cls in ("service", "basic", "advanced")]
    api_parts = [
        tuple(c / TEN_THOUSAND * p for c in demand.calls[cls]) if (p := b.price(pid)) is not None
        else (Decimal(0),) * demand.n
        for cls, pid in zip(("service", "basic", "advanced"), api_ids)
    ]
    b.line("API calls", [sum(month) for month in zip(*api_parts)], *api_ids)

    if demand.secrets:
        b.line("secrets", times([demand.secrets] * demand.n, b.price("payg-legacy.secret.month")),
               "payg-legacy.secret.month")
    tier = catalog.limit("payg_legacy_advanced_tier_versions")
    if any(demand.advanced_beyond_tier):
        first = next(i for i, v in enumerate(demand.advanced_beyond_tier) if v)
        b.note(f"From {demand.months[first]}, advanced hardware key versions beyond the first {tier:,} "
               f"are billed at the lower tier price.")
    b.note(END_OF_SERVICE)
    return b.build()
