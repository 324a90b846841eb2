"""Why an import was refused: one message that names the file and the field (JSON path)."""

from __future__ import annotations


class ImportRefused(ValueError):
    """Malformed input. `source` is the file as the user named it, `path` the JSON path or CSV column."""

    def __init__(self, source: str, path: str, problem: str):
        self.source = source
        self.path = path
        self.problem = problem
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {problem}")


def describe(value: object) -> str:
    """A value as a message quotes it (short, JSON words)."""
    if isinstance(value, str):
        return f'"{value}"' if len(value) < 40 else f'"{value[:37]}..."'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    text = str(value)
    return text if len(text) < 40 else text[:37] + "..."


def join_path(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def plain(text: str, limit: int = 80) -> str:
    """An identifier from a file as it may appear in a note: printable, short, and never starting
    like a spreadsheet formula (= + - @), since notes travel into exports."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)[:limit]
    return cleaned.lstrip("=+-@\t ") or "?"
