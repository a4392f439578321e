"""Section 2: view latency, from ``view.controls[name].value = v`` to the figure redrawn (Agg).

Outside a kernel the base View redraws synchronously with Agg inside the value
change, so timing the assignment times compute + artists + draw. We check that
by comparing the canvas pixels before and after each change.
"""
import importlib
import time

import numpy as np

from ._report import Section
from ._timing import median, p95, verdict

FRAME, CEILING = 1 / 60, 0.025           # goals: median ≤ one 60 Hz frame, never above 25 ms
CONTROL_BUDGET = 3.0                     # seconds per control at most (a slow view gets fewer samples)


def discover():
    """({name: class} of the importable views, {name: reason} of the ones that are not)."""
    registry = importlib.import_module("backprop.widgets")
    views, skipped = {}, {}
    for name in registry.__all__:
        try:
            views[name] = getattr(registry, name)
        except Exception as error:   # a view being written right now may not import yet
            skipped[name] = f"not importable yet ({type(error).__name__}: {str(error)[:60]})"
    return views, skipped


def alternating_values(control):
    """Two values to alternate between (as ``(attribute, [v1, v2])``), or None for buttons and ranges."""
    import ipywidgets as widgets
    if isinstance(control, widgets.Button) or not hasattr(control, "value") or isinstance(control.value, tuple):
        return None
    if hasattr(control, "options"):                        # Dropdown, ToggleButtons, SelectionSlider …
        return ("index", [0, 1]) if len(control.options) > 1 else None
    if isinstance(control.value, bool):
        return "value", [not control.value, control.value]
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        pair = [lo + 0.3 * (hi - lo), lo + 0.7 * (hi - lo)]
        if isinstance(control, widgets.FloatLogSlider):
            pair = [control.base ** v for v in pair]
        return "value", [type(control.value)(round(v) if isinstance(control.value, int) else v) for v in pair]
    return None


def pixels(view):
    """A copy of the figure's rendered pixels."""
    return np.asarray(view.figure.canvas.buffer_rgba()).copy()


def time_control(view, control, attribute, values, samples):
    """(latencies in s, how many changes altered the pixels) for ``samples`` alternating changes."""
    for v in values:                                          # warm-up: caches, first-draw work
        setattr(control, attribute, v)
    latencies, redrawn, spent = [], 0, 0.0
    for i in range(samples):
        before = pixels(view)
        start = time.perf_counter()
        setattr(control, attribute, values[i % 2])
        latencies.append(time.perf_counter() - start)
        redrawn += not np.array_equal(before, pixels(view))
        spent += latencies[-1]
        if spent > CONTROL_BUDGET:
            break
    return latencies, redrawn


def measure_view(cls, samples):
    """[median, p95, max, worst control, redrawn/changes] for one view built with its defaults."""
    view = cls()
    everything, redrawn, worst = [], 0, ("", 0.0)
    for name, control in view.controls.items():
        change = alternating_values(control)
        if change is None:
            continue
        latencies, changed = time_control(view, control, *change, samples)
        everything += latencies
        redrawn += changed
        worst = max(worst, (name, median(latencies)), key=lambda pair: pair[1])
    return everything, redrawn, worst, type(view.figure.canvas).__name__


def run(quick=False):
    """The view-latency section of the table."""
    import matplotlib
    matplotlib.use("Agg")
    samples = 10 if quick else 40
    section = Section(f"2. view latency: control change → figure redrawn (Agg, default size), "
                      f"{samples} alternating changes per control after 2 warm-ups",
                      ["view", "changes", "median", "p95", "max", "slowest control (median)",
                       "redrawn", "≤ 16.7 ms", "max ≤ 25 ms"])
    views, skipped = discover()
    for name, cls in views.items():
        try:
            latencies, redrawn, worst, canvas = measure_view(cls, samples)
        except Exception as error:
            skipped[name] = f"failed while measuring ({type(error).__name__}: {str(error)[:60]})"
            continue
        if not latencies:
            skipped[name] = "has no control to change"
            continue
        ms = lambda s: f"{s * 1e3:.1f} ms"
        section.rows.append([name, len(latencies), ms(median(latencies)), ms(p95(latencies)),
                             ms(max(latencies)), f"{worst[0]} ({ms(worst[1])})",
                             f"{redrawn}/{len(latencies)}", verdict(median(latencies) <= FRAME),
                             verdict(max(latencies) <= CEILING)])
        if canvas != "FigureCanvasAgg":
            section.notes.append(f"{name}: canvas is {canvas}, not FigureCanvasAgg — draw may not render pixels")
    section.notes += [f"{name} skipped: {why}" for name, why in skipped.items()]
    section.notes.append("redrawn = changes after which the canvas pixels differed (proof the draw was synchronous); "
                         "in a kernel the inline view also encodes a PNG, not timed here")
    return section
