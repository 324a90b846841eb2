"""Where an export lands: the name and folder offered, refusing a target that cannot be written,
then writing it atomically.

A read-only file, a missing folder or a file held open elsewhere gives an ExportError naming the
file and the reason; the old file (if any) is untouched and no half-written file is left.
The GUI (desktop/export_menu.py) and the command line choose paths through these functions only.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from core.atomic import write_bytes_atomic
from core.exports.errors import ExportCancelled, ExportError, explain_os_error

__all__ = ["ExportError", "ExportCancelled", "ExportKind", "KINDS", "check_target", "default_name", "start_folder",
           "with_suffix", "write_export"]


@dataclass(frozen=True)
class ExportKind:
    """One kind of export file: its save dialog's title and filter, its suffix, what messages call it."""

    kind: str
    title: str
    suffix: str
    file_filter: str
    what: str


KINDS = {k.kind: k for k in (
    ExportKind("xlsx", "Export to Excel", ".xlsx", "Excel workbooks (*.xlsx)", "workbook"),
    ExportKind("png", "Export Chart as PNG", ".png", "PNG images (*.png)", "chart"),
    ExportKind("svg", "Export Chart as SVG", ".svg", "SVG drawings (*.svg)", "chart"),
    ExportKind("pdf", "Export PDF Handout", ".pdf", "PDF documents (*.pdf)", "handout"),
)}


def default_name(plan_path: str | os.PathLike | None, plan_name: str, suffix: str) -> str:
    """The plan file's name, or the plan's name made file-safe ("plan" if nothing is left), + suffix."""
    if plan_path:
        return Path(plan_path).stem + suffix
    return (re.sub(r"[^\w\-. ]+", "", plan_name).strip() or "plan") + suffix


def start_folder(remembered: str | None, plan_path: str | os.PathLike | None) -> Path:
    """Where the save dialog opens: the last export folder if it still exists, else the plan's
    folder, else the home folder."""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return Path(plan_path).parent if plan_path else Path.home()


def with_suffix(chosen: str | os.PathLike, suffix: str) -> Path:
    """The chosen file with the export's suffix added when the user left it off (or typed another)."""
    target = Path(chosen)
    return target if target.suffix.lower() == suffix else target.with_name(target.name + suffix)


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
