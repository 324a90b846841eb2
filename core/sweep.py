"""What-if: scale a plan without editing it (more calls, more keys, faster growth, longer horizon).

`apply_whatif(plan, whatif)` returns a new Plan; everything stays exact Decimal. The desktop's
what-if sliders and the stored scenarios (core.scenarios) both go through it, so a scenario's
numbers are exactly what the sliders showed.

Rounding rule for keys: a group's new key count is `count x keys_factor` rounded half up to a
whole key (2.5 keys -> 3, 2.49 -> 2), and a group that had keys keeps at least one key
(scaling down never makes a group vanish); a group of 0 keys stays at 0. A longer horizon is cut
so the projection still ends by 9999-12, as plan files must.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.calendar import parse_month
from core.fields import FIELDS, check, decimal_text
from core.plan import KeyGroup, Plan
from core.words import plural

ONE = Decimal(1)
ZERO = Decimal(0)
# Limits of a what-if (core.fields; the desktop's spin boxes use the same): beyond these it is a typo.
MAX_FACTOR = FIELDS["calls_factor"].maximum
MIN_GROWTH_DELTA = FIELDS["growth_delta_pct"].minimum  # exclusive: growth stays above -100 %
MAX_GROWTH_DELTA = FIELDS["growth_delta_pct"].maximum
MAX_MONTHS = int(FIELDS["months"].maximum)
# A group's growth keeps core.fields' bounds (above -100 %, at most 1,000 %). A shift that would reach
# -100 % or below stops at GROWTH_FLOOR, or at the group's own growth when that is lower already.
GROWTH_FLOOR = Decimal(-99)
GROWTH_CEILING = FIELDS["calls_growth_pct"].maximum
_GROWTH = FIELDS["calls_growth_pct"]
MAX_COUNT = int(FIELDS["count"].maximum)
LAST_MONTH_INDEX = 9999 * 12 + 11  # 9999-12, the last month a plan file may reach


@dataclass(frozen=True)
class WhatIf:
    """How to scale a plan. The default changes nothing; `months=None` keeps the plan's horizon."""

    calls_factor: Decimal = ONE
    keys_factor: Decimal = ONE
    growth_delta_pct: Decimal = ZERO  # percentage points added to every group's monthly growth
    months: int | None = None

    def __post_init__(self) -> None:
        """Bounds from core.fields; a refusal is a core.fields.FieldError (a ValueError) in words."""
        for name in ("calls_factor", "keys_factor", "growth_delta_pct"):
            value = getattr(self, name)
            if isinstance(value, str) or isinstance(value, float):
                raise ValueError(f"{name}: must be a Decimal, got {value!r}")
            object.__setattr__(self, name, check(name, value))
        if self.months is not None:
            if isinstance(self.months, str):
                raise ValueError(f"months: must be an integer or None, got {self.months!r}")
            object.__setattr__(self, "months", check("months", self.months))

    @property
    def is_neutral(self) -> bool:
        """True when applying it returns the plan unchanged."""
        return (self.calls_factor == ONE and self.keys_factor == ONE and self.growth_delta_pct == ZERO
                and self.months is None)

    def describe(self, plan_months: int | None = None) -> str:
        """Plain words for people: 'calls ×1.5, keys ×2, growth +1 pp, +12 months (48)'."""
        parts = []
        if self.calls_factor != ONE:
            parts.append(f"calls ×{decimal_text(self.calls_factor)}")
        if self.keys_factor != ONE:
            parts.append(f"keys ×{decimal_text(self.keys_factor)}")
        if self.growth_delta_pct != ZERO:
            sign = "+" if self.growth_delta_pct > 0 else "−"
            parts.append(f"growth {sign}{decimal_text(abs(self.growth_delta_pct))} pp")
        if self.months is not None and self.months != plan_months:
            if plan_months is None:
                parts.append(plural(self.months, "month"))
            else:  # as the what-if's relative Horizon control says it: "+12 months (48)"
                change = self.months - plan_months
                parts.append(f"{'+' if change > 0 else '−'}{plural(abs(change), 'month')} ({self.months})")
        return ", ".join(parts) if parts else "as planned"


def scale_count(count: int, factor: Decimal) -> int:
    """Whole keys after scaling, by the module's rounding rule (half up, a non-empty group keeps one)."""
    if count <= 0:
        return 0
    scaled = int((Decimal(count) * factor).to_integral_value(rounding=ROUND_HALF_UP))
    return min(max(scaled, 1), MAX_COUNT)


def shift_growth(growth_pct: Decimal, delta: Decimal) -> Decimal:
    """Growth plus delta percentage points, exactly, while that stays a growth core.fields accepts
    (-99.5 stays -99.5). At -100 % or below (calls would vanish) it stops at -99 %, or at the
    group's own growth when that is lower already (a cut never raises a growth); above 1,000 % at 1,000 %.
    """
    shifted = growth_pct + delta
    if shifted > GROWTH_CEILING:
        return GROWTH_CEILING
    if not _GROWTH.contains(shifted):
        return min(growth_pct, GROWTH_FLOOR)
    return shifted


_new_object = object.__new__
_set_attribute = object.__setattr__


def _group_with(group: KeyGroup, count: int, calls: Decimal, growth: Decimal) -> KeyGroup:
    """The group with three fields changed, without dataclasses.replace (which re-runs __init__ with
    every field: ~5 us a group, 50 ms for a 10,000-group plan on every what-if slider step).

    The same fields as replace() would give: a copy of the frozen group's attributes, three of them new.
    """
    fields = group.__dict__.copy()
    fields["count"] = count
    fields["calls_per_month"] = calls
    fields["calls_growth_pct"] = growth
    new = _new_object(KeyGroup)
    _set_attribute(new, "__dict__", fields)  # frozen: its own __setattr__ refuses every attribute
    return new


def apply_whatif(plan: Plan, whatif: WhatIf) -> Plan:
    """The plan as the what-if sees it; a neutral what-if returns the plan itself.

    Each factor that is neutral leaves its field as it is; scaled counts and shifted growths are
    worked out once per distinct value (estates repeat them), so a slider step stays well inside a
    frame at 10,000 groups.
    """
    if whatif.is_neutral:
        return plan
    keys, calls, delta = whatif.keys_factor, whatif.calls_factor, whatif.growth_delta_pct
    groups = plan.key_groups
    if keys != ONE or calls != ONE or delta != ZERO:
        counts: dict[int, int] = {}
        growths: dict[Decimal, Decimal] = {}
        out = []
        for g in groups:
            count = g.count
            if keys != ONE:
                scaled = counts.get(count)
                if scaled is None:
                    scaled = counts[count] = scale_count(count, keys)
                count = scaled
            growth = g.calls_growth_pct
            if delta != ZERO:
                shifted = growths.get(growth)
                if shifted is None:
                    shifted = growths[growth] = shift_growth(growth, delta)
                growth = shifted
            out.append(_group_with(g, count, g.calls_per_month * calls if calls != ONE else g.calls_per_month,
                                   growth))
        groups = tuple(out)
    return plan.with_(key_groups=groups, months=whatif_months(plan, whatif))


def whatif_months(plan: Plan, whatif: WhatIf) -> int:
    """The what-if's horizon: its months, cut so the projection still ends by 9999-12."""
    return plan.months if whatif.months is None else min(whatif.months, months_left(plan.start_month))


def months_left(start_month: str) -> int:
    """How many months a projection from start_month may run: plan files end by 9999-12."""
    year, month = parse_month(start_month)
    return LAST_MONTH_INDEX - (year * 12 + month - 1) + 1

