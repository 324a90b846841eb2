"""Fixtures shared by the desktop tests: the sample plan, a document, a main window, and user
folders (settings, autosave) redirected to a temporary directory so no test touches real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import planfile
from core.paths import samples_dir
from tests.conftest import redirect_user_dirs
from tests.desktop.shown import shown

SAMPLE = samples_dir() / "growing-saas.kmsplan"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """QSettings and QStandardPaths (autosave, data) point into a fresh temporary folder."""
    return redirect_user_dirs(tmp_path_factory.mktemp("user"), monkeypatch)


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_plan():
    """growing-saas.kmsplan: 6 key groups (60 tenant keys rotated every 90 days, ...), 36 months from 2027-01."""
    return planfile.load(SAMPLE)


@pytest.fixture
def document(qapp, sample_plan):
    from desktop.document import PlanDocument

    return PlanDocument(sample_plan, SAMPLE)


@pytest.fixture
def main_window(qtbot, sample_plan, tmp_path):
    """A MainWindow on the sample plan (as an unsaved, untitled plan), autosaving into tmp_path/autosave.

    At teardown the document is marked clean (`mark_clean`) so closing asks nothing."""
    from desktop.main_window import MainWindow

    window = MainWindow(sample_plan, None, autosave_dir=tmp_path / "autosave", restore_layout=False)
    qtbot.addWidget(window, before_close_func=mark_clean)
    return window


def mark_clean(window) -> None:
    """Before pytest-qt closes a MainWindow: nothing unsaved, so closing asks nothing."""
    window.document.undo_stack.setClean()


@pytest.fixture
def chart(qtbot, sample_plan):
    """The cost chart alone, 900x500, showing the sample plan (growing-saas)."""
    from core.compare import compare
    from desktop.chart import CostChart

    widget = CostChart()
    widget.set_comparison(compare(sample_plan))
    return shown(qtbot, widget, 900, 500)


@pytest.fixture
def inventory_editor(qtbot, document):
    """The inventory (table, buttons, totals) of the sample plan's document, shown at 1200x400."""
    from desktop.views.inventory_editor import InventoryEditor

    return shown(qtbot, InventoryEditor(document), 1200, 400)
