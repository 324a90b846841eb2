"""Why an import was refused: one message that names the file and the field (JSON path)."""

from __future__ import annotations

from core.refusals import describe_value


class ImportRefused(ValueError):
    """Malformed input. `source` is the file as the user named it, `path` the JSON path or CSV column."""

    def __init__(self, source: str, path: str, problem: str):
        self.source = source
        self.path = path
        self.problem = problem
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {problem}")


def describe(value: object) -> str:
    """A value as a message quotes it: the plan loader's own words (JSON words, short text)."""
    return describe_value(value)


def join_path(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def plain(text: str, limit: int = 80) -> str:
    """An identifier from a file as it may appear in a note: printable, short, and never starting
    like a spreadsheet formula (= + - @), since notes travel into exports."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)[:limit]
    return cleaned.lstrip("=+-@\t ") or "?"
