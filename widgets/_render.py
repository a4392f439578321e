"""How a view's figure reaches the screen: an ipympl canvas, or Agg pixels in an Image widget.

Outside ipympl the figure is drawn synchronously with Agg. Artists a view marks as
dynamic are drawn over a cached background (axes, ticks, labels and other static
artists), one background per set of axis limits and view-given key: a slider move
redraws only what moves.
"""
import contextlib
import io
from collections import OrderedDict

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_IPYMPL_BACKENDS = ("module://ipympl.backend_nbagg", "widget", "ipympl")


def using_ipympl():
    """True when the notebook selected ``%matplotlib widget`` (ipympl)."""
    return matplotlib.get_backend().lower() in _IPYMPL_BACKENDS


def new_figure(figsize):
    """A figure and the widget that shows it: an ipympl canvas, or a fixed-size PNG Image (inline fallback)."""
    if using_ipympl():
        import matplotlib.pyplot as plt
        with plt.ioff():
            fig = plt.figure(figsize=figsize)
        fig.canvas.header_visible = False
        fig.canvas.toolbar_visible = False
        fig.canvas.resizable = False
        return fig, fig.canvas
    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)                                  # a real Agg canvas: draw() renders pixels
    width, height = (f"{int(s * fig.dpi)}px" for s in figsize)   # fixed, so nothing jumps on redraw
    return fig, widgets.Image(format="png", layout=widgets.Layout(width=width, height=height))


class Blitter:
    """Agg drawing of one figure: static artists once per background key, dynamic ones every time."""

    def __init__(self, figure, keep=12):
        self.figure, self.dynamic, self.keep, self._backgrounds = figure, [], keep, OrderedDict()

    def clear(self):
        """Forget every cached background (after a static artist changed)."""
        self._backgrounds.clear()

    def draw(self, key=None):
        """Render the figure into the canvas's pixel buffer, now."""
        canvas = self.figure.canvas
        with _unhinted_text():
            if not self.dynamic:
                canvas.draw()
                return
            key = (tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes), key)
            if key in self._backgrounds:
                canvas.restore_region(self._backgrounds[key])
                self._backgrounds.move_to_end(key)
            else:
                self._backgrounds[key] = self._draw_background(canvas)
                while len(self._backgrounds) > self.keep:
                    self._backgrounds.popitem(last=False)
            for artist in self.dynamic:
                if artist.get_visible():
                    self.figure.draw_artist(artist)

    def _draw_background(self, canvas):
        shown = [artist.get_visible() for artist in self.dynamic]
        for artist in self.dynamic:
            artist.set_visible(False)
        canvas.draw()
        for artist, visible in zip(self.dynamic, shown):
            artist.set_visible(visible)
        return canvas.copy_from_bbox(self.figure.bbox)


@contextlib.contextmanager
def _unhinted_text():
    """Unhinted glyphs render about twice as fast and look the same at screen sizes."""
    hinting = matplotlib.rcParams["text.hinting"]
    matplotlib.rcParams["text.hinting"] = "none"
    try:
        yield
    finally:
        matplotlib.rcParams["text.hinting"] = hinting


def png_bytes(canvas):
    """The canvas's current pixels as PNG bytes (no second draw)."""
    from PIL import Image
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def in_kernel():
    """True inside a running Jupyter kernel (where a PNG must be sent to the Image widget)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
