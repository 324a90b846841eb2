"""Read the files named on the command line or dropped on the window, within bounds.

A folder is read one level deep and then its sub-folders (at most MAX_FILES files in all);
each file is at most MAX_FILE_BYTES and all together at most MAX_TOTAL_BYTES, so a 100 MB
folder is refused in milliseconds with a message rather than read. Nothing is executed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from core.importers.errors import ImportRefused

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_FILES = 10_000
MAX_DEPTH = 4  # folder levels below a named folder


@dataclass(frozen=True)
class Source:
    name: str  # as shown to the user
    text: str


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (PowerShell's `>`), else GB18030 (Chinese Excel)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportRefused(name, "", "is not readable text (broken UTF-16)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ImportRefused(name, "", "is a binary file, not JSON or CSV text "
                                      "(for a Terraform plan, save `terraform show -json plan.out`)")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportRefused(name, "", "is not readable text (neither UTF-8 nor GB18030)") from None


def _files(path: Path, shown: str) -> list[tuple[Path, str]]:
    if not path.exists():
        raise ImportRefused(shown, "", "does not exist")
    if path.is_file():
        return [(path, shown)]
    if not path.is_dir():
        raise ImportRefused(shown, "", "is neither a file nor a folder")
    found: list[tuple[Path, str]] = []
    stack = [(path, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise ImportRefused(shown, "", f"cannot be read ({exc.strerror or exc})") from None
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_file(follow_symlinks=False):
                found.append((Path(entry.path), os.path.join(shown, os.path.relpath(entry.path, path))))
                if len(found) > MAX_FILES:
                    raise ImportRefused(shown, "", f"holds more than {MAX_FILES:,} files: "
                                                   f"import a smaller folder")
            elif entry.is_dir(follow_symlinks=False) and depth < MAX_DEPTH:
                subfolders.append((Path(entry.path), depth + 1))
        stack.extend(reversed(subfolders))
    if not found:
        raise ImportRefused(shown, "", "is an empty folder: there is nothing to import")
    return found


def read_sources(paths: Iterable[str | os.PathLike]) -> list[Source]:
    """Every file under the given paths, decoded; refuses oversize files before reading them."""
    files: list[tuple[Path, str]] = []
    for p in paths:
        files.extend(_files(Path(p), str(p)))
    total = 0
    for path, shown in files:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRefused(shown, "", f"is {size / 1024 / 1024:,.0f} MB; files over "
                                           f"{MAX_FILE_BYTES // 1024 // 1024} MB are refused (a response "
                                           f"this large is not a KMS API response)")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise ImportRefused(shown, "", f"takes the import past {MAX_TOTAL_BYTES // 1024 // 1024} MB "
                                           f"in all: import fewer files at a time")
    out = []
    for path, shown in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportRefused(shown, "", f"cannot be read ({exc.strerror or exc})") from None
        out.append(Source(shown, decode(data, shown)))
    return out


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _ends_open(text: str) -> bool:
    """Whether the text stops inside a string or with brackets still open (a cut-off download)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return in_string or depth > 0


def parse_json(text: str, name: str):
    """JSON with numbers as int/Decimal (never float); a truncated file is named with line and column."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        end = " (the file ends early: truncated?)" if _ends_open(text) else ""
        raise ImportRefused(name, f"line {exc.lineno}, column {exc.colno}",
                            f"is not valid JSON: {exc.msg}{end}") from None
    except ValueError as exc:
        raise ImportRefused(name, "", f"is not valid JSON: {exc}") from None
    except RecursionError:
        raise ImportRefused(name, "", "is nested too deeply to be a KMS API response or a Terraform plan") from None


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")
