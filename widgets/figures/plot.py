"""Plot: a live figure the browser draws (plot.js, an anywidget module) from the numbers a view sends.

A view builds its panels once, then on every change hands the marks derived from its ``state`` to
``Plot.show``; only traits that changed travel to the browser, in one message. Where no live front
end exists (nbconvert, GitHub), the output also carries a PNG of the same panels and marks, drawn
with matplotlib when the figure is displayed (picture.py), never on a change. In Pyodide (the
zero-install site) a live front end always exists, so the output carries no PNG there (``wants_picture``).
"""
import base64
import json
import sys
from pathlib import Path

import anywidget
import numpy as np
import traitlets
from . import tickrules
from .clicks import Clickable
from .marks import numbers
from .style import as_shown, for_the_browser


def wants_picture():
    """Whether a displayed view also carries a PNG: not in Pyodide (the zero-install site), where the live
    front end is always there and drawing the picture with matplotlib would only slow the lesson down."""
    return sys.platform != "emscripten"


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def ticks(lim, scale="linear"):
    """[[value, label], …] for an axis over ``lim``: about six 1-2-5 steps, or the powers of ten on a log axis."""
    lo, hi = sorted(lim)
    if scale == "log":
        values = tickrules.log(lo, hi)
        label = lambda v: "10" + str(int(round(np.log10(v)))).translate(SUPERSCRIPT)
    else:
        values = tickrules.linear(lo, hi)
        label = lambda v: f"{v:g}".replace("-", "−")
    inside = (np.log10(values / lo) >= -1e-9) & (np.log10(values / hi) <= 1e-9) if scale == "log" else \
        (values >= lo - 1e-9 * (hi - lo)) & (values <= hi + 1e-9 * (hi - lo))
    return [[float(f"{v:.12g}"), label(v)] for v in values[inside]]


def panel(rect, xlim=(0.0, 1.0), ylim=(0.0, 1.0), xscale="linear", yscale="linear", xticks=None, yticks=None,
          xlabel="", ylabel="", title="", frame=True):
    """One set of axes at ``rect`` = (left, bottom, width, height) in fractions of the figure (as matplotlib).

    Ticks are [[value, label], …]; by default chosen for the limits. ``frame=False`` draws no axes (a diagram).
    """
    return {"rect": numbers(rect), "xlim": numbers(xlim), "ylim": numbers(ylim), "xscale": xscale,
            "yscale": yscale, "xticks": ticks(xlim, xscale) if xticks is None else [[float(v), str(t)] for v, t in xticks],
            "yticks": ticks(ylim, yscale) if yticks is None else [[float(v), str(t)] for v, t in yticks],
            "xlabel": xlabel, "ylabel": ylabel, "title": title, "frame": frame}


class Plot(Clickable, anywidget.AnyWidget):
    """Panels and marks drawn as SVG in the browser; ``description`` is its text alternative (aria-label).
    ``on_click(callback)``: a click on a marker or segment whose mark carries ``keys`` calls ``callback(key)``."""

    _esm = (Path(__file__).parent / "plot.js").read_text().replace("__STYLE__", json.dumps(for_the_browser()))
    width = traitlets.Int(640).tag(sync=True)
    height = traitlets.Int(320).tag(sync=True)
    panels = traitlets.List().tag(sync=True)
    backdrop = traitlets.List().tag(sync=True)        # marks that rarely change (a curve, contours, images)
    marks = traitlets.List().tag(sync=True)           # marks that move with every change
    title = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    def __init__(self, panels, width=640, height=320, **kwargs):
        super().__init__(panels=list(panels), width=int(width), height=int(height), **kwargs)

    def show(self, marks, *, description, backdrop=None, title=None, panels=None):
        """Show new marks (and, if given, a new backdrop, title or panels) with their text alternative; the
        title's decimal numbers in the course's format ('2.8e-06' → '2.8×10⁻⁶'), as the readout beside it."""
        with self.hold_sync():
            if panels is not None:
                self.panels = list(panels)
            if backdrop is not None:
                self.backdrop = list(backdrop)
            if title is not None:
                self.title = as_shown(title)              # its numbers written as the readout writes them
            self.marks = list(marks)
            self.description = description

    def picture(self, dpi=100):
        """PNG bytes of what the figure shows now, drawn with matplotlib.

        Raises RuntimeError in the zero-install site until a cell has imported matplotlib (its kernel loads a
        package when a cell imports it; the views themselves never need it)."""
        try:
            from .picture import png
        except ModuleNotFoundError as missing:
            if missing.name and missing.name.split(".")[0] == "matplotlib":
                raise RuntimeError("Plot.picture() draws with matplotlib, which this session has not loaded: run "
                                   "`import matplotlib` in a cell of its own, then call picture() again") from None
            raise
        return png(self, dpi)

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        if wants_picture():
            data["image/png"] = base64.b64encode(self.picture()).decode("ascii")
        data["text/plain"] = self.description or "Plot"
        return data, metadata
