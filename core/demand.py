"""Expand a plan into month-by-month demand per billing class (plan-format-v1 semantics).

Counts are exact integers (numpy int64, summed by day and reduced to months); calls are Decimal.
Money is not computed here: each option multiplies these by its prices once per month.
"""

from __future__ import annotations

from functools import cached_property
from itertools import repeat
import math
from operator import add, mul
from decimal import ROUND_HALF_EVEN, Decimal, getcontext
from typing import TYPE_CHECKING, Mapping

import numpy as np

from core.calendar import month_days, month_labels
from core.catalog import PriceCatalog
from core.frozen import frozen
from core.group_sums import group_sums
from core.plan import Plan

if TYPE_CHECKING:  # core.sweep and core.whatif_sums are imported when a what-if is priced
    from core.sweep import WhatIf

HOSTING_CLASSES = ("service", "software", "hsm-basic", "hsm-advanced")
API_CLASSES = ("service", "basic", "advanced")
FAMILIES = ("symmetric", "asymmetric")
SECONDS_PER_DAY = 86_400


@frozen
class Demand:
    """What the plan asks for, month by month: key version-days, calls, peak QPS and user keys,
    everything each option prices from."""

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

    @cached_property
    def user_months(self) -> tuple[bool, ...]:
        """The months with user key versions, secrets or user calls: the months a KMS 3.0 instance
        is needed in (default keys of cloud services are free and need none). Worked out once."""
        return tuple(bool(v or self.secrets or c) for v, c in zip(self.user_versions_peak, self.user_calls))

    @cached_property
    def peak_qps_whole(self) -> tuple[int, ...]:
        """Peak QPS rounded up to whole QPS, as instances are sized and billed (worked out once:
        every option reads it, some month by month)."""
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
    # count*floor(d/R) grows by `count` on every R-th day: one impulse per rotation day, one running
    # sum (a few hundred rotation intervals cost one pass over the days, not one pass each).
    steps = np.zeros(day_index.shape, dtype=np.int64)
    others = []
    for rotation, count in by_rotation.items():
        if rotation > 0:
            steps[rotation::rotation] += np.int64(count)
        else:  # never in a checked plan
            others.append((rotation, count))
    total = np.cumsum(steps)
    total += np.int64(const)
    for rotation, count in others:
        total += np.int64(count) * (day_index // rotation)
    return total


def _growth_factors(growth_pct: Decimal, months: int) -> list[Decimal]:
    """(1 + g/100) ** m for each month, as the contract writes it: each power rounded once to
    Decimal's 28 digits, so the error does not build up month after month.

    Kept per growth as written (its exact text) and decimal context: every edit asks again."""
    key = (str(growth_pct), months, _context_key())
    found = _factors.get(key)
    if found is None:
        found = tuple(map(pow, repeat(1 + growth_pct / 100), range(months)))
        if len(_factors) > 512:
            _factors.clear()
        _factors[key] = found
    return list(found)


_factors: dict[tuple, tuple[Decimal, ...]] = {}
_projections: dict[tuple, tuple[Decimal, ...]] = {}


def _context_key() -> tuple:
    """What of the decimal context a kept figure depends on."""
    context = getcontext()
    return context.prec, context.rounding, context.Emin, context.Emax, context.clamp, tuple(context.traps.values())


def expand(plan: Plan, catalog: PriceCatalog, whatif: WhatIf | None = None) -> Demand:
    """The plan's demand; with a what-if, exactly the demand of core.sweep.apply_whatif(plan, whatif),
    worked out from the plan's own kept sums when that is provably the same (core.whatif_sums)."""
    sums, exact = group_sums(plan.key_groups, catalog)
    if whatif is not None and not whatif.is_neutral:
        from core.sweep import apply_whatif, whatif_months
        from core.whatif_sums import scaled_sums

        sums = scaled_sums(sums, plan.key_groups, catalog, whatif) if exact else None
        if sums is None:
            return expand(apply_whatif(plan, whatif), catalog)
        plan = plan.with_(months=whatif_months(plan, whatif))
    months = month_labels(plan.start_month, plan.months)
    days = month_days(plan.start_month, plan.months)
    starts = np.cumsum((0,) + days[:-1]).astype(np.int64)
    day_index = np.arange(sum(days), dtype=np.int64)

    const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys = sums

    def per_class(cls: str) -> np.ndarray:
        return _day_versions(const.get(cls, 0), rotating.get(cls, {}), day_index)

    def monthly(daily: np.ndarray) -> tuple[int, ...]:
        return tuple(np.add.reduceat(daily, starts).tolist())  # Python ints

    daily = {cls: per_class(cls) for cls in HOSTING_CLASSES}
    version_days = {cls: monthly(daily[cls]) for cls in HOSTING_CLASSES}
    tier = catalog.limit("payg_legacy_advanced_tier_versions")
    advanced = daily["hsm-advanced"]
    first = np.minimum(advanced, tier)
    user_daily = daily["software"] + daily["hsm-basic"] + daily["hsm-advanced"]
    ends = np.append(starts[1:], len(day_index)) - 1

    factors: dict[Decimal, list[Decimal]] = {}
    sources: dict[Decimal, Decimal] = {}  # a growth (by value) -> the first one seen, whose powers all use
    context = _context_key()

    def projected(base_by_growth: Mapping[Decimal, Decimal]) -> tuple[Decimal, ...]:
        # Kept by the exact text of each growth and base (an edit of a count leaves the calls as they
        # were): the same figures as working them out again, digit for digit.
        written = []
        for growth, base in base_by_growth.items():
            if base:
                written.append((str(sources.setdefault(growth, growth)), str(base)))
        key = (tuple(written), plan.months, context)
        found = _projections.get(key)
        if found is not None:
            return found
        totals = [Decimal(0)] * plan.months
        for growth, base in base_by_growth.items():
            if not base:
                continue
            if growth not in factors:
                factors[growth] = _growth_factors(growth, plan.months)
            # totals[m] += base * f, month by month, with the loop run by map (the same operations)
            totals = list(map(add, totals, map(mul, repeat(base), factors[growth])))
        found = tuple(totals)
        if len(_projections) > 256:
            _projections.clear()
        _projections[key] = found
        return found

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
        user_versions_peak=tuple(user_daily[ends].tolist()),
        user_versions_start=tuple(user_daily[starts].tolist()),
        user_calls=user_calls,
        peak_qps=peak_qps,
        user_keys=user_keys,
        hsm_keys=hsm_keys,
        secrets=plan.secrets,
        peak_qps_by_family=peak_by_family,
    )
