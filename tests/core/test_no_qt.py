"""`core` never imports Qt: every core module is imported in a fresh interpreter, then sys.modules is checked."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, pkgutil, sys
import core
names = ["core"]
for info in pkgutil.walk_packages(core.__path__, "core."):
    if info.name != "core.__main__":
        names.append(info.name)
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6"))
print(len(names))
print(",".join(qt))
"""


def test_every_core_module_imports_without_qt():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    count, qt = out.stdout.splitlines()
    assert int(count) >= 20  # the walk really found the modules
    assert qt == "", f"core imported Qt: {qt}"


def test_the_quote_path_imports_only_numpy_beyond_the_standard_library():
    script = ("import sys, io, contextlib\n"
              "from desktop.launcher import main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    rc = main(['quote', 'resources/samples/growing-saas.kmsplan', '--format', 'json'])\n"
              "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'pyqtgraph', 'shiboken6', 'openpyxl'})\n"
              "print(rc, heavy)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "0 []", out.stderr
