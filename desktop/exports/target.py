"""Where an export lands: refuse a target that cannot be written, then write it atomically.

A read-only file, a missing folder or a file held open elsewhere gives an ExportError naming the
file and the reason; the old file (if any) is untouched and no half-written file is left.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from core.atomic import write_bytes_atomic
from core.exports.errors import ExportCancelled, ExportError, explain_os_error

__all__ = ["ExportError", "ExportCancelled", "check_target", "write_export"]


def check_target(path: str | os.PathLike) -> Path:
    """The target as a Path, or ExportError if it cannot be written (checked before any work)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"Cannot write {target}: it is a folder, not a file.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {target}: the folder {folder} does not exist.")
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
        raise ExportError(f"Cannot write {target}: the file is read-only.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"Cannot write {target}: the folder {folder} is read-only.")
    return target


def write_export(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path` atomically, or raise ExportError leaving the old file as it was."""
    target = check_target(path)
    try:
        write_bytes_atomic(target, data)
    except OSError as exc:
        raise explain_os_error(target, exc) from None
