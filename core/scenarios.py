"""Scenarios compared: the base plan and each stored scenario side by side.

The scenario file format (parse, write, keep, remove) is core.scenario_file; it is re-exported
here so callers keep one import. This module needs core.compare, so the plan loader never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.compare import Comparison, compare
from core.plan import Plan
from core.scenario_file import (  # noqa: F401  (re-exported: the format's names, one import for callers)
    FIELD, MAX_NAME, MAX_SCENARIOS, Scenario, keep, parse_scenario, parse_scenarios, remove,
    scenario_to_dict, scenarios_of, with_scenarios,
)
from core.status import figure_text


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario (None for the base plan) with the comparison of the plan it describes."""

    name: str
    scenario: Scenario | None
    comparison: Comparison


def evaluate(plan: Plan, base: Comparison | None = None) -> tuple[ScenarioResult, ...]:
    """The base plan and every stored scenario, each compared (pass `base` to reuse its comparison)."""
    results = [ScenarioResult("Base plan", None, base if base is not None else compare(plan))]
    for s in scenarios_of(plan):
        results.append(ScenarioResult(s.name, s, compare(plan, whatif=s.whatif)))
    return tuple(results)


@dataclass(frozen=True)
class ScenarioRow:
    """A scenario side by side with the base plan: what a table of scenarios shows."""

    name: str
    scenario: Scenario | None
    changes: str
    months: int
    cheapest: str | None  # option id
    cheapest_total: Decimal | None
    cheapest_average: Decimal | None  # per month: comparable across different horizons
    vs_base: Decimal | None  # cheapest total minus the base plan's cheapest total
    totals: tuple[tuple[str, Decimal | None], ...]  # per option id; None when not ok (not ranked)
    # Every option's total as every view prints it (core.status.figure_text): "1,234.00" when ok,
    # "≥ 1,234.00" (lower bound), "1,234.00 (reference)", "n/a": figures of options that are not ok
    # are shown for what they are, never hidden and never as plain totals.
    figures: tuple[tuple[str, str], ...] = ()
    statuses: tuple[tuple[str, str], ...] = ()  # per option id: core.status.STATUSES


def scenario_rows(plan: Plan, base: Comparison | None = None) -> tuple[ScenarioRow, ...]:
    """The base plan first, then each stored scenario, with totals and the cheapest option."""
    results = evaluate(plan, base)
    rows = []
    base_total = None
    for r in results:
        c = r.comparison
        cheapest = c.cheapest
        total = c.option(cheapest).total if cheapest else None
        if r.scenario is None:
            base_total = total
        rows.append(ScenarioRow(
            name=r.name,
            scenario=r.scenario,
            changes=r.scenario.whatif.describe(plan.months) if r.scenario else "as entered",
            months=len(c.months),
            cheapest=cheapest,
            cheapest_total=total,
            cheapest_average=None if total is None else total / len(c.months),
            vs_base=None if total is None or base_total is None else total - base_total,
            totals=tuple((o.id, o.total if o.available else None) for o in c.options),
            figures=tuple((o.id, figure_text(o, o.total)) for o in c.options),
            statuses=tuple((o.id, o.status) for o in c.options),
        ))
    return tuple(rows)
