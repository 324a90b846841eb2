"""SteadyLabel (desktop/views/steady_label.py): a line whose text changes often lays the window out
again only when it needs another size."""

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
