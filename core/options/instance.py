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
from core.options.sizing import (CLUSTER_ID, _ceil_div, active_months, check_protection, cluster_price,
                                 instances_needed, needs_instance)
from core.plan import Plan

__all__ = ["quote_software", "quote_hardware", "instances_needed", "addon_extras"]


def quote_software(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("software", demand, catalog)


def quote_hardware(demand: Demand, catalog: PriceCatalog, plan: Plan) -> OptionCost:
    return _quote("hardware", demand, catalog)


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
    b = Builder(oid, catalog, demand.n, demand.months)
    check_protection(b, demand, kind)
    fee = b.price(f"{oid}.month", active_months(demand)) or ZERO
    quota = catalog.limit(f"instance_{kind}_key_quota")
    qps_default = catalog.limit(f"instance_{kind}_qps")
    max_quota = catalog.limit("instance_max_key_quota")
    levels = sorted(int(x) for x in catalog.limits["instance_qps_levels"])
    kq_id, qps_id, secret_id = f"{oid}.key-quota", f"{oid}.qps", f"{oid}.secret-quota"
    kq_price, qps_price = b.known(kq_id), b.known(qps_id)
    cluster = cluster_price(b, demand) if kind == "hardware" else None
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
    _buyer_notes(b, demand, counts, routes, quota, qps_default, max_quota, levels, kq_id, qps_id,
                 kq_price, qps_price)
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
            versions, qps = demand.user_versions_peak[m], demand.peak_qps_whole[m]
            levels = sorted(int(x) for x in b.catalog.limits["instance_qps_levels"])
            level = next(x for x in levels if x >= qps)
            config = [f"a key quota of {max(versions, quota):,}"] + ([f"{level:,} QPS"] if level > qps_default else [])
            whole = instances_needed(versions, qps, quota, qps_default)
            b.note(f"From {demand.months[m]}, the cheapest purchasable configuration is one instance with "
                   f"{' and '.join(config)} (add-ons), less than {whole:,} whole instances of the default size.")
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


def _buyer_notes(b: Builder, demand: Demand, counts, routes, quota: int, qps_default: int, max_quota: int,
                 levels: list[int], kq_id: str, qps_id: str, kq_price, qps_price) -> None:
    """Say what a buyer would order (issue 8, item 5): whole default instances are an upper bound
    while add-on prices are unknown (with them entered, _sizing_notes names the configuration priced)."""
    whole = [(n, m) for m, (n, r) in enumerate(zip(counts, routes)) if r == "instances" and n > 1]
    if whole:
        top = max(n for n, _ in whole)
        m = next(m for n, m in whole if n == top)
        versions, qps = demand.user_versions_peak[m], demand.peak_qps_whole[m]
        fewer = max(1, _ceil_div(versions, max_quota), _ceil_div(qps, levels[-1]))
        if fewer < top:
            share_v, share_q = _ceil_div(versions, fewer), _ceil_div(qps, fewer)
            needed = []
            if share_v > quota:
                needed.append((kq_id, kq_price, f"{share_v:,} key slots"))
            if share_q > qps_default:
                level = next(x for x in levels if x >= share_q)
                needed.append((qps_id, qps_price, f"{level:,} QPS"))
            unpriced = [pid for pid, price, _ in needed if price is None]
            if unpriced:
                what = " and ".join(text for _, _, text in needed)
                who = "one instance" if fewer == 1 else f"{fewer:,} instances"
                ids = " and ".join(unpriced)
                b.note(f"Upper bound: {top:,} default instances by {demand.months[m]}; {who} with {what} "
                       f"{'each ' if fewer > 1 else ''}may cost less, but "
                       f"{'its add-on price is' if len(unpriced) == 1 else 'their add-on prices are'} not "
                       f"published: enter {ids} under Prices to compare.")


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
