"""Test configuration shared by every test: Qt renders offscreen, with or without CI."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def redirect_user_dirs(root, monkeypatch):
    """Point QSettings and QStandardPaths (settings, autosave, data) into `root`, so no test
    touches the real user folders. Qt is imported here, not at the top: core tests need none."""
    from PySide6.QtCore import QSettings

    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = root / name.lower()
        folder.mkdir(exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, str(root / "xdg_config_home"))
    return root
