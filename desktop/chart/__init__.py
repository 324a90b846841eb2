"""The cost chart, drawn the same way in the window, in presentation mode and in the exports.

`desktop.views` (window, presentation) and `desktop.exports` (PNG, SVG, clipboard, PDF) both use
it, and it uses neither of them: the exports never import the views.

    style.py     colours, fonts and pens (what a curve looks like for each status)
    axes.py      the month axis and the money axis
    money_ticks.py  the money axis's ticks and labels, worked out as pyqtgraph does for its one case
    legend.py    the legend band above the plot, and how many columns of it fit
    curves.py    what each option's curve is: values, pen, name, markers on short series,
                 curves lying on top of each other
    markers.py   labels on the plot: break-even months and the amount at each curve's end
    readout.py   the crosshair that snaps to months, and its readout
    cost_chart.py  the widget that puts them together
    audience.py  dressing for a slide, a projector or a printed page (large type, a title)
"""

from desktop.chart.cost_chart import CostChart

__all__ = ["CostChart"]
