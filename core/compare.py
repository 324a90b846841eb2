"""Compare the options: totals, cumulative curves, the cheapest, break-even months and why.

`compare(plan)` is the one entry point every view, the CLI and the workbook use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from core.catalog import PriceCatalog, load_catalog
from core.demand import Demand, expand
from core.options import REGISTRY
from core.options.base import ZERO, OptionCost
from core.plan import Plan
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
        out = []
        for m in range(len(self.months)):
            best = None
            for o in self.available:
                if best is None or o.monthly[m] < best.monthly[m]:
                    best = o
            out.append(best.id if best else None)
        return tuple(out)

    def difference_to_cheapest(self, option_id: str) -> Decimal | None:
        cheapest = self.cheapest
        if cheapest is None:
            return None
        return self.option(option_id).total - self.option(cheapest).total

    def break_evens(self) -> tuple[BreakEven, ...]:
        """Every month where one available option's cumulative cost drops below another's."""
        found = []
        opts = self.available
        cum = {o.id: self.cumulative(o.id) for o in opts}
        for i, a in enumerate(opts):
            for b in opts[i + 1:]:
                diff = [x - y for x, y in zip(cum[a.id], cum[b.id])]
                for m in range(1, len(diff)):
                    if diff[m - 1] > 0 and diff[m] < 0:
                        found.append(self._break_even(a, b, m))
                    elif diff[m - 1] < 0 and diff[m] > 0:
                        found.append(self._break_even(b, a, m))
        return tuple(sorted(found, key=lambda e: (e.month, e.cheaper, e.dearer)))

    def _break_even(self, cheaper: OptionCost, dearer: OptionCost, m: int) -> BreakEven:
        label = self.months[m]
        cause = _cause(self.demand, cheaper, dearer, m)
        reason = f"{cheaper.label} becomes cheaper than {dearer.label} from month {m + 1} ({label})"
        return BreakEven(cheaper.id, dearer.id, m, label, reason + (f" {cause}" if cause else "") + ".")

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
                text += f", {runner[0].total - best.total:,.2f} {self.currency} less than {runner[0].label}"
            out.append(text + ".")
        out.extend(e.reason for e in self.break_evens())
        for o in self.options:
            if not o.available:
                out.append(f"{o.label} is not available: {o.notes[0]}")
        return tuple(out)


def _cause(demand: Demand, cheaper: OptionCost, dearer: OptionCost, m: int) -> str:
    """Why the dearer option's cost rose: which of its lines grew most from the first month."""
    grown = []
    for line in dearer.lines:
        growth = line.monthly[m] - line.monthly[0]
        if growth > 0:
            grown.append((growth, line.item))
    if not grown:
        return ""
    _, item = max(grown)
    if item in ("key hosting", "key versions", "instance fee", "key quota add-on"):
        if demand.user_versions_peak[m] > demand.user_versions_start[0]:
            return "as rotation adds key versions"
        if item == "instance fee":
            return "as its instance count grows"
    if item in ("API calls", "QPS", "QPS add-on"):
        return "as call volume grows"
    return f"as its {item} grows"


def compare(plan: Plan, catalog: PriceCatalog | None = None) -> Comparison:
    """Every registered option priced for the plan, with the plan's price overrides applied."""
    base = catalog or load_catalog(plan.site)
    effective = base.with_overrides(plan.price_overrides)
    demand = expand(plan, effective)
    options = tuple(fn(demand, effective, plan) for fn in REGISTRY.values())
    return Comparison(plan, effective, demand, options)
