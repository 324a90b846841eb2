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
from core.plan import Plan

ONE = Decimal(1)
ZERO = Decimal(0)
# Limits of a what-if (the desktop's spin boxes use the same): beyond these it is a typo.
MAX_FACTOR = Decimal(1000)
MIN_GROWTH_DELTA = Decimal(-100)  # exclusive: growth stays above -100 %
MAX_GROWTH_DELTA = Decimal(1000)
MAX_MONTHS = 120
# The plan format's bounds of a group's growth (plan-format-v1): a shifted growth is clamped into them.
GROWTH_FLOOR = Decimal(-99)
GROWTH_CEILING = Decimal(1000)
MAX_COUNT = 10_000_000
LAST_MONTH_INDEX = 9999 * 12 + 11  # 9999-12, the last month a plan file may reach


@dataclass(frozen=True)
class WhatIf:
    """How to scale a plan. The default changes nothing; `months=None` keeps the plan's horizon."""

    calls_factor: Decimal = ONE
    keys_factor: Decimal = ONE
    growth_delta_pct: Decimal = ZERO  # percentage points added to every group's monthly growth
    months: int | None = None

    def __post_init__(self) -> None:
        for name in ("calls_factor", "keys_factor", "growth_delta_pct"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise ValueError(f"{name}: must be a Decimal, got {value!r}")
            object.__setattr__(self, name, Decimal(value))
        for name in ("calls_factor", "keys_factor"):
            value = getattr(self, name)
            if not (value.is_finite() and ZERO < value <= MAX_FACTOR):
                raise ValueError(f"{name}: must be a number > 0 and at most {MAX_FACTOR}, got {value}")
        delta = self.growth_delta_pct
        if not (delta.is_finite() and MIN_GROWTH_DELTA < delta <= MAX_GROWTH_DELTA):
            raise ValueError(f"growth_delta_pct: must be a number above {MIN_GROWTH_DELTA} and at most "
                             f"{MAX_GROWTH_DELTA}, got {delta}")
        if self.months is not None and (isinstance(self.months, bool) or not isinstance(self.months, int)
                                        or not 1 <= self.months <= MAX_MONTHS):
            raise ValueError(f"months: must be an integer from 1 to {MAX_MONTHS} or None, got {self.months!r}")

    @property
    def is_neutral(self) -> bool:
        """True when applying it returns the plan unchanged."""
        return (self.calls_factor == ONE and self.keys_factor == ONE and self.growth_delta_pct == ZERO
                and self.months is None)

    def describe(self, plan_months: int | None = None) -> str:
        """Plain words for people: 'calls ×1.5, keys ×2, growth +1 pp, 48 months'."""
        parts = []
        if self.calls_factor != ONE:
            parts.append(f"calls ×{_plain(self.calls_factor)}")
        if self.keys_factor != ONE:
            parts.append(f"keys ×{_plain(self.keys_factor)}")
        if self.growth_delta_pct != ZERO:
            sign = "+" if self.growth_delta_pct > 0 else "−"
            parts.append(f"growth {sign}{_plain(abs(self.growth_delta_pct))} pp")
        if self.months is not None and self.months != plan_months:
            parts.append(f"{self.months} months")
        return ", ".join(parts) if parts else "as planned"


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def scale_count(count: int, factor: Decimal) -> int:
    """Whole keys after scaling, by the module's rounding rule (half up, a non-empty group keeps one)."""
    if count <= 0:
        return 0
    scaled = int((Decimal(count) * factor).to_integral_value(rounding=ROUND_HALF_UP))
    return min(max(scaled, 1), MAX_COUNT)


def shift_growth(growth_pct: Decimal, delta: Decimal) -> Decimal:
    """Growth plus delta percentage points, kept inside the plan format's range (-99 .. 1000)."""
    return min(max(growth_pct + delta, GROWTH_FLOOR), GROWTH_CEILING)


def apply_whatif(plan: Plan, whatif: WhatIf) -> Plan:
    """The plan as the what-if sees it; a neutral what-if returns the plan itself."""
    if whatif.is_neutral:
        return plan
    groups = tuple(
        g.with_(
            count=scale_count(g.count, whatif.keys_factor),
            calls_per_month=g.calls_per_month * whatif.calls_factor,
            calls_growth_pct=shift_growth(g.calls_growth_pct, whatif.growth_delta_pct),
        )
        for g in plan.key_groups
    )
    months = plan.months if whatif.months is None else min(whatif.months, months_left(plan.start_month))
    return plan.with_(key_groups=groups, months=months)


def months_left(start_month: str) -> int:
    """How many months a projection from start_month may run: plan files end by 9999-12."""
    year, month = parse_month(start_month)
    return LAST_MONTH_INDEX - (year * 12 + month - 1) + 1

