"""The quick ways of reading a plan file (a plain parse proved free of repeated keys, all groups
at once) give what the careful way gives (the duplicate-key hook, group by group): the same plan,
to every digit and attribute, or the same refusal, word for word."""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import timedelta
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core import planfile
from core.planfile import PlanError, loads
from plan_strategies import SAMPLE_DOCS, mutated_docs, mutated_texts, to_json

FUZZ = settings(max_examples=250, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])


def _outcome(text: str):
    try:
        plan = loads(text)
    except PlanError as exc:
        return "refused", str(exc), exc.field
    except RecursionError:
        return "recursion"
    return "plan", repr(plan), [list(vars(g).items()) for g in plan.key_groups]


def _careful(text: str):
    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(planfile, "no_repeated_keys", lambda text, parsed: False))
        stack.enter_context(mock.patch.object(planfile, "plain_groups", lambda *args, **kwargs: None))
        return _outcome(text)


def _agree(text: str) -> None:
    assert _outcome(text) == _careful(text)


@FUZZ
@given(mutated_docs())
def test_mutated_plans_read_alike(doc):
    _agree(to_json(doc))


@FUZZ
@given(mutated_texts())
@example('{"format": "kms-cost-planner/plan", "version": 1, "version": 1}')
@example('{"a": {"m": 1, "m": 2}, "x": }')
def test_damaged_texts_read_alike(text):
    _agree(text)


@FUZZ
@given(st.sampled_from(SAMPLE_DOCS), st.integers(0, 9), st.sampled_from(["name", "count", "spec", "state"]),
       st.sampled_from(['"x:y"', "3", "true", "null", '"Enabled"', "1.50", "-1"]))
def test_a_group_with_a_key_written_twice_reads_alike(doc, at, key, value):
    """Every group of a sample, one of them with a key written a second time (colons in text too)."""
    groups = doc["key_groups"] * 10
    text = json.dumps(dict(doc, key_groups=groups), indent=2)
    marker = '"creator"'
    start = -1
    for _ in range(at % len(groups) + 1):
        start = text.index(marker, start + 1)
    _agree(text[:start] + f'"{key}": {value}, ' + text[start:])
