"""The base of every live view: ``controls``, ``state``, one ``figure``.

A view draws its figure once (``_draw``), then on every control change it asks
the core for new numbers (``_compute`` → ``state``) and moves the existing
artists (``_update_artists``). No formula lives here or in a callback.
Outside ipympl the figure is drawn synchronously with Agg; artists a view marks
with ``_mark_dynamic`` are blitted over a cached background (axes, ticks, labels).
"""
import base64
import contextlib
import html

import ipywidgets as widgets
import numpy as np

from ._labels import Labels
from ._render import Blitter, in_kernel, new_figure, png_bytes, using_ipympl  # noqa: F401 (part of the API)


def float_slider(description, value, min, max, step=0.01, fmt=".2f", **kw):
    """A labelled slider that clamps to [min, max]."""
    return widgets.FloatSlider(value=float(np.clip(value, min, max)), min=min, max=max, step=step,
                               description=description, readout_format=fmt, continuous_update=True,
                               style={"description_width": "initial"}, **kw)


def nice_limit(values, smallest=0.01):
    """The smallest of 1, 2, 5 × 10ⁿ (≥ ``smallest``) that holds max |values|: axis limits that rarely change."""
    top = max(float(np.max(np.abs(values))), smallest)
    for step in (1.0, 2.0, 5.0, 10.0):
        limit = step * 10.0 ** np.floor(np.log10(top))
        if limit >= top * (1 - 1e-12):
            return float(limit)
    return float(10.0 ** np.ceil(np.log10(top)))


def curve_with_tangent(ax):
    """Artists of a curve with its current point, tangent and a line of numbers: (curve, tangent, point, numbers)."""
    curve, = ax.plot([], [], color="C0", lw=2)
    tangent_line, = ax.plot([], [], color="C3", lw=1.5, ls="--")
    point, = ax.plot([], [], "o", color="C3", ms=7)
    return curve, tangent_line, point, Labels(ax, [(0.03, 0.93)], fontsize=8, transform=ax.transAxes, ha="left")


class View(widgets.VBox):
    """Controls on top, the figure, then a readout of ``state`` in fixed decimals."""

    figsize = (6.4, 3.2)
    decimals = 4

    def __init__(self, controls, figsize=None):
        self.controls = dict(controls)
        self.state = {}
        self.figure, self._figure_widget = new_figure(figsize or self.figsize)
        self.readout = widgets.HTML()
        self._blitter, self._quiet, self._steady = Blitter(self.figure), 0, {}
        self._draw()
        self._refresh()
        for control in self.controls.values():
            if hasattr(control, "value") and not isinstance(control, widgets.Button):
                control.observe(self._on_change, names="value")
        super().__init__(children=[self._control_box(), self._figure_widget, self.readout])

    # ---- what each view writes ----------------------------------------
    def _compute(self):
        """Ask the core for the numbers of the current control values; return the new state."""
        raise NotImplementedError

    def _draw(self):
        """Create every artist once (mark the ones that move with ``_mark_dynamic``)."""
        raise NotImplementedError

    def _update_artists(self):
        """Move the artists to ``self.state`` (set_data, set_height, set_text …)."""
        raise NotImplementedError

    def _control_box(self):
        """The widget holding the controls (override for a custom layout)."""
        return widgets.VBox(list(self.controls.values()))

    # ---- helpers for views --------------------------------------------
    def _mark_dynamic(self, *artists):
        """Artists that change on updates; everything else is drawn once into a cached background."""
        self._blitter.dynamic.extend(artists)
        return artists[0] if len(artists) == 1 else artists

    def _steady_limit(self, name, values, smallest=0.1):
        """A symmetric axis limit (1-2-5 steps) that grows at once but shrinks only 10×: few full redraws."""
        need, old = nice_limit(values, smallest), self._steady.get(name)
        if old is None or need > old or need < old / 10:
            self._steady[name] = need
        return self._steady[name]

    def _invalidate(self):
        """Redraw the background on the next update (after changing a static artist)."""
        self._blitter.clear()

    def _background_key(self):
        """What, besides the axis limits, the static artists depend on (a cached background per key)."""
        return None

    @contextlib.contextmanager
    def _silenced(self):
        """Set control values without triggering a refresh per change (call ``_refresh`` after)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    # ---- the shared mechanism ----------------------------------------
    def _on_change(self, change=None):
        if not self._quiet:
            self._refresh()

    def _refresh(self):
        with np.errstate(all="raise", under="ignore"):   # a hidden numpy warning is a bug: fail loudly
            self.state = self._compute()
        self._update_artists()
        self.readout.value = self._readout_html()
        self.redraw()

    def redraw(self):
        """Render the figure: draw_idle on ipympl; otherwise a synchronous Agg draw (and a PNG in a kernel)."""
        canvas = self.figure.canvas
        if self._figure_widget is canvas:
            if getattr(canvas, "syncing_data_url", False):   # no front end yet (nbconvert): keep a picture
                canvas.draw()
                canvas._data_url = "data:image/png;base64," + base64.b64encode(png_bytes(canvas)).decode()
                canvas._size = tuple(self.figure.bbox.size)   # so a saved notebook shows the figure
            canvas.draw_idle()
            return
        self._blitter.draw(self._background_key())
        if in_kernel():
            self._figure_widget.value = png_bytes(canvas)

    def _readout_items(self):
        """(label, value) pairs for the readout; by default every scalar or small array in state."""
        return [(k, v) for k, v in self.state.items() if np.size(v) <= 12 and _is_number(v)]

    def _readout_html(self):
        cells = [f"<td style='padding:0 .8em 0 0'><b>{html.escape(str(k))}</b> = "
                 f"{html.escape(_fmt(v, self.decimals))}</td>"
                 for k, v in self._readout_items()]
        rows = ["<tr>" + "".join(cells[i:i + 4]) + "</tr>" for i in range(0, len(cells), 4)]
        return "<table style='font-family:monospace'>" + "".join(rows) + "</table>"


def _is_number(value):
    try:
        np.asarray(value, dtype=float)
        return True
    except (TypeError, ValueError):
        return False


def _fmt(value, decimals):
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(value)
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.{decimals}f}"
    return np.array2string(arr, precision=decimals, floatmode="fixed", separator=", ")
