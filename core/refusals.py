"""How a refused plan file is said: PlanError and the words its messages quote values with.

Below both the plan loader (core.planfile) and the scenario format (core.scenario_file), so each
can refuse in the same words without importing the other.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.fields import FieldError, check, decimal_text


class PlanError(ValueError):
    """A plan refused, said for people and naming the field.

    `field` is the path as the file spells it ('' for the whole file); `problem` what is wrong with
    it ("must be a whole number of 0 or more, not -3"); `words` the sentence a person reads ("Key
    group 1 (disk-cmk): the key count must be a whole number of 0 or more, not -3"). str() is the
    sentence followed by the field's path: "... not -3 (key_groups[0].count)".
    """

    def __init__(self, field: str, problem: str, words: str = ""):
        self.field = field
        self.problem = problem
        self.words = words or (f"{field}: {problem}" if field else problem)
        super().__init__(f"{self.words} ({field})" if field and words else self.words)


def clause(text: object) -> str:
    """A refusal as the first part of a longer sentence ("…: not a number. Not applied: …"): no
    full stop of its own, so the two never read "..".
    """
    return str(text).rstrip().rstrip(".")


def sentence(context: str, phrase: str) -> str:
    """'Key group 1 (disk): the key count ...', or the phrase alone as a sentence."""
    if context:
        return f"{context}: {phrase}"
    return phrase[:1].upper() + phrase[1:]


def named(head: str, name: Any) -> str:
    """'Key group 3 (disk-cmk)': a numbered item with its name when it has one (shortened)."""
    if isinstance(name, str) and name.strip():
        name = name.strip()
        return f"{head} ({name if len(name) <= 40 else name[:37] + '...'})"
    return head


def describe_value(value: Any) -> str:
    """A value as a refusal message quotes it: JSON words, short text, numbers without exponents."""
    if isinstance(value, str):
        return f'"{value}"' if len(value) < 60 else f'"{value[:57]}..."'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    if isinstance(value, Decimal) and value.is_finite():
        if not -40 < value.adjusted() < 40:  # 1E+999999999 written out in full is a gigabyte
            return str(value)
        text = decimal_text(value)
        return text if len(text) <= 40 else str(value)
    return str(value)


def checked(name: str, value: Any, where: str, context: str = "") -> Decimal | int:
    """core.fields.check, refusing with a PlanError in words: '<context>: the key count must be ...'."""
    try:
        return check(name, value)
    except FieldError as exc:
        raise PlanError(where, exc.predicate, sentence(context, exc.phrase)) from None
