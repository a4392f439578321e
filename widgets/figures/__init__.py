"""Figures the browser draws: a view sends numbers, plot.js (an anywidget module, plain JavaScript) draws them.

    from backprop.widgets.figures import Plot, panel, line, points
    plot = Plot([panel((0.1, 0.15, 0.85, 0.75), xlim=(-4, 4), ylim=(0, 1))])
    plot.show([line(0, z, a), points(0, [z0], [a0])], description="a = f(z): the point z = 0.33, a = 0.58")

``NetworkFigure`` turns a network's numbers into marks; ``Plot.picture()`` is the same figure as a PNG.
"""
from .marks import bars, contours, hline, image, legend, line, points, rect, segments, texts, vline
from .network import NetworkFigure
from .plot import Plot, panel, ticks

__all__ = ["Plot", "panel", "ticks", "bars", "contours", "hline", "image", "legend", "line", "points", "rect",
           "segments", "texts", "vline", "NetworkFigure"]

