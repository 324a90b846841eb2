"""The `kms-planner` entry point: --help lists every command and switch, and headless commands
(quote, validate, timeline, import, reconcile, --version, --help) never load Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import launcher

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "growing-saas.kmsplan"

NO_QT = """
import json, sys
from desktop.launcher import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # argparse's --version and --help exit
    code = exc.code or 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
print(json.dumps({"code": code, "qt": loaded, "argparse": "argparse" in sys.modules}), file=sys.stderr)
"""


def test_help_lists_every_command_and_switch(capsys):
    assert launcher.main(["--help"]) == 0
    text = capsys.readouterr().out
    for word in ("quote", "validate", "timeline", "export", "import", "reconcile", "--version", "--screenshot",
                 "--size", "--presentation", "--help", "PLAN"):
        assert word in text, f"--help does not mention {word}"
    assert launcher.main(["-h"]) == 0
    assert capsys.readouterr().out == text


def test_help_names_each_command_core_cli_knows(capsys):
    from core.cli import HEADLESS_COMMANDS

    launcher.main(["--help"])
    commands = capsys.readouterr().out.split("commands", 1)[1]
    listed = [line.split()[0] for line in commands.splitlines()[1:] if line.strip()]
    assert set(HEADLESS_COMMANDS) | {"export"} == set(listed)


def _run(*args: str, cwd: Path = ROOT) -> tuple[dict, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", NO_QT, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report, done


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("quote", str(SAMPLE)), ("validate", str(SAMPLE)),
                                  ("import", "--help"), ("reconcile", "--help")])
def test_headless_commands_never_load_qt(args):
    report, done = _run(*args)
    assert report["qt"] == [], f"{args} loaded {report['qt']}"
    assert report["code"] == 0, done.stderr


def test_a_plain_quote_through_the_entry_point_imports_no_argparse():
    """core.cli reads `quote PLAN [--format F]` itself; the launcher builds its parsers only for --help."""
    report, done = _run("quote", str(SAMPLE), "--format", "json")
    assert report["code"] == 0, done.stderr
    assert report["argparse"] is False
    assert _run("validate", str(SAMPLE))[0]["argparse"] is True  # other commands: argparse, as before


def test_import_is_routed_to_the_headless_command(tmp_path):
    report, done = _run("import", str(tmp_path / "missing.json"), "-o", str(tmp_path / "out.kmsplan"))
    assert report["qt"] == []
    assert report["code"] == 2  # refused with a message, not opened as a plan in the window
    assert "missing.json" in done.stderr
