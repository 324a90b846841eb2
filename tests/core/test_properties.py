"""Properties over random plans: never negative, monotone in keys, lines add up, files round-trip."""

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.catalog import load_catalog
from core.compare import compare
from core.plan import CREATORS, PROTECTIONS, STATES, KeyGroup, Plan
from core.planfile import dumps, loads
from core.quote import quote_dict

SPECS = sorted(load_catalog("international").specs)
UNPUBLISHED = ["cloud-hsm.cluster.month", "instance-software.key-quota", "instance-software.qps",
               "instance-software.secret-quota", "instance-hardware.key-quota", "instance-hardware.qps",
               "instance-hardware.secret-quota", "payg-legacy.secret.month"]

decimals = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
groups = st.builds(
    KeyGroup,
    name=st.text(max_size=8),
    creator=st.sampled_from(CREATORS),
    protection=st.sampled_from(PROTECTIONS),
    spec=st.sampled_from(SPECS),
    count=st.integers(0, 3000),
    versions=st.integers(1, 3),
    rotation_days=st.none() | st.integers(7, 730),
    state=st.sampled_from(STATES),
    calls_per_month=decimals,
    calls_growth_pct=st.decimals(min_value=-50, max_value=50, places=1, allow_nan=False, allow_infinity=False),
)
plans = st.builds(
    Plan,
    name=st.text(max_size=10),
    site=st.sampled_from(["international", "china"]),
    api_region=st.sampled_from(["mainland", "outside_mainland"]),
    start_month=st.sampled_from(["2022-02", "2024-04", "2025-08", "2027-01", "2027-11", "2028-02", "2031-12"]),
    kms1_user=st.booleans(),
    limit_overrides=st.dictionaries(st.sampled_from(["dedicated_instance_key_quota", "dedicated_instance_qps",
                                                     "shared_gateway_asymmetric_qps"]),
                                    st.integers(1, 50_000).map(Decimal), max_size=3),
    months=st.integers(1, 24),
    peak_to_average=st.decimals(min_value=1, max_value=10, places=1, allow_nan=False, allow_infinity=False),
    key_groups=st.lists(groups, min_size=1, max_size=4).map(tuple),
    secrets=st.integers(0, 5),
    price_overrides=st.dictionaries(st.sampled_from(UNPUBLISHED),
                                    st.decimals(min_value=0, max_value=5000, places=3, allow_nan=False,
                                                allow_infinity=False), max_size=4),
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(plans)
def test_amounts_are_never_negative(plan):
    for o in compare(plan).options:
        for line in o.lines:
            assert all(v >= 0 for v in line.monthly), (o.id, line.item)
        assert o.total >= 0


@FAST
@given(plans, st.data())
def test_adding_a_key_never_lowers_any_options_cost(plan, data):
    i = data.draw(st.integers(0, len(plan.key_groups) - 1))
    group = plan.key_groups[i]
    bigger = plan.with_group(i, group.with_(count=group.count + 1))
    before, after = compare(plan), compare(bigger)
    for old, new in zip(before.options, after.options):
        if old.available and new.available:
            assert all(b >= a for a, b in zip(old.monthly, new.monthly)), old.id
            assert new.total >= old.total, old.id


@FAST
@given(plans, groups)
def test_adding_a_group_of_one_key_never_lowers_any_options_cost(plan, group):
    bigger = plan.with_(key_groups=plan.key_groups + (group.with_(count=1),))
    for old, new in zip(compare(plan).options, compare(bigger).options):
        if old.available and new.available:
            assert all(b >= a for a, b in zip(old.monthly, new.monthly)), old.id


@FAST
@given(plans)
def test_quote_lines_sum_to_its_monthly_amounts_and_totals(plan):
    q = json.loads(json.dumps(quote_dict(compare(plan))))
    for o in q["options"]:
        monthly = [Decimal(v) for v in o["monthly"]]
        assert len(monthly) == plan.months == len(q["months"])
        for m, value in enumerate(monthly):
            assert sum((Decimal(line["monthly"][m]) for line in o["lines"]), Decimal(0)) == value
        assert sum(monthly, Decimal(0)) == Decimal(o["total"])
    available = [o for o in q["options"] if o["available"]]
    if available:
        assert q["cheapest"] == min(available, key=lambda o: Decimal(o["total"]))["id"]
    else:
        assert q["cheapest"] is None


@FAST
@given(plans)
def test_plan_files_round_trip(plan):
    assert loads(dumps(plan)) == plan


def _naive_legacy_hosting(plan):
    """KMS 1.0 hosting recomputed the slow, obvious way: day by day, group by group."""
    import calendar

    catalog = load_catalog(plan.site).with_overrides(plan.price_overrides)
    price = {k: catalog.value(f"payg-legacy.hosting.{k}") for k in ("service", "software", "hsm-basic")}
    first = catalog.value("payg-legacy.hosting.hsm-advanced.first-2000")
    beyond = catalog.value("payg-legacy.hosting.hsm-advanced.beyond-2000")
    year, month = map(int, plan.start_month.split("-"))
    d, out = 0, []
    for _ in range(plan.months):
        total = Decimal(0)
        for _ in range(calendar.monthrange(year, month)[1]):
            advanced = 0
            for g in plan.key_groups:
                if g.state == "PendingDeletion":
                    continue
                versions = g.count * (g.versions + (d // g.rotation_days if g.rotation_days else 0))
                if g.creator == "service":
                    total += versions * price["service"]
                elif g.protection == "SOFTWARE":
                    total += versions * price["software"]
                elif catalog.specs[g.spec] == "basic":
                    total += versions * price["hsm-basic"]
                else:
                    advanced += versions
            total += min(advanced, 2000) * first + max(advanced - 2000, 0) * beyond
            d += 1
        out.append(total)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


@settings(max_examples=40, deadline=None)
@given(plans.map(lambda p: p.with_(months=min(p.months, 4))))
def test_legacy_hosting_matches_a_day_by_day_recount(plan):
    option = compare(plan).option("payg-legacy")
    assert next(line for line in option.lines if line.item == "key hosting").monthly == _naive_legacy_hosting(plan)


@FAST
@given(plans)
def test_only_ok_options_are_ranked_and_statuses_are_consistent(plan):
    """Issue 8: available is exactly status == "ok"; the status is the worst month; the cheapest (overall
    and each month) is ok there; a first problem month is named exactly when the option is not ok."""
    from core.status import STATUSES, worst

    c = compare(plan)
    for o in c.options:
        assert o.status in STATUSES and len(o.monthly_status) == plan.months
        assert o.status == worst(o.monthly_status) and o.available == (o.status == "ok")
        assert (o.first_problem_month is None) == (o.status == "ok")
        assert bool(o.status_reasons) == (o.status != "ok")
        if o.figure_kind == "none":
            assert o.status != "ok" and o.total == 0
    if c.cheapest is not None:
        assert c.option(c.cheapest).status == "ok"
    for m, oid in enumerate(c.cheapest_by_month()):
        assert oid is None or c.option(oid).monthly_status[m] == "ok"
    for e in c.break_evens():
        assert all(c.option(i).monthly_status[k] == "ok" for i in (e.cheaper, e.dearer) for k in range(e.month + 1))
