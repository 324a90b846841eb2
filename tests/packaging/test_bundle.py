"""The built standalone app (dist/kms-planner) runs without the source tree: packaging/smoke_test.sh.

Skipped unless the bundle exists: `bash packaging/build.sh` builds it (CI builds it after pytest and
runs the same smoke test).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dist" / "kms-planner" / "kms-planner"

pytestmark = [pytest.mark.packaging,
              pytest.mark.skipif(not APP.exists(), reason="no dist/kms-planner: run bash packaging/build.sh")]


@pytest.mark.slow
def test_smoke_test_passes_on_the_bundle():
    done = subprocess.run(["bash", str(ROOT / "packaging" / "smoke_test.sh")], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^smoke_test: \d+ passed, 0 failed(, \d+ skipped)?$", done.stdout, re.M), done.stdout


def test_bundle_carries_the_data_and_no_test_tools():
    internal = APP.parent / "_internal"
    for needed in ("resources/pricing/international.toml", "resources/pricing/china.toml",
                   "resources/options.toml", "resources/icons/kms-planner.svg",
                   "resources/samples/growing-saas.kmsplan", "docs/user-guide.md"):
        assert (internal / needed).is_file(), needed
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("tkinter", "_tkinter", "pytest", "hypothesis", "QtWebEngineCore.abi3.so", "QtQml.abi3.so",
                     "QtNetwork.abi3.so", "QtQuick.abi3.so", "qml", "translations", "libqgtk3.so"):
        assert not any(n == unwanted or n.startswith(unwanted + ".") for n in names), unwanted
    total = sum(p.stat().st_size for p in internal.rglob("*") if p.is_file() and not p.is_symlink())
    assert total < 250 * 1024 * 1024, f"the bundle grew to {total / 2**20:.0f} MiB"
