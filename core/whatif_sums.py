"""A what-if applied to a plan's sums, so that a slider step does not remake 10,000 key groups.

`scaled_sums` gives exactly the sums core.group_sums would give for `core.sweep.apply_whatif(plan,
whatif)`, digit for digit, from the plan's own kept sums:

- keys: each count is scaled once per distinct count (core.sweep.scale_count) and the key sums are
  added up again from the sums kept per count (integers: any grouping gives the same sums);
- calls: a class's calls are one exact sum S of the groups' calls, and S x factor is the exact sum of
  each group's calls x factor (the same number and exponent) when every product and addition is
  exact. S x factor is worked out with Rounded and Inexact trapped, which proves every group's
  product exact too: no group's calls c has a larger coefficient than S (0 <= c <= S, and S's
  exponent is the least of theirs), so c x factor never needs more digits than S x factor;
- growth: each growth is shifted once per distinct value (core.sweep.shift_growth), starting from the
  first group that wrote that value, as apply_whatif does, so "1" and "1.0" keep the text it gives.
  Sums whose shifted growths meet are added (exactly) in the order of first appearance.

Whenever exactness cannot be proved it returns None, and core.demand expands apply_whatif's plan.
"""

from __future__ import annotations

from decimal import Decimal, Inexact, InvalidOperation, Rounded, getcontext, localcontext
from operator import attrgetter

from core.catalog import PriceCatalog
from core.group_sums import count_sums
from core.plan import KeyGroup
from core.sweep import WhatIf, scale_count, shift_growth

ONE = Decimal(1)
ZERO = Decimal(0)
_growth = attrgetter("calls_growth_pct")


def scaled_sums(sums: tuple, groups: tuple[KeyGroup, ...], catalog: PriceCatalog, whatif: WhatIf) -> tuple | None:
    """core.group_sums' sums of apply_whatif(plan, whatif)'s groups, from `sums` (exact sums of the
    plan's `groups`); None when that cannot be shown to be exact."""
    const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys = sums
    if whatif.keys_factor != ONE:
        const, rotating, user_keys, hsm_keys = _scaled_keys(count_sums(groups, catalog), whatif.keys_factor)
    factor, delta = whatif.calls_factor, whatif.growth_delta_pct
    if factor == ONE and delta == ZERO:
        return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys
    if delta != ZERO:
        # dict.fromkeys keeps the first object of each value: the growth apply_whatif shifts for all
        shifted = {g: shift_growth(g, delta) for g in dict.fromkeys(map(_growth, groups))}
    else:
        shifted = None
    exact = getcontext().copy()
    exact.traps[Rounded] = exact.traps[Inexact] = True
    try:
        with localcontext(exact):
            calls_by = _scaled_calls(calls_by, factor, shifted, pair=True)
            user_calls_by = _scaled_calls(user_calls_by, factor, shifted, pair=False)
            family_calls_by = _scaled_calls(family_calls_by, factor, shifted, pair=True)
    except (Rounded, Inexact, InvalidOperation):
        return None
    return const, rotating, calls_by, user_calls_by, family_calls_by, user_keys, hsm_keys


def _scaled_calls(sums: dict, factor: Decimal, shifted: dict | None, pair: bool) -> dict:
    """Each sum times the factor, under its shifted growth (keys `(class, growth)` when `pair`)."""
    out: dict = {}
    for key, total in sums.items():
        if factor != ONE:
            total = total * factor
        if shifted is not None:
            key = (key[0], shifted[key[1]]) if pair else shifted[key]
        before = out.get(key)
        out[key] = total if before is None else before + total
    return out


def _scaled_keys(counts: tuple, factor: Decimal) -> tuple:
    """const, rotating, user keys and HSM keys with every count scaled (core.group_sums.count_sums)."""
    versions_by, rotating_by, users_by, hsm_by = counts
    scaled: dict[int, int] = {}

    def scale(count: int) -> int:
        found = scaled.get(count)
        if found is None:
            found = scaled[count] = scale_count(count, factor)
        return found

    const: dict = {}
    for (cls, count), versions in versions_by.items():
        const[cls] = const.get(cls, 0) + scale(count) * versions
    rotating: dict = {}
    for (cls, rotation, count), groups in rotating_by.items():
        by_rotation = rotating.setdefault(cls, {})
        by_rotation[rotation] = by_rotation.get(rotation, 0) + scale(count) * groups
    user_keys = sum(scale(count) * groups for count, groups in users_by.items())
    hsm_keys = sum(scale(count) * groups for count, groups in hsm_by.items())
    return const, rotating, user_keys, hsm_keys
