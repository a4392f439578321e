"""backprop.widgets: the live views of the course (ipywidgets controls, a figure the browser draws).

    from backprop.widgets import NeuronExplorer
    NeuronExplorer()

Each view is imported on first use, so loading one view does not load them all. ``views()`` gives
every one: the tests and benchmarks find them there, and each view's ``demo`` says how to show it.
"""
import importlib

from .static import colour, show_figure  # noqa: F401 (the lessons' static pictures, beside the views)

_VIEWS = {
    "NeuronExplorer": "neuron",
    "LossExplorer": "loss",
    "NudgeExplorer": "nudge",
    "BlameExplorer": "blame",
    "CycleExplorer": "cycle",
    "DescentExplorer": "descent",
    "TrainingDashboard": "dashboard",
    "GradientFlowExplorer": "flow",
    "OverfittingExplorer": "overfitting",
    "GraphExplorer": "graph",
    "PlaygroundExplorer": "playground",
}
__all__ = list(_VIEWS)


def views():
    """{name: class} of every view (each imported): what tests and benchmarks run, in this order."""
    return {name: __getattr__(name) for name in _VIEWS}


def __getattr__(name):
    if name not in _VIEWS:
        raise AttributeError(f"backprop.widgets has no view {name!r}; the views are {', '.join(_VIEWS)}")
    return getattr(importlib.import_module(f".{_VIEWS[name]}", __name__), name)


def __dir__():
    return sorted(list(globals()) + __all__)
