"""Texts whose digits alone changed take the same room, when the font's digits are all one width.

New figures on every edit (totals, the summary's amounts) would each be measured again; measured
once per shape (the text with its digits read as 0) instead, when the font allows it.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontMetrics

_DIGITS = str.maketrans("123456789", "000000000")
# A tag or an entity (kept as it is: a digit there is markup, not text), or a digit of the text.
_MARKUP_OR_DIGIT = re.compile(r"<[^>]*>|&#?\w+;|[1-9]")
_even: dict[str, bool] = {}  # font key -> all its digits one width, plain and bold


def even_digits(font: QFont) -> bool:
    """Whether every digit is as wide as the others in `font`, plain and bold (kept per font)."""
    key = font.key()
    even = _even.get(key)
    if even is None:
        bold = QFont(font)
        bold.setBold(True)
        even = _even[key] = all(len({QFontMetrics(f).horizontalAdvance(d) for d in "0123456789"}) == 1
                                for f in (font, bold))
    return even


def digit_shape(text: str, rich: bool = False) -> str:
    """`text` with its digits read as 0; in rich text, only the text's (not those of tags and entities)."""
    if rich:
        return _MARKUP_OR_DIGIT.sub(lambda m: "0" if len(m.group()) == 1 else m.group(), text)
    return text.translate(_DIGITS)
