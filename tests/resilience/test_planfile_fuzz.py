"""Fuzz the plan loader: every input is a Plan that prices cleanly, or a PlanError naming a field.

Never another exception, never a hang (the deadline), never a negative or non-finite amount.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.compare import compare
from core.planfile import PlanError, dumps, load, loads
from core.quote import quote_dict
from plan_strategies import SAMPLE_DOCS, KNOWN_FIELDS, SAMPLES, mutated_docs, mutated_texts, paths, scenarios, to_json

ROOT = SAMPLES[0].parents[2]
FUZZ = settings(max_examples=250, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])


def _keys(doc) -> set[str]:
    found = set()
    for path in paths(doc):
        found.update(step for step in path if isinstance(step, str))
    return found


def check_plan_text(text: str):
    """Load `text`; a Plan must price with finite, non-negative amounts; a refusal must name a field."""
    try:
        plan = loads(text)
    except PlanError as exc:
        assert str(exc).strip(), "a refusal with no message"
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            return exc  # not JSON: the whole file is refused (field ""), with the parser's reason
        if isinstance(doc, dict) and exc.field:
            known = _keys(doc) | KNOWN_FIELDS
            assert any(exc.field.startswith(k) for k in known if k), f"field {exc.field!r} is in neither the file nor the format"
        elif isinstance(doc, dict):
            # A document-level refusal is allowed only for a key the message itself spells out.
            assert "" in doc or "unknown field" in str(exc) or "must be" in str(exc), str(exc)
        return exc
    comparison = compare(plan)
    for option in comparison.options:
        for amount in (*option.monthly, option.total):
            assert isinstance(amount, Decimal) and amount.is_finite() and amount >= 0, (option.id, amount)
        for line in option.lines:
            assert all(v.is_finite() and v >= 0 for v in line.monthly), (option.id, line.item)
    json.dumps(quote_dict(comparison))  # the quote serialises
    return plan


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_loads_and_prices(sample):
    assert not isinstance(check_plan_text(sample.read_text(encoding="utf-8")), PlanError)


@FUZZ
@given(mutated_docs())
def test_mutated_plans_load_or_name_the_field(doc):
    check_plan_text(to_json(doc))


@FUZZ
@given(st.sampled_from(SAMPLE_DOCS), st.lists(scenarios(), min_size=1, max_size=3))
def test_scenarios_extension_loads_or_names_the_field(doc, entries):
    check_plan_text(to_json({**doc, "scenarios": entries}))


def test_scenario_months_huge_exponent(tmp_path):
    """Run in a child with a time limit: before c11af2d this took half a minute (int() of 1E+999999),
    which cannot be interrupted in-process."""
    doc = json.loads(SAMPLES[0].read_text())
    doc["scenarios"] = [{"name": "Half", "months": "@@raw@@"}]
    path = tmp_path / "p.kmsplan"
    path.write_text(json.dumps(doc).replace('"@@raw@@"', "1e999999"))
    code = ("import sys; from core.planfile import load, PlanError\n"
            "try:\n    load(sys.argv[1])\nexcept PlanError as e:\n    print(e.field)")
    try:
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                             timeout=5, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("loading took over 5 s")
    assert out.stdout.strip() == "scenarios[0].months", out.stderr[-500:]


@FUZZ
@given(mutated_texts())
@example("[" * 100_000 + "]" * 100_000)
@example("")
@example("\x00" * 10)
@example('{"format": "kms-cost-planner/plan", "version": 1e999999}')
def test_damaged_text_is_refused_or_loads(text):
    check_plan_text(text)


@FUZZ
@given(st.text(max_size=200))
def test_random_unicode_is_refused(text):
    result = check_plan_text(text)
    assert isinstance(result, PlanError)


@pytest.mark.parametrize("field, raw", [
    ("months", "1e6000"),
    ("months", "1e999999999"),
    ("key_groups[0].count", "1e100000"),
    ("key_groups[0].count", "-1e100000"),
    ("key_groups[0].versions", "1e999999"),
    ("key_groups[0].rotation_days", "1e999999"),
    ("key_groups[0].calls_per_month", "1e999999999"),
    ("key_groups[0].calls_per_month", "-1e-999999999"),
    ("key_groups[0].calls_per_month", "1e-999999999"),  # in bounds, but a billion zeros when saved
    ("key_groups[0].calls_growth_pct", "1e-999999999"),
    ("peak_to_average", "1.000000000000000000000000000000000000000000000000000000000000001"),
    ("key_groups[0].calls_growth_pct", "1e999999999"),
    ("peak_to_average", "1e999999999"),
    ("secrets.count", "1e999999"),
])
def test_huge_exponents_are_refused_at_once(field, raw):
    """A number like 1e999999 must be refused by its size, never converted to an int (that takes minutes)."""
    doc = json.loads(SAMPLES[0].read_text())
    target = {"months": doc, "peak_to_average": doc, "secrets.count": doc["secrets"]}.get(field, doc["key_groups"][0])
    target[field.rsplit(".", 1)[-1]] = "@@raw@@"
    text = json.dumps(doc).replace('"@@raw@@"', raw)
    with pytest.raises(PlanError) as caught:
        loads(text)
    assert caught.value.field == field
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("start, months, field", [
    ("２０２７-０１", 12, "start_month"),   # full-width digits match \d
    ("٢٠٢٧-٠١", 12, "start_month"),        # Arabic-Indic digits
    ("9999-12", 2, "months"),              # the second month would be year 10000
    ("9999-01", 120, "months"),
])
def test_start_months_that_cannot_be_priced_are_refused(start, months, field):
    doc = json.loads(SAMPLES[0].read_text())
    doc["start_month"], doc["months"] = start, months
    with pytest.raises(PlanError) as caught:
        loads(json.dumps(doc, ensure_ascii=False))
    assert caught.value.field == field


def test_last_possible_month_still_prices():
    doc = json.loads(SAMPLES[0].read_text())
    doc["start_month"], doc["months"] = "9999-01", 12
    plan = check_plan_text(json.dumps(doc))
    assert compare(plan).months[-1] == "9999-12"


@pytest.mark.parametrize("data, needle", [
    (b"\xff\xfe\x00\x01garbage", "UTF-8"),
    (b"\xef\xbb\xbf" + SAMPLES[0].read_bytes(), None),  # a BOM is fine
    (SAMPLES[0].read_bytes()[:100], "not valid JSON"),
    (b"", "not valid JSON"),
])
def test_load_from_disk(tmp_path, data, needle):
    path = tmp_path / "p.kmsplan"
    path.write_bytes(data)
    if needle is None:
        assert load(path).name
    else:
        with pytest.raises(PlanError, match=needle):
            load(path)


def test_load_refuses_an_oversized_file_without_reading_it(tmp_path):
    path = tmp_path / "big.kmsplan"
    with open(path, "wb") as handle:
        handle.truncate(60_000_000)  # sparse: costs no disk
    with pytest.raises(PlanError, match="big.kmsplan is 60 MB; a plan file is at most"):
        load(path)


def test_load_refuses_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(PlanError, match="folder"):
        load(tmp_path)
    with pytest.raises(PlanError, match="does not exist"):
        load(tmp_path / "nope.kmsplan")


@FUZZ
@given(st.decimals(min_value=0, max_value=Decimal("1e15"), places=30, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=Decimal("-99.999999999999999999999999999999"), max_value=Decimal(10), places=30,
                   allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=30))
def test_every_digit_survives_load_save_load(calls, growth, shift):
    """Numbers of up to 46 significant digits are written as typed and read back equal (never
    rounded to Decimal's 28 digits)."""
    doc = json.loads(SAMPLES[0].read_text())
    doc["months"] = 1
    calls = calls.scaleb(-shift) if calls else calls
    doc["key_groups"][0]["calls_per_month"] = "@@calls@@"
    doc["key_groups"][0]["calls_growth_pct"] = "@@growth@@"
    text = json.dumps(doc).replace('"@@calls@@"', format(calls, "f")).replace('"@@growth@@"', format(growth, "f"))
    plan = loads(text)
    assert plan.key_groups[0].calls_per_month == calls and plan.key_groups[0].calls_growth_pct == growth
    again = loads(dumps(plan))
    assert again == plan and dumps(again) == dumps(plan)


@FUZZ
@given(mutated_docs())
def test_the_quick_path_accepts_exactly_what_the_worded_checks_accept(doc):
    """core.planfile builds a plainly valid key group without its message machinery; whatever that
    quick path accepts, the full checks accept as the same group (and it never accepts more)."""
    from core import planfile

    specs = frozenset(planfile.load_catalog("international").specs)
    groups = doc.get("key_groups")
    for i, raw in enumerate(groups if isinstance(groups, list) else ()):
        raw = json.loads(to_json(raw), parse_float=Decimal)  # as the loader sees it: numbers as int or Decimal
        quick = planfile._quick_group(raw, specs)
        try:
            full = planfile._checked_group(raw, f"key_groups[{i}]", specs, i)
        except PlanError:
            assert quick is None, raw
            continue
        assert quick is None or quick == full
