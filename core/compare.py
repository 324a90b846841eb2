"""Compare the options: totals, cumulative curves, the cheapest, break-even months and why.

`compare(plan)` is the one entry point every view, the CLI and the workbook use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from core.catalog import PriceCatalog, load_catalog, option_styles
from core.demand import Demand, expand
from core.options import REGISTRY
from core.options.base import ZERO, OptionCost
from core.plan import Plan
from core.money import fmt_money
from core.words import plural


@dataclass(frozen=True)
class BreakEven:
    """From `month` (index) on, `cheaper` costs less in total than `dearer`, having cost more before."""

    cheaper: str
    dearer: str
    month: int
    label: str  # YYYY-MM
    reason: str


@dataclass(frozen=True)
class Comparison:
    plan: Plan
    catalog: PriceCatalog
    demand: Demand
    options: tuple[OptionCost, ...]

    @property
    def months(self) -> tuple[str, ...]:
        return self.demand.months

    @property
    def currency(self) -> str:
        return self.catalog.currency

    def option(self, option_id: str) -> OptionCost:
        return next(o for o in self.options if o.id == option_id)

    @property
    def available(self) -> tuple[OptionCost, ...]:
        return tuple(o for o in self.options if o.available)

    def cumulative(self, option_id: str) -> tuple[Decimal, ...]:
        return tuple(accumulate(self.option(option_id).monthly))

    @property
    def cheapest(self) -> str | None:
        """The available option with the lowest total; ties go to the earlier option."""
        best = None
        for o in self.available:
            if best is None or o.total < best.total:
                best = o
        return best.id if best else None

    def cheapest_by_month(self) -> tuple[str | None, ...]:
        """Per month, the available option that costs least that month (ties: the earlier option)."""
        out = []
        columns = [(o.id, o.monthly) for o in self.available]
        for m in range(len(self.months)):
            best = None
            for oid, monthly in columns:
                if best is None or monthly[m] < best[1]:
                    best = (oid, monthly[m])
            out.append(best[0] if best else None)
        return tuple(out)

    def difference_to_cheapest(self, option_id: str) -> Decimal | None:
        cheapest = self.cheapest
        if cheapest is None:
            return None
        return self.option(option_id).total - self.option(cheapest).total

    def break_evens(self) -> tuple[BreakEven, ...]:
        """Every month where one available option's cumulative cost drops below another's.

        A tie (equal cumulative totals) is not a crossing: the month counted is the first one in
        which the former dearer option is strictly cheaper in total.
        """
        found = []
        opts = self.available
        cum = {o.id: self.cumulative(o.id) for o in opts}
        for i, a in enumerate(opts):
            for b in opts[i + 1:]:
                sign = 0  # the sign of a - b at the last month they differed
                for m, (x, y) in enumerate(zip(cum[a.id], cum[b.id])):
                    now = (x > y) - (x < y)
                    if now and sign and now != sign:
                        cheaper, dearer = (a, b) if now < 0 else (b, a)
                        found.append(self._break_even(cheaper, dearer, m))
                    if now:
                        sign = now
        return tuple(sorted(found, key=lambda e: (e.month, e.cheaper, e.dearer)))

    def _break_even(self, cheaper: OptionCost, dearer: OptionCost, m: int) -> BreakEven:
        label = self.months[m]
        cause = _cause(self.demand, cheaper, dearer, m, self.currency)
        reason = f"{cheaper.label} becomes cheaper in total than {dearer.label} from {label} (month {m + 1})"
        return BreakEven(cheaper.id, dearer.id, m, label, reason + (f": {cause}" if cause else "") + ".")

    def reasons(self) -> tuple[str, ...]:
        """Plain-language summary: the cheapest option, the break-evens, and what is unavailable."""
        out = []
        cheapest = self.cheapest
        if cheapest is None:
            out.append("No option can be priced: enter the missing prices under Prices.")
        else:
            best = self.option(cheapest)
            runner = sorted((o for o in self.available if o.id != cheapest), key=lambda o: o.total)
            text = f"{best.label} is the cheapest over {plural(len(self.months), 'month')}"
            if runner:
                gap = fmt_money(runner[0].total - best.total)
                text += f", {gap} {self.currency} less than {runner[0].label}"
            out.append(text + ".")
            by_month = _runs(self.cheapest_by_month(), self.months)
            if len(by_month) > 1:
                parts = [f"{self.option(oid).label} from {label}" for oid, label in by_month]
                out.append("Cheapest month by month: " + "; ".join(parts) + ".")
        out.extend(e.reason for e in self.break_evens())
        for o in self.options:
            if not o.available:
                out.append(f"{o.label} is not available: {o.notes[0]}")
        return tuple(out)


def _runs(ids: tuple[str | None, ...], months: tuple[str, ...]) -> list[tuple[str, str]]:
    """(option id, first month) for each stretch of months with the same cheapest option."""
    runs: list[tuple[str, str]] = []
    for oid, label in zip(ids, months):
        if oid is not None and (not runs or runs[-1][0] != oid):
            runs.append((oid, label))
    return runs


_DRIVERS = {
    "key hosting": "versions",
    "key versions": "versions",
    "key quota add-on": "versions",
    "instance fee": "instances",
    "API calls": "calls",
    "QPS": "calls",
    "QPS add-on": "calls",
}


def _driver(demand: Demand, option: OptionCost, item: str, m: int) -> str:
    """What made a line change between the first month and month m, in words."""
    kind = _DRIVERS.get(item)
    start, now = demand.user_versions_start[0], demand.user_versions_peak[m]
    if kind == "versions" and now != start:
        return f"rotation takes the key versions from {start:,} to {now:,}"
    if kind == "instances":
        counts = option.detail("instances")
        if counts and counts[m] != counts[0]:
            return f"it needs {counts[m]:,} instances instead of {counts[0]:,}"
        if now != start:
            return f"rotation takes the key versions from {start:,} to {now:,}"
    if kind in ("calls", "instances") and demand.user_calls[m] != demand.user_calls[0]:
        direction = "grow" if demand.user_calls[m] > demand.user_calls[0] else "fall"
        return f"calls {direction} from {_calls(demand.user_calls[0])} to {_calls(demand.user_calls[m])} a month"
    if kind == "calls" and sum(demand.calls[c][m] for c in demand.calls) != sum(demand.calls[c][0] for c in demand.calls):
        return "call volume changes"
    return ""


def _short(option: OptionCost) -> str:
    style = option_styles().get(option.id)
    return style.short if style else option.label


def _calls(value: Decimal) -> str:
    return f"{value.to_integral_value():,}"


def _cause(demand: Demand, cheaper: OptionCost, dearer: OptionCost, m: int, currency: str = "") -> str:
    """Why the totals cross: the line of the dearer option that rose most since the first month
    (or, failing that, the line of the cheaper one that fell most), with its figures and driver."""
    def biggest(option: OptionCost, sign: int):
        best = None
        for line in option.lines:
            change = (line.monthly[m] - line.monthly[0]) * sign
            if change > 0 and (best is None or change > best[0]):
                best = (change, line)
        return best

    for option, sign, verb in ((dearer, 1, "rises"), (cheaper, -1, "falls")):
        found = biggest(option, sign)
        if found is None:
            continue
        line = found[1]
        name = _short(option)
        text = (f"the “{line.item}” line of {name} {verb} from {fmt_money(line.monthly[0])} to "
                f"{fmt_money(line.monthly[m])} {currency} a month").replace("  ", " ")
        driver = _driver(demand, option, line.item, m)
        return text + (f" as {driver}" if driver else "")
    return ""


def compare(plan: Plan, catalog: PriceCatalog | None = None) -> Comparison:
    """Every registered option priced for the plan, with the plan's price overrides applied."""
    base = catalog or load_catalog(plan.site)
    effective = base.with_overrides(plan.price_overrides)
    demand = expand(plan, effective)
    options = tuple(fn(demand, effective, plan) for fn in REGISTRY.values())
    return Comparison(plan, effective, demand, options)
