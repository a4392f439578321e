"""Section 2: view latency, from ``view.controls[name].value = v`` to the figure redrawn (Agg).

Outside a kernel the base View redraws synchronously with Agg inside the value
change, so timing the assignment times compute + artists + draw. We check that
by comparing the canvas pixels before and after each change.
"""
import importlib
import time

import numpy as np

from ._report import Section
from ._timing import median, p95, repeat, verdict

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
        if isinstance(control.value, int):
            pair = [int(np.floor(pair[0])), int(np.ceil(pair[1]))]
        return ("value", pair) if pair[0] != pair[1] else None
    return None


def pixels(view):
    """A copy of the figure's rendered pixels."""
    return np.asarray(view.figure.canvas.buffer_rgba()).copy()


def count_renders(view):
    """Wrap the Agg calls a redraw makes (draw, restore_region, draw_artist); return their call counter."""
    calls = [0]
    for owner, name in ((view.figure.canvas, "draw"), (view.figure.canvas, "restore_region"),
                        (view.figure, "draw_artist")):
        def counted(*args, _original=getattr(owner, name), **kwargs):
            calls[0] += 1
            return _original(*args, **kwargs)
        setattr(owner, name, counted)
    return calls


def png_seconds(view, repeats=5):
    """Median seconds to encode the canvas as the PNG an inline view sends in a kernel (0 if unknown)."""
    try:
        from backprop.widgets._render import png_bytes
    except ImportError:
        return 0.0
    return median(repeat(lambda: png_bytes(view.figure.canvas), repeats))


def time_control(view, renders, control, attribute, values, samples):
    """(latencies in s, changes that rendered, changes that altered pixels) for alternating changes."""
    for v in values:                                          # warm-up: caches, first-draw work
        setattr(control, attribute, v)
    latencies, drawn, changed = [], 0, 0
    for i in range(samples):
        before, calls, old = pixels(view), renders[0], control.value
        start = time.perf_counter()
        setattr(control, attribute, values[i % 2])
        elapsed = time.perf_counter() - start
        if control.value == old:                              # coerced back or unchanged: no event to time
            continue
        latencies.append(elapsed)
        drawn += renders[0] > calls
        changed += not np.array_equal(before, pixels(view))
        if sum(latencies) > CONTROL_BUDGET:
            break
    return latencies, drawn, changed


def measure_view(cls, samples):
    """(latencies, drawn, pixels changed, slowest control, canvas name, PNG seconds) for one view."""
    view = cls()
    renders = count_renders(view)
    everything, drawn, changed, worst = [], 0, 0, ("", 0.0)
    for name, control in view.controls.items():
        change = alternating_values(control)
        if change is None:
            continue
        latencies, n_drawn, n_changed = time_control(view, renders, control, *change, samples)
        everything, drawn, changed = everything + latencies, drawn + n_drawn, changed + n_changed
        worst = max(worst, (name, median(latencies)), key=lambda pair: pair[1])
    return everything, drawn, changed, worst, type(view.figure.canvas).__name__, png_seconds(view)


def table_row(name, latencies, drawn, changed, worst, canvas, png):
    """One view's row: medians, percentiles, the slowest control, the render checks and the verdicts."""
    ms = lambda s: f"{s * 1e3:.1f} ms"
    n = len(latencies)
    return [name, n, ms(median(latencies)), ms(p95(latencies)), ms(max(latencies)),
            f"{worst[0]} ({ms(worst[1])})", f"{drawn}/{n}", f"{changed}/{n}",
            verdict(median(latencies) <= FRAME), verdict(max(latencies) <= CEILING), ms(png)]


def run(quick=False):
    """The view-latency section of the table."""
    import matplotlib
    matplotlib.use("Agg")
    samples = 10 if quick else 30
    section = Section(f"2. view latency: control change → figure redrawn (Agg, default size), "
                      f"{samples} alternating changes per control after 2 warm-ups",
                      ["view", "changes", "median", "p95", "max", "slowest control (median)",
                       "drawn", "pixels changed", "≤ 16.7 ms", "max ≤ 25 ms", "+PNG in kernel"])
    views, skipped = discover()
    for name, cls in views.items():
        try:
            result = measure_view(cls, samples)
        except Exception as error:
            skipped[name] = f"failed while measuring ({type(error).__name__}: {str(error)[:60]})"
            continue
        if not result[0]:
            skipped[name] = "has no control to change"
            continue
        section.rows.append(table_row(name, *result))
        if result[4] != "FigureCanvasAgg":
            section.notes.append(f"{name}: canvas is {result[4]}, not FigureCanvasAgg — draw may not render pixels")
    section.notes += [f"{name} skipped: {why}" for name, why in skipped.items()]
    section.notes += ["drawn = changes during which Agg rendered (canvas.draw, restore_region or draw_artist ran "
                      "inside the assignment: the redraw is synchronous); pixels changed = the picture differed",
                      "+PNG in kernel = median time to encode the canvas as the PNG an inline view sends "
                      "(not part of the latency above; ipympl sends its own image instead)"]
    return section
