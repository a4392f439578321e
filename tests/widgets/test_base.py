"""What every view (widgets/_base.py) promises: labelled controls that are safe at every position."""
import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.widgets import (BlameExplorer, DescentExplorer, GradientFlowExplorer, LossExplorer,  # noqa: E402
                              NeuronExplorer, NudgeExplorer, OverfittingExplorer, TrainingDashboard)

from backprop.widgets import views  # noqa: E402

from _views import echoes, every_view, float_sliders, numbers_of, settings  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize("make", every_view() + [
                                  lambda: NeuronExplorer(x=(0.1, 0.2, 0.3), w=(1, 2, 3)),
                                  lambda: NudgeExplorer(Network([3, 4, 2], "tanh", output_activation="softmax",
                                                                loss="cross_entropy"), [0.5, -1, 2], [[0, 1]]),
                                  lambda: BlameExplorer([3, 4, 4, 1], activation="relu", output_activation="identity")])
def test_every_control_at_min_max_and_middle(make):
    view = make()
    for name, control in view.controls.items():
        assert getattr(control, "description", ""), f"control {name} has no label"
        for value in settings(control):
            if value == "click":
                control.click()
            else:
                control.value = value
                assert control.value == pytest.approx(value) if isinstance(value, float) else True
            assert all(np.all(np.isfinite(v)) for v in view.state.values()
                       if isinstance(v, (float, np.ndarray)) and np.asarray(v).dtype.kind == "f")
    if isinstance(view, NudgeExplorer):                    # first, middle and last parameter at both ends
        keys = [key for _, key in view.controls["parameter"].options]
        for key in [keys[0], keys[len(keys) // 2], keys[-1]]:
            view.controls["parameter"].value = key
            for p in (-4.0, 4.0):
                view.controls["p"].value = p




@pytest.mark.parametrize("cls", views().values(), ids=views())
def test_every_view_builds_with_no_arguments_and_has_labelled_controls(cls):
    view = cls()
    assert view.figure is not None and view.readout.value and view.state
    for control in view.controls.values():
        assert control.description


OFF_GRID = [lambda: NeuronExplorer(x=(0.43737, -0.1234), w=(0.4321, -1.2345), b=0.1111),
            lambda: LossExplorer(y_hat=0.63737, y=0.5555),
            lambda: NudgeExplorer(dp=0.4321),
            lambda: BlameExplorer(lr=0.1234, x=(0.51234, 0.1), y=(0.6789,)),
            lambda: DescentExplorer(lr=0.3, start=(-2.0123, -2.4567), steps=20),
            lambda: GradientFlowExplorer(init="scale", scale=0.4321, depth=4),
            lambda: TrainingDashboard(hidden=4, lr=0.3, epochs=1)]


@pytest.mark.parametrize("make", OFF_GRID)
def test_a_browser_echo_of_any_slider_changes_no_number(make):
    view = make()
    state, moved = numbers_of(view.state), 0
    for slider in float_sliders(view).values():
        for echo in echoes(slider):
            moved += echo != slider.exact
            slider.value = echo
    assert moved and numbers_of(view.state) == state     # the echoes were rounded, and changed nothing


def off_grid(slider):
    """A value 0.63 of a step from the slider's number: a move of its own (not an echo), between two handle stops."""
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = np.log(slider.exact) / np.log(slider.base) + 0.63 * slider.step
        return slider.base ** (exponent if exponent <= slider.max else exponent - 1.26 * slider.step)
    value = slider.exact + 0.63 * slider.step
    return value if value <= slider.max else value - 1.26 * slider.step


@pytest.mark.parametrize("make", every_view())
def test_in_every_view_a_browser_echo_of_an_off_grid_slider_changes_no_number(make):
    view = make()
    sliders = [s for s in float_sliders(view).values() if hasattr(s, "exact") and not s.disabled]
    for slider in sliders:
        slider.value = off_grid(slider)
    state, moved = numbers_of(view.state), 0
    for slider in sliders:
        for echo in echoes(slider):
            moved += echo != slider.exact
            slider.value = echo
    assert moved or not sliders
    assert numbers_of(view.state) == state                 # the echoes were rounded, and changed nothing
