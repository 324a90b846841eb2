"""The import contracts of pyproject.toml ([tool.importlinter]) hold: lint-imports, in the suite.

One test per contract, so a failure names the contract broken and lint-imports' report says which
import breaks it. docs/architecture.md ("Layering") says why each contract exists.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from importlinter.cli import EXIT_STATUS_ERROR, EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"
CONTRACTS = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_contracts_named_in_issue_11_are_declared():
    ids = {c["id"] for c in CONTRACTS}
    assert {"core-no-qt", "openpyxl-only-in-core-exports", "core-layers", "core-acyclic",
            "desktop-models-not-views", "desktop-exports-not-views", "desktop-chart-below-views-and-exports",
            "desktop-layers"} <= ids
    layers = next(c for c in CONTRACTS if c["id"] == "core-layers")
    assert layers["exhaustive"] is True  # a new core module has to be placed in a layer
    order = [layer.split() for layer in layers["layers"]]
    flat = [name for layer in order for name in layer if name not in "|:"]
    # plan/planfile -> demand -> options -> compare -> summary/quote/exports, top layer first
    assert flat.index("exports") < flat.index("compare") < flat.index("options") < flat.index("demand") \
        < flat.index("planfile") < flat.index("plan")


@pytest.mark.parametrize("contract", [c["id"] for c in CONTRACTS])
def test_contract_is_kept(contract, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    result = lint_imports(config_filename=str(CONFIG), limit_to_contracts=(contract,), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert result == EXIT_STATUS_SUCCESS, report


def test_a_broken_contract_is_caught(tmp_path, capsys, monkeypatch):
    """The machinery itself: a core-like package importing Qt fails a contract of the same shape."""
    package = tmp_path / "fakecore"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "view.py").write_text("import PySide6.QtCore\n")
    config = tmp_path / "contracts.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["fakecore"]\ninclude_external_packages = true\n'
                      '[[tool.importlinter.contracts]]\nid = "no-qt"\nname = "no Qt"\ntype = "forbidden"\n'
                      'source_modules = ["fakecore"]\nforbidden_modules = ["PySide6"]\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fakecore", raising=False)
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == EXIT_STATUS_ERROR
    assert "fakecore.view -> PySide6" in capsys.readouterr().out
