"""KMS 3.0 pay-as-you-go instances: per day for the instance, key versions, secrets and QPS.

Source: "KMS 3.0 Pay-as-you-go" (pricing-facts section 3). A day's QPS is its highest per-minute
average rounded up; the plan's peak (average x peak_to_average) stands for every day of the month.
"""

from __future__ import annotations

from decimal import Decimal

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import ZERO, Builder, OptionCost
from core.options.sizing import CLUSTER_ID, active_months, check_protection, cluster_price
from core.plan import Plan


def quote_software(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("software", demand, catalog)


def quote_hardware(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("hardware", demand, catalog)


def _quote(kind: str, demand: Demand, catalog: PriceCatalog) -> OptionCost:
    oid = f"payg-instance-{kind}"
    b = Builder(oid, catalog, demand.n, demand.months)
    check_protection(b, demand, kind)
    active = active_months(demand)
    day_price = b.price(f"{oid}.day", active)
    version_price = b.price("payg-instance.key-version.day", active)
    secret_price = b.price("payg-instance.secret.day") if demand.secrets else ZERO
    qps_price = b.price("payg-instance.qps.day", active)
    cluster = cluster_price(b, demand) if kind == "hardware" else None

    qps = demand.peak_qps_whole

    def per_month(amount) -> list[Decimal]:
        return [amount(m) if active[m] else ZERO for m in range(demand.n)]

    b.line("instance fee", per_month(lambda m: demand.days[m] * (day_price or ZERO)), f"{oid}.day")
    b.line("key versions", per_month(lambda m: demand.user_version_days[m] * (version_price or ZERO)),
           "payg-instance.key-version.day")
    if demand.secrets:
        b.line("secrets", per_month(lambda m: demand.secrets * demand.days[m] * (secret_price or ZERO)),
               "payg-instance.secret.day")
    b.line("QPS", per_month(lambda m: qps[m] * demand.days[m] * (qps_price or ZERO)), "payg-instance.qps.day")
    if cluster is not None:
        b.line("Cloud HSM cluster", per_month(lambda m: cluster), CLUSTER_ID)
    b.details.append(("billed QPS", tuple(qps)))
    if not any(active):
        b.note("Only service-managed keys: no instance is needed.")
    else:
        b.note("Capacity limits of a pay-as-you-go instance are not published: one instance is assumed.")
    return b.build()
