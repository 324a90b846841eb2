"""Kept for the views that import it from here: the palette-derived colours live in
desktop/palette_colours.py (outside views, so models and exports may use them too)."""

from desktop.palette_colours import *  # noqa: F401,F403
from desktop.palette_colours import __all__  # noqa: F401
