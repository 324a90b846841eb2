"""Every key group of a plan file at once, when every one is plainly valid.

A 10,000-group plan read group by group spends most of its reading time in Python-level checks.
Here each field is checked as a column (its types, its distinct values, its least and greatest)
by C-speed built-ins, and the groups are built without KeyGroup's ten frozen setattrs. It accepts
only what core.planfile's group by group reading accepts, and makes the same objects; anything
else (a missing or misspelt field, a wrong type, a value out of bounds) returns None and the
plan is read group by group, whose refusals say what is wrong and where.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import attrgetter, is_, itemgetter, methodcaller, setitem

from core.fields import FIELDS, MAX_PLACES
from core.plan import CREATORS, PROTECTIONS, STATES, KeyGroup

# Field order of KeyGroup and of the groups this app writes; each with its default when it may be left out.
_ORDER = ("name", "creator", "protection", "spec", "count", "versions", "rotation_days", "state",
          "calls_per_month", "calls_growth_pct")
_DEFAULTS = {"name": "", "versions": 1, "rotation_days": None, "state": "Enabled", "calls_per_month": 0,
             "calls_growth_pct": 0}
_FIELD_SET = frozenset(_ORDER)
_KEYS = list(_ORDER)
_GETTERS = tuple(methodcaller("get", f, _DEFAULTS[f]) if f in _DEFAULTS else itemgetter(f) for f in _ORDER)
_CREATORS, _PROTECTIONS, _STATES = frozenset(CREATORS), frozenset(PROTECTIONS), frozenset(STATES)
_new_object = object.__new__
# What object.__setattr__(group, "__dict__", fields) calls (KeyGroup's __dict__ descriptor), without
# looking the name up for each group: half the time.
_set_fields = next(vars(c)["__dict__"] for c in KeyGroup.__mro__ if "__dict__" in vars(c)).__set__
_EXPONENT = attrgetter("exponent")
# KeyGroup's __init__ only sets its fields, in this order (a frozen dataclass with no __post_init__).
_INIT_PLAIN = (not hasattr(KeyGroup, "__post_init__") and not hasattr(KeyGroup, "__slots__")
               and tuple(f.name for f in dataclasses.fields(KeyGroup)) == _ORDER)


def _types(column: list) -> set[type]:
    return set(map(type, column))


def _within(values, name: str) -> bool:
    """Whether the numbers `values` (not empty) meet core.fields' bounds of `name`."""
    field = FIELDS[name]
    low, high = min(values), max(values)
    if field.minimum is not None and (low <= field.minimum if field.min_exclusive else low < field.minimum):
        return False
    return field.maximum is None or high <= field.maximum


def _whole_numbers(column: list, name: str, optional: bool = False) -> bool:
    """A whole-number field written as JSON integers, all within bounds (None allowed if `optional`).

    Types are those of the column itself: a set of its values would take True for 1."""
    if not _types(column) <= ({int, type(None)} if optional else {int}):
        return False
    values = set(column)
    values.discard(None)
    return not values or _within(values, name)


def _numbers(column: list, name: str, kinds: set[type]) -> list[Decimal] | None:
    """A decimal field's column (`kinds`: its _types) as Decimals (an integer becomes Decimal(integer),
    as core.fields.check makes it), or None unless every value is an integer or a finite Decimal
    with at most MAX_PLACES decimals, within bounds.

    Each distinct object is checked and converted once, and a value repeated as one object stays one
    object (a plan file's parse makes one Decimal per spelling: 10,000 growths are a few objects)."""
    if kinds == {int}:  # calls, mostly: JSON integers, seldom the same object twice
        return list(map(Decimal, column)) if _within(column, name) else None
    if not kinds <= {int, Decimal}:
        return None
    ids = list(map(id, column))
    distinct = dict(zip(ids, column))  # the objects, each once (the column keeps them alive)
    if not _within(distinct.values(), name):  # NaN: InvalidOperation
        return None
    values = list(distinct.values())
    decimals = compress(values, map(is_, map(type, values), repeat(Decimal)))
    exponents = set(map(_EXPONENT, map(Decimal.as_tuple, decimals)))
    if not _types(exponents) <= {int} or min(exponents) < -MAX_PLACES:  # infinities: 'F'
        return None
    if len(distinct) == len(column):
        return list(map(Decimal, column))  # Decimal(d) is d itself
    numbers = dict(zip(distinct, map(Decimal, distinct.values())))
    return list(map(numbers.__getitem__, ids))


def plain_groups(raw: list, specs: frozenset[str], max_name: int, owned: bool = False) -> ReadGroups | None:
    """The KeyGroups of the file's "key_groups" list when every group is plainly valid, else None.

    `owned`: the group objects were parsed for this reading alone; when each lists every field in
    KeyGroup's order, its dict becomes the group's own (no copy).
    """
    if not _INIT_PLAIN or _types(raw) != {dict}:
        return None
    try:
        first = list(raw[0])
        if (first == _KEYS and set(map(len, raw)) == {len(_KEYS)}  # as this app writes groups: in field order
                and list(chain.from_iterable(raw)) == first * len(raw)):  # a parse makes each key once: identical
            values = list(chain.from_iterable(map(dict.values, raw)))
            columns = [values[i::len(_ORDER)] for i in range(len(_ORDER))]
        elif _FIELD_SET.issuperset(chain.from_iterable(raw)):
            columns = [list(map(get, raw)) for get in _GETTERS]  # KeyError: a field is missing
            owned = False
        else:
            return None
        names, creators, protections, group_specs, counts, versions, rotations, states, calls, growths = columns
        if not (_types(names) == {str} and max(map(len, names)) <= max_name
                and set(creators) <= _CREATORS and set(protections) <= _PROTECTIONS and set(states) <= _STATES
                and _types(group_specs) == {str} and set(group_specs) <= specs
                and _whole_numbers(counts, "count") and _whole_numbers(versions, "versions")
                and _whole_numbers(rotations, "rotation_days", optional=True)):
            return None
        call_kinds = _types(calls)
        whole_calls = calls if call_kinds == {int} else None  # JSON integers, as plans mostly write calls
        calls = _numbers(calls, "calls_per_month", call_kinds)
        growths = _numbers(growths, "calls_growth_pct", _types(growths))
    except (TypeError, KeyError, ArithmeticError):  # an unhashable or unorderable value, a missing field, NaN
        return None
    if calls is None or growths is None:
        return None
    if owned:
        dicts = raw
        list(map(setitem, dicts, repeat("calls_per_month"), calls))  # list(): run the map
        list(map(setitem, dicts, repeat("calls_growth_pct"), growths))
    else:
        columns[8:] = calls, growths
        dicts = list(map(dict, map(zip, repeat(_ORDER), zip(*columns))))
    groups = ReadGroups(map(_new_object, repeat(KeyGroup, len(dicts))))
    list(map(_set_fields, groups, dicts))  # what KeyGroup(**fields) sets
    groups.columns = (creators, protections, group_specs, states, counts, versions, rotations, calls, growths)
    groups.whole_calls = whole_calls
    return groups


class ReadGroups(tuple):
    """The key groups plain_groups made, with the fields they were made from as columns.

    `columns`: the COLUMNS fields of every group, each a list in group order (the very values of
    the groups' attributes; lists made for this alone and never changed). core.group_sums adds up
    a plan just read from these rather than through each group object (an eighth of its time at
    10,000 groups). `whole_calls`: when every group's calls were written as a whole number, those
    integers (each group's calls_per_month is Decimal(it)), which core.group_sums adds up as
    integers where its sums are exact; else None. Otherwise a tuple: an edited plan's groups are a
    plain one.
    """

    COLUMNS = ("creator", "protection", "spec", "state", "count", "versions", "rotation_days",
               "calls_per_month", "calls_growth_pct")
    columns: tuple[list, ...]
    whole_calls: list[int] | None = None

    def column(self, name: str) -> list:
        return self.columns[self.COLUMNS.index(name)]
