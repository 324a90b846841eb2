"""Dedicated KMS: a flat monthly subscription whose price depends on the site.

Source: "Billing of Dedicated KMS" (shared/seeds/dedicated-kms-billing.txt).
"""

from __future__ import annotations

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import Builder, OptionCost, times
from core.options.sizing import needs_instance
from core.plan import Plan

ID = "dedicated"


def quote(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    b = Builder(ID, catalog, demand.n)
    active = [1 if needs_instance(demand, m) else 0 for m in range(demand.n)]
    b.line("subscription", times(active, b.price("dedicated.month")), "dedicated.month")
    if not any(active):
        b.note("Only service-managed keys: no instance is needed.")
    b.note("Subscription only; the included key count and QPS are not published: "
           "one instance is assumed to serve the plan.")
    b.note("An expired instance is disabled at once and released on the 16th day after expiry.")
    return b.build()
