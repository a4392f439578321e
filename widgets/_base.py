"""The base of every live view: ``controls``, ``state``, one ``figure``.

A view draws its figure once (``_draw``), then on every control change it asks
the core for new numbers (``_compute`` → ``state``) and moves the existing
artists (``_update_artists``). No formula lives here or in a callback.
"""
import html

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure

_IPYMPL_BACKENDS = ("module://ipympl.backend_nbagg", "widget", "ipympl")


def using_ipympl():
    """True when the notebook selected ``%matplotlib widget`` (ipympl)."""
    return matplotlib.get_backend().lower() in _IPYMPL_BACKENDS


def new_figure(figsize):
    """A figure and the widget that shows it: an ipympl canvas, or an Output widget (inline fallback)."""
    if using_ipympl():
        import matplotlib.pyplot as plt
        with plt.ioff():
            fig = plt.figure(figsize=figsize)
        fig.canvas.header_visible = False
        fig.canvas.toolbar_visible = False
        fig.canvas.resizable = False
        return fig, fig.canvas
    fig = Figure(figsize=figsize)
    height = f"{int(figsize[1] * fig.dpi) + 10}px"   # fixed, so nothing jumps on redraw
    return fig, widgets.Output(layout=widgets.Layout(height=height, min_height=height))


def float_slider(description, value, min, max, step=0.01, fmt=".2f", **kw):
    """A labelled slider that clamps to [min, max]."""
    return widgets.FloatSlider(value=float(np.clip(value, min, max)), min=min, max=max, step=step,
                               description=description, readout_format=fmt, continuous_update=True,
                               style={"description_width": "initial"}, **kw)


class View(widgets.VBox):
    """Controls on top, the figure, then a readout of ``state`` in fixed decimals."""

    figsize = (6.4, 3.2)
    decimals = 4

    def __init__(self, controls, figsize=None):
        self.controls = dict(controls)
        self.state = {}
        self.figure, self._figure_widget = new_figure(figsize or self.figsize)
        self.readout = widgets.HTML()
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
        """Create every artist once."""
        raise NotImplementedError

    def _update_artists(self):
        """Move the artists to ``self.state`` (set_data, set_height, set_text …)."""
        raise NotImplementedError

    def _control_box(self):
        """The widget holding the controls (override for a custom layout)."""
        return widgets.VBox(list(self.controls.values()))

    # ---- the shared mechanism ----------------------------------------
    def _on_change(self, change=None):
        self._refresh()

    def _refresh(self):
        with np.errstate(all="raise"):          # a hidden numpy warning would be a bug: fail loudly in tests
            self.state = self._compute()
        self._update_artists()
        self.readout.value = self._readout_html()
        self.redraw()

    def redraw(self):
        """Render the figure: draw_idle on ipympl, Agg draw plus a fresh display otherwise."""
        if self._figure_widget is self.figure.canvas:
            self.figure.canvas.draw_idle()
            return
        self.figure.canvas.draw()
        if _in_kernel():
            from IPython.display import display
            with self._figure_widget:
                self._figure_widget.clear_output(wait=True)
                display(self.figure)

    def _readout_items(self):
        """(label, value) pairs for the readout; by default every scalar or small array in state."""
        return [(k, v) for k, v in self.state.items() if np.size(v) <= 12 and _is_number(v)]

    def _readout_html(self):
        cells = [f"<td style='padding:0 .8em 0 0'><b>{html.escape(str(k))}</b> = {html.escape(_fmt(v, self.decimals))}</td>"
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
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.{decimals}f}"
    return np.array2string(arr, precision=decimals, floatmode="fixed", separator=", ")


def _in_kernel():
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
