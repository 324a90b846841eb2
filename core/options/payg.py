"""KMS 1.0 pay-as-you-go: per key version per day, plus per 10,000 cryptographic calls.

Source: "Billing of KMS 1.0" (shared/seeds/kms-pay-as-you-go-billing.txt). Pending Deletion keys
are free; advanced hardware versions cost the first-tier price for the first 2,000 versions of
the plan on each day, and the lower price beyond (the page names neither account nor region as the
tier's scope). Status (issue 8): lifecycle dates and limits come from the catalog; the figures are
always computed, so an option that cannot be bought still shows what it would cost, as a reference.
"""

from __future__ import annotations

from decimal import Decimal

from core.catalog import PriceCatalog
from core.demand import Demand
from core.demand import whole_qps
from core.options.base import Builder, OptionCost, times
from core.plan import Plan
from core.words import plural

ID = "payg-legacy"
TEN_THOUSAND = Decimal(10_000)
NEW_CUSTOMERS, END_OF_SERVICE_ID = "payg-legacy.new-customers", "payg-legacy.end-of-service"


def quote(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    b = Builder(ID, catalog, demand.n, demand.months)
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
    _lifecycle(b, demand, catalog, plan)
    _limits(b, demand, catalog)
    return b.build()


def _after(month: str, date: str) -> bool:
    """Whether a month starts after `date` (the last day it could be bought)."""
    return f"{month}-01" > date


def _lifecycle(b: Builder, demand: Demand, catalog: PriceCatalog, plan: Plan) -> None:
    """KMS 1.0 closed to new customers after 2022-03-31 and ended service on 2025-09-30 (catalog)."""
    end = catalog.lifecycle.get(END_OF_SERVICE_ID)
    closed = catalog.lifecycle.get(NEW_CUSTOMERS)
    ended = [bool(end) and _after(m, end.date) for m in demand.months]
    if end and any(ended):
        first = demand.months[ended.index(True)]
        b.block(f"KMS 1.0 reached end of service on {end.date} ({end.source.title}): nobody can pay this "
                f"way from {first}; its figures are shown for reference.", f"ended {end.date}", ended)
    if closed and not plan.kms1_user:
        mask = [_after(m, closed.date) and not e for m, e in zip(demand.months, ended)]
        if any(mask):
            first = demand.months[mask.index(True)]
            b.block(f"KMS 1.0 closed to new customers on {closed.date} ({closed.source.title}): this plan's "
                    f"account did not use it before (kms1_user is false), so it cannot buy it from {first}.",
                    f"closed to new customers since {closed.date}", mask)
    if end and not all(ended):
        who = "existing customers only" if closed and _after(demand.months[-1], closed.date) else "all customers"
        b.note(f"KMS 1.0 is sold to {who} and ends service on {end.date}.")


def _limits(b: Builder, demand: Demand, catalog: PriceCatalog) -> None:
    """KMS 1.0's published quotas and the shared gateway's throughput, per account per region.

    The plan's keys are counted as one region: a plan spread over regions is checked per plan.
    """
    cmks = catalog.limit_value("payg_legacy_cmks_per_region")
    if cmks is not None and demand.user_keys > cmks:
        b.flag("over-limit", f"The plan has {plural(demand.user_keys, 'customer master key')} in one region; "
                             f"KMS 1.0 allows {cmks:,} per account per region "
                             f"({catalog.limit_entry('payg_legacy_cmks_per_region').source.title}).",
               f"over {cmks:,} keys per region", None, "payg_legacy_cmks_per_region")
    versions = catalog.limit_value("payg_legacy_versions_per_region")
    if versions is not None:
        _over(b, demand, [v > versions for v in demand.user_versions_peak], demand.user_versions_peak, versions,
              "payg_legacy_versions_per_region", "key versions", "CMK versions per account per region",
              f"over {versions:,} key versions per region")
    for family in ("symmetric", "asymmetric"):
        limit_id = f"shared_gateway_{family}_qps"
        limit = catalog.limit_value(limit_id)
        peaks = [whole_qps(q) for q in (demand.peak_qps_by_family or {}).get(family, ())]
        if limit is None or not peaks:
            continue
        _over(b, demand, [q > limit for q in peaks], peaks, limit, limit_id,
              f"QPS of cryptographic operations with {family} keys at peak",
              f"QPS with {family} keys per account per region on the shared gateway, which cannot be increased",
              f"over the {limit:,} QPS {family} limit")


def _over(b: Builder, demand: Demand, over: list[bool], needs, limit: int, limit_id: str, what: str,
          allowed: str, short: str) -> None:
    if not any(over):
        return
    first = over.index(True)
    top = max(needs)
    peak = "" if top == needs[first] else f", up to {top:,} by {demand.months[list(needs).index(top)]}"
    source = b.catalog.limit_entry(limit_id).source.title
    b.flag("over-limit", f"From {demand.months[first]} the plan needs {needs[first]:,} {what}{peak}; "
                         f"KMS 1.0 allows {limit:,} {allowed} ({source}).",
           f"{short} from {demand.months[first]}", over, limit_id)
