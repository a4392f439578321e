"""NeuronExplorer (widgets/neuron.py), headless: state equals the core's numbers, the Plot's synced marks hold them."""
import base64
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop.widgets import NeuronExplorer  # noqa: E402
from backprop.widgets.figures import Plot  # noqa: E402

from _views import sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def marks_of(view, kind):
    """The synced marks of one type, backdrop first, as the browser receives them."""
    return [m for m in [*view.figure.backdrop, *view.figure.marks] if m["type"] == kind]


def test_neuron_default_is_note_003s_first_hidden_neuron():
    view = NeuronExplorer()
    assert view.state["z"] == pytest.approx(0.33)
    assert view.state["a"] == pytest.approx(1 / (1 + math.exp(-0.33)))
    assert "<b>z</b> = <span class='bp-number' style='white-space:nowrap'>0.33</span>" in view.readout.value
    assert isinstance(view.figure, Plot) and view.figure in view.children


def test_neuron_state_and_synced_marks_follow_the_controls():
    view = NeuronExplorer()
    c = view.controls
    c["activation"].value, c["x1"].value, c["w2"].value, c["b"].value = "tanh", -0.8, 2.5, 0.4
    z = -0.8 * 0.4 + 0.1 * 2.5 + 0.4                          # worked by hand: w1·x1 + w2·x2 + b
    a, slope = math.tanh(z), 1 - math.tanh(z) ** 2
    s = view.state
    assert s["z"] == pytest.approx(z) and s["a"] == pytest.approx(a) and s["da_dz"] == pytest.approx(slope)
    point, = marks_of(view, "points")
    assert point["x"] == [pytest.approx(z)] and point["y"] == [pytest.approx(a)]
    curve, tangent_line = [m for m in marks_of(view, "line") if len(m["x"]) != 2 or m["dash"]]
    (x0, x1), (y0, y1) = tangent_line["x"], tangent_line["y"]
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope)
    np.testing.assert_allclose(curve["y"], np.tanh(curve["x"]))
    bar, = marks_of(view, "bars")
    assert bar["top"] == pytest.approx([-0.32, 0.25, 0.4, z])
    text, = marks_of(view, "text")
    assert text["text"] == [f"z = {z:+.3f},  a = {a:.3f},  f'(z) = {slope:.3f}"]
    assert f"z = {z:.3f}" in view.figure.description and f"a = f(z) = {a:.3f}" in view.figure.description
    assert "tanh" in view.figure.description


def test_every_control_swept_keeps_every_mark_finite_and_inside_its_panel():
    view = NeuronExplorer(x=(0.5, 0.1, -0.3), w=(0.4, 0.3, 1.0))
    sweep(view)
    point, = marks_of(view, "points")
    (zlo, zhi), (alo, ahi) = view.figure.panels[0]["xlim"], view.figure.panels[0]["ylim"]
    assert zlo <= point["x"][0] <= zhi and alo <= point["y"][0] <= ahi
    lo, hi = view.figure.panels[1]["ylim"]
    assert all(lo <= t <= hi for t in marks_of(view, "bars")[0]["top"])
    assert None not in [v for m in marks_of(view, "line") for v in m["x"] + m["y"]]


def test_displayed_view_carries_a_png_of_the_same_picture():
    view = NeuronExplorer()
    data = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert base64.b64decode(data["image/png"]) == view.figure.picture()


def test_closing_closes_the_plot():
    view = NeuronExplorer()
    plot = view.figure
    view.close()
    assert view.figure is None and plot.comm is None


def test_inputs_and_weights_of_other_lengths_are_refused_in_the_cores_words():
    with pytest.raises(ValueError, match=r"^x and w must be flat lists of the same length, one weight per input; "
                                         r"got x of shape \(2,\) and w of shape \(3,\)"):
        NeuronExplorer(x=(0.5, 0.1), w=(0.4, 0.3, 0.2))
