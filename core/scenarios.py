"""Named what-if variants kept with the plan (the optional plan field "scenarios").

In the file: `"scenarios": [{"name": "Double traffic", "calls_factor": "2", "keys_factor": "1",
"growth_delta_pct": "0", "months": null}]` (docs/plan-format.md, "Extension: scenarios").
Factors are decimal strings so they stay exact; numbers are accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from core.compare import Comparison, compare
from core.plan import Plan
from core.planfile import PlanError, describe_value
from core.sweep import MAX_FACTOR, MAX_GROWTH_DELTA, MAX_MONTHS, MIN_GROWTH_DELTA, WhatIf, apply_whatif

FIELD = "scenarios"
MAX_SCENARIOS = 100
MAX_NAME = 100
_FIELDS = ("name", "calls_factor", "keys_factor", "growth_delta_pct", "months")
_REQUIRED = ("name",)


@dataclass(frozen=True)
class Scenario:
    name: str
    whatif: WhatIf


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario (None for the base plan) with the comparison of the plan it describes."""

    name: str
    scenario: Scenario | None
    comparison: Comparison


def _show(value: Any) -> str:
    """As the plan file's refusals show a value, but a numeric string bare ("1.5", not "\"1.5\"")."""
    if isinstance(value, str) and _as_decimal(value) is not None:
        return value
    return describe_value(value)


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _factor(obj: dict, key: str, where: str) -> Decimal:
    value = obj.get(key, "1")
    number = _as_decimal(value)
    if number is None or not Decimal(0) < number <= MAX_FACTOR:
        raise PlanError(f"{where}.{key}", f"must be a number > 0 and at most {MAX_FACTOR}, got {_show(value)}")
    return number


def parse_scenario(raw: Any, where: str) -> Scenario:
    if not isinstance(raw, dict):
        raise PlanError(where, f"must be an object, got {_show(raw)}")
    for key in raw:
        if key not in _FIELDS:
            raise PlanError(f"{where}.{key}", "unknown field (a typo?); expected one of: " + ", ".join(sorted(_FIELDS)))
    if "name" not in raw:
        raise PlanError(f"{where}.name", "is missing")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise PlanError(f"{where}.name", f"must be a non-empty text, got {_show(name)}")
    if len(name) > MAX_NAME:
        raise PlanError(f"{where}.name", f"must be at most {MAX_NAME} characters, got {len(name)}")
    calls = _factor(raw, "calls_factor", where)
    keys = _factor(raw, "keys_factor", where)
    delta_raw = raw.get("growth_delta_pct", "0")
    delta = _as_decimal(delta_raw)
    if delta is None or not MIN_GROWTH_DELTA < delta <= MAX_GROWTH_DELTA:
        raise PlanError(f"{where}.growth_delta_pct",
                        f"must be a number above {MIN_GROWTH_DELTA} and at most {MAX_GROWTH_DELTA}, got {_show(delta_raw)}")
    months = raw.get("months")
    if months is not None:
        # Bounds before int(): int(Decimal("1e999999")) would build a million-digit integer.
        if (isinstance(months, Decimal) and months.is_finite() and 1 <= months <= MAX_MONTHS
                and months == months.to_integral_value()):
            months = int(months)
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
            raise PlanError(f"{where}.months", f"must be an integer from 1 to {MAX_MONTHS} or null, got {_show(months)}")
    return Scenario(name, WhatIf(calls, keys, delta, months))


def parse_scenarios(raw: Any) -> tuple[Scenario, ...]:
    """The scenarios of a plan file's "scenarios" field, or PlanError naming the field."""
    if not isinstance(raw, list):
        raise PlanError(FIELD, f"must be a list, got {_show(raw)}")
    if len(raw) > MAX_SCENARIOS:
        raise PlanError(FIELD, f"must hold at most {MAX_SCENARIOS} scenarios, got {len(raw)}")
    out, seen = [], set()
    for i, item in enumerate(raw):
        scenario = parse_scenario(item, f"{FIELD}[{i}]")
        if scenario.name in seen:
            raise PlanError(f"{FIELD}[{i}].name", f'"{scenario.name}" is used by an earlier scenario')
        seen.add(scenario.name)
        out.append(scenario)
    return tuple(out)


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def scenario_to_dict(scenario: Scenario) -> dict:
    w = scenario.whatif
    return {
        "name": scenario.name,
        "calls_factor": _text(w.calls_factor),
        "keys_factor": _text(w.keys_factor),
        "growth_delta_pct": _text(w.growth_delta_pct),
        "months": w.months,
    }


def scenarios_of(plan: Plan) -> tuple[Scenario, ...]:
    """The plan's stored scenarios (a plan built in code without the field has none)."""
    raw = plan.extensions.get(FIELD)
    return () if raw is None else parse_scenarios(raw)


def with_scenarios(plan: Plan, scenarios: tuple[Scenario, ...] | list[Scenario]) -> Plan:
    """The plan with its scenarios replaced; no scenarios removes the field (a plain version-1 file)."""
    extensions = dict(plan.extensions)
    if scenarios:
        extensions[FIELD] = [scenario_to_dict(s) for s in scenarios]
    else:
        extensions.pop(FIELD, None)
    return plan.with_(extensions=MappingProxyType(extensions))


def keep(plan: Plan, scenario: Scenario) -> Plan:
    """Add a scenario, or replace the one of the same name in place. ValueError (saying why) for
    what the file could not hold: an empty or too long name, more than MAX_SCENARIOS."""
    if not scenario.name.strip():
        raise ValueError("A scenario needs a name.")
    if len(scenario.name) > MAX_NAME:
        raise ValueError(f"A scenario name has at most {MAX_NAME} characters; this one has {len(scenario.name)}.")
    current = list(scenarios_of(plan))
    if len(current) >= MAX_SCENARIOS and all(s.name != scenario.name for s in current):
        raise ValueError(f"A plan keeps at most {MAX_SCENARIOS} scenarios; delete one first.")
    for i, s in enumerate(current):
        if s.name == scenario.name:
            current[i] = scenario
            break
    else:
        current.append(scenario)
    return with_scenarios(plan, current)


def remove(plan: Plan, name: str) -> Plan:
    return with_scenarios(plan, [s for s in scenarios_of(plan) if s.name != name])


def evaluate(plan: Plan, base: Comparison | None = None) -> tuple[ScenarioResult, ...]:
    """The base plan and every stored scenario, each compared (pass `base` to reuse its comparison)."""
    results = [ScenarioResult("Base plan", None, base if base is not None else compare(plan))]
    for s in scenarios_of(plan):
        results.append(ScenarioResult(s.name, s, compare(apply_whatif(plan, s.whatif))))
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
    totals: tuple[tuple[str, Decimal | None], ...]  # per option id; None when not available


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
        ))
    return tuple(rows)
