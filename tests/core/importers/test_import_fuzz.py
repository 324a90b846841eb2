"""Fuzz the importers: any input is an ImportResult whose plan saves and loads, or one
ImportRefused with a message; never another exception (no traceback)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.importers.bill import parse_bill
from core.importers.errors import ImportRefused
from core.importers.estate import import_sources, to_plan
from core.importers.sources import Source
from core.planfile import dumps, loads
from core.reconcile import reconcile
from core.plan import KeyGroup, Plan

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
FUZZ = settings(max_examples=200, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
DOCS = [json.loads(p.read_text()) for p in sorted(FIXTURES.rglob("*.json"))]
FIELD_NAMES = sorted({"KeyMetadata", "KeyId", "KeySpec", "KeyState", "ProtectionLevel", "AutomaticRotation",
                      "RotationInterval", "Creator", "Arn", "DKMSInstanceId", "Keys", "Key", "KeyVersions",
                      "KeyVersion", "TotalCount", "SecretList", "Secret", "SecretName", "KmsInstances",
                      "KmsInstance", "KmsInstanceId", "InstanceId", "Spec", "KeyNum", "SecretNum", "VpcNum",
                      "KmsInstanceQuotaInfos", "ResourceType", "ResourceQuota", "UsedQuantity", "resource_changes",
                      "type", "change", "actions", "after", "key_spec", "status", "rotation_interval"})

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=12),
                    st.sampled_from(["Enabled", "Disabled", "HSM", "SOFTWARE", "EC_SM2", "31536000s", "0s",
                                     "alicloud_kms_key", "delete", "acs:kms:cn-hangzhou:1:key/x", "99999999999999s"]),
                    st.decimals(allow_nan=False, allow_infinity=False, places=3))
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=5)),
    max_leaves=30)


def _mutate(doc, data):
    """Replace one value somewhere in a fixture document with a random one."""
    if isinstance(doc, dict) and doc:
        key = data.draw(st.sampled_from(sorted(doc)))
        if data.draw(st.booleans()):
            return {**doc, key: data.draw(json_values)}
        return {**doc, key: _mutate(doc[key], data)}
    if isinstance(doc, list) and doc:
        i = data.draw(st.integers(0, len(doc) - 1))
        return doc[:i] + [_mutate(doc[i], data)] + doc[i + 1:]
    return data.draw(json_values)


def check(texts: list[str]) -> None:
    try:
        result = import_sources([Source(f"f{i}.json", t) for i, t in enumerate(texts)])
    except ImportRefused as exc:
        assert str(exc).strip()
        return
    plan = loads(dumps(to_plan(result)))
    assert plan.secrets >= 0 and all(g.count > 0 for g in plan.key_groups)
    assert result.summary()


@FUZZ
@given(st.data())
def test_mutated_fixtures(data):
    doc = DOCS[data.draw(st.integers(0, len(DOCS) - 1))]
    check([json.dumps(_mutate(doc, data), default=str)])


@FUZZ
@given(json_values)
def test_random_json(value):
    check([json.dumps(value, default=str)])


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text):
    check([text])


BILL_HEADER = "Billing Cycle,Product Code,Billable Item,Usage,Usage Unit,Pretax Amount,Currency\n"
cells = st.one_of(st.text(max_size=10), st.sampled_from(["kms", "2026-01", "10,000 Calls", "1.5", "-3", "USD",
                                                         "Key Version*Day", "1e400", "NaN", '"1,200.5"']))
PLAN = Plan(start_month="2026-01", months=2, key_groups=(KeyGroup(count=3, calls_per_month=Decimal(10)),))


@FUZZ
@given(st.lists(st.lists(cells, min_size=0, max_size=8), max_size=6))
def test_random_bills(rows):
    text = BILL_HEADER + "\n".join(",".join(r) for r in rows)
    try:
        bill = parse_bill(text, "b.csv")
    except ImportRefused as exc:
        assert str(exc).startswith("b.csv")
        return
    rec = reconcile(PLAN, bill)
    assert sum((m.billed for m in rec.months), Decimal(0)) == sum((r.amount for r in bill.rows), Decimal(0))
