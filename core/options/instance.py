"""KMS 3.0 subscription instances (software / hardware key management), sized to the plan.

Source: "KMS 3.0 Billing" (shared/seeds/kms-subscription-instance-billing.txt) and pricing-facts
section 2. Each month buys enough whole instances for the month's key versions (quota counts
versions) and peak QPS; when the user has entered add-on prices, one instance with larger quotas
is priced too and the cheaper configuration is taken.
"""

from __future__ import annotations

import math
from decimal import Decimal

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import ZERO, Builder, OptionCost
from core.options.sizing import CLUSTER_ID, check_protection, cluster_price, needs_instance
from core.plan import Plan


def _ceil_div(value, unit: int) -> int:
    return int(math.ceil(Decimal(value) / unit)) if unit else 0


def quote_software(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("software", demand, catalog)


def quote_hardware(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("hardware", demand, catalog)


def _quote(kind: str, demand: Demand, catalog: PriceCatalog) -> OptionCost:
    oid = f"instance-{kind}"
    b = Builder(oid, catalog, demand.n)
    check_protection(b, demand, kind)
    fee = b.price(f"{oid}.month")
    quota = catalog.limit(f"instance_{kind}_key_quota")
    qps_default = catalog.limit(f"instance_{kind}_qps")
    max_quota = catalog.limit("instance_max_key_quota")
    levels = sorted(int(x) for x in catalog.limits["instance_qps_levels"])
    kq_price = b.known(f"{oid}.key-quota")
    qps_price = b.known(f"{oid}.qps")
    cluster = cluster_price(b) if kind == "hardware" else None
    secret_id = f"{oid}.secret-quota"
    secret_price = b.price(secret_id) if demand.secrets else ZERO
    if demand.secrets > catalog.limit("instance_max_secret_quota"):
        b.block(f"{demand.secrets:,} secrets exceed the largest secret quota of an instance "
                f"({catalog.limit('instance_max_secret_quota'):,}).")

    fees, kq, qp, secrets, clusters, counts, routes = ([] for _ in range(7))
    for m in range(demand.n):
        if not needs_instance(demand, m):
            for column in (fees, kq, qp, secrets, clusters):
                column.append(ZERO)
            counts.append(0)
            routes.append("none")
            continue
        versions, qps = demand.user_versions_peak[m], demand.peak_qps[m]
        n = max(1, _ceil_div(versions, quota), _ceil_div(qps, qps_default))
        whole = (n * (fee or ZERO), ZERO, ZERO, n * (cluster or ZERO))
        best, route = whole, "instances"
        addon = _addon_route(versions, qps, quota, qps_default, max_quota, levels, kq_price, qps_price)
        if addon is not None and n > 1:
            extra_quota, extra_qps = addon
            candidate = (fee or ZERO, extra_quota, extra_qps, cluster or ZERO)
            if sum(candidate) < sum(whole):
                best, route, n = candidate, "add-ons", 1
        fees.append(best[0])
        kq.append(best[1])
        qp.append(best[2])
        clusters.append(best[3])
        secrets.append(demand.secrets * (secret_price or ZERO))
        counts.append(n)
        routes.append(route)

    b.line("instance fee", fees, f"{oid}.month")
    if any(kq):
        b.line("key quota add-on", kq, f"{oid}.key-quota")
    if any(qp):
        b.line("QPS add-on", qp, f"{oid}.qps")
    if demand.secrets:
        b.line("secret quota add-on", secrets, secret_id)
    if cluster is not None:
        b.line("Cloud HSM cluster", clusters, CLUSTER_ID)
    b.details.extend([("instances", tuple(counts)), ("route", tuple(routes))])
    _sizing_notes(b, demand, counts, routes, quota, qps_default)
    return b.build()


def _addon_route(versions, qps, quota, qps_default, max_quota, levels, kq_price, qps_price):
    """Extra cost of one instance with a larger key quota and QPS, or None if not priceable."""
    if versions > max_quota or qps > levels[-1]:
        return None
    extra_quota = max(0, versions - quota)
    level = next(l for l in levels if l >= qps)
    extra_qps = max(0, level - qps_default)
    if (extra_quota and kq_price is None) or (extra_qps and qps_price is None):
        return None
    return (extra_quota * (kq_price or ZERO), extra_qps * (qps_price or ZERO))


def _sizing_notes(b: Builder, demand: Demand, counts, routes, quota: int, qps_default: int) -> None:
    if not any(counts):
        b.note("Only service-managed keys: no instance is needed.")
        return
    previous = 1
    changes = 0
    for m, n in enumerate(counts):
        if routes[m] == "add-ons" and (m == 0 or routes[m - 1] != "add-ons"):
            b.note(f"From {demand.months[m]}, one instance with larger quotas (add-ons) costs less "
                   f"than several whole instances.")
        if n > previous:
            changes += 1
            if changes <= 3:
                b.note(f"Needs {n} instances from {demand.months[m]}: {_why(demand, m, quota, qps_default)}.")
            previous = n
    if changes > 3:
        b.note(f"Grows to {max(counts)} instances by {demand.months[counts.index(max(counts))]}.")


def _why(demand: Demand, m: int, quota: int, qps_default: int) -> str:
    versions, qps = demand.user_versions_peak[m], demand.peak_qps[m]
    reasons = []
    if versions > quota:
        reasons.append(f"{versions:,} key versions exceed the quota of {quota:,} per instance")
    if qps > qps_default:
        reasons.append(f"a peak of {math.ceil(qps):,} QPS exceeds {qps_default:,} QPS per instance")
    return " and ".join(reasons)
