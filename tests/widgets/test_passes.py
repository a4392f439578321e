"""One core call per move: the forward and backward passes each control change of every view asks of the core.

A view may ask for ``passes`` (widgets/_base.py: one forward and one backward; NudgeExplorer two forward,
at p and at p + Δp, and one backward) per change, plus the work the core reports in the new state: the
steps it trained (a History's steps and its scoring passes, a DescentPath's points) and a curve drawn anew
(one forward pass per point). Passes are counted where every forward and backward pass runs:
Network._forward and Network._backward.
"""
import contextlib

import ipywidgets as widgets
import numpy as np
import pytest

from backprop import History, Network
from backprop.landscape import DescentPath
from backprop.widgets import views

from _views import every_view

pytestmark = pytest.mark.filterwarnings("error")


@contextlib.contextmanager
def counting():
    """Count the forward and backward passes of every Network while the block runs."""
    count = {"forward": 0, "backward": 0}
    forward, backward = Network._forward, Network._backward

    def counted(name, method):
        def run(self, *args, **kwargs):
            count[name] += 1
            return method(self, *args, **kwargs)
        return run
    Network._forward, Network._backward = counted("forward", forward), counted("backward", backward)
    try:
        yield count
    finally:
        Network._forward, Network._backward = forward, backward


def history_sizes(state):
    """(steps, records) of each History in a state: a History trained on in place reports only what is new."""
    return {name: (len(v.step_loss), len(v.recorded_at)) for name, v in state.items() if isinstance(v, History)}


def core_work(before, after, sizes=None):
    """(forward, backward) passes the new state reports beyond a move: training it records, curves it drew."""
    forward = backward = 0
    for name, value in after.items():
        if isinstance(value, History):                         # each step: a pass each way; each score: one
            steps, records = (sizes or {}).get(name, (0, 0)) if before.get(name) is value else (0, 0)
            if (steps, records) == (len(value.step_loss), len(value.recorded_at)):
                continue                                       # kept from before, not trained on: no new work
            steps = len(value.step_loss) - steps
            forward += steps + 2 * (len(value.recorded_at) - records) + (steps > 0)   # + the verdict's look
            backward += steps
            continue
        if before.get(name) is value:                          # kept from before (a cache): no new work
            continue
        if isinstance(value, DescentPath):                     # each point: its loss and gradient
            forward, backward = forward + len(value.losses), backward + len(value.losses)
        elif name == "curve" and not np.array_equal(before.get(name), value):
            forward += np.size(value)                          # a new curve: the loss at each point of its grid
    return forward, backward


def one_step(control):
    """Move a control one step, as an arrow key does (← at its maximum); click a button."""
    if isinstance(control, widgets.Button):
        control.click()
    elif hasattr(control, "options"):
        control.index = control.index - 1 if control.index == len(control.options) - 1 else control.index + 1
    else:
        step = control.step
        up = control.value + step if not isinstance(control, widgets.FloatLogSlider) else \
            control.base ** (np.log(control.value) / np.log(control.base) + step)
        top = control.max if not isinstance(control, widgets.FloatLogSlider) else control.base ** control.max
        down = control.value - step if not isinstance(control, widgets.FloatLogSlider) else \
            control.base ** (np.log(control.value) / np.log(control.base) - step)
        control.value = down if up > top * (1 + 1e-12) else up


def passes_per_change(view):
    """{control name: (forward, backward, budget)} for one step of each control of ``view``, in order."""
    seen = {}
    for name, control in list(view.controls.items()):
        if getattr(control, "disabled", False):
            continue
        before, sizes = dict(view.state), history_sizes(view.state)
        with counting() as count:
            one_step(control)
        work = core_work(before, view.state, sizes)
        seen[name] = (count["forward"], count["backward"], tuple(a + b for a, b in zip(view.passes, work)))
    return seen


@pytest.mark.parametrize("make", every_view())
def test_each_control_change_asks_the_core_once(make):
    view = make()
    seen = passes_per_change(view)
    assert seen, "the view has controls"
    over = {name: counts for name, counts in seen.items()
            if counts[0] > counts[2][0] or counts[1] > counts[2][1]}
    assert not over, f"(forward, backward, budget) over budget: {over}"


def test_the_nudge_and_the_blame_views_ask_for_exactly_their_passes():
    """The named examples: NudgeExplorer 2 forward + 1 backward per move of p or Δp, BlameExplorer 1 + 1."""
    nudge, blame = views()["NudgeExplorer"](), views()["BlameExplorer"]()
    seen = passes_per_change(nudge)
    assert seen["p"][:2] == seen["dp"][:2] == (2, 1)
    blamed = passes_per_change(blame)
    assert {counts[:2] for counts in blamed.values()} == {(1, 1)}


def test_the_counter_sees_every_pass():
    """The count can fail: two forward passes and one backward are seen as such."""
    net = Network([2, 3, 1])
    with counting() as count:
        net.backward(net.forward([[0.1, 0.2]]), [[0.5]])
        net.loss([[0.1, 0.2]], [[0.5]])
    assert count == {"forward": 2, "backward": 1}
