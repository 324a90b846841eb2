"""A plan file that repeats a key is refused as before, whichever way its text was parsed; the
plain parse is trusted only when its pairs add up (core.repeated_keys)."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import planfile
from core.planfile import PlanError, loads
from core.repeated_keys import no_repeated_keys
from tests.core.test_planfile import CONTRACT_PLAN

TWICE = 'The field "{0}" appears twice in the same object: keep one ({0})'


def _refusal(text: str) -> str:
    with pytest.raises(PlanError) as err:
        loads(text)
    return str(err.value)


def _proved(text: str) -> bool:
    return no_repeated_keys(text, json.loads(text, parse_float=Decimal))


def _big_plan_text(groups: int = 3000, name: str = "g{}") -> str:
    doc = json.loads(CONTRACT_PLAN)
    doc["key_groups"] = [dict(doc["key_groups"][0], name=name.format(i)) for i in range(groups)]
    return json.dumps(doc, indent=2)


def test_plans_without_repeated_keys_are_proved_so_even_with_colons_in_their_strings():
    assert _proved(CONTRACT_PLAN)
    assert _proved(_big_plan_text())
    assert _proved(_big_plan_text(name="db:{}:prod"))  # colons inside the groups' strings
    assert _proved(CONTRACT_PLAN.replace('"Disk encryption in Singapore"', '"Note: a: b"'))
    nested = json.loads(CONTRACT_PLAN)
    nested["scenarios"] = [{"name": "a:b", "calls_factor": "2"}, {"name": "c", "keys_factor": "1"}]
    assert _proved(json.dumps(nested))


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}',
    '[{"a": 1, "b": 2}, {"a": 1, "a": 2}]',
    '[{"a": 1, "b": {"c": 1, "c": 1}}, {"a": 1}]',
    '{"a": [{"x": 1}, {"x": 1, "x": 2}], "note": "a:b"}',
    '{"a:": 1, "a:": 2}',
    # A colon escaped as \\u003a counts in the parse, not the text: it could hide a repeated key.
    '{"n": "\\u003a", "a": 1, "a": 2}',
])
def test_a_repeated_key_is_never_proved_absent(text):
    assert not _proved(text)


def test_a_repeated_key_in_a_large_plan_is_refused_as_before():
    text = _big_plan_text()
    marker = '"name": "g2500",'
    assert _refusal(text.replace(marker, marker + ' "count": 7,')) == TWICE.format("count")
    with_colons = _big_plan_text(name="db:{}")
    marker = '"name": "db:2500",'
    assert _refusal(with_colons.replace(marker, marker + ' "spec": "RSA_2048",')) == TWICE.format("spec")


def test_a_repeated_key_or_a_syntax_error_whichever_the_parse_meets_first_is_said_as_before():
    assert _refusal('{"a": {"m": 1, "m": 2}, "x": }') == TWICE.format("m")  # the inner object ends first
    assert _refusal('{"months": 1, "months": 2, "x": }').startswith("The file is not valid JSON: line 1, column 33")


def test_the_plain_parse_is_used_for_a_plan_that_repeats_nothing(monkeypatch):
    def no_hook(pairs):
        raise AssertionError("parsed with the per-object hook")
    monkeypatch.setattr(planfile, "_check_key", no_hook)
    assert len(loads(_big_plan_text(name="a:{}")).key_groups) == 3000


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=":ab\\\"u0", max_size=4),
    lambda children: st.lists(children, max_size=4)
    | st.lists(st.tuples(st.sampled_from(["a", "b", ":", "a:"]), children), max_size=4),
    max_leaves=20,
)


def _dump(value) -> str:
    """JSON text of `value`, where a list of (key, value) pairs is an object that may repeat keys."""
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        return "{" + ", ".join(f"{json.dumps(k)}: {_dump(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    return json.dumps(value)


def _repeats(value) -> bool:
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        keys = [k for k, _ in value]
        return len(set(keys)) < len(keys) or any(_repeats(v) for _, v in value)
    return isinstance(value, list) and any(_repeats(v) for v in value)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_proved_only_when_no_key_repeats(value):
    text = _dump(value)
    if _proved(text):
        assert not _repeats(value), text
    if not _repeats(value) and "\\u" not in text:
        assert _proved(text), text
