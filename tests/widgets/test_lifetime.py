"""A view's life (widgets/_lifetime.py), in this process: a cell run again closes the views it made before.

The kernel is stood in for by the request a cell would be run by; tests/widgets/test_rerun.py
does the same in a real kernel and measures its memory.
"""
import asyncio
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import (BlameExplorer, DescentExplorer, GradientFlowExplorer, LossExplorer,  # noqa: E402
                              NeuronExplorer, NudgeExplorer, OverfittingExplorer, TrainingDashboard)
from backprop.widgets import _lifetime  # noqa: E402
from backprop.widgets._lifetime import current_run, widget_tree  # noqa: E402

from _views import every_view, numbers_of, run_apart  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")
VIEWS = every_view()
LIVE = widgets.widget._instances                  # every widget model with an open comm


@pytest.fixture
def cell(monkeypatch):
    """Run views 'in a cell': ``cell.run(make)`` builds the view as a new run of the same cell."""
    runs = iter(range(10 ** 6))
    state = SimpleNamespace(request=None)
    monkeypatch.setattr(_lifetime, "current_run", lambda: ("cell-1", state.request))
    monkeypatch.setattr(_lifetime, "_LAST_RUN", {})

    def run(make, new_request=True):
        if new_request:
            state.request = f"request-{next(runs)}"
        return make()
    return SimpleNamespace(run=run)


def move_every_control(view):
    for control in view.controls.values():
        if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider)):
            control.value = control.max
        elif isinstance(control, widgets.Button):
            control.click()


@pytest.mark.parametrize("make", VIEWS)
def test_running_the_cell_again_closes_the_view_it_made(cell, make):
    first = cell.run(make)
    tree, controls, count = widget_tree(first), list(first.controls.values()), len(LIVE)
    assert len(tree) > len(controls) and all(w.model_id in LIVE for w in tree)
    second = cell.run(make)
    assert first.closed and not second.closed and len(LIVE) == count
    assert all(w.comm is None for w in tree + controls)                  # layouts and styles too
    assert first.figure is None and first.children == ()
    before = numbers_of({**vars(first), **first.state})
    move_every_control(first)                                            # no observer or click handler left
    assert numbers_of({**vars(first), **first.state}) == before
    assert all(w.model_id in LIVE for w in widget_tree(second))


def test_views_made_by_one_run_of_a_cell_live_together(cell):
    a = cell.run(NeuronExplorer)
    b = cell.run(LossExplorer, new_request=False)
    assert not a.closed and not b.closed
    c = cell.run(NeuronExplorer)
    assert a.closed and b.closed and not c.closed


def test_outside_a_kernel_a_view_replaces_nothing():
    assert current_run() is None
    a, b = NeuronExplorer(), NeuronExplorer()
    assert not a.closed and not b.closed
    a.close(), b.close()


@pytest.mark.parametrize("cls", [NudgeExplorer, BlameExplorer])        # curves, a network diagram
def test_close_lets_go_of_the_figure_widgets_and_observers_and_can_be_called_twice(cls):
    view = cls()
    figure, tree, count = view.figure, widget_tree(view), len(LIVE)
    assert figure in tree or not hasattr(figure, "comm")
    view.close()
    view.close()
    assert view.closed and view.figure is None and len(LIVE) == count - len(tree)
    assert figure.comm is None


@pytest.mark.parametrize("parent, expected", [
    ({"header": {"msg_type": "execute_request", "msg_id": "m1"}, "metadata": {"cellId": "abc"},
      "content": {"code": "NeuronExplorer()"}}, ("abc", "m1")),                          # JupyterLab
    ({"header": {"msg_type": "execute_request", "msg_id": "m2"}, "metadata": {},
      "content": {"code": "NeuronExplorer()"}}, ("NeuronExplorer()", "m2")),              # nbclient, Voilà
    ({"header": {"msg_type": "comm_msg", "msg_id": "m3"}, "metadata": {}, "content": {}}, None),   # a callback
    ({}, None), (None, None)])
def test_the_cell_is_told_by_jupyterlabs_cell_id_or_else_by_its_code(monkeypatch, parent, expected):
    import IPython
    kernel = SimpleNamespace(get_parent=lambda: parent)
    monkeypatch.setattr(IPython, "get_ipython", lambda: SimpleNamespace(kernel=kernel))
    assert current_run() == expected


def test_closing_a_dashboard_that_trains_stops_its_training_quietly(cell):
    async def run():
        view = cell.run(lambda: TrainingDashboard(hidden=4, batch_size=256, epochs=50))
        task = view.train()
        await asyncio.sleep(0)
        cell.run(NeuronExplorer)                                      # the cell's next run makes another view
        await task
        return view, task
    view, task = run_apart(run())
    assert view.closed and task.done() and task.exception() is None
    assert view.history.epochs_run < 50
