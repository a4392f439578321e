"""The figure and the readout of every view are derived from ``state`` alone: shown again from an earlier
state, after the controls, the network and the view's own numbers moved on, they are what they were."""
import copy
import json

import ipywidgets as widgets
import pytest

from benchmarks._browser_twin import control

from _views import every_view
from test_passes import one_step

pytestmark = pytest.mark.filterwarnings("error")


def shown(view):
    """What the learner sees: the figure's synced traits and the readout's HTML, as text."""
    traits = {name: value for name, value in view.figure.get_state().items()   # every synced trait of any figure,
              if name != "frame"}                                             # but the frame's number
    return json.dumps([traits, view.readout.value], default=str, sort_keys=True)


def show_again(view, state, steady):
    """Draw ``state`` once more (the figure's axes as they were then), without asking the core."""
    view.state, view._steady = state, dict(steady)
    view._update_artists()
    view.readout.value = view._readout_html()


@pytest.mark.parametrize("make", every_view())
def test_figure_and_readout_come_from_state_alone(make):
    view = make()
    first, steady, before = view.state, dict(view._steady), shown(view)
    kept = copy.deepcopy({k: v for k, v in first.items() if k != "history"})
    for moved in list(view.controls.values()):            # everything moves on: controls, network, caches
        if not isinstance(moved, widgets.Button) and not moved.disabled:
            one_step(moved)
    if view.demo.control.startswith("button:"):             # and the button a learner presses most
        control(view, view.demo.control.removeprefix("button:")).click()
    assert shown(view) != before, "a change shows something new"
    show_again(view, first, steady)
    assert shown(view) == before
    assert repr(kept) == repr({k: v for k, v in first.items() if k != "history"}), "showing changed no state"
