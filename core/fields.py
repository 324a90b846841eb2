"""Every numeric field's bounds, once, and the one exact-decimal text writer.

The plan loader, what-if, scenarios, the GUI editors and the workbook all ask here, so a value
one of them accepts is never refused (or clamped) by another. Messages are sentences for people:
"The key count must be a whole number of 0 or more, not -3".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Mapping


class Field:
    """A numeric field: `label` is its noun phrase in messages ("key count").

    `minimum`/`maximum` are inclusive unless `min_exclusive`; None means unbounded. With `ceiling`,
    the maximum is this app's sanity ceiling (above it a number is taken for a typo) rather than
    part of the rule. `percent`: the value is in percent (7.5 means 7.5 %); `unit` names what it
    counts ("days", "percentage points") when that helps a message.

    A plain immutable class rather than a dataclass: no methods generated at import, and every
    headless CLI start imports this module.
    """

    __slots__ = ("name", "label", "minimum", "maximum", "integer", "percent", "min_exclusive", "ceiling", "unit")

    def __init__(self, name: str, label: str, minimum: Decimal | None, maximum: Decimal | None,
                 integer: bool = False, percent: bool = False, min_exclusive: bool = False,
                 ceiling: bool = True, unit: str = ""):
        for slot, value in zip(self.__slots__, (name, label, minimum, maximum, integer, percent, min_exclusive,
                                                ceiling, unit)):
            object.__setattr__(self, slot, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Field is immutable; cannot set {name}")

    def _key(self) -> tuple:
        return tuple(getattr(self, slot) for slot in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Field) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Field(" + ", ".join(f"{slot}={getattr(self, slot)!r}" for slot in self.__slots__) + ")"

    def contains(self, value: Decimal | int) -> bool:
        """True when `value` (a number) meets the field's bounds (not its integer rule)."""
        if self.minimum is not None and (value <= self.minimum if self.min_exclusive else value < self.minimum):
            return False
        return self.maximum is None or value <= self.maximum

    def rule(self) -> str:
        """What a valid value is, in words: "a whole number of 0 or more", "above -100 %"."""
        kind = "a whole number" if self.integer else "a number"
        if self.unit and self.unit != "%":
            kind += f" of {self.unit}"
        if self.minimum is None:
            return kind
        low = self._show(self.minimum)
        if self.maximum is not None and not self.ceiling:
            high = self._show(self.maximum)
            return f"{kind} above {low} and at most {high}" if self.min_exclusive else f"{kind} from {low} to {high}"
        if self.min_exclusive:
            return f"above {low}" if kind == "a number" else f"{kind} above {low}"
        return f"{low} or more" if kind == "a number" else f"{kind} of {low} or more"

    def _show(self, value: Decimal | int) -> str:
        """A bound as a message shows it: grouped digits, with its unit when that is a symbol."""
        text = _grouped(value)
        if self.percent and self.unit in ("", "%"):
            return f"{text} %"
        return text

    def show(self, value: Any) -> str:
        """A value as a refusal quotes it: exact digits (no exponent), text in quotes."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            value = Decimal(repr(value))  # float ok: repr is the float's shortest round-trip text
        if isinstance(value, int):
            value = Decimal(value)
        if isinstance(value, Decimal):
            if value.is_finite() and -40 < value.adjusted() < 40:
                text = decimal_text(value)
            else:
                text = str(value)
            return f"{text} %" if self.percent and self.unit in ("", "%") else text
        if isinstance(value, str):
            if _plain_number(value):
                return value.strip()  # a decimal string ("-1") is quoted as the number it is
            return f'"{value}"' if len(value) < 60 else f'"{value[:57]}..."'
        if value is None:
            return "empty"
        if isinstance(value, (list, dict)):
            return "a list" if isinstance(value, list) else "a group of fields"
        return str(value)


class FieldError(ValueError):
    """A value refused by a field's bounds. str() is a sentence ("The key count must be ..., not -3");
    `phrase` is the same starting in lower case (to follow "Key group 1 (disk): "), `predicate` the
    part after the label ("must be a whole number of 0 or more, not -3"); `field` is the Field and
    `value` what was given.
    """

    def __init__(self, field: Field, value: Any, predicate: str):
        self.field = field
        self.value = value
        self.predicate = predicate
        self.phrase = f"the {field.label} {predicate}"
        super().__init__(self.phrase[:1].upper() + self.phrase[1:])


def _plain_number(text: str) -> bool:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return False
    return number.is_finite() and len(text) < 60


def _d(text: str) -> Decimal:
    return Decimal(text)


_ALL = (
    Field("count", "key count", _d("0"), _d("10000000"), integer=True),
    Field("versions", "number of versions per key", _d("1"), _d("100000"), integer=True),
    Field("rotation_days", "rotation period", _d("7"), _d("730"), integer=True, ceiling=False, unit="days"),
    Field("calls_per_month", "number of calls per month", _d("0"), _d("1e15")),
    Field("calls_growth_pct", "monthly growth of calls", _d("-100"), _d("1000"), percent=True, min_exclusive=True),
    Field("months", "number of months", _d("1"), _d("120"), integer=True, ceiling=False),
    Field("peak_to_average", "peak-to-average ratio", _d("1"), _d("1000")),
    Field("secrets", "number of secrets", _d("0"), _d("10000000"), integer=True),
    Field("price", "price", _d("0"), _d("1e9"), ceiling=False),
    Field("limit", "limit", _d("0"), _d("1e15"), min_exclusive=True),
    # What-if and scenarios (core.sweep): beyond these a what-if is a typo.
    Field("calls_factor", "calls factor", _d("0"), _d("1000"), min_exclusive=True, ceiling=False),
    Field("keys_factor", "keys factor", _d("0"), _d("1000"), min_exclusive=True, ceiling=False),
    Field("growth_delta_pct", "change of growth", _d("-100"), _d("1000"), percent=True, min_exclusive=True,
          ceiling=False, unit="percentage points"),
)

FIELDS: Mapping[str, Field] = MappingProxyType({f.name: f for f in _ALL})
# More digits after the point than any price or rate needs; beyond it a number is a typo (or an attack).
MAX_PLACES = 60
_HUGE = Decimal("1e999999")


def _fast_bound(bound: Decimal | None, default: Decimal) -> int | Decimal:
    """A bound as an int when it is whole (int against int compares fastest)."""
    bound = default if bound is None else bound
    return int(bound) if bound.is_finite() and bound == bound.to_integral_value() and abs(bound) < _HUGE else bound


# (low, high, min_exclusive, integer) of each field, for check()'s quick path.
_BOUNDS = {f.name: (_fast_bound(f.minimum, -_HUGE), _fast_bound(f.maximum, _HUGE), f.min_exclusive, f.integer)
           for f in _ALL}


def check(name: str, value: Any) -> Decimal | int:
    """`value` as the field holds it (int for whole-number fields, else Decimal), or FieldError.

    Accepts int, Decimal, a float handed in by Python code (read through its shortest text) and a
    plain decimal string ("0.03"); refuses bool, NaN, infinities and anything else, in words.
    """
    kind = type(value)
    if kind is int or kind is Decimal:  # the common case, without building anything (10,000-group plans)
        low, high, exclusive, integer = _BOUNDS[name]
        if kind is int:
            if (value > low if exclusive else value >= low) and value <= high:
                return value if integer else Decimal(value)
        elif not integer and value.is_finite() and (value > low if exclusive else value >= low) \
                and value <= high and value.as_tuple().exponent >= -MAX_PLACES:
            return value
    return _check(FIELDS[name], value)


def _check(field: Field, value: Any) -> Decimal | int:
    """check() for every value, saying in words why one is refused."""
    number = _number(field, value)
    if _places(number) > MAX_PLACES:  # 1E-999999999 would be written out as a billion zeros
        raise FieldError(field, value, f"must have at most {MAX_PLACES} digits after the decimal point, "
                                       f"not {field.show(value)}")
    if field.integer and number != number.to_integral_value():
        raise FieldError(field, value, f"must be {_whole(field)}, not {field.show(value)}")
    if not field.contains(number):
        too_high = field.maximum is not None and number > field.maximum
        if too_high and field.ceiling:
            raise FieldError(field, value, f"must be at most {field._show(field.maximum)} "
                                           f"(more is likely a typo), not {field.show(value)}")
        raise FieldError(field, value, f"must be {field.rule()}, not {field.show(value)}")
    if field.integer:
        return int(number)  # in bounds: never a million-digit integer
    return number


def _places(number: Decimal) -> int:
    """Digits after the decimal point, trailing zeros not counted (1.50 -> 1, 1E-7 -> 7)."""
    sign, digits, exponent = number.as_tuple()
    if exponent >= 0:
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


def _whole(field: Field) -> str:
    return "a whole number" + (f" of {field.unit}" if field.unit else "")


def _number(field: Field, value: Any) -> Decimal:
    kind = _whole(field) if field.integer else "a number"
    if isinstance(value, bool) or value is None:
        raise FieldError(field, value, f"must be {kind}, not {field.show(value)}")
    if isinstance(value, float):
        number = Decimal(repr(value))  # float ok: repr is the float's shortest round-trip text
    elif isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise FieldError(field, value, f"must be {kind}, not {field.show(value)}") from None
    else:
        raise FieldError(field, value, f"must be {kind}, not {field.show(value)}")
    if not number.is_finite():
        raise FieldError(field, value, f"must be a finite number, not {field.show(value)}")
    return number


def decimal_text(value: Decimal | int) -> str:
    """The exact decimal text of a number: no exponent, no trailing zeros, every digit kept.

    Never rounds (unlike `normalize()`, which rounds to the context's 28 digits): this is the one
    writer of exact numbers for plan files, scenarios, the quote and the what-if words.
    "0" for any zero (also -0). ValueError for NaN and infinities.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int):
        return int.__repr__(value)
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite number")
    if not value:
        return "0"
    text = format(value, "f")  # Decimal's own 'f' without a precision is exact: no context, no rounding
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _grouped(value: Decimal | int) -> str:
    """A bound for people: 10,000,000, -99.5, 0.01 (exact, grouped)."""
    text = decimal_text(Decimal(value))
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")
