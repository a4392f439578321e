"""What the browser section measures: one notebook per view or baseline, and the keys pressed on it.

Every press lands on settings never visited before: a slider moves one step further each time
(OverfittingExplorer snakes over its weight-decay × dropout grid). The training dashboard is
triggered by Enter on its Train button, one epoch per run, after a step of "hidden neurons": the time
is the click, one epoch of training (an asyncio task in the kernel) and the curves' update.
"""
from dataclasses import dataclass

PRESSES = 15


@dataclass
class Case:
    """A notebook cell that shows one view, the keys pressed on it and how that is said in the table."""
    name: str
    source: str
    plan: list                 # [(control label, key, timed)], a label 'button:<name>' for a button
    how: str
    view: str = None           # the class in backprop.widgets, for the headless twin
    kwargs: dict = None        # its arguments, the same in the notebook and in the twin

    def sliders(self):
        """The labels of the sliders pressed (not buttons), in order of first use."""
        return list(dict.fromkeys(label for label, _, _ in self.plan if not label.startswith("button:")))


def view_case(name, demo, presses):
    """The case of one view: its ``demo`` (widgets/_base.py Demo) pressed ``presses`` times, each on a new setting."""
    call = ", ".join(f"{k}={v!r}" for k, v in demo.kwargs.items())
    source = f"from backprop.widgets import {name}\n{name}({call})"
    if demo.snake:
        plan = snake(demo.control, demo.snake, presses)
        how = f"→/← on '{demo.control}', → on '{demo.snake}' (a snake)"
    else:
        plan = [step for _ in range(presses) for step in ([(*demo.between, False)] if demo.between else [])
                + [(demo.control, demo.key, True)]]
        how = f"{demo.key} on '{demo.control.removeprefix('button:')}'"
        how += f" after {demo.between[1]} on '{demo.between[0]}'" if demo.between else ""
    return Case(name, source, plan, how, name, dict(demo.kwargs))


def snake(first, second, presses):
    """Keys that walk a grid row by row (→ along ``first``, then a step of ``second``, then ←): all new cells."""
    plan, direction, run = [], "ArrowRight", 0
    while len(plan) < presses:
        if run == 5:
            plan.append((second, "ArrowRight", True))
            direction, run = ("ArrowLeft" if direction == "ArrowRight" else "ArrowRight"), 0
        else:
            plan.append((first, direction, True))
            run += 1
    return plan


def _baseline(figure_code):
    return ("import numpy as np, ipywidgets as widgets\n"
            "x = np.linspace(0, 6.3, 200)\n"
            "slider = widgets.FloatSlider(value=1.0, min=0.0, max=5.0, step=0.01, description='w')\n"
            "readout = widgets.HTML()\n" + figure_code +
            "def update(change=None):\n"
            "    show(np.sin(slider.value * x))\n"
            "    readout.value = f'<table><tr><td>w = {slider.value:.2f}</td></tr></table>'\n"
            "slider.observe(update, 'value')\nupdate()\nwidgets.VBox([slider, figure, readout])\n")


IPYMPL = _baseline("%matplotlib widget\nimport matplotlib.pyplot as plt\nwith plt.ioff():\n"
                   "    fig, ax = plt.subplots(figsize=(6.4, 3.2))\n"
                   "fig.canvas.header_visible = fig.canvas.toolbar_visible = False\n"
                   "line, = ax.plot(x, np.sin(x))\nax.set_ylim(-1.1, 1.1)\nfigure = fig.canvas\n"
                   "def show(y):\n    line.set_ydata(y)\n    fig.canvas.draw_idle()\n")
IMAGE = _baseline("import io\nfrom matplotlib.figure import Figure\nfig = Figure(figsize=(6.4, 3.2))\n"
                  "line, = fig.subplots().plot(x, np.sin(x))\nfigure = widgets.Image(format='png')\n"
                  "def show(y):\n    line.set_ydata(y)\n    buffer = io.BytesIO()\n"
                  "    fig.savefig(buffer, format='png')\n    figure.value = buffer.getvalue()\n")
BQPLOT = _baseline("import bqplot as bq\nsx, sy = bq.LinearScale(), bq.LinearScale(min=-1.1, max=1.1)\n"
                   "lines = bq.Lines(x=x, y=np.sin(x), scales={'x': sx, 'y': sy})\n"
                   "figure = bq.Figure(marks=[lines], axes=[bq.Axis(scale=sx), bq.Axis(scale=sy, orientation='vertical')],"
                   " layout=widgets.Layout(width='640px', height='320px'), animation_duration=0)\n"
                   "def show(y):\n    lines.y = y\n")
PLOT = _baseline("from backprop.widgets.figures import Plot, line, panel\n"
                 "figure = Plot([panel((0.1, 0.12, 0.85, 0.8), xlim=(0, 6.3), ylim=(-1.1, 1.1))])\n"
                 "def show(y):\n    figure.show([line(0, x, y)], description=f'sin(w x) for w = {slider.value:.2f}')\n")


def baselines(have_bqplot, presses=PRESSES):
    """One-line figures redrawn per key press: ipympl and savefig (the old paths), bqplot, our Plot."""
    plan, how = [("w", "ArrowRight", True)] * presses, "→ on 'w' (one line of 200 points)"
    cases = [Case("ipympl one line", IPYMPL, plan, how), Case("Image + savefig one line", IMAGE, plan, how),
             Case("Plot (anywidget, SVG) one line", PLOT, plan, how)]
    if have_bqplot:
        cases.append(Case("bqplot Lines one line", BQPLOT, plan, how))
    return cases


def view_cases(presses=PRESSES):
    """Every live view (backprop.widgets.views()), each on the control a learner moves most (its ``demo``)."""
    from backprop.widgets import views
    return [view_case(name, cls.demo, presses) for name, cls in views().items()]
