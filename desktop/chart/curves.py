"""What each option's curve is: its values (core's, as floats for drawing), its pen, its legend
name and, for short plans, a marker on every point.

Every option with a figure gets a curve: plain totals solid, lower bounds and reference figures
dashed with their status in the legend. A curve that lies exactly on an earlier one (Hardware
instance and Dedicated KMS, both 1,799 a month) is dashed so the one below shows through, and
the pair is named together ("Hardware instance = Dedicated KMS").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QPen

from core.catalog import option_styles
from core.compare import Comparison
from desktop.chart import figures
from desktop.chart.style import GREY, curve_pen

FEW_POINTS = 12  # a series with this many points or fewer shows a marker on each
SAME = 1e-3  # curves closer than this share of the value range everywhere lie on top of each other


@dataclass(frozen=True)
class CurveSpec:
    option_id: str
    short: str  # the option's short name ("Dedicated KMS")
    name: str  # its legend name, with its status when it is not a plain total
    tip: str
    colour: str
    figure_kind: str
    y: tuple[float, ...]  # empty: nothing drawn (hidden, or no figure)
    covers: tuple[str, ...] = ()  # short names of the earlier curves this one lies on
    covers_ids: tuple[str, ...] = ()  # ... and their option ids
    ok_months: tuple[bool, ...] = ()  # months in which the option is ok, when it is not ok throughout

    def ok_part(self) -> tuple[float, ...]:
        """The values of the months in which the option is fully priced and able to serve (NaN
        elsewhere), drawn solid over its dashed curve: KMS 1.0 until it ended, for instance."""
        if not self.drawn or not any(self.ok_months):
            return ()
        nan = float("nan")
        # each ok month joined to the next one, so a run of one month still draws a segment
        return tuple(v if ok or (m and self.ok_months[m - 1]) else nan
                     for m, (v, ok) in enumerate(zip(self.y, self.ok_months)))

    @property
    def drawn(self) -> bool:
        return bool(self.y)

    def pen(self, width: float) -> QPen:
        if self.figure_kind == "none":
            return curve_pen(GREY, max(1.5, width / 2), "none")
        return curve_pen(self.colour, width, self.figure_kind, covering=bool(self.covers))

    def sample_pen(self, width: float) -> QPen:
        """The legend's line: the curve's pen, solid where the curve is dashed only to let
        the one below show."""
        if self.figure_kind == "none":
            return self.pen(width)
        return curve_pen(self.colour, width, self.figure_kind)

    def markers(self) -> bool:
        return 0 < len(self.y) <= FEW_POINTS

    @property
    def together(self) -> str:
        """"Hardware instance = Dedicated KMS" for a curve that covers another, else its name."""
        return " = ".join((*self.covers, self.short))


def series(comparison: Comparison, option_id: str, mode: str) -> tuple[float, ...]:
    """The y values drawn for an option (floats: drawing only)."""
    c = comparison
    values = c.cumulative(option_id) if mode == "cumulative" else c.option(option_id).monthly
    return tuple(map(float, values))  # float ok: drawing


def curve_specs(comparison: Comparison, mode: str, hidden: set[str]) -> list[CurveSpec]:
    """One spec per option not hidden, in display order (hidden ones are left out)."""
    styles = option_styles()
    specs: list[CurveSpec] = []
    for option in comparison.options:
        if option.id in hidden:
            continue
        style = styles[option.id]
        kind = figures.figure_kind(option)
        words = figures.status_words(option)
        name = f"{style.short} ({words})" if words else style.short
        reason = option.status_reasons[0] if option.status_reasons else (option.notes[0] if option.notes else "")
        tip = f"{option.label}: {words}. {reason}".strip() if words else option.label
        y = series(comparison, option.id, mode) if kind != "none" else ()
        ok_months = () if kind == "total" else tuple(map("ok".__eq__, option.monthly_status))
        if any(ok_months):
            last = max(m for m, ok in enumerate(ok_months) if ok)
            tip += f" Fully priced until {comparison.months[last]} (drawn solid up to there)."
        specs.append(CurveSpec(option.id, style.short, name, tip, style.colour, kind, y, ok_months=ok_months))
    return _mark_covering(specs)


def _mark_covering(specs: list[CurveSpec]) -> list[CurveSpec]:
    drawn = [s for s in specs if s.drawn]
    if not drawn:
        return specs
    # one row per drawn curve (each has every month of the comparison), compared with the rows above at once
    values = np.array([s.y for s in drawn])
    tolerance = max(1e-9, (float(values.max()) - min(0.0, float(values.min()))) * SAME)
    out = []
    earlier: list[CurveSpec] = []
    for spec in specs:
        if spec.drawn:
            row = len(earlier)
            apart = np.abs(values[:row] - values[row]).max(axis=1) if row else ()
            under = [e for e, distance in zip(earlier, apart) if float(distance) <= tolerance]
            if under:
                spec = CurveSpec(**{**spec.__dict__, "covers": tuple(e.short for e in under),
                                    "covers_ids": tuple(e.option_id for e in under)})
            earlier.append(spec)
        out.append(spec)
    return out
