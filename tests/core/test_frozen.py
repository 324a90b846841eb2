"""core.frozen makes classes that behave as @dataclass(frozen=True) makes them: each check runs on
a class made both ways from the same body."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import Decimal

import pytest

from core.catalog import Limit, Price, PriceCatalog, Source, load_catalog
from core.frozen import frozen
from core.plan import KeyGroup, Plan


def _both(body):
    """The class `body` builds, made by @dataclass(frozen=True) and by @frozen (same name)."""
    return body(dataclass(frozen=True)), body(frozen)


def _group(make):
    @make
    class Group:
        """A key group, as core.plan's."""

        name: str
        count: int = 1
        growth: Decimal = Decimal(0)
        tags: tuple = field(default_factory=tuple)
        overrides: object = field(default_factory=lambda: frozenset({"x"}))

        @property
        def billed(self) -> bool:
            return self.count > 0

    return Group


def _single(make):
    @make
    class One:
        """One field: hashed and compared as a tuple of one."""

        value: object

    return One


def _own_hash(make):
    @make
    class Hashed:
        """A class that writes its own __hash__ keeps it."""

        items: dict

        def __hash__(self) -> int:
            return hash(frozenset(self.items))

    return Hashed


CALLS = [(("a",), {}), (("a", 2), {}), (("a", 2, Decimal("1.50"), ("x",), frozenset()), {}),
         ((), {"name": "b", "count": 0}), (("d", 1, 0, (), {}), {}),
         (("c",), {"growth": Decimal("-0"), "tags": (1, 2)})]


@pytest.mark.parametrize("args, kwargs", CALLS)
def test_instances_are_those_of_a_frozen_dataclass(args, kwargs):
    made, shared = _both(_group)
    a, b = made(*args, **kwargs), shared(*args, **kwargs)
    assert repr(a) == repr(b) and list(vars(a).items()) == list(vars(b).items())
    try:
        expected = hash(a)
    except TypeError:  # an unhashable value among the fields (a dict)
        with pytest.raises(TypeError):
            hash(b)
    else:
        assert hash(b) == expected
    assert b == shared(*args, **kwargs) and not (b != shared(*args, **kwargs)) and b != a  # another class
    assert b.__match_args__ == a.__match_args__ and b.billed == a.billed
    assert [f.name for f in dataclasses.fields(b)] == [f.name for f in dataclasses.fields(a)]
    assert dataclasses.asdict(b) == dataclasses.asdict(a) and dataclasses.is_dataclass(b)
    changed = dataclasses.replace(b, count=7)
    assert repr(changed) == repr(dataclasses.replace(a, count=7)) and type(changed) is shared
    assert copy.deepcopy(changed) == changed and copy.copy(changed) == changed
    assert b.overrides is not shared(*args, **kwargs).overrides or "overrides" in kwargs or len(args) == 5


def test_equal_and_hash_as_a_tuple_of_the_fields():
    made, shared = _both(_group)
    assert shared("a", 1) == shared("a", 1) and shared("a", 1) != shared("a", 2)
    assert hash(shared("a", 1, Decimal(1), (), None)) == hash(made("a", 1, Decimal(1), (), None))
    assert (shared("a") == ("a", 1)) is False
    one_made, one_shared = _both(_single)
    assert hash(one_shared(5)) == hash(one_made(5)) == hash((5,)) and one_shared(5) == one_shared(5)
    hashed_made, hashed_shared = _both(_own_hash)
    assert hash(hashed_shared({"k": 1})) == hash(hashed_made({"k": 1})) == hash(frozenset({"k"}))


def test_fields_cannot_be_set_or_deleted():
    for cls in _both(_group):
        g = cls("a")
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'count'"):
            g.count = 2
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'other'"):
            g.other = 2
        with pytest.raises(FrozenInstanceError, match="cannot delete field 'name'"):
            del g.name


@pytest.mark.parametrize("args, kwargs", [((), {}), (("a", 1, 2, 3, 4, 5), {}), (("a",), {"name": "b"}),
                                          (("a",), {"colour": "red"})])
def test_bad_calls_are_refused_as_a_dataclass_refuses_them(args, kwargs):
    for cls in _both(_group):
        with pytest.raises(TypeError):
            cls(*args, **kwargs)


def test_a_recursive_value_is_shown_with_an_ellipsis():
    made, shared = _both(_single)
    a, b = made([]), shared([])
    a.value.append(a)
    b.value.append(b)
    assert repr(a) == repr(b) == "_single.<locals>.One(value=[...])"


def test_only_plain_frozen_values():
    with pytest.raises(TypeError):
        @frozen
        class Later:
            """A field left out of __init__ is not made."""

            x: int
            y: int = field(init=False, default=0)


def _normalised(make):
    @make
    class Cost:
        """__post_init__ fills a field from the others, as core.options.base.OptionCost does."""

        available: bool
        status: str = ""

        def __post_init__(self):
            object.__setattr__(self, "status", self.status or ("ok" if self.available else "unavailable"))

    return Cost


def test_post_init_runs_after_the_fields_are_set():
    made = _both(_normalised)
    for cls in made:
        assert cls(True).status == "ok" and cls(False).status == "unavailable"
        assert cls(available=False, status="incomplete").status == "incomplete"
        assert cls(False, "unverified").status == "unverified"
        assert dataclasses.replace(cls(True), available=False).status == "ok"  # replace passes status on
    assert [repr(cls(False)).split("(", 1)[1] for cls in made] == ["available=False, status='unavailable')"] * 2


def test_the_plan_and_the_catalog_are_made_this_way():
    group = KeyGroup(name="disk", count=3, calls_growth_pct=Decimal("1.5"))
    assert repr(group) == ("KeyGroup(name='disk', creator='user', protection='SOFTWARE', spec='Aliyun_AES_256', "
                           "count=3, versions=1, rotation_days=None, state='Enabled', "
                           "calls_per_month=Decimal('0'), calls_growth_pct=Decimal('1.5'))")
    assert group.with_(count=4) == KeyGroup("disk", count=4, calls_growth_pct=Decimal("1.5"))
    plan = Plan(key_groups=(group,))
    assert hash(plan) == hash(Plan(key_groups=(group,))) and plan.price_overrides == {}
    assert pickle.loads(pickle.dumps(group)) == group and repr(copy.deepcopy(group)) == repr(group)
    with pytest.raises(FrozenInstanceError):
        plan.months = 3
    catalog = load_catalog("international")
    price = next(iter(catalog.prices.values()))
    assert isinstance(price, Price) and isinstance(price.source, Source)
    assert dataclasses.replace(price, value=Decimal(1)).overridden is False
    assert isinstance(next(iter(catalog.limit_entries.values())), Limit)
    assert catalog.with_overrides({price.id: Decimal(2)}).price(price.id).catalog_value == price.value
    assert isinstance(catalog, PriceCatalog) and catalog == load_catalog("international")
