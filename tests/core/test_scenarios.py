"""Stored scenarios (core.scenarios): the optional plan field "scenarios", validated with messages
that name the field, kept through save and load, compared side by side with the base plan."""

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.compare import compare
from core.plan import KeyGroup, Plan
from core.planfile import PlanError, dumps, load, loads, plan_to_dict
from core.scenarios import (Scenario, keep, parse_scenarios, remove, scenario_rows, scenario_to_dict,
                            scenarios_of, with_scenarios)
from core.sweep import WhatIf, apply_whatif

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _plan() -> Plan:
    group = KeyGroup(name="app", creator="user", protection="SOFTWARE", spec="Aliyun_AES_256", count=10,
                     calls_per_month=D(1_000_000))
    return Plan(name="t", site="international", api_region="outside_mainland", start_month="2027-04",
                months=3, key_groups=(group,))


def _doc(scenarios) -> str:
    doc = plan_to_dict(_plan())
    doc["scenarios"] = scenarios
    return json.dumps(doc)


def test_parse_with_defaults():
    (s,) = parse_scenarios([{"name": "Busy", "calls_factor": "1.5"}])
    assert s == Scenario("Busy", WhatIf(D("1.5"), D(1), D(0), None))


def test_numbers_are_accepted_as_well_as_strings():
    (s,) = parse_scenarios([{"name": "x", "calls_factor": 2, "keys_factor": D("0.5"), "growth_delta_pct": -1,
                             "months": 24}])
    assert s.whatif == WhatIf(D(2), D("0.5"), D(-1), 24)


@pytest.mark.parametrize("raw, message", [
    ([{"name": "a"}, {"name": "b", "calls_factor": "-1"}],
     "scenarios[1].calls_factor: must be a number > 0 and at most 1000, got -1"),
    ([{"name": "a", "keys_factor": "lots"}], 'scenarios[0].keys_factor: must be a number > 0 and at most 1000, got "lots"'),
    ([{"name": "a", "growth_delta_pct": "-100"}],
     "scenarios[0].growth_delta_pct: must be a number above -100 and at most 1000, got -100"),
    ([{"name": "a", "months": 0}], "scenarios[0].months: must be an integer from 1 to 120 or null, got 0"),
    ([{"name": "a", "months": "36"}], "scenarios[0].months: must be an integer from 1 to 120 or null, got 36"),
    ([{"name": "a", "months": D("1e999999")}], "scenarios[0].months: must be an integer from 1 to 120 or null, got 1E+999999"),
    ([{"name": "a", "months": D("24.0")}], None),
    ([{"calls_factor": "2"}], "scenarios[0].name: is missing"),
    ([{"name": ""}], 'scenarios[0].name: must be a non-empty text, got ""'),
    ([{"name": "a", "factor": "2"}], "scenarios[0].factor: unknown field (a typo?); expected one of: calls_factor, growth_delta_pct, "
                                       "keys_factor, months, name"),
    ([{"name": "a"}, {"name": "a"}], 'scenarios[1].name: "a" is used by an earlier scenario'),
    ({"name": "a"}, "scenarios: must be a list, got an object"),
    (["a"], 'scenarios[0]: must be an object, got "a"'),
])
def test_refusals_name_the_field(raw, message):
    if message is None:  # accepted
        assert parse_scenarios(raw)[0].whatif.months == 24
        return
    with pytest.raises(PlanError) as err:
        parse_scenarios(raw)
    assert str(err.value) == message


def test_planfile_validates_the_field_on_load():
    with pytest.raises(PlanError) as err:
        loads(_doc([{"name": "a", "calls_factor": "0"}]))
    assert str(err.value).startswith("scenarios[0].calls_factor: must be a number > 0")


def test_version_1_files_without_the_field_still_load():
    for path in SAMPLES.glob("*.kmsplan"):
        plan = load(path)
        assert "scenarios" not in plan.extensions
        assert scenarios_of(plan) == ()


def test_round_trip_through_the_file():
    s = Scenario("Double traffic", WhatIf(D(2), D("1.25"), D("0.5"), 48))
    plan = keep(_plan(), s)
    text = dumps(plan)
    assert json.loads(text)["scenarios"] == [
        {"name": "Double traffic", "calls_factor": "2", "keys_factor": "1.25", "growth_delta_pct": "0.5", "months": 48}]
    again = loads(text)
    assert scenarios_of(again) == (s,)
    assert again == plan


def test_keep_replaces_by_name_and_remove_drops_the_field():
    plan = keep(_plan(), Scenario("a", WhatIf(calls_factor=D(2))))
    plan = keep(plan, Scenario("b", WhatIf(months=12)))
    plan = keep(plan, Scenario("a", WhatIf(calls_factor=D(3))))
    assert [(s.name, s.whatif.calls_factor) for s in scenarios_of(plan)] == [("a", D(3)), ("b", D(1))]
    plan = remove(remove(plan, "a"), "b")
    assert "scenarios" not in plan.extensions
    assert with_scenarios(plan, []) == _plan()


def test_scenario_to_dict_writes_decimal_strings():
    assert scenario_to_dict(Scenario("z", WhatIf(growth_delta_pct=D("-2.50")))) == {
        "name": "z", "calls_factor": "1", "keys_factor": "1", "growth_delta_pct": "-2.5", "months": None}


def test_scenario_rows_side_by_side_with_the_base():
    # Base, 3 months (Apr 30, May 31, Jun 30 days) of 10 software keys at 0.002 per version-day and
    # 1,000,000 calls at 0.03 per 10,000: hosting 0.60 + 0.62 + 0.60 = 1.82, calls 3 x 3.00 = 9.00.
    # Double calls: calls 18.00, same hosting.
    plan = keep(_plan(), Scenario("Double calls", WhatIf(calls_factor=D(2))))
    base, double = scenario_rows(plan)
    assert base.name == "Base plan" and base.scenario is None and base.changes == "as entered"
    assert dict(base.totals)["payg-legacy"] == D("10.82")
    assert dict(double.totals)["payg-legacy"] == D("19.82")
    assert base.cheapest == "payg-legacy" and double.cheapest == "payg-legacy"
    assert double.vs_base == D("9.00")
    assert double.cheapest_average == D("19.82") / 3
    assert double.changes == "calls ×2"
    assert double.cheapest_total == compare(apply_whatif(plan, WhatIf(calls_factor=D(2)))).option("payg-legacy").total


def test_keep_refuses_what_the_file_could_not_hold():
    with pytest.raises(ValueError, match="at most 100 characters; this one has 101"):
        keep(_plan(), Scenario("x" * 101, WhatIf()))
    with pytest.raises(ValueError, match="needs a name"):
        keep(_plan(), Scenario("  ", WhatIf()))
    plan = with_scenarios(_plan(), [Scenario(f"s{i}", WhatIf()) for i in range(100)])
    with pytest.raises(ValueError, match="at most 100 scenarios"):
        keep(plan, Scenario("one more", WhatIf()))
    assert len(scenarios_of(keep(plan, Scenario("s5", WhatIf(calls_factor=D(2)))))) == 100  # replacing is fine
