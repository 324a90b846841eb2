"""Presentation mode: F5 opens it full screen with the cheapest option and break-evens in words as
core states them; arrow keys (and a clicker's PageUp/PageDown) step through the stored scenarios;
Esc leaves. The numbers are the sample's quote (kms-planner quote growing-saas.kmsplan)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from core.compare import compare
from core.headline import headline
from core.paths import samples_dir
from core.planfile import load
from core.scenarios import Scenario, keep
from core.sweep import WhatIf, apply_whatif
from desktop.views.presentation import PresentationWindow, start_presentation

SOFTWARE_SUBSCRIPTION = "Software key management instance (subscription)"


@pytest.fixture(autouse=True)
def never_ask_to_save(monkeypatch):
    """pytest-qt closes the window before the main_window fixture marks an edited plan clean: answer
    the "Unsaved changes" question with Discard instead of leaving a modal dialog open."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.Discard))


def open_with_f5(qtbot, window) -> PresentationWindow:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key_F5)
    view = window.presentation
    assert view is not None
    qtbot.waitUntil(view.isVisible)
    return view


@pytest.fixture
def with_scenarios(main_window):
    plan = keep(main_window.document.plan, Scenario("Double traffic", WhatIf(calls_factor=Decimal(2))))
    plan = keep(plan, Scenario("Five years", WhatIf(months=60)))
    main_window.document.edit(plan, "Keep scenarios")
    return main_window


def test_f5_opens_full_screen_with_the_cheapest_option_as_core_says(qtbot, main_window):
    view = open_with_f5(qtbot, main_window)
    assert view.isFullScreen()
    core_cheapest = compare(main_window.document.plan)
    assert core_cheapest.cheapest == "instance-software"
    assert view.cheapest_label.text() == core_cheapest.option("instance-software").label == SOFTWARE_SUBSCRIPTION
    assert view.cheapest_total.text() == "18,500 USD"  # the quote's 18,500.00
    assert view.summary_label.text() == core_cheapest.reasons()[0]
    assert view.summary_label.text().startswith(
        "Software key management instance (subscription) is the cheapest over 36 months, 89,733.72 USD less than")
    # core's headline with its caveats, word for word
    assert view.headline_label.text() == headline(core_cheapest)
    assert view.headline_label.text().startswith("Cheapest fully priced: Software instance, 18,500.00 USD over 36 months. "
                                                 "Not ranked: KMS 1.0 PAYG (ended 2025-09-30)")
    assert view.scenario_label.text() == "Base plan"
    assert view.chart.mode == "cumulative"


def test_break_even_months_are_in_words_cheapest_first(qtbot, main_window):
    # With the Cloud HSM cluster price and the Dedicated KMS capacity entered, every option but
    # KMS 1.0 (ended) is ranked, and the curves cross four times
    doc = main_window.document
    doc.edit(doc.plan.with_(price_overrides={"cloud-hsm.cluster.month": Decimal(0)},
                            limit_overrides={"dedicated_instance_key_quota": Decimal(1000),
                                             "dedicated_instance_qps": Decimal(1000)}), "Enter prices")
    view = start_presentation(main_window)
    lines = view.break_even_label.text().splitlines()
    assert len(compare(doc.plan).break_evens()) == 4
    assert lines == ["From 2027-11 (month 11): Dedicated KMS becomes cheaper than Hardware instance PAYG",
                     "From 2027-11 (month 11): Hardware instance becomes cheaper than Hardware instance PAYG",
                     "From 2028-02 (month 14): Dedicated KMS becomes cheaper than Software instance PAYG",
                     "… and 1 more break-even"]  # 4 in all, 3 shown
    view.close()


def test_totals_strip_shows_every_priced_option_with_the_cheapest_in_bold(qtbot, main_window):
    view = start_presentation(main_window)
    assert list(view.total_labels) == ["payg-legacy", "instance-software", "instance-hardware",
                                       "payg-instance-software", "payg-instance-hardware", "dedicated"]
    assert "18,870" in view.total_labels["payg-legacy"].text()
    cheapest = view.total_labels["instance-software"].text()
    assert "18,500" in cheapest and "font-weight:bold" in cheapest
    assert "font-weight:normal" in view.total_labels["dedicated"].text() and "64,764" in view.total_labels["dedicated"].text()
    assert not view.missing_label.isVisible()
    view.close()


def test_right_arrow_steps_through_the_scenarios_and_back(qtbot, with_scenarios):
    window = with_scenarios
    view = open_with_f5(qtbot, window)
    assert view.position_label.text().startswith("1 of 3")
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.scenario_label.text() == "Double traffic"
    assert view.plan_label.text().startswith("calls ×2 · Growing SaaS with rotation (software keys) · 2027-01")
    assert view.position_label.text().startswith("2 of 3")
    doubled = compare(apply_whatif(window.document.plan, WhatIf(calls_factor=Decimal(2))))
    assert view.comparison.option("payg-legacy").total == doubled.option("payg-legacy").total
    assert view.cheapest_label.text() == doubled.option(doubled.cheapest).label
    # the chart shows the scenario: its last cumulative point is the scenario's KMS 1.0 total
    assert view.chart.series("payg-legacy")[-1] == pytest.approx(float(doubled.option("payg-legacy").total))
    qtbot.keyClick(view, Qt.Key_PageDown)
    assert view.scenario_label.text() == "Five years"
    assert "2027-01 to 2031-12 (60 months)" in view.plan_label.text()
    qtbot.keyClick(view, Qt.Key_Right)  # wraps round to the base plan
    assert view.scenario_label.text() == "Base plan"
    qtbot.keyClick(view, Qt.Key_Left)
    assert view.scenario_label.text() == "Five years"
    qtbot.keyClick(view, Qt.Key_PageUp)
    assert view.scenario_label.text() == "Double traffic"
    view.close()


def test_without_scenarios_the_arrows_stay_on_the_base_plan(qtbot, main_window):
    view = start_presentation(main_window)
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.scenario_label.text() == "Base plan" and view.position_label.text().startswith("1 of 1")
    view.close()


def test_escape_leaves_and_f5_opens_again(qtbot, main_window):
    view = open_with_f5(qtbot, main_window)
    qtbot.keyClick(view, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert main_window.presentation is None
    again = open_with_f5(qtbot, main_window)
    assert again.isVisible()
    again.close()


def test_start_presentation_brings_back_the_open_one(qtbot, main_window):
    first = start_presentation(main_window)
    assert start_presentation(main_window) is first
    first.close()


def test_the_view_menu_has_presentation_on_f5(main_window):
    actions = {a.text(): a for a in main_window.view_menu.actions()}
    assert actions["&Presentation"].shortcut().toString() == "F5"


def test_an_edit_to_the_plan_shows_at_once(qtbot, main_window):
    view = start_presentation(main_window)
    doc = main_window.document
    doc.edit(doc.plan.with_(months=12), "Change horizon")
    assert "(12 months)" in view.plan_label.text()
    assert view.cheapest_label.text() == compare(doc.plan).option(compare(doc.plan).cheapest).label
    view.close()


def test_options_that_are_not_ok_are_dashed_and_marked_and_those_without_figures_named_once(qtbot, document):
    document.reset(load(samples_dir() / "regulated-estate.kmsplan"), None)
    view = PresentationWindow(document)
    qtbot.addWidget(view)
    estate = compare(document.plan)
    assert estate.cheapest is None
    assert view.cheapest_label.text() == "none" and view.cheapest_total.text() == ""
    assert view.headline_label.text() == headline(estate)
    assert view.headline_label.text().startswith("No option is fully priced and able to serve this plan.")
    assert not view.summary_label.isVisible()  # it would repeat what to enter
    # every option with a figure keeps its total, printed as core prints it, with its status
    assert list(view.total_labels) == ["payg-legacy", "payg-instance-software", "payg-instance-hardware", "dedicated"]
    from core.status import figure_text

    dedicated = estate.option("dedicated")
    assert figure_text(dedicated, dedicated.total).endswith("143,940.00 (reference)")
    assert figure_text(dedicated, dedicated.total) in view.total_labels["dedicated"].text()
    assert "capacity not published" in view.total_labels["dedicated"].text()
    assert "≥ 1,459,901.00" in view.total_labels["payg-instance-hardware"].text()
    assert estate.option("instance-software").short_reason == "holds no HSM keys"
    assert view.missing_label.text() == ("No figure: Software instance (holds no HSM keys), Hardware instance "
                                         f"({estate.option('instance-hardware').short_reason})")
    # on the chart: dashed, never solid, and named with their status where the legend has room
    assert view.chart.visible_ids() == ("payg-legacy", "payg-instance-software", "payg-instance-hardware", "dedicated")
    for option_id in view.chart.visible_ids():
        assert view.chart._curves[option_id].opts["pen"].style() == Qt.CustomDashLine, option_id
    legend = [label.text for _sample, label in view.chart.legend.items]
    assert len(legend) == 4 and legend[3].startswith("Dedicated KMS")
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: "dedicated" in view.chart.end_label_texts())
    assert view.chart.end_label_texts()["dedicated"] == f"■ {figure_text(dedicated, dedicated.total)}"
    assert view.break_even_label.text() == "No break-even: no curves cross in 60 months"


def test_type_is_large_at_1920_by_1080_and_scales_down_on_a_smaller_screen(qtbot, document, tmp_path):
    view = PresentationWindow(document)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    assert view.scale == 1.0
    assert view.cheapest_label.font().pointSizeF() == 30 and view.summary_label.font().pointSizeF() == 20
    assert view.chart.plot_item.getAxis("left").style["tickFont"].pointSize() == 20
    shot = view.grab()
    assert (shot.width(), shot.height()) == (1920, 1080)
    shot.save(str(tmp_path / "presentation-1920.png"))
    view.fit_to(QSize(1280, 720))
    assert view.scale == pytest.approx(0.65)
    assert view.cheapest_label.font().pointSizeF() == pytest.approx(19.5)


def test_a_one_month_plan_reads_1_month_and_keeps_its_cents(qtbot, document):
    document.reset(load(samples_dir() / "seed-example-3-signatures.kmsplan"), None)
    view = PresentationWindow(document)
    qtbot.addWidget(view)
    seed = compare(document.plan)
    assert seed.cheapest == "payg-legacy" and seed.option("payg-legacy").total == Decimal("3.99")
    assert "· 2024-04 (1 month) ·" in view.plan_label.text()
    assert "to 2024-04" not in view.plan_label.text() and "1 months" not in view.plan_label.text()
    assert view.cheapest_total.text() == "3.99 USD"  # not "4 USD"
    assert "3.99" in view.total_labels["payg-legacy"].text()
    assert view.break_even_label.text() == "No break-even: no curves cross in 1 month"
    assert all(view.chart._curves[i].opts["symbol"] == "o" for i in view.chart.visible_ids())
