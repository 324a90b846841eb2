"""Proof that a JSON text repeats no key within an object, from its plain parse.

json.loads keeps the last of two equal keys without a word; the plan reader refuses them, which
needs an object_pairs_hook: a Python call per object and a list of pairs before each dict, a
quarter of the parse of a 10,000-group plan. Instead the text is parsed plainly and its pairs
counted: every pair of an object has one ':' outside strings, so when the text's colons are
exactly the entries of the parsed objects plus the colons inside its strings, no pair was lost
to a repeated key. A count that does not add up proves nothing, and the caller parses again with
the hook, which names the repeated key as before.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import is_
from typing import Any


def no_repeated_keys(text: str, parsed: Any) -> bool:
    """True only if `parsed` (json.loads(text) without a hook) lost no pair to a repeated key."""
    # A ':' escaped as \u003a in a string is one in the parse and none in the text. (A backslash is
    # looked for first: one character is found at memchr's speed, a 2.8 MB plan in 0.1 ms, not 1.2.)
    if "\\" in text and ("\\u003a" in text or "\\u003A" in text):
        return False
    colons = text.count(":")
    # Usually the objects of lists of objects (key groups) hold no ':' in their strings; else count them too.
    return colons == _pairs(parsed, exact=False) or colons == _pairs(parsed, exact=True)


def _pairs(value: Any, exact: bool) -> int:
    """The entries of the objects in `value` plus the ':' inside its strings (keys too).

    Never more than the text holds: a part left uncounted only makes the count fall short. Unless
    `exact`, the objects of a list of objects (10,000 key groups) count their entries alone.
    """
    kind = type(value)
    if kind is str:
        return value.count(":")
    if kind is dict:
        return len(value) + "".join(value).count(":") + sum(_pairs(v, exact) for v in value.values())
    if kind is list:
        if len(value) < 2 or set(map(type, value)) != {dict}:
            return sum(_pairs(v, exact) for v in value)
        return _objects(value) if exact else sum(map(len, value))
    return 0


def _objects(objects: list[dict]) -> int:
    """_pairs of a list of objects, with C-speed built-ins over all their keys and values at once."""
    values = list(chain.from_iterable(map(dict.values, objects)))
    kinds = list(map(type, values))
    count = sum(map(len, objects)) + "".join(chain.from_iterable(objects)).count(":")
    count += "".join(compress(values, map(is_, kinds, repeat(str)))).count(":")
    nested = chain(compress(values, map(is_, kinds, repeat(dict))), compress(values, map(is_, kinds, repeat(list))))
    return count + sum(_pairs(v, True) for v in nested)
