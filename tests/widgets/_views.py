"""What the view tests share: note 003's network built from its numbers, and ways to sweep a view's controls."""
import matplotlib

matplotlib.use("Agg")

import functools  # noqa: E402

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402

W1, B1, W2, B2 = [[0.4, 0.3], [0.6, 0.9]], [0.1, 0.2], [[0.5, 0.7]], [0.3]
X, Y = np.array([[0.5, 0.1]]), np.array([[0.6]])


def note_003(W1=W1, B1=B1, W2=W2, B2=B2):
    """An independent copy of note 003's network, built here from the numbers."""
    return Network.from_parameters([np.array(W1, float), np.array(W2, float)],
                                   [np.array(B1, float), np.array(B2, float)])


def every_view():
    """pytest parameters, one per view in backprop.widgets: a maker of it with its demo's arguments, by name."""
    from backprop.widgets import views
    return [pytest.param(functools.partial(cls, **cls.demo.kwargs), id=name) for name, cls in views().items()]


def marks(view, kind, backdrop=False):
    """The marks of one type ('line', 'points', 'text' …) the view's figure was sent, in order."""
    return [m for m in (view.figure.backdrop if backdrop else view.figure.marks) if m["type"] == kind]


def diagram(view):
    """A network diagram's synced marks: nodes (points), edges (segments), and the words on them."""
    words = marks(view, "text")
    return {"nodes": marks(view, "points")[-1], "edges": marks(view, "segments")[-1],
            "node_words": words[0]["text"], "edge_words": words[1]["text"] if len(words) > 1 else []}


def settings(control):
    """The positions to try for one control of a view: min, max and middle, every option, or a click."""
    if isinstance(control, widgets.Button):
        return ["click"]
    if hasattr(control, "options"):
        return [value for _, value in control.options] if isinstance(control.options[0], tuple) \
            else list(control.options)
    middle = (control.min + control.max) / 2
    if isinstance(control, widgets.FloatLogSlider):          # min and max are exponents
        return [control.base ** e for e in (control.min, control.max, middle)]
    return [control.min, control.max, middle if isinstance(control.min, float) else int(middle)]


def sweep(view, skip=()):
    """Every control to min, middle and max (every option of a dropdown or selection slider)."""
    for name, control in view.controls.items():
        if name in skip or isinstance(control, widgets.Button):
            continue
        if hasattr(control, "options"):
            values = [value for _, value in control.options] if isinstance(control.options[0], tuple) \
                else control.options
        elif isinstance(control, widgets.FloatLogSlider):
            values = [control.base ** e for e in (control.min, (control.min + control.max) / 2, control.max)]
        else:
            values = [control.min, (control.min + control.max) / 2, control.max]
        for value in values:
            control.value = int(value) if isinstance(control, widgets.IntSlider) else value
            assert view.readout.value


def echoes(slider, sent=None):
    """What a browser may write back for the value ``sent`` to a float slider (by default its value now):
    snapped to the step grid (counted from min, in exponents for a log slider), or as the readout shows it."""
    sent = slider.value if sent is None else sent
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = np.log(sent) / np.log(slider.base)
        return [slider.base ** (slider.min + round((exponent - slider.min) / slider.step) * slider.step)]
    snapped = slider.min + round((sent - slider.min) / slider.step) * slider.step
    return [min(max(snapped, slider.min), slider.max), float(f"{sent:{slider.readout_format}}")]


def float_sliders(view):
    """The view's float sliders (linear and log) by name."""
    return {name: c for name, c in view.controls.items()
            if isinstance(c, (widgets.FloatSlider, widgets.FloatLogSlider))}


def parameters_bytes(net):
    """Every weight and bias of ``net`` as bytes: equal only when bit for bit the same."""
    return [p.tobytes() for p in net.parameters()]


def numbers_of(mapping):
    """The numbers in a view's state (or attributes) as bytes: equal only when none moved at all."""
    return {k: np.asarray(v).tobytes() for k, v in mapping.items()
            if isinstance(v, (int, float, np.ndarray)) and not isinstance(v, bool)}


def run_apart(coroutine):
    """asyncio.run in a thread of its own: in a full run the browser tests' Playwright keeps an event loop
    running in the main thread until the session ends, and asyncio.run refuses to start under it."""
    import asyncio
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
