"""Help > User guide: docs/user-guide.md, found beside the resources in a source tree and in the
standalone app (packaging/kms-planner.spec bundles docs/user-guide.md and its images), and opened
in the desktop's own viewer for Markdown (or text)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from core.paths import resources_dir

GUIDE = Path("docs") / "user-guide.md"


def user_guide_path() -> Path | None:
    """docs/user-guide.md next to resources/ (source tree, or sys._MEIPASS when frozen), if it is there."""
    path = resources_dir().parent / GUIDE
    return path if path.is_file() else None


def open_user_guide(parent=None) -> bool:
    """Open the guide with the desktop's viewer; if there is none (or no guide), say where it is."""
    path = user_guide_path()
    if path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    where = (f"The guide is the file\n\n{path}\n\nbut no program to show it was found. Open it with a text "
             "editor or a Markdown viewer." if path is not None else
             "The user guide (docs/user-guide.md) is not installed with this copy of KMS Cost Planner: "
             "it is in the project's source, in the docs folder.")
    QMessageBox.information(parent, "User guide", where)
    return False
