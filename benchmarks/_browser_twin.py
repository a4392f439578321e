"""The headless twin of a view measured in the browser: its construction and picture cost, and what
its figure should say after the same key presses (to check that the last frame shows the last value).

A key is emulated the way the browser's slider applies it: one step along the slider (an index for
a selection slider, an exponent for a log slider), clamped to its range.
"""
import importlib
import time

import ipywidgets as widgets
import numpy as np

from ._timing import median


def view_class(name):
    return getattr(importlib.import_module("backprop.widgets"), name)


def control(view, label):
    """The control whose description is ``label``."""
    return next(c for c in view.controls.values() if getattr(c, "description", None) == label)


def press(c, key):
    """What the key does to the control in the browser: ±1 step (→ / ←)."""
    sign = {"ArrowRight": 1, "ArrowLeft": -1}[key]
    if hasattr(c, "options"):
        c.index = int(np.clip(c.index + sign, 0, len(c.options) - 1))
    elif isinstance(c, widgets.FloatLogSlider):
        c.value = c.base ** float(np.clip(np.log(c.value) / np.log(c.base) + sign * c.step, c.min, c.max))
    else:
        c.value = type(c.value)(np.clip(c.value + sign * c.step, c.min, c.max))


def set_from_handle(c, now):
    """Set the control to what its slider handle announces (aria-valuenow): a value, an exponent or an index."""
    if hasattr(c, "options"):
        c.index = int(round(now))
    elif isinstance(c, widgets.FloatLogSlider):
        c.value = c.base ** (c.min + round((now - c.min) / c.step) * c.step)
    else:
        c.value = type(c.value)(c.min + round((now - c.min) / c.step) * c.step)


def description(view):
    """The text alternative of the view's figure, or None when the figure has none."""
    value = getattr(getattr(view, "figure", None), "description", None)
    return value if isinstance(value, str) else None


def costs(case, repeats=3):
    """(seconds to construct the view, seconds to make its display bundle with the static picture)."""
    cls = view_class(case.view)
    built = []
    for _ in range(repeats):
        start = time.perf_counter()
        view = cls(**case.kwargs)
        built.append(time.perf_counter() - start)
    start = time.perf_counter()
    view._repr_mimebundle_()                     # IPython's display protocol: what showing the view costs
    return median(built), time.perf_counter() - start


def expected_label(case, label, now):
    """What the figure should say after the case's key presses and a drag that ended at ``now``."""
    view = view_class(case.view)(**case.kwargs)
    for pressed, key, _ in case.plan:
        press(control(view, pressed), key)
    set_from_handle(control(view, label), now)
    return description(view)
