"""Compare the options: totals, cumulative curves, the cheapest, break-even months and why.

`compare(plan)` is the one entry point every view, the CLI and the workbook use. Only options whose
status is `ok` (core.status) are ranked: the cheapest overall, month by month, the break-evens and
the reasons never crown an option that is incomplete, unverified, over a limit or unavailable.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from core.catalog import PriceCatalog, load_catalog, option_styles
from core.demand import Demand, expand
from core.frozen import frozen
from core.options import REGISTRY
from core.options.base import ZERO, OptionCost
from core.plan import Plan
from core.money import fmt_money
from core.status import status_label
from core.words import plural

if TYPE_CHECKING:  # core.sweep is imported when a what-if is priced: a quote does without it
    from core.sweep import WhatIf


@frozen
class BreakEven:
    """From `month` (index) on, `cheaper` costs less in total than `dearer`, having cost more before."""

    cheaper: str
    dearer: str
    month: int
    label: str  # YYYY-MM
    reason: str


@frozen
class Comparison:
    """Every option priced for one plan. With a what-if, `plan` is core.sweep.apply_whatif's plan,
    made when first asked for: a what-if slider step needs only its demand (core.whatif_sums)."""

    entered: Plan
    catalog: PriceCatalog
    demand: Demand
    options: tuple[OptionCost, ...]
    whatif: WhatIf | None = None

    @cached_property
    def plan(self) -> Plan:
        """The plan priced: the one entered, with the what-if (if any) applied."""
        if self.whatif is None:
            return self.entered
        from core.sweep import apply_whatif

        return apply_whatif(self.entered, self.whatif)

    @property
    def whatif_note(self) -> str | None:
        """Words for anything that shows these figures away from the app (a workbook, a chart, a
        handout): the what-if is not part of the saved plan. None without a what-if."""
        if self.whatif is None:
            return None
        return f"What-if applied (not saved in the plan): {self.whatif.describe(self.entered.months)}"

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
        """The options that can be ranked: status `ok` over the whole horizon."""
        return tuple(o for o in self.options if o.status == "ok")

    @property
    def not_ranked(self) -> tuple[OptionCost, ...]:
        return tuple(o for o in self.options if o.status != "ok")

    def tied_with_cheapest(self) -> tuple[str, ...]:
        """The ok options whose total equals the cheapest's (the cheapest first); () if none is ok."""
        cheapest = self.cheapest
        if cheapest is None:
            return ()
        best = self.option(cheapest).total
        return tuple(o.id for o in self.available if o.total == best)

    def to_enter(self) -> tuple[str, ...]:
        """Price and limit ids whose entry could give a ranking (or rank more options)."""
        return tuple(dict.fromkeys(pid for o in self.options for pid in o.to_enter))

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
        """Per month, the option `ok` that month that costs least (ties: the earlier option)."""
        out = []
        columns = [(o.id, o.monthly, o.monthly_status) for o in self.options]
        for m in range(len(self.months)):
            best = None
            for oid, monthly, status in columns:
                if status[m] != "ok":
                    continue
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
        """Every month where one option's cumulative cost drops below another's, both `ok` in
        every month up to that one.

        A tie (equal cumulative totals) is not a crossing: the month counted is the first one in
        which the former dearer option is strictly cheaper in total.
        """
        found = []
        opts = tuple(o for o in self.options if o.monthly_status and o.monthly_status[0] == "ok")
        cum = {o.id: self.cumulative(o.id) for o in opts}
        for i, a in enumerate(opts):
            for b in opts[i + 1:]:
                sign = 0  # the sign of a - b at the last month they differed
                for m, (x, y) in enumerate(zip(cum[a.id], cum[b.id])):
                    if not (a.ok_in(m) and b.ok_in(m)):
                        break  # from here on at least one of them cannot be ranked
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
        """Plain-language summary: the cheapest option `ok`, the break-evens, and what is not ranked."""
        out = []
        cheapest = self.cheapest
        span = plural(len(self.months), "month")
        if cheapest is None:
            out.append(no_ranking_sentence(self))
        else:
            best = self.option(cheapest)
            tied = self.tied_with_cheapest()
            runner = sorted((o for o in self.available if o.id not in tied), key=lambda o: o.total)
            if len(tied) > 1:
                names = _and([self.option(t).label for t in tied])
                text = (f"{names} tie as the cheapest over {span}, "
                        f"{fmt_money(best.total)} {self.currency} each")
            else:
                text = f"{best.label} is the cheapest over {span}"
            if runner:
                gap = fmt_money(runner[0].total - best.total)
                text += f", {gap} {self.currency} less than {runner[0].label}"
            elif len(tied) == 1 and self.not_ranked:
                text += ", the only option fully priced and able to serve the plan"
            out.append(text + ".")
            by_month = _runs(self.cheapest_by_month(), self.months)
            if len(by_month) > 1:
                parts = [f"{self.option(oid).label} from {label}" for oid, label in by_month]
                out.append("Cheapest month by month: " + "; ".join(parts) + ".")
        out.extend(e.reason for e in self.break_evens())
        for o in self.not_ranked:
            why = o.status_reasons[0] if o.status_reasons else (o.notes[0] if o.notes else "")
            out.append(f"{o.label} is not ranked ({status_label(o.status)}): {why}".rstrip(": "))
        return tuple(out)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def entry_label(catalog: PriceCatalog, entry_id: str) -> str:
    """What the user should enter, in words, with its id: a price or a limit of the catalog."""
    if entry_id in catalog.prices:
        price = catalog.price(entry_id)
        return f"{price.short or price.label + ' price'} ({entry_id})"
    if entry_id in catalog.limit_entries:
        limit = catalog.limit_entry(entry_id)
        return f"{limit.short or limit.label} ({entry_id})"
    return entry_id


def no_ranking_sentence(c: "Comparison") -> str:
    """Said plainly when no option is `ok`: nothing is ranked, and what to enter to get a ranking."""
    text = "No option is fully priced and able to serve this plan, so none is ranked"
    wanted = c.to_enter()
    if wanted:
        text += ": to get a ranking, enter " + _and([entry_label(c.catalog, w) for w in wanted])
    return text + "."


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


def compare(plan: Plan, catalog: PriceCatalog | None = None, whatif: WhatIf | None = None) -> Comparison:
    """Every registered option priced for the plan, with the plan's price overrides applied; with a
    what-if, exactly `compare(apply_whatif(plan, whatif))` (the options see the plan's settings and
    the what-if's horizon; its key groups are in the demand)."""
    base = catalog or load_catalog(plan.site)
    effective = base.with_overrides(plan.price_overrides, getattr(plan, "limit_overrides", None))
    if whatif is not None and whatif.is_neutral:
        whatif = None
    demand = expand(plan, effective, whatif)
    if whatif is None:
        settings = plan
    else:
        from core.sweep import whatif_months

        settings = plan.with_(months=whatif_months(plan, whatif))
    options = tuple(fn(demand, effective, settings) for fn in REGISTRY.values())
    return Comparison(plan, effective, demand, options, whatif)
