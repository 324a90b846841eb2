"""Colours for marks in the views (cheapest row, banner, refused cell, base-plan row, muted text),
derived from the widget's palette so they stay readable under a dark desktop theme.

A mark is a little of an accent hue blended into the palette's own base colour: light green on a
white table, dark green on a dark one, and the palette's text colour stays readable on both (the
tests check WCAG contrast of at least 4.5:1 under light and dark palettes)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

__all__ = ["GREEN", "AMBER", "RED", "TINT_SHARE", "blend", "contrast", "is_dark", "text", "tint",
           "cheapest_background", "notice_background", "notice_border", "refused_background", "warning_foreground",
           "muted_foreground", "quiet_background", "banner_style"]

GREEN = "#2e9e5b"  # the cheapest option
AMBER = "#e0a800"  # a notice: the what-if banner, a highlighted cell
RED = "#d93025"  # a refused value
TINT_SHARE = 0.2  # how much of the accent goes into the base colour


def blend(base: QColor, accent: QColor | str, share: float) -> QColor:
    """`share` of `accent` over `base` (0: base, 1: accent)."""
    a, b = QColor(base), QColor(accent)
    mix = (lambda x, y: round(x + (y - x) * share))
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()))


def _luminance(colour: QColor) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(first: QColor | str, second: QColor | str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; text wants at least 4.5)."""
    a, b = sorted((_luminance(QColor(first)), _luminance(QColor(second))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Base).lightness() < 128


def text(palette: QPalette) -> QColor:
    return palette.color(QPalette.Text)


def tint(palette: QPalette, accent: str, share: float = TINT_SHARE, role=QPalette.Base) -> QColor:
    """A background for a marked cell: the accent blended into the palette's base (or `role`)."""
    return blend(palette.color(role), accent, share)


def cheapest_background(palette: QPalette) -> QColor:
    return tint(palette, GREEN)


def notice_background(palette: QPalette, role=QPalette.Base) -> QColor:
    return tint(palette, AMBER, 0.25, role)


def notice_border(palette: QPalette, role=QPalette.Base) -> QColor:
    return tint(palette, AMBER, 0.7, role)


def refused_background(palette: QPalette) -> QColor:
    return tint(palette, RED, 0.22)


def warning_foreground(palette: QPalette) -> QColor:
    """Red text that reads on the palette's base: dark red on light, light red on dark."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#a11a1a")


def muted_foreground(palette: QPalette) -> QColor:
    """Secondary text (an option that is not ranked, a detail row): the text colour towards the
    base, kept at 4.5:1 or more (a fixed #8a8a8a is 3.4:1 on white and vanishes on dark grey)."""
    return blend(text(palette), palette.color(QPalette.Base), 0.4)


def quiet_background(palette: QPalette) -> QColor:
    """A row set apart without a hue (the base plan among the scenarios)."""
    return blend(palette.color(QPalette.Base), text(palette), 0.07)


def banner_style(palette: QPalette) -> str:
    """The what-if banner's style sheet for this palette."""
    window = QPalette.Window  # a label sits on the window's colour, in the window's text colour
    return (f"background:{notice_background(palette, window).name()}; "
            f"color:{palette.color(QPalette.WindowText).name()}; "
            f"border:1px solid {notice_border(palette, window).name()}; border-radius:3px; padding:2px 6px;")
