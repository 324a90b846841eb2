"""Dedicated KMS as published: a monthly subscription per instance, each with its own HSM cluster.

Sources: "Billing of Dedicated KMS" (shared/seeds/dedicated-kms-billing.txt) for the fee; the
Dedicated KMS quick start for "one dedicated HSM cluster per instance"; "Manage dedicated KMS
instances" for its regions. Its capacity per instance is not published: until the user enters
it (limits dedicated_instance_key_quota and dedicated_instance_qps) the option is `unverified`
and priced as one instance, for reference; once entered it is sized by whole instances as the
KMS 3.0 instances are (core.options.sizing), one cluster each.
"""

from __future__ import annotations

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import ZERO, Builder, OptionCost
from core.options.sizing import CLUSTER_ID, active_months, cluster_price, instances_needed
from core.plan import Plan

ID = "dedicated"
KEY_QUOTA, QPS = "dedicated_instance_key_quota", "dedicated_instance_qps"


def quote(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    b = Builder(ID, catalog, demand.n, demand.months)
    active = active_months(demand)
    fee = b.price("dedicated.month", active)
    cluster = cluster_price(b, demand)
    quota, qps_cap = catalog.limit_value(KEY_QUOTA), catalog.limit_value(QPS)
    sized = quota is not None and qps_cap is not None
    counts = []
    for m in range(demand.n):
        if not active[m]:
            counts.append(0)
        elif sized:
            counts.append(instances_needed(demand.user_versions_peak[m], demand.peak_qps_whole[m], quota, qps_cap))
        else:
            counts.append(1)
    b.line("subscription", [n * (fee or ZERO) for n in counts], "dedicated.month")
    if cluster is not None:
        b.line("Cloud HSM cluster", [n * cluster for n in counts], CLUSTER_ID)
    b.details.append(("instances", tuple(counts)))
    if not any(active):
        b.note("Only service-managed keys: no instance is needed.")
        return b.build()
    if not sized:
        missing = [name for name, value in ((KEY_QUOTA, quota), (QPS, qps_cap)) if value is None]
        b.flag("unverified",
               "Dedicated KMS's key and QPS capacity per instance is not published: priced as one instance "
               f"for reference; enter {' and '.join(missing)} (the capacity you were quoted) to size it.",
               "capacity not published", active, missing[0])
        for extra in missing[1:]:
            b.flag("unverified", "", "capacity not published", active, extra)
    else:
        top = max(counts)
        first = counts.index(top)
        b.note(f"Sized by whole instances of the entered capacity ({quota:,} key versions, {qps_cap:,} QPS "
               f"each): {'1 instance' if top == 1 else f'{top:,} instances by {demand.months[first]}'}, "
               f"each with its own HSM cluster.")
    for fact in ("dedicated.cluster", "dedicated.regions"):
        if fact in catalog.facts:
            b.note(catalog.facts[fact].text)
    b.note("Subscription only. An expired instance is disabled at once and released on the 16th day after expiry.")
    return b.build()
