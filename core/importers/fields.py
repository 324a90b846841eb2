"""Typed reads of known fields: a wrong type is refused with the file and JSON path; unknown
fields are never looked at."""

from __future__ import annotations

from decimal import Decimal

from core.importers.errors import ImportRefused, describe, join_path


class Reader:
    """Reads fields out of one parsed file, naming `source` and the path in every refusal."""

    def __init__(self, source: str):
        self.source = source

    def refuse(self, path: str, problem: str) -> ImportRefused:
        return ImportRefused(self.source, path, problem)

    def text(self, obj: dict, key: str, path: str, default: str | None = None) -> str | None:
        value = obj.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.refuse(join_path(path, key), f"must be text, got {describe(value)}")
        if len(value) > 2000:
            raise self.refuse(join_path(path, key), f"is {len(value):,} characters long; at most 2,000 expected")
        return value

    def choice(self, obj: dict, key: str, path: str, default: str, allowed: tuple[str, ...],
               upper: bool = False) -> str:
        """One of `allowed` (compared in upper case with `upper`), or a refusal that lists them."""
        text = self.text(obj, key, path, default)
        value = text.upper() if upper else text
        if value not in allowed:
            words = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
            raise self.refuse(join_path(path, key), f'must be {words}, got "{text}"')
        return value

    def listed(self, obj: dict, outer: str, inner: str, path: str, field: str):
        """(entry, its path, its `field` text) for each entry of obj[outer][inner], the API's lists."""
        list_path = join_path(join_path(path, outer), inner)
        for i, item in enumerate(self.items(obj[outer], inner, join_path(path, outer))):
            where = f"{list_path}[{i}]"
            entry = self.entry(item, where)
            yield entry, where, self.text(entry, field, where)

    def whole(self, obj: dict, key: str, path: str, default: int | None = None, maximum: int = 10**9) -> int | None:
        """A whole number, given as a JSON number or as digits in text (the API does both)."""
        value = obj.get(key, default)
        if value is None:
            return default
        where = join_path(path, key)
        if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
            value = int(value.strip())
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value() \
                and value.adjusted() < 12:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(where, f"must be a whole number, got {describe(value)}")
        if value < 0 or value > maximum:
            raise self.refuse(where, f"must be a whole number from 0 to {maximum:,}, got {value:,}")
        return value

    def obj(self, obj: dict, key: str, path: str) -> dict | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.refuse(join_path(path, key), f"must be an object, got {describe(value)}")
        return value

    def items(self, obj: dict, key: str, path: str) -> list:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.refuse(join_path(path, key), f"must be a list, got {describe(value)}")
        return value

    def entry(self, value: object, path: str) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(path, f"must be an object, got {describe(value)}")
        return value
