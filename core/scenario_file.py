"""The plan file's optional "scenarios" field: named what-ifs, read, checked and written.

In the file: `"scenarios": [{"name": "Double traffic", "calls_factor": "2", "keys_factor": "1",
"growth_delta_pct": "0", "months": null}]` (docs/plan-format.md, "Extension: scenarios").
Factors are decimal strings so they stay exact; numbers are accepted too. Bounds are core.fields'.

This is the file format only; comparing scenarios is core.scenarios (which needs core.compare), so
the plan loader can check the field without importing the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from core.fields import decimal_text
from core.plan import Plan
from core.refusals import PlanError, checked, describe_value, named, sentence
from core.sweep import WhatIf

FIELD = "scenarios"
MAX_SCENARIOS = 100
MAX_NAME = 100
_FIELDS = ("name", "calls_factor", "keys_factor", "growth_delta_pct", "months")


@dataclass(frozen=True)
class Scenario:
    name: str
    whatif: WhatIf


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


def _number(raw: dict, key: str, default: str, where: str, context: str) -> Decimal:
    value = raw.get(key, default)
    if isinstance(value, str) and _as_decimal(value) is None:
        problem = f"must be a number, not {describe_value(value)}"
        words = {"calls_factor": "calls factor", "keys_factor": "keys factor", "growth_delta_pct": "change of growth"}
        raise PlanError(f"{where}.{key}", problem, sentence(context, f"the {words[key]} {problem}"))
    return checked(key, value, f"{where}.{key}", context)


def parse_scenario(raw: Any, where: str, index: int | None = None) -> Scenario:
    """A Scenario from its file object; refusals name it as 'Scenario <index + 1> (<name>)'."""
    head = f"Scenario {index + 1}" if index is not None else "The scenario"
    if not isinstance(raw, dict):
        problem = f"must be an object ({{...}}), not {_show(raw)}"
        raise PlanError(where, problem, f"{head} {problem}")
    context = named(head, raw.get("name"))
    for key in raw:
        if key not in _FIELDS:
            expected = ", ".join(sorted(_FIELDS))
            raise PlanError(f"{where}.{key}", f"unknown field (a typo?); expected one of: {expected}",
                            f'{context}: "{key}" is not a field of a scenario (a typo?); expected one of: {expected}')
    if "name" not in raw:
        raise PlanError(f"{where}.name", "is missing", f"{context}: the scenario name is missing")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        problem = f"must be a non-empty text, not {_show(name)}"
        raise PlanError(f"{where}.name", problem, f"{context}: the scenario name {problem}")
    if len(name) > MAX_NAME:
        problem = f"must be at most {MAX_NAME} characters, not {len(name)}"
        raise PlanError(f"{where}.name", problem, f"{context}: the scenario name {problem}")
    calls = _number(raw, "calls_factor", "1", where, context)
    keys = _number(raw, "keys_factor", "1", where, context)
    delta = _number(raw, "growth_delta_pct", "0", where, context)
    months = raw.get("months")
    if months is not None:
        if isinstance(months, str):  # a JSON integer or null, never text
            problem = f"must be a whole number from 1 to 120 or null, not the text {describe_value(months)}"
            raise PlanError(f"{where}.months", problem, f"{context}: the number of months {problem}")
        months = checked("months", months, f"{where}.months", context)
    return Scenario(name, WhatIf(calls, keys, delta, months))


def parse_scenarios(raw: Any) -> tuple[Scenario, ...]:
    """The scenarios of a plan file's "scenarios" field, or PlanError naming the field."""
    if not isinstance(raw, list):
        problem = f"must be a list ([...]), not {_show(raw)}"
        raise PlanError(FIELD, problem, f"The scenarios {problem}")
    if len(raw) > MAX_SCENARIOS:
        problem = f"must hold at most {MAX_SCENARIOS} scenarios, not {len(raw)}"
        raise PlanError(FIELD, problem, f"The list of scenarios {problem}")
    out, seen = [], set()
    for i, item in enumerate(raw):
        scenario = parse_scenario(item, f"{FIELD}[{i}]", i)
        if scenario.name in seen:
            problem = f'"{scenario.name}" is used by an earlier scenario'
            raise PlanError(f"{FIELD}[{i}].name", problem, f"Scenario {i + 1}: the name {problem}")
        seen.add(scenario.name)
        out.append(scenario)
    return tuple(out)


def scenario_to_dict(scenario: Scenario) -> dict:
    w = scenario.whatif
    return {
        "name": scenario.name,
        "calls_factor": decimal_text(w.calls_factor),
        "keys_factor": decimal_text(w.keys_factor),
        "growth_delta_pct": decimal_text(w.growth_delta_pct),
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
