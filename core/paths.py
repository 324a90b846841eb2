"""Where the bundled data lives, in a source tree, an installed wheel or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def pricing_dir() -> Path:
    return resources_dir() / "pricing"


def samples_dir() -> Path:
    return resources_dir() / "samples"
