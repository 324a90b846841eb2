"""The benchmark's plan (500 key groups, 120 months) quotes quickly and round-trips through a file."""

import importlib.util
import time
from pathlib import Path

from core.compare import compare
from core.planfile import dumps, loads
from core.quote import quote_json

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "quote_scale.py"


def _big_plan():
    spec = importlib.util.spec_from_file_location("quote_scale", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.big_plan()


def test_big_plan_quotes_in_well_under_a_second():
    plan = _big_plan()
    assert len(plan.key_groups) == 500 and plan.months == 120
    assert loads(dumps(plan)) == plan
    start = time.perf_counter()
    c = compare(plan)
    quote_json(c)
    elapsed = time.perf_counter() - start
    assert sum(c.demand.advanced_beyond_tier) > 0  # the KMS 1.0 tier is crossed
    assert any(g.rotation_days for g in plan.key_groups) and len({g.calls_growth_pct for g in plan.key_groups}) > 1
    assert elapsed < 2.0, f"quote took {elapsed:.2f} s"  # about 0.03 s on a laptop; generous for loaded CI
