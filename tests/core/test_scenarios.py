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
     "Scenario 2 (b): the calls factor must be a number above 0 and at most 1,000, not -1 (scenarios[1].calls_factor)"),
    ([{"name": "a", "keys_factor": "lots"}],
     'Scenario 1 (a): the keys factor must be a number, not "lots" (scenarios[0].keys_factor)'),
    ([{"name": "a", "growth_delta_pct": "-100"}],
     "Scenario 1 (a): the change of growth must be a number of percentage points above -100 and at most 1,000, "
     "not -100 (scenarios[0].growth_delta_pct)"),
    ([{"name": "a", "months": 0}],
     "Scenario 1 (a): the number of months must be a whole number from 1 to 120, not 0 (scenarios[0].months)"),
    ([{"name": "a", "months": "36"}],
     'Scenario 1 (a): the number of months must be a whole number from 1 to 120 or null, not the text "36" '
     '(scenarios[0].months)'),
    ([{"name": "a", "months": D("1e999999")}],
     "Scenario 1 (a): the number of months must be a whole number from 1 to 120, not 1E+999999 "
     "(scenarios[0].months)"),
    ([{"name": "a", "months": D("24.0")}], None),
    ([{"calls_factor": "2"}], "Scenario 1: the scenario name is missing (scenarios[0].name)"),
    ([{"name": ""}], 'Scenario 1: the scenario name must be a non-empty text, not "" (scenarios[0].name)'),
    ([{"name": "a", "factor": "2"}], 'Scenario 1 (a): "factor" is not a field of a scenario (a typo?); '
                                       'expected one of: calls_factor, growth_delta_pct, keys_factor, months, name '
                                       '(scenarios[0].factor)'),
    ([{"name": "a"}, {"name": "a"}], 'Scenario 2: the name "a" is used by an earlier scenario (scenarios[1].name)'),
    ({"name": "a"}, "The scenarios must be a list ([...]), not an object (scenarios)"),
    (["a"], 'Scenario 1 must be an object ({...}), not "a" (scenarios[0])'),
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
    assert str(err.value) == ("Scenario 1 (a): the calls factor must be a number above 0 and at most 1,000, "
                              "not 0 (scenarios[0].calls_factor)")


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
    # An account that used KMS 1.0, in 2025 (before its end of service), so KMS 1.0 is fully priced.
    plan = keep(_plan().with_(start_month="2025-04", kms1_user=True),
                Scenario("Double calls", WhatIf(calls_factor=D(2))))
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


def test_scenario_rows_show_figures_of_options_that_are_not_ok_for_what_they_are():
    """A 2027 plan: KMS 1.0 has ended (a reference figure), hardware options wait for the Cloud HSM
    cluster price (lower bounds); totals keep only ranked options, figures say what each number is.
    KMS 1.0 here is still 10.82 (see above), shown as a reference; software instance 3 x 500 = 1,500.00."""
    plan = keep(_plan(), Scenario("Double calls", WhatIf(calls_factor=D(2))))
    base, double = scenario_rows(plan)
    assert dict(base.totals)["payg-legacy"] is None
    assert dict(base.statuses)["payg-legacy"] == "unavailable"
    assert dict(base.figures)["payg-legacy"] == "10.82 (reference)"
    assert dict(double.figures)["payg-legacy"] == "19.82 (reference)"
    assert dict(base.statuses)["instance-software"] == "ok"
    assert dict(base.figures)["instance-software"] == "1,500.00" == f"{dict(base.totals)['instance-software']:,.2f}"
    assert dict(base.figures)["instance-hardware"].startswith("≥ ")
