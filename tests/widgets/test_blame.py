"""BlameExplorer (widgets/blame.py), headless: the diagram's synced numbers, Step, blame passed back
and the learner's own network."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from backprop import Network  # noqa: E402
from backprop.parameters import get_parameter, parameter_keys  # noqa: E402
from backprop.widgets import BlameExplorer  # noqa: E402
from backprop.widgets.figures.style import number  # noqa: E402
from backprop.widgets.figures.network import UNKNOWN_FILL as UNKNOWN, shade  # noqa: E402

from _networks import assert_shows, learners_networks, pick_or_move, play  # noqa: E402
from _views import X, Y, diagram, echoes, marks, note_003, parameters_bytes  # noqa: E402

pytestmark = pytest.mark.filterwarnings("error")


def test_blame_default_equals_the_core_on_note_003():
    view = BlameExplorer()
    net = note_003()
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    s = view.state
    assert s["loss"] == pytest.approx(net.loss(X, Y))
    for L in (1, 2):
        np.testing.assert_allclose(s["trace"].a[L], trace.a[L])
        np.testing.assert_allclose(s["gradients"].delta[L], grads.delta[L])
        np.testing.assert_allclose(s["gradients"].weights[L - 1], grads.weights[L - 1])
        np.testing.assert_allclose(s["gradients"].biases[L - 1], grads.biases[L - 1])
    shown = diagram(view)
    texts = shown["node_words"]
    assert texts == ["0.500", "0.100"] + [f"{a:.3f}" for a in trace.a[1][0]] + [f"{trace.a[2][0, 0]:.3f}"]
    assert shown["edge_words"] == ["+0.40", "+0.30", "+0.60", "+0.90", "+0.50", "+0.70"]
    widths = shown["edges"]["width"]
    assert widths[3] > widths[4] > widths[0] > widths[1]            # |0.9| > |0.5| > |0.4| > |0.3|
    assert f"a[1] = ({trace.a[1][0, 0]:.3f}, {trace.a[1][0, 1]:.3f})" in view.figure.description
    assert f"{grads.weights[0][1, 0]:+.6f}" in view.readout.value   # the table holds every gradient


def test_blame_toggle_colours_neurons_by_delta_and_edges_by_gradient():
    view = BlameExplorer()
    view.controls["x2"].value = -1.5                      # makes some gradients negative
    forward = diagram(view)["nodes"]["color"]
    view.controls["show"].value = "blame"
    net = note_003()
    x = np.array([[0.5, -1.5]])
    grads = net.backward(net.forward(x), Y)
    deltas = np.concatenate([grads.delta[1][0], grads.delta[2][0]])
    colours = diagram(view)["nodes"]["color"]
    assert colours[2:] == [matplotlib.colors.to_hex(c) for c in shade(deltas, np.abs(deltas).max())]
    assert colours != forward
    gradient = np.concatenate([grads.weights[0].ravel(), grads.weights[1].ravel()])
    assert diagram(view)["edges"]["color"] == ["positive" if g >= 0 else "negative" for g in gradient]
    assert diagram(view)["node_words"][2:] == [f"{d:+.4f}" for d in deltas]
    assert f"delta[2] = ({grads.delta[2][0, 0]:+.4f})" in view.figure.description


def test_backward_one_layer_at_a_time():
    view = BlameExplorer([3, 4, 4, 1])
    view.backward_one_layer()
    assert view.controls["show"].value == "blame" and view.state["revealed"] == [3]
    colours = diagram(view)["nodes"]["color"]
    assert colours[3:11] == [UNKNOWN] * 8 and colours[11] != UNKNOWN       # hidden blame not known yet
    assert view.readout.value.count("<td>?</td>") == 16 + 4 + 12 + 4
    view.backward_one_layer()
    view.backward_one_layer()
    assert view.state["revealed"] == [3, 2, 1] and "<td>?</td>" not in view.readout.value
    view.backward_one_layer()
    assert view.state["revealed"] == [3]                  # starts again from the output


def test_step_lowers_the_loss_and_equals_network_step():
    view = BlameExplorer()
    net = note_003()
    losses = [view.state["loss"]]
    for _ in range(3):
        view.step()
        net.step(net.backward(net.forward(X), Y), 0.1)
        losses.append(view.state["loss"])
    assert losses[0] > losses[1] > losses[2] > losses[3]
    assert view.state["loss"] == pytest.approx(net.loss(X, Y))
    np.testing.assert_allclose(view.state["trace"].parameters[0], net.weights[0])
    assert view.controls["value"].value == pytest.approx(net.weights[0][0, 0], abs=0.005)
    view.controls["step"].click()
    assert view.state["steps"] == 4 and view.state["loss"] < losses[3]
    view.controls["reset"].click()
    assert view.state["loss"] == pytest.approx(losses[0]) and view.state["steps"] == 0


def test_the_browser_rounding_a_stepped_slider_does_not_move_the_parameter():
    view = BlameExplorer()
    view.step()
    stepped = view.net.weights[0][0, 0]
    view.controls["value"].value = round(stepped, 2)       # what a browser sends back after the Step
    assert view.net.weights[0][0, 0] == stepped and round(stepped, 2) != stepped
    view.controls["value"].value = round(stepped, 2) + 0.05  # a real move still edits the network
    assert view.net.weights[0][0, 0] == pytest.approx(round(stepped, 2) + 0.05)


def test_parameter_selector_inputs_and_targets_edit_the_network():
    view = BlameExplorer()
    view.controls["parameter"].value = ("biases", 0, 1)
    assert view.controls["value"].value == 0.2
    view.controls["value"].value = -0.9
    assert view.state["trace"].parameters[1][1] == -0.9               # the state follows at once, not one move late
    view.controls["x1"].value, view.controls["y1"].value = 1.3, 0.1
    net = note_003(B1=[0.1, -0.9])
    x, y = np.array([[1.3, 0.1]]), np.array([[0.1]])
    assert view.state["loss"] == pytest.approx(net.loss(x, y))
    np.testing.assert_allclose(view.state["trace"].z[1], net.forward(x).z[1])
    ring = marks(view, "points")[0]
    assert (ring["x"], ring["y"]) == ([1.0], [-0.5])                # hidden neuron 2 is highlighted


def test_blame_reveal_slider_switches_to_blame_and_title_shows_the_numbers():
    view = BlameExplorer()
    view.controls["lr"].value = 0.5
    s = view.state
    assert view.figure.title == f"forward pass: ŷ = {number(round(s['y_hat'][0], 4))}, C = {number(round(s['loss'], 5))}, η = 0.5"
    view.controls["reveal"].value = 1
    assert view.controls["show"].value == "blame" and view.state["mode"] == "blame"
    assert view.figure.title.startswith("blame δ and ∂C/∂w: 1 of 2 layers back")
    assert view.figure.description.startswith("Network 2-2-1, blame δ and ∂C/∂w: 1 of 2 layers back")


# ---- blame passed back through each weight: w·δ (note 003's network, by hand) ----------
def test_passed_back_shows_w_times_delta_on_each_edge_and_the_sum_on_each_neuron():
    view = BlameExplorer()
    view.controls["show"].value = "passed"
    a1 = 1 / (1 + np.exp(-np.array([0.4 * 0.5 + 0.3 * 0.1 + 0.1, 0.6 * 0.5 + 0.9 * 0.1 + 0.2])))   # by hand
    y_hat = 1 / (1 + np.exp(-(0.5 * a1[0] + 0.7 * a1[1] + 0.3)))
    delta2 = (y_hat - 0.6) * y_hat * (1 - y_hat)                  # ½(ŷ−y)²: ∂C/∂ŷ · σ'(z)
    through_output = np.array([0.5, 0.7]) * delta2               # w31·δ, w32·δ
    delta1 = through_output * a1 * (1 - a1)
    through_hidden = np.array([[0.4, 0.3], [0.6, 0.9]]) * delta1[:, None]   # weights[0][j, k] · δ⁽¹⁾_j
    s = view.state
    np.testing.assert_allclose(s["passed"][1], [through_output], rtol=1e-12)
    np.testing.assert_allclose(s["passed"][0], through_hidden, rtol=1e-12)
    np.testing.assert_allclose(s["received"][1], through_output, rtol=1e-12)        # one edge each: the sum
    np.testing.assert_allclose(s["received"][0], through_hidden.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(s["received"][2], [delta2], rtol=1e-12)
    shown = diagram(view)
    assert shown["edge_words"] == [f"{v:+.4f}" for v in [*through_hidden.ravel(), *through_output]]
    assert shown["node_words"] == [f"{v:+.4f}" for v in [*through_hidden.sum(axis=0), *through_output, delta2]]
    assert view.figure.title.startswith("blame passed back w·δ")
    assert f"({through_output[0]:+.4f}, {through_output[1]:+.4f})" in view.figure.description


def test_a_zero_weight_passes_back_no_blame_but_its_own_gradient_is_not_zero():
    view = BlameExplorer()
    view.controls["parameter"].value = ("weights", 1, 0, 0)       # w31
    view.controls["value"].value = 0.0
    view.controls["show"].value = "passed"
    s = view.state
    assert s["passed"][1][0, 0] == 0.0 and s["received"][1][0] == 0.0   # no blame reaches hidden neuron 1 …
    assert s["gradients"].weights[1][0, 0] == s["gradients"].delta[2][0, 0] * s["trace"].a[1][0, 0] != 0.0   # … yet w31 learns: δ·a
    assert diagram(view)["edge_words"][4] == "+0.0000"


def test_passed_back_hides_what_the_backward_pass_has_not_reached():
    view = BlameExplorer([3, 4, 4, 1])
    view.controls["show"].value = "passed"
    view.controls["reveal"].value = 1
    assert view.controls["show"].value == "passed"                # revealing keeps the mode
    s = view.state
    assert s["passed"][0] is None and s["passed"][1] is None and s["passed"][2] is not None
    assert diagram(view)["node_words"][:7] == ["?"] * 7 and "?" not in diagram(view)["node_words"][7:]


def test_a_diverging_step_is_refused_with_a_message_not_an_overflow():
    view = BlameExplorer([3, 1], activation="identity", x=[2.0, 2.0, 2.0], y=[1.0])
    view.controls["lr"].value = 5.0
    view.net.weights = [np.full((1, 3), 1e152)]           # as if many steps had already diverged
    before = view.net.weights[0].copy()
    view.step()                                           # C = ½(354e152)² would overflow
    assert "Step refused" in view.readout.value and view.steps == 0
    np.testing.assert_array_equal(view.net.weights[0], before)
    view.controls["reset"].click()
    assert "Step refused" not in view.readout.value
    for _ in range(3):                                    # |1 − 5·12| = 59: the error grows, no overflow yet
        view.step()
    assert view.steps == 3 and "Step refused" not in view.readout.value


# ---- the learner's network, never an altered copy (issue 12) ----------------------
def test_blame_shows_a_copy_of_the_learners_network_bit_for_bit():
    net = Network.from_parameters([[[0.3], [-6.5]], [[5.0, -6.0]]], [[0.1, 7.25], [0.2]])   # 4 beyond ±4
    view = BlameExplorer(net=net, x=[1.0], y=[0.0])
    assert view.net is not net
    assert_shows(view.net, net, view.state["loss"], [1.0], [0.0])
    for _, key in parameter_keys(net):
        view.controls["parameter"].value = key
        assert view.controls["value"].value == get_parameter(net, key)      # grown, never clamped to ±4
    view.step()
    assert parameters_bytes(net) != parameters_bytes(view.net)              # Step moves the copy …
    assert net.weights[1][0, 1] == -6.0                                     # … never the learner's network
    view.reset()
    assert_shows(view.net, net, view.state["loss"], [1.0], [0.0])


def test_an_input_or_target_outside_the_sliders_range_is_kept():
    view = BlameExplorer([2, 1], x=(5.0, -0.43737), y=(3.0,), activation="identity")
    assert list(view.state["x"]) == [5.0, -0.43737] and list(view.state["y"]) == [3.0]
    assert view.controls["x1"].max >= 5.0 and view.controls["y1"].max >= 3.0
    x, y = [5.0, -0.43737], [3.0]
    loss = view.state["loss"]
    assert loss == view.net.loss(x, y)
    for name in ("x2", "value"):                             # the browser rounds what it shows
        for echo in echoes(view.controls[name]):
            view.controls[name].value = echo
    assert view.state["loss"] == loss and list(view.state["x"]) == x


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_the_view_shows_the_learners_network_and_changes_only_the_moved_entry(data):
    net, x, y = data.draw(learners_networks())
    view, keys = BlameExplorer(net=net, x=x, y=y), [key for _, key in parameter_keys(net)]
    c = view.controls

    def act(event, expected):
        if pick_or_move(data, c, expected, keys, event, "value"):
            return
        if event == "show":
            c["show"].value = data.draw(st.sampled_from(["forward", "blame", "passed"]))
        else:
            c["reveal"].value = data.draw(st.integers(0, c["reveal"].max))
    play(data, view, net, x, y, ["parameter", "value", "show", "reveal"], act)
