"""File > Open reads the plan on a worker thread: the window's event loop keeps running while a
large file is read, a refused file raises its PlanError to the caller, and the comparison worked
out on the worker is the one the document shows (not computed twice)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from core import planfile
from desktop import document as document_module
from desktop.document import PlanDocument, load_plan


def test_the_event_loop_runs_while_the_plan_is_read(qapp, sample_path, monkeypatch):
    real = planfile.load
    ticked = threading.Event()
    readers = []

    def slow_load(path, share=False):
        readers.append((threading.current_thread(), share))
        assert ticked.wait(10), "the GUI thread's timer never fired while the file was read"
        return real(path, share)

    monkeypatch.setattr(planfile, "load", slow_load)
    QTimer.singleShot(10, ticked.set)  # only the GUI thread's event loop can fire this
    plan = load_plan(sample_path)
    assert plan == planfile.load(sample_path)
    assert readers and readers[0][0] is not threading.main_thread() and readers[0][1]  # shares the GIL


def test_a_refused_file_raises_its_plan_error_to_the_caller(qapp, tmp_path):
    bad = tmp_path / "bad.kmsplan"
    bad.write_text("[]")
    with pytest.raises(planfile.PlanError) as refused:
        load_plan(bad)
    assert "must be an object" in str(refused.value)


def test_the_comparison_made_on_the_worker_is_the_one_shown(qapp, sample_path, sample_plan, monkeypatch):
    real = document_module.compare
    calls = []
    monkeypatch.setattr(document_module, "compare", lambda plan: calls.append(threading.current_thread())
                        or real(plan))
    doc = PlanDocument(sample_plan)
    calls.clear()
    plan = load_plan(sample_path)
    doc.reset(plan, sample_path)
    assert len(calls) == 1 and calls[0] is not threading.main_thread()
    assert doc.comparison.plan is plan
    doc.edit(plan.with_(name="Edited"), "Rename")  # an ordinary edit compares on the GUI thread, at once
    assert len(calls) == 2 and calls[1] is threading.main_thread()
    assert doc.comparison.plan.name == "Edited"
