"""backprop.widgets: the live views of the course (ipywidgets controls, a figure the browser draws).

    from backprop.widgets import NeuronExplorer
    NeuronExplorer()

Each view is imported on first use, so loading one view does not load them all.
"""
import importlib

from .static import show_figure  # noqa: F401 (the lessons' static pictures, beside the views)

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
}
__all__ = list(_VIEWS)


def __getattr__(name):
    if name not in _VIEWS:
        raise AttributeError(f"backprop.widgets has no view {name!r}; the views are {', '.join(_VIEWS)}")
    return getattr(importlib.import_module(f".{_VIEWS[name]}", __name__), name)


def __dir__():
    return sorted(list(globals()) + __all__)
