"""Expand a plan into month-by-month demand per billing class (plan-format-v1 semantics).

Counts are exact integers (numpy int64, summed by day and reduced to months); calls are Decimal.
Money is not computed here: each option multiplies these by its prices once per month.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
import math
from decimal import ROUND_HALF_EVEN, Decimal, Inexact, InvalidOperation, Rounded, getcontext, localcontext
from operator import attrgetter
import threading
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
        factor = 1 + growth_pct / 100
        found = tuple(factor ** m for m in range(months))
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


# --- adding up the groups ------------------------------------------------------------------------
# Each group adds its key versions, rotations and calls to a few sums per billing class. At 10,000
# groups that loop is most of a comparison, and an edit changes one group: the sums are kept per
# block of consecutive groups (keyed by the groups' identities, which a frozen plan's edit keeps for
# every group it does not touch), so an edit or an undo adds up one block again, not the plan.
# Decimal sums are added block by block only while every addition is exact (Rounded and Inexact
# trapped, calls never negative): an exact sum is the same number, to the last digit and exponent,
# whatever the grouping, so the result is identical to adding the groups one by one in plan order;
# anything that would round falls back to exactly that.

_BLOCK = 256
_RUN = 8  # blocks whose sums are also kept added up, so an edit merges a few runs and one run
_limit = [64]  # blocks and runs kept: a few plans' worth (the plan and its what-if, an undo)
_FIELDS = attrgetter("creator", "protection", "spec", "state", "count", "versions", "rotation_days",
                     "calls_per_month", "calls_growth_pct")
_ZERO = Decimal(0)
_cache_lock = threading.Lock()
_blocks: OrderedDict[tuple, tuple] = OrderedDict()  # (classes, precision, ids) -> (groups, classes, sums): LRU
_classes_by_catalog: dict[tuple[int, int], tuple] = {}  # (specs, spec_info ids) -> (specs, spec_info, memo)


class _NotExact(Exception):
    """A block's sums would round (or subtract): add the plan up group by group instead."""


def _classes(catalog: PriceCatalog) -> dict:
    """The memo of billing classes per (creator, protection, spec) for this catalog's key specs."""
    key = (id(catalog.specs), id(catalog.spec_info))
    with _cache_lock:
        entry = _classes_by_catalog.get(key)
        if entry is None or entry[0] is not catalog.specs or entry[1] is not catalog.spec_info:
            if len(_classes_by_catalog) > 16:
                _classes_by_catalog.clear()
            entry = _classes_by_catalog[key] = (catalog.specs, catalog.spec_info, {})
    return entry[2]


def _block_sums(groups, catalog: PriceCatalog, memo: dict, exact: bool = True) -> tuple:
    """const, rotating, calls_by, user_calls_by, family_calls_by, user keys, HSM keys of `groups`,
    dicts in the order of first appearance, added group by group in plan order. `exact`: a block
    summed to be merged with others refuses negative calls (a subtraction could round)."""
    const: dict = {}
    rotating: dict = {}
    calls_by: dict = {}
    user_calls_by: dict = {}
    family_calls_by: dict = {}
    user_keys = hsm_keys = 0
    for group, (creator, protection, spec, state, count, versions, rotation, calls, growth) in zip(
            groups, map(_FIELDS, groups)):
        if state == "PendingDeletion" or not count > 0:  # KeyGroup.billed
            continue
        info = memo.get((creator, protection, spec))
        if info is None:
            user = creator == "user"
            info = memo[(creator, protection, spec)] = (
                hosting_class(group, catalog), api_class(group, catalog), user,
                catalog.family(spec) if user else None, user and protection == "HSM")
        cls, api, user, family, hsm = info
        const[cls] = const.get(cls, 0) + count * versions
        if rotation:
            by_rotation = rotating.get(cls)
            if by_rotation is None:
                by_rotation = rotating[cls] = {}
            by_rotation[rotation] = by_rotation.get(rotation, 0) + count
        if exact and calls < 0:
            raise _NotExact
        key = (api, growth)
        calls_by[key] = calls_by.get(key, _ZERO) + calls
        if user:
            user_keys += count
            user_calls_by[growth] = user_calls_by.get(growth, _ZERO) + calls
            key = (family, growth)
            family_calls_by[key] = family_calls_by.get(key, _ZERO) + calls
            if hsm:
                hsm_keys += count
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _merge(parts) -> tuple:
    """The blocks' sums added up in plan order (keys first seen first, as one loop would)."""
    const: dict = {}
    rotating: dict = {}
    calls_by: dict = {}
    user_calls_by: dict = {}
    family_calls_by: dict = {}
    user_keys = hsm_keys = 0
    for b_const, b_rotating, b_calls, b_user_calls, b_family_calls, b_user_keys, b_hsm_keys in parts:
        for k, v in b_const.items():
            const[k] = const.get(k, 0) + v
        for cls, by_rotation in b_rotating.items():
            into = rotating.get(cls)
            if into is None:
                into = rotating[cls] = {}
            for r, v in by_rotation.items():
                into[r] = into.get(r, 0) + v
        for into, part in ((calls_by, b_calls), (user_calls_by, b_user_calls),
                           (family_calls_by, b_family_calls)):
            for k, v in part.items():
                into[k] = into.get(k, _ZERO) + v
        user_keys += b_user_keys
        hsm_keys += b_hsm_keys
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _cached(key: tuple, items: tuple, memo: dict, work):
    """work(items), or what it gave last time for these very objects (the entry keeps them alive,
    so their ids in the key cannot be reused)."""
    with _cache_lock:
        hit = _blocks.get(key)
        if hit is not None and hit[1] is memo:
            _blocks.move_to_end(key)  # most recently used last
            return hit[2]
    result = work(items)
    with _cache_lock:
        _blocks[key] = (items, memo, result)
        while len(_blocks) > _limit[0]:
            _blocks.popitem(last=False)
    return result


def _group_sums(groups: tuple[KeyGroup, ...], catalog: PriceCatalog) -> tuple:
    memo = _classes(catalog)
    context = getcontext()
    exact = context.copy()
    exact.traps[Rounded] = exact.traps[Inexact] = True
    try:
        with localcontext(exact):
            parts = []
            _limit[0] = max(_limit[0], 5 * (len(groups) // _BLOCK + 1))
            for start in range(0, len(groups), _BLOCK):
                block = groups[start:start + _BLOCK]
                parts.append(_cached((id(memo), context.prec, tuple(map(id, block))), block, memo,
                                     lambda items: _block_sums(items, catalog, memo)))
            return _merge([_cached(("run", id(memo), context.prec, tuple(map(id, run))), run, memo, _merge)
                           for run in (tuple(parts[i:i + _RUN]) for i in range(0, len(parts), _RUN))])
    except (_NotExact, Rounded, Inexact, InvalidOperation):  # the last: a NaN compared with 0
        # The plain loop over the whole plan, under the caller's decimal context.
        return _block_sums(groups, catalog, memo, exact=False)





def expand(plan: Plan, catalog: PriceCatalog) -> Demand:
    months = month_labels(plan.start_month, plan.months)
    days = month_days(plan.start_month, plan.months)
    starts = np.cumsum((0,) + days[:-1]).astype(np.int64)
    day_index = np.arange(sum(days), dtype=np.int64)

    const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys = _group_sums(
        plan.key_groups, catalog)

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
            for m, f in enumerate(factors[growth]):
                totals[m] += base * f
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
        user_versions_peak=tuple(int(user_daily[e]) for e in ends),
        user_versions_start=tuple(int(user_daily[s]) for s in starts),
        user_calls=user_calls,
        peak_qps=peak_qps,
        user_keys=user_keys,
        hsm_keys=hsm_keys,
        secrets=plan.secrets,
        peak_qps_by_family=peak_by_family,
    )
