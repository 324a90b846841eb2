"""The analysis pane (desktop/views/analysis_pane.py) driven like a user: what-if sliders, the
summary, the breakdown, break-evens, scenarios kept with the plan and undone."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from core.compare import compare
from core.money import fmt_money
from core.planfile import load
from core.scenarios import scenarios_of
from core.status import figure_text
from core.sweep import WhatIf, apply_whatif
from desktop.document import PlanDocument
from desktop.views.analysis_pane import AnalysisPane
from desktop.views.whatif_panel import FACTOR_STOPS
from tests.desktop.event_spy import EventSpy
from tests.desktop.shown import shown

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def document():
    return PlanDocument(load(SAMPLES / "growing-saas.kmsplan"))


@pytest.fixture
def pane(qtbot, document):
    return shown(qtbot, AnalysisPane(document), 1200, 800)


def _click_row(qtbot, view, row):
    index = view.model().index(row, 1)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())


def _row_of(model, option_id):
    return next(i for i, r in enumerate(model.rows) if getattr(r, "id", None) == option_id)


def test_summary_marks_the_cheapest_with_cores_totals(pane, document):
    c = document.comparison
    assert c.cheapest == "instance-software"
    texts = pane.summary.row_texts("instance-software")
    assert texts[0] == "Software instance  ★ cheapest"
    assert texts[1] == fmt_money(c.option("instance-software").total) == "18,500.00"
    assert texts[2] == "513.89"  # 18,500 / 36
    assert texts[3] == "cheapest"
    assert texts[4].startswith("fully priced — ")
    payg = pane.summary.row_texts("payg-instance-software")  # ranked: a plain total and its difference
    assert payg[1] == fmt_money(c.option("payg-instance-software").total) == "108,233.72"
    assert payg[3] == "+" + fmt_money(c.difference_to_cheapest("payg-instance-software")) == "+89,733.72"
    # KMS 1.0 ended 2025-09-30: a 2027 plan shows its figures for reference, never as a plain total
    legacy = pane.summary.row_texts("payg-legacy")
    assert legacy[1] == figure_text(c.option("payg-legacy"), c.option("payg-legacy").total) == "18,870.45 (reference)"
    assert legacy[3] == "not ranked"
    assert legacy[4].startswith("cannot serve: ended 2025-09-30 — KMS 1.0 reached end of service on 2025-09-30")
    assert "★" not in legacy[0]
    hardware = pane.summary.row_texts("instance-hardware")  # the Cloud HSM cluster price is not published
    assert hardware[1] == "≥ 66,563.00" and hardware[3] == "not ranked"
    assert hardware[4].startswith("lower bound: Cloud HSM cluster price not entered — ")
    assert pane.summary.row_texts("dedicated")[1] == "≥ 64,764.00 (reference)"
    assert "0.00" not in {legacy[1], hardware[1]}
    model = pane.summary.model_
    tip = model.index(_row_of(model, "instance-hardware"), 1).data(Qt.ToolTipRole)  # why "≥": hover the figure
    assert "Needs the price of “Cloud HSM cluster" in tip
    assert model.index(_row_of(model, "instance-software"), 1).data(Qt.ToolTipRole) is None
    assert "Software instance" in pane.headline.text() and "18,500.00 USD" in pane.headline.text()


def test_moving_a_whatif_slider_moves_the_totals(qtbot, pane, document):
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    w = WhatIf(calls_factor=D(2))
    expected = compare(apply_whatif(document.plan, w))
    assert pane.whatif == w
    for option in expected.options:
        assert pane.summary.row_texts(option.id)[1] == figure_text(option, option.total)
    assert pane.chart.series("payg-legacy") == tuple(float(v) for v in expected.cumulative("payg-legacy"))
    assert pane.banner.isVisible() and "calls ×2" in pane.banner.text()
    assert document.plan == load(SAMPLES / "growing-saas.kmsplan")  # the plan is not edited
    assert not document.modified
    qtbot.mouseClick(pane.whatif_panel.reset_button, Qt.LeftButton)
    assert pane.comparison is document.comparison
    assert not pane.banner.isVisible()


def test_the_whatif_notice_keeps_its_width_while_a_slider_moves(qtbot, pane):
    """"×1.75" is wider than "×2": the notice does not shrink back (and re-lay the header out, with
    the chart beside it) on each step, until the what-if ends."""
    slider = pane.whatif_panel.calls_slider
    slider.setValue(FACTOR_STOPS.index("1.75"))
    qtbot.waitUntil(lambda: pane.banner.width() >= pane.banner.sizeHint().width())
    wide = pane.banner.width()
    slider.setValue(FACTOR_STOPS.index("2"))
    qtbot.wait(20)
    assert pane.banner.text() == "What-if: calls ×2 (plan unchanged)"
    assert pane.banner.width() == wide
    assert pane.banner.fontMetrics().horizontalAdvance(pane.banner.text()) < wide - 4  # room left over
    qtbot.mouseClick(pane.whatif_panel.reset_button, Qt.LeftButton)
    assert not pane.banner.isVisible() and pane.banner_box.minimumWidth() == 0
    slider.setValue(FACTOR_STOPS.index("2"))
    qtbot.waitUntil(lambda: pane.banner.isVisible())
    assert pane.banner_box.minimumWidth() < wide  # a new what-if starts from its own width


def test_horizon_slider_changes_the_months_shown(pane, document):
    pane.whatif_panel.months_slider.setValue(-24)  # relative to the plan's 36 months
    assert len(pane.comparison.months) == 12
    assert pane.summary.row_texts("dedicated")[1] == "≥ " + fmt_money(D(1799) * 12) + " (reference)" == "≥ 21,588.00 (reference)"


def test_plan_edit_while_whatif_is_active_recomputes_both(pane, document):
    pane.whatif_panel.keys_slider.setValue(FACTOR_STOPS.index("2"))
    group = document.plan.key_groups[0]
    document.edit(document.plan.with_group(0, group.with_(count=group.count + 40)), "Edit count")
    expected = compare(apply_whatif(document.plan, WhatIf(keys_factor=D(2))))
    option = expected.option("payg-instance-software")
    assert pane.summary.row_texts("payg-instance-software")[1] == fmt_money(option.total)
    assert pane.summary.row_texts("payg-legacy")[1] == figure_text(expected.option("payg-legacy"),
                                                                     expected.option("payg-legacy").total)


def test_toggling_monthly_and_cumulative(qtbot, pane, document):
    qtbot.mouseClick(pane.monthly_button, Qt.LeftButton)
    assert pane.chart.mode == "monthly"
    assert pane.chart.series("dedicated") == (1799.0,) * 36
    qtbot.mouseClick(pane.cumulative_button, Qt.LeftButton)
    assert pane.chart.mode == "cumulative"
    assert pane.chart.series("dedicated")[-1] == 36 * 1799.0


def priced(plan):
    """The plan with what growing-saas leaves unpublished entered: a Cloud HSM cluster price and
    Dedicated KMS's capacity, so every KMS 3.0 and Dedicated option is fully priced (ranked)."""
    return plan.with_(price_overrides={"cloud-hsm.cluster.month": D("500")},
                      limit_overrides={"dedicated_instance_key_quota": D(1000), "dedicated_instance_qps": D(1000)})


def test_break_even_shown_matches_core(qtbot, pane, document):
    assert document.comparison.break_evens() == ()  # only ok options cross: two software instances do not
    pane.tabs.setCurrentIndex(2)
    assert pane.break_even_list.item(0).text() == "No break-even: no curve crosses another within the horizon."
    document.edit(priced(document.plan), "Enter prices")
    first = document.comparison.break_evens()[0]
    pane.tabs.setCurrentIndex(2)
    item = pane.break_even_list.item(0)
    assert item.text() == "Month 11 (2027-11): Dedicated KMS becomes cheaper than Hardware instance PAYG"
    assert (first.month, first.label) == (10, "2027-11")
    assert item.toolTip() == first.reason
    assert pane.tabs.tabText(2) == f"Break-even points ({len(document.comparison.break_evens())})"
    pane.break_even_list.setCurrentRow(0)
    assert pane.chart.vline.isVisible() and pane.chart.vline.value() == 10
    assert (10, first.reason) in [(m, t) for m, _y, t in pane.chart.break_even_points()]


def test_why_panel_shows_cores_reasons(qtbot, pane, document):
    text = pane.why_text()
    for reason in document.comparison.reasons():
        assert reason in text
    group = document.plan.key_groups[0]
    document.edit(document.plan.with_group(0, group.with_(calls_per_month=group.calls_per_month * 2)), "Edit")
    qtbot.waitUntil(lambda: document.comparison.reasons()[0] in pane.why.toPlainText())


def test_selecting_a_row_shows_its_breakdown(qtbot, pane, document):
    row = _row_of(pane.summary.model_, "payg-instance-software")
    _click_row(qtbot, pane.summary, row)
    assert pane.breakdown.option_id == "payg-instance-software"
    option = document.comparison.option("payg-instance-software")
    qps = next(line for line in option.lines if line.item == "QPS")
    assert pane.breakdown.cell_text("QPS", 0) == fmt_money(qps.monthly[0])
    assert pane.breakdown.cell_text("billed QPS", 2) == f"{option.detail('billed QPS')[2]:,}"
    assert pane.breakdown.cell_text("Total", 35) == fmt_money(option.monthly[35])
    assert "Capacity limits" in pane.breakdown.notes.text()


def test_unticking_an_option_hides_its_curve(qtbot, pane):
    model = pane.summary.model_
    index = model.index(_row_of(model, "payg-legacy"), 0)
    model.setData(index, Qt.Unchecked, Qt.CheckStateRole)
    assert "payg-legacy" not in pane.chart.visible_ids()
    assert index.data(Qt.CheckStateRole) == Qt.Unchecked


def test_unavailable_options_are_greyed_with_the_reason(qtbot):
    from core.headline import headline

    document = PlanDocument(load(SAMPLES / "regulated-estate.kmsplan"))
    pane = AnalysisPane(document)
    qtbot.addWidget(pane)
    pane.resize(1200, 700)
    pane.show()
    c = document.comparison
    assert c.cheapest is None  # nothing fully priced: no row is singled out
    assert pane.summary.selected_option() is None
    texts = pane.summary.row_texts("instance-software")
    assert texts[1] == "n/a" and texts[3] == "not ranked"
    assert texts[4].startswith("cannot serve: holds no HSM keys — The plan has 5,300 HSM-protected keys")
    assert pane.summary.row_texts("payg-instance-hardware")[1] == "≥ 1,459,901.00"  # a lower bound
    assert pane.summary.row_texts("dedicated")[1] == "≥ 143,940.00 (reference)"
    # the header: core's headline, its lead and its caveat both on screen
    assert pane.headline_text() == headline(c)
    assert pane.headline.text() == "<b>No option is fully priced and able to serve this plan.</b>"
    assert pane.caveat.isVisible()
    assert pane.caveat.text().startswith("Not ranked: KMS 1.0 PAYG (ended 2025-09-30), Software instance "
                                         "(holds no HSM keys), Hardware instance (")
    assert "To get a ranking, enter: " in pane.caveat.text() and "(cloud-hsm.cluster.month)" in pane.caveat.text()
    assert pane.caveat.height() >= pane.caveat.heightForWidth(pane.caveat.width())  # wrapped, never cut
    index = pane.summary.model_.index(_row_of(pane.summary.model_, "instance-software"), 1)
    from desktop.palette_colours import contrast, muted_foreground

    shown = index.data(Qt.ForegroundRole).color()
    assert shown.name() == muted_foreground(pane.summary.palette()).name()
    assert contrast(shown, pane.summary.palette().base().color()) >= 4.5  # greyed, still readable


def test_keep_a_scenario_then_undo(qtbot, pane, document, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Double traffic", True))
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    qtbot.mouseClick(pane.whatif_panel.keep_button, Qt.LeftButton)
    assert document.undo_stack.undoText() == "Keep scenario “Double traffic”"
    assert document.plan.extensions["scenarios"] == [
        {"name": "Double traffic", "calls_factor": "2", "keys_factor": "1", "growth_delta_pct": "0", "months": None}]
    assert pane.tabs.currentWidget() is pane.scenarios_view
    base, kept = pane.scenarios_view.rows
    expected = compare(apply_whatif(document.plan, WhatIf(calls_factor=D(2))))
    assert kept.name == "Double traffic"
    assert kept.cheapest == expected.cheapest
    assert kept.cheapest_total == expected.option(expected.cheapest).total
    model = pane.scenarios_view.model_
    assert model.index(1, 4).data() == fmt_money(kept.cheapest_total)
    assert model.index(1, 5).data() == fmt_money(kept.cheapest_total / 36)
    assert model.index(0, 0).data() == "Base plan"
    titles = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    legacy = expected.option("payg-legacy")  # ended 2025-09-30: its figure is a reference, not a total
    assert model.index(1, titles.index("KMS 1.0 PAYG")).data() == figure_text(legacy, legacy.total)
    assert model.index(1, titles.index("KMS 1.0 PAYG")).data().endswith(" (reference)")
    hardware = expected.option("instance-hardware")
    assert model.index(1, titles.index("Hardware instance")).data() == "≥ " + fmt_money(hardware.total)
    assert model.index(1, titles.index("Software instance")).data() == fmt_money(kept.cheapest_total)
    document.undo_stack.undo()
    assert scenarios_of(document.plan) == ()
    assert len(pane.scenarios_view.rows) == 1


def test_show_and_delete_a_stored_scenario(qtbot, pane, document):
    pane.whatif_panel.set_whatif(WhatIf(keys_factor=D(3), months=48))
    pane.keep_scenario("Triple keys")
    pane.whatif_panel.reset()
    pane.tabs.setCurrentWidget(pane.scenarios_view)
    view = pane.scenarios_view
    view.select("Triple keys")
    qtbot.mouseClick(view.show_button, Qt.LeftButton)
    assert pane.whatif == WhatIf(keys_factor=D(3), months=48)
    assert len(pane.comparison.months) == 48
    assert pane.banner.text() == "Scenario “Triple keys”: keys ×3, +12 months (48) (plan unchanged)"
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    assert pane.banner.text() == "What-if: calls ×2, keys ×3, +12 months (48) (plan unchanged)"
    pane.show_scenario("Triple keys")
    assert pane.whatif == WhatIf(keys_factor=D(3), months=48)
    qtbot.mouseClick(view.delete_button, Qt.LeftButton)
    assert scenarios_of(document.plan) == ()
    assert document.undo_stack.undoText() == "Delete scenario “Triple keys”"
    document.undo_stack.undo()
    assert [s.name for s in scenarios_of(document.plan)] == ["Triple keys"]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, pane, document):
    pane.keep_scenario("Same")  # a neutral what-if is allowed through the API
    pane.tabs.setCurrentWidget(pane.scenarios_view)
    assert len(pane.breakdown.rows) == 4  # instance fee, Total, instances, route
    for model in (pane.summary.model_, pane.breakdown.model_, pane.scenarios_view.model_):
        qtmodeltester.check(model, force_py=True)


def test_opening_another_plan_starts_without_a_whatif(pane, document):
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    document.reset(load(SAMPLES / "regulated-estate.kmsplan"), None)
    assert pane.whatif == WhatIf()
    assert pane.comparison is document.comparison
    assert pane.whatif_panel.horizon() == 60 and pane.whatif_panel.months_spin.value() == 0
    assert not pane.banner.isVisible()


@pytest.mark.parametrize("whatif_first", [False, True])
def test_an_opened_plan_is_drawn_once(pane, document, monkeypatch, whatif_first):
    """Opening resets the what-if (which shows the new plan) and then announces the new comparison:
    the chart and tables are filled once, not twice."""
    if whatif_first:
        pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    drawn = []
    monkeypatch.setattr(pane.chart, "set_comparison", drawn.append)
    document.reset(load(SAMPLES / "regulated-estate.kmsplan"), None)
    assert drawn == [document.comparison]
    assert pane.comparison is document.comparison


def test_copy_puts_the_selected_rows_on_the_clipboard(qtbot, pane, document):
    from PySide6.QtGui import QGuiApplication, QKeySequence

    pane.summary.select_option("dedicated")
    pane.summary.setFocus()
    copy = next(a for a in pane.summary.actions() if a.shortcut() == QKeySequence(QKeySequence.Copy))
    copy.trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Option\tTotal (USD)\tPer month\tvs cheapest\tStatus and notes"
    assert lines[1].startswith("Dedicated KMS\t≥ 64,764.00 (reference)\t≥ 1,799.00 (reference)\tnot ranked\t"
                               "capacity not published — Dedicated KMS's key and QPS")
    assert len(lines) == 2


def test_breakdown_names_its_lines_in_the_row_header(qtbot, pane, document):
    pane.summary.select_option("payg-legacy")
    pane.tabs.setCurrentWidget(pane.breakdown)
    model = pane.breakdown.model_
    titles = [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())]
    assert titles == ["key hosting", "API calls", "Total"]
    assert model.headerData(0, Qt.Horizontal) == "Total"
    assert model.headerData(1, Qt.Horizontal) == "2027-01"
    legacy = document.comparison.option("payg-legacy")  # ended 2025-09-30: its total is a reference
    assert model.index(2, 0).data() == figure_text(legacy, legacy.total) == fmt_money(legacy.total) + " (reference)"


def test_curves_follow_a_slider_drag_before_release(qtbot, pane, document):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

    slider = pane.whatif_panel.calls_slider
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderHandle, slider).center()

    def send(kind, x, buttons):
        pos = QPointF(x, handle.y())
        event = QMouseEvent(kind, pos, slider.mapToGlobal(pos), Qt.LeftButton, buttons, Qt.NoModifier)
        QApplication.sendEvent(slider, event)

    before = pane.chart.series("payg-legacy")[-1]
    send(QEvent.MouseButtonPress, handle.x(), Qt.LeftButton)
    send(QEvent.MouseMove, handle.x() + 40, Qt.LeftButton)
    assert slider.isSliderDown()
    dragged = pane.whatif
    assert dragged.calls_factor > 1
    expected = compare(apply_whatif(document.plan, dragged))
    assert pane.chart.series("payg-legacy")[-1] == float(expected.cumulative("payg-legacy")[-1]) > before
    assert pane.summary.row_texts("payg-legacy")[1] == figure_text(expected.option("payg-legacy"),
                                                                     expected.option("payg-legacy").total)
    send(QEvent.MouseButtonRelease, handle.x() + 40, Qt.NoButton)
    assert not slider.isSliderDown()


def test_a_name_too_long_is_refused_with_a_message(qtbot, pane, document, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("x" * 101, True))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))
    qtbot.mouseClick(pane.whatif_panel.keep_button, Qt.LeftButton)
    assert shown == ["A scenario name has at most 100 characters; this one has 101."]
    assert scenarios_of(document.plan) == ()
    assert not document.modified


def test_double_click_opens_the_breakdown_and_delete_key_removes_a_scenario(qtbot, pane, document):
    view = pane.summary
    index = view.model().index(_row_of(view.model_, "dedicated"), 1)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    assert pane.tabs.currentWidget() is pane.breakdown and pane.breakdown.option_id == "dedicated"
    pane.whatif_panel.set_whatif(WhatIf(calls_factor=D(3)))
    pane.keep_scenario("Triple")
    pane.tabs.setCurrentWidget(pane.scenarios_view)
    pane.scenarios_view.select("Triple")
    pane.scenarios_view.table.setFocus()
    qtbot.keyClick(pane.scenarios_view.table, Qt.Key_Delete)
    assert scenarios_of(document.plan) == ()


def test_calls_doubling_for_ten_years_still_show(qtbot):
    # Growth 100 % a month for 120 months takes KMS 1.0's call charges past 1e36: more digits than
    # Decimal's default context rounds, which must not break the views.
    plan = load(SAMPLES / "growing-saas.kmsplan")
    plan = plan.with_(months=120).with_group(0, plan.key_groups[0].with_(calls_growth_pct=D(100)))
    document = PlanDocument(plan)
    pane = AnalysisPane(document)
    qtbot.addWidget(pane)
    pane.show()
    pane.grab()
    total = document.comparison.option("payg-legacy").total
    assert total > D("1e36")
    assert pane.summary.row_texts("payg-legacy")[1] == format(total, ",.2f") + " (reference)"
    pane.chart.show_month(119)
    assert pane.chart.readout.isVisible()
    assert "too large to put in words" in pane.why_text() or "cheapest" in pane.why_text()


def test_a_single_edit_updates_the_reasons_at_once_and_a_burst_when_it_settles(qtbot, pane, document):
    qtbot.wait(80)  # nothing changed for longer than the debounce
    group = document.plan.key_groups[0]
    document.edit(document.plan.with_group(0, group.with_(calls_per_month=group.calls_per_month * 3)), "Edit")
    assert document.comparison.reasons()[0] in pane.why.toPlainText()  # no event loop turn needed
    for factor in ("1.5", "2", "2.5"):  # a drag: the reasons follow once it stops
        pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index(factor))
    expected = compare(apply_whatif(document.plan, WhatIf(calls_factor=D("2.5")))).reasons()[0]
    qtbot.waitUntil(lambda: expected in pane.why.toPlainText(), timeout=1000)


def test_the_chart_gets_the_height_and_the_column_beside_it_holds_what_if_and_why(qtbot, pane):
    # The summary tabs are as tall as their six rows, no more; the chart row takes the rest.
    qtbot.waitUntil(lambda: pane.tabs.height() > 0)
    assert pane.tabs.height() == pane.summary_height()
    table = pane.summary
    last = table.visualRect(table.model().index(5, 0))
    assert table.viewport().rect().contains(last)  # every option's row shows without scrolling
    assert pane.chart.height() > 1.8 * pane.tabs.height()
    # What-if above the reasons, both beside the chart: its controls are not cut off.
    assert pane.side_splitter.isAncestorOf(pane.whatif_panel) and pane.side_splitter.isAncestorOf(pane.why)
    whatif_box = pane.side_splitter.widget(0)
    assert whatif_box.height() >= pane.whatif_panel.sizeHint().height()
    assert pane.why.height() >= 200


def test_in_a_short_pane_the_summary_scrolls_to_the_cheapest_and_leaves_the_chart_room(qtbot, document):
    widget = AnalysisPane(document)
    qtbot.addWidget(widget)
    widget.resize(760, 390)  # the analysis pane of a 1024x640 window
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.tabs.height() < widget.summary_height()
    assert widget.chart.height() > 1.3 * widget.tabs.height()  # was 130 px beside a 170 px summary
    table = widget.summary
    cheapest = table.visualRect(table.model().index(_row_of(table.model(), "instance-software"), 0))
    assert table.viewport().rect().contains(cheapest)


def test_a_selected_option_keeps_its_own_colour_swatch(qtbot, pane):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    table = pane.summary
    table.select_option("instance-software")
    index = table.model().index(_row_of(table.model(), "instance-software"), 0)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.state |= QStyle.State_Selected
    option.decorationSize = QSize(16, 16)
    table.itemDelegate().initStyleOption(option, index)  # Qt's own: the model hands the swatch
    size = option.decorationSize
    for mode in (QIcon.Normal, QIcon.Selected):
        image = option.icon.pixmap(size, mode).toImage()
        assert image.pixelColor(size.width() // 2, size.height() // 2).name() == "#e69f00"  # Software instance


def test_the_summary_selection_follows_the_cheapest_after_every_change(qtbot, pane, document):
    table = pane.summary
    assert table.selected_option() == "instance-software"
    panel = pane.whatif_panel
    panel.keys_slider.setValue(FACTOR_STOPS.index("0.1"))
    panel.calls_slider.setValue(FACTOR_STOPS.index("0.1"))  # a tenth of the keys and calls: pay as you go
    assert pane.comparison.cheapest == "payg-instance-software"
    assert table.selected_option() == "payg-instance-software"
    assert table.viewport().rect().contains(table.visualRect(table.currentIndex()))
    panel.calls_slider.setValue(FACTOR_STOPS.index("1"))
    assert table.selected_option() == pane.comparison.cheapest == "instance-software"
    assert table.chosen is None


def test_a_row_the_user_selects_stays_selected_through_changes(qtbot, pane, document):
    table = pane.summary
    row = _row_of(table.model(), "dedicated")
    _click_row(qtbot, table, row)
    assert table.chosen == "dedicated" and pane.breakdown.option_id == "dedicated"
    pane.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("10"))
    assert table.selected_option() == "dedicated"
    document.reset(load(SAMPLES / "growing-saas.kmsplan"), None)  # another plan: follow its cheapest again
    assert table.chosen is None
    assert table.selected_option() == document.comparison.cheapest == "instance-software"


def test_the_cheapest_row_is_in_view_in_a_1024x640_window_of_the_regulated_estate(qtbot, tmp_path):
    from desktop.main_window import MainWindow
    from tests.desktop.conftest import mark_clean

    plan = load(SAMPLES / "regulated-estate.kmsplan")  # with the HSM cluster price and Dedicated's capacity
    plan = plan.with_(price_overrides={"cloud-hsm.cluster.month": D("3000")},
                      limit_overrides={"dedicated_instance_key_quota": D(10000), "dedicated_instance_qps": D(20000)})
    window = MainWindow(plan, None, autosave_dir=tmp_path / "a", restore_layout=False)
    qtbot.addWidget(window, before_close_func=mark_clean)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    window.reset_layout()
    qtbot.wait(30)
    table = window.analysis.summary
    target = window.document.comparison.cheapest
    assert target == "dedicated"  # the last row
    assert table.selected_option() == target
    rect = table.visualRect(table.model().index(_row_of(table.model(), target), 0))
    assert table.viewport().rect().contains(rect), (rect, table.viewport().rect())
    caveat = window.analysis.caveat  # "Not ranked: KMS 1.0 PAYG (ended 2025-09-30), ...": wrapped, whole
    assert caveat.isVisible() and caveat.text().startswith("Not ranked: KMS 1.0 PAYG (ended 2025-09-30)")
    assert caveat.height() >= caveat.heightForWidth(caveat.width())
    assert caveat.geometry().right() <= window.analysis.width()


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, colour in ((QPalette.Window, "#2b2b2b"), (QPalette.WindowText, "#e8e8e8"),
                         (QPalette.Base, "#1e1e1e"), (QPalette.AlternateBase, "#262626"),
                         (QPalette.Text, "#e8e8e8"), (QPalette.Button, "#353535"),
                         (QPalette.ButtonText, "#e8e8e8"), (QPalette.Highlight, "#2f65ca"),
                         (QPalette.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("dark", [False, True])
def test_marks_read_under_light_and_dark_palettes(qtbot, document, dark):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from desktop.palette_colours import contrast

    widget = AnalysisPane(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    if dark:  # switched while shown, as a desktop theme switch does
        widget.setPalette(dark_palette())
    widget.whatif_panel.calls_slider.setValue(FACTOR_STOPS.index("2"))  # shows the banner
    widget.whatif_panel.keep_button.setEnabled(True)
    palette = widget.summary.palette()
    assert (palette.base().color().lightness() < 128) == dark
    text = palette.text().color()
    model = widget.summary.model_
    cheapest = widget.comparison.cheapest
    if cheapest is not None:
        background = model.index(_row_of(model, cheapest), 1).data(Qt.BackgroundRole).color()
        assert background != palette.base().color()  # marked
        assert contrast(text, background) >= 4.5
    for row in model.rows:
        colour = model.index(_row_of(model, row.id), 1).data(Qt.ForegroundRole)
        if colour is not None:
            assert contrast(colour.color(), palette.base().color()) >= 4.5, row.id
    # the what-if banner: its own background, the window's text colour on it
    QApplication.processEvents()
    banner = widget.banner.grab().toImage()
    inside = banner.pixelColor(banner.width() - 4, banner.height() // 2)
    assert contrast(widget.palette().color(QPalette.WindowText), inside) >= 4.5
    assert (inside.lightness() < 128) == dark
    # the scenarios' base-plan row
    scenarios = widget.scenarios_view
    widget.tabs.setCurrentWidget(scenarios)
    base_bg = scenarios.model_.index(0, 0).data(Qt.BackgroundRole).color()
    assert contrast(scenarios.palette().text().color(), base_bg) >= 4.5
    assert (base_bg.lightness() < 128) == dark


def test_tables_and_panes_have_accessible_names(pane):
    for widget in (pane.summary, pane.breakdown.table, pane.scenarios_view.table, pane.break_even_list, pane.why):
        assert widget.accessibleName(), widget
    assert "cheapest" in pane.summary.accessibleDescription()
    assert "month" in pane.breakdown.table.accessibleDescription()


def test_the_breakdown_of_an_option_not_ranked_marks_its_total(qtbot, pane, document):
    c = document.comparison
    _click_row(qtbot, pane.summary, _row_of(pane.summary.model_, "instance-hardware"))
    pane.tabs.setCurrentWidget(pane.breakdown)
    option = c.option("instance-hardware")
    total = next(r for r in pane.breakdown.rows if r.kind == "total")
    assert total.total == "≥ " + fmt_money(option.total) == "≥ 66,563.00"
    assert total.cells[0] == "≥ " + fmt_money(option.monthly[0])
    assert "not ranked, lower bound: Cloud HSM cluster price not entered" in pane.breakdown.title.text()
    assert pane.breakdown.notes.text().startswith("• Needs the price of “Cloud HSM cluster")
    assert pane.breakdown.notes.wordWrap()
    _click_row(qtbot, pane.summary, _row_of(pane.summary.model_, "instance-software"))
    total = next(r for r in pane.breakdown.rows if r.kind == "total")
    assert total.total == "18,500.00" and "not ranked" not in pane.breakdown.title.text()


def test_breakdown_columns_stay_fitted_to_their_contents_through_edits(qtbot, pane, document):
    """Only the columns whose widest text changed are fitted again; each ends as wide as fitting
    every column would make it, and a column the user dragged is fitted again as before."""
    pane.tabs.setCurrentWidget(pane.breakdown)
    table = pane.breakdown.table
    group = document.plan.key_groups[0]
    for count, drag in ((group.count * 10, False), (group.count * 1000, False), (group.count + 1, False),
                        (group.count + 2, True), (group.count, False)):
        if drag:
            table.setColumnWidth(3, table.columnWidth(3) + 40)
        document.edit(document.plan.with_group(0, group.with_(count=count)), "Keys")
        widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
        table.resizeColumnsToContents()
        assert widths == [table.columnWidth(c) for c in range(table.model().columnCount())], count


def test_a_new_headline_of_the_same_size_lays_nothing_out(qtbot, pane, document):
    """The headline's figures change with every step: the same room needed, the pane is not laid out again
    (nor by the hidden what-if notice, which has nothing to clear)."""
    first, second = (compare(document.plan, whatif=WhatIf(keys_factor=D(k))) for k in ("1.1", "1.2"))
    pane._show_headline(first)
    qtbot.wait(200)  # the reasons (their timer since the show) and every layout settled
    spy = EventSpy()
    pane.installEventFilter(spy)
    requests = spy.seen
    pane._show_headline(second)
    qtbot.wait(20)
    assert "21,500.00 USD" in pane.headline.text() and not pane.banner.isVisible()
    assert requests == []


def test_a_whatif_step_within_the_notices_width_lays_nothing_out(qtbot, pane):
    """"×2" after "×1.75": the notice's new words fit the room it holds, the pane is not laid out again."""
    slider = pane.whatif_panel.calls_slider
    slider.setValue(FACTOR_STOPS.index("1.75"))
    qtbot.wait(200)
    spy = EventSpy()
    pane.installEventFilter(spy)
    requests = spy.seen
    slider.setValue(FACTOR_STOPS.index("2"))
    qtbot.wait(200)
    assert pane.banner.text() == "What-if: calls ×2 (plan unchanged)" and pane.banner.isVisible()
    assert requests == []
