"""Expand a plan into month-by-month demand per billing class (plan-format-v1 semantics).

Counts are exact integers (numpy int64, summed by day and reduced to months); calls are Decimal.
Money is not computed here: each option multiplies these by its prices once per month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
import math
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Mapping

import numpy as np

from core.calendar import month_days, month_labels
from core.catalog import PriceCatalog
from core.plan import KeyGroup, Plan

HOSTING_CLASSES = ("service", "software", "hsm-basic", "hsm-advanced")
API_CLASSES = ("service", "basic", "advanced")
FAMILIES = ("symmetric", "asymmetric")
SECONDS_PER_DAY = 86_400


def hosting_class(group: KeyGroup, catalog: PriceCatalog) -> str:
    """KMS 1.0 hosting class: service-managed keys are free; software keys one price; HSM by spec."""
    if group.creator == "service":
        return "service"
    if group.protection == "SOFTWARE":
        return "software"
    return "hsm-" + catalog.specs[group.spec]


def api_class(group: KeyGroup, catalog: PriceCatalog) -> str:
    """KMS 1.0 call class: basic or advanced key, software and hardware alike."""
    return "service" if group.creator == "service" else catalog.specs[group.spec]


@dataclass(frozen=True)
class Demand:
    months: tuple[str, ...]
    days: tuple[int, ...]
    # KMS 1.0: key version-days per hosting class, per month
    version_days: Mapping[str, tuple[int, ...]]
    # KMS 1.0 advanced HSM tier: version-days within the first N versions of each day, and beyond
    advanced_first_tier: tuple[int, ...]
    advanced_beyond_tier: tuple[int, ...]
    # cryptographic calls per API class, per month
    calls: Mapping[str, tuple[Decimal, ...]]
    # KMS 3.0 instances hold user keys only (default keys need no instance)
    user_version_days: tuple[int, ...]
    user_versions_peak: tuple[int, ...]  # the most user key versions on any day of the month
    user_versions_start: tuple[int, ...]  # on the first day of the month
    user_calls: tuple[Decimal, ...]
    peak_qps: tuple[Decimal, ...]
    user_keys: int
    hsm_keys: int  # billed user keys protected by an HSM
    secrets: int
    # peak QPS of user keys per key family ("symmetric", "asymmetric"): the shared gateway's limits
    peak_qps_by_family: Mapping[str, tuple[Decimal, ...]] = None  # type: ignore[assignment]

    @property
    def n(self) -> int:
        return len(self.months)

    @property
    def peak_qps_whole(self) -> tuple[int, ...]:
        """Peak QPS rounded up to whole QPS, as instances are sized and billed."""
        return tuple(whole_qps(q) for q in self.peak_qps)


_QPS_GRAIN = Decimal("1e-9")


def whole_qps(qps: Decimal) -> int:
    """QPS rounded up to a whole number (KMS 3.0 Pay-as-you-go: "rounded up").

    Compound growth leaves 28-digit noise (1000.000...0001); it is dropped below a nano-QPS first
    so an exact 1,000 QPS stays 1,000 and does not become 1,001.
    """
    if qps.adjusted() < 15:  # beyond that the nano grain would exceed Decimal's 28 digits
        qps = qps.quantize(_QPS_GRAIN, rounding=ROUND_HALF_EVEN)
    return int(math.ceil(qps))


def _day_versions(const: int, by_rotation: Mapping[int, int], day_index: np.ndarray) -> np.ndarray:
    """Versions on each day: sum of count*versions, plus count*floor(d/R) per rotation interval R."""
    total = np.full(day_index.shape, const, dtype=np.int64)
    for rotation, count in by_rotation.items():
        total += np.int64(count) * (day_index // rotation)
    return total


def _growth_factors(growth_pct: Decimal, months: int) -> list[Decimal]:
    """(1 + g/100) ** m for each month, as the contract writes it: each power rounded once to
    Decimal's 28 digits, so the error does not build up month after month."""
    factor = 1 + growth_pct / 100
    return [factor ** m for m in range(months)]


def expand(plan: Plan, catalog: PriceCatalog) -> Demand:
    months = month_labels(plan.start_month, plan.months)
    days = month_days(plan.start_month, plan.months)
    starts = np.cumsum((0,) + days[:-1]).astype(np.int64)
    day_index = np.arange(sum(days), dtype=np.int64)

    const: dict[str, int] = defaultdict(int)
    rotating: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    calls_by: dict[tuple[str, Decimal], Decimal] = defaultdict(Decimal)
    user_calls_by: dict[Decimal, Decimal] = defaultdict(Decimal)
    family_calls_by: dict[tuple[str, Decimal], Decimal] = defaultdict(Decimal)
    user_keys = hsm_keys = 0
    for group in plan.key_groups:
        if not group.billed:
            continue
        cls = hosting_class(group, catalog)
        const[cls] += group.count * group.versions
        if group.rotation_days:
            rotating[cls][group.rotation_days] += group.count
        calls_by[(api_class(group, catalog), group.calls_growth_pct)] += group.calls_per_month
        if group.creator == "user":
            user_keys += group.count
            user_calls_by[group.calls_growth_pct] += group.calls_per_month
            family_calls_by[(catalog.family(group.spec), group.calls_growth_pct)] += group.calls_per_month
            if group.protection == "HSM":
                hsm_keys += group.count

    def per_class(cls: str) -> np.ndarray:
        return _day_versions(const.get(cls, 0), rotating.get(cls, {}), day_index)

    def monthly(daily: np.ndarray) -> tuple[int, ...]:
        return tuple(int(x) for x in np.add.reduceat(daily, starts))

    daily = {cls: per_class(cls) for cls in HOSTING_CLASSES}
    version_days = {cls: monthly(daily[cls]) for cls in HOSTING_CLASSES}
    tier = catalog.limit("payg_legacy_advanced_tier_versions")
    advanced = daily["hsm-advanced"]
    first = np.minimum(advanced, tier)
    user_daily = daily["software"] + daily["hsm-basic"] + daily["hsm-advanced"]
    ends = np.append(starts[1:], len(day_index)) - 1

    factors: dict[Decimal, list[Decimal]] = {}

    def projected(base_by_growth: Mapping[Decimal, Decimal]) -> tuple[Decimal, ...]:
        totals = [Decimal(0)] * plan.months
        for growth, base in base_by_growth.items():
            if not base:
                continue
            if growth not in factors:
                factors[growth] = _growth_factors(growth, plan.months)
            for m, f in enumerate(factors[growth]):
                totals[m] += base * f
        return tuple(totals)

    calls = {
        cls: projected({g: v for (c, g), v in calls_by.items() if c == cls}) for cls in API_CLASSES
    }
    user_calls = projected(user_calls_by)
    # Multiply before dividing: (c / s) * 3 would turn an exact 2 into 2.000...01 and bill 3 QPS.
    peak_qps = tuple(
        c * plan.peak_to_average / (d * SECONDS_PER_DAY) for c, d in zip(user_calls, days)
    )
    peak_by_family = {}
    for family in FAMILIES:
        family_calls = projected({g: v for (f, g), v in family_calls_by.items() if f == family})
        peak_by_family[family] = tuple(
            c * plan.peak_to_average / (d * SECONDS_PER_DAY) for c, d in zip(family_calls, days))
    return Demand(
        months=months,
        days=days,
        version_days=version_days,
        advanced_first_tier=monthly(first),
        advanced_beyond_tier=monthly(advanced - first),
        calls=calls,
        user_version_days=monthly(user_daily),
        user_versions_peak=tuple(int(user_daily[e]) for e in ends),
        user_versions_start=tuple(int(user_daily[s]) for s in starts),
        user_calls=user_calls,
        peak_qps=peak_qps,
        user_keys=user_keys,
        hsm_keys=hsm_keys,
        secrets=plan.secrets,
        peak_qps_by_family=peak_by_family,
    )
