"""SteadyLabel (desktop/views/steady_label.py): a line whose text changes often lays the window out
again only when it needs another size, and is painted once per change."""

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.views.steady_label import SteadyLabel


class Events(QObject):
    def __init__(self, kind):
        super().__init__()
        self.kind, self.seen = kind, []

    def eventFilter(self, obj, event):
        if event.type() == self.kind:
            self.seen.append(obj)
        return False


def _window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    line = SteadyLabel()
    line.setWordWrap(True)
    line.label.setTextFormat(Qt.RichText)
    line.setText("billed user keys <b>1,234</b> &nbsp;·&nbsp; secrets <b>5</b>")
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


def test_new_text_of_the_same_size_is_painted_once_and_lays_nothing_out(qtbot):
    window, line = _window(qtbot)
    layouts, paints = Events(QEvent.LayoutRequest), Events(QEvent.Paint)
    window.installEventFilter(layouts)
    line.label.installEventFilter(paints)
    geometry = line.geometry()

    class Edit(QObject):  # while an event is handled, as the totals follow an edit
        def customEvent(self, _event):
            line.setText("billed user keys <b>1,235</b> &nbsp;·&nbsp; secrets <b>5</b>")

    edit = Edit()
    QCoreApplication.postEvent(edit, QEvent(QEvent.User))
    qtbot.waitUntil(lambda: bool(paints.seen))
    qtbot.wait(30)
    assert layouts.seen == [] and len(paints.seen) == 1
    assert line.geometry() == geometry and line.label.geometry() == line.rect()


def test_text_that_needs_another_line_lays_the_window_out(qtbot):
    window, line = _window(qtbot)
    layouts = Events(QEvent.LayoutRequest)
    window.installEventFilter(layouts)
    height = line.height()
    line.setText("billed user keys <b>1,235</b><br>and a second line")
    qtbot.waitUntil(lambda: line.height() > height)
    assert layouts.seen and line.height() >= line.label.heightForWidth(line.width())
    assert line.label.geometry() == line.rect()
