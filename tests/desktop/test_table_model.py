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
    # The reason is core's own message (its wording belongs to core.fields): the range, the value
    # refused, and the value still in use.
    assert tip.startswith("Not applied: ")
    assert "7 to 730" in tip and "not 3" in tip
    assert tip.endswith("Still using 90 days.")
    assert model.setData(index, 120)
    assert document.plan.key_groups[0].rotation_days == 120
    assert model.data(index) == "120 days"
    assert model.data(index, 3).startswith("Automatic rotation")


# --- the sorting proxy -------------------------------------------------------------------------------

def _proxy(document):
    from desktop.models.sort_proxy import SortProxy

    model = InventoryModel(document)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _names(proxy, model):
    column = model.column_index("name")
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_sort_proxy_passes_qt_model_tester_sorted_and_unsorted(qtmodeltester, document):
    from PySide6.QtCore import Qt

    model, proxy = _proxy(document)
    qtmodeltester.check(proxy)
    proxy.sort(model.column_index("count"), Qt.DescendingOrder)
    qtmodeltester.check(proxy)
    plan = document.plan
    document.edit(plan.with_(key_groups=plan.key_groups + (KeyGroup(name="x", count=1000),)), "Add")
    document.edit(document.plan.with_(key_groups=document.plan.key_groups[2:]), "Delete")
    assert proxy.rowCount() == model.rowCount() == 5


def test_sort_proxy_sorts_stably_both_ways_and_back_to_file_order(document):
    from PySide6.QtCore import Qt

    model, proxy = _proxy(document)
    file_order = [g.name for g in document.plan.key_groups]
    assert _names(proxy, model) == file_order
    counts = model.column_index("count")
    proxy.sort(counts, Qt.AscendingOrder)
    expected = sorted(document.plan.key_groups, key=lambda g: g.count)  # stable: ties in file order
    assert _names(proxy, model) == [g.name for g in expected]
    proxy.sort(counts, Qt.DescendingOrder)
    expected = sorted(document.plan.key_groups, key=lambda g: g.count, reverse=True)
    assert _names(proxy, model) == [g.name for g in expected]
    proxy.sort(-1)
    assert _names(proxy, model) == file_order
    # Row numbers in the vertical header stay the groups' numbers in the file.
    proxy.sort(counts, Qt.DescendingOrder)
    numbers = [proxy.headerData(r, Qt.Vertical) for r in range(proxy.rowCount())]
    assert numbers == [str(file_order.index(g.name) + 1) for g in expected]


def test_sort_proxy_keeps_order_and_selection_as_rows_change(qtbot, document):
    from PySide6.QtCore import QItemSelectionModel, Qt

    model, proxy = _proxy(document)
    counts = model.column_index("count")
    proxy.sort(counts, Qt.DescendingOrder)
    selection = QItemSelectionModel(proxy)
    target = document.plan.key_groups[2].name
    row = _names(proxy, model).index(target)
    selection.setCurrentIndex(proxy.index(row, 0), QItemSelectionModel.SelectCurrent | QItemSelectionModel.Rows)

    plan = document.plan  # the selected group becomes the largest: it moves to the top, still selected
    document.edit(plan.with_group(2, plan.key_groups[2].with_(count=10_000)), "Change count")
    assert _names(proxy, model)[0] == target
    assert selection.currentIndex().row() == 0
    assert proxy.mapToSource(selection.currentIndex()).row() == 2

    plan = document.plan  # an added group takes its sorted place; a removed one leaves
    document.edit(plan.with_(key_groups=plan.key_groups + (KeyGroup(name="mid", count=7),)), "Add")
    counts_shown = [proxy.index(r, counts).data(Qt.EditRole) for r in range(proxy.rowCount())]
    assert counts_shown == sorted(counts_shown, reverse=True) and "mid" in _names(proxy, model)
    document.edit(document.plan.with_(key_groups=document.plan.key_groups[:2] + document.plan.key_groups[3:]),
                  "Delete")
    assert target not in _names(proxy, model) and proxy.rowCount() == model.rowCount()
    for r in range(proxy.rowCount()):
        assert proxy.mapFromSource(proxy.mapToSource(proxy.index(r, 0))).row() == r


def test_sorting_ten_thousand_rows_asks_each_row_once(document):
    from PySide6.QtCore import Qt

    from tests.resilience.huge_plans import huge_plan

    document.reset(huge_plan(10_000, 12), None)
    model, proxy = _proxy(document)
    asked = []
    real = model.sort_key
    model.sort_key = lambda r, c: asked.append(r) or real(r, c)
    proxy.sort(model.column_index("count"), Qt.AscendingOrder)
    assert len(asked) == 10_000
    counts = [proxy.index(r, model.column_index("count")).data(Qt.EditRole) for r in (0, 5000, 9999)]
    assert counts == sorted(counts) and counts[0] == 1 and counts[-1] == 50


def test_row_opcodes_turn_the_old_rows_into_the_new_ones():
    """Applying the opcodes to the old rows gives the new ones; rows kept (the same object, or
    equal) at both ends are never reported as changed."""
    import random

    from desktop.models.table_model import row_opcodes

    rng = random.Random(11)
    for _ in range(2000):
        old = [KeyGroup(name=f"g{rng.randint(0, 4)}") for _ in range(rng.randint(0, 25))]
        new = [g if rng.random() < 0.8 else KeyGroup(name=f"g{rng.randint(0, 4)}") for g in old]
        cut = rng.randint(0, len(new))
        new = new[:cut] + [KeyGroup(name="added")] * rng.randint(0, 3) + new[cut + rng.randint(0, 2):]
        rebuilt = []
        for tag, i1, i2, j1, j2 in row_opcodes(old, new):
            rebuilt += old[i1:i2] if tag == "equal" else new[j1:j2]
            if tag == "equal":
                assert old[i1:i2] == new[j1:j2]
        assert rebuilt == new
        head = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        assert head == 0 or row_opcodes(old, new)[0] == ("equal", 0, head, 0, head)
