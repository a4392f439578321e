"""Section 2: view latency in the kernel, from ``view.controls[name].value = v`` to the marks sent.

A view asks the core for new numbers inside the value change and hands its browser-drawn
figure (a Plot) the marks derived from them; timing the assignment times compute, marks and
serialising the message. We check that the figure's state changed and count the bytes sent;
section 6 (browser.py) times what follows in Chromium.
"""
import importlib
import json
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


def sent_bytes(view):
    """Count the bytes of every state message the view's figure sends; return the running counter."""
    sent = [0]
    send = view.figure.comm.send

    def counted(data=None, buffers=None, **kwargs):
        sent[0] += len(json.dumps(data, ensure_ascii=False).encode())
        return send(data, buffers, **kwargs)
    view.figure.comm.send = counted
    return sent


def shown(view):
    """What the figure shows now: its marks, backdrop, panels, title and text alternative."""
    f = view.figure
    return json.dumps([f.marks, f.backdrop, f.panels, f.title, f.description])


def time_control(view, sent, control, attribute, values, samples):
    """(latencies in s, changes that changed the figure, bytes sent per change) for alternating changes."""
    for v in values:                                          # warm-up: caches, first-draw work
        setattr(control, attribute, v)
    latencies, changed, sizes = [], 0, []
    for i in range(samples):
        before, bytes_before, old = shown(view), sent[0], control.value
        start = time.perf_counter()
        setattr(control, attribute, values[i % 2])
        elapsed = time.perf_counter() - start
        if control.value == old:                              # coerced back or unchanged: no event to time
            continue
        latencies.append(elapsed)
        changed += shown(view) != before
        sizes.append(sent[0] - bytes_before)
        if sum(latencies) > CONTROL_BUDGET:
            break
    return latencies, changed, sizes


def measure_view(cls, samples):
    """(latencies, figure changed, bytes per change, slowest control, seconds for the display picture)."""
    view = cls()
    sent = sent_bytes(view)
    everything, changed, sizes, worst = [], 0, [], ("", 0.0)
    for name, control in view.controls.items():
        change = alternating_values(control)
        if change is None:
            continue
        latencies, n_changed, n_bytes = time_control(view, sent, control, *change, samples)
        everything, changed, sizes = everything + latencies, changed + n_changed, sizes + n_bytes
        worst = max(worst, (name, median(latencies)), key=lambda pair: pair[1])
    picture = median(repeat(view.figure.picture, 3))
    return everything, changed, sizes, worst, picture


def table_row(name, latencies, changed, sizes, worst, picture):
    """One view's row: medians, percentiles, the slowest control, what was sent and the verdicts."""
    ms = lambda s: f"{s * 1e3:.1f} ms"
    n = len(latencies)
    return [name, n, ms(median(latencies)), ms(p95(latencies)), ms(max(latencies)),
            f"{worst[0]} ({ms(worst[1])})", f"{changed}/{n}", f"{np.median(sizes) / 1e3:.1f} kB",
            verdict(median(latencies) <= FRAME), verdict(max(latencies) <= CEILING), ms(picture)]


def run(quick=False):
    """The view-latency section of the table."""
    samples = 10 if quick else 30
    section = Section(f"2. view latency in the kernel: control change → new marks sent to the browser, "
                      f"{samples} alternating changes per control after 2 warm-ups",
                      ["view", "changes", "median", "p95", "max", "slowest control (median)",
                       "figure changed", "sent/change", "≤ 16.7 ms", "max ≤ 25 ms", "PNG on display"])
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
    section.notes += [f"{name} skipped: {why}" for name, why in skipped.items()]
    section.notes += ["latency = the assignment of a control's value: the core's compute, the marks built from "
                      "state and the message serialised (the browser draws afterwards: section 6 times that)",
                      "figure changed = changes after which the figure's marks, panels, title or text alternative "
                      "differed; sent/change = median bytes of the figure's state messages per change",
                      "PNG on display = drawing the static picture with matplotlib, done once when a view is "
                      "displayed (for nbconvert and GitHub), never on a change"]
    return section
