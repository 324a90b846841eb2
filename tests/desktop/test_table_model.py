"""The generic table model: fine-grained signals on plan changes, reset only on load, Qt's model checks."""

from __future__ import annotations

from core.plan import KeyGroup
from desktop.models.inventory_model import InventoryModel
from desktop.models.prices_model import PricesModel


def _record(model):
    events = []
    model.dataChanged.connect(lambda a, b, roles: events.append(("changed", a.row(), b.row())))
    model.rowsInserted.connect(lambda parent, a, b: events.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda parent, a, b: events.append(("removed", a, b)))
    model.modelReset.connect(lambda: events.append(("reset",)))
    return events


def test_models_pass_qt_model_tester(qtmodeltester, document):
    qtmodeltester.check(InventoryModel(document))
    qtmodeltester.check(PricesModel(document))


def test_model_tester_follows_edits(qtmodeltester, document):
    model = InventoryModel(document)
    qtmodeltester.check(model)
    plan = document.plan
    document.edit(plan.with_(key_groups=plan.key_groups + (KeyGroup(name="x"),)), "Add")
    document.edit(document.plan.with_(key_groups=document.plan.key_groups[2:]), "Delete")
    assert model.rowCount() == 5


def test_changing_one_group_changes_only_its_row(document):
    model = InventoryModel(document)
    events = _record(model)
    plan = document.plan
    document.edit(plan.with_group(2, plan.key_groups[2].with_(count=40)), "Change count")
    assert events == [("changed", 2, 2)]
    assert model.data(model.index(2, model.column_index("count"))) == "40"


def test_insert_and_remove_rows_are_signalled_as_such(document):
    model = InventoryModel(document)
    events = _record(model)
    plan = document.plan
    groups = list(plan.key_groups)
    groups.insert(1, KeyGroup(name="new"))
    document.edit(plan.with_(key_groups=groups), "Add")
    assert events == [("inserted", 1, 1)]
    assert model.row(1).name == "new" and model.rowCount() == 7
    events.clear()
    document.edit(document.plan.with_(key_groups=groups[:1] + groups[3:]), "Delete")
    assert events == [("removed", 1, 2)]
    assert [g.name for g in model.rows] == [g.name for g in groups[:1] + groups[3:]]


def test_undo_and_redo_follow_with_small_signals(document):
    model = InventoryModel(document)
    plan = document.plan
    document.edit(plan.with_(key_groups=plan.key_groups[:-1]), "Delete")
    events = _record(model)
    document.undo_stack.undo()
    assert events == [("inserted", 5, 5)]
    assert model.rows == plan.key_groups


def test_loading_a_plan_resets_the_model(document, sample_plan):
    model = InventoryModel(document)
    events = _record(model)
    document.reset(sample_plan.with_(key_groups=sample_plan.key_groups[:2]), None)
    assert events == [("reset",)]
    assert model.rowCount() == 2


def test_refused_value_is_marked_and_not_applied(document):
    model = InventoryModel(document)
    index = model.index(0, model.column_index("rotation_days"))
    assert not model.setData(index, 3)
    assert document.plan.key_groups[0].rotation_days == 90
    assert model.data(index) == "3"
    tip = model.data(index, 3)  # Qt.ToolTipRole
    # The reason is core's own message (its wording belongs to core.fields); the cell names the
    # column, the range, and the value still in use.
    assert tip.startswith("Not applied: Rotation (days) must be")
    assert "7 to 730" in tip and "3" in tip
    assert tip.endswith("Still using 90 days.")
    assert model.setData(index, 120)
    assert document.plan.key_groups[0].rotation_days == 120
    assert model.data(index) == "120 days"
    assert model.data(index, 3).startswith("Automatic rotation")
