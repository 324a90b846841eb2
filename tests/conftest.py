"""Test configuration shared by every test: Qt renders offscreen, with or without CI."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
