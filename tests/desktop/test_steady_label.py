"""SteadyLabel (desktop/views/steady_label.py): a line whose text changes often lays the window out
again only when it needs another size."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.views.steady_label import SteadyLabel
from tests.desktop.event_spy import EventSpy as LayoutRequests


def _window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    line = SteadyLabel()
    line.setWordWrap(True)
    line.label.setTextFormat(Qt.RichText)
    line.label.setText("billed user keys <b>1,234</b> &nbsp;·&nbsp; secrets <b>5</b>")
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(line, 10)
    layout = QVBoxLayout(window)
    layout.addWidget(QWidget(), 1)
    layout.addLayout(row)
    window.resize(800, 300)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(30)
    return window, line


def test_new_text_of_the_same_size_lays_nothing_out(qtbot):
    window, line = _window(qtbot)
    requests = LayoutRequests()
    window.installEventFilter(requests)
    geometry = line.geometry()
    line.label.setText("billed user keys <b>1,235</b> &nbsp;·&nbsp; secrets <b>5</b>")
    qtbot.wait(30)
    assert requests.seen == []
    assert line.geometry() == geometry and line.label.geometry() == line.rect()


def test_text_that_needs_another_line_lays_the_window_out(qtbot):
    window, line = _window(qtbot)
    requests = LayoutRequests()
    window.installEventFilter(requests)
    height = line.height()
    line.label.setText("billed user keys <b>1,235</b><br>and a second line")
    qtbot.waitUntil(lambda: line.height() > height)
    assert requests.seen and line.height() >= line.label.heightForWidth(line.width())
    assert line.label.geometry() == line.rect()


def test_a_minimum_width_on_the_box_holds_room_for_shorter_and_longer_texts(qtbot):
    """A box given a minimum width (a notice that only grows) is laid out again only for a text wider
    than that: within it, the label's own width is not what the layout reads."""
    window = QWidget()
    qtbot.addWidget(window)
    line = SteadyLabel()
    line.label.setText("What-if: calls ×1.75 (plan unchanged)")
    row = QHBoxLayout(window)
    row.addWidget(QWidget(), 1)
    row.addWidget(line)
    window.resize(800, 60)
    window.show()
    qtbot.waitExposed(window)
    line.setMinimumWidth(line.label.sizeHint().width())
    qtbot.wait(30)
    wide = line.width()
    spy = LayoutRequests()
    window.installEventFilter(spy)
    line.label.setText("What-if: calls ×2 (plan unchanged)")
    qtbot.wait(30)
    assert spy.seen == [] and line.width() == wide
    line.label.setText("What-if: calls ×2, keys ×3, +12 months (48) (plan unchanged)")
    qtbot.wait(30)
    assert spy.seen and line.width() > wide


def _weighings(line):
    counted = []
    weigh = line._now_needs
    line._now_needs = lambda: counted.append(line.label.text()) or weigh()
    return counted


def test_new_digits_of_the_same_shape_are_not_weighed_again(qtbot):
    window, line = _window(qtbot)
    if line._shape() is None:
        pytest.skip("this font's digits differ in width: every text is weighed")
    weighed = _weighings(line)
    line.label.setText("billed user keys <b>9,876</b> &nbsp;·&nbsp; secrets <b>7</b>")
    qtbot.wait(30)
    assert weighed == []
    line.label.setText("billed user keys <b>19,876</b> &nbsp;·&nbsp; secrets <b>7</b>")  # one digit more
    qtbot.wait(30)
    assert weighed == ["billed user keys <b>19,876</b> &nbsp;·&nbsp; secrets <b>7</b>"]
    needs = line._needs
    assert needs == line._now_needs()  # what was kept is what weighing gives


def test_digits_in_markup_are_not_taken_for_text(qtbot):
    """&#215; and &#8226; are different characters, and a colour's digits are markup: they keep the
    shape apart (only the text's digits are left out)."""
    window, line = _window(qtbot)
    if line._shape() is None:
        pytest.skip("this font's digits differ in width: no shape is kept")
    line.label.setText("calls &#215;2")
    times = line._shape()
    line.label.setText("calls &#8226;2")
    assert line._shape() != times
    line.label.setText('<span style="font-size:20pt">8</span>')
    big = line._shape()
    line.label.setText('<span style="font-size:10pt">8</span>')
    assert line._shape() != big
    line.label.setText('<span style="font-size:10pt">3</span>')
    assert line._shape()[0] == '<span style="font-size:10pt">0</span>'


def test_a_new_font_is_weighed_again(qtbot):
    window, line = _window(qtbot)
    weighed = _weighings(line)
    font = line.label.font()
    font.setPointSize(font.pointSize() + 6)
    line.label.setFont(font)
    line.label.setText("billed user keys <b>1,236</b> &nbsp;·&nbsp; secrets <b>5</b>")
    qtbot.waitUntil(lambda: line.height() >= line.label.heightForWidth(line.width()))
    assert weighed
