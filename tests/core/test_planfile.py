"""Plan files: the contract's form read and written exactly, every refusal naming its field."""

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from core import planfile
from core.paths import samples_dir
from core.plan import KeyGroup, Plan
from core.planfile import PlanError, dumps, load, loads, plan_from_dict, plan_to_dict, save

# The example plan of plan-format-v1.md, verbatim.
CONTRACT_PLAN = """{
  "format": "kms-cost-planner/plan",
  "version": 1,
  "name": "Disk encryption in Singapore",
  "site": "international",
  "api_region": "outside_mainland",
  "start_month": "2027-04",
  "months": 36,
  "peak_to_average": 3,
  "key_groups": [
    {
      "name": "disk-cmk",
      "creator": "user",
      "protection": "HSM",
      "spec": "Aliyun_AES_256",
      "count": 1,
      "versions": 1,
      "rotation_days": null,
      "state": "Enabled",
      "calls_per_month": 750,
      "calls_growth_pct": 0
    }
  ],
  "secrets": {"count": 0},
  "price_overrides": {}
}"""

MINIMAL = {
    "format": "kms-cost-planner/plan", "version": 1, "site": "international",
    "api_region": "mainland", "start_month": "2027-01", "months": 12,
    "key_groups": [{"creator": "user", "protection": "SOFTWARE", "spec": "Aliyun_AES_256", "count": 5}],
}


def _doc(**changes):
    doc = json.loads(json.dumps(MINIMAL))
    doc.update(changes)
    return doc


def _refusal(doc) -> str:
    with pytest.raises(PlanError) as err:
        loads(json.dumps(doc) if not isinstance(doc, str) else doc)
    return str(err.value)


def test_contract_example_loads():
    plan = loads(CONTRACT_PLAN)
    assert plan.name == "Disk encryption in Singapore"
    assert (plan.site, plan.api_region, plan.start_month, plan.months) == ("international", "outside_mainland", "2027-04", 36)
    assert plan.peak_to_average == 3
    assert plan.key_groups == (KeyGroup("disk-cmk", "user", "HSM", "Aliyun_AES_256", 1, 1, None, "Enabled",
                                        Decimal(750), Decimal(0)),)
    assert plan.secrets == 0 and dict(plan.price_overrides) == {}


def test_contract_example_round_trips_to_the_same_document():
    assert json.loads(dumps(loads(CONTRACT_PLAN))) == json.loads(CONTRACT_PLAN)


def test_optional_fields_take_their_defaults():
    plan = plan_from_dict(MINIMAL)
    g = plan.key_groups[0]
    assert (plan.name, plan.peak_to_average, plan.secrets, dict(plan.price_overrides)) == ("", Decimal(3), 0, {})
    assert (g.name, g.versions, g.rotation_days, g.state, g.calls_per_month, g.calls_growth_pct) == (
        "", 1, None, "Enabled", Decimal(0), Decimal(0))


@pytest.mark.parametrize("path", sorted(samples_dir().glob("*.kmsplan")), ids=lambda p: p.name)
def test_every_sample_round_trips(path, tmp_path):
    plan = load(path)
    assert loads(dumps(plan)) == plan
    save(plan, tmp_path / "copy.kmsplan")
    assert load(tmp_path / "copy.kmsplan") == plan
    assert json.loads(path.read_text()) == json.loads(dumps(plan))  # samples are written in canonical form


def test_decimals_are_written_exactly():
    plan = plan_from_dict(_doc(peak_to_average=2.5, price_overrides={"payg-legacy.hosting.software": 0.0021}))
    plan = plan.with_group(0, plan.key_groups[0].with_(calls_per_month=Decimal("123456789.123456789"),
                                                       calls_growth_pct=Decimal("0.1")))
    text = dumps(plan)
    assert '"calls_per_month": 123456789.123456789' in text
    assert '"calls_growth_pct": 0.1' in text and '"peak_to_average": 2.5' in text
    assert '"payg-legacy.hosting.software": "0.0021"' in text  # overrides are written as decimal strings
    assert loads(text) == plan


def test_overrides_accept_strings_and_numbers():
    plan = plan_from_dict(_doc(price_overrides={"cloud-hsm.cluster.month": "1200.50", "dedicated.month": 1700}))
    assert dict(plan.price_overrides) == {"cloud-hsm.cluster.month": Decimal("1200.50"), "dedicated.month": Decimal(1700)}


def test_extensions_are_kept():
    plan = plan_from_dict(_doc(notes="hello", scenarios=[]))
    assert plan_to_dict(plan)["notes"] == "hello" and plan_to_dict(plan)["scenarios"] == []


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["key_groups"].extend([dict(d["key_groups"][0]), dict(d["key_groups"][0], count=-3)]),
     "key_groups[2].count: must be an integer >= 0, got -3"),
    (lambda d: d["key_groups"][0].update(count=2.5), "key_groups[0].count: must be an integer >= 0, got 2.5"),
    (lambda d: d["key_groups"][0].update(count="7"), 'key_groups[0].count: must be an integer >= 0, got "7"'),
    (lambda d: d["key_groups"][0].update(count=True), "key_groups[0].count: must be an integer >= 0, got true"),
    (lambda d: d["key_groups"][0].update(count=20_000_000),
     "key_groups[0].count: must be at most 10,000,000 (a sanity ceiling: a typo?), got 20,000,000"),
    (lambda d: d["key_groups"][0].update(versions=0), "key_groups[0].versions: must be an integer >= 1, got 0"),
    (lambda d: d["key_groups"][0].update(rotation_days=6),
     "key_groups[0].rotation_days: must be an integer from 7 to 730 or null, got 6"),
    (lambda d: d["key_groups"][0].update(rotation_days=731),
     "key_groups[0].rotation_days: must be an integer from 7 to 730 or null, got 731"),
    (lambda d: d["key_groups"][0].update(state="Deleted"),
     'key_groups[0].state: must be one of "Enabled", "Disabled", "PendingDeletion", got "Deleted"'),
    (lambda d: d["key_groups"][0].update(creator="me"), 'key_groups[0].creator: must be one of "user", "service", got "me"'),
    (lambda d: d["key_groups"][0].update(protection="hsm"),
     'key_groups[0].protection: must be one of "SOFTWARE", "HSM", got "hsm"'),
    (lambda d: d["key_groups"][0].update(spec="AES"), 'key_groups[0].spec: must be one of "Aliyun_AES_256"'),
    (lambda d: d["key_groups"][0].update(calls_per_month=-1), "key_groups[0].calls_per_month: must be a number >= 0, got -1"),
    (lambda d: d["key_groups"][0].update(calls_growth_pct=-100),
     "key_groups[0].calls_growth_pct: must be a number > -100, got -100"),
    (lambda d: d["key_groups"][0].update(cuont=1), "key_groups[0].cuont: unknown field (a typo?)"),
    (lambda d: d["key_groups"][0].pop("spec"), "key_groups[0].spec: is missing"),
    (lambda d: d.update(sites="x"), "sites: unknown field (a typo?)"),
    (lambda d: d.pop("api_region"), "api_region: is missing"),
    (lambda d: d.update(site="europe"), 'site: must be one of "international", "china", got "europe"'),
    (lambda d: d.update(api_region="asia"), 'api_region: must be one of "mainland", "outside_mainland", got "asia"'),
    (lambda d: d.update(start_month="2027-13"), "start_month: must be a month as YYYY-MM, got '2027-13'"),
    (lambda d: d.update(months=0), "months: must be an integer from 1 to 120, got 0"),
    (lambda d: d.update(months=121), "months: must be an integer from 1 to 120, got 121"),
    (lambda d: d.update(peak_to_average=0.5), "peak_to_average: must be a number >= 1, got 0.5"),
    (lambda d: d.update(key_groups={}), "key_groups: must be a list, got an object"),
    (lambda d: d.update(key_groups=[3]), "key_groups[0]: must be an object, got 3"),
    (lambda d: d.update(secrets={"count": -1}), "secrets.count: must be an integer >= 0, got -1"),
    (lambda d: d.update(secrets=5), "secrets: must be an object, got 5"),
    (lambda d: d.update(price_overrides={"nope": "1"}), 'price_overrides["nope"]: no such price id in the international catalog'),
    (lambda d: d.update(price_overrides={"dedicated.month": "-1"}),
     'price_overrides["dedicated.month"]: must be a price from 0 to 1,000,000,000, got "-1"'),
    (lambda d: d.update(price_overrides={"dedicated.month": "abc"}),
     'price_overrides["dedicated.month"]: must be a decimal string like "0.03", got "abc"'),
    (lambda d: d.update(format="other"), 'format: must be "kms-cost-planner/plan", got "other" (is this a plan file?)'),
    (lambda d: d.update(version=2), "version: this file was written by a newer KMS Cost Planner (format version 2)"),
    (lambda d: d.update(version="1"), 'version: must be 1, got "1"'),
])
def test_refusals_name_the_field_and_the_problem(mutate, message):
    doc = _doc()
    mutate(doc)
    assert _refusal(doc).startswith(message)


def test_not_json_names_line_and_column():
    assert _refusal('{\n  "format": }') == "not valid JSON (line 2, column 13): Expecting value"


def test_nan_and_duplicate_keys_are_refused():
    assert "NaN is not a number JSON allows" in _refusal('{"months": NaN}')
    assert _refusal('{"months": 1, "months": 2}') == "months: appears twice in the same object"


def test_load_failures_are_plan_errors(tmp_path):
    with pytest.raises(PlanError, match="does not exist"):
        load(tmp_path / "missing.kmsplan")
    with pytest.raises(PlanError, match="is a folder"):
        load(tmp_path)
    binary = tmp_path / "x.kmsplan"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(PlanError, match="not a text"):
        load(binary)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.kmsplan"
    path.write_bytes(b"\xef\xbb\xbf" + CONTRACT_PLAN.encode())
    assert load(path).name == "Disk encryption in Singapore"


def test_save_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "plan.kmsplan"
    plan = loads(CONTRACT_PLAN)
    save(plan, path)
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save(plan.with_(name="changed"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.kmsplan"]  # no temporary file left behind


def test_plan_edits_make_new_plans():
    plan = Plan(key_groups=(KeyGroup(count=2),))
    edited = plan.with_group(0, plan.key_groups[0].with_(count=3))
    assert plan.key_groups[0].count == 2 and edited.key_groups[0].count == 3
    assert hash(plan) != hash(edited) and plan == Plan(key_groups=(KeyGroup(count=2),))


def test_notes_extension_is_text():
    assert plan_from_dict(_doc(notes="Budget owner: FinOps")).extensions["notes"] == "Budget owner: FinOps"
    assert _refusal(_doc(notes=[1])) == "notes: must be text, got a list"


def test_extensions_are_written_in_file_order():
    doc = _doc(notes="n", scenarios=[])
    assert list(plan_to_dict(plan_from_dict(doc)))[-2:] == ["notes", "scenarios"]
    doc = {**{"scenarios": []}, **_doc(), "notes": "n"}
    assert list(plan_to_dict(plan_from_dict(doc)))[-2:] == ["scenarios", "notes"]


def test_growth_that_compounds_past_the_ceiling_is_refused_naming_the_month():
    import json as _json

    from core.planfile import PlanError as _PlanError, loads as _loads

    doc = {"format": "kms-cost-planner/plan", "version": 1, "site": "international",
           "api_region": "outside_mainland", "start_month": "2027-01", "months": 120,
           "key_groups": [{"creator": "user", "protection": "SOFTWARE", "spec": "Aliyun_AES_256",
                           "count": 1, "calls_per_month": 1000000, "calls_growth_pct": 100}]}
    # 1e6 x 2**m passes 1e15 when 2**m > 1e9: m = 30, the 31st month, 2029-07.
    try:
        _loads(_json.dumps(doc))
    except _PlanError as exc:
        assert exc.field == "key_groups[0].calls_growth_pct"
        assert "by 2029-07 (month 31)" in exc.problem
    else:
        raise AssertionError("accepted")
    doc["months"] = 30  # ends 2029-06 at 1e6 x 2**29 = 5.4e14: fine
    assert _loads(_json.dumps(doc)).months == 30
