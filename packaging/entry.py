"""The frozen app's entry script: the same `kms-planner` entry as the installed command.

Frozen, Qt must load the bundle's plugins, never a system Qt's (KDE sessions set QT_PLUGIN_PATH to
theirs): point it at the bundle before anything imports Qt. The spec drops PyInstaller's PySide6
runtime hook, which did this too but also imported QtCore on every start, headless commands included.
"""

import os
import sys

if getattr(sys, "frozen", False):
    os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins")

from desktop.launcher import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
