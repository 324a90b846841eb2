"""planfile.load(path, share=True), File > Open's reading on its worker thread, gives exactly the
plan and the refusals of planfile.load(path), and hands the interpreter over at each JSON object."""

from __future__ import annotations

import json

import pytest

from core import planfile
from core.paths import samples_dir
from core.planfile import PlanError
from tests.resilience.huge_plans import huge_plan


@pytest.mark.parametrize("name", sorted(p.name for p in samples_dir().glob("*.kmsplan")))
def test_every_sample_reads_as_planfile_reads_it(name):
    path = samples_dir() / name
    plan, expected = planfile.load(path, share=True), planfile.load(path)
    assert plan == expected and repr(plan) == repr(expected)


def test_a_10000_group_plan_reads_as_planfile_reads_it(tmp_path):
    path = tmp_path / "huge.kmsplan"
    planfile.save(huge_plan(10_000, 120), path)
    plan, expected = planfile.load(path, share=True), planfile.load(path)
    assert plan == expected and repr(plan) == repr(expected)


def _sample_text() -> str:
    return (samples_dir() / "growing-saas.kmsplan").read_text(encoding="utf-8")


def _refusals() -> dict[str, bytes]:
    text = _sample_text()
    doc = json.loads(text)
    twice = text.replace('"name":', '"name": "first", "name":', 1)
    negative = dict(doc, key_groups=[dict(doc["key_groups"][0], count=-1)] + doc["key_groups"][1:])
    return {
        "not JSON": b"{ not json",
        "more text after the plan": text.encode() + b" x",
        "NaN": text.replace('"months": 36', '"months": NaN').encode(),
        "a key twice": twice.encode(),
        "a key twice, colon escaped": twice.replace('"first"', '"fi\\u003ast"').encode(),
        "a refused value": json.dumps(negative).encode(),
        "a list": b"[]",
        "empty": b"",
        "not UTF-8": b"\xff\xfe{}",
    }


@pytest.mark.parametrize("case", sorted(_refusals()))
def test_refusals_are_planfiles_own(tmp_path, case):
    path = tmp_path / "bad.kmsplan"
    path.write_bytes(_refusals()[case])
    with pytest.raises(PlanError) as expected:
        planfile.load(path)
    with pytest.raises(PlanError) as refused:
        planfile.load(path, share=True)
    assert str(refused.value) == str(expected.value)


def test_a_byte_order_mark_is_read_past(tmp_path):
    path = tmp_path / "bom.kmsplan"
    path.write_bytes(b"\xef\xbb\xbf" + _sample_text().encode())
    assert planfile.load(path, share=True) == planfile.load(path)


def test_missing_folder_and_too_big_are_refused_as_planfile_refuses_them(tmp_path, monkeypatch):
    for path in (tmp_path / "missing.kmsplan", tmp_path):
        with pytest.raises(PlanError) as refused:
            planfile.load(path, share=True)
        with pytest.raises(PlanError) as expected:
            planfile.load(path)
        assert str(refused.value) == str(expected.value)
    big = tmp_path / "big.kmsplan"
    big.write_text(_sample_text(), encoding="utf-8")
    monkeypatch.setattr(planfile, "MAX_FILE_BYTES", 100)
    with pytest.raises(PlanError, match="a plan file is at most"):
        planfile.load(big, share=True)


def test_the_parse_calls_back_into_python_at_every_object(monkeypatch):
    seen = []
    real = planfile._switch_point
    monkeypatch.setattr(planfile, "_switch_point", lambda obj: seen.append(obj) or real(obj))
    plan = planfile.load(samples_dir() / "growing-saas.kmsplan", share=True)
    assert sum(1 for obj in seen if "name" in obj and "count" in obj) == len(plan.key_groups)


def test_a_plain_read_makes_no_python_call_per_object(monkeypatch):
    seen = []
    monkeypatch.setattr(planfile, "_switch_point", lambda obj: seen.append(obj) or obj)
    planfile.load(samples_dir() / "growing-saas.kmsplan")
    assert seen == []
