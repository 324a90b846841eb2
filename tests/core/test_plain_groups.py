"""core.plain_groups reads all key groups at once only when group-by-group reading would accept
each of them, and makes the very objects it makes; anything else goes back to it and its refusals."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import planfile
from core.catalog import load_catalog
from core.plain_groups import plain_groups
from core.planfile import MAX_NAME, PlanError, loads

SPECS = frozenset(load_catalog("international").specs)
GROUP = {"name": "disk", "creator": "user", "protection": "HSM", "spec": "Aliyun_AES_256", "count": 3,
         "versions": 2, "rotation_days": 90, "state": "Enabled", "calls_per_month": 1000,
         "calls_growth_pct": Decimal("1.5")}


def _one_by_one(raw):
    return tuple(planfile.parse_group(g, f"key_groups[{i}]", set(SPECS), i) for i, g in enumerate(raw))


def _same(a, b):
    """Equal groups with equal field types and exact digits, and the same attribute dicts (order too)."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert type(x) is type(y) and x == y and repr(x) == repr(y)
        assert list(vars(x).items()) == list(vars(y).items())
        assert [type(v) for v in vars(x).values()] == [type(v) for v in vars(y).values()]


def _groups(**changes):
    return [{**GROUP, "name": f"g{i}", **changes} for i in range(3)]


@pytest.mark.parametrize("groups", [
    _groups(),
    _groups(calls_per_month=Decimal("12.50"), calls_growth_pct=-3),
    _groups(calls_growth_pct=Decimal("1E+1"), calls_per_month=Decimal("0E-60")),
    [dict(GROUP), {"creator": "service", "protection": "SOFTWARE", "spec": "RSA_2048", "count": 0}],  # defaults
    [{k: GROUP[k] for k in reversed(list(GROUP))}],  # another order: the groups get KeyGroup's
    _groups(rotation_days=None, state="PendingDeletion", name="x" * MAX_NAME),
    [dict(GROUP, calls_per_month=5), dict(GROUP, calls_per_month=Decimal("5.0"))],  # equal, spelt apart
])
def test_plainly_valid_groups_are_those_group_by_group_reading_makes(groups):
    expected = _one_by_one(groups)
    _same(plain_groups([dict(g) for g in groups], SPECS, MAX_NAME), expected)
    _same(plain_groups([dict(g) for g in groups], SPECS, MAX_NAME, owned=True), expected)


@pytest.mark.parametrize("change", [
    {"count": True}, {"count": Decimal("3.0")}, {"count": -1}, {"count": 10_000_001}, {"count": "3"},
    {"versions": 0}, {"rotation_days": 6}, {"rotation_days": 731}, {"rotation_days": Decimal(30)},
    {"calls_per_month": Decimal("NaN")}, {"calls_per_month": Decimal("Infinity")}, {"calls_per_month": -1},
    {"calls_per_month": Decimal("1E+16")}, {"calls_per_month": Decimal("1E-61")}, {"calls_per_month": 1.5},
    {"calls_growth_pct": -100}, {"calls_growth_pct": Decimal("1000.1")}, {"calls_growth_pct": False},
    {"creator": "robot"}, {"protection": ["HSM"]}, {"spec": "AES_1"}, {"spec": 5}, {"state": None},
    {"name": 5}, {"name": "x" * (MAX_NAME + 1)}, {"colour": "red"},
    {"calls_per_month": Decimal("1." + "0" * 70)},  # valid (trailing zeros), but only the careful path says so
])
def test_anything_else_is_left_to_group_by_group_reading(change):
    groups = _groups()
    groups[1].update(change)
    assert plain_groups(groups, SPECS, MAX_NAME) is None


def test_true_is_not_taken_for_1_nor_1_for_true():
    assert plain_groups([dict(GROUP, count=1), dict(GROUP, count=True)], SPECS, MAX_NAME) is None
    assert plain_groups([dict(GROUP, versions=1), dict(GROUP, versions=True)], SPECS, MAX_NAME) is None
    assert plain_groups([dict(GROUP, calls_per_month=1), dict(GROUP, calls_per_month=True)], SPECS, MAX_NAME) is None
    assert plain_groups([dict(GROUP, calls_growth_pct=0), dict(GROUP, calls_growth_pct=False)], SPECS,
                        MAX_NAME) is None


def test_a_missing_field_or_a_group_that_is_not_an_object_is_left_to_group_by_group_reading():
    missing = _groups()
    del missing[2]["count"]
    assert plain_groups(missing, SPECS, MAX_NAME) is None
    assert plain_groups([dict(GROUP), [1]], SPECS, MAX_NAME) is None
    assert plain_groups([], SPECS, MAX_NAME) is None  # nothing to gain: the general path says ()


def test_the_groups_of_a_callers_document_are_copies():
    groups = _groups()
    read = plain_groups(groups, SPECS, MAX_NAME)
    groups[0]["count"] = 99
    assert read[0].count == 3 and groups[0]["calls_growth_pct"] == Decimal("1.5")


def test_refusals_of_a_large_plan_name_the_first_bad_group_as_before():
    doc = json.loads(json.dumps({
        "format": "kms-cost-planner/plan", "version": 1, "site": "international", "api_region": "mainland",
        "start_month": "2027-01", "months": 12,
        "key_groups": [dict(GROUP, name=f"g{i}", calls_growth_pct=1) for i in range(2000)]}))
    doc["key_groups"][1500]["count"] = -3
    doc["key_groups"][1700]["spec"] = "AES_1"
    with pytest.raises(PlanError) as err:
        loads(json.dumps(doc))
    assert str(err.value) == ("Key group 1501 (g1500): the key count must be a whole number of 0 or more, "
                              "not -3 (key_groups[1500].count)")


def test_every_sample_is_read_at_once(monkeypatch):
    from core.paths import samples_dir

    def one_by_one(*args):
        raise AssertionError("read group by group")
    monkeypatch.setattr(planfile, "_quick_group", one_by_one)
    for path in sorted(samples_dir().glob("*.kmsplan")):
        assert planfile.load(path).key_groups


_numbers = (st.integers(-200, 2_000) | st.sampled_from([0, 7, 730, 10_000_000, 10_000_001, 10**15, 10**15 + 1])
            | st.decimals(allow_nan=True, allow_infinity=True, places=None) | st.booleans() | st.none()
            | st.sampled_from([Decimal("-99.5"), Decimal("-100"), Decimal("1000"), Decimal("1E-60"),
                               Decimal("1E-61"), Decimal("5.00"), Decimal("sNaN")]))


def _mostly(valid):
    """Valid values three times in four, anything else otherwise."""
    return st.one_of(valid, valid, valid, _numbers)


_groups_strategy = st.lists(st.fixed_dictionaries(
    {"creator": st.sampled_from(["user", "service"] * 4 + ["robot"]),
     "protection": st.sampled_from(["HSM", "SOFTWARE"]),
     "spec": st.sampled_from(["Aliyun_AES_256", "RSA_2048", "EC_P256"] * 3 + ["AES_1"]),
     "count": _mostly(st.integers(0, 50))},
    optional={"name": _mostly(st.text(max_size=3)), "versions": _mostly(st.integers(1, 3)),
              "rotation_days": _mostly(st.none() | st.integers(7, 730)),
              "state": st.sampled_from(["Enabled", "Disabled", "PendingDeletion"] * 3 + ["Gone"]),
              "calls_per_month": _mostly(st.integers(0, 10**6) | st.decimals(0, 10**6, places=2)),
              "calls_growth_pct": _mostly(st.integers(-99, 20) | st.decimals(-99, 20, places=3))}),
    min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(_groups_strategy)
def test_at_once_or_not_at_all_and_then_the_same_groups(groups):
    try:
        expected = _one_by_one(groups)
    except PlanError:
        expected = None
    for owned in (False, True):
        read = plain_groups([dict(g) for g in groups], SPECS, MAX_NAME, owned)
        if read is not None:
            assert expected is not None, groups
            _same(read, expected)


def test_a_value_repeated_as_one_object_is_read_once_and_stays_one_object():
    growth = Decimal("1.5")
    read = plain_groups([dict(GROUP, name=f"g{i}", calls_growth_pct=growth) for i in range(3)], SPECS, MAX_NAME,
                        owned=True)
    assert all(g.calls_growth_pct is growth for g in read)
    mixed = [dict(GROUP, name=f"g{i}", calls_growth_pct=growth if i % 2 else 2) for i in range(4)]
    read = plain_groups([dict(g) for g in mixed], SPECS, MAX_NAME)
    assert read[0].calls_growth_pct is read[2].calls_growth_pct and type(read[0].calls_growth_pct) is Decimal
    _same(read, _one_by_one(mixed))
    beyond = Decimal("1E-61")  # checked once, still refused (the group-by-group reading says why)
    assert plain_groups([dict(GROUP, calls_growth_pct=beyond)] * 3, SPECS, MAX_NAME) is None


def test_a_plan_file_gives_one_decimal_per_spelling_each_with_its_own_digits():
    doc = {"format": "kms-cost-planner/plan", "version": 1, "site": "international", "api_region": "mainland",
           "start_month": "2027-01", "months": 12, "peak_to_average": "PEAK",
           "key_groups": [dict(GROUP, name=f"g{i}", calls_growth_pct=f"GROWTH{i % 3}") for i in range(6)]}
    text = json.dumps(doc, default=str).replace('"GROWTH0"', "1.5").replace('"GROWTH1"', "1.50") \
        .replace('"GROWTH2"', "15E-1").replace('"PEAK"', "1.5")
    plan = loads(text)
    growths = [g.calls_growth_pct for g in plan.key_groups]
    assert [str(g) for g in growths] == ["1.5", "1.50", "1.5"] * 2  # 15E-1 is Decimal("1.5") as Decimal reads it
    assert [repr(g) for g in growths] == [repr(Decimal(t)) for t in ("1.5", "1.50", "15E-1")] * 2
    assert growths[0] is growths[3] and growths[1] is growths[4] and growths[0] is not growths[1]
    assert repr(plan.peak_to_average) == repr(Decimal("1.5"))


@settings(max_examples=200, deadline=None)
@given(_groups_strategy)
def test_the_columns_kept_are_the_groups_fields(groups):
    for owned in (False, True):
        read = plain_groups([dict(g) for g in groups], SPECS, MAX_NAME, owned)
        if read is not None:
            fields = ("creator", "protection", "spec", "state", "count", "versions", "rotation_days",
                      "calls_per_month", "calls_growth_pct")
            assert read.COLUMNS == fields and read.column("calls_growth_pct") == read.columns[8]
            assert read.columns == tuple([getattr(g, f) for g in read] for f in fields)
            assert all(a is getattr(g, f) for f, column in zip(fields, read.columns) for a, g in zip(column, read))


def test_growth_that_takes_calls_past_the_ceiling_is_refused_whichever_way_the_groups_were_read():
    def doc(steep):
        groups = [dict(GROUP, name=f"g{i}", calls_per_month=10**12, calls_growth_pct=1) for i in range(3)]
        groups[1]["calls_growth_pct"] = steep
        return {"format": "kms-cost-planner/plan", "version": 1, "site": "international", "api_region": "mainland",
                "start_month": "2027-01", "months": 36, "key_groups": groups}

    with pytest.raises(PlanError) as err:
        loads(json.dumps(doc(25), default=str))
    assert str(err.value) == ("Key group 2 (g1): a growth of 25 % a month takes calls past 1,000,000,000,000,000 a "
                              "month by 2029-08 (month 32), more than this planner supports: lower the growth or "
                              "the horizon (key_groups[1].calls_growth_pct)")
    read = plain_groups(doc(2)["key_groups"], SPECS, MAX_NAME)
    for groups in (read, tuple(read)):  # the columns kept, or each group's fields
        assert planfile._projection_far_below(groups, 36)
        assert not planfile._projection_far_below(groups, 360)
