"""NudgeExplorer (widgets/nudge.py), headless: the view's numbers are the core's on the learner's own network."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.data import xor  # noqa: E402
from backprop.parameters import get_parameter, parameter_keys  # noqa: E402
from backprop.widgets import NudgeExplorer  # noqa: E402

from _networks import a_move, assert_shows, learners_networks, pick_or_move, play  # noqa: E402
from _views import B1, W1, W2, X, Y, echoes, note_003, parameters_bytes, sweep  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_nudge_default_shows_note_003s_output_weight():
    view = NudgeExplorer()
    net = note_003()
    grads = net.backward(net.forward(X), Y)
    assert view.state["p"] == 0.5 and view.state["dC_dp"] == pytest.approx(grads.weights[1][0, 0])


@pytest.mark.parametrize("key, w1, w2, b1", [
    (("weights", 0, 1, 0), [[0.4, 0.3], [-1.2, 0.9]], W2, B1),
    (("weights", 1, 0, 1), W1, [[0.5, -1.2]], B1),
    (("biases", 0, 0), W1, W2, [-1.2, 0.2])])
def test_nudge_state_and_synced_marks_equal_an_independent_network(key, w1, w2, b1):
    view = NudgeExplorer()
    view.controls["parameter"].value = key
    view.controls["p"].value, view.controls["dp"].value = -1.2, 0.7
    net = note_003(W1=w1, W2=w2, B1=b1)
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    grad = getattr(grads, key[0])[key[1]][key[2:]]
    L, j = key[1] + 1, key[2]
    s = view.state
    assert s["loss"] == pytest.approx(net.loss(X, Y)) and s["dC_dp"] == pytest.approx(grad)
    a = trace.a[L][0, j]
    assert s["da_dz"] == pytest.approx(a * (1 - a))
    assert s["dz_dp"] == pytest.approx(trace.a[L - 1][0, key[3]] if key[0] == "weights" else 1.0)
    assert s["dC_da"] * s["da_dz"] * s["dz_dp"] == pytest.approx(grad)
    nudged = note_003(W1=w1, W2=w2, B1=b1)
    getattr(nudged, key[0])[key[1]][key[2:]] += 0.7
    assert s["actual_dC"] == pytest.approx(nudged.loss(X, Y) - net.loss(X, Y))
    assert s["predicted_dC"] == pytest.approx(grad * 0.7)
    marks = view.figure.marks                                 # what the browser is sent: the synced numbers
    assert bars_of(view)["top"] == pytest.approx([s["dC_da"], s["da_dz"], s["dz_dp"], grad])
    tangent_line, point, actual, predicted = marks[:4]
    assert (point["x"], point["y"]) == ([-1.2], [pytest.approx(net.loss(X, Y))])
    assert actual["x"] == [pytest.approx(-0.5)] and actual["y"] == [pytest.approx(nudged.loss(X, Y))]
    assert predicted["y"] == [pytest.approx(net.loss(X, Y) + grad * 0.7)]
    (x0, x1), (y0, y1) = tangent_line["x"], tangent_line["y"]
    assert (y1 - y0) / (x1 - x0) == pytest.approx(grad)
    values, compare = [m for m in marks if m["type"] == "text"]
    assert f"{s['actual_dC']:+.5f}" in compare["text"][0]
    assert values["text"] == [f"{h:+.4f}" for h in [s["dC_da"], s["da_dz"], s["dz_dp"], grad]]
    assert f"C = {net.loss(X, Y):.5f}" in view.figure.description
    assert f"actual ΔC = {nudged.loss(X, Y) - net.loss(X, Y):+.5f}" in view.figure.description


def bars_of(view):
    return next(m for m in view.figure.marks if m["type"] == "bars")


def curve_of(view):
    """The loss curve C(p) the browser draws, as floats."""
    return np.array(next(m for m in view.figure.backdrop if m["type"] == "line")["y"], dtype=float)


def test_nudge_displayed_carries_a_png_and_every_control_keeps_the_marks_finite():
    view = NudgeExplorer()
    sweep(view)
    assert all(v is not None for m in view.figure.marks for k in ("x", "y", "top") for v in m.get(k, [])
               if m["type"] != "text")
    assert "image/png" in view._repr_mimebundle_()


def test_nudge_curve_is_the_loss_along_the_parameter():
    view = NudgeExplorer()
    view.controls["parameter"].value = ("weights", 0, 0, 0)
    assert view.controls["p"].value == 0.4                 # the slider jumps to that parameter's value
    for i in (0, 60, 120):
        p = view.state["p_grid"][i]
        assert curve_of(view)[i] == pytest.approx(note_003(W1=[[p, 0.3], [0.6, 0.9]]).loss(X, Y))


def test_nudge_curve_follows_the_other_parameters():
    view = NudgeExplorer()
    view.controls["p"].value = -2.0                       # move w⁽²⁾₁₁, then look along w⁽¹⁾₁₁
    view.controls["parameter"].value = ("weights", 0, 0, 0)
    i = 30
    p = view.state["p_grid"][i]
    expected = note_003(W1=[[p, 0.3], [0.6, 0.9]], W2=[[-2.0, 0.7]]).loss(X, Y)
    assert curve_of(view)[i] == pytest.approx(expected)


# ---- the learner's network, never an altered copy (issue 12) ----------------------
def trained_xor():
    """A 2-2-1 sigmoid network trained on XOR by the core's own steps: most weights end beyond ±4."""
    X_xor, y_xor = xor()
    net = Network([2, 2, 1], seed=2)
    for _ in range(600):
        net.step(net.backward(net.forward(X_xor), y_xor), 8.0)
    return net, X_xor[1], y_xor[1]


def test_an_output_weight_of_5_is_shown_as_5_and_the_loss_is_the_networks():
    net = Network.from_parameters([[[0.3]], [[5.0]]], [[0.1], [0.2]])
    view = NudgeExplorer(net, [1.0], [0.0])
    a1 = 1 / (1 + np.exp(-(0.3 + 0.1)))                     # by hand: the hidden neuron, then the output
    by_hand = 0.5 * (1 / (1 + np.exp(-(5.0 * a1 + 0.2)))) ** 2
    assert view.state["loss"] == net.loss([1.0], [0.0]) == pytest.approx(by_hand, rel=1e-12)
    assert view.net.weights[1][0, 0] == 5.0 and view.state["p"] == 5.0
    assert view.controls["p"].value == 5.0 and view.controls["p"].max >= 5.0


def test_a_trained_xor_network_is_shown_as_it_is():
    net, x, y = trained_xor()
    beyond = sum(int(np.sum(np.abs(p) > 4)) for p in net.parameters())
    assert beyond >= 5                                       # the case that used to be clamped to ±4
    view = NudgeExplorer(net, x, y)
    assert_shows(view.net, net, view.state["loss"], x, y)
    for _, key in parameter_keys(net):                       # pick each parameter: its slider holds it exactly
        view.controls["parameter"].value = key
        assert view.controls["p"].value == get_parameter(net, key) == view.state["p"]
    assert_shows(view.net, net, view.state["loss"], x, y)


def test_a_browser_echo_after_showing_or_picking_changes_nothing():
    net = note_003(W1=[[-0.43737, 0.3], [0.6, 0.9]])
    view = NudgeExplorer(net, X, Y, parameter=("weights", 0, 0, 0))
    before = parameters_bytes(view.net)
    view.controls["p"].value = -0.44                         # the browser rounds -0.43737 to its 0.01 grid
    view.controls["parameter"].value = ("biases", 1, 0)
    for echo in echoes(view.controls["p"]):
        view.controls["p"].value = echo
    assert parameters_bytes(view.net) == before and view.state["loss"] == net.loss(X, Y)
    view.controls["p"].value = 0.31                          # a real move still writes its exact value
    assert view.net.biases[1][0] == 0.31


def test_the_slider_grows_to_hold_1e3():
    net = note_003(W2=[[1e3, 0.7]])
    view = NudgeExplorer(net, X, Y)
    assert view.state["p"] == 1e3 and view.controls["p"].max >= 1e3 and view.state["loss"] == net.loss(X, Y)
    assert view.state["p_grid"][0] <= 1e3 <= view.state["p_grid"][-1]          # the curve spans the slider


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_the_view_shows_the_learners_network_and_changes_only_the_moved_entry(data):
    net, x, y = data.draw(learners_networks())
    keys = [key for _, key in parameter_keys(net) if net.activations[key[1]].prime is not None]
    if not keys:
        return                                               # an all-softmax network: nothing to nudge
    view = NudgeExplorer(net, x, y)
    c = view.controls

    def act(event, expected):
        if not pick_or_move(data, c, expected, keys, event, "p"):
            c["dp"].value = a_move(data.draw, c["dp"])
        assert view.state["p"] == get_parameter(expected, c["parameter"].value)
    play(data, view, net, x, y, ["parameter", "p", "dp"], act)
