"""Who the app is to the system: organization and application names, settings store, icon."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon

from core import __version__
from core.paths import resources_dir

ORGANIZATION = "KMS Cost Planner"
APPLICATION = "KMS Cost Planner"
PLAN_FILTER = "KMS cost plans (*.kmsplan);;JSON files (*.json);;All files (*)"
PLAN_SUFFIX = ".kmsplan"


def apply_identity() -> None:
    """Name the application so QSettings and QStandardPaths use its own folders."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)


def settings() -> QSettings:
    """The user's settings (window layout, recent files, last folder)."""
    return QSettings(ORGANIZATION, APPLICATION)


def app_icon() -> QIcon | None:
    """The application icon, if the resources hold one."""
    icons = resources_dir() / "icons"
    svg = icons / "kms-planner.svg"
    if not svg.exists():
        return None
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = icons / f"kms-planner-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    icon.addFile(str(svg))
    return icon
