"""Frozen dataclasses whose methods are shared instead of compiled class by class.

Python 3.11's @dataclass(frozen=True) writes six methods per class as source and compiles each
(~0.55 ms a class, ~9 ms of every headless start for the plan's, the catalog's, the demand's and
the comparison's classes). `frozen` makes the class a dataclass with none of them, so fields(),
replace(), asdict() and is_dataclass() work as ever, and gives it the methods
@dataclass(frozen=True) would: __init__ taking the fields in order, by position or name, with
their defaults and default factories, then calling the class's __post_init__ if it has one;
__repr__; __eq__ and __hash__ over the fields as a tuple (a __hash__ the class writes stays); and
assignment or deletion of a field refused with FrozenInstanceError.
"""

from __future__ import annotations

import reprlib
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from itertools import repeat
from operator import attrgetter, is_
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_set_attribute = object.__setattr__
_UNSET = object()  # a field with no default: a call must give it (or its factory makes it)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """@dataclass(frozen=True) for a class without InitVar, keyword-only or non-init fields."""
    cls = dataclass(cls, init=False, repr=False, eq=False)  # fields and __match_args__; no method compiled
    own = fields(cls)
    names = tuple(f.name for f in own)
    if any(not f.init or f.kw_only for f in own):
        raise TypeError(f"{cls.__qualname__}: frozen() makes plain frozen values only")
    post_init = hasattr(cls, "__post_init__")
    defaults = {f.name: f.default for f in own if f.default is not MISSING}
    factories = {f.name: f.default_factory for f in own if f.default_factory is not MISSING}
    compared = tuple(f.name for f in own if f.compare)
    shown = tuple(f.name for f in own if f.repr)
    template = {name: defaults.get(name, _UNSET) for name in names}  # every field in order, with its default

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not kwargs and len(args) == len(names):
            values = dict(zip(names, args))
        elif args:
            values = _bound(cls, names, defaults, factories, args, kwargs)
        else:  # by name, as dataclasses.replace() calls: the fields in order, each given or its default
            values = {**template, **kwargs}
            if len(values) != len(names) or any(map(is_, values.values(), repeat(_UNSET))):
                values = _bound(cls, names, defaults, factories, args, kwargs)  # a factory to call, or a bad call
        _set_attribute(self, "__dict__", values)
        if post_init:
            self.__post_init__()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    values = _tuple_getter(compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    methods = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__, "__setattr__": __setattr__,
               "__delattr__": __delattr__}
    if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:  # None: set by a class's own __eq__
        methods["__hash__"] = __hash__
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    return cls


def _tuple_getter(names: tuple[str, ...]):
    """The fields' values as a tuple (attrgetter of one name gives the value alone)."""
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names) if names else lambda obj: ()


def _bound(cls: type, names: tuple[str, ...], defaults: dict, factories: dict, args: tuple, kwargs: dict) -> dict:
    """The fields and their values in order from a call's arguments, or the TypeError Python gives."""
    where = f"{cls.__qualname__}.__init__()"
    if len(args) > len(names):
        raise TypeError(f"{where} takes {len(names) + 1} positional arguments but {len(args) + 1} were given")
    given = dict(zip(names, args))
    for name, value in kwargs.items():
        if name in given:
            raise TypeError(f"{where} got multiple values for argument '{name}'")
        if name not in names:
            raise TypeError(f"{where} got an unexpected keyword argument '{name}'")
        given[name] = value
    values = {}
    for name in names:
        if name in given:
            values[name] = given[name]
        elif name in defaults:
            values[name] = defaults[name]
        elif name in factories:
            values[name] = factories[name]()
        else:
            missing = [n for n in names if n not in given and n not in defaults and n not in factories]
            raise TypeError(f"{where} missing {len(missing)} required argument{'s' * (len(missing) != 1)}: "
                            + ", ".join(f"'{n}'" for n in missing))
    return values
