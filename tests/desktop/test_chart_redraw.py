"""The chart redrawn for a new comparison sets again only what changed: a curve, an end label,
a break-even circle or a label's place that an edit left alone is not handed to pyqtgraph again
(each set re-ran its item-change hooks, ~3-5 ms a step), and what changed still shows."""

from decimal import Decimal
from pathlib import Path

import pytest

from core.compare import compare
from core.planfile import load
from core.sweep import WhatIf
from desktop.chart.markers import LABEL_GAP
from tests.desktop.test_cost_chart import priced

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _plan():
    return load(SAMPLES / "growing-saas.kmsplan")



def _count(monkeypatch, obj, name: str) -> list:
    calls = []
    original = getattr(obj, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


def test_an_unchanged_comparison_sets_nothing_again(monkeypatch, chart):
    calls = [_count(monkeypatch, item, name)
             for item in (*chart._curves.values(), *chart._ok_parts.values()) for name in ("setData", "setZValue")]
    labels = [*chart.end_labels.items.values(), *chart.break_evens.labels, *chart.pair_labels.items]
    calls += [_count(monkeypatch, item, name) for item in labels for name in ("setHtml", "setPos", "setAnchor")]
    calls.append(_count(monkeypatch, chart.break_evens.scatter, "setData"))
    texts, marks = chart.end_label_texts(), chart.break_even_labels()
    chart.set_comparison(compare(_plan()))
    assert not any(calls)
    assert chart.end_label_texts() == texts and chart.break_even_labels() == marks


def test_only_the_curves_whose_figures_changed_get_new_data(monkeypatch, chart):
    before = {oid: chart.series(oid) for oid in chart.visible_ids()}
    calls = {oid: _count(monkeypatch, curve, "setData") for oid, curve in chart._curves.items()}
    plan = _plan()
    group = plan.key_groups[0]
    changed = plan.with_(key_groups=(group.with_(count=group.count * 3), *plan.key_groups[1:]))
    chart.set_comparison(compare(changed))
    moved = {oid for oid in chart.visible_ids() if chart.series(oid) != before[oid]}
    assert moved and moved != set(chart.visible_ids())  # some options change, not all
    assert {oid for oid, c in calls.items() if c} == moved
    for oid in chart.visible_ids():
        assert tuple(chart._curves[oid].getData()[1]) == chart.series(oid)


def test_a_changed_end_label_shows_its_new_amount_where_it_now_belongs(monkeypatch, chart):
    texts = chart.end_label_texts()
    rendered = [_count(monkeypatch, item, "toHtml") for item in chart.end_labels.items.values()]
    plan = _plan()
    group = plan.key_groups[0]
    chart.set_comparison(compare(plan.with_(key_groups=(group.with_(count=group.count * 3), *plan.key_groups[1:]))))
    new = chart.end_label_texts()
    assert new != texts
    for oid, text in new.items():
        assert text.endswith(chart._end_amount(oid))
    assert not any(rendered)  # the new html compared with the last one set, not with a rendering of it
    # each label right of its curve's end, beside its point: placed after the new range, not before
    pixels = chart.view_box.viewRange()
    for oid, item in chart.end_labels.items.items():
        if item.isVisible():
            assert item.pos().x() > len(chart.comparison.months) - 1
            assert pixels[1][0] <= item.pos().y() <= pixels[1][1]


def test_hidden_then_shown_labels_and_curves_come_back(chart):
    texts, marks = chart.end_label_texts(), chart.break_even_labels()
    data = {oid: tuple(chart._curves[oid].getData()[1]) for oid in chart.visible_ids()}
    chart.set_hidden(set(chart.visible_ids()))
    assert chart.end_label_texts() == {} and chart.break_even_labels() == []
    chart.set_hidden(set())
    assert chart.end_label_texts() == texts and chart.break_even_labels() == marks
    assert {oid: tuple(chart._curves[oid].getData()[1]) for oid in chart.visible_ids()} == data
    assert all(chart._curves[oid].isVisible() for oid in data)


def test_a_redraw_sets_both_ranges_and_settles_the_scene_once(monkeypatch, chart):
    """The x range's settling (the money labels measured, the view's matrix) came before the new y
    range and was done again after it."""
    from decimal import Decimal

    from core.sweep import WhatIf

    settled = _count(monkeypatch, chart, "_settle_scene")
    ranged = _count(monkeypatch, chart.view_box, "setRange")
    top = chart.view_box.viewRange()[1][1]
    chart.set_comparison(compare(_plan(), whatif=WhatIf(keys_factor=Decimal(3))))
    assert chart.view_box.viewRange()[1][1] != top
    assert len(settled) == len(ranged) == 1  # x and y given in one range change
    assert chart.view_box.viewRange()[0][0] < 0 < len(chart.comparison.months) - 1 < chart.view_box.viewRange()[0][1]
    assert chart.money_axis.picture is not None  # the new labels drawn before the paint


def test_end_labels_without_room_are_measured_off_the_plot_then_shown_with_their_amounts(monkeypatch, chart):
    """While the chart is too narrow for the end labels, a new amount is not laid out on the plot
    (~0.15 ms a label a step): a document off the scene measures it, exactly as wide; once there
    is room, each label shows its new amount."""
    labels = chart.end_labels
    chart.resize(600, 500)
    chart.view_box.sigResized.emit(chart.view_box)
    assert chart.end_label_texts() == {}
    laid_out = [_count(monkeypatch, item.textItem, "setHtml") for item in labels.items.values()]
    whatif = compare(_plan(), whatif=WhatIf(keys_factor=Decimal(3)))
    chart.set_comparison(whatif)
    assert chart.end_label_texts() == {} and not any(laid_out)
    measured = {oid: labels._width(oid) for oid in labels.items}
    chart.resize(900, 500)
    chart.view_box.sigResized.emit(chart.view_box)
    texts = chart.end_label_texts()
    assert texts and all(text.endswith(chart._end_amount(oid)) for oid, text in texts.items())
    assert any(laid_out)  # the amounts that changed, laid out when the labels show
    assert {oid: labels._width(oid) for oid in texts} == {oid: measured[oid] for oid in texts}


def test_a_step_that_leaves_the_money_axis_alone_draws_no_labels(monkeypatch, chart):
    """A change that keeps the y range (the top is a round number) keeps the axis's picture."""
    plan = _plan()
    group = plan.key_groups[0]
    chart.set_comparison(compare(plan.with_(key_groups=(group.with_(count=group.count + 1), *plan.key_groups[1:]))))
    picture, top = chart.money_axis.picture, chart.view_box.viewRange()[1]
    specs = _count(monkeypatch, chart.money_axis, "generateDrawSpecs")
    chart.set_comparison(compare(plan.with_(key_groups=(group.with_(count=group.count + 2), *plan.key_groups[1:]))))
    assert chart.view_box.viewRange()[1] == top
    assert chart.money_axis.picture is picture and not specs


def test_the_chart_shows_the_figures_after_edits_undo_and_whatifs(main_window, qtbot):
    """Through the window: each curve is core's cumulative costs, each label shown its amount."""
    from desktop.views.whatif_panel import FACTOR_STOPS

    main_window.resize(1440, 900)
    main_window.show()
    qtbot.waitExposed(main_window)
    pane, document = main_window.analysis, main_window.document
    chart = pane.chart

    def shows(whatif=WhatIf()):
        qtbot.wait(30)
        expected = compare(document.plan, whatif=whatif)
        for oid in chart.visible_ids():
            assert tuple(chart._curves[oid].getData()[1]) == tuple(map(float, expected.cumulative(oid)))
        for oid, text in chart.end_label_texts().items():
            assert text.endswith(chart._end_amount(oid))
        assert chart.break_even_points() == [(e.month, float(expected.cumulative(e.cheaper)[e.month]), e.reason)
                                             for e in expected.break_evens()]

    shows()
    group = document.plan.key_groups[0]
    document.edit(document.plan.with_(key_groups=(group.with_(count=group.count * 5), *document.plan.key_groups[1:])),
                  "Keys")
    shows()
    main_window.undo_action.trigger()
    shows()
    panel = pane.whatif_panel
    panel.keys_slider.setValue(FACTOR_STOPS.index("2.5"))
    panel.calls_slider.setValue(FACTOR_STOPS.index("1.75"))
    shows(WhatIf(keys_factor=Decimal("2.5"), calls_factor=Decimal("1.75")))
    panel.growth_slider.setValue(4)
    shows(WhatIf(keys_factor=Decimal("2.5"), calls_factor=Decimal("1.75"), growth_delta_pct=Decimal(2)))
    panel.reset()
    shows()


def test_end_labels_measured_off_the_plot_follow_the_type_size(chart):
    labels = chart.end_labels
    chart.resize(600, 500)
    chart.view_box.sigResized.emit(chart.view_box)
    chart.set_comparison(compare(_plan(), whatif=WhatIf(calls_factor=Decimal(3))))
    small = labels.widest()
    chart.set_font_size(16)
    large = labels.widest()
    assert large > small
    for oid in labels.items:
        labels._render(oid)
    assert labels.widest() == large  # as wide as the labels laid out on the plot


def test_a_new_range_moves_only_the_axes_shown(monkeypatch, chart):
    """The plot item's top and right axes are never shown: a new range no longer moves them
    (the right one set its SI prefix and laid out its title again on every y range)."""
    hidden = [chart.plot_item.getAxis(name) for name in ("top", "right")]
    assert not any(axis.isVisible() for axis in hidden)
    moved = [_count(monkeypatch, axis, "setRange") for axis in hidden]
    shown = _count(monkeypatch, chart.money_axis, "setRange")
    chart.set_comparison(compare(_plan(), whatif=WhatIf(keys_factor=Decimal(3))))
    assert shown and not any(moved)
    assert chart.money_axis.range == chart.view_box.viewRange()[1]


def test_a_redraw_leaves_auto_range_off_and_signals_the_state_once(chart):
    """Auto-range is off from the start; setting the range no longer turns it off again (each
    time signalling the view's state twice more)."""
    states = []
    chart.view_box.sigStateChanged.connect(states.append)
    chart.set_comparison(compare(_plan(), whatif=WhatIf(calls_factor=Decimal(3))))
    assert len(states) == 1
    assert chart.view_box.autoRangeEnabled() == [False, False]
    chart.set_comparison(compare(_plan()))
    assert chart.view_box.autoRangeEnabled() == [False, False]


def test_end_labels_without_room_stop_being_measured_once_one_is_too_wide(monkeypatch, chart):
    """On a plot too narrow for them, a step measured every new amount off the plot (~0.05 ms
    each) only to find the labels do not fit: one label found too wide settles it, and an amount
    too wide on its own needs no label measured at all."""
    chart.resize(600, 500)
    chart.view_box.sigResized.emit(chart.view_box)
    assert chart.end_label_texts() == {}
    measured = _count(monkeypatch, chart.end_labels._measure, "setHtml")
    for factor in ("3", "4.5", "7"):
        measured.clear()
        chart.set_comparison(compare(_plan(), whatif=WhatIf(calls_factor=Decimal(factor))))
        assert chart.end_label_texts() == {} and len(measured) <= 1
    chart.resize(400, 500)
    chart.view_box.sigResized.emit(chart.view_box)
    measured.clear()
    chart.set_comparison(compare(_plan(), whatif=WhatIf(calls_factor=Decimal("10"))))
    assert chart.end_label_texts() == {} and not measured
    labels = chart.end_labels
    assert labels.widest() >= labels.widest(beyond=0.0) > 0.0
    chart.resize(1400, 500)  # room again: every label measured, shown, the x range fitted to the widest
    chart.view_box.sigResized.emit(chart.view_box)
    texts = chart.end_label_texts()
    assert texts and all(text.endswith(chart._end_amount(oid)) for oid, text in texts.items())
    room = labels.widest() + LABEL_GAP * 5
    end = len(chart.comparison.months) - 1
    first = -0.02 * end
    assert chart.view_box.viewRange()[0][1] == pytest.approx(max(end * 1.02, end + room * (end - first)
                                                                 / (chart.view_box.width() - room)))


def test_curves_lying_on_each_other_are_found_as_one_by_one(chart):
    """The curves are compared with every earlier one in one array operation: the same pairs as
    comparing them one by one within the tolerance."""
    import numpy as np

    from desktop.chart.curves import SAME, curve_specs

    for comparison in (compare(priced(_plan())), compare(_plan()), compare(priced(_plan()), whatif=WhatIf(keys_factor=Decimal(2)))):
        specs = curve_specs(comparison, "cumulative", set())
        drawn = [s for s in specs if s.drawn]
        tolerance = max(1e-9, (max(max(s.y) for s in drawn) - min(0.0, min(min(s.y) for s in drawn))) * SAME)
        for i, spec in enumerate(drawn):
            expected = tuple(e.option_id for e in drawn[:i]
                             if float(np.max(np.abs(np.array(e.y) - np.array(spec.y)))) <= tolerance)
            assert spec.covers_ids == expected
    assert any(s.covers_ids for s in curve_specs(compare(priced(_plan())), "cumulative", set()))


@pytest.mark.parametrize("points", [8, 10, 16, 24])
def test_an_amount_is_never_wider_than_its_label(chart, points):
    """What decides that end labels do not fit without measuring them: each amount's own width,
    less than its label's (swatches, a space and the margins besides)."""
    labels = chart.end_labels
    chart.set_font_size(points)
    for whatif in (WhatIf(), WhatIf(calls_factor=Decimal(40)), WhatIf(keys_factor=Decimal("0.5"))):
        for plan in (_plan(), priced(_plan())):  # priced: a label naming two curves that end together
            chart.set_comparison(compare(plan, whatif=whatif))
            for oid, _x, _y in labels._ends:
                assert 0 < labels._least_width(oid) < labels._width(oid)
