"""KMS 3.0 subscription instances (software / hardware key management), sized to the plan.

Source: "KMS 3.0 Billing" (shared/seeds/kms-subscription-instance-billing.txt) and pricing-facts
section 2. Each month buys enough whole instances for the month's key versions (quota counts
versions) and peak QPS; when the user has entered add-on prices, one instance with larger quotas
is priced too and the cheaper configuration is taken.
"""

from __future__ import annotations

from decimal import Decimal

from core.catalog import PriceCatalog
from core.demand import Demand
from core.options.base import ZERO, Builder, OptionCost
from core.options.sizing import CLUSTER_ID, check_protection, cluster_price, needs_instance
from core.plan import Plan


def _ceil_div(value: int, unit: int) -> int:
    return -(-value // unit) if unit else 0


def quote_software(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("software", demand, catalog)


def quote_hardware(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("hardware", demand, catalog)


def instances_needed(versions: int, qps: int, quota: int, qps_default: int,
                     secrets: int = 0, max_secrets: int = 0) -> int:
    """Whole default instances for `versions` key versions and a peak of `qps` (at least one).

    Secrets need the secret-quota add-on in any case (the default quota is 0); an instance's secret
    quota goes up to `max_secrets`, so more secrets than that need more instances.
    """
    return max(1, _ceil_div(versions, quota), _ceil_div(qps, qps_default), _ceil_div(secrets, max_secrets))


def addon_extras(versions: int, qps: int, quota: int, qps_default: int, max_quota: int,
                 levels: list[int], kq_price: Decimal | None, qps_price: Decimal | None,
                 instances: int = 1) -> tuple[Decimal, Decimal] | None:
    """(key quota add-on, QPS add-on) of `instances` instances raised to hold the month, or None.

    The key versions beyond the instances' default quotas are bought as key quota; each instance
    takes an equal share of the peak and buys the next QPS level above its default. None when the
    instances cannot be configured that large (key quota 100,000 each; the top QPS level) or an
    add-on they need has no price entered.
    """
    if versions > max_quota * instances or qps > levels[-1] * instances:
        return None
    extra_quota = max(0, versions - quota * instances)
    share = _ceil_div(qps, instances)
    level = next(level for level in levels if level >= share)
    extra_qps = max(0, level - qps_default) * instances
    if (extra_quota and kq_price is None) or (extra_qps and qps_price is None):
        return None
    return (extra_quota * (kq_price or ZERO), extra_qps * (qps_price or ZERO))


def _quote(kind: str, demand: Demand, catalog: PriceCatalog) -> OptionCost:
    oid = f"instance-{kind}"
    b = Builder(oid, catalog, demand.n)
    check_protection(b, demand, kind)
    fee = b.price(f"{oid}.month") or ZERO
    quota = catalog.limit(f"instance_{kind}_key_quota")
    qps_default = catalog.limit(f"instance_{kind}_qps")
    max_quota = catalog.limit("instance_max_key_quota")
    levels = sorted(int(x) for x in catalog.limits["instance_qps_levels"])
    kq_id, qps_id, secret_id = f"{oid}.key-quota", f"{oid}.qps", f"{oid}.secret-quota"
    kq_price, qps_price = b.known(kq_id), b.known(qps_id)
    cluster = cluster_price(b) if kind == "hardware" else None
    # The default secret quota is 0 (pricing-facts 2): any secret needs the secret-quota add-on.
    secret_price = (b.price(secret_id) or ZERO) if demand.secrets else ZERO
    max_secrets = catalog.limit("instance_max_secret_quota")

    fees, kq, qp, secrets, clusters, counts, routes = ([] for _ in range(7))
    qps_whole = demand.peak_qps_whole
    for m in range(demand.n):
        if not needs_instance(demand, m):
            for column in (fees, kq, qp, secrets, clusters):
                column.append(ZERO)
            counts.append(0)
            routes.append("none")
            continue
        versions, qps = demand.user_versions_peak[m], qps_whole[m]
        n = instances_needed(versions, qps, quota, qps_default, demand.secrets, max_secrets)
        best, route = (n * fee, ZERO, ZERO, n * (cluster or ZERO)), "instances"
        # One instance with raised quotas (add-ons), when their prices are entered. (Several instances
        # with add-ons, beyond one instance's largest quotas, are not priced: the workbook mirrors this.)
        if n > 1 and demand.secrets <= max_secrets:
            extras = addon_extras(versions, qps, quota, qps_default, max_quota, levels, kq_price, qps_price)
            if extras is not None:
                candidate = (fee, extras[0], extras[1], cluster or ZERO)
                if sum(candidate) < sum(best):
                    best, route, n = candidate, "add-ons", 1
        fees.append(best[0])
        kq.append(best[1])
        qp.append(best[2])
        clusters.append(best[3])
        secrets.append(demand.secrets * secret_price)
        counts.append(n)
        routes.append(route)

    b.line("instance fee", fees, f"{oid}.month")
    if any(kq):
        b.line("key quota add-on", kq, kq_id)
    if any(qp):
        b.line("QPS add-on", qp, qps_id)
    if demand.secrets:
        b.line("secret quota add-on", secrets, secret_id)
    if cluster is not None:
        b.line("Cloud HSM cluster", clusters, CLUSTER_ID)
    b.details.extend([("instances", tuple(counts)), ("route", tuple(routes))])
    _sizing_notes(b, demand, counts, routes, quota, qps_default, kq_price is None or qps_price is None)
    return b.build()


def _sizing_notes(b: Builder, demand: Demand, counts, routes, quota: int, qps_default: int,
                  addons_unpriced: bool) -> None:
    if not any(counts):
        b.note("Only service-managed keys: no instance is needed.")
        return
    size = f"({quota:,} key versions, {qps_default:,} QPS)"
    if "add-ons" in routes:
        b.note(f"Each month takes the cheaper of whole instances of the default size {size} and fewer "
               f"instances with raised quotas (add-ons); a subscription month costs the same whatever its days.")
    else:
        b.note(f"Whole instances of the default size {size} are bought each month; a subscription month "
               f"costs the same whatever its days.")
    previous, changes = 1, 0
    for m, n in enumerate(counts):
        if routes[m] == "add-ons" and (m == 0 or routes[m - 1] != "add-ons"):
            b.note(f"From {demand.months[m]}, {'one instance' if n == 1 else f'{n:,} instances'} with "
                   f"larger quotas (add-ons) {'costs' if n == 1 else 'cost'} less than whole instances "
                   f"of the default size.")
        if routes[m] == "instances" and n > previous:
            changes += 1
            if changes <= 3:
                why = _why(demand, m, quota, qps_default, b.catalog.limit("instance_max_secret_quota"))
                b.note(f"Needs {n:,} instances from {demand.months[m]}: {why}.")
            previous = n
    if changes > 3:
        top = max(n for n, r in zip(counts, routes) if r == "instances")
        first = next(m for m, (n, r) in enumerate(zip(counts, routes)) if r == "instances" and n == top)
        b.note(f"Grows to {top:,} instances by {demand.months[first]}.")
    if max(counts) > 1 and addons_unpriced:
        b.note("Key quota and QPS add-on prices are not published: enter them under Prices to "
               "compare fewer, larger instances with several whole ones.")


def _why(demand: Demand, m: int, quota: int, qps_default: int, max_secrets: int) -> str:
    versions, qps = demand.user_versions_peak[m], demand.peak_qps_whole[m]
    reasons = []
    if versions > quota:
        reasons.append(f"{versions:,} key versions exceed the quota of {quota:,} per instance")
    if qps > qps_default:
        reasons.append(f"a peak of {qps:,} QPS exceeds {qps_default:,} QPS per instance")
    if demand.secrets > max_secrets:
        reasons.append(f"{demand.secrets:,} secrets exceed the largest secret quota of {max_secrets:,} per instance")
    return " and ".join(reasons)
