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
     "Key group 3: the key count must be a whole number of 0 or more, not -3 (key_groups[2].count)"),
    (lambda d: d["key_groups"][0].update(count=2.5),
     "Key group 1: the key count must be a whole number, not 2.5 (key_groups[0].count)"),
    (lambda d: d["key_groups"][0].update(count="7"),
     'Key group 1: the key count must be a whole number, not the text "7" (write it as a number '
                                                     'without quotes: 7) (key_groups[0].count)'),
    (lambda d: d["key_groups"][0].update(count=True),
     "Key group 1: the key count must be a whole number, not true (key_groups[0].count)"),
    (lambda d: d["key_groups"][0].update(count=20_000_000),
     "Key group 1: the key count must be at most 10,000,000 (more is likely a typo), not 20000000 "
     "(key_groups[0].count)"),
    (lambda d: d["key_groups"][0].update(versions=0),
     "Key group 1: the number of versions per key must be a whole number of 1 or more, not 0 "
     "(key_groups[0].versions)"),
    (lambda d: d["key_groups"][0].update(rotation_days=6),
     "Key group 1: the rotation period must be a whole number of days from 7 to 730, not 6 "
     "(key_groups[0].rotation_days)"),
    (lambda d: d["key_groups"][0].update(rotation_days=731),
     "Key group 1: the rotation period must be a whole number of days from 7 to 730, not 731 "
     "(key_groups[0].rotation_days)"),
    (lambda d: d["key_groups"][0].update(state="Deleted"),
     'Key group 1: the key state must be one of "Enabled", "Disabled", "PendingDeletion", not "Deleted" '
     '(key_groups[0].state)'),
    (lambda d: d["key_groups"][0].update(creator="me"),
     'Key group 1: the creator must be one of "user", "service", not "me" (key_groups[0].creator)'),
    (lambda d: d["key_groups"][0].update(protection="hsm"),
     'Key group 1: the protection level must be one of "SOFTWARE", "HSM", not "hsm" (key_groups[0].protection)'),
    (lambda d: d["key_groups"][0].update(spec="AES"), 'Key group 1: the key spec must be one of "Aliyun_AES_256"'),
    (lambda d: d["key_groups"][0].update(calls_per_month=-1),
     "Key group 1: the number of calls per month must be 0 or more, not -1 (key_groups[0].calls_per_month)"),
    (lambda d: d["key_groups"][0].update(calls_growth_pct=-100),
     "Key group 1: the monthly growth of calls must be above -100 %, not -100 % (key_groups[0].calls_growth_pct)"),
    (lambda d: d["key_groups"][0].update(cuont=1),
     'Key group 1: "cuont" is not a field of a key group (a typo?); expected one of: calls_growth_pct, '
     'calls_per_month, count, creator, name, protection, rotation_days, spec, state, versions '
     '(key_groups[0].cuont)'),
    (lambda d: d["key_groups"][0].pop("spec"), 'Key group 1: the field "spec" is missing (key_groups[0].spec)'),
    (lambda d: d.update(sites="x"),
     '"sites" is not a field of a plan file (a typo?); expected one of: api_region, format, key_groups'),
    (lambda d: d.pop("api_region"), 'The field "api_region" is missing (api_region)'),
    (lambda d: d.update(site="europe"), 'The site must be one of "international", "china", not "europe" (site)'),
    (lambda d: d.update(api_region="asia"),
     'The API region must be one of "mainland", "outside_mainland", not "asia" (api_region)'),
    (lambda d: d.update(start_month="2027-13"),
     'The start month must be a month written YYYY-MM (like 2027-01), not "2027-13" (start_month)'),
    (lambda d: d.update(months=0), "The number of months must be a whole number from 1 to 120, not 0 (months)"),
    (lambda d: d.update(months=121), "The number of months must be a whole number from 1 to 120, not 121 (months)"),
    (lambda d: d.update(peak_to_average=0.5), "The peak-to-average ratio must be 1 or more, not 0.5 (peak_to_average)"),
    (lambda d: d.update(key_groups={}), "The key groups must be a list ([...]), not an object (key_groups)"),
    (lambda d: d.update(key_groups=[3]), "Key group 1 must be an object ({...}), not 3 (key_groups[0])"),
    (lambda d: d.update(secrets={"count": -1}),
     "The number of secrets must be a whole number of 0 or more, not -1 (secrets.count)"),
    (lambda d: d.update(secrets=5), "Secrets must be an object ({...}), not 5 (secrets)"),
    (lambda d: d.update(price_overrides={"nope": "1"}),
     'Price override "nope": the international price list has no such price (price_overrides["nope"])'),
    (lambda d: d.update(price_overrides={"dedicated.month": "-1"}),
     'Price override "dedicated.month": the price must be a number from 0 to 1,000,000,000, not -1 '
     '(price_overrides["dedicated.month"])'),
    (lambda d: d.update(price_overrides={"dedicated.month": "abc"}),
     'Price override "dedicated.month": the price must be a decimal string like "0.03", not "abc" '
     '(price_overrides["dedicated.month"])'),
    (lambda d: d.update(format="other"),
     'This is not a KMS Cost Planner plan: its "format" must be "kms-cost-planner/plan", not "other" (format)'),
    (lambda d: d.update(version=2),
     "This file was written by a newer KMS Cost Planner (format version 2); this version reads version 1. Update "
     "the app to open it. (version)"),
    (lambda d: d.update(version="1"), 'The format version must be 1, not "1" (version)'),
])
def test_refusals_name_the_field_and_the_problem(mutate, message):
    doc = _doc()
    mutate(doc)
    assert _refusal(doc).startswith(message)


def test_not_json_names_line_and_column():
    assert _refusal('{\n  "format": }') == ("The file is not valid JSON: line 2, column 13: a value is missing or "
                                           "misspelt here (a value is a number, text in double quotes, true, "
                                           "false, null, a list or an object)")


def test_nan_and_duplicate_keys_are_refused():
    assert "NaN is not a number JSON allows" in _refusal('{"months": NaN}')
    assert _refusal('{"months": 1, "months": 2}') == \
        'The field "months" appears twice in the same object: keep one (months)'


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
    assert _refusal(_doc(notes=[1])) == "The notes must be text, not a list (notes)"


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


@pytest.mark.parametrize("field, text, meant", [
    ("count", "3,000", "3000"), ("count", "60k", "60000"), ("calls_per_month", "6e7", "60000000"),
    ("calls_per_month", "1.5M", "1500000"), ("calls_growth_pct", "7.5%", "7.5"),
])
def test_a_number_written_as_text_is_refused_with_the_number_meant(field, text, meant):
    """The contract's numbers are JSON numbers; text a person reads as a number (core.numbers) is
    refused with the way to write it, never silently converted."""
    doc = _doc()
    doc["key_groups"][0][field] = text
    assert f'not the text "{text}" (write it as a number without quotes: {meant})' in _refusal(doc)


def test_text_that_is_no_number_gets_no_suggestion():
    doc = _doc()
    doc["key_groups"][0]["count"] = "lots"
    assert _refusal(doc) == \
        'Key group 1: the key count must be a whole number, not the text "lots" (key_groups[0].count)'
