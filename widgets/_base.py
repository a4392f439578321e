"""The base of every live view: ``controls``, ``state``, one ``figure``.

A view draws its figure once (``_draw``), then on every control change it asks
the core for new numbers (``_compute`` → ``state``) and moves the existing
artists (``_update_artists``). No formula lives here or in a callback.
Outside ipympl the figure is drawn synchronously with Agg; artists a view marks
with ``_mark_dynamic`` are blitted over a cached background (axes, ticks, labels).
A view with ``plot_size`` set draws in the browser instead (issue 13): its figure is a ``Plot``,
``_draw`` sets its panels and ``_update_artists`` hands it the marks derived from ``state``.
"""
import base64
import contextlib

import ipywidgets as widgets
import numpy as np

from backprop.parameters import get_parameter, set_parameter

from ._lifetime import close_figure, close_widgets, replace_previous
from ._readout import numbers_in, readout_table
from ._render import Blitter, in_kernel, new_figure, png_bytes, using_ipympl  # noqa: F401 (part of the API)
from ._sliders import nice_limit
from .figures import Plot


class View(widgets.VBox):
    """Controls on top, the figure, then a readout of ``state`` in fixed decimals."""

    figsize = (6.4, 3.2)
    decimals = 4
    plot_size = None                              # (width, height) px: the figure is a browser-drawn Plot
    _quiet, closed = 0, False

    def __init__(self, controls, figsize=None, actions=None):
        replace_previous(self)                    # re-running a cell closes the views it made before
        self.controls = dict(controls)
        self._clicks = [(self.controls[name], lambda _, act=act: act()) for name, act in (actions or {}).items()]
        self.state = {}
        if self.plot_size:
            self.figure = self._figure_widget = Plot([], *self.plot_size)
        else:
            self.figure, self._figure_widget = new_figure(figsize or self.figsize)
        self.readout = widgets.HTML()
        self._blitter, self._steady = None if self.plot_size else Blitter(self.figure), {}
        before = set(vars(self))
        self._draw()
        self._drawing = set(vars(self)) - before    # the artists and axes _draw made: close lets go of them
        self._refresh()
        for control in self.controls.values():
            if hasattr(control, "value") and not isinstance(control, widgets.Button):
                control.observe(self._on_change, names="value")
        for button, handler in self._clicks:     # actions: button name → what a click does
            button.on_click(handler)
        super().__init__(children=[self._control_box(), self._figure_widget, self.readout])

    def close(self):
        """Close the view: its figure, every widget in it and every observer (re-running its cell does this)."""
        if self.closed:
            return
        self.closed = True
        if hasattr(self, "_drawing"):                 # drawn
            if not isinstance(self.figure, Plot):      # a Plot is a widget of the view: closed below
                close_figure(self.figure)
            close_widgets([self, *self.controls.values()])
            for button, handler in self._clicks:
                button.on_click(handler, remove=True)
            for name in self._drawing | {"figure", "_figure_widget", "_blitter"}:
                setattr(self, name, None)             # a closed view kept in Out[] holds no figure …
            self.children = ()
            self._release()                           # … and no data
        super().close()

    def __del__(self):
        """Disposal (a view that was never built, or Python exiting) closes the comm only."""
        widgets.VBox.close(self)

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

    def _release(self):
        """Let go of what the view holds besides its figure (data sets, caches) once it is closed."""

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

    def _setting(self, name):
        """The number or choice control ``name`` stands for (a slider's exact number, not its rounded echo)."""
        control = self.controls[name]
        return control.exact if hasattr(control, "exact") else control.value

    def _bind_parameter(self, choice, slider):
        """``slider`` holds the parameter of ``self.net`` picked in ``choice``: picking shows it, a move writes it."""
        def show(change=None):
            with self._silenced():
                slider.show(get_parameter(self.net, choice.value))
        choice.observe(show, names="value")       # before the view's own refresh
        slider.on_move(lambda value: set_parameter(self.net, choice.value, value))
        return show

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
        if self.closed:
            return
        with np.errstate(all="raise", under="ignore"):   # a hidden numpy warning is a bug: fail loudly
            self.state = self._compute()
        self._update_artists()
        self.readout.value = self._readout_html()
        self.redraw()

    def redraw(self):
        """Render the figure: draw_idle on ipympl; otherwise a synchronous Agg draw (and a PNG in a kernel)."""
        if isinstance(self.figure, Plot):             # the browser draws the marks it was sent
            return
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

    def _repr_mimebundle_(self, **kwargs):
        """The live view, and with a Plot also a PNG of its figure for places without widgets (nbconvert, GitHub)."""
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(self.figure, Plot) and data:
            data["image/png"] = base64.b64encode(self.figure.picture()).decode("ascii")
        return data

    def _readout_items(self):
        """(label, value) pairs for the readout; by default every scalar or small array in state."""
        return numbers_in(self.state)

    def _readout_html(self):
        return readout_table(self._readout_items(), self.decimals)
