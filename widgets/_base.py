"""The base of every live view: ``controls``, ``state``, one ``figure`` the browser draws.

A view builds its figure once (``_draw``: a ``Plot`` of ``plot_size`` pixels), then on every
control change it asks the core for new numbers (``_compute`` → ``state``) and hands the figure
the marks derived from ``state`` (``_update_artists`` → ``Plot.show``): the kernel sends numbers,
the browser draws them (issue 13). No formula lives here or in a callback. Where no live front
end exists (nbconvert, GitHub), the displayed output also carries a PNG of the figure.
"""
import base64
import contextlib
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np

from backprop.parameters import get_parameter, set_parameter

from ._lifetime import close_widgets, replace_previous
from ._readout import numbers_in, readout_table
from ._sliders import nice_limit
from .figures import Plot
from .figures.plot import wants_picture


@dataclass(frozen=True)
class Demo:
    """How a test or a benchmark shows a view outside its lesson: the view built with ``kwargs``, and a key
    pressed on the control a learner moves most (a control's label, or 'button:<its text>').

    ``between``: a (label, key) pressed, untimed, before each press, so each lands on a new setting;
    ``snake``: a second slider's label: the presses walk a grid (→ five times, a step of it, ← five times …).
    """
    control: str
    key: str = "ArrowRight"
    kwargs: dict = field(default_factory=dict)
    between: tuple = None
    snake: str = None


class View(widgets.VBox):
    """Controls on top, the figure, then a readout of ``state``, every number to its significant digits.

    ``demo`` (a Demo) says how tests and benchmarks, which find every view in backprop.widgets, show it.
    """

    demo = None
    passes = (1, 1)      # at most (forward, backward) passes one control change asks of the core, training aside
    plot_size = (640, 320)                       # (width, height) in pixels of the browser-drawn figure
    _quiet, closed = 0, False

    def __init__(self, controls, actions=None):
        replace_previous(self)                    # re-running a cell closes the views it made before
        self.controls = dict(controls)
        self._clicks = [(self.controls[name], lambda _, act=act: act()) for name, act in (actions or {}).items()]
        self.state, self._steady = {}, {}
        self.figure = self._make_figure()
        self.readout = widgets.HTML()
        self._draw()
        self._refresh()
        for control in self.controls.values():
            if hasattr(control, "value") and not isinstance(control, widgets.Button):
                control.observe(self._on_change, names="value")
        for button, handler in self._clicks:     # actions: button name → what a click does
            button.on_click(handler)
        super().__init__(children=[self._control_box(), self.figure, self.readout])
        self.add_class("bp-view")                 # the course's look (plot.js): theme colours, controls that flow

    def close(self):
        """Close the view: its figure, every widget in it and every observer (re-running its cell does this)."""
        if self.closed:
            return
        self.closed = True
        if hasattr(self, "figure"):                   # built
            close_widgets([self, self.figure, self.readout, *self.controls.values()])
            for button, handler in self._clicks:
                button.on_click(handler, remove=True)
            self.figure, self.children = None, ()     # a closed view kept in Out[] holds no figure, …
            self.controls, self.readout, self._clicks = {}, None, []   # … no control or readout …
            self._release()                           # … and no data
        super().close()

    def __del__(self):
        """Disposal (a view that was never built, or Python exiting) closes the comm only."""
        widgets.VBox.close(self)

    # ---- what each view writes ----------------------------------------
    def _compute(self):
        """Ask the core for the numbers of the current control values; return the new state."""
        raise NotImplementedError

    def _make_figure(self):
        """The figure widget the browser draws: a Plot of ``plot_size`` pixels (a view may draw another kind)."""
        return Plot([], *self.plot_size)

    def _draw(self):
        """Prepare what the figure's marks need once (grids, names, a diagram's layout)."""

    def _update_artists(self):
        """Show the marks derived from ``self.state`` (``self.figure.show(marks, description=…)``)."""
        raise NotImplementedError

    def _release(self):
        """Let go of what the view holds besides its figure (data sets, caches) once it is closed."""

    def _control_box(self):
        """The widget holding the controls (override for a custom layout): they flow into as many columns as fit."""
        box = widgets.VBox(list(self.controls.values()))
        box.add_class("bp-controls")
        return box

    # ---- helpers for views --------------------------------------------
    def _steady_limit(self, name, values, smallest=0.1):
        """A symmetric axis limit (1-2-5 steps) that grows at once but shrinks only 10×: axes rarely jump."""
        need, old = nice_limit(values, smallest), self._steady.get(name)
        if old is None or need > old or need < old / 10:
            self._steady[name] = need
        return self._steady[name]

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

    def _refresh(self, state=None):
        """Show ``state``, or the state ``_compute`` gives for the controls now (an action that already asked
        the core for the new numbers passes them, so that nothing is computed twice)."""
        if self.closed:
            return
        if state is None:
            with np.errstate(all="raise", under="ignore"):   # a hidden numpy warning is a bug: fail loudly
                state = self._compute()
        self.state = state
        self._update_artists()
        self.readout.value = self._readout_html()

    def _repr_mimebundle_(self, **kwargs):
        """The live view, and a PNG of its figure for places without widgets (nbconvert, GitHub; not in Pyodide)."""
        data = super()._repr_mimebundle_(**kwargs)
        if data and wants_picture():
            data["image/png"] = base64.b64encode(self.figure.picture()).decode("ascii")
        return data

    def _readout_items(self):
        """(label, value) pairs for the readout; by default every scalar or small array in state."""
        return numbers_in(self.state)

    def _readout_html(self):
        return readout_table(self._readout_items())
