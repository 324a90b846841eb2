"""The app's TOML data files read through a JSON twin that provably holds what their bytes parse to.

The price catalogs and options.toml are TOML, the source of truth (docs/architecture.md, "Prices
as TOML"). Reading them with tomllib cost a headless quote ~3 ms (tomllib's import, mostly its
regexes, and the parse), a twentieth of its own time. Each file ships with a twin,
`<name>.toml.json` = {"toml_crc32": ..., "toml_size": ..., "data": <the parsed TOML>}, written by
`python -m core.toml_twin`. The reader reads the TOML's bytes and takes the twin's data only when
the twin names their very CRC-32 and size; a missing, stale or unreadable twin sends it to tomllib
as before, so a forgotten regeneration only makes reading slower, never different
(tests/core/test_toml_twin.py also fails on it). CRC-32 (zlib, already loaded with numpy) catches
an edit; the files ship with the app and are never user input (docs/security.md).
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

from core.paths import pricing_dir, resources_dir

_PLAIN = (str, int, float, bool)  # with lists and tables: all that JSON writes back as the same values


def twin_path(path: Path) -> Path:
    """Where the twin of the TOML file `path` lives: beside it, `<name>.toml.json`."""
    return path.with_name(path.name + ".json")


def load_toml(path: Path) -> dict[str, Any]:
    """What tomllib.load makes of the file `path` (and the same errors), from its twin when fresh."""
    with open(path, "rb") as handle:
        data = handle.read()
    found = _fresh_twin(path, data)
    if found is not None:
        return found
    import tomllib  # only for a file without a fresh twin

    return tomllib.loads(data.decode())


def _fresh_twin(path: Path, data: bytes) -> dict[str, Any] | None:
    try:
        with open(twin_path(path), "rb") as handle:
            twin = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if (type(twin) is dict and type(twin.get("data")) is dict and twin.get("toml_size") == len(data)
            and twin.get("toml_crc32") == zlib.crc32(data)):
        return twin["data"]
    return None


def twin_text(path: Path) -> str:
    """The twin of the TOML file `path`, as `python -m core.toml_twin` writes it."""
    import tomllib

    data = path.read_bytes()
    parsed = tomllib.loads(data.decode())
    _check_plain(parsed, path.name)
    doc = {"toml_crc32": zlib.crc32(data), "toml_size": len(data), "data": parsed}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _check_plain(value: Any, where: str) -> None:
    """Refuse what JSON would not give back as the same value (a TOML date or time)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_plain(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _check_plain(item, f"{where}[{n}]")
    elif not isinstance(value, _PLAIN):
        raise ValueError(f"{where}: a {type(value).__name__} has no JSON twin; write it as text")


def data_files() -> list[Path]:
    """The TOML files that ship with twins: every price catalog and options.toml."""
    return sorted(pricing_dir().glob("*.toml")) + [resources_dir() / "options.toml"]


def main() -> int:
    """Write the twin of every data file (run after editing one of them)."""
    for path in data_files():
        text = twin_text(path)
        target = twin_path(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
