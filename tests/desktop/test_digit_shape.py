"""desktop.views.digit_shape: the shape of a text is its digits read as 0, markup left as it is."""

from PySide6.QtGui import QFont, QFontMetrics

from desktop.views.digit_shape import digit_shape, even_digits


def test_plain_and_rich_shapes():
    assert digit_shape("18,500.00 USD, +9.5 %") == "00,000.00 USD, +0.0 %"
    assert digit_shape('<b style="font-size:12pt">1,234</b> &#215; 7', rich=True) == \
        '<b style="font-size:12pt">0,000</b> &#215; 0'


def test_even_digits_is_true_only_when_every_digit_is_one_width_plain_and_bold(qapp):
    for family in ("DejaVu Sans", "DejaVu Serif", "Sans Serif"):
        font = QFont(family)
        bold = QFont(font)
        bold.setBold(True)
        widths = [{QFontMetrics(f).horizontalAdvance(d) for d in "0123456789"} for f in (font, bold)]
        assert even_digits(font) is all(len(w) == 1 for w in widths)
